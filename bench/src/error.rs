//! Why a bench run stopped. What one measurement cannot do (a child that
//! fails, a peer that is not installed) is recorded in the report instead.

use std::path::PathBuf;

/// An error that stops `run`.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// The MNIST files do not load.
    #[error("cannot load MNIST from {}", dir.display())]
    Load {
        /// The directory read.
        dir: PathBuf,
        /// Why.
        #[source]
        source: mnist_data::Error,
    },
    /// The training data or configuration cannot run.
    #[error(transparent)]
    Train(#[from] twolayer::TrainError),
}
