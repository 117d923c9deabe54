//! What a training run reports: losses, accuracies per epoch, the trained
//! network, and why a run stopped early.

use std::fmt;
use std::ops::ControlFlow;

use super::{ConfigError, DatasetError, Probe};
use crate::TwoLayerNet;

/// The accuracies measured at the start of an epoch, and what else the
/// evaluation saw.
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
    /// The hidden units' use and the most predicted class on the test set;
    /// `None` when read back from a file that keeps the accuracies only
    /// (`metrics.csv`).
    pub probe: Option<Probe>,
}

/// Receives the progress of [`train_neuralnet`](super::train_neuralnet)
/// (and of its fast twin): the library never prints,
/// the caller decides (a progress bar, a log, a plot, or nothing with `&mut ()`).
/// It may also stop the run (on Ctrl-C, say): the run then returns `Ok`
/// with what was trained so far, its [`TrainReport::stopped_after`] saying
/// after how many iterations.
pub trait TrainObserver {
    /// After the SGD step of `iteration` (from 0), with the loss on that
    /// batch measured after the step, as the book's `train_loss_list`.
    /// Returning [`ControlFlow::Break`] stops the run after this step.
    fn on_iteration(&mut self, iteration: usize, loss: f64) -> ControlFlow<()> {
        let _ = (iteration, loss);
        ControlFlow::Continue(())
    }

    /// After each epoch's accuracies are measured.
    fn on_epoch(&mut self, stats: &EpochStats) {
        let _ = stats;
    }

    /// Whether the [`TrainReport`] should hold every loss and epoch (`true`
    /// by default). An observer that stores them itself (streams them to a
    /// file, say) returns `false`, so a run of 10^9 iterations does not keep
    /// 8 GB of losses in memory: the report's `losses` and `epochs` are then empty.
    fn keep_history(&self) -> bool {
        true
    }

    /// Asked by the fast loop ([`fast::Trainer::run`](crate::fast::Trainer::run))
    /// before it runs steps from `iteration` on: how many it may run before
    /// asking again, and a new learning rate from this step on. It may
    /// block, between steps: a paused or paced run waits here. The default
    /// lets the run go freely. (The book's plain loop does not ask.)
    fn next_steps(&mut self, iteration: usize) -> NextSteps {
        let _ = iteration;
        NextSteps::default()
    }
}

/// What [`TrainObserver::next_steps`] allows: at most `count` steps (at
/// least one is run), from the learning rate `learning_rate` on when given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NextSteps {
    /// The most steps before the loop asks again.
    pub count: usize,
    /// The learning rate from the next step on (`None`: unchanged).
    pub learning_rate: Option<f64>,
}

impl Default for NextSteps {
    /// Any number of steps at the same learning rate.
    fn default() -> Self {
        Self {
            count: usize::MAX,
            learning_rate: None,
        }
    }
}

/// Observes nothing.
impl TrainObserver for () {}

/// What a training run produced.
#[derive(Clone)]
pub struct TrainReport {
    /// The loss of every iteration, in order (the book's `train_loss_list`);
    /// empty if the observer keeps its own ([`TrainObserver::keep_history`]).
    pub losses: Vec<f64>,
    /// The accuracies of every epoch (`train_acc_list`, `test_acc_list`);
    /// empty if the observer keeps its own.
    pub epochs: Vec<EpochStats>,
    /// The trained network.
    pub net: TwoLayerNet<f32>,
    /// `None` when every iteration ran; `Some(n)` when the observer stopped
    /// the run ([`TrainObserver::on_iteration`] returned
    /// [`ControlFlow::Break`]) after `n` iterations, all of them stepped and
    /// observed: a requested stop is a result, not an error.
    pub stopped_after: Option<usize>,
    /// How many training samples no batch drew in the whole run (with
    /// replacement, about `1/e` of them after one epoch of draws:
    /// [`unseen_share`](super::unseen_share)).
    pub never_drawn: usize,
}

impl fmt::Debug for TrainReport {
    /// A summary: the network's tens of thousands of weights are left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (input, hidden, output) = self.net.dims();
        f.debug_struct("TrainReport")
            .field("losses", &format_args!("[{} values]", self.losses.len()))
            .field("last_loss", &self.losses.last())
            .field("epochs", &self.epochs)
            .field("stopped_after", &self.stopped_after)
            .field("never_drawn", &self.never_drawn)
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

/// Why [`train_neuralnet`](super::train_neuralnet) (or its fast twin)
/// stopped without a result.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// The configuration cannot run (see [`TrainConfig::validate`](super::TrainConfig::validate)).
    #[error("invalid training configuration: {0}")]
    InvalidConfig(ConfigError),
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
    /// The training and test sets do not fit together. The message includes
    /// the [`DatasetError`]'s, so it is not also given as the `source()`.
    #[error("cannot train: {0}")]
    Dataset(DatasetError),
}

impl From<DatasetError> for TrainError {
    fn from(error: DatasetError) -> Self {
        TrainError::Dataset(error)
    }
}

impl TrainError {
    /// The error for a loss that is not finite at `iteration`, with what
    /// the run produced before it.
    pub(crate) fn diverged(
        iteration: usize,
        loss: f64,
        losses: Vec<f64>,
        epochs: Vec<EpochStats>,
        net: TwoLayerNet<f32>,
        never_drawn: usize,
    ) -> Self {
        TrainError::NonFiniteLoss {
            iteration,
            loss,
            report: Box::new(TrainReport {
                losses,
                epochs,
                net,
                stopped_after: None,
                never_drawn,
            }),
        }
    }
}
