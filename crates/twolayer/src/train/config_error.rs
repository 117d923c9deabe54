//! Why a [`TrainConfig`](super::TrainConfig) cannot run: one variant per
//! check of [`TrainConfig::validate`](super::TrainConfig::validate).

use super::MAX_WEIGHT_INIT_STD;

/// The setting of a [`TrainConfig`](super::TrainConfig) that cannot run, with
/// the value found.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// `batch_size` is 0.
    #[error("the batch size must be at least 1")]
    ZeroBatchSize,
    /// `batch_size` is larger than the training set.
    #[error("the batch size {batch_size} is larger than the training set ({train_len} samples)")]
    BatchLargerThanSet {
        /// The batch size asked for.
        batch_size: usize,
        /// The samples in the training set.
        train_len: usize,
    },
    /// `iters` is 0.
    #[error("the number of iterations must be at least 1")]
    ZeroIterations,
    /// `hidden` is 0.
    #[error("the hidden layer needs at least 1 unit")]
    ZeroHidden,
    /// The learning rate is not finite and positive, in `f64` or in `f32`.
    #[error("the learning rate must be finite and positive (in f32 too), found {0:?}")]
    LearningRate(f64),
    /// The weight init std is negative, `NaN` or above [`MAX_WEIGHT_INIT_STD`].
    #[error(
        "the weight init std must be non-negative and at most {MAX_WEIGHT_INIT_STD:?} (its f32 \
         weights must be finite), found {0:?}"
    )]
    WeightInitStd(f64),
}
