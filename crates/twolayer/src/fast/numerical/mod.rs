//! [`FastNumericalGradient`]: the book's numerical gradient of the two-layer
//! network ([`TwoLayerNet::numerical_gradient`]), the same numbers in
//! milliseconds instead of tens of seconds. The derivation is in the type's
//! documentation; the truncation bounds of the series it uses are in
//! `series`.

mod columns;
mod hidden;
mod output;
mod prepare;
mod series;
mod timing;

pub use timing::numerical_step_time;

use std::num::NonZeroUsize;

use losses::Targets;
use nalgebra::{DMatrix, DVector};
use tensor_ops::Real;

use super::threads;
use crate::{Params, TwoLayerNet};
use prepare::Prepared;

/// The book's numerical gradient of a [`TwoLayerNet`]: the same numbers as
/// [`TwoLayerNet::numerical_gradient`], computed in `f64` whatever `T` is,
/// without re-running the network per perturbation.
///
/// The struct keeps its buffers between calls: a training loop makes one and
/// calls [`gradient`](Self::gradient) every iteration.
///
/// ```
/// use losses::Targets;
/// use nalgebra::dmatrix;
/// use rand::SeedableRng;
/// use twolayer::fast::FastNumericalGradient;
/// use twolayer::{Activation, TwoLayerNet};
///
/// let mut rng = rand::rngs::ChaCha12Rng::seed_from_u64(7);
/// let net = TwoLayerNet::<f64>::new(4, 3, 2, 0.5, Activation::Sigmoid, &mut rng);
/// let x = dmatrix![0.0, 0.5, 1.0, 0.0; 0.25, 0.0, 0.0, 0.75];
/// let t = [1, 0];
///
/// let mut fast = FastNumericalGradient::new();
/// let grad = fast.gradient(&net, &x, Targets::Labels(&t));
/// let book = net.numerical_gradient(&x, Targets::Labels(&t));
/// assert!((grad.w1 - book.w1).abs().max() < 1e-9);
/// assert!((grad.b2 - book.b2).abs().max() < 1e-9);
/// ```
///
/// # What is computed
///
/// Exactly what [`TwoLayerNet::numerical_gradient`] (the book's
/// `numerical_gradient(x, t)`) computes, in `f64`: for every parameter `p`
/// of `W1, b1, W2, b2`,
///
/// ```text
/// g_p = (L(p + h) - L(p - h)) / 2h,   h = 1e-4,
/// L   = 1/N sum_n l_n,   l_n = -ln(y[n][t_n] + 1e-7),   y = softmax(h(x W1 + b1) W2 + b2)
/// ```
///
/// with `L` the loss of the network in which that one parameter moved. No
/// derivative is taken and nothing is linearised: the two losses are those
/// of the moved networks (to within `1e-14` in `g_p`, see below), so a ReLU
/// unit that a step pushes across zero counts as in the book's loop. The
/// book's loop runs the whole network `2 (D H + H + H C + C)` times (79,520
/// forward passes of the batch for 784-50-10); this runs it once.
///
/// # Derivation
///
/// With `a1 = x W1 + b1`, `z1 = h(a1)`, `a2 = z1 W2 + b2`, `y = softmax(a2)` (rows are samples):
///
/// 1. **Only the touched samples count.** `L(p ± h) - L(p)` is `1/N` times the
///    sum over samples of `l_n(p ± h) - l_n(p)`, and a sample whose logits the
///    move leaves unchanged adds exactly 0. So
///    `g_p = 1/(2hN) sum_n ([l_n(p + h) - l_n(p)] - [l_n(p - h) - l_n(p)])`
///    over the touched samples only.
/// 2. **Which samples, which logits.**
///    - `W1[i][j]` moves `a1[n][j]` by `eps = ±h x[n][i]`: only unit `j`, and
///      only for the samples whose input `i` is non-zero (about 19% of
///      MNIST's pixels). `b1[j]` is the weight of an input that is always 1:
///      `eps = ±h` for every sample. The unit's output moves by
///      `delta = h(a1 + eps) - h(a1)` and logit `k` by `delta W2[j][k]`.
///    - `W2[j][k]` moves logit `k` alone, by `±h z1[n][j]`; `b2[k]` by `±h`.
/// 3. **The loss change of one sample** whose logits move by `d_k`. With
///    `p = y[t]` for its correct class `t`, dividing the softmax by
///    `exp(a2[t] + d_t)` gives
///    ```text
///    p' = exp(a2[t] + d_t) / sum_k exp(a2[k] + d_k) = p / (1 + r),   r = sum_k y_k (exp(d_k - d_t) - 1)
///    p' + 1e-7 = (p + 1e-7) (1 + kappa r) / (1 + r),                  kappa = 1e-7 / (p + 1e-7)
///    l' - l    = -ln(p' + 1e-7) + ln(p + 1e-7) = ln(1 + r) - ln(1 + kappa r)
///    ```
///    The change comes out directly, not as the difference of two losses of
///    about 2.3 that share their leading digits, so it keeps all its digits.
/// 4. **A hidden unit's move as a series.** For unit `j`, `d_k - d_t = delta w_k`
///    with `w_k = W2[j][k] - W2[j][t]`, so
///    `r = sum_k y_k (exp(delta w_k) - 1) = sum_m mu_m delta^m` with the
///    moments `mu_m = sum_k y_k w_k^m / m!`, computed once per sample and
///    unit. With `|delta w_k| <= 2e-3`, five terms leave a rest below `1e-19`,
///    and `ln(1 + r) - ln(1 + kappa r) = sum_m (-1)^(m+1) (1 - kappa^m) r^m / m`
///    needs six. The sigmoid's own change is its Taylor polynomial of degree
///    4 in `eps` (`|eps| <= 2.4e-4`); ReLU's, `max(eps, -a1)` or
///    `max(a1 + eps, 0)`, is exact. A perturbation then costs about 30
///    multiply-adds per touched sample and no `exp`, `ln` or division.
///    Where a bound does not hold (a large input or row of `W2`), the unit
///    is computed by the plain formulas of step 3 instead.
///
/// The truncation bounds (in the private `series` module) keep every
/// per-sample change within `2e-19` of its exact value, so every element of
/// the gradient is within `1e-14` of the exact central difference: the book's
/// own loop is noisier (its loss's last bit, `4e-16`, divided by `2h` is
/// `2e-12`; also, it moves `p` to the float nearest `p ± h`, a step off by up
/// to half an ulp of `p`, which changes its quotient by a relative
/// `1e-12 |p|`). A parameter that touches no sample, such as the weight of a
/// pixel that is zero in the whole batch, gets exactly 0, as in the book's loop.
///
/// # Cost
///
/// One forward pass, then per touched (parameter, sample) pair a few dozen
/// flops: for 784-50-10 with an MNIST batch of 100, about 15,000 non-zero
/// inputs times 50 units. The rows of `W1` are shared among threads; each
/// row is computed by one thread in a fixed order, so the result does not
/// depend on the number of threads, bit for bit.
#[derive(Debug, Clone)]
pub struct FastNumericalGradient {
    threads: NonZeroUsize,
    prepared: Prepared,
    /// `(W1; b1)`'s gradient, `(D + 1, H)` row-major.
    hidden: Vec<f64>,
    /// `W2`'s gradient, `(H, C)` row-major.
    w2: Vec<f64>,
    /// `b2`'s gradient, `(C,)`.
    b2: Vec<f64>,
}

impl Default for FastNumericalGradient {
    fn default() -> Self {
        Self::new()
    }
}

impl FastNumericalGradient {
    /// A workspace that uses every core ([`std::thread::available_parallelism`]).
    pub fn new() -> Self {
        Self::with_threads(NonZeroUsize::new(threads::available()).unwrap_or(NonZeroUsize::MIN))
    }

    /// A workspace that uses at most `threads` threads (the result is the
    /// same for any number).
    pub fn with_threads(threads: NonZeroUsize) -> Self {
        Self {
            threads,
            prepared: Prepared::default(),
            hidden: Vec::new(),
            w2: Vec::new(),
            b2: Vec::new(),
        }
    }

    /// The number of threads it uses at most.
    pub fn threads(&self) -> NonZeroUsize {
        self.threads
    }

    /// `(L(p + h) - L(p - h)) / 2h` for every parameter `p` of `net`, with
    /// `h = 1e-4` and `L` the mean cross-entropy (with the `1e-7` inside the
    /// log) of the batch `x: (N, input)` against `t`.
    ///
    /// Computed in `f64` from the parameters and inputs widened to `f64` (as
    /// the book's NumPy does), then rounded to `T`. The result has the shapes
    /// of `net.params`.
    ///
    /// # Panics
    /// If `x` does not have `input` columns, `t` does not have `N` samples or
    /// has a label not below `output`, the batch is empty, a one-hot row of
    /// `t` is not exactly one-hot (soft targets are not supported), or the
    /// parameters' shapes disagree.
    #[track_caller]
    pub fn gradient<T: Real>(
        &mut self,
        net: &TwoLayerNet<T>,
        x: &DMatrix<T>,
        t: Targets<'_, T>,
    ) -> Params<T> {
        self.prepared.prepare(&net.params, net.activation, x, t);
        let prepared = &self.prepared;
        let (w2, b2) = (&mut self.w2, &mut self.b2);
        // The output layer's 2 N H C loss changes weigh about N C touched samples of a row.
        let output_cost = prepared.samples * prepared.classes;
        hidden::hidden_gradient(
            prepared,
            self.threads.get(),
            &mut self.hidden,
            output_cost,
            || {
                output::output_gradient(prepared, w2, b2);
            },
        );

        let (inputs, hidden, classes) = (prepared.inputs, prepared.hidden, prepared.classes);
        let g = &self.hidden;
        Params {
            w1: DMatrix::from_fn(inputs, hidden, |i, j| T::cast(g[i * hidden + j])),
            b1: DVector::from_fn(hidden, |j, _| T::cast(g[inputs * hidden + j])),
            w2: DMatrix::from_fn(hidden, classes, |j, k| T::cast(self.w2[j * classes + k])),
            b2: DVector::from_fn(classes, |k, _| T::cast(self.b2[k])),
        }
    }
}
