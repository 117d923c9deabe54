//! The numerical gradient of a function of a vector or matrix (book §4.4).

use nalgebra::allocator::Allocator;
use nalgebra::{DMatrix, DVector, DefaultAllocator, Dim, Matrix, OMatrix, StorageMut};
use tensor_ops::Real;

use crate::{CheckContext, H};

/// Numerical gradient `df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / 2h` for every
/// element `x_i` of a vector or matrix of any shape, with `h = 1e-4`.
///
/// As in the book (`np.nditer` over `x`), each element is perturbed **in
/// place**, one at a time, so `f` sees `x` with that one element moved; the
/// element is then restored to its exact original bits. The result has the
/// shape of `x`. It costs `2 * x.len()` calls of `f`. An empty `x` gives an
/// empty gradient without calling `f`.
///
/// `x` can be any nalgebra matrix or vector, views included, so `f` may be a
/// loss that reads a network's weights while they are perturbed in place.
///
/// # Examples
///
/// ```
/// use nalgebra::dvector;
/// // The book's example: the gradient of x0^2 + x1^2 at (3, 4) is about (6, 8).
/// let mut x = dvector![3.0_f64, 4.0];
/// let grad = numdiff::numerical_gradient(|x| x[0] * x[0] + x[1] * x[1], &mut x);
/// assert!((grad[0] - 6.0).abs() < 1e-6 && (grad[1] - 8.0).abs() < 1e-6);
/// assert_eq!(x, dvector![3.0, 4.0]);
/// ```
pub fn numerical_gradient<T, R, C, S>(
    mut f: impl FnMut(&Matrix<T, R, C, S>) -> T,
    x: &mut Matrix<T, R, C, S>,
) -> OMatrix<T, R, C>
where
    T: Real,
    R: Dim,
    C: Dim,
    S: StorageMut<T, R, C>,
    DefaultAllocator: Allocator<R, C>,
{
    let h = T::cast(H);
    let (rows, columns) = x.shape_generic();
    let mut grad = OMatrix::<T, R, C>::zeros_generic(rows, columns);
    for i in 0..x.len() {
        let (fxh1, fxh2) = both_sides(&mut f, x, i, h);
        grad[i] = (fxh1 - fxh2) / (h + h);
    }
    grad
}

/// `(f(x + h e_i), f(x - h e_i))`, moving element `i` of `x` in place and
/// restoring its exact original bits.
fn both_sides<T: Real, R: Dim, C: Dim, S: StorageMut<T, R, C>>(
    f: &mut impl FnMut(&Matrix<T, R, C, S>) -> T,
    x: &mut Matrix<T, R, C, S>,
    i: usize,
    h: T,
) -> (T, T) {
    let original = x[i];
    x[i] = original + h;
    let plus = f(x);
    x[i] = original - h;
    let minus = f(x);
    x[i] = original;
    (plus, minus)
}

/// Two one-sided slopes that differ by more than this share of the larger
/// lie on both sides of a kink: on a smooth function they differ by
/// `h |f''|`, a share of about `h` of the slope.
pub const KINK_SHARE: f64 = 0.1;

/// [`numerical_gradient`] at the step `h`, and for each element whether its
/// step straddles a kink (as ReLU's at 0), for [`CheckContext::kinks`]: the
/// one-sided slopes `(f(x + h) - f(x)) / h` and `(f(x) - f(x - h)) / h`
/// differ by more than [`KINK_SHARE`] of the larger and by more than
/// rounding explains (twice the context's
/// [`rounding_level`](CheckContext::rounding_level)). One more call of `f`
/// than the gradient alone, for `f(x)`.
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// use numdiff::{CheckContext, numerical_gradient_with_kinks};
///
/// // |x| at 3e-5 and at 0.5: only the first step crosses the kink.
/// let mut x = dmatrix![3e-5_f64, 0.5];
/// let context = CheckContext::new::<f64>(1, 1e-4, 1.0);
/// let (grad, kinks) = numerical_gradient_with_kinks(|x| x.abs().sum(), &mut x, 1e-4, &context);
/// assert_eq!(kinks, [true, false]);
/// assert!((grad[0] - 0.3).abs() < 1e-9 && (grad[1] - 1.0).abs() < 1e-9);
/// ```
pub fn numerical_gradient_with_kinks<T: Real>(
    mut f: impl FnMut(&DMatrix<T>) -> T,
    x: &mut DMatrix<T>,
    h: f64,
    context: &CheckContext<'_>,
) -> (DMatrix<T>, Vec<bool>) {
    let f0 = f(x).to_f64();
    let rounding = 2.0 * context.rounding_level();
    let h = T::cast(h);
    let mut grad = DMatrix::zeros(x.nrows(), x.ncols());
    let mut kinks = vec![false; x.len()];
    for i in 0..x.len() {
        let (plus, minus) = both_sides(&mut f, x, i, h);
        grad[i] = (plus - minus) / (h + h);
        let right = (plus.to_f64() - f0) / h.to_f64();
        let left = (f0 - minus.to_f64()) / h.to_f64();
        let jump = (right - left).abs();
        kinks[i] = jump > KINK_SHARE * right.abs().max(left.abs()) && jump > rounding;
    }
    (grad, kinks)
}

/// The batch form: for `x: (N, D)`, row `n` of the result is the numerical
/// gradient of `f` at row `n` of `x` (the book's `numerical_gradient` in
/// `gradient_2d.py`, used to draw a gradient field).
///
/// `x` itself is not modified; `f` gets a copy of each row. A batch with no
/// rows gives a `(0, D)` result.
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// let x = dmatrix![3.0_f64, 4.0; 0.0, 2.0];
/// let grads = numdiff::numerical_gradient_rows(|p| p[0] * p[0] + p[1] * p[1], &x);
/// assert!((grads[(1, 1)] - 4.0).abs() < 1e-6);
/// ```
pub fn numerical_gradient_rows<T: Real>(
    mut f: impl FnMut(&DVector<T>) -> T,
    x: &DMatrix<T>,
) -> DMatrix<T> {
    let mut grads = DMatrix::zeros(x.nrows(), x.ncols());
    let mut point = DVector::zeros(x.ncols());
    for (n, row) in x.row_iter().enumerate() {
        point.copy_from(&row.transpose());
        let grad = numerical_gradient(&mut f, &mut point);
        grads.row_mut(n).copy_from(&grad.transpose());
    }
    grads
}
