//! The one error type of the crate: every message names the directory or
//! file and what was being done.

use std::io;
use std::path::{Path, PathBuf};

use crate::dir::CLAIM;

/// Why a run's files or data could not be made, written or read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The requested run directory holds files of its own.
    #[error("--run-dir {} already exists and is not empty; choose a new directory", path.display())]
    NotEmpty {
        /// The directory.
        path: PathBuf,
    },
    /// Another run claimed the directory first.
    #[error("--run-dir {} is in use by another run (it holds {CLAIM}); choose a new directory", path.display())]
    InUse {
        /// The directory.
        path: PathBuf,
    },
    /// The directory holds the claim of a run that was killed before it
    /// finished: no running program holds it.
    #[error(
        "--run-dir {} holds {CLAIM} but no running program holds it: the run that made it was \
         killed before it finished. Its files are kept; to reuse the folder remove {}, or \
         remove the folder, or choose a new directory",
        path.display(), path.join(CLAIM).display()
    )]
    Stale {
        /// The directory.
        path: PathBuf,
    },
    /// A directory or file could not be created, listed or read.
    #[error("cannot {action} {}: {error}", path.display())]
    Io {
        /// What was being done (`create --run-dir`, say).
        action: &'static str,
        /// The path.
        path: PathBuf,
        /// The operating system's error.
        error: io::Error,
    },
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] atomic_file::Error),
    /// `config.json` could not be serialized.
    #[error("cannot serialize config.json: {0}")]
    Json(#[from] serde_json::Error),
    /// The MNIST files could not be loaded.
    #[error("cannot load MNIST from {}", dir.display())]
    Load {
        /// The data directory.
        dir: PathBuf,
        /// Why.
        #[source]
        source: mnist_data::Error,
    },
    /// A split is not in the raw form a run trains on.
    #[error(transparent)]
    Mnist(#[from] mnist_data::Error),
    /// A split's bytes are not a valid data set.
    #[error(transparent)]
    Dataset(#[from] twolayer::DatasetError),
    /// A split was asked for that was not loaded.
    #[error("the {0} set was not loaded")]
    NotLoaded(&'static str),
}

impl Error {
    pub(crate) fn io(action: &'static str, path: &Path, error: io::Error) -> Self {
        Self::Io {
            action,
            path: path.to_owned(),
            error,
        }
    }
}
