//! The network: construction, prediction, loss and accuracy (the book's
//! `common/multi_layer_net.py`).

use layers::{Activation, affine_forward, randn};
use losses::Targets;
use nalgebra::{DMatrix, DVector};
use rand::Rng;
use tensor_ops::Real;

use crate::backprop::Layers;
use crate::{AffineParams, NetParams, WeightInit};

/// Why a network cannot be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NetError {
    /// A layer of 0 units: `sizes` is `[input, hidden..., output]`.
    #[error("layer size 0 at position {position} of the layer sizes {sizes:?}")]
    ZeroSize {
        /// Where in `sizes` the 0 is.
        position: usize,
        /// All the sizes, input first.
        sizes: Vec<usize>,
    },
    /// A fixed standard deviation that is negative or not finite.
    #[error("weight std {0} is not a finite number >= 0")]
    BadStd(f64),
}

/// The book's `MultiLayerNet`: `x -> [Affine -> h] x hidden -> Affine -> scores`,
/// trained with softmax and cross-entropy.
///
/// With sizes `[n_0 = input, n_1, ..., n_L = output]` and `x: (N, input)`:
///
/// ```text
/// a_i = z_{i-1} W_i + b_i    (N, n_i)      z_0 = x, W_i: (n_{i-1}, n_i)
/// z_i = h(a_i)               i < L         h = sigmoid or ReLU
/// y   = softmax(a_L)         (N, output)   a_L are the scores `predict` returns
/// L   = -1/N sum_n ln(y[n, t_n] + 1e-7)
/// ```
///
/// No hidden layer (`hidden_sizes = []`) is softmax regression; one hidden
/// layer is `twolayer::TwoLayerNet`, weight for weight.
/// [`gradient`](Self::gradient) keeps chapter 5's layers with their caches
/// inside the network, hence `&mut self`.
#[derive(Debug, Clone)]
pub struct MultiLayerNet<T: Real> {
    /// `W1, b1, ..., WL, bL`.
    pub params: NetParams<T>,
    /// The hidden layers' activation `h`.
    pub activation: Activation,
    /// Chapter 5's layers, with what their last forward pass cached.
    pub(crate) layers: Layers<T>,
}

impl<T: Real> MultiLayerNet<T> {
    /// A new network: `W_i ~ init.std(n_{i-1}) * N(0, 1)`, biases zero.
    ///
    /// The weights are drawn as `twolayer::TwoLayerNet::new` draws them:
    /// row-major, `W1` first, as `f64` rounded to `T`. So one hidden layer with
    /// [`WeightInit::Std`] and the same generator gives the same numbers as a
    /// `TwoLayerNet`.
    ///
    /// # Errors
    /// [`NetError::ZeroSize`] if any size is 0, [`NetError::BadStd`] if a
    /// fixed std is negative or not finite.
    pub fn new(
        input_size: usize,
        hidden_sizes: &[usize],
        output_size: usize,
        activation: Activation,
        init: WeightInit,
        rng: &mut (impl Rng + ?Sized),
    ) -> Result<Self, NetError> {
        let mut sizes = vec![input_size];
        sizes.extend_from_slice(hidden_sizes);
        sizes.push(output_size);
        if let Some(position) = sizes.iter().position(|&size| size == 0) {
            return Err(NetError::ZeroSize { position, sizes });
        }
        if let WeightInit::Std(std) = init
            && !init.is_valid()
        {
            return Err(NetError::BadStd(std));
        }
        let layers = sizes
            .windows(2)
            .map(|pair| AffineParams {
                w: randn(pair[0], pair[1], init.std(pair[0]), rng),
                b: DVector::zeros(pair[1]),
            })
            .collect();
        Ok(Self::from_params(NetParams { layers }, activation))
    }

    /// A network with the given parameters.
    ///
    /// # Panics
    /// If the shapes do not chain (see [`NetParams::is_consistent`]).
    #[track_caller]
    pub fn from_params(params: NetParams<T>, activation: Activation) -> Self {
        params.assert_consistent();
        Self {
            params,
            activation,
            layers: Layers::new(),
        }
    }

    /// `[input, hidden..., output]`.
    pub fn sizes(&self) -> Vec<usize> {
        self.params.sizes()
    }

    /// The scores `a_L`: `x: (N, input)` -> `(N, output)` (logits; the
    /// softmax does not change the argmax).
    ///
    /// # Panics
    /// If `x` does not have `input` columns or the parameters are inconsistent.
    #[track_caller]
    pub fn predict(&self, x: &DMatrix<T>) -> DMatrix<T> {
        self.params.assert_consistent();
        scores(&self.params.layers, None, self.activation, x)
    }

    /// The outputs `z_1, ..., z_{L-1}` of every hidden layer for `x`, each
    /// `(N, n_i)`: what the book's `weight_init_activation_histogram.py` plots.
    ///
    /// # Panics
    /// As [`predict`](Self::predict).
    #[track_caller]
    pub fn hidden_activations(&self, x: &DMatrix<T>) -> Vec<DMatrix<T>> {
        self.params.assert_consistent();
        let hidden = &self.params.layers[..self.params.layers.len() - 1];
        let mut outputs: Vec<DMatrix<T>> = Vec::with_capacity(hidden.len());
        for layer in hidden {
            let input = outputs.last().unwrap_or(x);
            let mut z = affine_forward(input, &layer.w, &layer.b);
            self.activation.apply_mut(&mut z);
            outputs.push(z);
        }
        outputs
    }

    /// The mean cross-entropy of `softmax(predict(x))` against `t`.
    ///
    /// # Panics
    /// As [`predict`](Self::predict), or if `t` does not fit (`N` samples,
    /// labels below `output`), or the batch is empty.
    #[track_caller]
    pub fn loss(&self, x: &DMatrix<T>, t: Targets<'_, T>) -> T {
        losses::softmax_with_loss(&self.predict(x), t).0
    }

    /// The fraction of samples whose highest score is the correct class.
    ///
    /// # Panics
    /// As [`loss`](Self::loss).
    #[track_caller]
    pub fn accuracy(&self, x: &DMatrix<T>, t: Targets<'_, T>) -> f64 {
        t.accuracy(&self.predict(x))
    }
}

/// One parameter put in place of layer `index`'s own while the numerical
/// gradient moves it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Swap<'a, T: Real> {
    /// `W` of the layer.
    W(usize, &'a DMatrix<T>),
    /// `b` of the layer.
    B(usize, &'a DVector<T>),
}

/// `a_L` for `x` through `layers`, with `swap` (if any) replacing one parameter.
///
/// # Panics
/// If the shapes of `x` and the parameters do not chain.
#[track_caller]
pub(crate) fn scores<T: Real>(
    layers: &[AffineParams<T>],
    swap: Option<Swap<'_, T>>,
    activation: Activation,
    x: &DMatrix<T>,
) -> DMatrix<T> {
    let mut a: Option<DMatrix<T>> = None;
    for (i, layer) in layers.iter().enumerate() {
        let w = match swap {
            Some(Swap::W(j, w)) if j == i => w,
            _ => &layer.w,
        };
        let b = match swap {
            Some(Swap::B(j, b)) if j == i => b,
            _ => &layer.b,
        };
        a = Some(match a {
            None => affine_forward(x, w, b),
            Some(mut z) => {
                activation.apply_mut(&mut z);
                affine_forward(&z, w, b)
            }
        });
    }
    a.unwrap_or_else(|| x.clone())
}
