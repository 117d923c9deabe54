//! The machine's measured peak: a large square `f32` GEMM, `C = A B` with
//! `n = 1536`, by nalgebra's matrixmultiply kernels (the ones the network's
//! products use), on one thread and on every core (the columns of `C` split
//! between `std::thread::scope` threads). `2 n^3` flops per product.

use std::time::Instant;

use nalgebra::{DMatrix, DMatrixViewMut};
use serde::Serialize;

use crate::flops::flops_per_gemm;

/// The side of the square matrices: 1536^3 is 7.2 GFLOP per product, large
/// enough for the kernels' steady state, small enough for a quick bench.
pub const GEMM_N: usize = 1536;

/// Products timed per thread count (after one warm-up); the best one counts,
/// the one least slowed down by other work on the machine.
const REPEATS: usize = 5;

/// The best GEMM rates measured.
#[derive(Debug, Clone, Serialize)]
pub struct GemmPeak {
    /// The side of the square matrices.
    pub n: usize,
    /// Products timed per figure, the best one kept.
    pub repeats: usize,
    /// GFLOP/s on one thread.
    pub one_thread_gflops: f64,
    /// The threads of the second figure: every core.
    pub threads: usize,
    /// GFLOP/s on `threads` threads.
    pub all_threads_gflops: f64,
}

impl GemmPeak {
    /// The peak that a phase using `threads` threads is compared with: the
    /// all-core figure if it used more than one, and which one it was.
    pub fn for_threads(&self, threads: usize) -> (f64, String) {
        if threads > 1 && self.threads > 1 {
            let name = format!("{}-thread GEMM", self.threads);
            (self.all_threads_gflops, name)
        } else {
            (self.one_thread_gflops, "1-thread GEMM".to_owned())
        }
    }
}

/// Measures the best rate of `REPEATS` products on one thread and on
/// `threads` threads.
pub fn measure(threads: usize) -> GemmPeak {
    let n = GEMM_N;
    let a = DMatrix::from_fn(n, n, |i, j| pseudo_random(i * n + j));
    let b = DMatrix::from_fn(n, n, |i, j| pseudo_random(j * n + i + 1));
    let mut c = DMatrix::<f32>::zeros(n, n);
    let flops = flops_per_gemm(n);
    let mut best_gflops = |threads: usize| {
        multiply(&a, &b, &mut c, threads);
        (0..REPEATS)
            .map(|_| {
                let started = Instant::now();
                multiply(&a, &b, &mut c, threads);
                flops / started.elapsed().as_secs_f64().max(1e-9) / 1e9
            })
            .fold(0.0, f64::max)
    };
    let one_thread_gflops = best_gflops(1);
    let threads = threads.max(1);
    let all_threads_gflops = if threads > 1 {
        best_gflops(threads)
    } else {
        one_thread_gflops
    };
    GemmPeak {
        n,
        repeats: REPEATS,
        one_thread_gflops,
        threads,
        all_threads_gflops,
    }
}

/// `c = a b`, the columns of `c` (and `b`) split into `threads` blocks.
fn multiply(a: &DMatrix<f32>, b: &DMatrix<f32>, c: &mut DMatrix<f32>, threads: usize) {
    let (rows, columns) = c.shape();
    let per_thread = columns.div_ceil(threads);
    std::thread::scope(|scope| {
        for (block, c_block) in c.as_mut_slice().chunks_mut(rows * per_thread).enumerate() {
            let width = c_block.len() / rows;
            let b_block = b.columns(block * per_thread, width);
            scope.spawn(move || {
                let mut c_block = DMatrixViewMut::from_slice(c_block, rows, width);
                c_block.gemm(1.0, a, &b_block, 0.0);
            });
        }
    });
}

/// A value in `[-0.5, 0.5)` from an integer (a cheap hash: no denormals, no pattern).
fn pseudo_random(k: usize) -> f32 {
    let mixed = (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
    mixed as f32 / (1u64 << 24) as f32 - 0.5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_product_is_the_product() {
        let a = DMatrix::from_fn(7, 5, |i, j| pseudo_random(i * 5 + j));
        let b = DMatrix::from_fn(5, 9, |i, j| pseudo_random(100 + i * 9 + j));
        let expected = &a * &b;
        for threads in [1, 2, 3, 4] {
            let mut c = DMatrix::zeros(7, 9);
            multiply(&a, &b, &mut c, threads);
            assert!((c - &expected).abs().max() < 1e-6, "{threads} threads");
        }
    }

    #[test]
    fn the_peak_matches_the_threads() {
        let peak = GemmPeak {
            n: 8,
            repeats: 1,
            one_thread_gflops: 50.0,
            threads: 2,
            all_threads_gflops: 95.0,
        };
        assert_eq!(peak.for_threads(1), (50.0, "1-thread GEMM".to_owned()));
        assert_eq!(peak.for_threads(2), (95.0, "2-thread GEMM".to_owned()));
    }
}
