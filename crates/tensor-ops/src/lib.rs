//! Matrix helpers for neural networks written from scratch, on [nalgebra].
//!
//! The building blocks of *Deep Learning from Scratch* (Koki Saito), chapters
//! 3 to 5, as plain functions over `DMatrix` / `DVector`. As in the book, a
//! batch is a matrix whose **rows are samples**: `x: (N, D)`.
//!
//! | function | formula |
//! |---|---|
//! | [`sigmoid`] | `h(x) = 1 / (1 + exp(-x))` |
//! | [`sigmoid_grad`] | `h'(x) = (1 - h(x)) h(x)` |
//! | [`relu`], [`relu_grad`] | `max(0, x)`, `1[x > 0]` |
//! | [`softmax`], [`softmax_rows`] | `y_k = exp(a_k - max a) / sum_i exp(a_i - max a)` |
//! | [`argmax`], [`argmax_rows`] | index of the largest element (first one on ties) |
//! | [`one_hot`] | `t[n, labels[n]] = 1`, else 0 |
//! | [`add_bias`] | `x[n, j] + b[j]` for every row `n` |
//! | [`column_sums`] | `sum_n x[n, j]` (the gradient of a broadcast bias) |
//! | [`gather_rows`] | the mini-batch `x[indices]` |
//! | [`pairwise_sum`] | `sum_i term(i)` in NumPy's order (the book's last digits) |
//!
//! Everything is generic over [`Real`] (`f32` to train fast, `f64` to
//! reproduce the book's printed numbers). Functions a training loop calls
//! every step also come as `_mut` / `_into` variants that write into existing
//! buffers instead of allocating.
//!
//! # Example
//! ```
//! use nalgebra::{dmatrix, dvector};
//! use tensor_ops::{add_bias, argmax_rows, sigmoid, softmax_rows};
//!
//! let x = dmatrix![1.0_f64, 0.5; -2.0, 3.0];
//! let b = dvector![0.1, -0.1];
//! let h = sigmoid(&add_bias(&x, &b));
//! let y = softmax_rows(&h);
//! assert!((y.row(0).sum() - 1.0).abs() < 1e-12);
//! assert_eq!(argmax_rows(&y), vec![0, 1]);
//! ```
//!
//! # Panics
//! Shape mismatches are programming errors: like nalgebra, these functions
//! panic with a message naming both shapes (see each function's `# Panics`).
//! Empty inputs give a documented value (an empty softmax, zero column sums)
//! or panic where there is no answer (the argmax of nothing).
//!
//! # Tests
//! [`testing::assert_close`] is the workspace's one float comparison for
//! tests: scalars, slices, vectors and matrices, with a relative and an
//! absolute tolerance, naming the first element that differs.
//!
//! [nalgebra]: https://nalgebra.rs

mod activation;
mod argmax;
mod batch;
mod bias;
mod one_hot;
mod real;
mod softmax;
mod sum;
pub mod testing;

pub use activation::{
    relu, relu_grad, relu_grad_mut, relu_mut, scalar, sigmoid, sigmoid_grad, sigmoid_grad_mut,
    sigmoid_mut,
};
pub use argmax::{argmax, argmax_rows};
pub use batch::{gather_rows, gather_rows_into};
pub use bias::{add_bias, add_bias_mut, column_sums, column_sums_into};
pub use one_hot::one_hot;
pub use real::Real;
pub use softmax::{softmax, softmax_rows, softmax_rows_mut};
pub use sum::pairwise_sum;

/// The README's usage snippet, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
