//! What a run with the numerical gradient will cost, measured before it
//! starts: one gradient of the run's network on a real batch, timed.

use std::time::{Duration, Instant};

use losses::Targets;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;

use super::FastNumericalGradient;
use crate::{Dataset, TrainConfig};

/// The time of one numerical gradient (one step of `config` with
/// [`GradientMethod::Numerical`](crate::GradientMethod::Numerical)) on the
/// first `config.batch_size` samples of `train`: a run's steps take about
/// `config.iters` times as long, plus its evaluations. `config` must be
/// valid for `train` ([`TrainConfig::validate`]).
pub fn numerical_step_time(config: &TrainConfig, train: &Dataset<'_>) -> Duration {
    let net = config.initial_net(train, &mut ChaCha12Rng::seed_from_u64(config.seed));
    let indices: Vec<usize> = (0..config.batch_size.min(train.len())).collect();
    let (x, t) = train.batch::<f32>(&indices);
    let mut numerical = FastNumericalGradient::new();
    // The first call sizes the buffers; the second is what every step costs.
    let _ = numerical.gradient(&net, &x, Targets::Labels(&t));
    let started = Instant::now();
    let _ = numerical.gradient(&net, &x, Targets::Labels(&t));
    started.elapsed()
}
