//! Mini-batch SGD on a [`Dataset`], as the book's `train_neuralnet.py` (§4.5.2, §5.7.4).

use std::fmt;

use losses::Targets;
use nalgebra::DMatrix;
use rand::SeedableRng;
use rand::rngs::StdRng;
use tensor_ops::Real;

use crate::sampler::Sampler;
use crate::{Dataset, DatasetError, GradientMethod, TrainConfig, TwoLayerNet, evaluate};

/// The accuracies measured at the start of an epoch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochStats {
    /// The epoch, from 0 (measured after the first step).
    pub epoch: usize,
    /// The iteration after whose step it was measured, `epoch * iters_per_epoch`.
    pub iteration: usize,
    /// Accuracy on the whole training set.
    pub train_acc: f64,
    /// Accuracy on the whole test set.
    pub test_acc: f64,
}

/// Receives the progress of [`train`]: the library never prints, the caller
/// decides (a progress bar, a log, a plot, or nothing with `&mut ()`).
pub trait TrainObserver {
    /// After the SGD step of `iteration` (from 0), with the loss on that
    /// batch measured after the step, as the book's `train_loss_list`.
    fn on_iteration(&mut self, iteration: usize, loss: f64) {
        let _ = (iteration, loss);
    }

    /// After each epoch's accuracies are measured.
    fn on_epoch(&mut self, stats: &EpochStats) {
        let _ = stats;
    }
}

/// Observes nothing.
impl TrainObserver for () {}

/// What a training run produced.
#[derive(Clone)]
pub struct TrainReport {
    /// The loss of every iteration, in order (the book's `train_loss_list`).
    pub losses: Vec<f64>,
    /// The accuracies of every epoch (`train_acc_list`, `test_acc_list`).
    pub epochs: Vec<EpochStats>,
    /// The trained network.
    pub net: TwoLayerNet<f32>,
}

impl fmt::Debug for TrainReport {
    /// A summary: the network's tens of thousands of weights are left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (input, hidden, output) = self.net.dims();
        f.debug_struct("TrainReport")
            .field("losses", &format_args!("[{} values]", self.losses.len()))
            .field("last_loss", &self.losses.last())
            .field("epochs", &self.epochs)
            .field(
                "net",
                &format_args!(
                    "TwoLayerNet({input}-{hidden}-{output}, {})",
                    self.net.activation
                ),
            )
            .finish()
    }
}

/// Why [`train`] stopped without a result.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// The configuration cannot run (see [`TrainConfig::validate`]).
    #[error("invalid training configuration: {0}")]
    InvalidConfig(String),
    /// The loss became `NaN` or infinite: training diverged, typically from
    /// a learning rate that is too large.
    #[error(
        "the loss became {loss} at iteration {iteration}: training diverged \
         (is the learning rate too large?)"
    )]
    NonFiniteLoss {
        /// The iteration whose loss was not finite.
        iteration: usize,
        /// That loss.
        loss: f64,
        /// Everything before it: the `iteration` finite losses, the epochs
        /// measured so far, and the network as it is now (diverged).
        report: Box<TrainReport>,
    },
    /// The training and test sets do not fit together.
    #[error("cannot train: {0}")]
    Dataset(#[from] DatasetError),
}

/// Trains the book's two-layer network in `f32` by mini-batch SGD.
///
/// For `i` in `0..iters`: draw a batch ([`Sampling`](crate::Sampling)),
/// compute the gradient ([`GradientMethod`]), step
/// `p -= learning_rate * grad`, then record the loss on that batch; when
/// `i % iters_per_epoch == 0` (including `i = 0`), measure the accuracy on
/// the whole training and test sets. One generator seeded with
/// `config.seed` initializes the weights and then draws every batch, so the
/// same inputs give bit-identical reports.
///
/// ```
/// use twolayer::{Dataset, TrainConfig, train};
///
/// // Two classes: bright images are 1, dark ones 0.
/// let inputs: Vec<u8> = (0..40).flat_map(|n| [n * 6; 4]).collect();
/// let labels: Vec<u8> = (0..40).map(|n| u8::from(n >= 20)).collect();
/// let data = Dataset::new(&inputs, &labels, 4, 2).unwrap();
/// let config = TrainConfig { hidden: 8, batch_size: 10, iters: 300, learning_rate: 1.0, weight_init_std: 1.0, ..Default::default() };
/// let report = train(&data, &data, &config, &mut ()).unwrap();
/// assert_eq!(report.losses.len(), 300);
/// assert!(report.epochs.last().unwrap().test_acc > 0.9);
/// ```
///
/// # Errors
/// [`TrainError::InvalidConfig`] before anything runs; [`TrainError::Dataset`]
/// if `test` has other features or classes than `train`;
/// [`TrainError::NonFiniteLoss`] as soon as a loss is `NaN` or infinite.
pub fn train(
    train: &Dataset<'_>,
    test: &Dataset<'_>,
    config: &TrainConfig,
    observer: &mut dyn TrainObserver,
) -> Result<TrainReport, TrainError> {
    config.validate(train.len())?;
    train.check_compatible(test)?;

    let mut rng = StdRng::seed_from_u64(config.seed);
    let mut net = TwoLayerNet::<f32>::new(
        train.features(),
        config.hidden,
        train.classes(),
        config.weight_init_std,
        config.activation,
        &mut rng,
    );
    let mut sampler = Sampler::new(config.sampling, train.len(), config.batch_size);
    let iters_per_epoch = config.iters_per_epoch(train.len());
    let learning_rate = f32::cast(config.learning_rate);

    let mut losses = Vec::with_capacity(config.iters);
    let mut epochs = Vec::new();
    let mut x_batch = DMatrix::zeros(0, 0);
    let mut t_batch = Vec::new();
    for i in 0..config.iters {
        let batch_mask = sampler.next_batch(&mut rng);
        train.batch_into(batch_mask, &mut x_batch, &mut t_batch);
        let t = Targets::Labels(&t_batch);

        let grad = match config.gradient {
            GradientMethod::Backprop => net.gradient(&x_batch, t),
            GradientMethod::Numerical => net.numerical_gradient(&x_batch, t),
        };
        net.params.sgd_update(&grad, learning_rate);

        let loss = net.loss(&x_batch, t).to_f64();
        if !loss.is_finite() {
            let report = Box::new(TrainReport {
                losses,
                epochs,
                net,
            });
            return Err(TrainError::NonFiniteLoss {
                iteration: i,
                loss,
                report,
            });
        }
        losses.push(loss);
        observer.on_iteration(i, loss);

        if i % iters_per_epoch == 0 {
            let stats = EpochStats {
                epoch: i / iters_per_epoch,
                iteration: i,
                train_acc: evaluate(&net, train),
                test_acc: evaluate(&net, test),
            };
            observer.on_epoch(&stats);
            epochs.push(stats);
        }
    }
    Ok(TrainReport {
        losses,
        epochs,
        net,
    })
}
