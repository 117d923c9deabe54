#![doc = include_str!("../README.md")]

pub mod activations;
pub mod descent_paths;
pub mod gradient_field;
pub mod hidden_units;
pub mod init;
pub mod loss_sweep;
pub mod mistakes;
mod moving_average;
pub mod rounding_error;
pub mod series;
pub mod tangent;
pub mod xor;

pub use hidden_units::{shared_scale, w1_columns};
pub use mistakes::{Mistake, first_misclassified};
pub use moving_average::moving_average;
