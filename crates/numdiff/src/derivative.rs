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
/// # Examples
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

/// The tangent of a function at one point, `y = slope (x - x0) + y0`: what
/// the book's `tangent_line(f, x)` returns as a lambda (figure 4-7).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tangent<T> {
    /// Where it touches the function.
    pub x0: T,
    /// `f(x0)`.
    pub y0: T,
    /// Its slope, `numerical_diff(f, x0)`.
    pub slope: T,
}

impl<T: Real> Tangent<T> {
    /// The line's height at `x`: `slope (x - x0) + y0`.
    pub fn at(&self, x: T) -> T {
        self.slope * (x - self.x0) + self.y0
    }
}

/// The tangent of `f` at `x0` (the book's `tangent_line`, §4.3.2): its slope
/// by [`numerical_diff`] and the line `y = slope (x - x0) + f(x0)`.
///
/// # Examples
///
/// ```
/// let tangent = numdiff::tangent_line(numdiff::function_1, 5.0);
/// assert_eq!(tangent.slope, 0.1999999999990898);
/// assert_eq!(tangent.at(5.0), numdiff::function_1(5.0));
/// ```
pub fn tangent_line<T: Real>(f: impl Fn(T) -> T, x0: T) -> Tangent<T> {
    Tangent {
        x0,
        y0: f(x0),
        slope: numerical_diff(&f, x0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::function_1;

    #[test]
    fn the_tangent_slopes_are_the_books() {
        // >>> numerical_diff(function_1, 5), numerical_diff(function_1, 10)
        // (0.1999999999990898, 0.2999999999986347)
        assert_eq!(tangent_line(function_1, 5.0).slope, 0.1999999999990898);
        assert_eq!(tangent_line(function_1, 10.0).slope, 0.2999999999986347);
        let line = tangent_line(function_1, 5.0);
        assert_eq!(line.at(5.0), function_1(5.0));
        assert!((line.at(6.0) - function_1(5.0_f64) - line.slope).abs() < 1e-12);
    }
}
