//! Sum of squared errors (book §4.2.1).

use nalgebra::{Dim, Matrix, RawStorage};
use tensor_ops::Real;

/// `E = 1/2 * sum_k (y_k - t_k)^2` over every element of `y` and `t`.
///
/// ```
/// use nalgebra::dvector;
/// // The book: the "2" is right (t is one-hot at 2) and y gives it 0.6.
/// let t = dvector![0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
/// let y = dvector![0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0];
/// assert!((losses::sum_squares_error(&y, &t) - 0.0975_f64).abs() < 1e-15);
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
    let half = T::cast(0.5);
    half * y
        .iter()
        .zip(t.iter())
        .fold(T::zero(), |sum, (&yk, &tk)| sum + (yk - tk) * (yk - tk))
}
