//! Everything that exists only for speed: the same network as
//! [`TwoLayerNet`](crate::TwoLayerNet), trained, evaluated and
//! differentiated numerically many times faster, and tested against the
//! plain code of the book's parts. A caller picks it by name: `fast::train`
//! where the plain loop is `train_neuralnet`, `fast::evaluate` where it is
//! `train::evaluate`.
//!
//! | fast | speeds up | tested against |
//! |---|---|---|
//! | [`train()`] and [`Trainer`], the step behind them (and the test seam `FastBackprop`) | [`train_neuralnet`](crate::train_neuralnet): [`TwoLayerNet::gradient`](crate::TwoLayerNet::gradient), [`Params::sgd_update`](crate::Params::sgd_update), [`TwoLayerNet::loss`](crate::TwoLayerNet::loss) | [`train_neuralnet`](crate::train_neuralnet), the dense layers (`tests/fast_path.rs`) |
//! | [`evaluate`], [`confusion_matrix`] | [`train::evaluate`](crate::train::evaluate), [`train::confusion_matrix`](crate::train::confusion_matrix) | `tests/fast_path.rs` |
//! | [`FastNumericalGradient`] | [`TwoLayerNet::numerical_gradient`](crate::TwoLayerNet::numerical_gradient), the book's loop | `tests/fast_numerical.rs` |
//!
//! The modules: `sparse` (each sample's non-zero inputs), `layout` (the
//! parameters in chunks of 8 hidden units), `aligned` (buffers of chunks
//! that start on a cache line), `kernels` (one sample's layers on those
//! chunks), `simd` (the kernels compiled for AVX2 and AVX-512 too), `step` (a
//! step's scratch state, cut into parts and shares, and its items, on one
//! thread or two), `trainer` (the [`Trainer`] and [`train()`]), `eval`
//! (fast accuracy and confusion counts), `probe` (the hidden units' use at
//! an evaluation), `threads` (the one way this crate runs work on
//! several threads), `numerical` (the exact fast numerical gradient),
//! `backprop` (`FastBackprop`, a seam for the tests and benchmarks, behind
//! the `testing` feature).
//!
//! # Why training is fast
//!
//! For MNIST (784-50-10, batches of 100) nearly all of the work is the first
//! layer: `a1 = x W1 + b1` and `dW1 = x^T da1`, about 97% of the dense
//! flops. Only about 19% of the pixels are non-zero, and a zero input adds
//! nothing to either, so each sample's non-zero inputs are listed once
//! (`SparseInputs`, three bytes each) and only those rows of `W1` are read
//! or written:
//!
//! ```text
//! a1[n, :] = b1 + sum over i with x[n, i] != 0 of x[n, i] W1[i, :]
//! dW1[i, :] += x[n, i] da1[n, :]          for the same i, for every n
//! ```
//!
//! - **Layout.** `W1` is kept by input (one row of hidden weights per pixel,
//!   the transpose of nalgebra's column-major layout), padded to whole
//!   chunks of 8 lanes: a non-zero input reads or writes 7 contiguous
//!   vectors, summed in registers (see `kernels`). The rows do not fit the
//!   L1 cache, so each costs a few nanoseconds of L2 bandwidth: the sparse
//!   layer does a fifth of the flops but at a lower rate than a dense
//!   matrix product, and pays about 2.5 to 3x overall.
//! - **No wasted work.** The first layer's input gradient `dx` is never
//!   computed; biases, activations, the 50x10 layer and the softmax are
//!   fused into each sample's pass; the batch's non-zeros are copied
//!   together first, so that the memory latencies of its randomly placed
//!   samples overlap. No step allocates once its buffers have grown.
//! - **Two cores.** A step is five phases of items (see `step`), each for
//!   one of two *shares* of the batch or one of two *parts* of the hidden
//!   units: copying the samples' non-zeros, the first layer, the scores and
//!   `dout`, the gradients and the update (and the first layer again), the
//!   recorded loss. The first layer's work, nearly all of a step, is cut by
//!   columns: each thread keeps its own columns of `W1` and their gradient
//!   in its own cache, and no row of `W1` moves between the cores. The
//!   threads claim items in their own order (each its own part and share
//!   first) and take each other's when one is late; each number is computed
//!   the same way on either thread, so results do not depend on the number
//!   of cores. Evaluation shares chunks of samples among the cores (see
//!   `eval`).
//! - **Vectors.** The loops are plain Rust over `[f32; 8]`, compiled for the
//!   baseline x86-64 and, chosen at run time, for AVX2 (see `simd`), without
//!   fused multiply-adds: both give the same bits. The sigmoid and the
//!   softmax use a vectorizable `exp` within 2 ulps of the C library's.
//!
//! # How it differs from the plain code
//!
//! Only in rounding: the sums run in another order (sample by sample, input
//! by input, instead of the matrix product's blocks) and `exp` is rounded
//! differently. The tests bound the difference against the dense code.
//! [`FastNumericalGradient`] computes the book's central differences
//! without re-running the network; its documentation has the derivation.

mod aligned;
#[cfg(feature = "testing")]
mod backprop;
mod eval;
mod kernels;
mod layout;
mod numerical;
mod probe;
mod simd;
mod sparse;
mod step;
mod threads;
mod trainer;

pub(crate) use aligned::AlignedChunks;
#[cfg(feature = "testing")]
pub use backprop::FastBackprop;
pub(crate) use eval::confusion;
pub use eval::{confusion_matrix, evaluate};
pub(crate) use layout::FastNet;
pub use numerical::{FastNumericalGradient, numerical_step_time};
pub(crate) use probe::hidden_use;
pub(crate) use simd::Isa;
pub(crate) use sparse::SparseInputs;
pub(crate) use step::Stepper;
pub use trainer::{Trainer, train};

/// Lanes of a chunk: one AVX2 vector of `f32`, two SSE2 ones.
pub(crate) const LANES: usize = 8;

/// Eight consecutive hidden units (or their gradients).
pub(crate) type Chunk = [f32; LANES];
