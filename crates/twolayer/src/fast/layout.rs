//! [`FastNet`]: the network's parameters laid out for the sparse first
//! layer, in chunks of 8 hidden units.

use nalgebra::{DMatrix, DVector};

use super::kernels::{self, HiddenLayer};
use super::{AlignedChunks, Chunk, LANES};
use crate::{Activation, Params, TwoLayerNet};

/// The parameters of a [`TwoLayerNet<f32>`] laid out for the sparse first
/// layer. Hidden units are padded to `chunks * 8`; the padding's weights,
/// biases and activations are 0 and stay 0 (their gradients are 0).
#[derive(Debug, Clone)]
pub(crate) struct FastNet {
    pub(crate) inputs: usize,
    pub(crate) hidden: usize,
    pub(crate) classes: usize,
    /// Chunks per row of hidden units, `ceil(hidden / 8)`.
    pub(crate) chunks: usize,
    pub(crate) activation: Activation,
    /// `W1` by input: row `i` (chunks `i * chunks ..`) is `W1[i, :]`, `(inputs, chunks)`.
    pub(crate) w1t: AlignedChunks,
    /// `b1`, `(chunks,)`.
    pub(crate) b1: AlignedChunks,
    /// `W2` by class: row `k` is `W2[:, k]`, `(classes, chunks)`.
    pub(crate) w2t: AlignedChunks,
    /// `b2`, `(classes,)`.
    pub(crate) b2: Vec<f32>,
    /// Which lanes of the last chunk are real units (the others are padding).
    pub(crate) keep: [bool; LANES],
}

impl FastNet {
    /// The parameters of `net`, copied into the fast layout.
    ///
    /// # Panics
    /// If the parameters' shapes disagree.
    #[track_caller]
    pub(crate) fn new(net: &TwoLayerNet<f32>) -> Self {
        net.params.assert_consistent();
        let (inputs, hidden, classes) = net.dims();
        let chunks = hidden.div_ceil(LANES);
        let Params { w1, b1, w2, b2 } = &net.params;
        let padded = |n: usize, value: &dyn Fn(usize, usize) -> f32| -> AlignedChunks {
            let rows: Vec<Chunk> = (0..n * chunks)
                .map(|c| {
                    let (row, chunk) = (c / chunks, c % chunks);
                    std::array::from_fn(|lane| {
                        let unit = chunk * LANES + lane;
                        if unit < hidden { value(row, unit) } else { 0.0 }
                    })
                })
                .collect();
            AlignedChunks::from_slice(&rows)
        };
        let last = (chunks - 1) * LANES;
        Self {
            inputs,
            hidden,
            classes,
            chunks,
            activation: net.activation,
            w1t: padded(inputs, &|i, j| w1[(i, j)]),
            b1: padded(1, &|_, j| b1[j]),
            w2t: padded(classes, &|k, j| w2[(j, k)]),
            b2: b2.iter().copied().collect(),
            keep: std::array::from_fn(|lane| last + lane < hidden),
        }
    }

    /// The whole hidden layer.
    pub(crate) fn hidden_layer(&self) -> HiddenLayer<'_> {
        HiddenLayer {
            w1t: &self.w1t,
            b1: &self.b1,
            chunks: self.chunks,
            keep: self.keep,
            activation: self.activation,
        }
    }

    /// One sample's scores `a2 = z1 W2 + b2`, `a2: (classes,)`.
    #[inline(always)]
    pub(crate) fn scores(&self, z1: &[Chunk], a2: &mut [f32]) {
        for (k, (a, &b)) in a2.iter_mut().zip(&self.b2).enumerate() {
            *a = kernels::dot([z1], [&self.w2t[k * self.chunks..][..self.chunks]]) + b;
        }
    }

    /// The network, back in nalgebra's layout.
    pub(crate) fn to_net(&self) -> TwoLayerNet<f32> {
        let params = self.unchunk(&self.w1t, &self.b1, &self.w2t, &self.b2);
        TwoLayerNet::from_params(params, self.activation)
    }

    /// Parameters (or gradients) in this network's fast layout, in nalgebra's.
    pub(crate) fn unchunk(
        &self,
        w1t: &[Chunk],
        b1: &[Chunk],
        w2t: &[Chunk],
        b2: &[f32],
    ) -> Params<f32> {
        let chunks = self.chunks;
        let unit = |row: &[Chunk], j: usize| row[j / LANES][j % LANES];
        Params {
            w1: DMatrix::from_fn(self.inputs, self.hidden, |i, j| {
                unit(&w1t[i * chunks..][..chunks], j)
            }),
            b1: DVector::from_fn(self.hidden, |j, _| unit(b1, j)),
            w2: DMatrix::from_fn(self.hidden, self.classes, |j, k| {
                unit(&w2t[k * chunks..][..chunks], j)
            }),
            b2: DVector::from_column_slice(b2),
        }
    }

    /// `p -= learning_rate * grad` for every parameter (as
    /// [`Params::sgd_update`]), from gradients in nalgebra's layout.
    ///
    /// # Panics
    /// If `grads` does not have this network's shapes.
    pub(crate) fn sgd_update(&mut self, grads: &Params<f32>, learning_rate: f32) {
        assert_eq!(
            grads.dims(),
            (self.inputs, self.hidden, self.classes),
            "FastNet::sgd_update: gradients of another shape"
        );
        let chunks = self.chunks;
        let step = |p: &mut f32, g: f32| *p -= learning_rate * g;
        for j in 0..self.hidden {
            let (c, lane) = (j / LANES, j % LANES);
            for i in 0..self.inputs {
                step(&mut self.w1t[i * chunks + c][lane], grads.w1[(i, j)]);
            }
            step(&mut self.b1[c][lane], grads.b1[j]);
            for k in 0..self.classes {
                step(&mut self.w2t[k * chunks + c][lane], grads.w2[(j, k)]);
            }
        }
        for (p, &g) in self.b2.iter_mut().zip(grads.b2.iter()) {
            step(p, g);
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn the_layout_round_trips_and_pads_with_zeros() {
        let mut rng = rand::rngs::ChaCha12Rng::seed_from_u64(1);
        for hidden in [1, 7, 8, 9, 50, 70] {
            let net = TwoLayerNet::<f32>::new(5, hidden, 3, 1.0, Activation::Relu, &mut rng);
            let fast = FastNet::new(&net);
            assert_eq!(fast.to_net().params, net.params);
            let padding = fast.chunks * LANES - hidden;
            let zeros = fast.w1t.iter().flatten().filter(|&&w| w == 0.0).count();
            assert_eq!(zeros, 5 * padding, "hidden {hidden}");
        }
    }
}
