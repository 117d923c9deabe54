//! Saving and loading a [`TwoLayerNet`] in the [safetensors] format.
//!
//! A checkpoint holds four tensors under the book's names, row-major (C
//! order) and little-endian as the format requires, so NumPy, PyTorch or JAX
//! read them as the book's arrays:
//!
//! | tensor | shape | dtype |
//! |---|---|---|
//! | `W1` | `[input, hidden]` | `F32` or `F64`, the network's float type |
//! | `b1` | `[hidden]` | same |
//! | `W2` | `[hidden, output]` | same |
//! | `b2` | `[output]` | same |
//!
//! and the metadata `{"format": "twolayer", "activation": "sigmoid" | "relu"}`.
//!
//! ```python
//! from safetensors.numpy import load_file
//! p = load_file("net.safetensors")          # p["W1"].shape == (784, 50)
//! ```
//!
//! [`save`] writes through `atomic_file`: a uniquely named temporary file in the same directory, flushed to disk
//! and renames it: the final name never holds a half-written file. [`load`]
//! reads only a regular file, and only up to the size its header declares;
//! it accepts `F32` or `F64` whatever `T` is, and checks names, dtypes and shapes.
//!
//! [safetensors]: https://huggingface.co/docs/safetensors

mod decode;
mod encode;
mod read;

use std::io;
use std::path::{Path, PathBuf};

use safetensors::SafeTensorError;
use tensor_ops::Real;

use crate::TwoLayerNet;

/// The value of the `"format"` metadata entry.
pub const FORMAT: &str = "twolayer";

/// Why a checkpoint could not be saved or loaded. Every message names the
/// file, and includes the underlying error's text where there is one (which
/// is therefore not also given as the `source()`: a chain printed with
/// `{:#}` says each cause once).
#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    /// The file could not be read or written.
    #[error("cannot {action} checkpoint {}: {error}", path.display())]
    Io {
        /// What was being done, e.g. "read".
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The operating system's error.
        error: io::Error,
    },
    /// The file could not be written (through a temporary file, so nothing
    /// half-written was left under its name). The message names the file
    /// and the operating system's error.
    #[error("cannot save checkpoint: {0}")]
    Write(atomic_file::Error),
    /// The file is longer or shorter than its header declares (the header
    /// gives each tensor's bytes; a safetensors file holds exactly those).
    /// A file is never read past the size its header declares.
    #[error(
        "checkpoint {}: its header declares {declared} bytes, the file has {found} ({})",
        path.display(),
        if found < declared { "truncated" } else { "trailing bytes: not a safetensors file, or corrupt" }
    )]
    Size {
        /// The file concerned.
        path: PathBuf,
        /// The size the header declares: 8 + header length + the tensors' bytes.
        declared: u64,
        /// The file's size.
        found: u64,
    },
    /// The bytes are not a safetensors file: truncated, corrupt, or another format.
    #[error("checkpoint {} is not a valid safetensors file (truncated or corrupt?): {error}", path.display())]
    Format {
        /// The file concerned.
        path: PathBuf,
        /// What the safetensors parser found wrong.
        error: SafeTensorError,
    },
    /// One of `W1`, `b1`, `W2`, `b2` is not in the file.
    #[error("checkpoint {}: tensor {name:?} is missing (expected W1, b1, W2 and b2, found {found:?})", path.display())]
    MissingTensor {
        /// The file concerned.
        path: PathBuf,
        /// The missing tensor.
        name: &'static str,
        /// The tensors the file has, sorted.
        found: Vec<String>,
    },
    /// The file has a tensor that a two-layer network does not.
    #[error("checkpoint {}: unexpected tensor {name:?} (a two-layer network has only W1, b1, W2 and b2)", path.display())]
    UnexpectedTensor {
        /// The file concerned.
        path: PathBuf,
        /// The first unexpected tensor, in sorted order.
        name: String,
    },
    /// A tensor's shape does not fit the others.
    #[error("checkpoint {}: tensor {name:?} has shape {found:?}, expected {expected}", path.display())]
    BadShape {
        /// The file concerned.
        path: PathBuf,
        /// The tensor.
        name: &'static str,
        /// What was expected, e.g. `[50] (hidden, from W1)`.
        expected: String,
        /// Its shape in the file.
        found: Vec<usize>,
    },
    /// A tensor is neither `F32` nor `F64`.
    #[error("checkpoint {}: tensor {name:?} has dtype {found}, expected F32 or F64", path.display())]
    BadDtype {
        /// The file concerned.
        path: PathBuf,
        /// The tensor.
        name: &'static str,
        /// Its dtype in the file.
        found: String,
    },
    /// A tensor holds `NaN` or infinite values (a diverged run, a corrupt
    /// file): such a network predicts nothing meaningful.
    #[error("checkpoint {}: tensor {name:?} has {bad} non-finite values (NaN or infinite) out of {total}", path.display())]
    NonFinite {
        /// The file concerned.
        path: PathBuf,
        /// The first tensor with such values, in the order W1, b1, W2, b2.
        name: &'static str,
        /// How many of its values are `NaN` or infinite.
        bad: usize,
        /// How many values it has.
        total: usize,
    },
    /// The metadata does not say which activation the network uses, or says
    /// it is not a two-layer checkpoint.
    #[error("checkpoint {}: {problem}", path.display())]
    BadMetadata {
        /// The file concerned.
        path: PathBuf,
        /// What is wrong.
        problem: String,
    },
}

/// Saves `net` to `path` atomically (see the [module docs](self)), in the
/// float type of the network (`F32` for `f32`, `F64` for `f64`).
///
/// # Errors
/// [`CheckpointError::Write`] if the directory is not writable or the disk fails;
/// the previous file at `path`, if any, is then left untouched.
pub fn save<T: Real>(path: &Path, net: &TwoLayerNet<T>) -> Result<(), CheckpointError> {
    let bytes = encode::to_bytes(net).map_err(|error| CheckpointError::Format {
        path: path.to_owned(),
        error,
    })?;
    atomic_file::write(path, &bytes).map_err(CheckpointError::Write)
}

/// Loads the network saved at `path`, converting its tensors to `T`
/// (`F32` and `F64` files both load as `f32` or `f64`).
///
/// # Errors
/// A [`CheckpointError`] naming the file: missing, unreadable or not a
/// regular file ([`Io`]), truncated or corrupt ([`Format`]), longer or
/// shorter than its header declares ([`Size`]), without one of the four tensors or with
/// another ([`MissingTensor`], [`UnexpectedTensor`]), with shapes that do not
/// fit together ([`BadShape`]), another dtype ([`BadDtype`]), `NaN` or
/// infinite weights ([`NonFinite`]), or no valid activation ([`BadMetadata`]).
///
/// [`Io`]: CheckpointError::Io
/// [`Format`]: CheckpointError::Format
/// [`Size`]: CheckpointError::Size
/// [`MissingTensor`]: CheckpointError::MissingTensor
/// [`UnexpectedTensor`]: CheckpointError::UnexpectedTensor
/// [`BadShape`]: CheckpointError::BadShape
/// [`BadDtype`]: CheckpointError::BadDtype
/// [`NonFinite`]: CheckpointError::NonFinite
/// [`BadMetadata`]: CheckpointError::BadMetadata
pub fn load<T: Real>(path: &Path) -> Result<TwoLayerNet<T>, CheckpointError> {
    let bytes = read::declared_bytes(path)?;
    decode::from_bytes(&bytes, path)
}
