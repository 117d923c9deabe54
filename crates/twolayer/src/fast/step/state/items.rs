//! The step's items (see the parent module): what each phase computes for
//! a share of the batch or a part of the hidden units.

use super::{OutputBias, Part, Share, StepState, read, write};
use crate::Activation;
use crate::fast::kernels::{
    HiddenLayer, add_w1_gradient, axpy, dot, hidden_backward, hidden_forward, sgd_update, softmax,
};
use crate::fast::sparse::Rows;

impl StepState {
    /// Runs item `item` (below [`ITEMS`](super::ITEMS)) of a step on the
    /// current batch of `rows` (labels `labels`); without a learning rate,
    /// phase 4 only sums the gradients.
    #[inline(always)]
    pub(in crate::fast) fn run<R: Rows>(
        &self,
        item: usize,
        rows: &R,
        labels: &[u8],
        learning_rate: Option<f32>,
    ) {
        match item {
            0 | 1 => self.gather(item, rows, labels),
            2 | 3 => self.forward(item - 2),
            4 | 5 => self.score(item - 4, true),
            6 | 7 => self.update(item - 6, learning_rate),
            _ => self.score(item - 8, false),
        }
    }

    /// Phase 1 for share `which`: copies its samples' non-zero inputs and labels.
    #[inline(always)]
    fn gather<R: Rows>(&self, which: usize, rows: &R, labels: &[u8]) {
        let batch = read(&self.batch);
        let mut share = write(&self.shares[which]);
        let share = &mut *share;
        let cut = batch.len() / 2;
        let samples = if which == 0 {
            &batch[..cut]
        } else {
            &batch[cut..]
        };
        share.start = if which == 0 { 0 } else { cut };
        share.offsets.truncate(1);
        share.indices.clear();
        share.values.clear();
        share.labels.clear();
        for &n in samples {
            let x = rows.nonzeros(n, &mut share.scratch);
            share.indices.extend_from_slice(x.indices);
            share.values.extend_from_slice(x.values);
            share.offsets.push(share.indices.len());
            share.labels.push(labels[n]);
        }
        share.dout.resize(samples.len() * self.classes, 0.0);
        share.losses.resize(samples.len(), 0.0);
    }

    /// Phase 2 (and the end of phase 4) for part `which`: `z1` of every
    /// sample of the batch for the part's units.
    #[inline(always)]
    fn forward(&self, which: usize) {
        let shares = [read(&self.shares[0]), read(&self.shares[1])];
        let mut part = write(&self.parts[which]);
        forward_part(&mut part, self.activation, [&shares[0], &shares[1]]);
    }

    /// Phase 3 (`with_dout`) or 5 for share `which`: each sample's scores
    /// `a2 = z1 W2 + b2`, softmax and loss; in phase 3 also
    /// `dout = (y - t) / N`, as `softmax_with_loss_backward`.
    #[inline(always)]
    fn score(&self, which: usize, with_dout: bool) {
        let classes = self.classes;
        let parts = [read(&self.parts[0]), read(&self.parts[1])];
        let parts = [&*parts[0], &*parts[1]];
        let output = read(&self.output);
        let batch_size = read(&self.batch).len() as f32;
        let mut share = write(&self.shares[which]);
        let share = &mut *share;
        for j in 0..share.len() {
            let n = share.start + j;
            scores(parts, &output, n, &mut share.a2);
            let y = if with_dout {
                &mut share.dout[j * classes..][..classes]
            } else {
                &mut share.y[..]
            };
            softmax(&share.a2, y);
            let t = usize::from(share.labels[j]);
            share.losses[j] = neg_log(y[t]);
            if with_dout {
                // Dividing by `N` as `f32`, as `softmax_with_loss_backward`.
                y[t] -= 1.0;
                for d in y.iter_mut() {
                    *d /= batch_size;
                }
            }
        }
    }

    /// Phase 4 for part `which`: for each sample in batch order, the part's
    /// `da1 = h'(a1) dout W2^T`, then its share of `dW1 = x^T da1`,
    /// `db1`, `dW2 = z1^T dout` (and, part 1, `db2`); then, with a learning
    /// rate, `p -= learning_rate dp` and the part's `z1` with the new
    /// parameters, for the loss the book records. Part 1 is never empty.
    #[inline(always)]
    fn update(&self, which: usize, learning_rate: Option<f32>) {
        let classes = self.classes;
        let shares = [read(&self.shares[0]), read(&self.shares[1])];
        let shares = [&*shares[0], &*shares[1]];
        let mut part = write(&self.parts[which]);
        let part = &mut *part;
        let mut output = (which == 1).then(|| write(&self.output));
        let chunks = part.chunks;
        if chunks == 0 {
            return;
        }
        let samples = shares.into_iter().flat_map(|share| {
            (0..share.len()).map(move |j| (share.row(j), &share.dout[j * classes..][..classes]))
        });
        for ((x, dout), z1) in samples.zip(part.z1.chunks_exact(chunks)) {
            hidden_backward(&part.w2t, self.activation, z1, dout, &mut part.da1);
            add_w1_gradient(x, &part.da1, &mut part.grad_w1t);
            axpy(
                part.grad_b1.as_flattened_mut(),
                1.0,
                part.da1.as_flattened(),
            );
            for (k, &d) in dout.iter().enumerate() {
                let g = part.grad_w2t[k * chunks..][..chunks].as_flattened_mut();
                axpy(g, d, z1.as_flattened());
            }
            if let Some(output) = &mut output {
                for (g, &d) in output.grad_b2.iter_mut().zip(dout) {
                    *g += d;
                }
            }
        }
        let Some(lr) = learning_rate else {
            return;
        };
        for (p, g) in [
            (&mut part.w1t, &mut part.grad_w1t),
            (&mut part.b1, &mut part.grad_b1),
            (&mut part.w2t, &mut part.grad_w2t),
        ] {
            sgd_update(p.as_flattened_mut(), g.as_flattened_mut(), lr);
        }
        if let Some(output) = &mut output {
            let OutputBias { b2, grad_b2 } = &mut **output;
            sgd_update(b2, grad_b2, lr);
        }
        forward_part(part, self.activation, shares);
    }
}

/// `z1` of every sample of `shares` (in batch order) for `part`'s units.
#[inline(always)]
fn forward_part(part: &mut Part, activation: Activation, shares: [&Share; 2]) {
    let chunks = part.chunks;
    part.z1.resize((shares[0].len() + shares[1].len()) * chunks);
    if chunks == 0 {
        return;
    }
    let layer = HiddenLayer {
        w1t: &part.w1t,
        b1: &part.b1,
        chunks,
        keep: part.keep,
        activation,
    };
    let rows = shares
        .into_iter()
        .flat_map(|share| (0..share.len()).map(move |j| share.row(j)));
    for (x, z1) in rows.zip(part.z1.chunks_exact_mut(chunks)) {
        hidden_forward(layer, x, z1);
    }
}

/// Sample `n`'s scores `a2 = z1 W2 + b2`: each class's dot product over the
/// chunks of both parts in order.
#[inline(always)]
fn scores(parts: [&Part; 2], output: &OutputBias, n: usize, a2: &mut [f32]) {
    let z1 = parts.map(|part| &part.z1[n * part.chunks..][..part.chunks]);
    for (k, (a, &b)) in a2.iter_mut().zip(&output.b2).enumerate() {
        let w2 = parts.map(|part| &part.w2t[k * part.chunks..][..part.chunks]);
        *a = dot(z1, w2) + b;
    }
}

/// `-ln(y + 1e-7)`, as `losses`' cross-entropy.
#[inline(always)]
fn neg_log(y: f32) -> f32 {
    -(y + losses::DELTA as f32).ln()
}
