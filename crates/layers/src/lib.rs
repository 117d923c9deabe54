#![doc = include_str!("../README.md")]

mod activation;
mod activation_layer;
mod affine;
mod affine_layer;
mod check;
mod choice;
mod layer;
mod layer_naive;
mod randn;
mod relu;
mod sigmoid;
mod softmax_with_loss_layer;

pub use activation::Activation;
pub use activation_layer::ActivationLayer;
pub use affine::{Affine, AffineGrads, affine_forward};
pub use affine_layer::AffineLayer;
pub use check::{CheckOptions, LayerCheck, TOLERANCE, TensorCheck, check_layer};
pub use choice::{ParseChoiceError, parse_choice};
pub use layer::Layer;
pub use layer_naive::{AddLayer, MulLayer};
pub use numdiff::{Diagnosis, GradientDiff};
pub use randn::randn;
pub use relu::Relu;
pub use sigmoid::Sigmoid;
pub use softmax_with_loss_layer::SoftmaxWithLossLayer;
