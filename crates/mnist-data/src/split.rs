//! What a loaded split holds: `u8` images of one size and their digits,
//! with the conversions a trainer needs (`f32` in [0, 1], one-hot rows,
//! nalgebra matrices), none of which can fail.

use nalgebra::DMatrix;

/// Images as the files store them: `len() x rows x cols` unsigned bytes,
/// row-major.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Images {
    rows: usize,
    cols: usize,
    pixels: Vec<u8>,
}

impl Images {
    /// Images of `rows x cols` from their pixels, `None` unless
    /// `pixels.len()` is a multiple of `rows * cols` (and that is not 0).
    pub fn new(rows: usize, cols: usize, pixels: Vec<u8>) -> Option<Self> {
        let size = rows.checked_mul(cols).filter(|&s| s > 0)?;
        pixels
            .len()
            .is_multiple_of(size)
            .then_some(Self { rows, cols, pixels })
    }

    /// The number of images.
    pub fn len(&self) -> usize {
        self.pixels.len() / self.pixels_per_image()
    }

    /// Whether there is no image.
    pub fn is_empty(&self) -> bool {
        self.pixels.is_empty()
    }

    /// Rows of one image (28 for MNIST).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Columns of one image (28 for MNIST).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Pixels of one image, `rows x cols` (784 for MNIST).
    pub fn pixels_per_image(&self) -> usize {
        self.rows * self.cols
    }

    /// Every pixel, 0 to 255, image after image, each row-major: what
    /// twolayer's `Dataset::new` takes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.pixels
    }

    /// The pixels of image `i`, row-major.
    pub fn image(&self, i: usize) -> Option<&[u8]> {
        let size = self.pixels_per_image();
        self.pixels.get(i * size..(i + 1) * size)
    }

    /// Every pixel as `p / 255` in [0, 1], one flattened row per image: the
    /// book's `normalize=True, flatten=True`.
    pub fn to_f32(&self) -> Vec<f32> {
        self.pixels.iter().map(|&p| f32::from(p) / 255.0).collect()
    }

    /// The same values as [`to_f32`](Self::to_f32), as a `len() x (rows *
    /// cols)` matrix: one image per row.
    pub fn to_matrix(&self) -> DMatrix<f32> {
        DMatrix::from_row_iterator(
            self.len(),
            self.pixels_per_image(),
            self.pixels.iter().map(|&p| f32::from(p) / 255.0),
        )
    }
}

/// One label per image: the digit (class index) of each, below the class count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    classes: usize,
    digits: Vec<u8>,
}

impl Labels {
    /// Labels below `classes`, `None` when one is not.
    pub fn new(classes: usize, digits: Vec<u8>) -> Option<Self> {
        digits
            .iter()
            .all(|&d| usize::from(d) < classes)
            .then_some(Self { classes, digits })
    }

    /// The number of labels.
    pub fn len(&self) -> usize {
        self.digits.len()
    }

    /// Whether there is no label.
    pub fn is_empty(&self) -> bool {
        self.digits.is_empty()
    }

    /// The number of classes (10 for MNIST).
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// The digit of each image: what twolayer's `Dataset::new` takes.
    pub fn digits(&self) -> &[u8] {
        &self.digits
    }

    /// One-hot rows, `len() x classes` row-major: 1.0 at the digit, 0.0
    /// elsewhere (the book's `one_hot_label=True`).
    pub fn one_hot(&self) -> Vec<f32> {
        let mut rows = vec![0.0; self.digits.len() * self.classes];
        for (row, &d) in rows.chunks_exact_mut(self.classes).zip(&self.digits) {
            row[usize::from(d)] = 1.0;
        }
        rows
    }

    /// The same values as [`one_hot`](Self::one_hot), as a `len() x classes` matrix.
    pub fn one_hot_matrix(&self) -> DMatrix<f32> {
        DMatrix::from_row_slice(self.len(), self.classes, &self.one_hot())
    }
}

/// The images and labels of one split, as many of each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The images.
    pub images: Images,
    /// The label of each image.
    pub labels: Labels,
}

impl Split {
    /// The number of images (and labels).
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the split holds no image.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

/// The training and test splits of MNIST (or of a data set in its form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mnist {
    /// The training split (60,000 images in the real data).
    pub train: Split,
    /// The test split (10,000 images in the real data).
    pub test: Split,
}
