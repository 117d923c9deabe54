//! The one error type: every message names the final path and what was
//! being done. The operating system's error is part of the message, not a
//! separate `source`, so a chain of causes never prints it twice.

use std::io;
use std::path::{Path, PathBuf};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file already has the final name; it was left untouched.
    #[error("{} already exists; it was left untouched", path.display())]
    Exists {
        /// The final path.
        path: PathBuf,
    },
    /// A step of the write failed; nothing was left behind.
    #[error("cannot {action} {}: {error}", path.display())]
    Io {
        /// What was being done, e.g. "write" or "rename a temporary file to".
        action: &'static str,
        /// The final path.
        path: PathBuf,
        /// The operating system's error.
        error: io::Error,
    },
}

impl Error {
    pub(crate) fn io(action: &'static str, path: &Path, error: io::Error) -> Self {
        Self::Io {
            action,
            path: path.to_path_buf(),
            error,
        }
    }

    /// The final path of the file that could not be written.
    pub fn path(&self) -> &Path {
        match self {
            Self::Exists { path } | Self::Io { path, .. } => path,
        }
    }

    /// The kind of I/O error: [`io::ErrorKind::AlreadyExists`] for
    /// [`Error::Exists`].
    pub fn kind(&self) -> io::ErrorKind {
        match self {
            Self::Exists { .. } => io::ErrorKind::AlreadyExists,
            Self::Io { error, .. } => error.kind(),
        }
    }
}

impl From<Error> for io::Error {
    /// The same message, with the same kind.
    fn from(error: Error) -> Self {
        io::Error::new(error.kind(), error.to_string())
    }
}
