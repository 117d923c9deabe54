//! Full-set evaluation, timed: a trained network's accuracy on the whole
//! training and test sets, as the default run measures it every epoch
//! ([`Trainer::accuracies`]) and as `cargo xtask eval` does
//! (`twolayer::fast::evaluate`).

use std::time::Instant;

use serde::Serialize;
use twolayer::Dataset;
use twolayer::fast::{self, Trainer};

use super::one_core::on_one_core;
use crate::usage::{cores_busy, cpu_since, cpu_time};

/// Evaluating a trained network on the whole training and test sets.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Images per evaluation (60,000 + 10,000).
    pub images: usize,
    /// Every [`Trainer::accuracies`] (the default run's evaluations), seconds.
    pub runs_s: Vec<f64>,
    /// About how many cores they kept busy.
    pub cores_busy: Option<f64>,
    /// Every `twolayer::fast::evaluate` of both sets (what `eval` calls), seconds.
    pub evaluate_runs_s: Vec<f64>,
    /// Every [`Trainer::accuracies`] with the process limited to one core
    /// (the second core's share), seconds; empty where it could not be.
    pub one_core_runs_s: Vec<f64>,
    /// Why there are none, if so.
    pub one_core_error: Option<String>,
}

/// Times `runs` evaluations of the trained `trainer`'s network on both
/// sets, by the trainer and by `twolayer::fast::evaluate`.
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
    let cores_busy = cpu_since(cpu_started).map(|cpu| cores_busy(cpu, started.elapsed()));
    let net = trainer.net();
    let evaluate_runs_s = (0..runs)
        .map(|_| seconds(|| fast::evaluate(&net, train) + fast::evaluate(&net, test)))
        .collect();
    let one_core = on_one_core(|| {
        (0..runs)
            .map(|_| seconds(|| trainer.accuracies()))
            .collect()
    });
    let (one_core_runs_s, one_core_error) = match one_core {
        Ok(runs_s) => (runs_s, None),
        Err(e) => (Vec::new(), Some(e.to_string())),
    };
    Evaluation {
        images: train.len() + test.len(),
        runs_s,
        cores_busy,
        evaluate_runs_s,
        one_core_runs_s,
        one_core_error,
    }
}

/// The seconds `f` takes.
fn seconds<R>(f: impl FnOnce() -> R) -> f64 {
    let started = Instant::now();
    std::hint::black_box(f());
    started.elapsed().as_secs_f64()
}

#[cfg(test)]
mod tests {
    use twolayer::Dataset;

    use super::*;
    use crate::measure::training::tests::{tiny_config, tiny_data};
    use crate::measure::training::{Stepping, time_steps};

    #[test]
    fn both_sets_are_evaluated() -> Result<(), Box<dyn std::error::Error>> {
        let (inputs, labels) = tiny_data();
        let data = Dataset::new(&inputs, &labels, 4, 2)?;
        let (_, trainer) = time_steps(&data, &data, &tiny_config(), 1, Stepping::Steps)?;
        let evaluation = time_evaluation(&trainer, &data, &data, 2);
        assert_eq!((evaluation.images, evaluation.runs_s.len()), (80, 2));
        assert_eq!(evaluation.evaluate_runs_s.len(), 2);
        Ok(())
    }
}
