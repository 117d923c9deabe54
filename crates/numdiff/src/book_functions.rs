//! The functions chapter 4 differentiates, written as NumPy evaluates the
//! book's code (the central difference amplifies the last bit of `f` by
//! `1 / 2h`, so the order of the operations decides the printed digits).

use nalgebra::DVector;
use tensor_ops::Real;

/// The book's `function_1` (§4.3.2): `y = 0.01 x^2 + 0.1 x`, as NumPy
/// evaluates `0.01*x**2 + 0.1*x`, in `f64` or (as `np.float32` would) `f32`.
///
/// # Examples
///
/// ```
/// assert_eq!(numdiff::numerical_diff(numdiff::function_1, 5.0), 0.1999999999990898);
/// ```
pub fn function_1<T: Real>(x: T) -> T {
    T::cast(0.01) * (x * x) + T::cast(0.1) * x
}

/// The exact derivative of [`function_1`]: `dy/dx = 0.02 x + 0.1`.
pub fn function_1_derivative<T: Real>(x: T) -> T {
    T::cast(0.02) * x + T::cast(0.1)
}

/// The book's `function_2` (§4.3.3): `f(x0, x1) = x0^2 + x1^2`.
///
/// # Panics
/// If `x` has fewer than two elements.
pub fn function_2(x: &DVector<f64>) -> f64 {
    x[0] * x[0] + x[1] * x[1]
}
