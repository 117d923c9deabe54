//! Gathering the rows of a mini-batch (the book's `x_train[batch_mask]`).

use nalgebra::{DMatrix, Scalar};

/// Rows `indices` of `x: (N, D)`, in that order, as a `(indices.len(), D)` matrix.
/// Indices may repeat (batches drawn with replacement).
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// let x = dmatrix![1, 2; 3, 4; 5, 6];
/// assert_eq!(tensor_ops::gather_rows(&x, &[2, 0, 2]), dmatrix![5, 6; 1, 2; 5, 6]);
/// ```
///
/// # Panics
/// If an index is not below `x.nrows()`.
pub fn gather_rows<T: Scalar + Copy>(x: &DMatrix<T>, indices: &[usize]) -> DMatrix<T> {
    check_indices(x, indices);
    DMatrix::from_fn(indices.len(), x.ncols(), |r, c| x[(indices[r], c)])
}

/// In-place [`gather_rows`]: writes rows `indices` of `x: (N, D)` into
/// `out: (indices.len(), D)` without allocating.
///
/// # Panics
/// If `out` is not `(indices.len(), D)` (the message names both shapes) or an
/// index is not below `x.nrows()`.
pub fn gather_rows_into<T: Scalar + Copy>(x: &DMatrix<T>, indices: &[usize], out: &mut DMatrix<T>) {
    assert_eq!(
        out.shape(),
        (indices.len(), x.ncols()),
        "gather_rows_into: out is {:?} but {} rows of a {:?} matrix need ({}, {})",
        out.shape(),
        indices.len(),
        x.shape(),
        indices.len(),
        x.ncols()
    );
    check_indices(x, indices);
    for (mut out_column, x_column) in out.column_iter_mut().zip(x.column_iter()) {
        for (o, &i) in out_column.iter_mut().zip(indices) {
            *o = x_column[i];
        }
    }
}

fn check_indices<T: Scalar>(x: &DMatrix<T>, indices: &[usize]) {
    if let Some((k, &i)) = indices.iter().enumerate().find(|&(_, &i)| i >= x.nrows()) {
        panic!(
            "gather_rows: index {i} (position {k}) is out of range for a matrix with {} rows",
            x.nrows()
        );
    }
}
