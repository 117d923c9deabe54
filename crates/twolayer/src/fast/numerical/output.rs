//! `dL/dW2` and `dL/db2`: one logit moved, for every sample.

use numdiff::H;

use super::prepare::{Prepared, Sample};
use super::series;

/// Writes the central differences of `W2: (H, C)` and `b2: (C,)`, row-major.
///
/// Moving `W2[j][k]` by `±h` moves logit `k` of sample `n` by `±h z1[n][j]`
/// and no other logit; moving `b2[k]` moves logit `k` of every sample by `±h`.
pub(super) fn output_gradient(prepared: &Prepared, w2: &mut Vec<f64>, b2: &mut Vec<f64>) {
    let (hidden, classes) = (prepared.hidden, prepared.classes);
    w2.clear();
    w2.resize(hidden * classes, 0.0);
    b2.clear();
    b2.resize(classes, 0.0);
    for n in 0..prepared.samples {
        let sample = prepared.sample(n);
        let z1 = &prepared.z1[n * hidden..(n + 1) * hidden];
        for (&z, w2_row) in z1.iter().zip(w2.chunks_exact_mut(classes)) {
            add_logit_changes(&sample, H * z, w2_row);
        }
        add_logit_changes(&sample, H, b2);
    }
    let scale = prepared.samples as f64 * (H + H);
    w2.iter_mut().chain(b2.iter_mut()).for_each(|g| *g /= scale);
}

/// Adds `l(+d) - l(-d)` of one sample to `g[k]` for every class `k`, where
/// `l(d)` is the sample's loss change when logit `k` alone moves by `d`.
///
/// `r = sum_i y_i (exp(d_i - d_t) - 1)` (step 3 of the derivation on
/// [`FastNumericalGradient`](super::FastNumericalGradient)) has one non-zero
/// term: `y_k (exp(d) - 1)` when `k` is not the correct class `t`, and
/// `sum_{i != t} y_i (exp(-d) - 1) = (1 - p)(exp(-d) - 1)` when it is.
fn add_logit_changes(sample: &Sample<'_>, d: f64, g: &mut [f64]) {
    let (grow, shrink) = (series::exp_m1(d), series::exp_m1(-d));
    for (k, (g, &yk)) in g.iter_mut().zip(sample.y).enumerate() {
        let (r_up, r_down) = if k == sample.label {
            (sample.rest * shrink, sample.rest * grow)
        } else {
            (yk * grow, yk * shrink)
        };
        *g += series::loss_change(r_up, sample.loss, sample.kappa)
            - series::loss_change(r_down, sample.loss, sample.kappa);
    }
}
