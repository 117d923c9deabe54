//! The gradient by numerical differentiation, the book's slow way (book §4.5.1).

use losses::Targets;
use nalgebra::DMatrix;
use numdiff::numerical_gradient;
use tensor_ops::Real;

use super::{Params, TwoLayerNet};
use super::{ParamsRef, loss};

impl<T: Real> TwoLayerNet<T> {
    /// The gradient of [`loss`](Self::loss) with respect to every parameter
    /// by central differences, `dL/dp ~ (L(p + h) - L(p - h)) / 2h` with
    /// `h = 1e-4`, one element at a time ([`numdiff::numerical_gradient`]),
    /// as the book's `numerical_gradient(x, t)`.
    ///
    /// It costs two forward passes per parameter: about 80,000 for the book's
    /// 784-50-10 network. Use it to check [`gradient`](Self::gradient), as
    /// chapter 5 does, and in `f64`: in `f32` the loss's rounding error
    /// (about 1e-7) divided by `2h` swamps small gradients.
    ///
    /// # Panics
    /// As [`loss`](Self::loss).
    #[track_caller]
    pub fn numerical_gradient(&self, x: &DMatrix<T>, t: Targets<'_, T>) -> Params<T> {
        self.params.assert_consistent();
        let activation = self.activation;
        let loss_at = |p: ParamsRef<'_, T>| loss(p, activation, x, t);

        // Each parameter in turn is moved in place by `numerical_gradient`
        // while the closure borrows the other three.
        let mut params = self.params.clone();
        let Params { w1, b1, w2, b2 } = &mut params;
        Params {
            w1: numerical_gradient(|w1| loss_at(ParamsRef { w1, b1, w2, b2 }), w1),
            b1: numerical_gradient(|b1| loss_at(ParamsRef { w1, b1, w2, b2 }), b1),
            w2: numerical_gradient(|w2| loss_at(ParamsRef { w1, b1, w2, b2 }), w2),
            b2: numerical_gradient(|b2| loss_at(ParamsRef { w1, b1, w2, b2 }), b2),
        }
    }
}
