//! What `bench` times on the real data: loading MNIST, the book's default
//! training run (SGD steps and accuracy evaluations apart), the steps alone
//! and the evaluations alone ([`Trainer::step`], [`Trainer::accuracies`]),
//! with the dense flop counts that turn times into GFLOP/s.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use mnist_data::{LoadOptions, MnistFile};
use serde::Serialize;
use twolayer::{Dataset, EpochStats, TrainConfig, TrainObserver, Trainer};

use crate::bench_machine::cpu_time;

/// Dense flops of one training step of the book's loop on a batch of `n`:
/// the forward pass `2 n (D H + H C)`, backprop without the first layer's
/// input gradient `2 n (D H + 2 H C)` (`dW1 = x^T da1`, `dW2 = z1^T dout`,
/// `dz1 = dout W2^T`), and the loss recorded after the update, another
/// forward pass. Biases, activations and the softmax are left out.
pub fn flops_per_step(n: usize, input: usize, hidden: usize, output: usize) -> f64 {
    let (n, d, h, c) = (n as f64, input as f64, hidden as f64, output as f64);
    2.0 * n * (3.0 * d * h + 4.0 * h * c)
}

/// Dense flops of predicting one image: `2 (D H + H C)`.
pub fn flops_per_image(input: usize, hidden: usize, output: usize) -> f64 {
    let (d, h, c) = (input as f64, hidden as f64, output as f64);
    2.0 * (d * h + h * c)
}

/// Loading the four files, from the compressed (or raw) bytes on disk to
/// the `u8` arrays training uses.
#[derive(Debug, Clone, Serialize)]
pub struct Loading {
    /// Every run, seconds.
    pub runs_s: Vec<f64>,
    /// What was read: `gz` or `raw` (or a mix).
    pub files: String,
}

/// Times `runs` calls of `mnist_data::load_mnist` (raw bytes, as `train` loads).
pub fn time_loading(dir: &Path, runs: usize) -> anyhow::Result<Loading> {
    let options = LoadOptions {
        normalize: false,
        flatten: true,
        one_hot_label: false,
    };
    let runs_s = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let mnist = mnist_data::load_mnist(dir, &options)
                .with_context(|| format!("cannot load MNIST from {}", dir.display()))?;
            let seconds = started.elapsed().as_secs_f64();
            drop(mnist);
            Ok(seconds)
        })
        .collect::<anyhow::Result<_>>()?;
    let raw = MnistFile::ALL
        .iter()
        .filter(|file| dir.join(file.name()).is_file())
        .count();
    let files = match raw {
        0 => "gz".to_owned(),
        4 => "raw".to_owned(),
        n => format!("{n} raw, {} gz", 4 - n),
    };
    Ok(Loading { runs_s, files })
}

/// One run of the book's default `train()`.
#[derive(Debug, Clone, Serialize)]
pub struct RunTiming {
    /// Wall time of the whole run: setup, steps and evaluations.
    pub wall_s: f64,
    /// [`Trainer::new`]: the initial weights and the list of each image's
    /// non-zero pixels (the peers do their data preparation while loading).
    pub setup_s: f64,
    /// Time in SGD steps: batch, gradient, update, recorded loss.
    pub steps_s: f64,
    /// Time in the per-epoch accuracy evaluations on the full sets.
    pub eval_s: f64,
    /// Evaluations made (17 in the book's run).
    pub evaluations: usize,
    /// The last training-set accuracy.
    pub train_acc: f64,
    /// The last test-set accuracy.
    pub test_acc: f64,
}

impl RunTiming {
    /// Steps plus evaluations, as the peers count their total.
    pub fn total_s(&self) -> f64 {
        self.steps_s + self.eval_s
    }
}

/// Splits the time of `train()` between steps and evaluations from the
/// moments its callbacks arrive.
struct StepClock {
    last: Instant,
    steps: Duration,
    evals: Duration,
    evaluations: usize,
    last_epoch: Option<(f64, f64)>,
}

impl TrainObserver for StepClock {
    fn on_iteration(&mut self, _iteration: usize, _loss: f64) {
        let now = Instant::now();
        self.steps += now - self.last;
        self.last = now;
    }

    fn on_epoch(&mut self, stats: &EpochStats) {
        let now = Instant::now();
        self.evals += now - self.last;
        self.last = now;
        self.evaluations += 1;
        self.last_epoch = Some((stats.train_acc, stats.test_acc));
    }
}

/// Runs the book's default training once, timed: `twolayer::train`, which
/// is [`Trainer::new`] then [`Trainer::run`], called here one after the other
/// to time the setup apart.
pub fn default_run(
    train: &Dataset<'_>,
    test: &Dataset<'_>,
    config: &TrainConfig,
) -> anyhow::Result<RunTiming> {
    let started = Instant::now();
    let trainer = Trainer::new(train, test, config)?;
    let setup = started.elapsed();
    let mut clock = StepClock {
        last: Instant::now(),
        steps: Duration::ZERO,
        evals: Duration::ZERO,
        evaluations: 0,
        last_epoch: None,
    };
    trainer.run(&mut clock)?;
    let (train_acc, test_acc) = clock.last_epoch.unwrap_or((f64::NAN, f64::NAN));
    Ok(RunTiming {
        wall_s: started.elapsed().as_secs_f64(),
        setup_s: setup.as_secs_f64(),
        steps_s: clock.steps.as_secs_f64(),
        eval_s: clock.evals.as_secs_f64(),
        evaluations: clock.evaluations,
        train_acc,
        test_acc,
    })
}

/// How [`time_steps`] steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Stepping {
    /// [`Trainer::steps`], as the default run: each step shared between two
    /// threads when the machine has two cores.
    Steps,
    /// [`Trainer::step`] in a loop: one thread.
    OneThread,
}

/// The training steps alone: `config.iters` of them per run, no evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Steps {
    /// How they were taken.
    pub stepping: Stepping,
    /// Steps per run.
    pub steps: usize,
    /// Every run, seconds.
    pub runs_s: Vec<f64>,
    /// CPU time over wall time in the steps, all runs: about how many cores
    /// they kept busy (`None` where the OS does not tell).
    pub cores_busy: Option<f64>,
}

/// Times `runs` trainings of `config.iters` steps without evaluations;
/// returns the last trainer, trained, too.
pub fn time_steps<'a>(
    train: &Dataset<'a>,
    test: &Dataset<'a>,
    config: &TrainConfig,
    runs: usize,
    stepping: Stepping,
) -> anyhow::Result<(Steps, Trainer<'a>)> {
    let mut trained = None;
    let mut runs_s = Vec::with_capacity(runs);
    let (mut cpu, mut wall) = (Some(Duration::ZERO), Duration::ZERO);
    for _ in 0..runs {
        let mut trainer = Trainer::new(train, test, config)?;
        let cpu_started = cpu_time();
        let started = Instant::now();
        match stepping {
            Stepping::Steps => {
                std::hint::black_box(trainer.steps(config.iters));
            }
            Stepping::OneThread => {
                for _ in 0..config.iters {
                    std::hint::black_box(trainer.step());
                }
            }
        }
        let elapsed = started.elapsed();
        cpu = cpu.zip(cpu_since(cpu_started)).map(|(sum, d)| sum + d);
        wall += elapsed;
        runs_s.push(elapsed.as_secs_f64());
        trained = Some(trainer);
    }
    let trainer = trained.context("time_steps needs at least one run")?;
    let steps = Steps {
        stepping,
        steps: config.iters,
        runs_s,
        cores_busy: cpu.map(|cpu| ratio(cpu, wall)),
    };
    Ok((steps, trainer))
}

/// Evaluating a trained network on the whole training and test sets.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Images per evaluation (60,000 + 10,000).
    pub images: usize,
    /// Every [`Trainer::accuracies`] (the default run's evaluations), seconds.
    pub runs_s: Vec<f64>,
    /// About how many cores they kept busy.
    pub cores_busy: Option<f64>,
    /// Every `twolayer::evaluate` of both sets (what `eval` calls), seconds.
    pub evaluate_runs_s: Vec<f64>,
}

/// Times `runs` evaluations of the trained `trainer`'s network on both
/// sets, by the trainer and by `twolayer::evaluate`.
pub fn time_evaluation(
    trainer: &Trainer<'_>,
    train: &Dataset<'_>,
    test: &Dataset<'_>,
    runs: usize,
) -> Evaluation {
    let cpu_started = cpu_time();
    let started = Instant::now();
    let runs_s = (0..runs)
        .map(|_| seconds(|| trainer.accuracies()))
        .collect();
    let cores_busy = cpu_since(cpu_started).map(|cpu| ratio(cpu, started.elapsed()));
    let net = trainer.net();
    let evaluate_runs_s = (0..runs)
        .map(|_| seconds(|| twolayer::evaluate(&net, train) + twolayer::evaluate(&net, test)))
        .collect();
    Evaluation {
        images: train.len() + test.len(),
        runs_s,
        cores_busy,
        evaluate_runs_s,
    }
}

/// The seconds `f` takes.
fn seconds<R>(f: impl FnOnce() -> R) -> f64 {
    let started = Instant::now();
    std::hint::black_box(f());
    started.elapsed().as_secs_f64()
}

/// The CPU time used since `cpu_started`.
fn cpu_since(cpu_started: Option<Duration>) -> Option<Duration> {
    cpu_time()?.checked_sub(cpu_started?)
}

/// `cpu / wall`, 0 for no wall time.
fn ratio(cpu: Duration, wall: Duration) -> f64 {
    cpu.as_secs_f64() / wall.as_secs_f64().max(1e-9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_books_step_has_24_megaflops() {
        // forward 7.94 M + backward 8.04 M + recorded loss 7.94 M.
        assert_eq!(flops_per_step(100, 784, 50, 10), 23_920_000.0);
        assert_eq!(flops_per_image(784, 50, 10), 79_400.0);
    }

    #[test]
    fn a_tiny_run_is_timed() -> anyhow::Result<()> {
        let inputs: Vec<u8> = (0..40).flat_map(|n| [n * 6; 4]).collect();
        let labels: Vec<u8> = (0..40).map(|n| u8::from(n >= 20)).collect();
        let data = Dataset::new(&inputs, &labels, 4, 2)?;
        let config = TrainConfig {
            hidden: 8,
            batch_size: 10,
            iters: 20,
            ..TrainConfig::default()
        };
        let timing = default_run(&data, &data, &config)?;
        assert_eq!(timing.evaluations, 5);
        assert!(timing.total_s() <= timing.wall_s);
        assert!((0.0..=1.0).contains(&timing.test_acc));
        let (steps, trainer) = time_steps(&data, &data, &config, 2, Stepping::Steps)?;
        assert_eq!((steps.steps, steps.runs_s.len()), (20, 2));
        assert_eq!(trainer.iteration(), 20);
        let (one, _) = time_steps(&data, &data, &config, 1, Stepping::OneThread)?;
        assert_eq!((one.stepping, one.runs_s.len()), (Stepping::OneThread, 1));
        let evaluation = time_evaluation(&trainer, &data, &data, 2);
        assert_eq!((evaluation.images, evaluation.runs_s.len()), (80, 2));
        assert_eq!(evaluation.evaluate_runs_s.len(), 2);
        Ok(())
    }
}
