//! The book's `TwoLayerNet` (§4.5.1, §5.7): its [`Params`], its
//! [`Activation`], prediction, loss and accuracy here; its gradient two
//! ways, in `numerical.rs` by the book's loop of central differences
//! ([`TwoLayerNet::numerical_gradient`], chapter 4) and in `backprop.rs`
//! through chapter 5's layers ([`TwoLayerNet::gradient`]).

mod backprop;
mod numerical;
mod params;
mod trace;

use losses::Targets;
use nalgebra::{DMatrix, DVector};
use rand::Rng;
use tensor_ops::Real;

use backprop::Layers;
use layers::{Activation, affine_forward, randn};
pub use params::Params;
pub use trace::Trace;

/// The book's `TwoLayerNet`: `x -> Affine(W1, b1) -> h -> Affine(W2, b2) -> scores`,
/// trained with softmax and cross-entropy.
///
/// With `x: (N, input)`:
///
/// ```text
/// a1 = x W1 + b1    (N, hidden)
/// z1 = h(a1)        (N, hidden)     h = sigmoid or ReLU
/// a2 = z1 W2 + b2   (N, output)     the scores `predict` returns
/// y  = softmax(a2)  (N, output)
/// L  = -1/N sum_n ln(y[n, t_n] + 1e-7)
/// ```
///
/// [`gradient`](Self::gradient) (backprop) keeps the
/// chapter 5 layers' caches inside the network, hence `&mut self`.
#[derive(Debug, Clone)]
pub struct TwoLayerNet<T: Real> {
    /// `W1`, `b1`, `W2`, `b2`.
    pub params: Params<T>,
    /// The hidden layer's activation `h`.
    pub activation: Activation,
    /// The chapter 5 layers, with what their last forward pass cached.
    pub(crate) layers: Layers<T>,
}

impl<T: Real> TwoLayerNet<T> {
    /// A new network as in the book: `W ~ weight_init_std * N(0, 1)`, biases zero.
    ///
    /// The weights are drawn in row-major order (like NumPy's `randn`), `W1`
    /// first, as `f64` and then rounded to `T`: an `f32` and an `f64` network
    /// made from the same seed hold the same numbers.
    pub fn new(
        input: usize,
        hidden: usize,
        output: usize,
        weight_init_std: f64,
        activation: Activation,
        rng: &mut (impl Rng + ?Sized),
    ) -> Self {
        let w1 = randn(input, hidden, weight_init_std, rng);
        let w2 = randn(hidden, output, weight_init_std, rng);
        let params = Params {
            w1,
            b1: DVector::zeros(hidden),
            w2,
            b2: DVector::zeros(output),
        };
        Self::from_params(params, activation)
    }

    /// A network with the given parameters (e.g. loaded from a checkpoint).
    ///
    /// # Panics
    /// If the parameters' shapes disagree (see [`Params::is_consistent`]).
    #[track_caller]
    pub fn from_params(params: Params<T>, activation: Activation) -> Self {
        params.assert_consistent();
        Self {
            params,
            activation,
            layers: Layers::new(),
        }
    }

    /// `(input, hidden, output)`.
    pub fn dims(&self) -> (usize, usize, usize) {
        self.params.dims()
    }

    /// The scores `a2 = h(x W1 + b1) W2 + b2`: `x: (N, input)` -> `(N, output)`.
    ///
    /// These are logits; the book's `predict` also stops before the softmax,
    /// which does not change the argmax.
    ///
    /// # Panics
    /// If `x` does not have `input` columns or the parameters are inconsistent.
    #[track_caller]
    pub fn predict(&self, x: &DMatrix<T>) -> DMatrix<T> {
        self.params.assert_consistent();
        scores(self.params.view(), self.activation, x)
    }

    /// The hidden layer's activations `z1 = h(x W1 + b1)`: `x: (N, input)`
    /// -> `(N, hidden)`, what [`predict`](Self::predict) feeds the second layer.
    ///
    /// # Examples
    ///
    /// ```
    /// use nalgebra::DMatrix;
    /// use rand::SeedableRng;
    /// use rand::rngs::ChaCha12Rng;
    /// use twolayer::{Activation, TwoLayerNet};
    ///
    /// let mut rng = ChaCha12Rng::seed_from_u64(1);
    /// let net = TwoLayerNet::<f64>::new(4, 3, 2, 1.0, Activation::Sigmoid, &mut rng);
    /// let x = DMatrix::from_row_slice(2, 4, &[0.0, 0.5, 1.0, 0.2, 1.0, 1.0, 0.0, 0.3]);
    /// let z1 = net.hidden(&x);
    /// assert_eq!(z1.shape(), (2, 3));
    /// // a2 = z1 W2 + b2 is what predict returns.
    /// let mut a2 = &z1 * &net.params.w2;
    /// for mut row in a2.row_iter_mut() {
    ///     row += net.params.b2.transpose();
    /// }
    /// assert!((a2 - net.predict(&x)).abs().max() < 1e-12);
    /// ```
    ///
    /// # Panics
    /// As [`predict`](Self::predict).
    #[track_caller]
    pub fn hidden(&self, x: &DMatrix<T>) -> DMatrix<T> {
        self.params.assert_consistent();
        let p = self.params.view();
        let mut z1 = affine_forward(x, p.w1, p.b1);
        self.activation.apply_mut(&mut z1);
        z1
    }

    /// The mean cross-entropy of `softmax(predict(x))` against `t`.
    ///
    /// # Panics
    /// As [`predict`](Self::predict), or if `t` does not fit (`N` samples,
    /// labels below `output`), or the batch is empty.
    #[track_caller]
    pub fn loss(&self, x: &DMatrix<T>, t: Targets<'_, T>) -> T {
        self.params.assert_consistent();
        loss(self.params.view(), self.activation, x, t)
    }

    /// The fraction of samples whose highest score is the correct class:
    /// `argmax(predict(x))` against the labels, or the argmax of one-hot rows.
    ///
    /// # Panics
    /// As [`loss`](Self::loss).
    #[track_caller]
    pub fn accuracy(&self, x: &DMatrix<T>, t: Targets<'_, T>) -> f64 {
        t.accuracy(&self.predict(x))
    }
}

/// Borrowed parameters, so that the numerical gradient can move one of them
/// while the others stay where they are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParamsRef<'a, T: Real> {
    pub(crate) w1: &'a DMatrix<T>,
    pub(crate) b1: &'a DVector<T>,
    pub(crate) w2: &'a DMatrix<T>,
    pub(crate) b2: &'a DVector<T>,
}

impl<T: Real> Params<T> {
    /// All four parameters, borrowed.
    pub(crate) fn view(&self) -> ParamsRef<'_, T> {
        ParamsRef {
            w1: &self.w1,
            b1: &self.b1,
            w2: &self.w2,
            b2: &self.b2,
        }
    }
}

/// `a2 = h(x W1 + b1) W2 + b2` for any parameters.
///
/// # Panics
/// If the shapes of `x` and the parameters disagree.
#[track_caller]
pub(crate) fn scores<T: Real>(
    p: ParamsRef<'_, T>,
    activation: Activation,
    x: &DMatrix<T>,
) -> DMatrix<T> {
    let mut z1 = affine_forward(x, p.w1, p.b1);
    activation.apply_mut(&mut z1);
    affine_forward(&z1, p.w2, p.b2)
}

/// `L = cross_entropy(softmax(scores(x)), t)` for any parameters.
#[track_caller]
pub(crate) fn loss<T: Real>(
    p: ParamsRef<'_, T>,
    activation: Activation,
    x: &DMatrix<T>,
    t: Targets<'_, T>,
) -> T {
    losses::softmax_with_loss(&scores(p, activation, x), t).0
}
