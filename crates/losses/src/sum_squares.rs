//! Sum of squared errors (book §4.2.1).

use nalgebra::{Dim, Matrix, RawStorage};
use tensor_ops::Real;

use crate::sum::sum_row_major;

/// `E = 1/2 * sum_k (y_k - t_k)^2` over every element of `y` and `t`, the
/// book's `0.5 * np.sum((y - t)**2)`.
///
/// `y` are the network's outputs and `t` the targets (one-hot in the book), of
/// any one shape: a vector `(C,)` for one sample or a batch `(N, C)`, whose
/// error is then the sum over all samples, not the mean. The squares are added
/// in NumPy's order, so the book's digits come out exactly. Empty inputs give 0.
///
/// # Examples
///
/// ```
/// use nalgebra::dvector;
/// // The book: the "2" is right (t is one-hot at 2) and y gives it 0.6.
/// let t = dvector![0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
/// let y = dvector![0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0];
/// assert_eq!(losses::sum_squares_error(&y, &t), 0.09750000000000003_f64);
/// ```
///
/// # Panics
/// If `y` and `t` differ in shape; the message names both.
pub fn sum_squares_error<T, R, C, S1, S2>(y: &Matrix<T, R, C, S1>, t: &Matrix<T, R, C, S2>) -> T
where
    T: Real,
    R: Dim,
    C: Dim,
    S1: RawStorage<T, R, C>,
    S2: RawStorage<T, R, C>,
{
    assert_eq!(
        y.shape(),
        t.shape(),
        "sum_squares_error: y is {:?} but t is {:?}",
        y.shape(),
        t.shape()
    );
    let (rows, columns) = y.shape();
    let squares = sum_row_major(rows, columns, |n, k| {
        let diff = y[(n, k)] - t[(n, k)];
        diff * diff
    });
    T::cast(0.5) * squares
}
