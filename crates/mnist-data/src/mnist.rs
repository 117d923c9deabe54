//! `load_mnist`: the book's `load_mnist(normalize, flatten, one_hot_label)`,
//! reading the four IDX files (raw or gzip) and checking that they hold
//! MNIST: 28x28 u8 images, one label in 0..10 per image.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::files::MnistFile;
use crate::idx::{IdxArray, IdxType};
use crate::parse::read_idx_file;

/// Rows of an MNIST image.
pub const IMAGE_ROWS: usize = 28;
/// Columns of an MNIST image.
pub const IMAGE_COLS: usize = 28;
/// Pixels of an MNIST image (28 x 28 = 784).
pub const PIXELS: usize = IMAGE_ROWS * IMAGE_COLS;
/// Number of classes (the digits 0 to 9).
pub const CLASSES: usize = 10;

/// The book's three switches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Pixels as `f32` in [0, 1] (`p / 255`) instead of raw `u8`.
    pub normalize: bool,
    /// Each image as 784 values (`true`) or as `1 x 28 x 28` (`false`).
    /// The data is the same row-major sequence; only [`Split::image_shape`] differs.
    pub flatten: bool,
    /// Labels as one-hot rows of 10 `f32` instead of digit indices.
    pub one_hot_label: bool,
}

impl LoadOptions {
    /// Raw bytes: `u8` pixels, flattened, digit labels (the book's
    /// `normalize=False, flatten=True, one_hot_label=False`). The compact
    /// form a trainer takes; read it back with [`Split::raw`].
    pub const fn raw() -> Self {
        Self {
            normalize: false,
            flatten: true,
            one_hot_label: false,
        }
    }
}

impl Default for LoadOptions {
    /// The book's defaults: `normalize=True, flatten=True, one_hot_label=False`.
    fn default() -> Self {
        Self {
            normalize: true,
            flatten: true,
            one_hot_label: false,
        }
    }
}

/// The training and test splits.
#[derive(Debug, Clone, PartialEq)]
pub struct Mnist {
    /// The training split (60,000 images in the real data).
    pub train: Split,
    /// The test split (10,000 images in the real data).
    pub test: Split,
}

/// Images and labels of one split.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// All images, row-major: image `i` is `images[i * 784..(i + 1) * 784]`.
    pub images: Pixels,
    /// One label per image.
    pub labels: Labels,
    /// The shape of one image: `[784]` when flattened, else `[1, 28, 28]`.
    pub image_shape: Vec<usize>,
}

impl Split {
    /// The number of images.
    pub fn len(&self) -> usize {
        self.images.len() / PIXELS
    }

    /// Whether the split holds no image.
    pub fn is_empty(&self) -> bool {
        self.images.is_empty()
    }

    /// The pixel bytes (`n x 784`, row-major) and the digit (0 to 9) of each
    /// image, borrowed, of a split loaded with [`LoadOptions::raw`]. What a
    /// trainer takes: `let (x, t) = split.raw()?;`, e.g. for twolayer's
    /// `Dataset::new(x, t, PIXELS, CLASSES)`.
    ///
    /// # Errors
    /// [`Error::NotRaw`] when the pixels were normalized or the labels
    /// one-hot encoded.
    pub fn raw(&self) -> Result<(&[u8], &[u8]), Error> {
        match (&self.images, &self.labels) {
            (Pixels::U8(pixels), Labels::Indices(digits)) => Ok((pixels, digits)),
            (images, labels) => Err(Error::NotRaw {
                pixels: match images {
                    Pixels::U8(_) => "u8",
                    Pixels::F32(_) => "normalized f32",
                },
                labels: match labels {
                    Labels::Indices(_) => "digit",
                    Labels::OneHot(_) => "one-hot",
                },
            }),
        }
    }

    /// The shape of the images array: `[n, 784]` or `[n, 1, 28, 28]`.
    pub fn images_shape(&self) -> Vec<usize> {
        std::iter::once(self.len())
            .chain(self.image_shape.iter().copied())
            .collect()
    }
}

/// Pixel values, `N x 784` row-major.
#[derive(Debug, Clone, PartialEq)]
pub enum Pixels {
    /// Raw bytes, 0 to 255 (compact: 47 MB for the training set).
    U8(Vec<u8>),
    /// Normalized to [0, 1].
    F32(Vec<f32>),
}

impl Pixels {
    /// The number of pixel values.
    pub fn len(&self) -> usize {
        match self {
            Self::U8(v) => v.len(),
            Self::F32(v) => v.len(),
        }
    }

    /// Whether there is no pixel.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Labels, one per image.
#[derive(Debug, Clone, PartialEq)]
pub enum Labels {
    /// The digit of each image, 0 to 9.
    Indices(Vec<u8>),
    /// `N x 10` row-major, 1.0 at the digit and 0.0 elsewhere.
    OneHot(Vec<f32>),
}

impl Labels {
    /// The digit of image `i`, whichever the encoding.
    pub fn digit(&self, i: usize) -> Option<u8> {
        match self {
            Self::Indices(v) => v.get(i).copied(),
            Self::OneHot(v) => {
                let row = v.get(i * CLASSES..(i + 1) * CLASSES)?;
                row.iter()
                    .position(|&x| x == 1.0)
                    .and_then(|d| u8::try_from(d).ok())
            }
        }
    }
}

/// Loads the training and test splits from `dir`, which holds the four
/// files raw (`train-images-idx3-ubyte`, ...) or gzip (`...-ubyte.gz`); a
/// raw file is preferred when both are there. Any number of images is
/// accepted, so a small synthetic dataset loads too.
///
/// # Errors
/// [`Error::Missing`] when a file is absent, [`Error::Io`] when it cannot be
/// read, [`Error::Idx`] when it is not valid IDX, [`Error::Mnist`] when it
/// does not hold 28x28 u8 images with one label in 0..10 per image.
pub fn load_mnist(dir: impl AsRef<Path>, options: &LoadOptions) -> Result<Mnist, Error> {
    let dir = dir.as_ref();
    let train = load_split(dir, SplitName::Train, options)?;
    let test = load_split(dir, SplitName::Test, options)?;
    Ok(Mnist { train, test })
}

/// Which split of MNIST.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SplitName {
    /// The training split: [`MnistFile::TRAIN`].
    Train,
    /// The test split: [`MnistFile::TEST`].
    Test,
}

impl SplitName {
    /// Its two files, images then labels.
    pub fn files(self) -> [MnistFile; 2] {
        match self {
            Self::Train => MnistFile::TRAIN,
            Self::Test => MnistFile::TEST,
        }
    }
}

/// Loads one split only, as [`load_mnist`] loads each: a command that
/// needs only the training set reads no test file.
///
/// # Errors
/// As [`load_mnist`], for the split's two files.
pub fn load_split(
    dir: impl AsRef<Path>,
    split: SplitName,
    options: &LoadOptions,
) -> Result<Split, Error> {
    let dir = dir.as_ref();
    let [images, labels] = split.files();
    let images_path = find_file(dir, images.name())?;
    let labels_path = find_file(dir, labels.name())?;
    let pixels = check_images(&images_path, read_idx_file(&images_path)?)?;
    let digits = check_labels(&labels_path, read_idx_file(&labels_path)?)?;
    let n = pixels.len() / PIXELS;
    if digits.len() != n {
        return Err(Error::Mnist {
            path: labels_path,
            expected: format!("{n} labels, one per image of {}", images_path.display()),
            found: format!("{} labels", digits.len()),
        });
    }
    let images = if options.normalize {
        Pixels::F32(pixels.iter().map(|&p| f32::from(p) / 255.0).collect())
    } else {
        Pixels::U8(pixels)
    };
    let labels = if options.one_hot_label {
        let mut one_hot = vec![0.0f32; n * CLASSES];
        for (row, &d) in one_hot.chunks_exact_mut(CLASSES).zip(&digits) {
            row[usize::from(d)] = 1.0;
        }
        Labels::OneHot(one_hot)
    } else {
        Labels::Indices(digits)
    };
    let image_shape = if options.flatten {
        vec![PIXELS]
    } else {
        vec![1, IMAGE_ROWS, IMAGE_COLS]
    };
    Ok(Split {
        images,
        labels,
        image_shape,
    })
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
        expected: "unsigned bytes (type code 0x08)".into(),
        found: format!("type code {:#04x}", array.dtype().code()),
    })
}

/// The pixels of `[n, 28, 28]` u8 images.
fn check_images(path: &Path, array: IdxArray) -> Result<Vec<u8>, Error> {
    check_u8(path, &array)?;
    if !matches!(array.dims(), [_, 28, 28]) {
        return Err(Error::Mnist {
            path: path.to_owned(),
            expected: "28x28 images, sizes [n, 28, 28]".into(),
            found: format!("sizes {:?}", array.dims()),
        });
    }
    Ok(array.into_bytes())
}

/// The digits of `[n]` u8 labels, each below 10.
fn check_labels(path: &Path, array: IdxArray) -> Result<Vec<u8>, Error> {
    check_u8(path, &array)?;
    if array.dims().len() != 1 {
        return Err(Error::Mnist {
            path: path.to_owned(),
            expected: "one label per image, sizes [n]".into(),
            found: format!("sizes {:?}", array.dims()),
        });
    }
    let digits = array.into_bytes();
    if let Some((i, d)) = digits
        .iter()
        .enumerate()
        .find(|&(_, &d)| usize::from(d) >= CLASSES)
    {
        return Err(Error::Mnist {
            path: path.to_owned(),
            expected: "labels 0 to 9".into(),
            found: format!("label {d} at index {i}"),
        });
    }
    Ok(digits)
}
