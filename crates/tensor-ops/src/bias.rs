//! Broadcasting a bias over a batch, and its reverse: column sums (book §5.6.2).

use nalgebra::{DMatrix, DVector};

use crate::Real;

/// `x + b` with the bias `b: (C,)` added to every row of `x: (N, C)`
/// (NumPy's broadcasting in `np.dot(x, W) + b`).
///
/// # Examples
///
/// ```
/// use nalgebra::{dmatrix, dvector};
/// let y = tensor_ops::add_bias(&dmatrix![1.0_f64, 2.0; 3.0, 4.0], &dvector![10.0, 20.0]);
/// assert_eq!(y, dmatrix![11.0, 22.0; 13.0, 24.0]);
/// ```
///
/// # Panics
/// If `b.len() != x.ncols()`; the message names both shapes.
pub fn add_bias<T: Real>(x: &DMatrix<T>, b: &DVector<T>) -> DMatrix<T> {
    let mut y = x.clone();
    add_bias_mut(&mut y, b);
    y
}

/// In-place [`add_bias`]: adds `b: (C,)` to every row of `x: (N, C)`.
///
/// # Panics
/// If `b.len() != x.ncols()`; the message names both shapes.
pub fn add_bias_mut<T: Real>(x: &mut DMatrix<T>, b: &DVector<T>) {
    assert_eq!(
        x.ncols(),
        b.len(),
        "add_bias: x is ({}, {}) but b is ({},)",
        x.nrows(),
        x.ncols(),
        b.len()
    );
    for (mut column, &bias) in x.column_iter_mut().zip(b.iter()) {
        column.add_scalar_mut(bias);
    }
}

/// Column sums `db_j = sum_n dout[n, j]` of `dout: (N, C)`: the gradient of a
/// bias that was broadcast over the batch (`np.sum(dout, axis=0)`).
///
/// A matrix with no rows sums to zeros.
pub fn column_sums<T: Real>(x: &DMatrix<T>) -> DVector<T> {
    let mut sums = DVector::zeros(x.ncols());
    column_sums_into(x, &mut sums);
    sums
}

/// In-place [`column_sums`]: writes the column sums of `x: (N, C)` into `out: (C,)`.
///
/// # Panics
/// If `out.len() != x.ncols()`; the message names both shapes.
pub fn column_sums_into<T: Real>(x: &DMatrix<T>, out: &mut DVector<T>) {
    assert_eq!(
        x.ncols(),
        out.len(),
        "column_sums_into: x is ({}, {}) but out is ({},)",
        x.nrows(),
        x.ncols(),
        out.len()
    );
    for (column, sum) in x.column_iter().zip(out.iter_mut()) {
        *sum = column.sum();
    }
}
