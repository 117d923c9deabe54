//! Numerical differentiation, as in chapter 4 of *Deep Learning from Scratch*.
//!
//! - [`numerical_diff`]: the central difference `(f(x + h) - f(x - h)) / 2h`,
//!   `h = 1e-4` ([`H`]).
//! - [`numerical_gradient`]: the same for every element of a vector or matrix
//!   of any shape, perturbing `x` in place one element at a time (so `f` sees
//!   the moved element) and restoring it bit for bit;
//!   [`numerical_gradient_rows`] does it for each row of a batch.
//! - [`gradient_descent`]: `x <- x - lr * grad f(x)`, returning the end point
//!   and the path ([`Descent`]).
//! - [`forward_difference`], [`central_difference`], [`difference_errors`]:
//!   both differences at any step `h`, and their errors against `h`.
//!
//! Generic over [`tensor_ops::Real`]: use `f64` to get the book's digits
//! (write `f` as NumPy evaluates it, e.g. `0.01 * (x * x)` for `0.01*x**2`,
//! since the central difference amplifies the last bit of `f` by `1 / 2h`).
//! Nothing is made "more robust" than the book: a too-large learning rate
//! diverges, and a gradient stalls where `h` is below the spacing of floats.
//!
//! # Example
//! ```
//! use nalgebra::dvector;
//!
//! // f(x0, x1) = x0^2 + x1^2 (the book's function_2)
//! let f = |x: &nalgebra::DVector<f64>| x[0] * x[0] + x[1] * x[1];
//! let mut x = dvector![3.0, 4.0];
//! let grad = numdiff::numerical_gradient(f, &mut x);
//! assert!((grad - dvector![6.0, 8.0]).norm() < 1e-6);
//!
//! let descent = numdiff::gradient_descent(f, dvector![-3.0, 4.0], 0.1, 100);
//! assert!(descent.x.norm() < 1e-8);
//! ```

mod derivative;
mod descent;
mod gradient;
mod step_size;

pub use derivative::{H, numerical_diff};
pub use descent::{Descent, gradient_descent};
pub use gradient::{numerical_gradient, numerical_gradient_rows};
pub use step_size::{DifferenceError, central_difference, difference_errors, forward_difference};

/// The README's usage snippet, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
