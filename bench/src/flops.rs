//! The flop models that turn the bench's times into GFLOP/s and floors,
//! two flops per multiply-add, biases, activations and the softmax left out
//! (`x: (N, D)`, `W1: (D, H)`, `W2: (H, C)`):
//!
//! - the dense model counts every product of the book's network as written;
//! - the sparse model counts only the work the first layer needs on images
//!   whose pixels are mostly zero (`m` non-zero pixels per image on
//!   average): `x W1` and `x^T da1` cost `2 N m H`, not `2 N D H`;
//! - the floor is the sparse work at the machine's measured GEMM peak.

/// Dense flops of one training step of the book's loop on a batch of `n`:
/// the forward pass `2 n (D H + H C)`, backprop without the first layer's
/// input gradient `2 n (D H + 2 H C)` (`dW1 = x^T da1`, `dW2 = z1^T dout`,
/// `dz1 = dout W2^T`), and the loss recorded after the update, another
/// forward pass: `2 n (3 D H + 4 H C)` in all.
pub fn flops_per_step(n: usize, input: usize, hidden: usize, output: usize) -> f64 {
    let (n, d, h, c) = (n as f64, input as f64, hidden as f64, output as f64);
    2.0 * n * (3.0 * d * h + 4.0 * h * c)
}

/// Dense flops of predicting one image: `2 (D H + H C)`.
pub fn flops_per_image(input: usize, hidden: usize, output: usize) -> f64 {
    let (d, h, c) = (input as f64, hidden as f64, output as f64);
    2.0 * (d * h + h * c)
}

/// Flops of one square `f32` product `C = A B` of side `n`: `2 n^3`.
pub fn flops_per_gemm(n: usize) -> f64 {
    2.0 * (n as f64).powi(3)
}

/// The sparse flops of one training step, counted two ways.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct SparseStep {
    /// What the book's step does: the forward pass, the weight gradients,
    /// `dz1`, and the loss recorded after the update (another forward
    /// pass): `3 * 2 N m H + 4 * 2 N H C`.
    pub with_recorded_loss: f64,
    /// The count, without the recorded loss: `2 * 2 N m H + 3 * 2 N H C`.
    pub without_recorded_loss: f64,
}

/// The sparse flops of one step on a batch of `n` images with
/// `nonzeros_per_image` non-zero pixels on average, `hidden` units and
/// `output` classes. The sparse first layer costs `2 n m H` per product
/// (its forward `x W1`, its weight gradient `dW1 = x^T da1`, and the
/// recorded loss's forward); the small second layer is dense, `2 n H C` per
/// product (forward `z1 W2`, `dW2 = z1^T dout`, `dz1 = dout W2^T`, and the
/// recorded loss's forward).
pub fn sparse_flops_per_step(
    n: usize,
    nonzeros_per_image: f64,
    hidden: usize,
    output: usize,
) -> SparseStep {
    let (n, m, h, c) = (n as f64, nonzeros_per_image, hidden as f64, output as f64);
    let (sparse, dense) = (2.0 * n * m * h, 2.0 * n * h * c);
    SparseStep {
        with_recorded_loss: 3.0 * sparse + 4.0 * dense,
        without_recorded_loss: 2.0 * sparse + 3.0 * dense,
    }
}

/// The sparse flops of one evaluation pass over `images` images holding
/// `nonzeros` non-zero pixels in all: `2 nnz H` for the first layer,
/// `2 images H C` for the second.
pub fn sparse_flops_per_evaluation(
    nonzeros: u64,
    images: usize,
    hidden: usize,
    output: usize,
) -> f64 {
    let (h, c) = (hidden as f64, output as f64);
    2.0 * nonzeros as f64 * h + 2.0 * images as f64 * h * c
}

/// The fastest a run could be, in seconds: `steps` steps of `step_flops`
/// at the one-thread GEMM rate, plus `evaluations` passes of `eval_flops`
/// at the all-core rate (rates in GFLOP/s): a step is too small to share
/// well between cores, an evaluation pass is not.
pub fn floor_s(
    steps: usize,
    step_flops: f64,
    one_thread_gflops: f64,
    evaluations: usize,
    eval_flops: f64,
    all_threads_gflops: f64,
) -> f64 {
    steps as f64 * step_flops / (one_thread_gflops * 1e9)
        + evaluations as f64 * eval_flops / (all_threads_gflops * 1e9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_books_step_has_24_megaflops() {
        // forward 7.94 M + backward 8.04 M + recorded loss 7.94 M.
        assert_eq!(flops_per_step(100, 784, 50, 10), 23_920_000.0);
        assert_eq!(flops_per_image(784, 50, 10), 79_400.0);
        assert_eq!(flops_per_gemm(10), 2_000.0);
    }

    #[test]
    fn a_sparse_step_counts_the_non_zero_pixels() {
        // 2 images of 3 non-zeros, 4 hidden, 5 classes: a sparse product is
        // 2 * 2 * 3 * 4 = 48 flops, a second-layer one 2 * 2 * 4 * 5 = 80.
        let step = sparse_flops_per_step(2, 3.0, 4, 5);
        assert_eq!(step.with_recorded_loss, 3.0 * 48.0 + 4.0 * 80.0);
        assert_eq!(step.without_recorded_loss, 2.0 * 48.0 + 3.0 * 80.0);
        // The MNIST figure: about 150 non-zeros, 3.3 MFLOP per step.
        let mnist = sparse_flops_per_step(100, 150.0, 50, 10);
        assert_eq!(mnist.without_recorded_loss, 3_300_000.0);
        assert_eq!(mnist.with_recorded_loss, 4_900_000.0);
        // Every pixel non-zero: the dense model.
        let dense = sparse_flops_per_step(100, 784.0, 50, 10);
        assert_eq!(dense.with_recorded_loss, flops_per_step(100, 784, 50, 10));
    }

    #[test]
    fn an_evaluation_pass_counts_every_non_zero_once() {
        // 10 non-zeros in 3 images, 4 hidden, 5 classes: 2 * 10 * 4 + 2 * 3 * 4 * 5.
        assert_eq!(sparse_flops_per_evaluation(10, 3, 4, 5), 80.0 + 120.0);
    }

    #[test]
    fn the_floor_runs_steps_on_one_thread_and_evaluations_on_all() {
        // 1,000 steps of 2 MFLOP at 1 GFLOP/s: 2 s; 4 passes of 1.5 GFLOP at 3 GFLOP/s: 2 s.
        assert_eq!(floor_s(1_000, 2e6, 1.0, 4, 1.5e9, 3.0), 4.0);
        assert_eq!(floor_s(10, 1e9, 10.0, 0, 1e9, 20.0), 1.0);
    }
}
