//! Softmax for one sample and row-wise for a batch (book §3.5).

use nalgebra::{DMatrix, DVector, Dim, Matrix, RawStorageMut};

use crate::Real;

/// Softmax of one sample: `y_k = exp(a_k - max a) / sum_i exp(a_i - max a)`.
///
/// Subtracting the maximum first (the book's overflow countermeasure) keeps
/// every `exp` at most 1, so inputs like `[1010, 1000, 990]` give finite
/// probabilities instead of `NaN`. An empty vector gives an empty vector.
///
/// ```
/// use nalgebra::dvector;
/// let y = tensor_ops::softmax(&dvector![0.3_f64, 2.9, 4.0]);
/// assert!((y.sum() - 1.0).abs() < 1e-12);
/// assert!((y[2] - 0.736_596_91).abs() < 1e-8);
/// ```
pub fn softmax<T: Real>(a: &DVector<T>) -> DVector<T> {
    let mut y = a.clone();
    softmax_in_place(&mut y);
    y
}

/// Row-wise softmax of a batch `a: (N, C)` of logits; each row sums to 1.
pub fn softmax_rows<T: Real>(a: &DMatrix<T>) -> DMatrix<T> {
    let mut y = a.clone();
    softmax_rows_mut(&mut y);
    y
}

/// Row-wise softmax in place: each row of `a: (N, C)` becomes its softmax.
pub fn softmax_rows_mut<T: Real>(a: &mut DMatrix<T>) {
    for mut row in a.row_iter_mut() {
        softmax_in_place(&mut row);
    }
}

/// Overflow-safe softmax of one row or column, in place.
fn softmax_in_place<T, R, C, S>(a: &mut Matrix<T, R, C, S>)
where
    T: Real,
    R: Dim,
    C: Dim,
    S: RawStorageMut<T, R, C>,
{
    let Some(max) = a.iter().copied().reduce(|m, v| if v > m { v } else { m }) else {
        return;
    };
    let mut sum = T::zero();
    a.apply(|v| {
        *v = (*v - max).exp();
        sum += *v;
    });
    a.apply(|v| *v /= sum);
}
