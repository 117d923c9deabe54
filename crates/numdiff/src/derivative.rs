//! The numerical derivative of a one-variable function (book §4.3.1).

use tensor_ops::Real;

/// The step `h = 1e-4` of every central difference in this crate.
///
/// The book's choice: small enough for a good approximation, large enough that
/// `x + h` and `x - h` still differ from `x` in `f64` for moderate `x` (a
/// "too small" `h = 1e-50` rounds to `x` and gives 0).
pub const H: f64 = 1e-4;

/// Central difference `f'(x) ~ (f(x + h) - f(x - h)) / 2h` with `h = 1e-4`
/// (the book's `numerical_diff`).
///
/// Its error is `h^2 f'''(x) / 6` plus the rounding of `f` divided by `2h`:
/// about 1e-12 for the book's function_1, against `h f''(x) / 2 = 1e-6`
/// for the forward difference `(f(x + h) - f(x)) / h`.
///
/// ```
/// // The book's function_1: f(x) = 0.01x^2 + 0.1x, whose derivative at 5 is 0.2.
/// // Written as NumPy evaluates `0.01*x**2 + 0.1*x`: x*x first.
/// let f = |x: f64| 0.01 * (x * x) + 0.1 * x;
/// assert_eq!(numdiff::numerical_diff(f, 5.0), 0.1999999999990898);
/// assert_eq!(numdiff::numerical_diff(f, 10.0), 0.2999999999986347);
/// ```
pub fn numerical_diff<T: Real>(f: impl Fn(T) -> T, x: T) -> T {
    let h = T::cast(H);
    (f(x + h) - f(x - h)) / (h + h)
}
