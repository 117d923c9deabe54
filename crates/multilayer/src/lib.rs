//! Networks deeper than two layers: the book's `MultiLayerNet`
//! (`common/multi_layer_net.py`), built from chapter 5's layers, and what it
//! shows: XOR needs a hidden layer, and deep networks need a good weight
//! initialisation (book §6.2).
//!
//! - [`MultiLayerNet`]: any number of hidden layers, sigmoid or ReLU
//!   ([`twolayer::Activation`]); `predict`, `loss`, `accuracy`, `gradient`
//!   (backprop), `numerical_gradient`, `sgd_step`, and `hidden_activations`
//!   for the activation histograms. Generic over `f32` and `f64`.
//! - [`WeightInit`]: a fixed std (the book's 0.01 or 1), Xavier
//!   `sqrt(1/n_in)` or He `sqrt(2/n_in)`; biases start at zero.
//! - [`NetParams`]: one [`AffineParams`] `(W, b)` per layer, and the SGD update.
//! - [`xor`]: the four points, full-batch training, and what a run came to.
//! - [`Moments`]: mean and std of a layer's activations.
//!
//! With one hidden layer the network is [`twolayer::TwoLayerNet`]: the same
//! weights from the same seed, the same loss and gradient to the last bit.
//!
//! # Example
//! ```
//! use losses::Targets;
//! use multilayer::{MultiLayerNet, WeightInit};
//! use nalgebra::DMatrix;
//! use rand::SeedableRng;
//! use rand::rngs::ChaCha12Rng;
//! use twolayer::Activation;
//!
//! let mut rng = ChaCha12Rng::seed_from_u64(0);
//! let mut net =
//!     MultiLayerNet::<f64>::new(6, &[5, 4, 3], 3, Activation::Relu, WeightInit::He, &mut rng)?;
//! assert_eq!(net.sizes(), [6, 5, 4, 3, 3]);
//! let x = DMatrix::from_fn(2, 6, |n, d| ((n * 6 + d) % 5) as f64 / 4.0);
//! let t = Targets::Labels(&[2, 0]);
//!
//! let backprop = net.gradient(&x, t);
//! let numerical = net.numerical_gradient(&x, t);
//! for (b, n) in backprop.layers.iter().zip(&numerical.layers) {
//!     assert!((&b.w - &n.w).amax() < 1e-6 && (&b.b - &n.b).amax() < 1e-6);
//! }
//! let before = net.loss(&x, t);
//! for _ in 0..10 {
//!     net.sgd_step(&x, t, 0.1);
//! }
//! assert!(net.loss(&x, t) < before);
//! # Ok::<(), multilayer::NetError>(())
//! ```
//!
//! # Panics
//! The math panics on shape mismatches, with the shapes in the message (see
//! each function's `# Panics`). What a user chooses, layer sizes and the
//! initialisation, is checked by [`MultiLayerNet::new`] and gives a
//! [`NetError`]; a [`WeightInit`] parses with a [`ParseInitError`].

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

/// The README's usage snippet, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
