//! The two ways the book gives correct answers: one-hot rows or label indices.

use nalgebra::DMatrix;
use tensor_ops::Real;

/// The correct answers `t` for a batch of `N` samples over `C` classes.
///
/// # Examples
///
/// ```
/// use nalgebra::dmatrix;
/// use losses::Targets;
/// let one_hot = dmatrix![0.0_f64, 1.0; 1.0, 0.0];
/// let (a, b) = (Targets::OneHot(&one_hot), Targets::<f64>::Labels(&[1, 0]));
/// assert_eq!((a.label(0), b.label(0)), (1, 1));
/// let y = dmatrix![0.2, 0.8; 0.4, 0.6];
/// assert_eq!((a.accuracy(&y), b.accuracy(&y)), (0.5, 0.5));
/// ```
#[derive(Debug, Clone, Copy)]
pub enum Targets<'a, T> {
    /// One-hot rows, `t: (N, C)` (`one_hot_label=True` in the book).
    OneHot(&'a DMatrix<T>),
    /// Class indices, `t: (N,)` with every label below `C`.
    Labels(&'a [usize]),
}

impl<T: Real> Targets<'_, T> {
    /// The number of samples `N`.
    pub fn len(&self) -> usize {
        match self {
            Targets::OneHot(t) => t.nrows(),
            Targets::Labels(t) => t.len(),
        }
    }

    /// Whether there are no samples.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The correct class of sample `n`: its label, or the argmax of its one-hot row.
    ///
    /// # Panics
    /// If `n` is not below [`len`](Self::len).
    pub fn label(&self, n: usize) -> usize {
        match self {
            Targets::OneHot(t) => tensor_ops::argmax(t.row(n).iter().copied()),
            Targets::Labels(t) => t[n],
        }
    }

    /// The fraction of the `N` samples whose highest score in `y: (N, C)`
    /// is the correct class: the book's
    /// `np.sum(np.argmax(y, axis=1) == t) / float(x.shape[0])`.
    ///
    /// # Panics
    /// As [`assert_fits`](Self::assert_fits), or if the batch is empty (a
    /// share of nothing has no value).
    #[track_caller]
    pub fn accuracy(&self, y: &DMatrix<T>) -> f64 {
        self.assert_fits(y);
        assert!(!self.is_empty(), "the batch is empty: y is {:?}", y.shape());
        let correct = tensor_ops::argmax_rows(y)
            .iter()
            .enumerate()
            .filter(|&(n, &predicted)| predicted == self.label(n))
            .count();
        correct as f64 / self.len() as f64
    }

    /// Checks that the targets fit predictions `y: (N, C)`.
    ///
    /// # Panics
    /// If the shapes differ or a label is not below `C`; the message names
    /// both shapes, the location the caller.
    #[track_caller]
    pub fn assert_fits(&self, y: &DMatrix<T>) {
        match self {
            Targets::OneHot(t) => assert_eq!(
                y.shape(),
                t.shape(),
                "y is {:?} but the one-hot t is {:?}",
                y.shape(),
                t.shape()
            ),
            Targets::Labels(t) => {
                assert_eq!(
                    y.nrows(),
                    t.len(),
                    "y is {:?} but there are {} labels",
                    y.shape(),
                    t.len()
                );
                if let Some((n, &label)) = t.iter().enumerate().find(|&(_, &l)| l >= y.ncols()) {
                    panic!(
                        "label {label} at index {n} is not below the class count {} of y {:?}",
                        y.ncols(),
                        y.shape()
                    );
                }
            }
        }
    }
}
