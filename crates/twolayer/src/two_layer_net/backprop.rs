//! The gradient by backpropagation through chapter 5's layers (book §5.7.2).

use layers::{Activation, ActivationLayer, Affine};
use losses::{SoftmaxWithLoss, Targets};
use nalgebra::DMatrix;
use tensor_ops::Real;

use super::{Params, TwoLayerNet};

/// The network's layers in order, holding what each forward pass cached:
/// `Affine1 -> Sigmoid | Relu -> Affine2 -> SoftmaxWithLoss`.
#[derive(Debug, Clone)]
pub(crate) struct Layers<T: Real> {
    affine1: Affine<T>,
    hidden: ActivationLayer<T>,
    affine2: Affine<T>,
    last_layer: SoftmaxWithLoss<T>,
}

impl<T: Real> Layers<T> {
    pub(crate) fn new() -> Self {
        Self {
            affine1: Affine::new(),
            hidden: ActivationLayer::new(Activation::default()),
            affine2: Affine::new(),
            last_layer: SoftmaxWithLoss::new(),
        }
    }
}

impl<T: Real> TwoLayerNet<T> {
    /// The gradient of [`loss`](Self::loss) with respect to every parameter,
    /// by backpropagation: one forward pass through the layers, then their
    /// `backward`s in reverse order, starting from `dout = dL/dL = 1`.
    ///
    /// ```text
    /// dout = (y - t) / N                    SoftmaxWithLoss, (N, output)
    /// dW2  = z1^T dout,  db2 = sum_n dout   Affine2
    /// dz1  = dout W2^T                      (N, hidden)
    /// da1  = h'(a1) * dz1                   Sigmoid: (1 - z1) z1; ReLU: 1[a1 > 0]
    /// dW1  = x^T da1,    db1 = sum_n da1    Affine1 (its dx is not needed)
    /// ```
    ///
    /// Thousands of times faster than
    /// [`numerical_gradient`](Self::numerical_gradient), and in `f64` within
    /// about 1e-7 of it (see [`gradient_check`](crate::gradient_check())). The
    /// gap is not rounding: `(y - t) / N` is the exact gradient of the loss
    /// without the `1e-7` that `cross_entropy_error` adds inside the log,
    /// which the numerical gradient sees; it moves `dL/da2[n, k]` by
    /// `(1e-7 / (y[n, t_n] + 1e-7)) (y[n, k] - t[n, k]) / N`, at most about
    /// `1e-6 / N` for an untrained 10-class network.
    ///
    /// # Panics
    /// As [`loss`](Self::loss).
    #[track_caller]
    pub fn gradient(&mut self, x: &DMatrix<T>, t: Targets<'_, T>) -> Params<T> {
        self.params.assert_consistent();
        let Params { w1, b1, w2, b2 } = &self.params;
        let layers = &mut self.layers;
        if layers.hidden.activation() != self.activation {
            layers.hidden = ActivationLayer::new(self.activation);
        }

        // forward
        let a1 = layers.affine1.forward(x, w1, b1);
        let z1 = layers.hidden.forward(a1);
        let a2 = layers.affine2.forward(&z1, w2, b2);
        layers.last_layer.forward(&a2, t);

        // backward
        let dout = layers.last_layer.backward(T::one());
        let affine2 = layers.affine2.backward(&dout, w2);
        let da1 = layers.hidden.backward(affine2.dx);
        let (dw1, db1) = layers.affine1.backward_params(&da1);

        Params {
            w1: dw1,
            b1: db1,
            w2: affine2.dw,
            b2: affine2.db,
        }
    }
}
