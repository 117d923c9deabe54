//! Why a ReLU network's gradient check can exceed its tolerance: the
//! parameters whose central difference straddles ReLU's kink at 0.
//!
//! Moving `W1[i][j]` by `±h` moves the pre-activation `a1[n][j]` by
//! `±h x[n][i]`. When `|a1[n][j]| < h |x[n][i]|` the two losses lie on both
//! sides of the kink, and the central difference gives the mean of the two
//! one-sided slopes, where backprop takes the slope of the side `a1` is on
//! (`1[a1 > 0]`). Both are right about their own definitions; they differ by
//! up to half the unit's `dL/dz1` for that sample. Likewise `b1[j]` (an input
//! that is always 1) with `|a1[n][j]| < h`. With tiny initial weights many
//! `a1` sit near 0, so a batch of 100 usually has a few such cases.

use nalgebra::DMatrix;

use numdiff::GradientDiff;
use tensor_ops::Real;

use super::GradientCheck;
use crate::{Activation, Params, TwoLayerNet};
use layers::affine_forward;

/// The elements of `W1` and `b1` whose central difference straddles a
/// ReLU kink, on one batch.
///
/// # Examples
///
/// ```
/// use nalgebra::{DVector, dmatrix};
/// use twolayer::gradient_check::ReluKinks;
/// use twolayer::{Activation, Params, TwoLayerNet};
///
/// // a1 = x W1 + b1 = [[5e-5, 0.5]] with x = [[1, 0.25]].
/// let params = Params {
///     w1: dmatrix![5e-5, 0.5; 0.0, 0.0],
///     b1: DVector::zeros(2),
///     w2: dmatrix![1.0; 1.0],
///     b2: DVector::zeros(1),
/// };
/// let net = TwoLayerNet::from_params(params, Activation::Relu);
/// let kinks = ReluKinks::find(&net, &dmatrix![1.0, 0.25], 1e-4);
/// assert_eq!((kinks.pre_activations, kinks.of), (1, 2));
/// // W1[0][0] moves a1 by 1e-4 > 5e-5 (straddles), W1[1][0] by 2.5e-5 (does not).
/// assert_eq!(kinks.counts(), (1, 1));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ReluKinks {
    /// How many pre-activations `a1[n][j]` lie within a step of 0 (0 for a
    /// sigmoid network, which has no kink).
    pub pre_activations: usize,
    /// Pre-activations in all, `N * hidden`.
    pub of: usize,
    /// `W1`'s straddling elements, in `W1`'s (column-major) element order.
    w1: Vec<bool>,
    /// `b1`'s straddling elements.
    b1: Vec<bool>,
}

impl ReluKinks {
    /// Finds the straddling elements of `net`'s `W1` and `b1` on the batch
    /// `x: (N, input)` for a central difference of step `h` (the numerical
    /// gradient's is [`numdiff::H`]). A sigmoid network has none.
    ///
    /// # Panics
    /// If `x` does not have `input` columns.
    pub fn find<T: Real>(net: &TwoLayerNet<T>, x: &DMatrix<T>, h: f64) -> Self {
        let Params { w1, b1, .. } = &net.params;
        let (inputs, hidden) = w1.shape();
        let mut kinks = Self {
            pre_activations: 0,
            of: x.nrows() * hidden,
            w1: vec![false; inputs * hidden],
            b1: vec![false; hidden],
        };
        if net.activation != Activation::Relu {
            return kinks;
        }
        assert_eq!(
            x.ncols(),
            inputs,
            "ReluKinks::find: x is {:?} but W1 is {:?}",
            x.shape(),
            w1.shape()
        );
        let x = x.map(|v| v.to_f64());
        let a1 = affine_forward(&x, &w1.map(|v| v.to_f64()), &b1.map(|v| v.to_f64()));
        let largest_input: Vec<f64> = x.row_iter().map(|row| row.amax()).collect();
        for ((n, j), &a) in a1
            .iter()
            .enumerate()
            .map(|(k, a)| ((k % a1.nrows(), k / a1.nrows()), a))
        {
            if a.abs() >= h * largest_input[n].max(1.0) {
                continue;
            }
            kinks.pre_activations += 1;
            kinks.b1[j] |= a.abs() < h;
            for i in 0..inputs {
                kinks.w1[j * inputs + i] |= a.abs() < h * x[(n, i)].abs();
            }
        }
        kinks
    }

    /// Whether no pre-activation is within a step of the kink.
    pub fn is_empty(&self) -> bool {
        self.pre_activations == 0
    }

    /// The straddling elements of `W1` (column-major) and of `b1`, as
    /// [`numdiff::CheckContext::kinks`] takes them.
    pub fn masks(&self) -> (&[bool], &[bool]) {
        (&self.w1, &self.b1)
    }

    /// How many elements of `W1` and of `b1` straddle a kink.
    pub fn counts(&self) -> (usize, usize) {
        let count = |mask: &[bool]| mask.iter().filter(|&&m| m).count();
        (count(&self.w1), count(&self.b1))
    }

    /// The check of [`GradientCheck::between`] with the straddling elements
    /// of `W1` and `b1` left out: what it says once the kinks are set aside.
    /// `W2` and `b2` are compared whole.
    ///
    /// # Panics
    /// If the gradients do not have the shapes of the network searched.
    pub fn check_elsewhere<T: Real>(
        &self,
        backprop: &Params<T>,
        numerical: &Params<T>,
    ) -> GradientCheck {
        let elsewhere = |mask: &[bool], a: &[T], b: &[T]| {
            assert!(
                a.len() == mask.len() && b.len() == mask.len(),
                "ReluKinks::check_elsewhere: {} and {} elements for a mask of {}",
                a.len(),
                b.len(),
                mask.len()
            );
            let keep = |values: &[T]| -> Vec<T> {
                values
                    .iter()
                    .zip(mask)
                    .filter(|&(_, &m)| !m)
                    .map(|(&v, _)| v)
                    .collect()
            };
            GradientDiff::between(&keep(a), &keep(b))
        };
        GradientCheck {
            w1: elsewhere(&self.w1, backprop.w1.as_slice(), numerical.w1.as_slice()),
            b1: elsewhere(&self.b1, backprop.b1.as_slice(), numerical.b1.as_slice()),
            ..GradientCheck::between(backprop, numerical)
        }
    }
}

#[cfg(test)]
mod tests {
    use nalgebra::{DVector, dmatrix};

    use super::*;

    fn net(activation: Activation) -> TwoLayerNet<f64> {
        // a1 = x W1 + b1 = [[5e-5, 0.5]] with x = [[1, 0.25]].
        let params = Params {
            w1: dmatrix![5e-5, 0.5; 0.0, 0.0],
            b1: DVector::zeros(2),
            w2: dmatrix![1.0; 1.0],
            b2: DVector::zeros(1),
        };
        TwoLayerNet::from_params(params, activation)
    }

    #[test]
    fn only_steps_across_zero_count() {
        let kinks = ReluKinks::find(&net(Activation::Relu), &dmatrix![1.0, 0.25], 1e-4);
        assert_eq!((kinks.pre_activations, kinks.of), (1, 2));
        // W1[0][0] moves a1 by 1e-4 > 5e-5, W1[1][0] by 2.5e-5 < 5e-5.
        assert_eq!(kinks.w1, [true, false, false, false]);
        assert_eq!(kinks.b1, [true, false]);
        assert_eq!(kinks.counts(), (1, 1));
    }

    #[test]
    fn a_sigmoid_network_has_no_kink() {
        let kinks = ReluKinks::find(&net(Activation::Sigmoid), &dmatrix![1.0, 0.25], 1e-4);
        assert!(kinks.is_empty());
        assert_eq!((kinks.counts(), kinks.of), ((0, 0), 2));
    }

    #[test]
    fn the_check_elsewhere_leaves_out_only_the_straddling_elements() {
        let kinks = ReluKinks::find(&net(Activation::Relu), &dmatrix![1.0, 0.25], 1e-4);
        let zeros = Params::<f64>::zeros(2, 2, 1);
        let mut off = zeros.clone();
        off.w1[(0, 0)] = 1.0; // straddles: left out
        off.w1[(1, 0)] = 0.5; // does not
        off.b1[0] = 2.0; // straddles
        off.w2[(1, 0)] = 0.25;
        let check = kinks.check_elsewhere(&off, &zeros);
        assert_eq!(check.w1.max_abs, 0.5);
        assert_eq!(check.b1.max_abs, 0.0);
        assert_eq!(check.w2.max_abs, 0.25);
        assert_eq!(GradientCheck::between(&off, &zeros).max_abs(), 2.0);
    }
}
