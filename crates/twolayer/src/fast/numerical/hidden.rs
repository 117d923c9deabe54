//! `dL/dW1` and `dL/db1`: one hidden unit moved, for only the samples the
//! parameter touches, with the rows of `W1` shared among threads.

use std::ops::Range;

use numdiff::H;

use super::prepare::{Prepared, Sample};
use super::series::{self, series};
use crate::Activation;
use crate::fast::threads;

/// Writes the central differences of `W1` (rows `0..D`) and `b1` (row `D`)
/// into `out: (D + 1, H)`, row-major, using up to `threads` threads; the
/// calling thread also runs `alongside` (the output layer's gradient), which
/// costs about as much as `alongside_cost` touched samples of a row.
///
/// Each row is computed by exactly one thread, always in the same order, so
/// the result does not depend on `threads` or on timing, bit for bit.
pub(super) fn hidden_gradient(
    prepared: &Prepared,
    threads: usize,
    out: &mut Vec<f64>,
    alongside_cost: usize,
    alongside: impl FnOnce(),
) {
    let hidden = prepared.hidden;
    out.clear();
    out.resize((prepared.inputs + 1) * hidden, 0.0);
    let mut ranges = balanced_ranges(prepared, threads, alongside_cost).into_iter();
    let own = ranges.next().unwrap_or_default();
    let (own_chunk, mut rest) = out.split_at_mut(own.len() * hidden);
    let tasks: Vec<(Range<usize>, &mut [f64])> = ranges
        .map(|range| {
            let (chunk, tail) = std::mem::take(&mut rest).split_at_mut(range.len() * hidden);
            rest = tail;
            (range, chunk)
        })
        .collect();
    threads::with_helpers(
        tasks,
        |(range, chunk)| compute_rows(prepared, range, chunk),
        |_| {
            compute_rows(prepared, own, own_chunk);
            alongside();
        },
    );
}

/// Splits rows `0..=D` into at most `threads` consecutive ranges of about
/// equal work, the first one `head_cost` lighter (the calling thread's); a
/// row costs its number of touched samples, plus one.
fn balanced_ranges(prepared: &Prepared, threads: usize, head_cost: usize) -> Vec<Range<usize>> {
    let rows = prepared.inputs + 1;
    let cost = |i: usize| prepared.columns.len(i) + 1;
    let total = head_cost + (0..rows).map(cost).sum::<usize>();
    let threads = threads.clamp(1, rows);
    let mut ranges = Vec::with_capacity(threads);
    let (mut start, mut done) = (0, head_cost);
    for i in 0..rows {
        done += cost(i);
        // End a range once it reaches its share of the total.
        if done * threads >= total * (ranges.len() + 1) && ranges.len() + 1 < threads {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    ranges.push(start..rows);
    ranges
}

/// The rows `range` of `(W1; b1)`'s gradient, into `out: (range.len(), H)`.
fn compute_rows(prepared: &Prepared, range: Range<usize>, out: &mut [f64]) {
    let scale = prepared.samples as f64 * (H + H);
    for (i, row) in range.zip(out.chunks_exact_mut(prepared.hidden)) {
        let (samples, values) = prepared.columns.entries(i);
        for (&n, &x) in samples.iter().zip(values) {
            let eps = H * x;
            let sample = prepared.sample(n);
            if prepared.series_fit_all(eps) {
                match prepared.activation {
                    Activation::Sigmoid => add_sigmoid_series(&sample, eps, row),
                    Activation::Relu => add_relu_series(&sample, eps, row),
                }
            } else {
                add_mixed(prepared, &sample, eps, row);
            }
        }
        // (sum_n [l_n(p + h) - l_n(p - h)] / N) / 2h, as (L(p + h) - L(p - h)) / 2h.
        for g in row.iter_mut() {
            *g /= scale;
        }
    }
}

/// Adds `l_n(p + h) - l_n(p - h)` of one sample to every unit `j` of a row,
/// for the sigmoid, all by series: the unit moves by the Taylor polynomial
/// `delta(±eps) = even ± odd`, then `r = sum_m mu_m delta^m`, then the loss
/// change is the series in `r`. No branch, no `exp`, no `ln`: the loop over
/// `j` vectorizes.
fn add_sigmoid_series(sample: &Sample<'_>, eps: f64, row: &mut [f64]) {
    let hidden = row.len();
    let [c1, c2, c3, c4] = sample.taylor.map(|c| &c[..hidden]);
    let eps2 = eps * eps;
    for (j, g) in row.iter_mut().enumerate() {
        let odd = eps * (c1[j] + eps2 * c3[j]);
        let even = eps2 * (c2[j] + eps2 * c4[j]);
        *g += series_difference(sample, j, even + odd, even - odd);
    }
}

/// As [`add_sigmoid_series`] for ReLU, whose change is exact:
/// [`relu_change`] of `+eps` and `-eps`.
fn add_relu_series(sample: &Sample<'_>, eps: f64, row: &mut [f64]) {
    let a1 = &sample.a1[..row.len()];
    for (j, g) in row.iter_mut().enumerate() {
        *g += series_difference(sample, j, relu_change(a1[j], eps), relu_change(a1[j], -eps));
    }
}

/// Per unit: the series where [`Prepared::series_fit`] allows them, else the
/// plain formula ([`plain_change`]). Used when a large input or a large
/// row of `W2` makes some logit shift too big for the series.
fn add_mixed(prepared: &Prepared, sample: &Sample<'_>, eps: f64, row: &mut [f64]) {
    for (j, g) in row.iter_mut().enumerate() {
        *g += if prepared.series_fit(j, eps) {
            let (up, down) = match prepared.activation {
                Activation::Sigmoid => {
                    let c = sample.taylor.map(|c| c[j]);
                    (series(&c, eps), series(&c, -eps))
                }
                Activation::Relu => (
                    relu_change(sample.a1[j], eps),
                    relu_change(sample.a1[j], -eps),
                ),
            };
            series_difference(sample, j, up, down)
        } else {
            plain_change(prepared, sample, j, eps) - plain_change(prepared, sample, j, -eps)
        };
    }
}

/// `l(delta_up) - l(delta_down)` for unit `j` of one sample, by the series:
/// `r = sum_m mu_m delta^m`, then `sum_m c_m r^m`.
#[inline(always)]
fn series_difference(sample: &Sample<'_>, j: usize, delta_up: f64, delta_down: f64) -> f64 {
    let mu = sample.moments.map(|moment| moment[j]);
    let loss_up = series(sample.loss, series(&mu, delta_up));
    let loss_down = series(sample.loss, series(&mu, delta_down));
    loss_up - loss_down
}

/// `relu(a + eps) - relu(a)`, exactly: `max(eps, -a)` for an active unit
/// (`a > 0`), `max(a + eps, 0)` for an inactive one. A step that crosses zero
/// gives the part on the active side, as the book's loop does.
#[inline(always)]
fn relu_change(a: f64, eps: f64) -> f64 {
    if a > 0.0 {
        eps.max(-a)
    } else {
        (a + eps).max(0.0)
    }
}

/// The plain formula, without series: the loss change `l_n(p') - l_n(p)` of
/// one sample when the pre-activation of unit `j` moves by `eps`.
///
/// `delta = h(a + eps) - h(a)` moves logit `k` by `delta W2[j][k]`, so
/// `r = sum_k y_k (exp(delta (W2[j][k] - W2[j][t])) - 1)` and the loss changes
/// by `ln(1 + r) - ln(1 + kappa r)`.
fn plain_change(prepared: &Prepared, sample: &Sample<'_>, j: usize, eps: f64) -> f64 {
    let a = sample.a1[j];
    let delta = match prepared.activation {
        Activation::Sigmoid => {
            tensor_ops::scalar::sigmoid(a + eps) - tensor_ops::scalar::sigmoid(a)
        }
        Activation::Relu => relu_change(a, eps),
    };
    let classes = prepared.classes;
    let w2_row = &prepared.w2[j * classes..(j + 1) * classes];
    let r: f64 = sample
        .y
        .iter()
        .zip(w2_row)
        .map(|(&yk, &w2)| yk * (delta * (w2 - w2_row[sample.label])).exp_m1())
        .sum();
    series::loss_change(r, sample.loss, sample.kappa)
}
