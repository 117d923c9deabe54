#![doc = include_str!("../README.md")]

mod backprop;
mod init;
mod moments;
mod net;
mod numerical;
mod params;
pub mod xor;

pub use init::{ParseInitError, WeightInit};
pub use moments::Moments;
pub use net::{MultiLayerNet, NetError};
pub use params::{AffineParams, NetParams};
