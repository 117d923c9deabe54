//! The numerical derivative of a one-variable function (book §4.3.1).

use tensor_ops::Real;

/// The step `h = 1e-4` of every central difference in this crate.
///
/// The book's choice: small enough for a good approximation, large enough that
/// `x + h` and `x - h` still differ from `x` in `f64` for moderate `x` (a
/// "too small" `h = 1e-50` rounds to `x` and gives 0).
pub const H: f64 = 1e-4;

/// Central difference `f'(x) ~ (f(x + h) - f(x - h)) / 2h` with `h = 1e-4`.
///
/// ```
/// // The book's example: f(x) = 0.01x^2 + 0.1x, whose true derivative at 5 is 0.2.
/// let df = numdiff::numerical_diff(|x: f64| 0.01 * x * x + 0.1 * x, 5.0);
/// assert_eq!(df, 0.1999999999990898);
/// ```
pub fn numerical_diff<T: Real>(f: impl Fn(T) -> T, x: T) -> T {
    let h = T::cast(H);
    (f(x + h) - f(x - h)) / (h + h)
}
