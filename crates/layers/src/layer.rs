//! The `Layer` trait: what every matrix layer of chapter 5 does (the book's
//! `forward`/`backward` with `W`, `b`, `dW`, `db` as attributes), so that a
//! network, an optimizer or [`check_layer`](crate::check_layer) can use any
//! layer, the learner's own included.

use nalgebra::{DMatrix, DMatrixView, DMatrixViewMut};
use tensor_ops::Real;

use crate::{Relu, Sigmoid};

/// A layer of a network over a batch `x: (N, D)` (rows are samples):
/// `forward` caches what `backward` needs, `backward` takes `dout = dL/dy`
/// of the output's shape and returns `dx = dL/dx`, keeping the gradients of
/// the parameters for [`grads`](Self::grads).
///
/// [`Sigmoid`], [`Relu`], [`AffineLayer`](crate::AffineLayer) and
/// [`SoftmaxWithLossLayer`](crate::SoftmaxWithLossLayer) implement it.
/// (`Sigmoid` and `Relu` also have inherent `forward`/`backward` that take
/// their matrix by value; call the trait's as `Layer::forward(&mut layer, &x)`.)
///
/// # Examples
///
/// A layer of the learner's own, `y = 2x`, with no parameters:
///
/// ```
/// use nalgebra::{DMatrix, dmatrix};
/// use layers::Layer;
///
/// struct Double;
/// impl Layer<f64> for Double {
///     fn forward(&mut self, x: &DMatrix<f64>) -> DMatrix<f64> {
///         x * 2.0
///     }
///     fn backward(&mut self, dout: &DMatrix<f64>) -> DMatrix<f64> {
///         dout * 2.0
///     }
/// }
///
/// let check = layers::check_layer(&mut Double, &dmatrix![1.0, -2.0], &Default::default());
/// assert!(check.passed(), "{check}");
/// ```
pub trait Layer<T: Real> {
    /// `y = layer(x)` for `x: (N, D)`; remembers what `backward` needs.
    fn forward(&mut self, x: &DMatrix<T>) -> DMatrix<T>;

    /// `dx = dL/dx` from `dout = dL/dy` of the last forward pass; keeps the
    /// parameters' gradients for [`grads`](Self::grads).
    fn backward(&mut self, dout: &DMatrix<T>) -> DMatrix<T>;

    /// The parameters by name (the book's `self.params`), to change in
    /// place. A vector is an `(M, 1)` view. None by default.
    fn params_mut(&mut self) -> Vec<(&'static str, DMatrixViewMut<'_, T>)> {
        Vec::new()
    }

    /// The gradients of the last backward pass, by the names of
    /// [`params_mut`](Self::params_mut) (the book's `dW`, `db`). None by default.
    fn grads(&self) -> Vec<(&'static str, DMatrixView<'_, T>)> {
        Vec::new()
    }
}

impl<T: Real> Layer<T> for Sigmoid<T> {
    fn forward(&mut self, x: &DMatrix<T>) -> DMatrix<T> {
        Sigmoid::forward(self, x.clone())
    }

    fn backward(&mut self, dout: &DMatrix<T>) -> DMatrix<T> {
        Sigmoid::backward(self, dout.clone())
    }
}

impl<T: Real> Layer<T> for Relu<T> {
    fn forward(&mut self, x: &DMatrix<T>) -> DMatrix<T> {
        Relu::forward(self, x.clone())
    }

    fn backward(&mut self, dout: &DMatrix<T>) -> DMatrix<T> {
        Relu::backward(self, dout.clone())
    }
}
