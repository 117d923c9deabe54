//! Softmax-with-loss as a [`Layer`] (book §5.6.3): the scores in, the
//! loss out as a `(1, 1)` matrix, the targets held by the layer.

use losses::{SoftmaxWithLoss, Targets};
use nalgebra::DMatrix;
use tensor_ops::Real;

use crate::Layer;

/// The book's `SoftmaxWithLoss` with its labels: `forward(x)` is
/// `[[L]]`, `L = -1/N sum_n ln softmax(x)[n, t_n]` for scores `x: (N, C)`,
/// and `backward([[dout]])` is `dout (y - t) / N` (figure 5-30), from
/// [`losses::SoftmaxWithLoss`].
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// use layers::{Layer, SoftmaxWithLossLayer};
///
/// let mut layer = SoftmaxWithLossLayer::new(&[1, 0]);
/// let loss = layer.forward(&dmatrix![0.0_f64, 0.0; 10.0, -10.0]);
/// assert!((loss[(0, 0)] - 0.5 * std::f64::consts::LN_2).abs() < 1e-6);
/// assert_eq!(layer.backward(&dmatrix![1.0])[(0, 0)], 0.25); // (0.5 - 0) / 2
/// ```
#[derive(Debug, Clone)]
pub struct SoftmaxWithLossLayer<T: Real> {
    labels: Vec<usize>,
    inner: SoftmaxWithLoss<T>,
}

impl<T: Real> SoftmaxWithLossLayer<T> {
    /// The layer for a batch whose sample `n` is of class `labels[n]`.
    pub fn new(labels: &[usize]) -> Self {
        Self {
            labels: labels.to_vec(),
            inner: SoftmaxWithLoss::new(),
        }
    }
}

impl<T: Real> Layer<T> for SoftmaxWithLossLayer<T> {
    /// # Panics
    /// If `x` does not have a row per label, or a label is not below its columns.
    fn forward(&mut self, x: &DMatrix<T>) -> DMatrix<T> {
        let loss = self.inner.forward(x, Targets::Labels(&self.labels));
        DMatrix::from_element(1, 1, loss)
    }

    /// # Panics
    /// If `dout` is not `(1, 1)` or no forward pass ran yet.
    fn backward(&mut self, dout: &DMatrix<T>) -> DMatrix<T> {
        assert_eq!(
            dout.shape(),
            (1, 1),
            "SoftmaxWithLossLayer::backward: dout is {:?}, the loss is (1, 1)",
            dout.shape()
        );
        self.inner.backward(dout[(0, 0)])
    }
}
