#![doc = include_str!("../README.md")]

pub mod activations;
pub mod descent_paths;
pub mod gradient_field;
pub mod loss_sweep;
pub mod rounding_error;
pub mod series;
pub mod tangent;
