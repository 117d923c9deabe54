//! The crate's typed errors: every message names the file, what was expected
//! and what was found. Each message is complete on its own (the cause is
//! part of it), so none is repeated as an error `source`.

use std::io;
use std::path::PathBuf;
#[cfg(feature = "download")]
use std::time::Duration;

#[cfg(feature = "download")]
use crate::fetch::{FetchFailure, FetchProblem};

/// Everything that can go wrong while loading or fetching MNIST.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read, written, created or removed.
    #[error("cannot {action} {}: {error}", path.display())]
    Io {
        /// What was being done, e.g. "create the directory".
        action: &'static str,
        /// The file or directory concerned.
        path: PathBuf,
        /// The operating system's error.
        error: io::Error,
    },
    /// A file is not a well-formed IDX file.
    #[error("{}: {error}", path.display())]
    Idx {
        /// The file concerned.
        path: PathBuf,
        /// What is wrong with its bytes.
        error: IdxError,
    },
    /// A well-formed IDX file does not hold what MNIST needs.
    #[error("{}: expected {expected}, found {found}", path.display())]
    Mnist {
        /// The file concerned.
        path: PathBuf,
        /// What MNIST requires.
        expected: String,
        /// What the file holds.
        found: String,
    },
    #[cfg(feature = "download")]
    /// A file under a final name in the data directory fails verification;
    /// it was left untouched, byte for byte.
    #[error(
        "{} is not the expected file ({problem}); it was left untouched: move or replace it yourself, or fetch into another directory",
        path.display()
    )]
    Unverified {
        /// The file concerned.
        path: PathBuf,
        /// What is wrong with it.
        problem: FetchProblem,
    },
    #[cfg(feature = "download")]
    /// Another fetch into the same directory held its lock for longer than
    /// the lock timeout.
    #[error(
        "another fetch into {} held the lock {} for more than {} s; try again when it has finished, or fetch into another directory",
        path.parent().unwrap_or(path).display(),
        path.display(),
        waited.as_secs()
    )]
    LockTimeout {
        /// The lock file.
        path: PathBuf,
        /// How long this fetch waited.
        waited: Duration,
    },
    /// A split was asked for its raw bytes ([`Split::raw`](crate::Split::raw))
    /// but was loaded with other [`LoadOptions`](crate::LoadOptions).
    #[error(
        "expected u8 pixels and digit labels (LoadOptions::raw()), found {pixels} pixels and {labels} labels"
    )]
    NotRaw {
        /// "u8" or "normalized f32".
        pixels: &'static str,
        /// "digit" or "one-hot".
        labels: &'static str,
    },
    /// One of the four files is absent from the data directory.
    #[error("{}: neither {name} nor {name}.gz is there", dir.display())]
    Missing {
        /// The directory searched.
        dir: PathBuf,
        /// The file's name without `.gz`.
        name: String,
    },
    #[cfg(feature = "download")]
    /// A mirror specification is neither an http(s) URL, a `file://` URL nor
    /// a directory path.
    #[error("invalid mirror {input:?}: {reason}")]
    InvalidMirror {
        /// The specification as given.
        input: String,
        /// Why it was rejected.
        reason: String,
    },
    #[cfg(feature = "download")]
    /// A checksum given in hexadecimal is malformed.
    #[error("invalid SHA-256 for {name}: expected 64 hexadecimal digits, found {found:?}")]
    InvalidChecksum {
        /// The file the checksum belongs to.
        name: String,
        /// The text that was given.
        found: String,
    },
    #[cfg(feature = "download")]
    /// Some files could not be fetched from any mirror.
    #[error(transparent)]
    Fetch(#[from] FetchFailure),
}

#[cfg(feature = "download")]
impl From<atomic_file::Error> for Error {
    /// The same action, path and operating-system error.
    fn from(error: atomic_file::Error) -> Self {
        let path = error.path().to_path_buf();
        match error {
            atomic_file::Error::Io { action, error, .. } => Self::Io {
                action,
                path,
                error,
            },
            // The kind alone: the message would repeat the path.
            other => Self::Io {
                action: "write",
                path,
                error: io::Error::from(other.kind()),
            },
        }
    }
}

/// What is wrong with the bytes of an IDX file.
///
/// An IDX file is a 4-byte magic number (two zero bytes, a type code, the
/// number of dimensions), one big-endian `u32` size per dimension, then the
/// values in row-major order.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IdxError {
    /// The data ends inside the header.
    #[error("the header needs {needed} bytes, found only {found}")]
    TooShort {
        /// Length of the header (magic and sizes).
        needed: usize,
        /// Bytes actually present.
        found: usize,
    },
    /// The first two bytes are not zero.
    #[error("expected two zero bytes at the start, found {:#04x} {:#04x}", found[0], found[1])]
    BadMagic {
        /// The first two bytes.
        found: [u8; 2],
    },
    /// The type code is none of the six the format defines.
    #[error("expected a type code 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e, found {code:#04x}")]
    UnknownType {
        /// The third byte of the file.
        code: u8,
    },
    /// The header declares zero dimensions.
    #[error("expected at least one dimension, found 0")]
    NoDimensions,
    /// The sizes multiply to more bytes than this machine can address.
    #[error("sizes {dims:?} overflow the address space")]
    TooLarge {
        /// The declared sizes.
        dims: Vec<u32>,
    },
    /// The payload is shorter or longer than the sizes say.
    #[error("sizes {dims:?} need {expected} bytes of data, found {found}")]
    PayloadLength {
        /// The declared sizes.
        dims: Vec<u32>,
        /// Bytes the sizes require.
        expected: u64,
        /// Bytes actually present.
        found: u64,
    },
    /// The gzip stream is damaged or cut short.
    #[error("invalid gzip data: {0}")]
    Gzip(io::Error),
    /// Reading the underlying file failed.
    #[error("read failed: {0}")]
    Read(io::Error),
}
