//! Softmax followed by cross-entropy, forward and backward (book §5.6.3).

use nalgebra::DMatrix;
use tensor_ops::Real;

use crate::{Targets, cross_entropy_error_targets};

/// Forward pass of softmax-with-loss: `y = softmax(x)` row-wise, then
/// `L = mean cross-entropy(y, t)`.
///
/// `x: (N, C)` are scores (logits), not probabilities. Returns `(L, y)`.
///
/// # Panics
/// If `t` does not fit `x` (see [`Targets::assert_fits`]) or the batch is empty.
pub fn softmax_with_loss<T: Real>(x: &DMatrix<T>, t: Targets<'_, T>) -> (T, DMatrix<T>) {
    let y = tensor_ops::softmax_rows(x);
    let loss = cross_entropy_error_targets(&y, t);
    (loss, y)
}

/// Backward pass of softmax-with-loss for `dout = 1`: `dx = (y - t) / N`,
/// the beautifully simple gradient of the book's figure 5-30.
///
/// `y: (N, C)` is the softmax output of the forward pass.
///
/// # Panics
/// If `t` does not fit `y` or the batch is empty.
pub fn softmax_with_loss_backward<T: Real>(y: &DMatrix<T>, t: Targets<'_, T>) -> DMatrix<T> {
    let mut dx = DMatrix::zeros(y.nrows(), y.ncols());
    softmax_with_loss_backward_into(y, t, &mut dx);
    dx
}

/// In-place [`softmax_with_loss_backward`]: writes `(y - t) / N` into `dx: (N, C)`.
///
/// # Panics
/// If `t` does not fit `y`, `dx` is not `y`'s shape, or the batch is empty.
pub fn softmax_with_loss_backward_into<T: Real>(
    y: &DMatrix<T>,
    t: Targets<'_, T>,
    dx: &mut DMatrix<T>,
) {
    const WHAT: &str = "softmax_with_loss_backward";
    t.assert_fits(y, WHAT);
    assert_eq!(
        dx.shape(),
        y.shape(),
        "{WHAT}: dx is {:?} but y is {:?}",
        dx.shape(),
        y.shape()
    );
    assert!(y.nrows() > 0, "{WHAT}: the batch is empty (y is {:?})", y.shape());
    let batch_size = T::cast(y.nrows() as f64);
    dx.copy_from(y);
    match t {
        Targets::OneHot(t) => *dx -= t,
        Targets::Labels(labels) => {
            for (n, &label) in labels.iter().enumerate() {
                dx[(n, label)] -= T::one();
            }
        }
    }
    *dx /= batch_size;
}

/// The book's `SoftmaxWithLoss` layer: [`forward`](Self::forward) keeps the
/// softmax output and the targets, [`backward`](Self::backward) returns
/// `(y - t) / N`.
#[derive(Debug, Clone, Default)]
pub struct SoftmaxWithLoss<T: Real> {
    /// Softmax output of the last forward pass, `(N, C)`.
    y: DMatrix<T>,
    /// The targets of the last forward pass, as labels.
    labels: Vec<usize>,
}

impl<T: Real> SoftmaxWithLoss<T> {
    /// A layer with no forward pass yet.
    pub fn new() -> Self {
        Self {
            y: DMatrix::zeros(0, 0),
            labels: Vec::new(),
        }
    }

    /// `L = cross_entropy(softmax(x), t)`; remembers `y` and `t` for backward.
    ///
    /// # Panics
    /// If `t` does not fit `x` or the batch is empty.
    pub fn forward(&mut self, x: &DMatrix<T>, t: Targets<'_, T>) -> T {
        let (loss, y) = softmax_with_loss(x, t);
        self.labels.clear();
        self.labels.extend((0..t.len()).map(|n| t.label(n)));
        self.y = y;
        loss
    }

    /// The softmax output of the last forward pass.
    pub fn output(&self) -> &DMatrix<T> {
        &self.y
    }

    /// `dx = dout * (y - t) / N` for the last forward pass.
    ///
    /// # Panics
    /// If no forward pass ran yet.
    pub fn backward(&self, dout: T) -> DMatrix<T> {
        assert!(
            self.y.nrows() > 0,
            "SoftmaxWithLoss::backward called before forward"
        );
        let mut dx = softmax_with_loss_backward(&self.y, Targets::Labels(&self.labels));
        dx *= dout;
        dx
    }
}
