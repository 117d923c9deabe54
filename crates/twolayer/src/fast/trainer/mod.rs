//! [`Trainer`]: a training run on the fast path as a value, one SGD step or
//! evaluation at a time; [`train()`], the book's loop run by it.

mod engine;
mod run;

use std::fmt;
use std::ops::ControlFlow;

use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use tensor_ops::Real;

use self::engine::{DenseBatch, DenseEngine, Engine, FastEngine};
pub use self::run::train;
use crate::fast::{self, FastNet, FastNumericalGradient, Isa, SparseInputs, Stepper};
use crate::train::{Sampler, epoch_evaluation, probe_len};
use crate::{Dataset, GradientMethod, Probe, TrainConfig, TrainError, TwoLayerNet};

/// The state of a training run on the fast path: the network, the random
/// generator, the batch sampler and the buffers of the step.
/// [`train()`] is [`Trainer::new`] then [`run`](Self::run); a
/// benchmark can time [`steps`](Self::steps) (many steps, on two cores) or
/// [`step`](Self::step) (one, on this thread) and
/// [`accuracies`](Self::accuracies) (one evaluation of both sets) apart.
///
/// Each data set's non-zero inputs are listed once (three bytes each, 32 MB
/// for MNIST); a step reads only those, allocates nothing and is shared by
/// two threads on a machine with two cores, and the accuracies are counted
/// on all cores (see [`fast`](crate::fast)). With
/// [`GradientMethod::Numerical`] the gradient is the book's numerical one,
/// computed by [`FastNumericalGradient`]. It draws the same weights and
/// batches from `config.seed` as the plain loop,
/// [`train_neuralnet`](crate::train_neuralnet), and its results differ from
/// that loop's only by rounding.
///
/// The same data, config and constructor give bit-identical results, on any
/// number of cores, with or without AVX2.
///
/// ```
/// use twolayer::fast::Trainer;
/// use twolayer::{Dataset, TrainConfig};
///
/// let inputs: Vec<u8> = (0..40).flat_map(|n| [n * 6; 4]).collect();
/// let labels: Vec<u8> = (0..40).map(|n| u8::from(n >= 20)).collect();
/// let data = Dataset::new(&inputs, &labels, 4, 2).unwrap();
/// let config = TrainConfig { hidden: 8, batch_size: 10, learning_rate: 1.0, weight_init_std: 1.0, ..Default::default() };
///
/// let mut trainer = Trainer::new(&data, &data, &config).unwrap();
/// let first = trainer.step();
/// for _ in 0..299 {
///     trainer.step();
/// }
/// assert_eq!(trainer.iteration(), 300);
/// assert!(trainer.step() < first);
/// let (train_acc, _test_acc) = trainer.accuracies();
/// assert!(train_acc > 0.9);
/// ```
pub struct Trainer<'a> {
    train: Dataset<'a>,
    test: Dataset<'a>,
    config: TrainConfig,
    rng: ChaCha12Rng,
    sampler: Sampler,
    learning_rate: f32,
    iteration: usize,
    engine: Engine,
}

impl<'a> Trainer<'a> {
    /// A run with the network initialized from `config.seed` (as
    /// [`train()`]). Data sets of more than 65,536 features
    /// take a dense path.
    ///
    /// # Errors
    /// As [`train()`]: [`TrainError::InvalidConfig`] or
    /// [`TrainError::Dataset`].
    pub fn new(
        train: &Dataset<'a>,
        test: &Dataset<'a>,
        config: &TrainConfig,
    ) -> Result<Self, TrainError> {
        config.validate(train.len())?;
        train.check_compatible(test)?;
        let mut rng = ChaCha12Rng::seed_from_u64(config.seed);
        let net = config.initial_net(train, &mut rng);
        let engine = match SparseInputs::new(train).zip(SparseInputs::new(test)) {
            Some((train_rows, test_rows)) => {
                let isa = Isa::detect();
                let stepper = Stepper::new(isa, &FastNet::new(&net));
                Engine::Fast(Box::new(FastEngine {
                    isa,
                    stepper,
                    train_rows,
                    test_rows,
                    numerical: (config.gradient == GradientMethod::Numerical)
                        .then(|| (FastNumericalGradient::new(), DenseBatch::new())),
                }))
            }
            None => Engine::Dense(Box::new(DenseEngine {
                net,
                gradient: config.gradient,
                numerical: FastNumericalGradient::new(),
                batch: DenseBatch::new(),
            })),
        };
        Ok(Self {
            train: *train,
            test: *test,
            config: config.clone(),
            sampler: Sampler::new(config.sampling, train.len(), config.batch_size),
            rng,
            learning_rate: f32::cast(config.learning_rate),
            iteration: 0,
            engine,
        })
    }

    /// One iteration: draws a batch, steps `p -= learning_rate * grad`, and
    /// returns the loss on that batch after the step (the book's
    /// `train_loss_list`). It may be `NaN` or infinite if training diverged.
    /// Runs on this thread.
    pub fn step(&mut self) -> f64 {
        let batch = self.sampler.next_batch(&mut self.rng);
        let (train, learning_rate) = (&self.train, self.learning_rate);
        let loss = match &mut self.engine {
            Engine::Fast(fast) => fast.step(train, batch, learning_rate),
            Engine::Dense(dense) => dense.step(train, batch, learning_rate),
        };
        self.iteration += 1;
        loss.to_f64()
    }

    /// `count` iterations, as many calls of [`step`](Self::step) would
    /// (with the same results), sharing each step between two threads when
    /// the machine has two cores and the step is large enough. Returns their
    /// losses; stops after the first that is not finite.
    pub fn steps(&mut self, count: usize) -> Vec<f64> {
        let mut losses = Vec::with_capacity(count);
        self.run_steps(count, |_, loss| {
            losses.push(loss);
            if loss.is_finite() {
                ControlFlow::Continue(())
            } else {
                ControlFlow::Break(())
            }
        });
        losses
    }

    /// `count` iterations as [`steps`](Self::steps), giving each one's
    /// number and loss to `on_loss`, which may stop them.
    pub(crate) fn run_steps(
        &mut self,
        count: usize,
        mut on_loss: impl FnMut(usize, f64) -> ControlFlow<()>,
    ) {
        let iteration = &mut self.iteration;
        if let Engine::Fast(fast) = &mut self.engine
            && fast.numerical.is_none()
        {
            let labels = self.train.labels();
            let (rows, rng) = (&fast.train_rows, &mut self.rng);
            let lr = self.learning_rate;
            fast.stepper
                .steps(rows, labels, &mut self.sampler, rng, lr, count, |loss| {
                    *iteration += 1;
                    on_loss(*iteration - 1, loss.to_f64())
                });
            return;
        }
        for _ in 0..count {
            let i = self.iteration;
            if on_loss(i, self.step()).is_break() {
                return;
            }
        }
    }

    /// Steps with `learning_rate` from the next step on (a run steered
    /// while it goes); [`config`](Self::config) says the rate in use.
    ///
    /// # Errors
    /// [`TrainError::InvalidConfig`] for a rate that is not finite and
    /// positive as `f32`, as [`TrainConfig::validate`] checks it.
    pub fn set_learning_rate(&mut self, learning_rate: f64) -> Result<(), TrainError> {
        let config = TrainConfig {
            learning_rate,
            ..self.config.clone()
        };
        config.validate(self.train.len())?;
        self.learning_rate = f32::cast(learning_rate);
        self.config = config;
        Ok(())
    }

    /// The steps taken so far.
    pub fn iteration(&self) -> usize {
        self.iteration
    }

    /// The accuracy of the current network on the whole training set and
    /// on the whole test set, as [`fast::evaluate`](crate::fast::evaluate).
    pub fn accuracies(&self) -> (f64, f64) {
        let (train_acc, test_acc, _) = self.evaluation();
        (train_acc, test_acc)
    }

    /// What [`run`](Self::run) measures at each epoch: the accuracies (as
    /// [`accuracies`](Self::accuracies)) and the [`Probe`] of the test set.
    pub(crate) fn evaluation(&self) -> (f64, f64, Probe) {
        let fast = match &self.engine {
            Engine::Fast(fast) => fast,
            Engine::Dense(dense) => return epoch_evaluation(&dense.net, &self.train, &self.test),
        };
        let net = fast.net();
        let accuracy = |rows: &SparseInputs, data: &Dataset<'_>| {
            let counts = fast::confusion(fast.isa, &net, rows, data.labels());
            let correct: u64 = counts.iter().step_by(data.classes() + 1).sum();
            (correct as f64 / data.len() as f64, counts)
        };
        let (train_acc, _) = accuracy(&fast.train_rows, &self.train);
        let (test_acc, test_counts) = accuracy(&fast.test_rows, &self.test);
        let probed = probe_len(&self.test);
        let hidden = fast::hidden_use(fast.isa, &net, &fast.test_rows, probed);
        let probe = Probe::new(hidden, &test_counts, self.test.classes());
        (train_acc, test_acc, probe)
    }

    /// A copy of the current network.
    pub fn net(&self) -> TwoLayerNet<f32> {
        match &self.engine {
            Engine::Fast(fast) => fast.net().to_net(),
            Engine::Dense(dense) => dense.net.clone(),
        }
    }

    /// The current network.
    pub fn into_net(self) -> TwoLayerNet<f32> {
        match self.engine {
            Engine::Fast(fast) => fast.net().to_net(),
            Engine::Dense(dense) => dense.net,
        }
    }

    /// The run's configuration.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// The size of the training set.
    pub(crate) fn train_len(&self) -> usize {
        self.train.len()
    }
}

impl fmt::Debug for Trainer<'_> {
    /// A summary: neither the weights nor the data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let engine = match &self.engine {
            Engine::Fast(_) => "fast (sparse first layer)",
            Engine::Dense(_) => "dense (inputs too wide for the sparse path)",
        };
        f.debug_struct("Trainer")
            .field("engine", &engine)
            .field("iteration", &self.iteration)
            .field("train_samples", &self.train.len())
            .field("test_samples", &self.test.len())
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}
