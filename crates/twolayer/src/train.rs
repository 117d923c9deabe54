//! Mini-batch SGD on a [`Dataset`], as the book's `train_neuralnet.py` (§4.5.2, §5.7.4).

use std::fmt;
use std::ops::ControlFlow;

use crate::{Dataset, DatasetError, TrainConfig, Trainer, TwoLayerNet};

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
/// compute the gradient ([`GradientMethod`](crate::GradientMethod)), step
/// `p -= learning_rate * grad`, then record the loss on that batch; when
/// `i % iters_per_epoch == 0` (including `i = 0`), measure the accuracy on
/// the whole training and test sets. One generator seeded with
/// `config.seed` initializes the weights and then draws every batch, so the
/// same inputs give bit-identical reports.
///
/// This is [`Trainer::new`] then [`Trainer::run`]: the fast path, whose
/// results differ from the plain dense code's ([`Trainer::reference`]) only
/// by rounding.
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
    Trainer::new(train, test, config)?.run(observer)
}

impl Trainer<'_> {
    /// Runs the remaining iterations up to `config.iters`, as [`train`]
    /// describes: the losses and epochs in the report are those of these
    /// iterations.
    ///
    /// # Errors
    /// [`TrainError::NonFiniteLoss`] as soon as a loss is `NaN` or infinite.
    pub fn run(mut self, observer: &mut dyn TrainObserver) -> Result<TrainReport, TrainError> {
        let iters = self.config().iters;
        let iters_per_epoch = self.config().iters_per_epoch(self.train_len());
        let mut losses = Vec::with_capacity(iters.saturating_sub(self.iteration()));
        let mut epochs = Vec::new();
        while self.iteration() < iters {
            // The steps up to the next evaluation, which follows the step
            // of each iteration that is a multiple of `iters_per_epoch`.
            let first = self.iteration();
            let evaluated = first.next_multiple_of(iters_per_epoch);
            let end = (evaluated + 1).min(iters);
            let mut diverged = None;
            self.run_steps(end - first, |i, loss| {
                if !loss.is_finite() {
                    diverged = Some((i, loss));
                    return ControlFlow::Break(());
                }
                losses.push(loss);
                observer.on_iteration(i, loss);
                ControlFlow::Continue(())
            });
            if let Some((iteration, loss)) = diverged {
                let report = Box::new(TrainReport {
                    losses,
                    epochs,
                    net: self.into_net(),
                });
                return Err(TrainError::NonFiniteLoss {
                    iteration,
                    loss,
                    report,
                });
            }
            if end == evaluated + 1 {
                let (train_acc, test_acc) = self.accuracies();
                let stats = EpochStats {
                    epoch: evaluated / iters_per_epoch,
                    iteration: evaluated,
                    train_acc,
                    test_acc,
                };
                observer.on_epoch(&stats);
                epochs.push(stats);
            }
        }
        Ok(TrainReport {
            losses,
            epochs,
            net: self.into_net(),
        })
    }
}
