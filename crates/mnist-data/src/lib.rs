//! MNIST for people whose downloads fail: a validating IDX reader and a
//! resilient fetcher.
//!
//! The book's `dataset/mnist.py` downloads four files from one URL with no
//! integrity check and keeps a half-downloaded file forever. This crate
//! tries several mirrors with bounded retries, verifies the SHA-256 of each
//! file's decompressed content, and only ever gives a verified file its final
//! name. Its parser checks every declared size against the bytes that are
//! really there before allocating, and never panics on any input.
//!
//! Brief overview:
//! - [`load_mnist`] with [`LoadOptions`] mirrors the book's
//!   `load_mnist(normalize, flatten, one_hot_label)` and returns a [`Mnist`]
//!   of two [`Split`]s holding [`Pixels`] (`u8` or normalized `f32`) and
//!   [`Labels`] (indices or one-hot).
//! - [`fetch_mnist`] with [`FetchOptions`] downloads into a directory from
//!   [`Mirror`]s (http(s), `file://` or a local directory; by default
//!   [`default_mirrors`]), checking [`ExpectedFile`]s (by default the four
//!   [`MnistFile`]s with pinned checksums) and reporting [`FetchEvent`]s to a
//!   callback: the library never prints.
//! - [`parse_idx`] and [`read_idx_file`] read any IDX file, raw or gzip, into
//!   an [`IdxArray`].
//! - Every failure is an [`Error`] naming the file, what was expected and
//!   what was found.
//!
//! # Example
//!
//! A tiny synthetic dataset (three training images, one test image) written
//! and loaded the way the real one is:
//!
//! ```
//! use mnist_data::{IdxArray, IdxType, Labels, LoadOptions, MnistFile, Pixels, load_mnist};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! for (images, labels, digits) in [
//!     (MnistFile::TrainImages, MnistFile::TrainLabels, vec![5u8, 0, 4]),
//!     (MnistFile::TestImages, MnistFile::TestLabels, vec![7u8]),
//! ] {
//!     let n = digits.len() as u32;
//!     let pixels = IdxArray::new(IdxType::U8, vec![n, 28, 28], vec![255; 784 * n as usize])?;
//!     std::fs::write(dir.path().join(images.name()), pixels.to_idx_bytes())?;
//!     let labels_array = IdxArray::new(IdxType::U8, vec![n], digits)?;
//!     std::fs::write(dir.path().join(labels.name()), labels_array.to_idx_bytes())?;
//! }
//!
//! let options = LoadOptions { normalize: true, flatten: true, one_hot_label: false };
//! let mnist = load_mnist(dir.path(), &options)?;
//! assert_eq!(mnist.train.images_shape(), vec![3, 784]);
//! assert_eq!(mnist.train.labels, Labels::Indices(vec![5, 0, 4]));
//! let Pixels::F32(pixels) = &mnist.test.images else { unreachable!() };
//! assert_eq!(pixels[0], 1.0);
//! # Ok(())
//! # }
//! ```
//!
//! Fetching the real files (network, so not run here):
//!
//! ```no_run
//! use mnist_data::{FetchEvent, FetchOptions, LoadOptions, fetch_mnist, load_mnist};
//!
//! # fn main() -> Result<(), mnist_data::Error> {
//! let dir = std::path::Path::new("data/mnist");
//! let report = fetch_mnist(dir, &FetchOptions::default(), &mut |event: &FetchEvent<'_>| {
//!     // Render progress here (the library never prints).
//!     let _ = event;
//! })?;
//! assert_eq!(report.files.len(), 4);
//! let mnist = load_mnist(dir, &LoadOptions::default())?;
//! assert_eq!(mnist.train.len(), 60_000);
//! # Ok(())
//! # }
//! ```

mod download;
mod error;
mod fetch;
mod files;
mod idx;
mod idx_reader;
mod mirror;
mod mnist;
mod problem;
mod report;
mod temp_file;

pub use error::{Error, IdxError};
pub use fetch::{FetchOptions, fetch_mnist};
pub use files::{ExpectedFile, MnistFile, pinned_files, verify_file};
pub use idx::{GZIP_MAGIC, IdxArray, IdxType, is_gzip};
pub use idx_reader::{parse_idx, read_idx_file};
pub use mirror::{DEFAULT_MIRRORS, Mirror, default_mirrors};
pub use mnist::{
    CLASSES, IMAGE_COLS, IMAGE_ROWS, Labels, LoadOptions, Mnist, PIXELS, Pixels, Split, load_mnist,
};
pub use problem::FetchProblem;
pub use report::{FetchEvent, FetchFailure, FetchReport, FetchedFile, FileFailure, MirrorFailure};
