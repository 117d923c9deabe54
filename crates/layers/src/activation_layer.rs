//! The hidden activation layer of a network whose activation is chosen at
//! run time: a [`Sigmoid`] or a [`Relu`] behind one `forward`/`backward`.

use nalgebra::DMatrix;
use tensor_ops::Real;

use crate::Activation;
use crate::{Relu, Sigmoid};

/// A [`Sigmoid`] or [`Relu`] layer, as [`Activation`] says: what the book
/// writes as `Sigmoid()` or `Relu()` in its network's layer list.
#[derive(Debug, Clone)]
pub enum ActivationLayer<T: Real> {
    /// `y = 1 / (1 + exp(-x))`.
    Sigmoid(Sigmoid<T>),
    /// `y = max(0, x)`.
    Relu(Relu<T>),
}

impl<T: Real> ActivationLayer<T> {
    /// A fresh layer of the given activation (nothing cached yet).
    pub fn new(activation: Activation) -> Self {
        match activation {
            Activation::Sigmoid => Self::Sigmoid(Sigmoid::new()),
            Activation::Relu => Self::Relu(Relu::new()),
        }
    }

    /// Which activation it is.
    pub fn activation(&self) -> Activation {
        match self {
            Self::Sigmoid(_) => Activation::Sigmoid,
            Self::Relu(_) => Activation::Relu,
        }
    }

    /// `y = h(x)`, caching what [`backward`](Self::backward) needs.
    pub fn forward(&mut self, x: DMatrix<T>) -> DMatrix<T> {
        match self {
            Self::Sigmoid(layer) => layer.forward(x),
            Self::Relu(layer) => layer.forward(x),
        }
    }

    /// `dx = dout h'(x)`, from what the last [`forward`](Self::forward) cached.
    ///
    /// # Panics
    /// If `dout` is not the shape of the last forward pass.
    #[track_caller]
    pub fn backward(&self, dout: DMatrix<T>) -> DMatrix<T> {
        match self {
            Self::Sigmoid(layer) => layer.backward(dout),
            Self::Relu(layer) => layer.backward(dout),
        }
    }
}
