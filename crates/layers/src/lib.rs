#![doc = include_str!("../README.md")]

mod activation;
mod activation_layer;
mod affine;
mod choice;
mod layer_naive;
mod randn;
mod relu;
mod sigmoid;

pub use activation::Activation;
pub use activation_layer::ActivationLayer;
pub use affine::{Affine, AffineGrads, affine_forward};
pub use choice::{ParseChoiceError, parse_choice};
pub use layer_naive::{AddLayer, MulLayer};
pub use randn::randn;
pub use relu::Relu;
pub use sigmoid::Sigmoid;
