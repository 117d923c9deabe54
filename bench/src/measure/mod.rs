//! What the bench times, one measurement per module: loading MNIST, the
//! training steps and the book's default run, full-set evaluation, the
//! numerical gradient, the machine's GEMM peak, the peak memory of a child
//! process, and the Python peers. Each returns its raw figures, gathered
//! here in [`Measurements`]; the [`figures`](crate::figures) module turns
//! them into rates and ratios.

pub mod evaluation;
pub mod gemm;
pub mod loading;
pub mod numerical_gradient;
pub mod one_core;
pub mod peak_memory;
pub mod peers;
pub mod sparsity;
pub mod training;

use serde::Serialize;

use crate::machine::Machine;
use evaluation::Evaluation;
use gemm::GemmPeak;
use loading::Loading;
use numerical_gradient::NumericalGradient;
use peak_memory::PeakMemory;
use peers::Peers;
use sparsity::Sparsity;
use training::{RunTiming, Steps};

/// The network and training settings measured (the book's defaults).
#[derive(Debug, Clone, Serialize)]
pub struct Setup {
    /// Input, hidden and output sizes.
    pub dims: (usize, usize, usize),
    /// The hidden activation.
    pub activation: String,
    /// Samples per step.
    pub batch_size: usize,
    /// SGD steps per run.
    pub iters: usize,
    /// Learning rate.
    pub learning_rate: f64,
    /// Seed of every run.
    pub seed: u64,
    /// Repeats behind each median.
    pub runs: usize,
    /// Where MNIST was read from.
    pub mnist_dir: String,
    /// The command that measured it: `cargo xtask bench --peers ...`.
    pub command: String,
}

/// Everything measured in one bench run.
#[derive(Debug, Clone, Serialize)]
pub struct Measurements {
    /// The machine and versions.
    pub machine: Machine,
    /// What was measured.
    pub setup: Setup,
    /// The GEMM peak.
    pub gemm: GemmPeak,
    /// Loading MNIST.
    pub loading: Loading,
    /// The non-zero pixels of both sets, behind the sparse flop floor.
    pub sparsity: Sparsity,
    /// Every default run.
    pub default_runs: Vec<RunTiming>,
    /// The training steps alone, as the default run takes them.
    pub steps: Steps,
    /// The training steps alone on one thread.
    pub one_thread_steps: Steps,
    /// The training steps alone of a saturated run: the default run's
    /// settings with the learning rate [`training::SATURATED_LEARNING_RATE`]
    /// (`train --lr 100`), as the default run takes them.
    pub saturated_steps: Steps,
    /// Full-set evaluations.
    pub evaluation: Evaluation,
    /// The numerical gradient.
    pub numerical_gradient: NumericalGradient,
    /// The child run's peak memory, if it ran.
    pub peak_memory: Option<PeakMemory>,
    /// Why it did not.
    pub peak_memory_error: Option<String>,
    /// The Python peers, with `--peers`.
    pub peers: Option<Peers>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::measure::training::Stepping;

    fn run(steps_s: f64, eval_s: f64) -> RunTiming {
        RunTiming {
            wall_s: steps_s + eval_s + 0.01,
            setup_s: 0.01,
            steps_s,
            eval_s,
            evaluations: 17,
            train_acc: 0.94,
            test_acc: 0.95,
        }
    }

    /// A run of 3 on a 2-core machine, without peers.
    pub(crate) fn example() -> Measurements {
        Measurements {
            machine: crate::examples::machine(),
            setup: Setup {
                dims: (784, 50, 10),
                activation: "sigmoid".to_owned(),
                batch_size: 100,
                iters: 10_000,
                learning_rate: 0.1,
                seed: 42,
                runs: 3,
                mnist_dir: "/data".to_owned(),
                command: "cargo xtask bench".to_owned(),
            },
            gemm: GemmPeak {
                n: 1536,
                repeats: 5,
                one_thread_gflops: 100.0,
                threads: 2,
                all_threads_gflops: 200.0,
            },
            loading: Loading {
                runs_s: vec![0.2, 0.1, 0.12],
                files: "gz".to_owned(),
            },
            sparsity: Sparsity {
                features: 784,
                train_images: 60_000,
                train_nonzeros: 9_000_000,
                test_images: 10_000,
                test_nonzeros: 1_500_000,
            },
            default_runs: vec![run(1.2, 0.5), run(1.0, 0.4), run(3.0, 0.4)],
            steps: Steps {
                stepping: Stepping::Steps,
                steps: 10_000,
                runs_s: vec![1.3, 1.2, 1.1],
                cores_busy: Some(1.9),
            },
            one_thread_steps: Steps {
                stepping: Stepping::OneThread,
                steps: 10_000,
                runs_s: vec![2.0, 2.1, 2.2],
                cores_busy: Some(1.0),
            },
            saturated_steps: Steps {
                stepping: Stepping::Steps,
                steps: 10_000,
                runs_s: vec![1.6, 1.5, 1.4],
                cores_busy: Some(1.9),
            },
            evaluation: Evaluation {
                images: 70_000,
                runs_s: vec![0.02, 0.025, 0.03],
                cores_busy: Some(2.0),
                evaluate_runs_s: vec![0.05, 0.04, 0.06],
                one_core_runs_s: vec![0.04, 0.045, 0.05],
                one_core_error: None,
            },
            numerical_gradient: NumericalGradient {
                batch: 100,
                fast_threads: 2,
                fast_runs_s: vec![0.01, 0.012, 0.02],
                reference_s: Some(30.0),
                max_abs_diff: Some(1e-15),
            },
            peak_memory: Some(PeakMemory {
                peak_mb: Some(160.0),
                wall_s: 3.0,
                command: "cargo xtask train".to_owned(),
            }),
            peak_memory_error: None,
            peers: None,
        }
    }
}
