//! The training the bench times on the real data: the book's default run
//! (SGD steps and accuracy evaluations apart) and the training steps alone
//! ([`Trainer::steps`] as the default run takes them, or [`Trainer::step`]
//! on one thread).

use std::time::{Duration, Instant};

use serde::Serialize;
use twolayer::fast::Trainer;
use twolayer::{Dataset, EpochStats, TrainConfig, TrainError, TrainObserver};

use crate::usage::{cores_busy, cpu_since, cpu_time};

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
    fn on_iteration(&mut self, _iteration: usize, _loss: f64) -> std::ops::ControlFlow<()> {
        let now = Instant::now();
        self.steps += now - self.last;
        self.last = now;
        std::ops::ControlFlow::Continue(())
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
/// is [`Trainer::new`] then [`Trainer::run`], called here one after the
/// other to time the setup apart.
///
/// # Errors
/// As [`Trainer::new`] and [`Trainer::run`].
pub fn default_run(
    train: &Dataset<'_>,
    test: &Dataset<'_>,
    config: &TrainConfig,
) -> Result<RunTiming, TrainError> {
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

/// The learning rate of the saturated run the bench times: with it the
/// book's network saturates its sigmoids within a few steps, as a learner
/// sees with `train --lr 100` (chapter 4's warning about large rates).
pub const SATURATED_LEARNING_RATE: f64 = 100.0;

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

/// Times `runs` (at least one) trainings of `config.iters` steps without
/// evaluations; returns the last trainer, trained, too.
///
/// # Errors
/// As [`Trainer::new`].
pub fn time_steps<'a>(
    train: &Dataset<'a>,
    test: &Dataset<'a>,
    config: &TrainConfig,
    runs: usize,
    stepping: Stepping,
) -> Result<(Steps, Trainer<'a>), TrainError> {
    let mut runs_s = Vec::with_capacity(runs.max(1));
    let (mut cpu, mut wall) = (Some(Duration::ZERO), Duration::ZERO);
    let mut trainer = Trainer::new(train, test, config)?;
    for run in 0..runs.max(1) {
        if run > 0 {
            trainer = Trainer::new(train, test, config)?;
        }
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
    }
    let steps = Steps {
        stepping,
        steps: config.iters,
        runs_s,
        cores_busy: cpu.map(|cpu| cores_busy(cpu, wall)),
    };
    Ok((steps, trainer))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// 40 images of 4 pixels in 2 classes.
    pub(crate) fn tiny_data() -> (Vec<u8>, Vec<u8>) {
        let inputs: Vec<u8> = (0..40).flat_map(|n| [n * 6; 4]).collect();
        let labels: Vec<u8> = (0..40).map(|n| u8::from(n >= 20)).collect();
        (inputs, labels)
    }

    /// A short run on [`tiny_data`]: 20 steps of 10, 5 evaluations.
    pub(crate) fn tiny_config() -> TrainConfig {
        TrainConfig {
            hidden: 8,
            batch_size: 10,
            iters: 20,
            ..TrainConfig::default()
        }
    }

    #[test]
    fn a_tiny_run_is_timed() -> Result<(), Box<dyn std::error::Error>> {
        let (inputs, labels) = tiny_data();
        let data = Dataset::new(&inputs, &labels, 4, 2)?;
        let config = tiny_config();
        let timing = default_run(&data, &data, &config)?;
        assert_eq!(timing.evaluations, 5);
        assert!(timing.total_s() <= timing.wall_s);
        assert!((0.0..=1.0).contains(&timing.test_acc));
        let (steps, trainer) = time_steps(&data, &data, &config, 2, Stepping::Steps)?;
        assert_eq!((steps.steps, steps.runs_s.len()), (20, 2));
        assert_eq!(trainer.iteration(), 20);
        let (one, _) = time_steps(&data, &data, &config, 1, Stepping::OneThread)?;
        assert_eq!((one.stepping, one.runs_s.len()), (Stepping::OneThread, 1));
        Ok(())
    }
}
