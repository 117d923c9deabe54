//! The four parameters of the two-layer network and the SGD update.

use nalgebra::{DMatrix, DVector};
use tensor_ops::Real;

/// The weights and biases of a [`TwoLayerNet`](crate::TwoLayerNet), under the book's names.
///
/// Also the shape of a gradient: `gradient` returns `dL/dW1`, ... in a `Params`.
///
/// | field | shape | book |
/// |---|---|---|
/// | `w1` | `(input, hidden)` | `params['W1']` |
/// | `b1` | `(hidden,)` | `params['b1']` |
/// | `w2` | `(hidden, output)` | `params['W2']` |
/// | `b2` | `(output,)` | `params['b2']` |
#[derive(Debug, Clone, PartialEq)]
pub struct Params<T: Real> {
    /// First-layer weights, `(input, hidden)`.
    pub w1: DMatrix<T>,
    /// First-layer biases, `(hidden,)`.
    pub b1: DVector<T>,
    /// Second-layer weights, `(hidden, output)`.
    pub w2: DMatrix<T>,
    /// Second-layer biases, `(output,)`.
    pub b2: DVector<T>,
}

impl<T: Real> Params<T> {
    /// The parameters' names in the book and in checkpoints, in order.
    pub const NAMES: [&'static str; 4] = ["W1", "b1", "W2", "b2"];

    /// All-zero parameters (or gradients) of the given sizes.
    pub fn zeros(input: usize, hidden: usize, output: usize) -> Self {
        Self {
            w1: DMatrix::zeros(input, hidden),
            b1: DVector::zeros(hidden),
            w2: DMatrix::zeros(hidden, output),
            b2: DVector::zeros(output),
        }
    }

    /// `(input, hidden, output)`, read from `w1` and `w2`.
    pub fn dims(&self) -> (usize, usize, usize) {
        (self.w1.nrows(), self.w1.ncols(), self.w2.ncols())
    }

    /// Whether the four shapes agree: `w1: (i, h)`, `b1: (h,)`, `w2: (h, o)`, `b2: (o,)`.
    pub fn is_consistent(&self) -> bool {
        let (_, hidden, output) = self.dims();
        self.b1.len() == hidden && self.w2.nrows() == hidden && self.b2.len() == output
    }

    /// Checks [`is_consistent`](Self::is_consistent).
    ///
    /// # Panics
    /// If the shapes disagree; the message names all four shapes, the location the caller.
    #[track_caller]
    pub(crate) fn assert_consistent(&self) {
        assert!(
            self.is_consistent(),
            "inconsistent parameters W1 {:?}, b1 ({},), W2 {:?}, b2 ({},); \
             expected (input, hidden), (hidden,), (hidden, output), (output,)",
            self.w1.shape(),
            self.b1.len(),
            self.w2.shape(),
            self.b2.len()
        );
    }

    /// One step of stochastic gradient descent: `p <- p - learning_rate * grad` for
    /// each of the four parameters (the book's
    /// `network.params[key] -= learning_rate * grad[key]`), without allocating.
    ///
    /// # Panics
    /// If `grads` does not have the shapes of `self`.
    pub fn sgd_update(&mut self, grads: &Params<T>, learning_rate: T) {
        assert!(
            self.w1.shape() == grads.w1.shape()
                && self.b1.len() == grads.b1.len()
                && self.w2.shape() == grads.w2.shape()
                && self.b2.len() == grads.b2.len(),
            "Params::sgd_update: parameters {:?} but gradients {:?}",
            self.dims(),
            grads.dims()
        );
        let step = |p: &mut T, g: T| *p -= learning_rate * g;
        self.w1.zip_apply(&grads.w1, step);
        self.b1.zip_apply(&grads.b1, step);
        self.w2.zip_apply(&grads.w2, step);
        self.b2.zip_apply(&grads.b2, step);
    }
}
