//! Training the two-layer network by mini-batch SGD, as the book's
//! `train_neuralnet.py` (§4.5.2, §5.7.4).
//!
//! [`train_neuralnet`] is the book's loop written out plainly: draw a batch,
//! take the gradient, step, record the loss, measure the accuracies once per
//! epoch. Read it beside the book; call it to see the book's numbers.
//! (`fast::train` runs the same loop minutes faster on MNIST: the same
//! batches and weights from the same seed, results that differ only by
//! rounding.)
//!
//! The pieces the loop uses:
//! - [`TrainConfig`]: the book's hyperparameters, with [`Sampling`] and
//!   [`GradientMethod`];
//! - [`Dataset`]: samples kept as bytes, converted one batch at a time;
//! - [`evaluate`], [`confusion_matrix`]: accuracy over a whole data set;
//! - [`Probe`], [`hidden_use`]: what else an epoch's evaluation sees (the
//!   hidden units' use, the most predicted class);
//! - [`TrainObserver`], [`TrainReport`], [`TrainError`]: what a run reports.

mod config;
mod config_error;
mod dataset;
mod evaluate;
mod probe;
mod report;
mod sampler;

use losses::Targets;
use nalgebra::DMatrix;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use tensor_ops::Real;

pub use config::{GradientMethod, MAX_WEIGHT_INIT_STD, Sampling, TrainConfig};
pub use config_error::ConfigError;
pub use dataset::{Dataset, DatasetError, Dimension};
#[cfg(feature = "testing")]
pub use evaluate::EVAL_CHUNK;
pub(crate) use evaluate::{accuracy, check_fits};
pub use evaluate::{confusion_matrix, evaluate};
pub(crate) use probe::{HiddenCount, epoch_evaluation, probe_len};
pub use probe::{HiddenUse, PROBE_SAMPLES, Probe, SATURATED, hidden_use};
pub use report::{EpochStats, NextSteps, TrainError, TrainObserver, TrainReport};
pub use sampler::{Sampler, unseen_share};

use crate::TwoLayerNet;

/// The book's `train_neuralnet.py`, plainly: trains a [`TwoLayerNet<f32>`]
/// on `train_set` by mini-batch SGD and measures it on both sets once per epoch.
///
/// ```text
/// network = TwoLayerNet(input, hidden, output)      weights from config.seed
/// for i in range(iters):
///     batch_mask = choice(train_size, batch_size)   config.sampling
///     grad = network.gradient(x_batch, t_batch)     or numerical_gradient
///     params -= learning_rate * grad
///     train_loss_list.append(network.loss(x_batch, t_batch))
///     if i % iter_per_epoch == 0:
///         train_acc_list.append(network.accuracy(x_train, t_train))
///         test_acc_list.append(network.accuracy(x_test, t_test))
/// ```
///
/// One generator, [`ChaCha12Rng`] seeded with `config.seed`, draws the
/// weights and then every batch: the same inputs give the same bits. Every
/// batch is converted to a dense matrix and, with
/// [`GradientMethod::Numerical`], goes through the book's own numerical
/// gradient: for MNIST that is minutes per iteration. (`fast::train`
/// computes the same run faster; the two differ only by rounding, and the
/// tests bound the difference.)
///
/// ```
/// use twolayer::{Dataset, TrainConfig, train_neuralnet};
///
/// // Two classes: bright images are 1, dark ones 0.
/// let inputs: Vec<u8> = (0..40).flat_map(|n| [n * 6; 4]).collect();
/// let labels: Vec<u8> = (0..40).map(|n| u8::from(n >= 20)).collect();
/// let data = Dataset::new(&inputs, &labels, 4, 2).unwrap();
/// let config = TrainConfig { hidden: 8, batch_size: 10, iters: 300, learning_rate: 1.0, weight_init_std: 1.0, ..Default::default() };
/// let report = train_neuralnet(&data, &data, &config, &mut ()).unwrap();
/// assert_eq!(report.losses.len(), 300);
/// assert!(report.epochs.last().unwrap().test_acc > 0.9);
/// ```
///
/// # Errors
/// [`TrainError::InvalidConfig`] before anything runs; [`TrainError::Dataset`]
/// if `test_set` has other features or classes than `train_set`;
/// [`TrainError::NonFiniteLoss`] as soon as a loss is `NaN` or infinite. A
/// run the observer stops is `Ok`, with [`TrainReport::stopped_after`] set.
pub fn train_neuralnet(
    train_set: &Dataset<'_>,
    test_set: &Dataset<'_>,
    config: &TrainConfig,
    observer: &mut dyn TrainObserver,
) -> Result<TrainReport, TrainError> {
    config.validate(train_set.len())?;
    train_set.check_compatible(test_set)?;
    let mut rng = ChaCha12Rng::seed_from_u64(config.seed);
    let mut network = config.initial_net(train_set, &mut rng);
    let mut sampler = Sampler::new(config.sampling, train_set.len(), config.batch_size);
    let learning_rate = f32::cast(config.learning_rate);
    let iter_per_epoch = config.iters_per_epoch(train_set.len());
    let (mut x_batch, mut t_batch) = (DMatrix::zeros(0, 0), Vec::new());
    let keep = observer.keep_history();
    let mut train_loss_list = Vec::new();
    let mut epochs = Vec::new();

    for i in 0..config.iters {
        let batch_mask = sampler.next_batch(&mut rng);
        train_set.batch_into(batch_mask, &mut x_batch, &mut t_batch);
        let t = Targets::Labels(&t_batch);
        let loss =
            sgd_step_loss_after(&mut network, &x_batch, t, config.gradient, learning_rate).to_f64();
        if !loss.is_finite() {
            let (losses, never_drawn) = (train_loss_list, sampler.never_drawn());
            return Err(TrainError::diverged(
                i,
                loss,
                losses,
                epochs,
                network,
                never_drawn,
            ));
        }
        if keep {
            train_loss_list.push(loss);
        }
        if observer.on_iteration(i, loss).is_break() {
            return Ok(TrainReport {
                losses: train_loss_list,
                epochs,
                net: network,
                stopped_after: Some(i + 1),
                never_drawn: sampler.never_drawn(),
            });
        }

        if i % iter_per_epoch == 0 {
            let (train_acc, test_acc, probe) = epoch_evaluation(&network, train_set, test_set);
            let stats = EpochStats {
                epoch: i / iter_per_epoch,
                iteration: i,
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
        losses: train_loss_list,
        epochs,
        net: network,
        stopped_after: None,
        never_drawn: sampler.never_drawn(),
    })
}

/// One iteration of the book's loop on a batch `x_batch: (N, input)`,
/// `t_batch`: the gradient ([`TwoLayerNet::gradient`] or the book's
/// [`TwoLayerNet::numerical_gradient`]), the update
/// `params -= learning_rate * grad` ([`Params::sgd_update`](crate::Params::sgd_update)),
/// and the loss on the same batch after it, which it returns (the book's
/// `train_loss_list` records that one).
///
/// # Panics
/// As [`TwoLayerNet::loss`].
#[track_caller]
pub fn sgd_step_loss_after<T: Real>(
    network: &mut TwoLayerNet<T>,
    x_batch: &DMatrix<T>,
    t_batch: Targets<'_, T>,
    gradient: GradientMethod,
    learning_rate: T,
) -> T {
    let grad = match gradient {
        GradientMethod::Backprop => network.gradient(x_batch, t_batch),
        GradientMethod::Numerical => network.numerical_gradient(x_batch, t_batch),
    };
    network.params.sgd_update(&grad, learning_rate);
    network.loss(x_batch, t_batch)
}
