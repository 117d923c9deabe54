//! Gradient check: backprop against the numerical gradient (book §5.7.3),
//! and why a ReLU network's check can differ near the kink ([`ReluKinks`]).
//!
//! [`gradient_check`] is the book's `gradient_check.py`: both gradients on
//! one batch, then the mean and max `|backprop - numerical|` per parameter.
//! [`GradientCheck::between`] compares two gradients computed elsewhere
//! (e.g. with [`FastNumericalGradient`](crate::fast::FastNumericalGradient)),
//! [`max_abs_diff`] gives the one number, and [`GradientCheck::exceeding`]
//! the parameters over a tolerance. [`diagnoses`] names the likely cause of
//! each failing parameter ([`numdiff::diagnose`]); [`table`] and [`verdict`]
//! are what `cargo xtask gradcheck` prints.

mod relu_kinks;
mod report;

use losses::Targets;
use nalgebra::DMatrix;
use tensor_ops::Real;

pub use numdiff::GradientDiff;
pub use relu_kinks::ReluKinks;
pub use report::{diagnoses, kinks_note, table, verdict};

use crate::{Params, TwoLayerNet};

/// The result of [`gradient_check`]: one [`GradientDiff`] per parameter
/// (mean and max `|backprop - numerical|`, and the relative error).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GradientCheck {
    /// `W1`.
    pub w1: GradientDiff,
    /// `b1`.
    pub b1: GradientDiff,
    /// `W2`.
    pub w2: GradientDiff,
    /// `b2`.
    pub b2: GradientDiff,
}

impl GradientCheck {
    /// The book's comparison of two gradients of the same network,
    /// `|backprop - numerical|` element by element, per parameter.
    ///
    /// # Panics
    /// If the two gradients have different shapes.
    pub fn between<T: Real>(backprop: &Params<T>, numerical: &Params<T>) -> Self {
        Self {
            w1: GradientDiff::between(backprop.w1.as_slice(), numerical.w1.as_slice()),
            b1: GradientDiff::between(backprop.b1.as_slice(), numerical.b1.as_slice()),
            w2: GradientDiff::between(backprop.w2.as_slice(), numerical.w2.as_slice()),
            b2: GradientDiff::between(backprop.b2.as_slice(), numerical.b2.as_slice()),
        }
    }

    /// The four diffs under the book's names: `W1`, `b1`, `W2`, `b2`.
    pub fn named(&self) -> [(&'static str, GradientDiff); 4] {
        [
            ("W1", self.w1),
            ("b1", self.b1),
            ("W2", self.w2),
            ("b2", self.b2),
        ]
    }

    /// The largest `max_abs` of the four (`NaN` if any is `NaN`).
    pub fn max_abs(&self) -> f64 {
        self.named()
            .iter()
            .map(|(_, diff)| diff.max_abs)
            .fold(0.0, |m, d| {
                if d.is_nan() || m.is_nan() {
                    f64::NAN
                } else {
                    m.max(d)
                }
            })
    }

    /// The parameters whose `max_abs` is above `tol` or `NaN`, in the
    /// book's order: empty when the check passes.
    pub fn exceeding(&self, tol: f64) -> Vec<(&'static str, GradientDiff)> {
        self.named()
            .into_iter()
            .filter(|(_, diff)| diff.max_abs.is_nan() || diff.max_abs > tol)
            .collect()
    }
}

/// The largest `|a - b|` over every element of two gradients (or parameter
/// sets) of the same shapes: [`GradientCheck::between`]`(a, b).max_abs()`.
///
/// # Panics
/// If the shapes differ.
pub fn max_abs_diff<T: Real>(a: &Params<T>, b: &Params<T>) -> f64 {
    GradientCheck::between(a, b).max_abs()
}

/// Compares [`TwoLayerNet::gradient`] (backprop) with
/// [`TwoLayerNet::numerical_gradient`] on the batch `x`, `t`, parameter by
/// parameter, as the book's `gradient_check.py`.
///
/// In `f64` the differences are tiny: on the book's 784-50-10 network with
/// three MNIST images, means of about 1e-10 for `W1`, 1e-9 for `b1` and up to
/// 1e-7 for `W2` and `b2`, whose gradients feel most directly the `1e-7`
/// inside the loss's log that backprop leaves out (see
/// [`TwoLayerNet::gradient`]). A bug in a backward pass shows up as
/// differences of the size of the gradient itself, 1e-3 and up.
///
/// Slow: it computes the numerical gradient. Use a small batch.
///
/// # Examples
///
/// ```
/// use losses::Targets;
/// use nalgebra::DMatrix;
/// use rand::SeedableRng;
/// use twolayer::{Activation, TwoLayerNet, gradient_check};
///
/// let mut rng = rand::rngs::ChaCha12Rng::seed_from_u64(1);
/// let mut net = TwoLayerNet::<f64>::new(4, 5, 3, 0.5, Activation::Sigmoid, &mut rng);
/// let x = DMatrix::from_fn(2, 4, |n, d| (n + d) as f64 / 7.0);
/// let check = gradient_check(&mut net, &x, Targets::Labels(&[0, 2]));
/// assert!(check.max_abs() < 1e-6);
/// ```
///
/// # Panics
/// As [`TwoLayerNet::loss`].
pub fn gradient_check<T: Real>(
    net: &mut TwoLayerNet<T>,
    x: &DMatrix<T>,
    t: Targets<'_, T>,
) -> GradientCheck {
    let numerical = net.numerical_gradient(x, t);
    let backprop = net.gradient(x, t);
    GradientCheck::between(&backprop, &numerical)
}
