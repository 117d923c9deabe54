#![doc = include_str!("../README.md")]

mod cross_entropy;
mod softmax_with_loss;
mod sum;
mod sum_squares;
mod targets;

pub use cross_entropy::{
    DELTA, cross_entropy_error, cross_entropy_error_labels, cross_entropy_error_sample,
    cross_entropy_error_sample_label, cross_entropy_error_targets,
};
pub use softmax_with_loss::{
    SoftmaxWithLoss, softmax_with_loss, softmax_with_loss_backward, softmax_with_loss_backward_into,
};
pub use sum_squares::sum_squares_error;
pub use targets::Targets;
