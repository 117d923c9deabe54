//! The test images a trained network gets wrong, in test-set order, with
//! what it predicted and how sure it was: the data of `misclassified.svg`
//! and of the page's misclassified view (the book's section 4.5.3 judges
//! the network on the test data; these are the images behind its error).

use tensor_ops::{argmax_rows, softmax_rows};
use twolayer::{Dataset, TwoLayerNet};

/// Test images predicted at a time while looking for mistakes.
const CHUNK: usize = 1000;

/// One image the network gets wrong.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mistake {
    /// Its index in the data set.
    pub index: usize,
    /// Its true label.
    pub label: usize,
    /// The network's prediction: `argmax_k y_k`, the highest score.
    pub predicted: usize,
    /// How sure the network is of it: `y_predicted`, where
    /// `y = softmax(predict(x))`.
    pub probability: f32,
}

/// The first `n` samples of `data`, in order, whose prediction
/// `argmax(predict(x))` is not their label (fewer when the network gets
/// fewer wrong; `usize::MAX` for all of them).
///
/// # Panics
/// If `net`'s input size is not `data.features()`.
pub fn first_misclassified(net: &TwoLayerNet<f32>, data: &Dataset<'_>, n: usize) -> Vec<Mistake> {
    let mut mistakes = Vec::new();
    if n == 0 {
        return mistakes;
    }
    for start in (0..data.len()).step_by(CHUNK) {
        let indices: Vec<usize> = (start..data.len().min(start + CHUNK)).collect();
        let (x, t) = data.batch::<f32>(&indices);
        let y = softmax_rows(&net.predict(&x));
        let predicted = argmax_rows(&y);
        for (row, (&label, &guess)) in t.iter().zip(&predicted).enumerate() {
            if label != guess {
                mistakes.push(Mistake {
                    index: indices[row],
                    label,
                    predicted: guess,
                    probability: y[(row, guess)],
                });
                if mistakes.len() == n {
                    return mistakes;
                }
            }
        }
    }
    mistakes
}

/// The pixels of sample `index` of `data` (`data.features()` bytes), or
/// `None` past its end.
pub fn image<'a>(data: &Dataset<'a>, index: usize) -> Option<&'a [u8]> {
    let n = data.features();
    data.inputs().get(index * n..(index + 1) * n)
}

#[cfg(test)]
mod tests;
