//! The patterns [`diagnose`](super::diagnose) looks for, each a test on
//! two gradients (or one) in `f64`.

use nalgebra::DMatrix;

use super::AGREEMENT;

/// The largest `|v|` of a matrix (0 for an empty one).
fn largest(m: &DMatrix<f64>) -> f64 {
    m.iter().fold(0.0, |max, v| max.max(v.abs()))
}

/// Whether `a` and `b` (one shape) differ by at most `level + AGREEMENT * max(|a|, |b|)`.
pub(super) fn agree(a: &DMatrix<f64>, b: &DMatrix<f64>, level: f64) -> bool {
    let tolerance = level + AGREEMENT * largest(a).max(largest(b));
    a.iter()
        .zip(b.iter())
        .all(|(x, y)| (x - y).abs() <= tolerance)
}

/// If every element where `a` and `b` disagree is marked in `kinks`, how
/// many there are (at least one).
///
/// # Panics
/// If `kinks` is not as long as `b`.
pub(super) fn only_at_kinks(
    a: &DMatrix<f64>,
    b: &DMatrix<f64>,
    kinks: &[bool],
    level: f64,
) -> Option<usize> {
    assert_eq!(
        kinks.len(),
        b.len(),
        "diagnose: {} kink marks for a gradient of {:?}",
        kinks.len(),
        b.shape()
    );
    let tolerance = level + AGREEMENT * largest(a).max(largest(b));
    let mut elements = 0;
    for ((x, y), &kink) in a.iter().zip(b.iter()).zip(kinks) {
        if (x - y).abs() > tolerance {
            if !kink {
                return None;
            }
            elements += 1;
        }
    }
    (elements > 0).then_some(elements)
}

/// The factor `s` with `a = s b`, if there is one: the least-squares
/// `s = <a, b> / <b, b>`, kept when `a` and `s b` agree.
pub(super) fn uniform_factor(a: &DMatrix<f64>, b: &DMatrix<f64>, level: f64) -> Option<f64> {
    let squares = b.dot(b);
    if squares == 0.0 {
        return None;
    }
    let factor = a.dot(b) / squares;
    agree(a, &(b * factor), level * factor.abs().max(1.0)).then_some(factor)
}

/// Whether the gradient `g: (N, C)` of a loss sums to about 0 over the
/// whole batch but not over each row: the loss is unchanged when one
/// constant is added to every score (a softmax over all `N C` scores) but
/// changes when it is added to one sample's (which a softmax per row would
/// not notice). Needs `N, C >= 2`.
pub(super) fn normalised_over_batch(g: &DMatrix<f64>, level: f64) -> bool {
    if g.nrows() < 2 || g.ncols() < 2 {
        return false;
    }
    // A sum of k terms, each carrying `level`, is zero up to `k level` and the agreement share.
    let near_zero =
        |sum: f64, sizes: f64, terms: usize| sum.abs() <= terms as f64 * level + AGREEMENT * sizes;
    let total_is_zero = near_zero(g.sum(), g.abs().sum(), g.len());
    let rows_are_zero = g
        .row_iter()
        .all(|row| near_zero(row.sum(), row.abs().sum(), row.len()));
    total_is_zero && !rows_are_zero
}
