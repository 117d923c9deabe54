#![doc = include_str!("../README.md")]

pub mod hidden_units;
pub mod init;
pub mod mistakes;
mod moving_average;
pub mod xor;

pub use hidden_units::{shared_scale, w1_columns};
pub use mistakes::{Mistake, first_misclassified};
pub use moving_average::moving_average;
