//! The final accuracies of a finished run, measured in parts so that a
//! request to stop (Ctrl-C) is heeded within a part, not after the whole
//! training set (minutes at a large hidden layer).

use std::sync::atomic::{AtomicBool, Ordering};

use twolayer::fast::confusion_matrix;
use twolayer::{Dataset, TwoLayerNet};

/// Samples per part: eight of the fast evaluation's chunks, a few
/// milliseconds at the book's size, enough to keep every core busy.
const PART: usize = 8192;

/// The accuracies of `net` on `train` and `test`, `fast::evaluate`'s
/// numbers (correct predictions / samples), or `None` once `stop` is set:
/// it is checked before each part of 8192 samples.
///
/// # Panics
/// If `net` does not take the data sets' features or predict their classes.
pub fn final_accuracies(
    net: &TwoLayerNet<f32>,
    train: &Dataset<'_>,
    test: &Dataset<'_>,
    stop: &AtomicBool,
) -> Option<(f64, f64)> {
    Some((
        accuracy_unless_stopped(net, train, stop)?,
        accuracy_unless_stopped(net, test, stop)?,
    ))
}

/// The share of `data` that `net` predicts right, part by part.
fn accuracy_unless_stopped(
    net: &TwoLayerNet<f32>,
    data: &Dataset<'_>,
    stop: &AtomicBool,
) -> Option<f64> {
    let (features, classes) = (data.features(), data.classes());
    let mut correct = 0u64;
    for start in (0..data.len()).step_by(PART) {
        if stop.load(Ordering::SeqCst) {
            return None;
        }
        let end = data.len().min(start + PART);
        let inputs = &data.inputs()[start * features..end * features];
        let part = Dataset::new(inputs, &data.labels()[start..end], features, classes)
            .expect("a slice of a valid data set is valid");
        let matrix = confusion_matrix(net, &part);
        correct += matrix
            .iter()
            .enumerate()
            .map(|(k, row)| row[k])
            .sum::<u64>();
    }
    Some(correct as f64 / data.len() as f64)
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::ChaCha12Rng;
    use twolayer::Activation;

    use super::*;

    #[test]
    fn parts_add_up_to_the_whole_and_a_stop_is_heeded() {
        let len = 2 * PART + 5;
        let inputs: Vec<u8> = (0..len * 4).map(|i| (i * 37 % 256) as u8).collect();
        let labels: Vec<u8> = (0..len).map(|n| (n % 3) as u8).collect();
        let data = Dataset::new(&inputs, &labels, 4, 3).expect("valid");
        let net = TwoLayerNet::new(
            4,
            6,
            3,
            1.0,
            Activation::Relu,
            &mut ChaCha12Rng::seed_from_u64(1),
        );
        let whole = twolayer::fast::evaluate(&net, &data);
        let stop = AtomicBool::new(false);
        assert_eq!(
            final_accuracies(&net, &data, &data, &stop),
            Some((whole, whole))
        );
        stop.store(true, Ordering::SeqCst);
        assert_eq!(final_accuracies(&net, &data, &data, &stop), None);
    }
}
