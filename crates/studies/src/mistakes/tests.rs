//! The mistakes of a random network on a small synthetic test set agree
//! with its confusion matrix.

use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::fast::confusion_matrix;
use twolayer::{Activation, Dataset, TwoLayerNet};

use super::*;

/// 300 "images" of 784 bytes and their labels.
fn synthetic() -> (Vec<u8>, Vec<u8>) {
    let inputs = (0..300 * 784)
        .map(|i| ((i * 37 + i / 784 * 11) % 256) as u8)
        .collect();
    let labels = (0..300).map(|n| (n % 10) as u8).collect();
    (inputs, labels)
}

fn net() -> TwoLayerNet<f32> {
    let mut rng = ChaCha12Rng::seed_from_u64(3);
    TwoLayerNet::new(784, 50, 10, 0.1, Activation::Sigmoid, &mut rng)
}

#[test]
fn the_misses_are_the_first_wrong_predictions_in_order() -> Result<(), Box<dyn std::error::Error>> {
    let (inputs, labels) = synthetic();
    let test = Dataset::new(&inputs, &labels, 784, 10)?;
    let net = net();
    let all = first_misclassified(&net, &test, usize::MAX);
    let matrix = confusion_matrix(&net, &test);
    let wrong: u64 = (0..10)
        .map(|k| matrix[k].iter().sum::<u64>() - matrix[k][k])
        .sum();
    assert_eq!(all.len() as u64, wrong);
    assert!(all.len() >= 64, "the picture's 64 are there: {}", all.len());
    assert!(all.windows(2).all(|w| w[0].index < w[1].index));
    for miss in &all {
        assert_ne!(miss.label, miss.predicted);
        assert_eq!(miss.label, usize::from(labels[miss.index]));
        assert!(miss.probability > 0.0 && miss.probability <= 1.0);
    }
    assert_eq!(first_misclassified(&net, &test, 5), all[..5]);
    assert!(first_misclassified(&net, &test, 0).is_empty());
    let first = all[0].index;
    assert_eq!(
        image(&test, first),
        Some(&inputs[first * 784..(first + 1) * 784])
    );
    assert_eq!(image(&test, 300), None);
    Ok(())
}
