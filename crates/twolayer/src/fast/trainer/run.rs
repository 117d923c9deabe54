//! [`train()`]: the book's training loop on the fast path, a
//! [`Trainer`] run to the end.

use std::ops::ControlFlow;

use super::Trainer;
use crate::{Dataset, EpochStats, TrainConfig, TrainError, TrainObserver, TrainReport};

/// Trains the book's two-layer network in `f32` by mini-batch SGD, as
/// [`train_neuralnet`](crate::train_neuralnet) does, on the fast path: [`Trainer::new`] then
/// [`Trainer::run`].
///
/// For `i` in `0..iters`: draw a batch ([`Sampling`](crate::Sampling)), compute the gradient
/// ([`GradientMethod`](crate::GradientMethod)), step `p -= learning_rate * grad`, then record the
/// loss on that batch; when `i % iters_per_epoch == 0` (including `i = 0`),
/// measure the accuracy on the whole training and test sets. One generator
/// seeded with `config.seed` initializes the weights and then draws every
/// batch, so the same inputs give bit-identical reports, on any number of
/// cores, with or without AVX2. The results differ from
/// [`train_neuralnet`](crate::train_neuralnet)'s only by rounding.
///
/// ```
/// use twolayer::{Dataset, TrainConfig, fast};
///
/// let inputs: Vec<u8> = (0..40).flat_map(|n| [n * 6; 4]).collect();
/// let labels: Vec<u8> = (0..40).map(|n| u8::from(n >= 20)).collect();
/// let data = Dataset::new(&inputs, &labels, 4, 2).unwrap();
/// let config = TrainConfig { hidden: 8, batch_size: 10, iters: 300, learning_rate: 1.0, weight_init_std: 1.0, ..Default::default() };
/// let report = fast::train(&data, &data, &config, &mut ()).unwrap();
/// assert_eq!(report.losses.len(), 300);
/// assert!(report.epochs.last().unwrap().test_acc > 0.9);
/// ```
///
/// # Errors
/// [`TrainError::InvalidConfig`] before anything runs; [`TrainError::Dataset`]
/// if `test` has other features or classes than `train`;
/// [`TrainError::NonFiniteLoss`] as soon as a loss is `NaN` or infinite. A
/// run the observer stops is `Ok`, with [`TrainReport::stopped_after`] set.
pub fn train(
    train: &Dataset<'_>,
    test: &Dataset<'_>,
    config: &TrainConfig,
    observer: &mut dyn TrainObserver,
) -> Result<TrainReport, TrainError> {
    Trainer::new(train, test, config)?.run(observer)
}

impl Trainer<'_> {
    /// Runs the remaining iterations up to `config.iters`, as [`train()`]
    /// describes: the losses and epochs in the report are those of these
    /// iterations (if the observer [keeps no history](TrainObserver::keep_history), none).
    ///
    /// # Errors
    /// [`TrainError::NonFiniteLoss`] as soon as a loss is `NaN` or infinite. A
    /// run the observer stops is `Ok`, with [`TrainReport::stopped_after`] set.
    pub fn run(mut self, observer: &mut dyn TrainObserver) -> Result<TrainReport, TrainError> {
        let iters = self.config().iters;
        let iters_per_epoch = self.config().iters_per_epoch(self.train_len());
        let keep = observer.keep_history();
        let mut losses = Vec::new();
        let mut epochs = Vec::new();
        while self.iteration() < iters {
            // The steps up to the next evaluation, which follows the step
            // of each iteration that is a multiple of `iters_per_epoch`, or
            // fewer if the observer asks to be asked again sooner.
            let first = self.iteration();
            let next = observer.next_steps(first);
            if let Some(learning_rate) = next.learning_rate {
                self.set_learning_rate(learning_rate)?;
            }
            let evaluated = first.next_multiple_of(iters_per_epoch);
            let end = (evaluated + 1)
                .min(iters)
                .min(first.saturating_add(next.count.max(1)));
            let mut diverged = None;
            let mut stopped = false;
            self.run_steps(end - first, |i, loss| {
                if !loss.is_finite() {
                    diverged = Some((i, loss));
                    return ControlFlow::Break(());
                }
                if keep {
                    losses.push(loss);
                }
                let flow = observer.on_iteration(i, loss);
                stopped = flow.is_break();
                flow
            });
            if let Some((iteration, loss)) = diverged {
                let never_drawn = self.sampler.never_drawn();
                let net = self.into_net();
                let error = TrainError::diverged(iteration, loss, losses, epochs, net, never_drawn);
                return Err(error);
            }
            if stopped {
                let iterations = self.iteration();
                return Ok(TrainReport {
                    losses,
                    epochs,
                    never_drawn: self.sampler.never_drawn(),
                    net: self.into_net(),
                    stopped_after: Some(iterations),
                });
            }
            if self.iteration() == evaluated + 1 {
                let (train_acc, test_acc, probe) = self.evaluation();
                let stats = EpochStats {
                    epoch: evaluated / iters_per_epoch,
                    iteration: evaluated,
                    train_acc,
                    test_acc,
                    probe: Some(probe),
                };
                observer.on_epoch(&stats);
                if keep {
                    epochs.push(stats);
                }
            }
        }
        Ok(TrainReport {
            losses,
            epochs,
            never_drawn: self.sampler.never_drawn(),
            net: self.into_net(),
            stopped_after: None,
        })
    }
}
