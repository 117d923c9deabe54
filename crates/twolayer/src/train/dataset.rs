//! A labelled data set kept as compact bytes, converted to floats one batch at a time.

use nalgebra::DMatrix;
use tensor_ops::Real;

/// Why bytes do not form a [`Dataset`], or two data sets do not fit together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatasetError {
    /// There are no samples.
    #[error("the data set is empty: there are no labels")]
    Empty,
    /// A sample must have at least one feature.
    #[error("a sample must have at least one feature, found 0")]
    NoFeatures,
    /// `inputs.len()` is not `labels.len() * features`.
    #[error(
        "{inputs} input bytes do not make {labels} samples of {features} features \
         (expected {} bytes)",
        labels.saturating_mul(*features)
    )]
    LengthMismatch {
        /// The number of input bytes.
        inputs: usize,
        /// The number of labels.
        labels: usize,
        /// Features per sample.
        features: usize,
    },
    /// A label is not below the number of classes.
    #[error("label {label} of sample {index} is not below the class count {classes}")]
    LabelOutOfRange {
        /// The sample.
        index: usize,
        /// Its label.
        label: u8,
        /// The number of classes.
        classes: usize,
    },
    /// The training and test sets disagree in features or classes.
    #[error("the training set has {train} {what} but the test set has {test}")]
    Incompatible {
        /// What differs: the features or the classes.
        what: Dimension,
        /// The training set's count.
        train: usize,
        /// The test set's count.
        test: usize,
    },
}

/// A size that the training and test sets must share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// The features per sample (784 pixels for MNIST).
    Features,
    /// The number of classes (10 digits for MNIST).
    Classes,
}

impl std::fmt::Display for Dimension {
    /// "features" or "classes", as the error messages say it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Features => "features",
            Self::Classes => "classes",
        })
    }
}

/// Samples as bytes, the way MNIST stores them: `inputs` row-major
/// `(N, features)` (one pixel per byte), `labels` `(N,)` below `classes`.
///
/// Sixty thousand MNIST images take 47 MB as bytes but 188 MB as `f32`; the
/// network only ever sees a batch, converted by [`batch`](Self::batch) as the
/// book's `normalize=True`: `x = pixel / 255` in `[0, 1]`.
///
/// # Examples
///
/// ```
/// use twolayer::Dataset;
/// let inputs = [0, 255, 51, 102];
/// let data = Dataset::new(&inputs, &[1, 0], 2, 2).unwrap();
/// let (x, t) = data.batch::<f32>(&[1, 1, 0]);
/// assert_eq!(x.row(0).iter().copied().collect::<Vec<_>>(), [0.2, 0.4]);
/// assert_eq!(x.row(2).iter().copied().collect::<Vec<_>>(), [0.0, 1.0]);
/// assert_eq!(t, [0, 0, 1]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dataset<'a> {
    inputs: &'a [u8],
    labels: &'a [u8],
    features: usize,
    classes: usize,
}

impl<'a> Dataset<'a> {
    /// Checks and wraps the bytes: `inputs.len() == labels.len() * features`,
    /// at least one sample and one feature, and every label below `classes`.
    pub fn new(
        inputs: &'a [u8],
        labels: &'a [u8],
        features: usize,
        classes: usize,
    ) -> Result<Self, DatasetError> {
        if features == 0 {
            return Err(DatasetError::NoFeatures);
        }
        if labels.is_empty() {
            return Err(DatasetError::Empty);
        }
        if labels.len().checked_mul(features) != Some(inputs.len()) {
            return Err(DatasetError::LengthMismatch {
                inputs: inputs.len(),
                labels: labels.len(),
                features,
            });
        }
        if let Some((index, &label)) = labels
            .iter()
            .enumerate()
            .find(|&(_, &label)| usize::from(label) >= classes)
        {
            return Err(DatasetError::LabelOutOfRange {
                index,
                label,
                classes,
            });
        }
        Ok(Self {
            inputs,
            labels,
            features,
            classes,
        })
    }

    /// The number of samples `N` (at least 1).
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Always `false`: [`new`](Self::new) refuses empty data sets.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Features per sample (784 for MNIST).
    pub fn features(&self) -> usize {
        self.features
    }

    /// The number of classes (10 for MNIST).
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// The raw input bytes, row-major `(N, features)`.
    pub fn inputs(&self) -> &'a [u8] {
        self.inputs
    }

    /// The raw labels, `(N,)`.
    pub fn labels(&self) -> &'a [u8] {
        self.labels
    }

    /// Samples `indices` (repeats allowed) as `x: (indices.len(), features)`
    /// scaled to `[0, 1]`, and their labels: the book's
    /// `x_train[batch_mask], t_train[batch_mask]`.
    ///
    /// # Panics
    /// If an index is not below [`len`](Self::len).
    pub fn batch<T: Real>(&self, indices: &[usize]) -> (DMatrix<T>, Vec<usize>) {
        let mut x = DMatrix::zeros(indices.len(), self.features);
        let mut t = Vec::with_capacity(indices.len());
        self.batch_into(indices, &mut x, &mut t);
        (x, t)
    }

    /// [`batch`](Self::batch) into existing buffers: `x` is reallocated only
    /// if its shape is not `(indices.len(), features)`, `t` is overwritten.
    ///
    /// # Panics
    /// If an index is not below [`len`](Self::len).
    pub fn batch_into<T: Real>(&self, indices: &[usize], x: &mut DMatrix<T>, t: &mut Vec<usize>) {
        if let Some(&i) = indices.iter().find(|&&i| i >= self.len()) {
            panic!(
                "Dataset::batch: index {i} is out of range for {} samples",
                self.len()
            );
        }
        let n = indices.len();
        if x.shape() != (n, self.features) {
            *x = DMatrix::zeros(n, self.features);
        }
        let scale = pixel_table::<T>();
        // `x` is column-major: element (row, feature) is at feature * n + row.
        // Rows go in blocks of 64 so that each feature's writes fill whole
        // cache lines while the block's input rows stay in cache (filling one
        // row at a time writes to `features` different lines per row).
        const BLOCK: usize = 64;
        let out = x.as_mut_slice();
        for (b, block) in indices.chunks(BLOCK).enumerate() {
            for feature in 0..self.features {
                let column = &mut out[feature * n + b * BLOCK..][..block.len()];
                for (value, &i) in column.iter_mut().zip(block) {
                    *value = scale[usize::from(self.inputs[i * self.features + feature])];
                }
            }
        }
        t.clear();
        t.extend(indices.iter().map(|&i| usize::from(self.labels[i])));
    }

    /// Every sample, in order, as [`batch`](Self::batch) would give them.
    /// For MNIST's training set this is a 188 MB `f32` matrix: prefer batches.
    pub fn all<T: Real>(&self) -> (DMatrix<T>, Vec<usize>) {
        let indices: Vec<usize> = (0..self.len()).collect();
        self.batch(&indices)
    }

    /// Checks that `test` has the features and classes of `self`.
    pub fn check_compatible(&self, test: &Dataset<'_>) -> Result<(), DatasetError> {
        for (what, train, test) in [
            (Dimension::Features, self.features, test.features),
            (Dimension::Classes, self.classes, test.classes),
        ] {
            if train != test {
                return Err(DatasetError::Incompatible { what, train, test });
            }
        }
        Ok(())
    }
}

/// `pixel / 255` for every byte value, rounded once to `T` (NumPy's
/// `x.astype(np.float32) / 255.0` in `f32`).
fn pixel_table<T: Real>() -> [T; 256] {
    let max = T::cast(255.0);
    std::array::from_fn(|pixel| T::cast(pixel as f64) / max)
}
