//! Why a gradient check fails: the likely cause named from the pattern of
//! the differences between an analytic gradient and a numerical one.
//!
//! [`diagnose`] looks, in this order, for: gradients that are not finite;
//! differences that the rounding of the float type explains for this `h`
//! ([`Diagnosis::Precision`]); differences only where the central difference
//! straddles a kink such as ReLU's ([`Diagnosis::Kinks`]); an analytic
//! gradient that is the numerical one transposed; one that is a constant
//! multiple of it, the batch size above all (the missing `/ batch_size`);
//! a softmax normalised over the whole batch instead of each sample. Else
//! the differences are [`Diagnosis::Unexplained`].

mod patterns;

use std::fmt;

use nalgebra::DMatrixView;
use tensor_ops::Real;

use crate::GradientDiff;

/// What [`diagnose`] needs to know besides the two gradients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CheckContext<'a> {
    /// Samples in the batch (rows of the input): the factor a missing or an
    /// extra `/ batch_size` leaves in a gradient.
    pub batch_size: usize,
    /// The step of the central difference (usually [`H`](crate::H)).
    pub h: f64,
    /// The machine epsilon of the float type the function was evaluated in
    /// (`f32::EPSILON` or `f64::EPSILON`).
    pub epsilon: f64,
    /// The size of the function's value at the point, `|f(x)|` (or, for a
    /// sum with cancelling terms, the sum of their sizes): its rounding is
    /// about `epsilon` times this.
    pub value_scale: f64,
    /// The elements (column-major, in the numerical gradient's shape) whose
    /// central difference straddles a kink, if the caller knows them.
    pub kinks: Option<&'a [bool]>,
}

/// How many roundings of `f` the central difference may carry: two values
/// of `f`, each the result of sums and products that round a few times.
pub const ROUNDINGS: f64 = 8.0;

/// Two tensors agree when they differ by at most this share of the larger
/// (plus the rounding level): the central difference's own error, `h^2 f''' / 6`,
/// is far below it, and each pattern below is a difference of order 1.
pub const AGREEMENT: f64 = 1e-3;

impl<'a> CheckContext<'a> {
    /// A context for a function evaluated in `T`: `epsilon` is `T`'s, no kinks known.
    pub fn new<T: Real>(batch_size: usize, h: f64, value_scale: f64) -> Self {
        Self {
            batch_size,
            h,
            epsilon: T::default_epsilon().to_f64(),
            value_scale,
            kinks: None,
        }
    }

    /// The same context with the elements that straddle a kink.
    pub fn with_kinks(self, kinks: &'a [bool]) -> Self {
        Self {
            kinks: Some(kinks),
            ..self
        }
    }

    /// The error rounding alone can put in a central difference:
    /// `ROUNDINGS * epsilon * |f| / (2 h)` (each of `f(x + h)` and
    /// `f(x - h)` is off by about `epsilon |f|`, and their difference is
    /// divided by `2h`).
    pub fn rounding_level(&self) -> f64 {
        ROUNDINGS * self.epsilon * self.value_scale / (2.0 * self.h)
    }
}

/// The likely cause of the differences between an analytic and a numerical
/// gradient, with what to change ([`fmt::Display`] says both).
#[derive(Debug, Clone, PartialEq)]
pub enum Diagnosis {
    /// A gradient has `NaN` or infinite elements.
    NotFinite,
    /// The differences are within what rounding explains: `level`, the
    /// [`CheckContext::rounding_level`], for the float of machine epsilon `epsilon`.
    Precision {
        /// The machine epsilon of the float type.
        epsilon: f64,
        /// The largest difference rounding explains.
        level: f64,
    },
    /// Every element that differs straddles a kink (ReLU's at 0): the central
    /// difference averages the two one-sided slopes, backprop takes one.
    Kinks {
        /// How many elements differ there.
        elements: usize,
    },
    /// The analytic gradient is the numerical one transposed (a forgotten
    /// transpose, e.g. `dW = dout^T x` for `x^T dout`).
    Transposed,
    /// The analytic gradient has another shape, and not the transposed one.
    WrongShape {
        /// The analytic gradient's shape.
        analytic: (usize, usize),
        /// The parameter's (and the numerical gradient's) shape.
        numerical: (usize, usize),
    },
    /// analytic = batch size x numerical (the missing `/ batch_size` of a
    /// layer whose forward averages over the batch), or numerical / batch
    /// size (`/ batch_size` once too often).
    BatchSize {
        /// The batch size.
        batch_size: usize,
        /// Whether the analytic gradient is `batch_size` times too large
        /// (true) or too small (false).
        too_large: bool,
    },
    /// analytic = `factor` x numerical, for a factor that is not the batch size.
    Scaled {
        /// The factor.
        factor: f64,
    },
    /// The loss does not change when one constant is added to every score
    /// of the batch, but does when it is added to one sample's: its softmax
    /// normalises over the whole batch instead of each row.
    SoftmaxOverBatch,
    /// None of the patterns above.
    Unexplained,
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::NotFinite => write!(
                f,
                "a gradient is NaN or infinite: look for a log of 0, an overflowing exp \
                 or a division by 0"
            ),
            Self::Precision { epsilon, level } => {
                let float = if epsilon == f64::from(f32::EPSILON) {
                    "f32"
                } else if epsilon == f64::EPSILON {
                    "f64"
                } else {
                    "this float type"
                };
                write!(
                    f,
                    "{float} precision: the differences are within {level:.1e}, what \
                     rounding explains for this h; check in f64"
                )
            }
            Self::Kinks { elements } => write!(
                f,
                "ReLU kinks: the {elements} elements that differ are where the step h \
                 crosses a kink, where the central difference averages the two slopes; \
                 nothing to fix"
            ),
            Self::Transposed => write!(
                f,
                "transposed: the gradient is the transpose of the right one; \
                 e.g. dW = x^T dout, not dout^T x"
            ),
            Self::WrongShape {
                analytic,
                numerical,
            } => write!(
                f,
                "wrong shape: the gradient is {analytic:?} but its parameter is {numerical:?}"
            ),
            Self::BatchSize {
                batch_size,
                too_large: true,
            } => write!(
                f,
                "off by the batch size: the gradient is {batch_size} (the batch size) times \
                 too large; the forward averages over the batch, so backward must divide \
                 by batch_size too"
            ),
            Self::BatchSize {
                batch_size,
                too_large: false,
            } => write!(
                f,
                "off by the batch size: the gradient is {batch_size} (the batch size) times \
                 too small; divide by batch_size once, where the forward averages"
            ),
            Self::Scaled { factor } => write!(
                f,
                "scaled: the gradient is {factor:.4} times the right one; look for a \
                 missing or extra constant factor"
            ),
            Self::SoftmaxOverBatch => write!(
                f,
                "softmax over the whole batch: the loss is unchanged when one constant is \
                 added to every score but changes when it is added to one sample's; \
                 normalise each row (axis=1), not the whole matrix"
            ),
            Self::Unexplained => write!(
                f,
                "unexplained: no known pattern; compare the backward pass with the \
                 derivative of the forward, element by element"
            ),
        }
    }
}

/// The likely cause of the differences between `analytic` (backprop, or
/// the learner's backward) and `numerical` (central differences) of one
/// tensor. It looks, in this order, for: a gradient that is not finite;
/// differences within the [`CheckContext::rounding_level`]; differences
/// only at the kinks the context marks; a transposed gradient (of the
/// transposed shape, or square); a uniform factor (the batch size or its
/// inverse, else any other); a numerical gradient that sums to 0 over the
/// batch but not over each row (a softmax over the whole batch). Two
/// tensors agree when they differ by at most the rounding level plus
/// [`AGREEMENT`] of the larger. Call it when a comparison fails; on
/// agreeing gradients it says [`Diagnosis::Precision`].
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// use numdiff::{CheckContext, Diagnosis, diagnose};
///
/// let numerical = dmatrix![0.1_f64, -0.2; 0.05, 0.3];
/// let context = CheckContext::new::<f64>(4, numdiff::H, 2.3);
/// let forgot_the_division = &numerical * 4.0;
/// assert_eq!(
///     diagnose(forgot_the_division.as_view(), numerical.as_view(), &context),
///     Diagnosis::BatchSize { batch_size: 4, too_large: true }
/// );
/// assert_eq!(
///     diagnose(numerical.transpose().as_view(), numerical.as_view(), &context),
///     Diagnosis::Transposed
/// );
/// ```
///
/// # Panics
/// If `context.kinks` is not as long as `numerical`.
pub fn diagnose<T: Real>(
    analytic: DMatrixView<'_, T>,
    numerical: DMatrixView<'_, T>,
    context: &CheckContext<'_>,
) -> Diagnosis {
    let a = analytic.map(|v| v.to_f64());
    let n = numerical.map(|v| v.to_f64());
    if a.iter().chain(n.iter()).any(|v| !v.is_finite()) {
        return Diagnosis::NotFinite;
    }
    let level = context.rounding_level();
    if a.shape() != n.shape() {
        return if a.shape() == (n.ncols(), n.nrows()) && patterns::agree(&a, &n.transpose(), level)
        {
            Diagnosis::Transposed
        } else {
            Diagnosis::WrongShape {
                analytic: a.shape(),
                numerical: n.shape(),
            }
        };
    }
    let diff = GradientDiff::between_matrices(a.as_view(), n.as_view());
    if diff.max_abs <= level {
        return Diagnosis::Precision {
            epsilon: context.epsilon,
            level,
        };
    }
    if let Some(kinks) = context.kinks
        && let Some(elements) = patterns::only_at_kinks(&a, &n, kinks, level)
    {
        return Diagnosis::Kinks { elements };
    }
    if a.is_square() && a.len() > 1 && patterns::agree(&a, &n.transpose(), level) {
        return Diagnosis::Transposed;
    }
    if let Some(factor) = patterns::uniform_factor(&a, &n, level) {
        let batch = context.batch_size as f64;
        let near = |x: f64, y: f64| (x - y).abs() <= 0.01 * y.abs();
        if context.batch_size > 1 && (near(factor, batch) || near(factor, 1.0 / batch)) {
            return Diagnosis::BatchSize {
                batch_size: context.batch_size,
                too_large: factor > 1.0,
            };
        }
        if !near(factor, 1.0) {
            return Diagnosis::Scaled { factor };
        }
    }
    if patterns::normalised_over_batch(&n, level) {
        return Diagnosis::SoftmaxOverBatch;
    }
    Diagnosis::Unexplained
}
