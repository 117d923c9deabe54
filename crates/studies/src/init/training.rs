//! Part 3: MNIST training of a 784-100x4-10 ReLU net from each
//! initialisation (the book's `weight_init_compare.py`, figure 6-15), on the
//! same batches, drawn by the two-layer trainer's [`Sampler`].

use losses::Targets;
use multilayer::{MultiLayerNet, NetError, WeightInit};
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::train::{Sampler, Sampling};
use twolayer::{Activation, Dataset};

use crate::moving_average;

/// Hidden layers and units of the book's comparison.
const LAYERS: usize = 4;
const UNITS: usize = 100;
/// The final loss is the mean of the last this many batch losses (one
/// batch's loss is noisy).
pub const FINAL_WINDOW: usize = 100;
/// The window of a curve's moving average.
pub const SMOOTHING: usize = 50;

/// How every run of the comparison trains; the default is the study's
/// setting (learning rate 0.01, batches of 128, 2,000 steps, seed 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainingSettings {
    /// The learning rate of SGD.
    pub learning_rate: f64,
    /// Images per batch (at most the training set's size is used).
    pub batch_size: usize,
    /// SGD steps.
    pub iters: usize,
    /// The seed of the weights and of the batches.
    pub seed: u64,
}

impl Default for TrainingSettings {
    fn default() -> Self {
        Self {
            learning_rate: 0.01,
            batch_size: 128,
            iters: 2000,
            seed: 0,
        }
    }
}

/// One training run's batch losses.
#[derive(Debug, Clone, PartialEq)]
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

    /// `(iteration, loss)` of the finite losses, as drawn.
    pub fn points(&self) -> Vec<(f64, f64)> {
        self.losses
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(i, &v)| (i as f64, v))
            .collect()
    }

    /// The trailing moving average of [`points`](Self::points) over
    /// [`SMOOTHING`] batches.
    pub fn smoothed(&self) -> Vec<(f64, f64)> {
        moving_average(&self.points(), SMOOTHING)
    }
}

/// Trains a 784-100x4-10 ReLU net (`f32`) from `init` by SGD,
/// `p <- p - lr dL/dp`, on batches drawn with replacement by the two-layer
/// trainer's [`Sampler`] from a ChaCha12 stream of its own (seed
/// `settings.seed`, stream 1): every run sees the same batches. The weights
/// come from seed `settings.seed`. `on_loss(iteration, loss)` hears each
/// batch loss, before its step.
///
/// # Errors
/// [`NetError`] if `init` is a negative or non-finite std.
///
/// # Panics
/// If `train` is empty or `settings.batch_size` is 0.
pub fn training_run(
    train: &Dataset<'_>,
    init: WeightInit,
    settings: &TrainingSettings,
    on_loss: &mut dyn FnMut(usize, f64),
) -> Result<Curve, NetError> {
    let mut weights = ChaCha12Rng::seed_from_u64(settings.seed);
    let mut net = MultiLayerNet::<f32>::new(
        train.features(),
        &[UNITS; LAYERS],
        train.classes(),
        Activation::Relu,
        init,
        &mut weights,
    )?;
    let mut batches = ChaCha12Rng::seed_from_u64(settings.seed);
    batches.set_stream(1);
    let batch_size = settings.batch_size.min(train.len());
    let mut sampler = Sampler::new(Sampling::Replacement, train.len(), batch_size);
    let mut losses = Vec::with_capacity(settings.iters);
    for iteration in 0..settings.iters {
        let (x, t) = train.batch::<f32>(sampler.next_batch(&mut batches));
        let loss = f64::from(net.sgd_step_loss_before(
            &x,
            Targets::Labels(&t),
            settings.learning_rate as f32,
        ));
        on_loss(iteration, loss);
        losses.push(loss);
    }
    Ok(Curve { init, losses })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 60 images of 784 pixels in 10 classes: class `c` lights the pixels
    /// of row `c`.
    fn images() -> (Vec<u8>, Vec<u8>) {
        let labels: Vec<u8> = (0..60).map(|n| (n % 10) as u8).collect();
        let inputs = labels
            .iter()
            .flat_map(|&c| (0..784).map(move |p| if p / 28 == usize::from(c) { 255 } else { 0 }))
            .collect();
        (inputs, labels)
    }

    #[test]
    fn he_learns_where_std_0_01_stays_at_ln_10() {
        let (inputs, labels) = images();
        let train = Dataset::new(&inputs, &labels, 784, 10).unwrap();
        let settings = TrainingSettings {
            learning_rate: 0.1,
            batch_size: 20,
            iters: 300,
            seed: 0,
        };
        let mut heard = 0;
        let small = training_run(&train, WeightInit::Std(0.01), &settings, &mut |_, _| {
            heard += 1
        })
        .unwrap();
        assert_eq!((heard, small.losses.len()), (300, 300));
        let he = training_run(&train, WeightInit::He, &settings, &mut |_, _| {}).unwrap();
        let ln10 = 10f64.ln();
        assert!(
            (small.final_loss() - ln10).abs() < 0.05,
            "{}",
            small.final_loss()
        );
        assert!(he.final_loss() < 0.5, "{}", he.final_loss());
        assert_eq!(he.smoothed().len(), 300);
    }

    #[test]
    fn the_sampler_draws_the_batches_the_study_always_drew() {
        // Before it used the trainer's sampler, the study drew each index
        // as `rng.random_range(0..len)`: the same stream, the same batches.
        use rand::RngExt;
        let (len, batch_size) = (60_000, 128);
        let stream = || {
            let mut rng = ChaCha12Rng::seed_from_u64(0);
            rng.set_stream(1);
            rng
        };
        let (mut old, mut new) = (stream(), stream());
        let mut sampler = Sampler::new(Sampling::Replacement, len, batch_size);
        for _ in 0..5 {
            let drawn: Vec<usize> = (0..batch_size).map(|_| old.random_range(0..len)).collect();
            assert_eq!(sampler.next_batch(&mut new), drawn.as_slice());
        }
    }

    #[test]
    fn the_final_loss_is_the_mean_of_the_last_window() {
        let mut losses = vec![9.0; 50];
        losses.extend(vec![1.0; FINAL_WINDOW]);
        let curve = Curve {
            init: WeightInit::He,
            losses,
        };
        assert_eq!(curve.final_loss(), 1.0);
    }
}
