//! Index of the largest element, per sample (the book's `np.argmax(y, axis=1)`).

use nalgebra::DMatrix;

use crate::Real;

/// Index of the first largest element of `x` (like `np.argmax`).
///
/// A `NaN` never wins over a number; an all-`NaN` input gives 0.
///
/// # Panics
/// If `x` is empty: an empty row has no argmax.
pub fn argmax<T: Real>(x: impl IntoIterator<Item = T>) -> usize {
    let mut elements = x.into_iter().enumerate();
    let (mut best_index, mut best) = elements.next().expect("argmax of an empty sequence");
    for (i, v) in elements {
        if v > best || (best.is_nan() && !v.is_nan()) {
            best_index = i;
            best = v;
        }
    }
    best_index
}

/// Row-wise argmax of `x: (N, C)`: the predicted class of each sample.
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// let y = dmatrix![0.1_f64, 0.8, 0.1; 0.3, 0.1, 0.6];
/// assert_eq!(tensor_ops::argmax_rows(&y), [1, 2]);
/// ```
///
/// # Panics
/// If `x` has rows but no columns.
pub fn argmax_rows<T: Real>(x: &DMatrix<T>) -> Vec<usize> {
    assert!(
        x.nrows() == 0 || x.ncols() > 0,
        "argmax_rows: a ({}, {}) matrix has no columns to choose from",
        x.nrows(),
        x.ncols()
    );
    x.row_iter()
        .map(|row| argmax(row.iter().copied()))
        .collect()
}
