//! The short power series that stand in for `exp`, `ln` and the sigmoid when
//! their argument is tiny, and the bounds that make their truncation negligible.
//!
//! Every series here is used only inside its bound; outside it the callers
//! evaluate the plain formula with `exp_m1`, `ln_1p` and the sigmoid. With the
//! limits below, the truncation moves each per-sample loss change
//! `l_n(p ± h) - l_n(p)` by less than `2e-19` (the sum of the bounds stated on
//! each item; rounding adds a few ulps of the change itself, `|change| <= 2e-3`),
//! so a gradient element, a mean of two such changes divided by `2h`, is off
//! by less than `1e-14`: far below the `1e-9` required, and below the rounding
//! noise of the book's loop itself (about `1e-12`: the loss's last bit,
//! `4e-16`, divided by `2h`).

/// Largest `|u|` for which `exp(u) - 1` is summed as a series: `2^-9 ~ 1.95e-3`.
///
/// A hidden unit moved by `delta` shifts logit `k` against the correct class
/// `t` by `u_k = delta (W2[j][k] - W2[j][t])`. For MNIST (`x <= 1`, so
/// `|delta| <= h` for ReLU and `h / 4` for the sigmoid) that stays inside the
/// limit while the spread of a row of `W2` is below 19.5 (ReLU) or 78 (sigmoid).
pub(super) const SMALL_SHIFT: f64 = 1.0 / 512.0;

/// Largest `|r|` for which `ln(1 + r)` is summed as a series: `2e-3`, just
/// above `exp(SMALL_SHIFT) - 1 = 1.955e-3`, the largest relative change of a
/// softmax denominator that [`SMALL_SHIFT`] allows.
pub(super) const SMALL_RATIO: f64 = 2e-3;

/// Largest `|eps|` for which the sigmoid's change is its Taylor polynomial:
/// `2^-12 ~ 2.4e-4`, so `h x` qualifies for every `|x| <= 2.4` (all of MNIST).
pub(super) const SMALL_STEP: f64 = 1.0 / 4096.0;

/// Coefficients `1/m!` of `exp(u) - 1 = sum_{m=1..5} u^m / m!`.
///
/// Truncation: for `|u| <= SMALL_SHIFT` the rest is at most
/// `|u|^6 / 720 * exp(|u|) < 8e-20`.
pub(super) const EXP_M1: [f64; 5] = [1.0, 1.0 / 2.0, 1.0 / 6.0, 1.0 / 24.0, 1.0 / 120.0];

/// Number of terms of the series of the per-sample loss change in `r`
/// (see [`loss_change_coefficients`]).
pub(super) const LOSS_TERMS: usize = 6;

/// `sum_m c[m] x^(m+1)` by Horner's rule: a power series without constant term.
#[inline(always)]
pub(super) fn series<const K: usize>(c: &[f64; K], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &ck| x * (ck + acc))
}

/// `exp(u) - 1`, by its series inside [`SMALL_SHIFT`], else by `exp_m1`.
#[inline]
pub(super) fn exp_m1(u: f64) -> f64 {
    if u.abs() <= SMALL_SHIFT {
        series(&EXP_M1, u)
    } else {
        u.exp_m1()
    }
}

/// `kappa = 1e-7 / (p + 1e-7)` for the probability `p` of the correct class:
/// how much the book's `1e-7` inside the log damps a change of `p`.
pub(super) fn kappa(p: f64) -> f64 {
    losses::DELTA / (p + losses::DELTA)
}

/// The coefficients of the loss change `ln(1 + r) - ln(1 + kappa r)` as a
/// series in `r`: `c[m-1] = (-1)^(m+1) (1 - kappa^m) / m` for `m = 1..6`.
///
/// `1 - kappa^m` is formed as `(1 - kappa)(1 + kappa + ... + kappa^(m-1))`
/// with `1 - kappa = p / (p + 1e-7)`, so it keeps its digits when `kappa` is
/// near 1. Truncation: for `|r| <= SMALL_RATIO`, each logarithm's rest is at
/// most `|r|^7 / (7 (1 - |r|)) < 2e-20`.
pub(super) fn loss_change_coefficients(p: f64) -> [f64; LOSS_TERMS] {
    let kappa = kappa(p);
    let one_minus_kappa = p / (p + losses::DELTA);
    let mut c = [0.0; LOSS_TERMS];
    let (mut geometric, mut kappa_power, mut sign) = (0.0, 1.0, 1.0);
    for (m, cm) in c.iter_mut().enumerate() {
        geometric += kappa_power;
        kappa_power *= kappa;
        *cm = sign * one_minus_kappa * geometric / (m + 1) as f64;
        sign = -sign;
    }
    c
}

/// The loss change `ln(1 + r) - ln(1 + kappa r)` of one sample whose softmax
/// denominator (relative to the correct class) grew by the factor `1 + r`: by
/// the series `c` of [`loss_change_coefficients`] inside [`SMALL_RATIO`],
/// else by `ln_1p`.
#[inline]
pub(super) fn loss_change(r: f64, c: &[f64; LOSS_TERMS], kappa: f64) -> f64 {
    if r.abs() <= SMALL_RATIO {
        series(c, r)
    } else {
        r.ln_1p() - (kappa * r).ln_1p()
    }
}

/// The Taylor coefficients of the sigmoid's change at `a`:
/// `sigma(a + eps) - sigma(a) = sum_{m=1..4} c[m-1] eps^m` plus a rest.
///
/// With `s = sigma(a)`, `g = s (1 - s) = sigma'(a)` and `d = 1 - 2s`:
///
/// ```text
/// sigma'    = g                  sigma'''  = g (d^2 - 2g)
/// sigma''   = g d                sigma'''' = g d (d^2 - 8g)
/// sigma^(5) = g (d^4 - 22 g d^2 + 16 g^2) = g (1 - 30 g + 120 g^2)   (d^2 = 1 - 4g)
/// ```
///
/// `|sigma^(5)| <= 1/4` on the whole line (`0 <= g <= 1/4`), so the rest is
/// at most `|eps|^5 / 480`. The unit's output `sigma` moves logit `k` against
/// the correct class by `u_k = delta w_k`, and the callers keep
/// `|eps| max|w_k| / 4 <= SMALL_SHIFT`; the rest thus moves `r` by at most
/// `4 SMALL_SHIFT e^SMALL_SHIFT SMALL_STEP^4 / 480 < 6e-20`.
///
/// `1 - s` is computed as `sigma(-a)`, not by subtraction, so `g` keeps its
/// digits where the sigmoid saturates.
pub(super) fn sigmoid_taylor(a: f64) -> [f64; 4] {
    let s = tensor_ops::scalar::sigmoid(a);
    let g = s * tensor_ops::scalar::sigmoid(-a);
    let d = 1.0 - 2.0 * s;
    let d2 = d * d;
    [
        g,
        g * d / 2.0,
        g * (d2 - 2.0 * g) / 6.0,
        g * d * (d2 - 8.0 * g) / 24.0,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_m1_series_matches_the_library_inside_its_bound() {
        for u in [-SMALL_SHIFT, -1e-4, -1e-9, 0.0, 3e-7, 1e-3, SMALL_SHIFT] {
            let (series_value, exact) = (series(&EXP_M1, u), u.exp_m1());
            assert!(
                (series_value - exact).abs() <= 1e-19,
                "{u}: {series_value} vs {exact}"
            );
        }
    }

    #[test]
    fn loss_change_series_matches_the_logarithms() {
        for p in [1.0, 0.9, 0.1, 1e-5, 1e-7, 1e-12, 0.0] {
            let (c, kappa) = (loss_change_coefficients(p), kappa(p));
            for r in [-SMALL_RATIO, -1e-5, 0.0, 1e-8, 1e-4, SMALL_RATIO] {
                let exact = r.ln_1p() - (kappa * r).ln_1p();
                assert!((series(&c, r) - exact).abs() <= 1e-18, "p {p}, r {r}");
                // The book's definition, directly.
                let p_moved = p / (1.0 + r);
                let book = -(p_moved + losses::DELTA).ln() + (p + losses::DELTA).ln();
                assert!((series(&c, r) - book).abs() <= 1e-14, "p {p}, r {r}");
            }
        }
    }

    #[test]
    fn sigmoid_taylor_matches_the_sigmoid() {
        for a in [-40.0, -5.0, -0.3, 0.0, 0.7, 3.0, 20.0] {
            let c = sigmoid_taylor(a);
            for eps in [-SMALL_STEP, -1e-4, 1e-6, SMALL_STEP] {
                let plain = tensor_ops::scalar::sigmoid(a + eps) - tensor_ops::scalar::sigmoid(a);
                // The plain difference carries the rounding of two sigmoids (~1e-16).
                assert!((series(&c, eps) - plain).abs() <= 3e-16, "a {a}, eps {eps}");
            }
        }
    }
}
