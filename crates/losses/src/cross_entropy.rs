//! Cross-entropy error for one sample and for a batch (book §4.2.2 to §4.2.4).

use nalgebra::{DMatrix, DVector};
use tensor_ops::Real;

use crate::Targets;

/// The `delta = 1e-7` added inside the log so that `ln(0)` never gives `-inf`.
pub const DELTA: f64 = 1e-7;

/// `-ln(y + delta)`: the loss of one sample whose correct class got probability `y`.
fn neg_log<T: Real>(y: T) -> T {
    -(y + T::cast(DELTA)).ln()
}

/// Cross-entropy of one sample: `E = -sum_k t_k ln(y_k + 1e-7)`.
///
/// `y: (C,)` are probabilities (a softmax output), `t: (C,)` is one-hot.
///
/// ```
/// use nalgebra::dvector;
/// let t = dvector![0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
/// let y = dvector![0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0];
/// assert!((losses::cross_entropy_error_sample(&y, &t) - 0.510825457099338_f64).abs() < 1e-12);
/// ```
///
/// # Panics
/// If `y` and `t` differ in length; the message names both.
pub fn cross_entropy_error_sample<T: Real>(y: &DVector<T>, t: &DVector<T>) -> T {
    assert_eq!(
        y.len(),
        t.len(),
        "cross_entropy_error_sample: y is ({},) but t is ({},)",
        y.len(),
        t.len()
    );
    y.iter()
        .zip(t.iter())
        .fold(T::zero(), |sum, (&yk, &tk)| sum + tk * neg_log(yk))
}

/// Cross-entropy of one sample against its label: `E = -ln(y_label + 1e-7)`.
///
/// # Panics
/// If `label` is not below `y.len()`.
pub fn cross_entropy_error_sample_label<T: Real>(y: &DVector<T>, label: usize) -> T {
    assert!(
        label < y.len(),
        "cross_entropy_error_sample_label: label {label} is not below the class count {} of y",
        y.len()
    );
    neg_log(y[label])
}

/// Mean cross-entropy over a batch:
/// `E = -1/N sum_n sum_k t_nk ln(y_nk + 1e-7)`.
///
/// `y: (N, C)` are probabilities (softmax rows), `t: (N, C)` one-hot rows.
/// A single sample is a `(1, C)` batch, as in the book's `reshape(1, y.size)`.
///
/// # Panics
/// If the shapes differ (the message names both) or the batch is empty (a
/// mean over no samples is undefined).
pub fn cross_entropy_error<T: Real>(y: &DMatrix<T>, t: &DMatrix<T>) -> T {
    batch_mean(y, Targets::OneHot(t), "cross_entropy_error")
}

/// Mean cross-entropy over a batch with label indices:
/// `E = -1/N sum_n ln(y[n, t_n] + 1e-7)`, the book's
/// `-np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size`.
///
/// Equal to [`cross_entropy_error`] with the one-hot form of the labels.
///
/// # Panics
/// If `t.len() != y.nrows()`, a label is not below `y.ncols()`, or the batch is empty.
pub fn cross_entropy_error_labels<T: Real>(y: &DMatrix<T>, t: &[usize]) -> T {
    batch_mean(y, Targets::Labels(t), "cross_entropy_error_labels")
}

/// Mean cross-entropy of `y: (N, C)` against either form of targets.
///
/// # Panics
/// As [`cross_entropy_error`] and [`cross_entropy_error_labels`].
pub fn cross_entropy_error_targets<T: Real>(y: &DMatrix<T>, t: Targets<'_, T>) -> T {
    batch_mean(y, t, "cross_entropy_error_targets")
}

fn batch_mean<T: Real>(y: &DMatrix<T>, t: Targets<'_, T>, what: &str) -> T {
    t.assert_fits(y, what);
    assert!(y.nrows() > 0, "{what}: the batch is empty (y is {:?})", y.shape());
    let total = match t {
        Targets::OneHot(t) => y
            .iter()
            .zip(t.iter())
            .fold(T::zero(), |sum, (&yk, &tk)| sum + tk * neg_log(yk)),
        Targets::Labels(labels) => labels
            .iter()
            .enumerate()
            .fold(T::zero(), |sum, (n, &label)| sum + neg_log(y[(n, label)])),
    };
    total / T::cast(y.nrows() as f64)
}
