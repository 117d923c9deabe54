#![doc = include_str!("../README.md")]

mod activation;
mod argmax;
mod batch;
mod bias;
mod one_hot;
mod real;
mod softmax;
mod sum;
#[cfg(feature = "testing")]
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
