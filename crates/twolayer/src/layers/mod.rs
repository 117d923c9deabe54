//! Chapter 5's layers: each a small type whose `forward` caches exactly what
//! its `backward` needs (book §5.5, §5.6).
//!
//! | layer | forward | backward (`dout` is `dL/dy`) | caches |
//! |---|---|---|---|
//! | [`Affine`] | `y = x W + b` | `dx = dout W^T`, `dW = x^T dout`, `db = sum_n dout` | `x` |
//! | [`Sigmoid`] | `y = 1 / (1 + exp(-x))` | `dx = dout (1 - y) y` | `y` |
//! | [`Relu`] | `y = max(0, x)` | `dx = dout` where `x > 0`, else 0 | the mask `x <= 0` |
//!
//! [`ActivationLayer`] is either of the last two, as an [`Activation`](crate::Activation) chooses.
//!
//! The last layer, softmax with cross-entropy, is [`losses::SoftmaxWithLoss`].
//! Unlike the book's `Affine`, ours does not own `W` and `b`: the network's
//! [`Params`](crate::Params) do, and are passed in, so the parameters live in
//! one place that the optimizer, the numerical gradient and checkpoints share.

mod activation_layer;
mod affine;
mod relu;
mod sigmoid;

pub use activation_layer::ActivationLayer;
pub use affine::{Affine, AffineGrads, affine_forward};
pub use relu::Relu;
pub use sigmoid::Sigmoid;
