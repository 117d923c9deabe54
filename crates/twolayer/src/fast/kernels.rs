//! The network's layers for one sample, forward and backward, on chunks of
//! hidden units. Everything is `#[inline(always)]`, to be compiled into
//! each instruction set's copy of the kernels (see `simd`).

use tensor_ops::pairwise_sum;

use super::simd::{exp, flush_tiny, sigmoid};
use super::sparse::{Nonzeros, PIXEL};
use super::{Chunk, LANES};
use crate::Activation;

/// Most chunks summed in registers at once: 8 AVX2 vectors of hidden units
/// (64), leaving half of the 16 vector registers for the loads.
const BLOCK: usize = 8;

/// Calls `$body` with `$offset` and a constant `$k` for each block of at
/// most [`BLOCK`] chunks of `$chunks`, so that the block's loops have a
/// length known at compile time and its sums stay in registers.
macro_rules! for_each_block {
    ($chunks:expr, |$offset:ident, $k:ident| $body:expr) => {{
        let chunks: usize = $chunks;
        let mut $offset = 0;
        while $offset < chunks {
            let width = (chunks - $offset).min(BLOCK);
            match width {
                1 => {
                    const $k: usize = 1;
                    $body
                }
                2 => {
                    const $k: usize = 2;
                    $body
                }
                3 => {
                    const $k: usize = 3;
                    $body
                }
                4 => {
                    const $k: usize = 4;
                    $body
                }
                5 => {
                    const $k: usize = 5;
                    $body
                }
                6 => {
                    const $k: usize = 6;
                    $body
                }
                7 => {
                    const $k: usize = 7;
                    $body
                }
                _ => {
                    const $k: usize = BLOCK;
                    $body
                }
            }
            $offset += width;
        }
    }};
}

/// Some columns of the hidden layer's parameters: `W1` by input,
/// `(inputs, chunks)`, and `b1`, `(chunks,)`, for `chunks` chunks of hidden
/// units (all of them, or one thread's share of a step).
#[derive(Debug, Clone, Copy)]
pub(crate) struct HiddenLayer<'a> {
    pub(crate) w1t: &'a [Chunk],
    pub(crate) b1: &'a [Chunk],
    pub(crate) chunks: usize,
    /// Which lanes of the last chunk are real units (the others are padding).
    pub(crate) keep: [bool; LANES],
    pub(crate) activation: Activation,
}

/// `z1 = h(x W1 + b1)` for one sample, `z1: (chunks,)`, from its non-zero
/// inputs only: `a1 = b1 + sum_i x_i W1[i, :]` (summed from 0 in increasing
/// `i`, then `b1` added, as `x W1 + b1`). The padding lanes are set to 0.
#[inline(always)]
pub(super) fn hidden_forward(layer: HiddenLayer<'_>, x: Nonzeros<'_>, z1: &mut [Chunk]) {
    let chunks = layer.chunks;
    for_each_block!(chunks, |offset, K| {
        z1[offset..offset + K].copy_from_slice(&accumulate::<K>(x, layer.w1t, chunks, offset));
    });
    let (z, b) = (z1.as_flattened_mut(), layer.b1.as_flattened());
    match layer.activation {
        Activation::Sigmoid => {
            for (z, &b) in z.iter_mut().zip(b) {
                *z = sigmoid(*z + b);
            }
        }
        // As `tensor_ops::relu`: NaN stays NaN.
        Activation::Relu => {
            for (z, &b) in z.iter_mut().zip(b) {
                let a = *z + b;
                *z = if a <= 0.0 { 0.0 } else { a };
            }
        }
    }
    if let Some(last) = z1.last_mut() {
        for (z, &keep) in last.iter_mut().zip(&layer.keep) {
            if !keep {
                *z = 0.0;
            }
        }
    }
}

/// `sum_i x_i W1[i, offset..offset + K]` over the non-zero inputs, from 0
/// in increasing `i`, the `K` chunks summed in registers.
#[inline(always)]
fn accumulate<const K: usize>(
    x: Nonzeros<'_>,
    w1t: &[Chunk],
    chunks: usize,
    offset: usize,
) -> [Chunk; K] {
    let mut s = [[0.0_f32; LANES]; K];
    for (&i, &byte) in x.indices.iter().zip(x.values) {
        let x = PIXEL[usize::from(byte)];
        let w = &w1t[usize::from(i) * chunks + offset..][..K];
        for (s, w) in s.iter_mut().zip(w) {
            for (s, &w) in s.iter_mut().zip(w) {
                *s += x * w;
            }
        }
    }
    s
}

/// `sum_j u_j v_j` over the chunks of `u` and `v`, taken part after part
/// (`u[p]` with `v[p]`), in 8 lanes then a fixed tree:
/// `((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7))`.
#[inline(always)]
pub(super) fn dot<const P: usize>(u: [&[Chunk]; P], v: [&[Chunk]; P]) -> f32 {
    let mut s = [0.0_f32; LANES];
    for (u, v) in u.into_iter().zip(v) {
        for (u, v) in u.iter().zip(v) {
            s = std::array::from_fn(|l| s[l] + u[l] * v[l]);
        }
    }
    // Through memory: without it the compiler splits the eight sums into
    // four vectors of two lanes to suit the tree, at twice the instructions.
    let s = std::hint::black_box(s);
    let quarter: [f32; 4] = std::array::from_fn(|l| s[l] + s[l + 4]);
    let pair: [f32; 2] = std::array::from_fn(|l| quarter[l] + quarter[l + 2]);
    pair[0] + pair[1]
}

/// `y = softmax(a2)` for one sample, as `tensor_ops::softmax_rows`:
/// `exp(a - max a)`, summed in NumPy's pairwise order, divided by the sum;
/// exponentials below `2^-50` ([`flush_tiny`]) count as 0, so that neither
/// `y` nor `dout = (y - t) / N` is ever subnormal.
#[inline(always)]
pub(super) fn softmax(a2: &[f32], y: &mut [f32]) {
    let max = a2
        .iter()
        .copied()
        .reduce(|m, v| if v > m { v } else { m })
        .unwrap_or(0.0);
    for (y, &a) in y.iter_mut().zip(a2) {
        *y = flush_tiny(exp(a - max));
    }
    let sum = pairwise_sum(y.len(), |k| y[k]);
    for y in y.iter_mut() {
        *y /= sum;
    }
}

/// One sample's `da1 = h'(a1) (dout W2^T)` for some chunks of units, from
/// their activations `z1` and `dout = dL/da2 = (y - t) / N`; `w2t` is `W2` by
/// class for those chunks, `(classes, chunks)`. The sigmoid's `h'(a1)` is
/// `(1 - z1) z1`; ReLU's is the `Relu` layer's mask `a1 > 0`, which is
/// `z1 > 0` (`z1 = a1` there and 0 elsewhere).
#[inline(always)]
pub(super) fn hidden_backward(
    w2t: &[Chunk],
    activation: Activation,
    z1: &[Chunk],
    dout: &[f32],
    da1: &mut [Chunk],
) {
    let chunks = z1.len();
    let da1 = da1.as_flattened_mut();
    da1.fill(0.0);
    for (k, &d) in dout.iter().enumerate() {
        axpy(da1, d, w2t[k * chunks..][..chunks].as_flattened());
    }
    let z1 = z1.as_flattened();
    match activation {
        Activation::Sigmoid => {
            for (dz, &z) in da1.iter_mut().zip(z1) {
                *dz *= (1.0 - z) * z;
            }
        }
        Activation::Relu => {
            for (dz, &z) in da1.iter_mut().zip(z1) {
                *dz = if z > 0.0 { *dz } else { 0.0 };
            }
        }
    }
}

/// `y += a x`, element by element.
#[inline(always)]
pub(super) fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (y, &x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

/// `dW1[i, :] += x_i da1` for one sample's non-zero inputs `x`,
/// `dw1t: (inputs, chunks)`, `da1: (chunks,)` held in registers a block at
/// a time.
#[inline(always)]
pub(super) fn add_w1_gradient(x: Nonzeros<'_>, da1: &[Chunk], dw1t: &mut [Chunk]) {
    let chunks = da1.len();
    for_each_block!(chunks, |offset, K| {
        scatter::<K>(x, &da1[offset..offset + K], dw1t, chunks, offset)
    });
}

/// `dW1[i, offset..offset + K] += x_i da1` over the non-zero inputs.
#[inline(always)]
fn scatter<const K: usize>(
    x: Nonzeros<'_>,
    da1: &[Chunk],
    dw1t: &mut [Chunk],
    chunks: usize,
    offset: usize,
) {
    let mut d = [[0.0_f32; LANES]; K];
    d.copy_from_slice(da1);
    for (&i, &byte) in x.indices.iter().zip(x.values) {
        let x = PIXEL[usize::from(byte)];
        let g = &mut dw1t[usize::from(i) * chunks + offset..][..K];
        for (g, d) in g.iter_mut().zip(&d) {
            for (g, &d) in g.iter_mut().zip(d) {
                *g += x * d;
            }
        }
    }
}

/// `p -= learning_rate * g`, then `g = 0` (ready for the next batch),
/// element by element, as [`Params::sgd_update`](crate::Params::sgd_update).
#[inline(always)]
pub(super) fn sgd_update(p: &mut [f32], g: &mut [f32], learning_rate: f32) {
    for (p, g) in p.iter_mut().zip(g) {
        *p -= learning_rate * *g;
        *g = 0.0;
    }
}
