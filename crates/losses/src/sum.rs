//! Sums over a matrix in NumPy's order: row-major, added pairwise.

use tensor_ops::{Real, pairwise_sum};

/// `sum over n < rows, k < columns of term(n, k)`, in the order `np.sum` adds
/// a C-ordered `(rows, columns)` array: flattened row by row, then pairwise
/// ([`pairwise_sum`]). This is what makes the book's last digits come out.
pub(crate) fn sum_row_major<T: Real>(
    rows: usize,
    columns: usize,
    term: impl Fn(usize, usize) -> T,
) -> T {
    pairwise_sum(rows * columns, |i| term(i / columns, i % columns))
}
