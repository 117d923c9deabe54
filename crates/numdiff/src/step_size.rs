//! How the step `h` decides the error of a numerical derivative (book
//! §4.3.1): the forward and the central difference at any `h`, and their
//! errors against a known derivative over a series of steps.

use tensor_ops::Real;

/// Forward difference `(f(x + h) - f(x)) / h`, the book's first, "bad"
/// `numerical_diff`.
///
/// Its truncation error is about `h f''(x) / 2`; with a tiny `h` such as
/// `1e-50`, `x + h` rounds to `x` and the quotient is exactly `0`.
///
/// # Examples
///
/// ```
/// let f = |x: f64| 0.01 * (x * x) + 0.1 * x;
/// assert_eq!(numdiff::forward_difference(f, 5.0, 1e-50), 0.0);
/// ```
pub fn forward_difference<T: Real>(f: impl Fn(T) -> T, x: T, h: T) -> T {
    (f(x + h) - f(x)) / h
}

/// Central difference `(f(x + h) - f(x - h)) / 2h` at any step `h`
/// ([`numerical_diff`](crate::numerical_diff) is this at `h = 1e-4`).
///
/// Its truncation error is about `h^2 f'''(x) / 6`, but the rounding of `f`
/// (about `|f| eps`) is divided by `2h`: the total error falls with `h`
/// down to about `h = 1e-5` and then grows again.
pub fn central_difference<T: Real>(f: impl Fn(T) -> T, x: T, h: T) -> T {
    (f(x + h) - f(x - h)) / (h + h)
}

/// The absolute errors of both differences at one step `h`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DifferenceError<T> {
    /// The step.
    pub h: T,
    /// `|forward_difference(f, x, h) - exact|`.
    pub forward: T,
    /// `|central_difference(f, x, h) - exact|`.
    pub central: T,
}

/// For each step in `hs`, the absolute error of the forward and the central
/// difference of `f` at `x` against the `exact` derivative `f'(x)`: the data
/// of an error-against-`h` plot.
///
/// # Examples
///
/// ```
/// let f = |x: f64| 0.01 * (x * x) + 0.1 * x; // f'(5) = 0.2
/// let errors = numdiff::difference_errors(f, 5.0, 0.2, [1e-4]);
/// assert!(errors[0].central < 1e-9 && errors[0].forward > 1e-9);
/// ```
pub fn difference_errors<T: Real>(
    f: impl Fn(T) -> T,
    x: T,
    exact: T,
    hs: impl IntoIterator<Item = T>,
) -> Vec<DifferenceError<T>> {
    hs.into_iter()
        .map(|h| DifferenceError {
            h,
            forward: (forward_difference(&f, x, h) - exact).abs(),
            central: (central_difference(&f, x, h) - exact).abs(),
        })
        .collect()
}
