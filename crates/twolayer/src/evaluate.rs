//! Accuracy and confusion matrix over a whole data set, a chunk at a time.

use nalgebra::DMatrix;
use tensor_ops::Real;

use crate::{Dataset, TwoLayerNet};

/// Samples converted and predicted at a time: large enough for fast matrix
/// products, small enough that MNIST's training set is never held as floats
/// (1,000 x 784 `f32` is 3 MB; all 60,000 would be 188 MB).
pub const EVAL_CHUNK: usize = 1000;

/// The accuracy of `net` on every sample of `data`: the fraction whose
/// highest score is the label (the book's `network.accuracy(x_train, t_train)`).
///
/// # Panics
/// If `net`'s input size is not `data.features()`, or a label is not below
/// its output size.
pub fn evaluate<T: Real>(net: &TwoLayerNet<T>, data: &Dataset<'_>) -> f64 {
    let mut correct = 0_usize;
    for_each_prediction(net, data, |label, predicted| {
        correct += usize::from(label == predicted);
    });
    correct as f64 / data.len() as f64
}

/// The confusion matrix of `net` on `data`: `matrix[true_label][predicted]`
/// counts the samples, a `classes x classes` table whose diagonal holds the
/// correct predictions.
///
/// # Panics
/// As [`evaluate`].
pub fn confusion_matrix<T: Real>(net: &TwoLayerNet<T>, data: &Dataset<'_>) -> Vec<Vec<u64>> {
    let classes = data.classes();
    let mut matrix = vec![vec![0_u64; classes]; classes];
    for_each_prediction(net, data, |label, predicted| {
        matrix[label][predicted] += 1;
    });
    matrix
}

/// Calls `f(label, predicted)` for every sample, in order.
fn for_each_prediction<T: Real>(
    net: &TwoLayerNet<T>,
    data: &Dataset<'_>,
    mut f: impl FnMut(usize, usize),
) {
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
    let mut x = DMatrix::zeros(0, 0);
    let mut labels = Vec::new();
    let mut indices = Vec::with_capacity(EVAL_CHUNK);
    for start in (0..data.len()).step_by(EVAL_CHUNK) {
        indices.clear();
        indices.extend(start..data.len().min(start + EVAL_CHUNK));
        data.batch_into(&indices, &mut x, &mut labels);
        let predicted = tensor_ops::argmax_rows(&net.predict(&x));
        for (&label, &predicted) in labels.iter().zip(&predicted) {
            f(label, predicted);
        }
    }
}
