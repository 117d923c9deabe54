//! What the page shows about the served model that takes a pass over the
//! test set (its accuracy, confusion matrix, every mistake, the largest
//! hidden activation): computed once per served model, on first demand,
//! and kept until another model is served.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use nalgebra::DMatrix;
use studies::Mistake;
use twolayer::{Activation, Dataset, TwoLayerNet};

use crate::state::Served;

/// Test images pushed through the network at a time for the hidden scale.
const CHUNK: usize = 1000;

/// The served model judged on the test set.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The name of its run: the directory holding the model file (or the
    /// file's name when it has no parent directory).
    pub run: String,
    /// `matrix[true_label][predicted]` on the test set
    /// (`twolayer::fast::confusion_matrix`).
    pub confusion: Vec<Vec<u64>>,
    /// The fraction of test images predicted right: the trace of
    /// `confusion` over its sum.
    pub test_accuracy: f64,
    /// Every test image it gets wrong, in test-set order.
    pub mistakes: Vec<Mistake>,
    /// The top of the hidden activations' scale: 1 for the sigmoid (its
    /// range is (0, 1)); for ReLU the largest activation over the test
    /// set, `max_{n,j} z1[n, j]`, so that a drawing's activations are
    /// shown on the same absolute scale as any other's.
    pub hidden_max: f32,
    /// Whether every prediction on the test set was a finite number.
    pub finite: bool,
}

impl Summary {
    /// The summary of `net` (loaded from `model`) on `test`.
    pub fn of(net: &TwoLayerNet<f32>, model: &Path, test: &Dataset<'_>) -> Self {
        let confusion = twolayer::fast::confusion_matrix(net, test);
        let right: u64 = (0..confusion.len()).map(|k| confusion[k][k]).sum();
        let total: u64 = confusion.iter().flatten().sum();
        let mistakes = studies::first_misclassified(net, test, usize::MAX);
        let hidden_max = match net.activation {
            Activation::Sigmoid => 1.0,
            Activation::Relu => largest_activation(net, test),
        };
        let finite =
            hidden_max.is_finite() && mistakes.iter().all(|miss| miss.probability.is_finite());
        Self {
            run: run_name(model),
            test_accuracy: if total == 0 {
                0.0
            } else {
                right as f64 / total as f64
            },
            confusion,
            mistakes,
            hidden_max,
            finite,
        }
    }
}

/// `max_{n,j} z1[n, j]` over every sample of `data` (0 for none).
fn largest_activation(net: &TwoLayerNet<f32>, data: &Dataset<'_>) -> f32 {
    let mut largest = 0.0_f32;
    for start in (0..data.len()).step_by(CHUNK) {
        let indices: Vec<usize> = (start..data.len().min(start + CHUNK)).collect();
        let (x, _) = data.batch::<f32>(&indices);
        let z1: DMatrix<f32> = net.hidden(&x);
        largest = z1.iter().fold(largest, |m, &v| m.max(v));
    }
    largest
}

/// The run's name: the model file's directory (`runs/20261207-1412`
/// gives `20261207-1412`).
pub fn run_name(model: &Path) -> String {
    model
        .parent()
        .and_then(Path::file_name)
        .or_else(|| model.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| model.display().to_string())
}

/// The summary of the model served last asked about, kept while it is
/// served.
#[derive(Debug, Default)]
pub struct SummaryCache(Mutex<Option<(Arc<Served>, Arc<Summary>)>>);

impl SummaryCache {
    /// The summary of `served` on `test`: the kept one when `served` is
    /// the model it was computed for, else computed now (a pass over the
    /// test set; call it from a blocking thread) and kept.
    pub fn get(&self, served: &Arc<Served>, test: &Dataset<'_>) -> Arc<Summary> {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((model, summary)) = kept.as_ref()
            && Arc::ptr_eq(model, served)
        {
            return Arc::clone(summary);
        }
        let summary = Arc::new(Summary::of(&served.net, &served.model, test));
        *kept = Some((Arc::clone(served), Arc::clone(&summary)));
        summary
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use rand::rngs::ChaCha12Rng;
    use rand::{RngExt, SeedableRng};

    use super::*;

    #[test]
    fn relu_activations_are_scaled_by_the_largest_on_the_test_set() {
        let mut rng = ChaCha12Rng::seed_from_u64(3);
        let images: Vec<u8> = (0..30 * 784)
            .map(|_| rng.random_range(0..=255_u8))
            .collect();
        let labels: Vec<u8> = (0..30).map(|n| n % 10).collect();
        let test = Dataset::new(&images, &labels, 784, 10).expect("a data set");
        let net = TwoLayerNet::<f32>::new(784, 20, 10, 0.1, Activation::Relu, &mut rng);
        let summary = Summary::of(&net, Path::new("runs/a/model.safetensors"), &test);
        let (x, _) = test.batch::<f32>(&(0..30).collect::<Vec<_>>());
        let largest = net.hidden(&x).max();
        assert!(largest > 0.0);
        assert_eq!(summary.hidden_max, largest);
        assert_eq!(summary.run, "a");
        assert_eq!(summary.confusion.iter().flatten().sum::<u64>(), 30);
        let right: u64 = (0..10).map(|k| summary.confusion[k][k]).sum();
        assert_eq!(summary.mistakes.len() as u64, 30 - right);
        assert_eq!(summary.test_accuracy, right as f64 / 30.0);
    }

    #[test]
    fn the_run_is_named_by_its_directory() {
        assert_eq!(
            run_name(Path::new("runs/2026-12-07/model.safetensors")),
            "2026-12-07"
        );
        assert_eq!(
            run_name(Path::new("model.safetensors")),
            "model.safetensors"
        );
        assert_eq!(run_name(&PathBuf::from("/a/b/c.safetensors")), "b");
    }
}
