//! The step's items (see the parent module): what each phase computes for
//! a half of the batch or a block of `W1`'s rows.

use super::{Small, StepState, read, row, write};
use crate::fast::kernels::{
    add_w1_gradient, axpy, cut, dot, hidden_backward, hidden_forward, sgd_update, softmax,
};
use crate::fast::sparse::Rows;
use crate::fast::{Chunk, LANES};

impl StepState {
    /// Runs item `item` (below [`ITEMS`]) of a step on the current batch of
    /// `rows` (labels `labels`); without a learning rate, phase 2 only sums
    /// the gradients.
    #[inline(always)]
    pub(in crate::fast) fn run<R: Rows>(
        &self,
        item: usize,
        rows: &R,
        labels: &[u8],
        learning_rate: Option<f32>,
    ) {
        match item {
            0 | 1 => self.forward_backward(item, rows, labels),
            2 | 3 => self.w1_gradient(item - 2, learning_rate),
            4 => self.small_gradients(learning_rate),
            _ => self.rescore(item - 5),
        }
    }

    /// Phase 1 for half `which`: copies its samples, then each one's forward
    /// pass, loss, `dout` and `da1`.
    #[inline(always)]
    fn forward_backward<R: Rows>(&self, which: usize, rows: &R, labels: &[u8]) {
        let (chunks, classes) = (self.chunks, self.classes);
        let batch = read(&self.batch);
        let mut half = write(&self.halves[which]);
        let half = &mut *half;
        let start = batch.len().div_ceil(2) * which;
        let samples = &batch[start..if which == 0 {
            batch.len().div_ceil(2)
        } else {
            batch.len()
        }];
        half.start = start;
        half.offsets.truncate(1);
        half.indices.clear();
        half.values.clear();
        half.labels.clear();
        for &n in samples {
            let x = rows.nonzeros(n, &mut half.scratch);
            half.indices.extend_from_slice(x.indices);
            half.values.extend_from_slice(x.values);
            half.offsets.push(half.indices.len());
            half.labels.push(labels[n]);
        }
        let n = samples.len();
        half.z1.resize(n * chunks, [0.0; LANES]);
        half.da1.resize(n * chunks, [0.0; LANES]);
        half.dout.resize(n * classes, 0.0);
        half.losses.resize(n, 0.0);

        let blocks = [read(&self.blocks[0]), read(&self.blocks[1])];
        let small = read(&self.small);
        let layer = self.layer(&blocks, &small);
        // As `softmax_with_loss_backward`: `(y - t) / N`, dividing by `N` as `f32`.
        let batch_size = batch.len() as f32;
        for j in 0..n {
            let x = row(&half.offsets, &half.indices, &half.values, j);
            let z1 = &mut half.z1[j * chunks..][..chunks];
            let dout = &mut half.dout[j * classes..][..classes];
            hidden_forward(layer, x, z1);
            scores(&small, chunks, z1, &mut half.a2);
            softmax(&half.a2, dout);
            let t = usize::from(half.labels[j]);
            half.losses[j] = neg_log(dout[t]);
            dout[t] -= 1.0;
            for d in dout.iter_mut() {
                *d /= batch_size;
            }
            let da1 = &mut half.da1[j * chunks..][..chunks];
            hidden_backward(&small.w2t, self.activation, z1, dout, da1);
        }
    }

    /// Phase 2 for block `which` of `W1`: its rows of `dW1 = x^T da1`, the
    /// samples in order, then the update.
    #[inline(always)]
    fn w1_gradient(&self, which: usize, learning_rate: Option<f32>) {
        let mut block = write(&self.blocks[which]);
        let block = &mut *block;
        for half in &self.halves {
            let half = read(half);
            for (j, da1) in half.da1.chunks_exact(self.chunks).enumerate() {
                let x = cut(half.row(j), self.split)[which];
                add_w1_gradient(x, da1, &mut block.grad, block.first);
            }
        }
        if let Some(lr) = learning_rate {
            sgd_update(
                block.w1t.as_flattened_mut(),
                block.grad.as_flattened_mut(),
                lr,
            );
        }
    }

    /// Phase 2 for `b1`, `W2` and `b2`: their gradients, the samples in
    /// order, then the update.
    #[inline(always)]
    fn small_gradients(&self, learning_rate: Option<f32>) {
        let (chunks, classes) = (self.chunks, self.classes);
        let mut small = write(&self.small);
        let small = &mut *small;
        for half in &self.halves {
            let half = read(half);
            let per_sample = half
                .z1
                .chunks_exact(chunks)
                .zip(half.dout.chunks_exact(classes))
                .zip(half.da1.chunks_exact(chunks));
            for ((z1, dout), da1) in per_sample {
                axpy(small.grad_b1.as_flattened_mut(), 1.0, da1.as_flattened());
                for (k, &d) in dout.iter().enumerate() {
                    let g = small.grad_w2t[k * chunks..][..chunks].as_flattened_mut();
                    axpy(g, d, z1.as_flattened());
                    small.grad_b2[k] += d;
                }
            }
        }
        if let Some(lr) = learning_rate {
            sgd_update(
                small.b1.as_flattened_mut(),
                small.grad_b1.as_flattened_mut(),
                lr,
            );
            sgd_update(
                small.w2t.as_flattened_mut(),
                small.grad_w2t.as_flattened_mut(),
                lr,
            );
            sgd_update(&mut small.b2, &mut small.grad_b2, lr);
        }
    }

    /// Phase 3 for half `which`: each sample's loss with the new parameters.
    #[inline(always)]
    fn rescore(&self, which: usize) {
        let chunks = self.chunks;
        let blocks = [read(&self.blocks[0]), read(&self.blocks[1])];
        let small = read(&self.small);
        let layer = self.layer(&blocks, &small);
        let mut half = write(&self.halves[which]);
        let half = &mut *half;
        for j in 0..half.labels.len() {
            let x = row(&half.offsets, &half.indices, &half.values, j);
            let z1 = &mut half.z1[..chunks];
            hidden_forward(layer, x, z1);
            scores(&small, chunks, z1, &mut half.a2);
            let y = &mut half.dout[..self.classes];
            softmax(&half.a2, y);
            half.losses[j] = neg_log(y[usize::from(half.labels[j])]);
        }
    }
}

/// One sample's scores `a2 = z1 W2 + b2`.
#[inline(always)]
fn scores(small: &Small, chunks: usize, z1: &[Chunk], a2: &mut [f32]) {
    for (k, (a, &b)) in a2.iter_mut().zip(&small.b2).enumerate() {
        *a = dot(z1, &small.w2t[k * chunks..][..chunks]) + b;
    }
}

/// `-ln(y + 1e-7)`, as `losses`' cross-entropy.
#[inline(always)]
fn neg_log(y: f32) -> f32 {
    -(y + losses::DELTA as f32).ln()
}
