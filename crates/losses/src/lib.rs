//! Loss functions of *Deep Learning from Scratch*, chapters 4 and 5.
//!
//! | function | formula |
//! |---|---|
//! | [`sum_squares_error`] | `E = 1/2 sum_k (y_k - t_k)^2` |
//! | [`cross_entropy_error_sample`] | `E = -sum_k t_k ln(y_k + 1e-7)` (one sample) |
//! | [`cross_entropy_error`], [`cross_entropy_error_labels`] | `E = -1/N sum_n sum_k t_nk ln(y_nk + 1e-7)` (batch mean) |
//! | [`softmax_with_loss`] | `L = cross_entropy(softmax(x), t)` |
//! | [`softmax_with_loss_backward`] | `dL/dx = (y - t) / N` |
//!
//! Rows are samples: `y: (N, C)`. Targets come one-hot (`t: (N, C)`) or as
//! label indices (`t: (N,)`), the two forms of the book's `one_hot_label`;
//! [`Targets`] carries either. The `1e-7` ([`DELTA`]) inside the log keeps a
//! zero probability from giving `-inf`. Generic over [`tensor_ops::Real`]:
//! in `f64`, sums are added in NumPy's order, so the book's printed digits
//! come out exactly.
//!
//! A shape mismatch panics with a message naming both shapes; an empty batch
//! panics too, since a mean over no samples has no value (see each
//! function's `# Panics`).
//!
//! # Example
//! ```
//! use nalgebra::dmatrix;
//! use losses::{Targets, cross_entropy_error, cross_entropy_error_labels, softmax_with_loss};
//!
//! let x = dmatrix![0.1_f64, 0.9, 0.8; 0.8, 0.1, 0.5; 0.2, 0.3, 0.5];
//! let t = dmatrix![0.0, 1.0, 0.0; 1.0, 0.0, 0.0; 0.0, 0.0, 1.0];
//! let (loss, y) = softmax_with_loss(&x, Targets::OneHot(&t));
//! assert!((loss - 0.8671110284550632).abs() < 1e-15); // the book's number
//! assert_eq!(cross_entropy_error(&y, &t), cross_entropy_error_labels(&y, &[1, 0, 2]));
//! ```

mod cross_entropy;
mod softmax_with_loss;
mod sum;
mod sum_squares;
mod targets;

pub use cross_entropy::{
    DELTA, cross_entropy_error, cross_entropy_error_labels, cross_entropy_error_sample,
    cross_entropy_error_sample_label, cross_entropy_error_targets,
};
pub use softmax_with_loss::{
    SoftmaxWithLoss, softmax_with_loss, softmax_with_loss_backward, softmax_with_loss_backward_into,
};
pub use sum_squares::sum_squares_error;
pub use targets::Targets;

/// The README's usage snippet, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
