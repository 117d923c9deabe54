//! The settings of a training run, with the book's values as defaults.

use rand::Rng;

use crate::{Activation, Dataset, TrainError, TwoLayerNet};

use super::ConfigError;

/// How mini-batches are drawn from the training set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sampling {
    /// `batch_size` indices drawn uniformly **with** replacement every
    /// iteration, the book's `np.random.choice(train_size, batch_size)`.
    /// A sample may appear twice in a batch, and an "epoch" is only a count.
    #[default]
    Replacement,
    /// Shuffled epochs: each epoch is a fresh permutation cut into batches,
    /// so every sample is used once per epoch. When `batch_size` does not
    /// divide the training set, the last `len % batch_size` samples of each
    /// permutation are skipped, so every batch is full and an epoch is
    /// exactly [`TrainConfig::iters_per_epoch`] iterations.
    Epoch,
}

layers::named_choices!(
    Sampling,
    "sampling",
    [("replacement", Replacement), ("epoch", Epoch)]
);

/// How the training loop computes the gradient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GradientMethod {
    /// Backpropagation through the layers (chapter 5): fast.
    #[default]
    Backprop,
    /// The numerical gradient (chapter 4): two forward passes per parameter,
    /// so a single iteration of the book's network takes minutes.
    Numerical,
}

layers::named_choices!(
    GradientMethod,
    "gradient method",
    [("backprop", Backprop), ("numerical", Numerical)]
);

/// Everything that defines a training run; with the same data and config,
/// [`train_neuralnet`](crate::train_neuralnet) (and the fast path) give
/// bit-identical results.
///
/// The default is the book's `train_neuralnet.py`:
///
/// # Examples
///
/// ```
/// let config = twolayer::TrainConfig::default();
/// assert_eq!((config.hidden, config.batch_size, config.iters), (50, 100, 10_000));
/// assert_eq!((config.learning_rate, config.weight_init_std), (0.1, 0.01));
/// assert_eq!(config.iters_per_epoch(60_000), 600);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Hidden units (50).
    pub hidden: usize,
    /// Hidden activation (sigmoid).
    pub activation: Activation,
    /// Standard deviation of the initial weights (0.01).
    pub weight_init_std: f64,
    /// Step size of SGD (0.1).
    pub learning_rate: f64,
    /// Samples per mini-batch (100).
    pub batch_size: usize,
    /// SGD steps (10,000).
    pub iters: usize,
    /// Seed of the one random generator behind initialization and sampling (42).
    pub seed: u64,
    /// How batches are drawn (with replacement, as the book).
    pub sampling: Sampling,
    /// How gradients are computed (backprop).
    pub gradient: GradientMethod,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            hidden: 50,
            activation: Activation::Sigmoid,
            weight_init_std: 0.01,
            learning_rate: 0.1,
            batch_size: 100,
            iters: 10_000,
            seed: 42,
            sampling: Sampling::Replacement,
            gradient: GradientMethod::Backprop,
        }
    }
}

/// The largest weight init std [`TrainConfig::validate`] accepts: ten
/// standard deviations stay below `f32::MAX` (about 3.4e38).
pub const MAX_WEIGHT_INIT_STD: f64 = 1e37;

impl TrainConfig {
    /// Checks the config against a training set of `train_len` samples:
    /// `1 <= batch_size <= train_len`, `iters >= 1`, `hidden >= 1`, a
    /// learning rate that is finite and positive also as `f32` (training
    /// runs in `f32`), and `0 <= weight_init_std <=` [`MAX_WEIGHT_INIT_STD`]
    /// (so the initial `f32` weights are finite).
    pub fn validate(&self, train_len: usize) -> Result<(), TrainError> {
        let invalid = |error: ConfigError| Err(TrainError::InvalidConfig(error));
        if self.batch_size == 0 {
            return invalid(ConfigError::ZeroBatchSize);
        }
        if self.batch_size > train_len {
            return invalid(ConfigError::BatchLargerThanSet {
                batch_size: self.batch_size,
                train_len,
            });
        }
        if self.iters == 0 {
            return invalid(ConfigError::ZeroIterations);
        }
        if self.hidden == 0 {
            return invalid(ConfigError::ZeroHidden);
        }
        let lr32 = self.learning_rate as f32;
        if !(self.learning_rate.is_finite() && lr32.is_finite() && lr32 > 0.0) {
            return invalid(ConfigError::LearningRate(self.learning_rate));
        }
        if !(0.0..=MAX_WEIGHT_INIT_STD).contains(&self.weight_init_std) {
            return invalid(ConfigError::WeightInitStd(self.weight_init_std));
        }
        Ok(())
    }

    /// Iterations per epoch, `max(train_len / batch_size, 1)` in integer
    /// division (the book's `max(train_size / batch_size, 1)`, equal for
    /// MNIST's 60,000 / 100): accuracy is measured when `i % iters_per_epoch == 0`.
    ///
    /// # Panics
    /// If `batch_size` is 0 ([`validate`](Self::validate) rejects it).
    pub fn iters_per_epoch(&self, train_len: usize) -> usize {
        (train_len / self.batch_size).max(1)
    }

    /// The network a run of this config on `train` starts from: `features ->
    /// hidden -> classes` in `f32`, its weights drawn from `rng` (a run's
    /// generator seeded with `seed`, which goes on to draw the batches).
    pub fn initial_net(&self, train: &Dataset<'_>, rng: &mut impl Rng) -> TwoLayerNet<f32> {
        TwoLayerNet::new(
            train.features(),
            self.hidden,
            train.classes(),
            self.weight_init_std,
            self.activation,
            rng,
        )
    }
}
