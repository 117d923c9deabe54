//! The loader: a split's two IDX files (raw or gzip) read and checked
//! against a [`DatasetSpec`]: `u8` images of its size, one label below its
//! class count per image.

use std::path::{Path, PathBuf};

use crate::dataset::{DatasetSpec, MNIST, SplitName};
use crate::error::{Error, Mismatch};
use crate::idx::{IdxArray, IdxType};
use crate::parse::read_idx_file;
use crate::split::{Images, Labels, Mnist, Split};

/// Rows of an MNIST image.
pub const IMAGE_ROWS: usize = 28;
/// Columns of an MNIST image.
pub const IMAGE_COLS: usize = 28;
/// Pixels of an MNIST image (28 x 28 = 784).
pub const PIXELS: usize = IMAGE_ROWS * IMAGE_COLS;
/// Number of classes (the digits 0 to 9).
pub const CLASSES: usize = 10;

/// Loads MNIST's training and test splits from `dir`, which holds the four
/// files raw (`train-images-idx3-ubyte`, ...) or gzip (`...-ubyte.gz`); a
/// raw file is preferred when both are there. Any number of images is
/// accepted, so a small synthetic data set loads too.
///
/// # Examples
///
/// ```no_run
/// let mnist = mnist_data::load("data/mnist")?;
/// let x = mnist.train.images.to_matrix(); // 60000 x 784, f32 in [0, 1]
/// let t = mnist.train.labels.digits(); // 60000 digits
/// # Ok::<(), mnist_data::Error>(())
/// ```
///
/// # Errors
/// [`Error::Missing`] when a file is absent, [`Error::Io`] when it cannot be
/// read, [`Error::Idx`] when it is not valid IDX, [`Error::Mnist`] when it
/// does not hold 28x28 u8 images with one label in 0..10 per image.
pub fn load(dir: impl AsRef<Path>) -> Result<Mnist, Error> {
    MNIST.load(dir)
}

/// Loads one split of MNIST only, as [`load`] loads each: a command that
/// needs only the training set reads no test file.
///
/// # Errors
/// As [`load`], for the split's two files.
pub fn load_split(dir: impl AsRef<Path>, split: SplitName) -> Result<Split, Error> {
    MNIST.load_split(dir, split)
}

impl DatasetSpec {
    /// Loads both splits from `dir`, as [`load`] does for MNIST.
    ///
    /// # Errors
    /// As [`load`], against this description's image size and classes.
    pub fn load(&self, dir: impl AsRef<Path>) -> Result<Mnist, Error> {
        let dir = dir.as_ref();
        let train = self.load_split(dir, SplitName::Train)?;
        let test = self.load_split(dir, SplitName::Test)?;
        Ok(Mnist { train, test })
    }

    /// Loads one split from `dir`, as [`load_split`] does for MNIST.
    ///
    /// # Errors
    /// As [`load`], for the split's two files.
    pub fn load_split(&self, dir: impl AsRef<Path>, split: SplitName) -> Result<Split, Error> {
        let dir = dir.as_ref();
        let files = self.split(split);
        let images_path = find_file(dir, &files.images.name)?;
        let labels_path = find_file(dir, &files.labels.name)?;
        let images = self.check_images(&images_path, read_idx_file(&images_path)?)?;
        let labels = self.check_labels(&labels_path, read_idx_file(&labels_path)?)?;
        if labels.len() != images.len() {
            return Err(Error::Mnist {
                path: labels_path,
                mismatch: Mismatch::LabelCount {
                    images: images.len(),
                    images_path,
                    labels: labels.len(),
                },
            });
        }
        Ok(Split { images, labels })
    }

    /// The images of an `[n, rows, cols]` u8 array.
    fn check_images(&self, path: &Path, array: IdxArray) -> Result<Images, Error> {
        check_u8(path, &array)?;
        let (rows, cols) = (self.image_rows, self.image_cols);
        if !matches!(array.dims(), [_, r, c] if (*r, *c) == (rows, cols)) {
            return Err(Error::Mnist {
                path: path.to_owned(),
                mismatch: Mismatch::ImageSize {
                    rows,
                    cols,
                    found: array.dims().to_vec(),
                },
            });
        }
        Images::new(rows as usize, cols as usize, array.into_bytes()).ok_or_else(|| Error::Mnist {
            path: path.to_owned(),
            mismatch: Mismatch::ImageSize {
                rows,
                cols,
                found: vec![0, rows, cols],
            },
        })
    }

    /// The labels of an `[n]` u8 array, each below the class count.
    fn check_labels(&self, path: &Path, array: IdxArray) -> Result<Labels, Error> {
        check_u8(path, &array)?;
        if array.dims().len() != 1 {
            return Err(Error::Mnist {
                path: path.to_owned(),
                mismatch: Mismatch::LabelShape {
                    found: array.dims().to_vec(),
                },
            });
        }
        let digits = array.into_bytes();
        if let Some((index, &label)) = digits.iter().enumerate().find(|&(_, &d)| d >= self.classes)
        {
            return Err(Error::Mnist {
                path: path.to_owned(),
                mismatch: Mismatch::LabelRange {
                    classes: self.classes,
                    label,
                    index,
                },
            });
        }
        Ok(Labels::new(usize::from(self.classes), digits).expect("every label was checked"))
    }
}

/// `dir/name` when present, else `dir/name.gz`.
fn find_file(dir: &Path, name: &str) -> Result<PathBuf, Error> {
    [dir.join(name), dir.join(format!("{name}.gz"))]
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| Error::Missing {
            dir: dir.to_owned(),
            name: name.to_owned(),
        })
}

fn check_u8(path: &Path, array: &IdxArray) -> Result<(), Error> {
    if array.dtype() == IdxType::U8 {
        return Ok(());
    }
    Err(Error::Mnist {
        path: path.to_owned(),
        mismatch: Mismatch::NotBytes {
            code: array.dtype().code(),
        },
    })
}
