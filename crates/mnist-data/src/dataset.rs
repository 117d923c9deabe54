//! A data set in MNIST's form described as data: its four IDX files (names,
//! published counts, pinned SHA-256) and the shape of its images, with
//! MNIST's own description built in. Fashion-MNIST or KMNIST load by the
//! same code from a description of their own.

use std::borrow::Cow;

use crate::files::MnistFile;

/// One IDX file of a data set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSpec {
    /// The published name, without `.gz` (a directory may hold `name` or `name.gz`).
    pub name: Cow<'static, str>,
    /// The number of images or labels the published file holds. The
    /// fetcher checks it; the loader accepts any count, so a subset or a
    /// small synthetic set loads too.
    pub count: u32,
    /// The pinned SHA-256 of the decompressed content, in hexadecimal.
    pub sha256_hex: Cow<'static, str>,
}

/// The images and labels files of one split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitFiles {
    /// The images, IDX `[n, rows, cols]` unsigned bytes.
    pub images: FileSpec,
    /// The labels, IDX `[n]` unsigned bytes below [`DatasetSpec::classes`].
    pub labels: FileSpec,
}

/// Which split of a data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SplitName {
    /// The training split.
    Train,
    /// The test split.
    Test,
}

impl SplitName {
    /// MNIST's two files of this split, images then labels.
    pub fn files(self) -> [MnistFile; 2] {
        match self {
            Self::Train => MnistFile::TRAIN,
            Self::Test => MnistFile::TEST,
        }
    }
}

/// A data set of IDX files in MNIST's form: `u8` images of one size, one
/// `u8` label per image below a class count, a training and a test split.
///
/// # Examples
///
/// A description of Fashion-MNIST (same form, other names and checksums):
///
/// ```
/// use std::borrow::Cow;
/// use mnist_data::{DatasetSpec, FileSpec, MNIST, SplitFiles};
///
/// let file = |name: &'static str, count, sha: &'static str| FileSpec {
///     name: Cow::Borrowed(name),
///     count,
///     sha256_hex: Cow::Borrowed(sha),
/// };
/// let fashion = DatasetSpec {
///     train: SplitFiles {
///         images: file("train-images-idx3-ubyte", 60_000, "<pinned hex>"),
///         labels: file("train-labels-idx1-ubyte", 60_000, "<pinned hex>"),
///     },
///     ..MNIST
/// };
/// assert_eq!((fashion.image_rows, fashion.classes), (28, 10));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetSpec {
    /// Rows of every image.
    pub image_rows: u32,
    /// Columns of every image.
    pub image_cols: u32,
    /// The number of classes: every label is below it.
    pub classes: u8,
    /// The training split's files.
    pub train: SplitFiles,
    /// The test split's files.
    pub test: SplitFiles,
}

impl DatasetSpec {
    /// The files of one split.
    pub fn split(&self, split: SplitName) -> &SplitFiles {
        match split {
            SplitName::Train => &self.train,
            SplitName::Test => &self.test,
        }
    }

    /// Pixels of one image, `rows x cols`.
    pub fn pixels(&self) -> usize {
        self.image_rows as usize * self.image_cols as usize
    }

    /// Its four files, in download order, with the length of each one's
    /// decompressed content (header and payload) as published.
    pub fn files(&self) -> [(&FileSpec, u64); 4] {
        let images = |f: &FileSpec| 16 + u64::from(f.count) * self.pixels() as u64;
        let labels = |f: &FileSpec| 8 + u64::from(f.count);
        [
            (&self.train.images, images(&self.train.images)),
            (&self.train.labels, labels(&self.train.labels)),
            (&self.test.images, images(&self.test.images)),
            (&self.test.labels, labels(&self.test.labels)),
        ]
    }
}

const fn mnist_file(file: MnistFile, count: u32) -> FileSpec {
    FileSpec {
        name: Cow::Borrowed(file.name()),
        count,
        sha256_hex: Cow::Borrowed(file.sha256_hex()),
    }
}

/// MNIST as published: 60,000 training and 10,000 test images of 28x28,
/// digits 0 to 9, the four [`MnistFile`]s with their pinned checksums.
pub const MNIST: DatasetSpec = DatasetSpec {
    image_rows: 28,
    image_cols: 28,
    classes: 10,
    train: SplitFiles {
        images: mnist_file(MnistFile::TrainImages, 60_000),
        labels: mnist_file(MnistFile::TrainLabels, 60_000),
    },
    test: SplitFiles {
        images: mnist_file(MnistFile::TestImages, 10_000),
        labels: mnist_file(MnistFile::TestLabels, 10_000),
    },
};
