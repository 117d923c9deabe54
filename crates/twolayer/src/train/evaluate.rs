//! Accuracy and confusion matrix over a whole data set, the book's way:
//! chunks of samples as dense matrices through [`TwoLayerNet::predict`].

use nalgebra::DMatrix;
use tensor_ops::Real;

use super::Dataset;
use crate::TwoLayerNet;

/// Samples converted and predicted at a time by [`evaluate`]: large enough
/// for fast matrix products, small enough that MNIST's training set is never
/// held as floats (1,000 x 784 `f32` is 3 MB; all 60,000 would be 188 MB).
pub const EVAL_CHUNK: usize = 1000;

/// The accuracy of `net` on every sample of `data`: the fraction whose
/// highest score is the label (the book's `network.accuracy(x_train, t_train)`),
/// `EVAL_CHUNK` samples at a time converted to a dense matrix and put
/// through [`TwoLayerNet::predict`].
///
/// # Panics
/// If `net`'s input size is not `data.features()`, or its output size is not
/// `data.classes()`.
pub fn evaluate<T: Real>(net: &TwoLayerNet<T>, data: &Dataset<'_>) -> f64 {
    accuracy(&confusion_matrix(net, data), data.len())
}

/// The confusion matrix of `net` on `data`: `matrix[true_label][predicted]`
/// counts the samples, a `classes x classes` table whose diagonal holds the
/// correct predictions. Computed as [`evaluate`] computes the accuracy.
///
/// # Panics
/// As [`evaluate`].
pub fn confusion_matrix<T: Real>(net: &TwoLayerNet<T>, data: &Dataset<'_>) -> Vec<Vec<u64>> {
    check_fits(net, data);
    let classes = data.classes();
    let mut matrix = vec![vec![0_u64; classes]; classes];
    let mut x = DMatrix::zeros(0, 0);
    let mut labels = Vec::new();
    let mut indices = Vec::with_capacity(EVAL_CHUNK);
    for start in (0..data.len()).step_by(EVAL_CHUNK) {
        indices.clear();
        indices.extend(start..data.len().min(start + EVAL_CHUNK));
        data.batch_into(&indices, &mut x, &mut labels);
        let predicted = tensor_ops::argmax_rows(&net.predict(&x));
        for (&label, &predicted) in labels.iter().zip(&predicted) {
            matrix[label][predicted] += 1;
        }
    }
    matrix
}

/// The diagonal's share of the `samples` counted in `matrix`.
pub(crate) fn accuracy(matrix: &[Vec<u64>], samples: usize) -> f64 {
    let correct: u64 = matrix.iter().enumerate().map(|(k, row)| row[k]).sum();
    correct as f64 / samples as f64
}

/// Panics unless `net` takes `data`'s features and predicts its classes.
pub(crate) fn check_fits<T: Real>(net: &TwoLayerNet<T>, data: &Dataset<'_>) {
    let (input, _, output) = net.dims();
    assert_eq!(
        input,
        data.features(),
        "evaluate: the network takes {input} inputs but the data set has {} features",
        data.features()
    );
    assert_eq!(
        output,
        data.classes(),
        "evaluate: the network has {output} outputs but the data set has {} classes",
        data.classes()
    );
}
