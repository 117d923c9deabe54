//! `check_layer`: a layer's backward pass against central differences of
//! its forward pass (book §5.7.3, for one layer), with the likely cause of
//! each failing gradient ([`numdiff::diagnose`]).
//!
//! The layer's output is turned into one number by a random projection,
//! `f(x) = sum(R ⊙ forward(x))` with `R ~ N(0, 1)` of the output's shape,
//! so `df/dy = R`: backward gets `dout = R`, and every output element
//! counts (an all-ones `dout` would hide errors that cancel in a sum).

mod report;

use nalgebra::DMatrix;
use numdiff::{CheckContext, GradientDiff, diagnose, numerical_gradient_with_kinks};
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use tensor_ops::Real;

use crate::{Layer, randn};
pub use report::{LayerCheck, TensorCheck};

/// The settings of [`check_layer`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CheckOptions {
    /// The step of the central differences (the book's `h = 1e-4`).
    pub h: f64,
    /// The largest relative error ([`GradientDiff::relative`]) a tensor may
    /// have and pass.
    pub tolerance: f64,
    /// Seed of the random projection `R`.
    pub seed: u64,
}

/// The default relative tolerance. In `f64` a correct layer's central
/// differences are within about 1e-9 of its backward pass (the error
/// `h^2 f''' / 6` and rounding), but the book's softmax-with-loss adds `1e-7`
/// inside its log, which its backward leaves out: a relative `1e-7 / y`,
/// 3.5e-7 on the example's batch and more for confident predictions. A
/// bug is off by 1e-2 and more.
pub const TOLERANCE: f64 = 1e-5;

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            h: numdiff::H,
            tolerance: TOLERANCE,
            seed: 0,
        }
    }
}

/// Checks `layer`'s backward pass at the input `x: (N, D)`: the gradient of
/// `f = sum(R ⊙ forward(x))` from `backward(R)` against central
/// differences `(f(p + h) - f(p - h)) / 2h` for every element `p` of `x`
/// and of each parameter. Reports per tensor (`"x"`, then the parameters
/// by name) the absolute and relative errors and, for a tensor over the
/// tolerance, the [`Diagnosis`](numdiff::Diagnosis).
///
/// The layer's parameters are restored bit for bit; its cache holds the
/// last evaluation. It costs `2 (x.len() + parameters) + 2 + tensors` forward passes, and
/// each step of a parameter rewrites the whole parameter: made for the
/// small shapes a layer is checked on (a few samples and units).
///
/// # Examples
///
/// ```
/// use nalgebra::{dmatrix, dvector};
/// use layers::{AffineLayer, CheckOptions, check_layer};
///
/// let mut affine = AffineLayer::new(dmatrix![1.0_f64, 2.0; 3.0, 4.0], dvector![0.5, -0.5]);
/// let check = check_layer(&mut affine, &dmatrix![1.0, 1.0; 0.5, -2.0], &CheckOptions::default());
/// assert!(check.passed(), "{check}");
/// assert_eq!(check.tensors.len(), 3); // x, W, b
/// ```
///
/// # Panics
/// As the layer's `forward` and `backward` for `x`.
pub fn check_layer<T: Real, L: Layer<T> + ?Sized>(
    layer: &mut L,
    x: &DMatrix<T>,
    options: &CheckOptions,
) -> LayerCheck {
    let y = layer.forward(x);
    let mut rng = ChaCha12Rng::seed_from_u64(options.seed);
    let r: DMatrix<T> = randn(y.nrows(), y.ncols(), 1.0, &mut rng);
    let dx = layer.backward(&r);
    let grads: Vec<(&'static str, DMatrix<T>)> = layer
        .grads()
        .into_iter()
        .map(|(name, grad)| (name, grad.into_owned()))
        .collect();
    // Each parameter's gradient by the parameter's name (a missing one is empty).
    let names: Vec<&'static str> = layer.params_mut().iter().map(|(name, _)| *name).collect();
    let analytic: Vec<(&'static str, DMatrix<T>)> = std::iter::once(("x", dx))
        .chain(names.iter().map(|&name| {
            let grad = grads.iter().find(|(n, _)| *n == name);
            (
                name,
                grad.map_or_else(|| DMatrix::zeros(0, 0), |(_, g)| g.clone()),
            )
        }))
        .collect();
    // f's rounding is epsilon times the sizes of the terms it sums.
    let value_scale = y.zip_map(&r, |y, r| (y * r).abs().to_f64()).sum();
    let context = CheckContext::new::<T>(x.nrows(), options.h, value_scale);
    let projection = |layer: &mut L, x: &DMatrix<T>| layer.forward(x).component_mul(&r).sum();

    let mut x = x.clone();
    let mut numerical = Vec::with_capacity(analytic.len());
    numerical.push(numerical_gradient_with_kinks(
        |x| projection(layer, x),
        &mut x,
        options.h,
        &context,
    ));
    for k in 0..names.len() {
        let mut values = layer.params_mut()[k].1.clone_owned();
        let f = |p: &DMatrix<T>| {
            layer.params_mut()[k].1.copy_from(p);
            projection(layer, &x)
        };
        numerical.push(numerical_gradient_with_kinks(
            f,
            &mut values,
            options.h,
            &context,
        ));
        layer.params_mut()[k].1.copy_from(&values);
    }

    let tensors = analytic
        .iter()
        .zip(&numerical)
        .map(|((name, analytic), (numerical, kinks))| {
            let diff = (analytic.shape() == numerical.shape())
                .then(|| GradientDiff::between_matrices(analytic.as_view(), numerical.as_view()));
            let passed = diff.is_some_and(|d| d.relative <= options.tolerance);
            let diagnosis = (!passed).then(|| {
                diagnose(
                    analytic.as_view(),
                    numerical.as_view(),
                    &context.with_kinks(kinks),
                )
            });
            TensorCheck {
                name,
                shape: numerical.shape(),
                diff,
                passed,
                diagnosis,
            }
        })
        .collect();
    LayerCheck {
        tensors,
        tolerance: options.tolerance,
    }
}
