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
    /// A well-formed IDX file does not hold what the data set needs.
    #[error("{}: {mismatch}", path.display())]
    Mnist {
        /// The file concerned.
        path: PathBuf,
        /// What the data set requires and what the file holds.
        mismatch: Mismatch,
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

/// How a well-formed IDX file differs from what the data set needs: each
/// message says what was expected, then what was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Mismatch {
    /// The values are not unsigned bytes.
    #[error("expected unsigned bytes (type code 0x08), found type code {code:#04x}")]
    NotBytes {
        /// The file's type code.
        code: u8,
    },
    /// The images are not `[n, rows, cols]`.
    #[error("expected {rows}x{cols} images, sizes [n, {rows}, {cols}], found sizes {found:?}")]
    ImageSize {
        /// Rows of an image in the data set.
        rows: u32,
        /// Columns of an image in the data set.
        cols: u32,
        /// The file's sizes.
        found: Vec<u32>,
    },
    /// The labels are not one dimension.
    #[error("expected one label per image, sizes [n], found sizes {found:?}")]
    LabelShape {
        /// The file's sizes.
        found: Vec<u32>,
    },
    /// A label is not below the class count.
    #[error("expected labels 0 to {}, found label {label} at index {index}", classes.saturating_sub(1))]
    LabelRange {
        /// The data set's class count.
        classes: u8,
        /// The first label out of range.
        label: u8,
        /// Its index.
        index: usize,
    },
    /// The labels are not as many as the images.
    #[error("expected {images} labels, one per image of {}, found {labels} labels", images_path.display())]
    LabelCount {
        /// The number of images.
        images: usize,
        /// The images file.
        images_path: PathBuf,
        /// The number of labels.
        labels: usize,
    },
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
