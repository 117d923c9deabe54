//! Cross-entropy error for one sample and for a batch (book §4.2.2 to §4.2.4).

use nalgebra::{DMatrix, DVector};
use tensor_ops::{Real, pairwise_sum};

use crate::Targets;
use crate::sum::sum_row_major;

/// The `delta = 1e-7` added inside the log so that `ln(0)` never gives `-inf`.
///
/// Its price: a correct class predicted with probability exactly 1 costs
/// `-ln(1 + 1e-7) = -9.999999505838704e-8`, so a cross-entropy can be that
/// much below 0, never more.
pub const DELTA: f64 = 1e-7;

/// `-ln(y + delta)`: the loss of one sample whose correct class got probability `y`.
fn neg_log<T: Real>(y: T) -> T {
    -(y + T::cast(DELTA)).ln()
}

/// Cross-entropy of one sample: `E = -sum_k t_k ln(y_k + 1e-7)`, the book's
/// `-np.sum(t * np.log(y + delta))`.
///
/// `y: (C,)` are probabilities (a softmax output), `t: (C,)` is one-hot (or
/// any distribution over the classes). Empty `y` and `t` give 0, a sum of
/// nothing. See [`DELTA`] for why `E` can be a hair below 0.
///
/// # Examples
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
    pairwise_sum(y.len(), |k| t[k] * neg_log(y[k]))
}

/// Cross-entropy of one sample against its label: `E = -ln(y_label + 1e-7)`,
/// equal to [`cross_entropy_error_sample`] with the one-hot form of `label`.
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
/// `y: (N, C)` are probabilities (softmax rows), `t: (N, C)` one-hot rows;
/// the book's `-np.sum(t * np.log(y + 1e-7)) / batch_size`, summed in NumPy's
/// order. A single sample is a `(1, C)` batch, as in the book's
/// `reshape(1, y.size)`.
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// use tensor_ops::softmax_rows;
/// // The book's batch of three samples, one wrong (loss 0.867...).
/// let y = softmax_rows(&dmatrix![0.1_f64, 0.9, 0.8; 0.8, 0.1, 0.5; 0.2, 0.3, 0.5]);
/// let t = dmatrix![0.0, 1.0, 0.0; 1.0, 0.0, 0.0; 0.0, 0.0, 1.0];
/// assert!((losses::cross_entropy_error(&y, &t) - 0.8671110284550632).abs() < 1e-15);
/// ```
///
/// # Panics
/// If the shapes differ (the message names both) or `y` is empty: a mean over
/// no samples, or over samples with no classes, has no value.
#[track_caller]
pub fn cross_entropy_error<T: Real>(y: &DMatrix<T>, t: &DMatrix<T>) -> T {
    batch_mean(y, Targets::OneHot(t))
}

/// Mean cross-entropy over a batch with label indices:
/// `E = -1/N sum_n ln(y[n, t_n] + 1e-7)`, the book's
/// `-np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size`.
///
/// Equal to [`cross_entropy_error`] with the one-hot form of the labels.
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// let y = dmatrix![0.2_f64, 0.8; 0.5, 0.5];
/// let e = losses::cross_entropy_error_labels(&y, &[1, 0]);
/// let one_hot = losses::cross_entropy_error(&y, &dmatrix![0.0, 1.0; 1.0, 0.0]);
/// assert_eq!(e, one_hot);
/// ```
///
/// # Panics
/// If `t.len() != y.nrows()` (the message names both), a label is not below
/// `y.ncols()`, or `y` is empty.
#[track_caller]
pub fn cross_entropy_error_labels<T: Real>(y: &DMatrix<T>, t: &[usize]) -> T {
    batch_mean(y, Targets::Labels(t))
}

/// Mean cross-entropy of `y: (N, C)` against either form of targets.
///
/// # Panics
/// As [`cross_entropy_error`] and [`cross_entropy_error_labels`].
#[track_caller]
pub fn cross_entropy_error_targets<T: Real>(y: &DMatrix<T>, t: Targets<'_, T>) -> T {
    batch_mean(y, t)
}

/// The mean over the batch, as [`cross_entropy_error_targets`] documents.
#[track_caller]
fn batch_mean<T: Real>(y: &DMatrix<T>, t: Targets<'_, T>) -> T {
    t.assert_fits(y);
    assert!(
        !y.is_empty(),
        "y is {:?}, an empty batch has no mean loss",
        y.shape()
    );
    let (batch_size, classes) = y.shape();
    let total = match t {
        Targets::OneHot(t) => {
            sum_row_major(batch_size, classes, |n, k| t[(n, k)] * neg_log(y[(n, k)]))
        }
        Targets::Labels(labels) => pairwise_sum(batch_size, |n| neg_log(y[(n, labels[n])])),
    };
    total / T::cast(batch_size as f64)
}
