//! The gradient by backpropagation through chapter 5's layers, and the SGD step.

use layers::{Activation, ActivationLayer, Affine};
use losses::{SoftmaxWithLoss, Targets};
use nalgebra::DMatrix;
use tensor_ops::Real;

use crate::{AffineParams, MultiLayerNet, NetParams};

/// The network's layers in order, holding what each forward pass cached:
/// `Affine1 -> h -> Affine2 -> h -> ... -> AffineL -> SoftmaxWithLoss`.
#[derive(Debug, Clone)]
pub(crate) struct Layers<T: Real> {
    affines: Vec<Affine<T>>,
    /// One fewer than `affines`: the activation after each but the last.
    hidden: Vec<ActivationLayer<T>>,
    last_layer: SoftmaxWithLoss<T>,
}

impl<T: Real> Layers<T> {
    pub(crate) fn new() -> Self {
        Self {
            affines: Vec::new(),
            hidden: Vec::new(),
            last_layer: SoftmaxWithLoss::new(),
        }
    }

    /// Makes the layers fit `depth` Affine layers with activation `h`,
    /// keeping the ones that already do.
    fn fit(&mut self, depth: usize, activation: Activation) {
        self.affines.resize_with(depth, Affine::new);
        self.hidden.truncate(depth - 1);
        for layer in &mut self.hidden {
            if layer.activation() != activation {
                *layer = ActivationLayer::new(activation);
            }
        }
        self.hidden
            .resize_with(depth - 1, || ActivationLayer::new(activation));
    }
}

impl<T: Real> MultiLayerNet<T> {
    /// The gradient of [`loss`](Self::loss) with respect to every parameter,
    /// by backpropagation: one forward pass through the layers, then their
    /// `backward`s in reverse order.
    ///
    /// ```text
    /// dout = (y - t) / N                         SoftmaxWithLoss, (N, output)
    /// dW_i = z_{i-1}^T dout,  db_i = sum_n dout  Affine i, for i = L down to 1
    /// dz   = dout W_i^T                          (N, n_{i-1}), not needed for i = 1
    /// dout = h'(a_{i-1}) * dz                    Sigmoid: (1 - z) z; ReLU: 1[a > 0]
    /// ```
    ///
    /// In `f64` within about 1e-7 of
    /// [`numerical_gradient`](Self::numerical_gradient) (the gap is the
    /// `1e-7` inside the loss's log, which backprop leaves out, as
    /// `twolayer::TwoLayerNet::gradient` explains).
    ///
    /// # Panics
    /// As [`loss`](Self::loss).
    #[track_caller]
    pub fn gradient(&mut self, x: &DMatrix<T>, t: Targets<'_, T>) -> NetParams<T> {
        self.loss_and_gradient(x, t).1
    }

    /// One SGD step on the batch: the gradient by backprop, then
    /// `p <- p - learning_rate * grad`. Returns the batch loss before the
    /// step, the one its forward pass computed (the loss after it would cost
    /// another forward pass; `twolayer`'s step returns that one).
    ///
    /// # Panics
    /// As [`loss`](Self::loss).
    #[track_caller]
    pub fn sgd_step_loss_before(
        &mut self,
        x: &DMatrix<T>,
        t: Targets<'_, T>,
        learning_rate: T,
    ) -> T {
        let (loss, grads) = self.loss_and_gradient(x, t);
        self.params.sgd_update(&grads, learning_rate);
        loss
    }

    /// The loss of the forward pass and the gradient of the backward pass.
    fn loss_and_gradient(&mut self, x: &DMatrix<T>, t: Targets<'_, T>) -> (T, NetParams<T>) {
        self.params.assert_consistent();
        let params = &self.params.layers;
        let depth = params.len();
        let layers = &mut self.layers;
        layers.fit(depth, self.activation);

        // forward
        let mut a = layers.affines[0].forward(x, &params[0].w, &params[0].b);
        let later = layers.affines[1..].iter_mut().zip(&params[1..]);
        for (hidden, (affine, p)) in layers.hidden.iter_mut().zip(later) {
            let z = hidden.forward(a);
            a = affine.forward(&z, &p.w, &p.b);
        }
        let loss = layers.last_layer.forward(&a, t);

        // backward
        let mut grads = Vec::with_capacity(depth);
        let mut dout = layers.last_layer.backward(T::one());
        for i in (1..depth).rev() {
            let affine = layers.affines[i].backward(&dout, &params[i].w);
            grads.push(AffineParams {
                w: affine.dw,
                b: affine.db,
            });
            dout = layers.hidden[i - 1].backward(affine.dx);
        }
        let (w, b) = layers.affines[0].backward_params(&dout);
        grads.push(AffineParams { w, b });
        grads.reverse();
        (loss, NetParams { layers: grads })
    }
}
