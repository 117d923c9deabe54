//! What the bench times, one measurement per module: loading MNIST, the
//! training steps and the book's default run, full-set evaluation, the
//! numerical gradient, the machine's GEMM peak, the peak memory of a child
//! process, and the Python peers. Each returns its raw figures; the
//! [`figures`](crate::figures) module turns them into rates and ratios.

pub mod evaluation;
pub mod gemm;
pub mod loading;
pub mod numerical_gradient;
pub mod peak_memory;
pub mod peers;
pub mod training;
