//! Softmax for one sample and row-wise for a batch (book §3.5).

use nalgebra::{DMatrix, DVector, Dim, Matrix, RawStorageMut};

use crate::{Real, pairwise_sum};

/// Softmax of one sample: `y_k = exp(a_k - max a) / sum_i exp(a_i - max a)`.
///
/// Subtracting the maximum first (the book's overflow countermeasure) keeps
/// every `exp` at most 1, so inputs like `[1010, 1000, 990]` give finite
/// probabilities instead of `NaN`. The sum is added in NumPy's order
/// ([`pairwise_sum`]) so the book's digits come out.
///
/// An empty vector gives an empty vector. A `NaN` or `+inf` input (or only
/// `-inf` inputs) makes every output `NaN`: bad logits show up instead of
/// being hidden. A single `-inf` just gets probability 0.
///
/// # Examples
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

/// Row-wise softmax of a batch `a: (N, C)` of logits; each row sums to 1
/// (the book's `softmax` in `common/functions.py`, which subtracts each row's
/// own maximum). Each row is computed as by [`softmax`]; a matrix with no
/// columns is returned as it is.
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// let y = tensor_ops::softmax_rows(&dmatrix![1010.0_f64, 1000.0, 990.0; 0.0, 0.0, 0.0]);
/// assert!(y.iter().all(|p| p.is_finite()));
/// assert_eq!(y[(1, 2)], 1.0 / 3.0);
/// ```
pub fn softmax_rows<T: Real>(a: &DMatrix<T>) -> DMatrix<T> {
    let mut y = a.clone();
    softmax_rows_mut(&mut y);
    y
}

/// In-place [`softmax_rows`]: each row of `a: (N, C)` becomes its softmax,
/// without allocating.
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
    a.apply(|v| *v = (*v - max).exp());
    let sum = pairwise_sum(a.len(), |i| a[i]);
    a.apply(|v| *v /= sum);
}
