//! The MNIST data a run reads: the IDX files of the splits it needs, loaded
//! as compact bytes and lent to the trainer as [`Dataset`]s (finding or
//! fetching the files is the caller's: `cargo xtask` fetches them).

use std::path::PathBuf;

use mnist_data::{CLASSES, PIXELS, Split, SplitName};
use twolayer::Dataset;

use crate::Error;

/// Which splits a command needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// The training and test sets (`train`, `bench`, `serve`).
    Both,
    /// The training set only (`gradcheck`, `init-study`).
    Train,
    /// The test set only (`eval`).
    Test,
}

impl Needs {
    /// The splits, in MNIST's order.
    pub fn splits(self) -> Vec<SplitName> {
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

impl MnistData {
    /// Loads the IDX files of the splits in `needs` from `dir` as they are,
    /// as raw bytes (`x = pixel / 255` is applied per batch by twolayer): no
    /// download, no checksum (a data set of one's own in MNIST's format:
    /// 28x28 images, 10 classes).
    ///
    /// # Errors
    /// [`Error::Load`] naming `dir` when a file is missing or malformed.
    pub fn load(dir: PathBuf, needs: Needs) -> Result<Self, Error> {
        let (mut train, mut test) = (None, None);
        for split in needs.splits() {
            let loaded = mnist_data::load_split(&dir, split).map_err(|source| Error::Load {
                dir: dir.clone(),
                source,
            })?;
            match split {
                SplitName::Train => train = Some(loaded),
                SplitName::Test => test = Some(loaded),
            }
        }
        Ok(Self { dir, train, test })
    }

    /// The training split.
    ///
    /// # Errors
    /// [`Error::NotLoaded`] if it was not asked for; [`Error::Dataset`] if
    /// its images are not 28x28 with labels below 10.
    pub fn train(&self) -> Result<Dataset<'_>, Error> {
        dataset(self.train.as_ref().ok_or(Error::NotLoaded("training"))?)
    }

    /// The test split.
    ///
    /// # Errors
    /// As [`train`](Self::train).
    pub fn test(&self) -> Result<Dataset<'_>, Error> {
        dataset(self.test.as_ref().ok_or(Error::NotLoaded("test"))?)
    }
}

/// A split's bytes as a [`Dataset`]: the one conversion between the two.
fn dataset(split: &Split) -> Result<Dataset<'_>, Error> {
    let (pixels, labels) = (split.images.as_bytes(), split.labels.digits());
    Ok(Dataset::new(pixels, labels, PIXELS, CLASSES)?)
}
