//! The unmoved forward pass, done once per call in `f64`, and the per-sample
//! pieces that every perturbation reuses.

use losses::Targets;
use nalgebra::DMatrix;
use tensor_ops::Real;

use super::columns::Columns;
use super::series::{self, EXP_M1, LOSS_TERMS, SMALL_SHIFT, SMALL_STEP};
use crate::{Activation, Params};

/// The batch and the network before any perturbation, in `f64`. Matrices
/// are flat and row-major: `a1[n * hidden + j]` is `a1[n][j]`.
///
/// The buffers keep their capacity between calls, so a training loop that
/// reuses one [`FastNumericalGradient`](super::FastNumericalGradient)
/// allocates nothing here after its first call.
#[derive(Debug, Clone, Default)]
pub(super) struct Prepared {
    /// `N`, the batch size.
    pub(super) samples: usize,
    /// `D`, the input size (pixels).
    pub(super) inputs: usize,
    /// `H`, the hidden size.
    pub(super) hidden: usize,
    /// `C`, the number of classes.
    pub(super) classes: usize,
    pub(super) activation: Activation,
    /// `x` by columns, non-zero entries only, and `b1`'s column of ones.
    pub(super) columns: Columns,
    /// `W1: (D, H)`, only to compute `a1`.
    w1: Vec<f64>,
    /// `W2: (H, C)`.
    pub(super) w2: Vec<f64>,
    /// The correct class `t_n` of each sample.
    pub(super) labels: Vec<usize>,
    /// `a1 = x W1 + b1: (N, H)`.
    pub(super) a1: Vec<f64>,
    /// `z1 = h(a1): (N, H)`.
    pub(super) z1: Vec<f64>,
    /// Sigmoid only: the four Taylor coefficients of each unit's change,
    /// [`series::sigmoid_taylor`] of `a1`, each `(N, H)`.
    taylor: [Vec<f64>; 4],
    /// `y = softmax(z1 W2 + b2): (N, C)`.
    pub(super) y: Vec<f64>,
    /// `sum_{k != t_n} y[n][k] = 1 - p_n`, summed so it keeps its digits when `p_n ~ 1`.
    rest: Vec<f64>,
    /// `kappa_n = 1e-7 / (p_n + 1e-7)`, [`series::kappa`].
    pub(super) kappa: Vec<f64>,
    /// The loss change's series in `r`, [`series::loss_change_coefficients`] of `p_n`.
    pub(super) loss: Vec<[f64; LOSS_TERMS]>,
    /// `mu_m[n][j] = sum_k y[n][k] w_k^m / m!` with `w_k = W2[j][k] - W2[j][t_n]`,
    /// `m = 1..5`, each `(N, H)`: `r = sum_m mu_m delta^m` when unit `j` moves by `delta`.
    moments: [Vec<f64>; 5],
    /// `max_k W2[j][k] - min_k W2[j][k]`, a bound on every `|w_k|` of unit `j`: `(H,)`.
    spread: Vec<f64>,
    /// The largest `spread`.
    max_spread: f64,
}

/// What a perturbation of unit `j` of one sample needs: row `n` of every
/// `(N, H)` piece of [`Prepared`], and the sample's scalars.
pub(super) struct Sample<'a> {
    pub(super) a1: &'a [f64],
    pub(super) taylor: [&'a [f64]; 4],
    pub(super) moments: [&'a [f64]; 5],
    pub(super) loss: &'a [f64; LOSS_TERMS],
    pub(super) kappa: f64,
    /// `1 - p_n`, summed over the wrong classes.
    pub(super) rest: f64,
    pub(super) y: &'a [f64],
    pub(super) label: usize,
}

impl Prepared {
    /// Runs the forward pass of `params` on `x: (N, D)` against `t` and keeps its pieces.
    ///
    /// # Panics
    /// If the shapes of `params`, `x` and `t` disagree, the batch is empty, a
    /// label is not below `C`, or a one-hot row is not exactly one-hot.
    #[track_caller]
    pub(super) fn prepare<T: Real>(
        &mut self,
        params: &Params<T>,
        activation: Activation,
        x: &DMatrix<T>,
        t: Targets<'_, T>,
    ) {
        params.assert_consistent();
        let (inputs, hidden, classes) = params.dims();
        let samples = x.nrows();
        assert_eq!(
            x.ncols(),
            inputs,
            "x is {:?} but W1 is {:?}",
            x.shape(),
            params.w1.shape()
        );
        assert!(samples > 0, "the batch is empty (x is {:?})", x.shape());
        (self.samples, self.inputs, self.hidden, self.classes) = (samples, inputs, hidden, classes);
        self.activation = activation;
        self.read_labels(t);
        self.columns.read(x);
        row_major(&mut self.w1, &params.w1);
        row_major(&mut self.w2, &params.w2);
        self.hidden_layer(params);
        self.output_layer(params);
        self.moments_and_spread();
    }

    /// The labels `t_n`, checked against `N` and `C`.
    #[track_caller]
    fn read_labels<T: Real>(&mut self, t: Targets<'_, T>) {
        let (samples, classes) = (self.samples, self.classes);
        assert_eq!(
            t.len(),
            samples,
            "x has {samples} rows but t has {}",
            t.len()
        );
        if let Targets::OneHot(t) = t {
            assert_eq!(
                t.ncols(),
                classes,
                "t is {:?} but W2 has {classes} columns",
                t.shape()
            );
            for (n, row) in t.row_iter().enumerate() {
                let ones = row.iter().filter(|&&v| v == T::one()).count();
                let zeros = row.iter().filter(|&&v| v == T::zero()).count();
                assert!(
                    ones == 1 && zeros == classes - 1,
                    "row {n} of the one-hot t is not one-hot ({:?}); \
                     the fast gradient needs one correct class per sample",
                    row.iter().collect::<Vec<_>>()
                );
            }
        }
        self.labels.clear();
        self.labels.extend((0..samples).map(|n| t.label(n)));
        if let Some((n, &label)) = self.labels.iter().enumerate().find(|&(_, &l)| l >= classes) {
            panic!("label {label} at index {n} is not below the class count {classes}");
        }
    }

    /// `a1 = x W1 + b1` over the non-zero inputs only, `z1 = h(a1)`, and the
    /// sigmoid's Taylor coefficients.
    fn hidden_layer<T: Real>(&mut self, params: &Params<T>) {
        let hidden = self.hidden;
        self.a1.clear();
        for _ in 0..self.samples {
            self.a1.extend(params.b1.iter().map(|b| b.to_f64()));
        }
        for i in 0..self.inputs {
            let w1_row = &self.w1[i * hidden..(i + 1) * hidden];
            let (samples, values) = self.columns.entries(i);
            for (&n, &x) in samples.iter().zip(values) {
                let a1_row = &mut self.a1[n * hidden..(n + 1) * hidden];
                for (a, &w) in a1_row.iter_mut().zip(w1_row) {
                    *a += x * w;
                }
            }
        }
        let a1 = &self.a1;
        match self.activation {
            Activation::Sigmoid => {
                fill(&mut self.z1, a1.len(), |r| {
                    tensor_ops::scalar::sigmoid(a1[r])
                });
                for taylor in &mut self.taylor {
                    fill(taylor, a1.len(), |_| 0.0);
                }
                for (r, &a) in a1.iter().enumerate() {
                    for (taylor, c) in self.taylor.iter_mut().zip(series::sigmoid_taylor(a)) {
                        taylor[r] = c;
                    }
                }
            }
            Activation::Relu => {
                fill(&mut self.z1, a1.len(), |r| tensor_ops::scalar::relu(a1[r]));
                self.taylor.iter_mut().for_each(Vec::clear);
            }
        }
    }

    /// `y = softmax(z1 W2 + b2)` and, per sample, `1 - p`, `kappa` and the
    /// loss change's series.
    fn output_layer<T: Real>(&mut self, params: &Params<T>) {
        let (hidden, classes) = (self.hidden, self.classes);
        self.y.clear();
        for _ in 0..self.samples {
            self.y.extend(params.b2.iter().map(|b| b.to_f64()));
        }
        self.rest.clear();
        self.kappa.clear();
        self.loss.clear();
        for n in 0..self.samples {
            let y = &mut self.y[n * classes..(n + 1) * classes];
            for (&z, w2_row) in self.z1[n * hidden..(n + 1) * hidden]
                .iter()
                .zip(self.w2.chunks_exact(classes))
            {
                for (a, &w) in y.iter_mut().zip(w2_row) {
                    *a += z * w;
                }
            }
            softmax(y);
            let label = self.labels[n];
            let p = y[label];
            let rest = y
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != label)
                .map(|(_, &v)| v)
                .sum();
            self.rest.push(rest);
            self.kappa.push(series::kappa(p));
            self.loss.push(series::loss_change_coefficients(p));
        }
    }

    /// The moments `mu_m` of every sample and unit, and the spread of each row of `W2`.
    fn moments_and_spread(&mut self) {
        let (samples, hidden, classes) = (self.samples, self.hidden, self.classes);
        for moment in &mut self.moments {
            fill(moment, samples * hidden, |_| 0.0);
        }
        for n in 0..samples {
            let y = &self.y[n * classes..(n + 1) * classes];
            let label = self.labels[n];
            for (j, w2_row) in self.w2.chunks_exact(classes).enumerate() {
                let mut mu = [0.0; 5];
                for (&yk, &w2) in y.iter().zip(w2_row) {
                    let w = w2 - w2_row[label];
                    let mut term = yk;
                    for (mu_m, &factorial) in mu.iter_mut().zip(&EXP_M1) {
                        term *= w;
                        *mu_m += term * factorial;
                    }
                }
                for (moment, mu_m) in self.moments.iter_mut().zip(mu) {
                    moment[n * hidden + j] = mu_m;
                }
            }
        }
        self.spread.clear();
        self.spread.extend(self.w2.chunks_exact(classes).map(|row| {
            let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let min = row.iter().copied().fold(f64::INFINITY, f64::min);
            max - min
        }));
        self.max_spread = self.spread.iter().copied().fold(0.0, f64::max);
    }

    /// Row `n` of the per-sample pieces.
    pub(super) fn sample(&self, n: usize) -> Sample<'_> {
        let units = n * self.hidden..(n + 1) * self.hidden;
        let taylor_row = |m: usize| self.taylor[m].get(units.clone()).unwrap_or(&[]);
        Sample {
            a1: &self.a1[units.clone()],
            taylor: [taylor_row(0), taylor_row(1), taylor_row(2), taylor_row(3)],
            moments: self.moments.each_ref().map(|moment| &moment[units.clone()]),
            loss: &self.loss[n],
            kappa: self.kappa[n],
            rest: self.rest[n],
            y: &self.y[n * self.classes..(n + 1) * self.classes],
            label: self.labels[n],
        }
    }

    /// `|delta| <= lipschitz |eps|`: the sigmoid's slope is at most 1/4, ReLU's 1.
    fn lipschitz(&self) -> f64 {
        match self.activation {
            Activation::Sigmoid => 0.25,
            Activation::Relu => 1.0,
        }
    }

    /// Whether the series are valid for unit `j` moved by a pre-activation step
    /// `eps` (see [`series`]): every logit shift `|delta w_k|` stays within
    /// [`SMALL_SHIFT`], and for the sigmoid `|eps|` within [`SMALL_STEP`].
    /// A `NaN` step gives `false`.
    pub(super) fn series_fit(&self, j: usize, eps: f64) -> bool {
        self.step_fits(eps) && eps.abs() * self.lipschitz() * self.spread[j] <= SMALL_SHIFT
    }

    /// [`series_fit`](Self::series_fit) for every unit at once.
    pub(super) fn series_fit_all(&self, eps: f64) -> bool {
        self.step_fits(eps) && eps.abs() * self.lipschitz() * self.max_spread <= SMALL_SHIFT
    }

    fn step_fits(&self, eps: f64) -> bool {
        self.activation == Activation::Relu || eps.abs() <= SMALL_STEP
    }
}

/// Clears `v` and fills it with `f(0), ..., f(len - 1)` (keeping its capacity).
fn fill(v: &mut Vec<f64>, len: usize, f: impl FnMut(usize) -> f64) {
    v.clear();
    v.extend((0..len).map(f));
}

/// `m: (R, C)` as `f64`, row-major, into `out` (keeping its capacity).
fn row_major<T: Real>(out: &mut Vec<f64>, m: &DMatrix<T>) {
    let columns = m.ncols();
    out.clear();
    out.resize(m.len(), 0.0);
    for (c, column) in m.column_iter().enumerate() {
        for (r, v) in column.iter().enumerate() {
            out[r * columns + c] = v.to_f64();
        }
    }
}

/// Softmax of one row in place, overflow-safe, as `tensor_ops::softmax`.
fn softmax(a: &mut [f64]) {
    let max = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for v in a.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    a.iter_mut().for_each(|v| *v /= sum);
}
