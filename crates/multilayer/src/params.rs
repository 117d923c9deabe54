//! The weights and biases of every layer, and the SGD update.

use nalgebra::{DMatrix, DVector};
use tensor_ops::Real;

/// One Affine layer's parameters: `W: (n_in, n_out)`, `b: (n_out,)`.
#[derive(Debug, Clone, PartialEq)]
pub struct AffineParams<T: Real> {
    /// Weights, `(n_in, n_out)`.
    pub w: DMatrix<T>,
    /// Biases, `(n_out,)`.
    pub b: DVector<T>,
}

/// The parameters of a [`MultiLayerNet`](crate::MultiLayerNet), one
/// [`AffineParams`] per Affine layer from the input up: `layers[i]` holds the
/// book's `params['W{i+1}']` and `params['b{i+1}']`.
///
/// Also the shape of a gradient: `gradient` returns `dL/dW1`, ... in a `NetParams`.
#[derive(Debug, Clone, PartialEq)]
pub struct NetParams<T: Real> {
    /// Layer 1 (input side) first.
    pub layers: Vec<AffineParams<T>>,
}

impl<T: Real> NetParams<T> {
    /// The layer sizes `[input, hidden..., output]`, read from the weights
    /// (empty when there are no layers).
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes: Vec<usize> = self.layers.iter().map(|layer| layer.w.nrows()).collect();
        sizes.extend(self.layers.last().map(|layer| layer.w.ncols()));
        sizes
    }

    /// Whether there is at least one layer and the shapes chain up:
    /// `W{i}: (n_{i-1}, n_i)`, `b{i}: (n_i,)`.
    pub fn is_consistent(&self) -> bool {
        !self.layers.is_empty()
            && self
                .layers
                .iter()
                .all(|layer| layer.b.len() == layer.w.ncols())
            && self
                .layers
                .windows(2)
                .all(|pair| pair[0].w.ncols() == pair[1].w.nrows())
    }

    /// Checks [`is_consistent`](Self::is_consistent).
    ///
    /// # Panics
    /// If the shapes do not chain; the message names every shape, the location the caller.
    #[track_caller]
    pub(crate) fn assert_consistent(&self) {
        assert!(
            self.is_consistent(),
            "inconsistent parameters {:?}; expected W{{i}}: (n_{{i-1}}, n_i), b{{i}}: (n_i,)",
            self.shapes()
        );
    }

    /// `(W shape, b length)` of every layer, for messages.
    fn shapes(&self) -> Vec<((usize, usize), usize)> {
        self.layers
            .iter()
            .map(|layer| (layer.w.shape(), layer.b.len()))
            .collect()
    }

    /// One step of stochastic gradient descent, `p <- p - learning_rate * grad`
    /// for every weight and bias (the book's `SGD.update`), without allocating.
    ///
    /// # Panics
    /// If `grads` does not have the shapes of `self`.
    pub fn sgd_update(&mut self, grads: &NetParams<T>, learning_rate: T) {
        assert!(
            self.shapes() == grads.shapes(),
            "NetParams::sgd_update: parameters {:?} but gradients {:?}",
            self.shapes(),
            grads.shapes()
        );
        let step = |p: &mut T, g: T| *p -= learning_rate * g;
        for (layer, grad) in self.layers.iter_mut().zip(&grads.layers) {
            layer.w.zip_apply(&grad.w, step);
            layer.b.zip_apply(&grad.b, step);
        }
    }
}
