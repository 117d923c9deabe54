//! The gradient by numerical differentiation, the book's slow way (§4.4).

use losses::Targets;
use nalgebra::{DMatrix, DVector};
use numdiff::numerical_gradient;
use tensor_ops::Real;

use crate::net::{Swap, scores};
use crate::{AffineParams, MultiLayerNet, NetParams};

impl<T: Real> MultiLayerNet<T> {
    /// The gradient of [`loss`](Self::loss) with respect to every parameter
    /// by central differences, `dL/dp ~ (L(p + h) - L(p - h)) / 2h` with
    /// `h = 1e-4`, one element at a time ([`numdiff::numerical_gradient`]), as
    /// the book's `numerical_gradient(x, t)`.
    ///
    /// Two forward passes per parameter: use it in `f64` on small networks,
    /// to check [`gradient`](Self::gradient).
    ///
    /// # Panics
    /// As [`loss`](Self::loss).
    #[track_caller]
    pub fn numerical_gradient(&self, x: &DMatrix<T>, t: Targets<'_, T>) -> NetParams<T> {
        self.params.assert_consistent();
        let activation = self.activation;
        let layers = &self.params.layers;
        let loss_with = |swap: Swap<'_, T>| {
            losses::softmax_with_loss(&scores(layers, Some(swap), activation, x), t).0
        };
        let grads = layers
            .iter()
            .enumerate()
            .map(|(i, layer)| {
                // A copy of the one parameter being moved; the others are read in place.
                let mut w: DMatrix<T> = layer.w.clone();
                let dw = numerical_gradient(|w| loss_with(Swap::W(i, w)), &mut w);
                let mut b: DVector<T> = layer.b.clone();
                let db = numerical_gradient(|b| loss_with(Swap::B(i, b)), &mut b);
                AffineParams { w: dw, b: db }
            })
            .collect();
        NetParams { layers: grads }
    }
}
