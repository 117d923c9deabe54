//! Softmax followed by cross-entropy, forward and backward (book §5.6.3).

use nalgebra::DMatrix;
use tensor_ops::Real;

use crate::{Targets, cross_entropy_error_targets};

/// Forward pass of softmax-with-loss: `y = softmax(x)` row-wise, then
/// `L = mean cross-entropy(y, t)`.
///
/// `x: (N, C)` are scores (logits), not probabilities. Returns `(L, y)`.
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// use losses::{Targets, softmax_with_loss};
/// let (loss, y) = softmax_with_loss(&dmatrix![0.0_f64, 0.0], Targets::Labels(&[1]));
/// assert_eq!(y, dmatrix![0.5, 0.5]);
/// assert!((loss - std::f64::consts::LN_2).abs() < 1e-6);
/// ```
///
/// # Panics
/// If `t` does not fit `x` (see [`Targets::assert_fits`]) or the batch is empty.
#[track_caller]
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
#[track_caller]
pub fn softmax_with_loss_backward<T: Real>(y: &DMatrix<T>, t: Targets<'_, T>) -> DMatrix<T> {
    let mut dx = DMatrix::zeros(y.nrows(), y.ncols());
    softmax_with_loss_backward_into(y, t, &mut dx);
    dx
}

/// In-place [`softmax_with_loss_backward`]: writes `(y - t) / N` into `dx: (N, C)`.
///
/// # Panics
/// If `t` does not fit `y`, `dx` is not `y`'s shape, or the batch is empty.
#[track_caller]
pub fn softmax_with_loss_backward_into<T: Real>(
    y: &DMatrix<T>,
    t: Targets<'_, T>,
    dx: &mut DMatrix<T>,
) {
    t.assert_fits(y);
    assert_eq!(
        dx.shape(),
        y.shape(),
        "softmax_with_loss_backward: dx is {:?} but y is {:?}",
        dx.shape(),
        y.shape()
    );
    assert!(
        y.nrows() > 0,
        "softmax_with_loss_backward: the batch is empty (y is {:?})",
        y.shape()
    );
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
/// `dout * (y - t) / N`.
///
/// The targets are kept in the form they came in, so one-hot rows that are
/// not exactly one-hot (smoothed labels) get the gradient of the loss that
/// `forward` returned. The buffers are reused while the shapes stay the same.
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// use losses::{SoftmaxWithLoss, Targets};
/// let mut layer = SoftmaxWithLoss::new();
/// let x = dmatrix![0.0_f64, 0.0; 10.0, -10.0];
/// let loss = layer.forward(&x, Targets::Labels(&[1, 0]));
/// assert!((loss - 0.5 * std::f64::consts::LN_2).abs() < 1e-6);
/// let dx = layer.backward(1.0);
/// assert_eq!(dx[(0, 0)], 0.25); // (0.5 - 0) / 2
/// ```
#[derive(Debug, Clone)]
pub struct SoftmaxWithLoss<T: Real> {
    /// Softmax output of the last forward pass, `(N, C)`.
    y: DMatrix<T>,
    /// The targets of the last forward pass.
    t: KeptTargets<T>,
}

/// An owned copy of [`Targets`].
#[derive(Debug, Clone)]
enum KeptTargets<T> {
    OneHot(DMatrix<T>),
    Labels(Vec<usize>),
}

impl<T: Real> KeptTargets<T> {
    /// Replaces the kept targets with `t`, reusing the buffer when it fits.
    fn keep(&mut self, t: Targets<'_, T>) {
        match (self, t) {
            (KeptTargets::OneHot(kept), Targets::OneHot(t)) if kept.shape() == t.shape() => {
                kept.copy_from(t);
            }
            (KeptTargets::Labels(kept), Targets::Labels(t)) => {
                kept.clear();
                kept.extend_from_slice(t);
            }
            (kept, Targets::OneHot(t)) => *kept = KeptTargets::OneHot(t.clone()),
            (kept, Targets::Labels(t)) => *kept = KeptTargets::Labels(t.to_vec()),
        }
    }

    fn as_targets(&self) -> Targets<'_, T> {
        match self {
            KeptTargets::OneHot(t) => Targets::OneHot(t),
            KeptTargets::Labels(t) => Targets::Labels(t),
        }
    }
}

impl<T: Real> Default for SoftmaxWithLoss<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Real> SoftmaxWithLoss<T> {
    /// A layer with no forward pass yet.
    pub fn new() -> Self {
        Self {
            y: DMatrix::zeros(0, 0),
            t: KeptTargets::Labels(Vec::new()),
        }
    }

    /// `L = cross_entropy(softmax(x), t)` for scores `x: (N, C)`; remembers
    /// `y = softmax(x)` and `t` for [`backward`](Self::backward).
    ///
    /// # Panics
    /// If `t` does not fit `x` (the message names both shapes) or the batch is empty.
    #[track_caller]
    pub fn forward(&mut self, x: &DMatrix<T>, t: Targets<'_, T>) -> T {
        t.assert_fits(x);
        if self.y.shape() == x.shape() {
            self.y.copy_from(x);
        } else {
            self.y = x.clone();
        }
        tensor_ops::softmax_rows_mut(&mut self.y);
        let loss = cross_entropy_error_targets(&self.y, t);
        self.t.keep(t);
        loss
    }

    /// The softmax output `y: (N, C)` of the last forward pass.
    pub fn output(&self) -> &DMatrix<T> {
        &self.y
    }

    /// `dx = dout * (y - t) / N` for the last forward pass (the book's
    /// `backward` assumes `dout = 1`).
    ///
    /// # Panics
    /// If no forward pass ran yet.
    #[track_caller]
    pub fn backward(&self, dout: T) -> DMatrix<T> {
        assert!(
            self.y.nrows() > 0,
            "SoftmaxWithLoss::backward called before forward"
        );
        let mut dx = softmax_with_loss_backward(&self.y, self.t.as_targets());
        dx *= dout;
        dx
    }
}
