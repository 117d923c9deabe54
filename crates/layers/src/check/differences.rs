//! Central differences of one tensor, with the elements whose step
//! straddles a kink.

use nalgebra::DMatrix;
use numdiff::CheckContext;
use tensor_ops::Real;

/// Two one-sided slopes that differ by more than this share of the larger
/// are on both sides of a kink: on a smooth function they differ by
/// `h |f''|`, a share of about `h` of the slope.
const KINK_SHARE: f64 = 0.1;

/// The central differences `(f(p + h) - f(p - h)) / 2h` for every element
/// `p` of `values`, moved in place and restored bit for bit, and for each
/// element whether its step straddles a kink: whether the one-sided slopes
/// `(f(p + h) - f(p)) / h` and `(f(p) - f(p - h)) / h` (from `f0 = f(p)`,
/// the same for every element) differ by more than [`KINK_SHARE`] of the
/// larger and more than rounding explains.
pub(super) fn central_differences<T: Real>(
    values: &mut DMatrix<T>,
    h: T,
    f0: T,
    context: &CheckContext<'_>,
    mut f: impl FnMut(&DMatrix<T>) -> T,
) -> (DMatrix<T>, Vec<bool>) {
    let mut grad = DMatrix::zeros(values.nrows(), values.ncols());
    let mut kinks = vec![false; values.len()];
    let (h64, rounding) = (h.to_f64(), 2.0 * context.rounding_level());
    for i in 0..values.len() {
        let original = values[i];
        values[i] = original + h;
        let plus = f(values);
        values[i] = original - h;
        let minus = f(values);
        values[i] = original;
        grad[i] = (plus - minus) / (h + h);
        let right = (plus - f0).to_f64() / h64;
        let left = (f0 - minus).to_f64() / h64;
        let jump = (right - left).abs();
        kinks[i] = jump > KINK_SHARE * right.abs().max(left.abs()) && jump > rounding;
    }
    (grad, kinks)
}
