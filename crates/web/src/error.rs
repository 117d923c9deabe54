//! Why the server could not start or stopped.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The model file could not be loaded.
    #[error("cannot load --model {}", path.display())]
    Model {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: twolayer::CheckpointError,
    },
    /// The model does not take MNIST images or give its classes.
    #[error(
        "--model {} takes {input} inputs and gives {output} classes; the page needs {} and {}",
        path.display(), mnist_data::PIXELS, mnist_data::CLASSES
    )]
    ModelShape {
        /// The file.
        path: PathBuf,
        /// Its inputs.
        input: usize,
        /// Its classes.
        output: usize,
    },
    /// A run from the page failed to train.
    #[error(transparent)]
    Train(#[from] twolayer::TrainError),
    /// A trained model could not be saved.
    #[error("cannot save the model to {}", path.display())]
    Save {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: twolayer::CheckpointError,
    },
    /// The run's pictures could not be drawn.
    #[error("cannot draw the run's pictures: {0}")]
    Draw(#[from] plots::DrawError),
    /// The data or a run's files.
    #[error(transparent)]
    Run(#[from] runs::Error),
    /// The async runtime could not start.
    #[error("cannot start the async runtime: {0}")]
    Runtime(io::Error),
    /// The address could not be bound.
    #[error("cannot listen on {address}: {error}")]
    Listen {
        /// The address.
        address: SocketAddr,
        /// The operating system's error.
        error: io::Error,
    },
    /// The server stopped on an error.
    #[error("the server stopped: {0}")]
    Stopped(io::Error),
}
