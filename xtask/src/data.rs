//! The MNIST data of the commands: found, or fetched when missing, through
//! the fetch-mnist flags (`--data-dir`, `MNIST_DIR`, mirrors), kept as
//! compact bytes and lent to the trainer as [`Dataset`]s. A command loads
//! (and fetches and verifies) only the splits it needs.

use std::path::PathBuf;

use anyhow::Context;
use mnist_data::{CLASSES, LoadOptions, MnistFile, PIXELS, Split, SplitName};
use twolayer::Dataset;

use crate::fetch_mnist::{self, FetchArgs};

/// Which splits a command needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// The training and test sets (`train`, `bench`, `figures`).
    Both,
    /// The training set only (`gradcheck`, `init-study`).
    Train,
    /// The test set only (`eval`).
    Test,
}

impl Needs {
    /// The splits, in MNIST's order.
    fn splits(self) -> Vec<SplitName> {
        match self {
            Needs::Both => vec![SplitName::Train, SplitName::Test],
            Needs::Train => vec![SplitName::Train],
            Needs::Test => vec![SplitName::Test],
        }
    }
}

/// The loaded splits and the directory they came from.
#[derive(Debug)]
pub struct MnistData {
    /// Where the files are.
    pub dir: PathBuf,
    train: Option<Split>,
    test: Option<Split>,
}

/// Makes sure the files of the splits in `needs` are there (fetching them
/// if not), then loads them as raw bytes (`x = pixel / 255` is applied per
/// batch by twolayer).
pub fn load(fetch: &FetchArgs, needs: Needs) -> anyhow::Result<MnistData> {
    let files: Vec<MnistFile> = needs
        .splits()
        .into_iter()
        .flat_map(|split| match split {
            SplitName::Train => MnistFile::TRAIN,
            SplitName::Test => MnistFile::TEST,
        })
        .collect();
    load_as_is(fetch_mnist::ensure_mnist(fetch, &files)?, needs)
}

/// Loads the IDX files of the splits in `needs` from `dir` as they are: no
/// download, no checksum (a data set of one's own in MNIST's format: 28x28
/// images, 10 classes).
pub fn load_as_is(dir: PathBuf, needs: Needs) -> anyhow::Result<MnistData> {
    let (mut train, mut test) = (None, None);
    for split in needs.splits() {
        let loaded = mnist_data::load_split(&dir, split, &LoadOptions::raw())
            .with_context(|| format!("cannot load MNIST from {}", dir.display()))?;
        match split {
            SplitName::Train => train = Some(loaded),
            SplitName::Test => test = Some(loaded),
        }
    }
    Ok(MnistData { dir, train, test })
}

impl MnistData {
    /// The training split.
    pub fn train(&self) -> anyhow::Result<Dataset<'_>> {
        dataset(
            self.train
                .as_ref()
                .context("the training set was not loaded")?,
        )
    }

    /// The test split.
    pub fn test(&self) -> anyhow::Result<Dataset<'_>> {
        dataset(self.test.as_ref().context("the test set was not loaded")?)
    }
}

/// A split's bytes as a [`Dataset`]: the one conversion between the two.
fn dataset(split: &Split) -> anyhow::Result<Dataset<'_>> {
    let (pixels, labels) = split.raw()?;
    Ok(Dataset::new(pixels, labels, PIXELS, CLASSES)?)
}
