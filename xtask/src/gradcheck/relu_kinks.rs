//! Why a ReLU network's gradient check can exceed its tolerance: the
//! parameters whose numerical gradient straddles ReLU's kink at 0.
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
use twolayer::{Diff, Params, TwoLayerNet};

/// The parameters of `W1` and `b1` whose central difference straddles a kink.
#[derive(Debug, Clone, PartialEq)]
pub struct Kinks {
    /// How many pre-activations `a1[n][j]` lie within a step of 0.
    pub pre_activations: usize,
    /// Pre-activations in all, `N * hidden`.
    pub of: usize,
    /// `W1`'s straddling elements, in `W1`'s (column-major) element order.
    w1: Vec<bool>,
    /// `b1`'s straddling elements.
    b1: Vec<bool>,
}

impl Kinks {
    /// Finds the straddling parameters of `net` (ReLU or not: the caller
    /// asks only for ReLU) on the batch `x: (N, input)` with step `h`.
    pub fn find(net: &TwoLayerNet<f64>, x: &DMatrix<f64>, h: f64) -> Self {
        let Params { w1, b1, .. } = &net.params;
        let (inputs, hidden) = w1.shape();
        let mut a1 = x * w1;
        for (j, mut column) in a1.column_iter_mut().enumerate() {
            column.add_scalar_mut(b1[j]);
        }
        let largest_input: Vec<f64> = x.row_iter().map(|row| row.amax()).collect();
        let mut kinks = Self {
            pre_activations: 0,
            of: a1.len(),
            w1: vec![false; inputs * hidden],
            b1: vec![false; hidden],
        };
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

    /// How many elements of `W1` and of `b1` straddle a kink.
    pub fn counts(&self) -> (usize, usize) {
        let count = |mask: &[bool]| mask.iter().filter(|&&m| m).count();
        (count(&self.w1), count(&self.b1))
    }

    /// The max |diff| of `W1` and `b1` over the elements that straddle no
    /// kink: what the check says once the kinks are set aside.
    pub fn max_abs_elsewhere(&self, backprop: &Params<f64>, numerical: &Params<f64>) -> [f64; 2] {
        let elsewhere = |mask: &[bool], a: &[f64], b: &[f64]| {
            let keep = |values: &[f64]| -> Vec<f64> {
                values
                    .iter()
                    .zip(mask)
                    .filter(|&(_, &m)| !m)
                    .map(|(&v, _)| v)
                    .collect()
            };
            Diff::between(&keep(a), &keep(b)).max_abs
        };
        [
            elsewhere(&self.w1, backprop.w1.as_slice(), numerical.w1.as_slice()),
            elsewhere(&self.b1, backprop.b1.as_slice(), numerical.b1.as_slice()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use nalgebra::{DVector, dmatrix};
    use twolayer::Activation;

    use super::*;

    #[test]
    fn only_steps_across_zero_count() {
        // a1 = x W1 + b1 = [[5e-5, 0.5]] with x = [[1, 0.25]].
        let params = Params {
            w1: dmatrix![5e-5, 0.5; 0.0, 0.0],
            b1: DVector::zeros(2),
            w2: dmatrix![1.0; 1.0],
            b2: DVector::zeros(1),
        };
        let net = TwoLayerNet::from_params(params, Activation::Relu);
        let kinks = Kinks::find(&net, &dmatrix![1.0, 0.25], 1e-4);
        assert_eq!((kinks.pre_activations, kinks.of), (1, 2));
        // W1[0][0] moves a1 by 1e-4 > 5e-5, W1[1][0] by 2.5e-5 < 5e-5.
        assert_eq!(kinks.w1, [true, false, false, false]);
        assert_eq!(kinks.b1, [true, false]);
        assert_eq!(kinks.counts(), (1, 1));
    }
}
