#![doc = include_str!("../README.md")]

pub mod hidden_units;
pub mod mistakes;

pub use hidden_units::{shared_scale, w1_columns};
pub use mistakes::{Mistake, first_misclassified};
