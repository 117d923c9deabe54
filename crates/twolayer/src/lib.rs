//! The two-layer network of *Deep Learning from Scratch* (Koki Saito),
//! chapters 4 and 5: numerical and backprop gradients, mini-batch training
//! and checkpoints.
//!
//! - [`SimpleNet`]: the book's 2x3 `simpleNet` and its numerical gradient (§4.4.2).
//! - [`MulLayer`], [`AddLayer`]: computational-graph nodes for the apples and oranges (§5.4).
//! - [`layers`]: chapter 5's [`Affine`](layers::Affine), [`Sigmoid`](layers::Sigmoid)
//!   and [`Relu`](layers::Relu), each a `forward`/`backward` pair.
//! - [`TwoLayerNet`]: `predict`, `loss`, `accuracy`, `numerical_gradient` (the
//!   book's slow way) and `gradient` (backprop); [`gradient_check`] compares them.
//! - [`Dataset`], [`train`], [`evaluate`], [`confusion_matrix`]: mini-batch SGD
//!   as the book's `train_neuralnet.py`, reporting through a [`TrainObserver`].
//!   They run a fast path ([`Trainer`], [`FastBackprop`]: a sparse first
//!   layer that skips zero pixels, no allocation per step, evaluation on all
//!   cores), tested against the plain dense code kept beside it
//!   ([`Trainer::reference`], [`TwoLayerNet::gradient`], [`evaluate_dense`]).
//! - [`checkpoint`]: [`save`](checkpoint::save) and [`load`](checkpoint::load)
//!   in the safetensors format.
//!
//! # The network
//!
//! A batch is a matrix whose rows are samples, `x: (N, input)`; targets `t`
//! are labels or one-hot rows ([`losses::Targets`]).
//!
//! ```text
//! a1 = x W1 + b1          W1: (input, hidden), b1: (hidden,)
//! z1 = h(a1)              h = sigmoid (chapter 4, the default) or ReLU (chapter 5)
//! a2 = z1 W2 + b2         W2: (hidden, output), b2: (output,)
//! y  = softmax(a2)
//! L  = -1/N sum_n ln(y[n, t_n] + 1e-7)
//! ```
//!
//! Backprop runs the layers backwards from `dL/da2 = (y - t) / N`; the
//! numerical gradient moves each of the (for MNIST) 39,760 parameters by
//! `h = 1e-4` both ways. Everything is generic over [`tensor_ops::Real`]:
//! `f64` to check gradients (backprop and numerical agree to about 1e-7 or
//! better), `f32` to train fast ([`train`] uses `f32`).
//!
//! # Example
//! ```
//! use losses::Targets;
//! use nalgebra::DMatrix;
//! use rand::SeedableRng;
//! use twolayer::{Activation, TwoLayerNet, gradient_check};
//!
//! let mut rng = rand::rngs::StdRng::seed_from_u64(0);
//! let mut net = TwoLayerNet::<f64>::new(6, 4, 3, 0.01, Activation::Relu, &mut rng);
//! let x = DMatrix::from_fn(2, 6, |n, d| ((n * 6 + d) % 5) as f64 / 4.0);
//! let t = [2, 0];
//!
//! assert_eq!(net.predict(&x).shape(), (2, 3));
//! // Tiny random weights: every class is about equally likely, L ~ ln 3.
//! assert!((net.loss(&x, Targets::Labels(&t)) - 3.0_f64.ln()).abs() < 0.01);
//!
//! let grad = net.gradient(&x, Targets::Labels(&t));
//! net.params.sgd_update(&grad, 0.1);
//! assert!(gradient_check(&mut net, &x, Targets::Labels(&t)).max_abs() < 1e-6);
//! ```
//!
//! # Panics
//! Like nalgebra and [`tensor_ops`], the math panics on shape mismatches, with
//! both shapes in the message (see each function's `# Panics`). Anything a
//! user controls at run time, a [`TrainConfig`], a [`Dataset`]'s bytes or a
//! checkpoint file, is checked and gives a typed error instead.

mod activation;
mod backprop;
pub mod checkpoint;
mod choice;
mod config;
mod dataset;
mod evaluate;
mod fast;
mod gradient_check;
mod graph;
pub mod layers;
mod net;
mod numerical;
mod numerical_fast;
mod params;
mod sampler;
mod simple_net;
mod sparse;
mod train;
mod trainer;

pub use activation::Activation;
pub use checkpoint::CheckpointError;
pub use choice::ParseChoiceError;
pub use config::{GradientMethod, Sampling, TrainConfig};
pub use dataset::{Dataset, DatasetError};
pub use evaluate::{
    EVAL_CHUNK, confusion_matrix, confusion_matrix_dense, evaluate, evaluate_dense,
};
pub use fast::FastBackprop;
pub use gradient_check::{Diff, GradientCheck, gradient_check};
pub use graph::{AddLayer, MulLayer};
pub use net::TwoLayerNet;
pub use numerical_fast::FastNumericalGradient;
pub use params::Params;
pub use simple_net::SimpleNet;
pub use train::{EpochStats, TrainError, TrainObserver, TrainReport, train};
pub use trainer::Trainer;
