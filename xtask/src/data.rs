//! The MNIST data of `train` and `eval`: found, or fetched when missing,
//! through the fetch-mnist flags (`--data-dir`, `MNIST_DIR`, mirrors), kept
//! as compact bytes and lent to the trainer as [`Dataset`]s.

use std::path::PathBuf;

use anyhow::Context;
use mnist_data::{CLASSES, LoadOptions, Mnist, PIXELS, Split};
use twolayer::Dataset;

use crate::fetch_mnist::{self, FetchArgs};

/// The loaded splits and the directory they came from.
#[derive(Debug)]
pub struct MnistData {
    /// Where the four files are.
    pub dir: PathBuf,
    mnist: Mnist,
}

/// Makes sure the four files are there (fetching them if not), then loads
/// them as raw bytes (`x = pixel / 255` is applied per batch by twolayer).
pub fn load(fetch: &FetchArgs) -> anyhow::Result<MnistData> {
    load_dir(fetch_mnist::ensure_mnist(fetch)?)
}

/// Loads the four files already in `dir` as raw bytes, without checking
/// them against the pinned checksums (`serve`'s tests use a synthetic set).
pub fn load_dir(dir: PathBuf) -> anyhow::Result<MnistData> {
    let options = LoadOptions::raw();
    let mnist = mnist_data::load_mnist(&dir, &options)
        .with_context(|| format!("cannot load MNIST from {}", dir.display()))?;
    Ok(MnistData { dir, mnist })
}

impl MnistData {
    /// The training split.
    pub fn train(&self) -> anyhow::Result<Dataset<'_>> {
        dataset(&self.mnist.train)
    }

    /// The test split.
    pub fn test(&self) -> anyhow::Result<Dataset<'_>> {
        dataset(&self.mnist.test)
    }
}

fn dataset(split: &Split) -> anyhow::Result<Dataset<'_>> {
    let (pixels, labels) = split.raw()?;
    Ok(Dataset::new(pixels, labels, PIXELS, CLASSES)?)
}
