//! Part 3: MNIST training of a 784-100x4-10 ReLU net from each `--init`
//! (the book's `weight_init_compare.py`, figure 6-15), on the same batches.

use std::io::IsTerminal;
use std::time::Instant;

use losses::Targets;
use multilayer::{MultiLayerNet, WeightInit};
use rand::rngs::ChaCha12Rng;
use rand::{RngExt, SeedableRng};
use twolayer::{Activation, Dataset, TrainObserver};

use super::{Args, init_title};
use crate::train::TrainProgress;
use crate::units::short_duration;

/// Hidden layers and units of the book's comparison.
const LAYERS: usize = 4;
const UNITS: usize = 100;
/// The final loss is the mean of the last this many batch losses (one
/// batch's loss is noisy).
pub const FINAL_WINDOW: usize = 100;

/// One training run's batch losses.
pub struct Curve {
    /// Its initialisation.
    pub init: WeightInit,
    /// The loss of every batch, before its step.
    pub losses: Vec<f64>,
}

impl Curve {
    /// The mean of the last [`FINAL_WINDOW`] losses.
    pub fn final_loss(&self) -> f64 {
        let last = &self.losses[self.losses.len().saturating_sub(FINAL_WINDOW)..];
        last.iter().sum::<f64>() / last.len().max(1) as f64
    }
}

/// Trains one net per `--init`, each on the same sequence of batches, with a
/// progress bar; prints each final loss.
pub fn study(train: &Dataset<'_>, args: &Args) -> anyhow::Result<Vec<Curve>> {
    let batch_size = args.batch_size.min(train.len());
    let mut curves = Vec::with_capacity(args.inits.len());
    for &init in &args.inits {
        let started = Instant::now();
        let mut weights = ChaCha12Rng::seed_from_u64(args.seed);
        let mut net = MultiLayerNet::<f32>::new(
            train.features(),
            &[UNITS; LAYERS],
            train.classes(),
            Activation::Relu,
            init,
            &mut weights,
        )?;
        // A stream of its own for the batches: every run sees the same ones.
        let mut batches = ChaCha12Rng::seed_from_u64(args.seed);
        batches.set_stream(1);
        let mut progress = TrainProgress::new(args.iters, std::io::stderr().is_terminal());
        let mut indices = vec![0; batch_size];
        let mut losses = Vec::with_capacity(args.iters);
        for iteration in 0..args.iters {
            for index in &mut indices {
                *index = batches.random_range(0..train.len());
            }
            let (x, t) = train.batch::<f32>(&indices);
            let loss = f64::from(net.sgd_step_loss_before(&x, Targets::Labels(&t), args.lr as f32));
            let _ = progress.on_iteration(iteration, loss);
            losses.push(loss);
        }
        progress.finish();
        let curve = Curve { init, losses };
        println!(
            "{:<30} final loss {:.4} (mean of the last {FINAL_WINDOW} batches), last batch \
             {:.4}, {}",
            format!("init {}:", init_title(init)),
            curve.final_loss(),
            curve.losses.last().copied().unwrap_or(f64::NAN),
            short_duration(started.elapsed())
        );
        curves.push(curve);
    }
    Ok(curves)
}
