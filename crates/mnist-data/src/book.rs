//! The book's `dataset/mnist.py`: `load_mnist(normalize, flatten,
//! one_hot_label)` line for line, for learners who follow the book, built
//! on the typed [`load`](crate::load).

use std::path::Path;

use crate::error::Error;
use crate::split::Split;

/// A NumPy-like array as the book's `load_mnist` returns: a shape and its
/// values, row-major, as `f32` (pixels 0 to 255 are exact when not
/// normalized; digits and one-hot values are exact too).
#[derive(Debug, Clone, PartialEq)]
pub struct BookArray {
    /// The shape, e.g. `[60000, 784]`, `[60000, 1, 28, 28]` or `[60000]`.
    pub shape: Vec<usize>,
    /// The values, row-major.
    pub data: Vec<f32>,
}

/// The book's `(x_train, t_train), (x_test, t_test)`.
pub type BookSplits = ((BookArray, BookArray), (BookArray, BookArray));

/// The book's `load_mnist(normalize=True, flatten=True,
/// one_hot_label=False)` (section 3.6.1) on the files in `dir`:
/// `normalize` gives pixels `p / 255` in [0, 1] (else 0 to 255),
/// `flatten` gives each image as 784 values (else `1 x 28 x 28`),
/// `one_hot_label` gives labels as rows of 10 (else digits).
///
/// Prefer [`load`](crate::load) in new code: its types say what they hold.
///
/// # Examples
///
/// ```no_run
/// use mnist_data::load_mnist;
/// let ((x_train, t_train), (x_test, t_test)) = load_mnist("data/mnist", true, true, false)?;
/// assert_eq!(x_train.shape, [60000, 784]);
/// assert_eq!(t_test.shape, [10000]);
/// # let _ = (t_train, x_test);
/// # Ok::<(), mnist_data::Error>(())
/// ```
///
/// # Errors
/// As [`load`](crate::load).
pub fn load_mnist(
    dir: impl AsRef<Path>,
    normalize: bool,
    flatten: bool,
    one_hot_label: bool,
) -> Result<BookSplits, Error> {
    let mnist = crate::load(dir)?;
    let arrays = |split: &Split| {
        let images = &split.images;
        let n = images.len();
        let x = BookArray {
            shape: if flatten {
                vec![n, images.pixels_per_image()]
            } else {
                vec![n, 1, images.rows(), images.cols()]
            },
            data: if normalize {
                images.to_f32()
            } else {
                images.as_bytes().iter().map(|&p| f32::from(p)).collect()
            },
        };
        let labels = &split.labels;
        let t = if one_hot_label {
            BookArray {
                shape: vec![n, labels.classes()],
                data: labels.one_hot(),
            }
        } else {
            BookArray {
                shape: vec![n],
                data: labels.digits().iter().map(|&d| f32::from(d)).collect(),
            }
        };
        (x, t)
    };
    Ok((arrays(&mnist.train), arrays(&mnist.test)))
}
