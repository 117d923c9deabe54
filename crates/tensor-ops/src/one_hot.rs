//! One-hot encoding of class labels (the book's `one_hot_label=True`).

use nalgebra::DMatrix;

use crate::Real;

/// Encodes `labels` as an `(N, classes)` matrix with a 1 in column `labels[n]` of row `n`.
///
/// # Examples
///
/// ```
/// let t = tensor_ops::one_hot::<f64>(&[2, 0], 3);
/// assert_eq!(t.row(0).iter().copied().collect::<Vec<_>>(), [0.0, 0.0, 1.0]);
/// ```
///
/// # Panics
/// If a label is not below `classes` (the message names the label and its index).
pub fn one_hot<T: Real>(labels: &[usize], classes: usize) -> DMatrix<T> {
    let mut t = DMatrix::zeros(labels.len(), classes);
    for (n, &label) in labels.iter().enumerate() {
        assert!(
            label < classes,
            "one_hot: label {label} at index {n} is not below the class count {classes}"
        );
        t[(n, label)] = T::one();
    }
    t
}
