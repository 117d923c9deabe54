//! The scaling grid's timings of this project, on the real data: one
//! training step ([`Trainer::steps`], as the default run takes them) and one
//! evaluation pass of both sets ([`Trainer::accuracies`]), and the same for
//! the dense reference (the book's plain step, [`sgd_step_loss_after`] on a
//! [`TwoLayerNet`], and [`evaluate`] over both sets). Each is repeated
//! until it has lasted long enough, and no longer: a slow cell is timed once.

use std::time::Instant;

use losses::Targets;
use nalgebra::DMatrix;
use rand::rngs::ChaCha12Rng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;
use twolayer::fast::Trainer;
use twolayer::train::{evaluate, sgd_step_loss_after};
use twolayer::{Dataset, GradientMethod, TrainConfig, TrainError, TwoLayerNet};

use crate::figures::median;

/// Timed chunks aimed at in the minimum time.
const CHUNKS: f64 = 10.0;

/// Chunks timed at least, when one call is short.
const MIN_CHUNKS: usize = 3;

/// Chunks timed at most.
const MAX_CHUNKS: usize = 40;

/// What repeated calls took.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Timing {
    /// Median seconds per call over the timed chunks.
    pub median_s: f64,
    /// Calls timed (the warm-up call not counted, unless it was the only one).
    pub calls: usize,
    /// Seconds spent in them.
    pub total_s: f64,
}

/// Times `run(n)`, which makes `n` calls: one warm-up call, then chunks of
/// calls sized to about a tenth of `min_time_s` each, until `min_time_s`
/// has passed (at least 3 chunks, at most 40). A warm-up call that lasts
/// `min_time_s` or more is the measurement: slow cells run once.
pub fn time_calls(min_time_s: f64, mut run: impl FnMut(usize)) -> Timing {
    let seconds = |run: &mut dyn FnMut(usize), n: usize| {
        let started = Instant::now();
        run(n);
        started.elapsed().as_secs_f64()
    };
    let warm_up = seconds(&mut run, 1);
    if warm_up >= min_time_s {
        return Timing {
            median_s: warm_up,
            calls: 1,
            total_s: warm_up,
        };
    }
    let per_chunk = (min_time_s / CHUNKS / warm_up.max(1e-9))
        .ceil()
        .clamp(1.0, 1e6) as usize;
    let (mut per_call, mut total_s) = (Vec::new(), 0.0);
    while per_call.len() < MIN_CHUNKS || (total_s < min_time_s && per_call.len() < MAX_CHUNKS) {
        let chunk = seconds(&mut run, per_chunk);
        total_s += chunk;
        per_call.push(chunk / per_chunk as f64);
    }
    Timing {
        median_s: median(&per_call),
        calls: per_call.len() * per_chunk,
        total_s,
    }
}

/// The step of this project at `hidden` units and batch `batch`, timed, and
/// the trainer, trained by it.
///
/// # Errors
/// As [`Trainer::new`] (a batch larger than the training set, for one).
pub fn time_our_step<'a>(
    train: &Dataset<'a>,
    test: &Dataset<'a>,
    hidden: usize,
    batch: usize,
    min_time_s: f64,
) -> Result<(Timing, Trainer<'a>), TrainError> {
    let mut trainer = Trainer::new(train, test, &config(hidden, batch))?;
    let timing = time_calls(min_time_s, |n| {
        std::hint::black_box(trainer.steps(n));
    });
    Ok((timing, trainer))
}

/// One evaluation pass of both sets by `trainer`, timed.
pub fn time_our_evaluation(trainer: &Trainer<'_>, min_time_s: f64) -> Timing {
    time_calls(min_time_s, |n| {
        for _ in 0..n {
            std::hint::black_box(trainer.accuracies());
        }
    })
}

/// The dense reference's step at `hidden` units and batch `batch` (the
/// book's: a dense batch, [`TwoLayerNet::gradient`], the SGD update, the
/// recorded loss), timed, and the network it trained.
///
/// # Errors
/// As [`TrainConfig::validate`].
pub fn time_dense_step(
    train: &Dataset<'_>,
    hidden: usize,
    batch: usize,
    min_time_s: f64,
) -> Result<(Timing, TwoLayerNet<f32>), TrainError> {
    let config = config(hidden, batch);
    config.validate(train.len())?;
    let mut rng = ChaCha12Rng::seed_from_u64(config.seed);
    let mut net = TwoLayerNet::<f32>::new(
        train.features(),
        hidden,
        train.classes(),
        config.weight_init_std,
        config.activation,
        &mut rng,
    );
    let learning_rate = config.learning_rate as f32;
    let (mut x, mut t) = (DMatrix::zeros(0, 0), Vec::new());
    let mut batch_mask = Vec::with_capacity(batch);
    let timing = time_calls(min_time_s, |n| {
        for _ in 0..n {
            batch_mask.clear();
            batch_mask.extend((0..batch).map(|_| rng.random_range(0..train.len())));
            train.batch_into(&batch_mask, &mut x, &mut t);
            let t = Targets::Labels(&t);
            let loss =
                sgd_step_loss_after(&mut net, &x, t, GradientMethod::Backprop, learning_rate);
            std::hint::black_box(loss);
        }
    });
    Ok((timing, net))
}

/// One dense evaluation pass of both sets by `net`, timed.
pub fn time_dense_evaluation(
    net: &TwoLayerNet<f32>,
    train: &Dataset<'_>,
    test: &Dataset<'_>,
    min_time_s: f64,
) -> Timing {
    time_calls(min_time_s, |n| {
        for _ in 0..n {
            std::hint::black_box(evaluate(net, train) + evaluate(net, test));
        }
    })
}

/// The book's settings at `hidden` units and batch `batch`.
fn config(hidden: usize, batch: usize) -> TrainConfig {
    TrainConfig {
        hidden,
        batch_size: batch,
        ..TrainConfig::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_calls_are_timed_in_chunks() {
        let mut calls = 0_usize;
        let timing = time_calls(1e-3, |n| calls = std::hint::black_box(calls + n));
        // One warm-up call, then at least 3 chunks of equal size.
        assert_eq!(calls, 1 + timing.calls);
        assert!(timing.calls >= 3, "{timing:?}");
        assert!(timing.total_s.is_finite() && timing.median_s <= timing.total_s);
    }

    #[test]
    fn a_slow_call_is_timed_once() {
        let mut calls = 0;
        let timing = time_calls(1e-3, |n| {
            calls += n;
            std::thread::sleep(std::time::Duration::from_millis(2));
        });
        assert_eq!((calls, timing.calls), (1, 1));
    }
}
