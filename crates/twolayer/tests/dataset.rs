//! `Dataset`: validation, conversion of bytes to batches, and evaluation.

use losses::Targets;
use nalgebra::{DMatrix, DVector, dmatrix};
use proptest::prelude::*;
use twolayer::train::{confusion_matrix, evaluate};
use twolayer::{Activation, Dataset, DatasetError, Dimension, Params, TwoLayerNet};

#[test]
fn new_rejects_inconsistent_bytes_with_the_numbers_in_the_message() {
    assert_eq!(Dataset::new(&[], &[], 4, 2), Err(DatasetError::Empty));
    assert_eq!(Dataset::new(&[], &[0], 0, 2), Err(DatasetError::NoFeatures));
    let mismatch = Dataset::new(&[1, 2, 3], &[0, 1], 2, 2).unwrap_err();
    assert_eq!(
        mismatch,
        DatasetError::LengthMismatch {
            inputs: 3,
            labels: 2,
            features: 2
        }
    );
    assert_eq!(
        mismatch.to_string(),
        "3 input bytes do not make 2 samples of 2 features (expected 4 bytes)"
    );
    let label = Dataset::new(&[0; 6], &[1, 0, 3], 2, 3).unwrap_err();
    assert_eq!(
        label,
        DatasetError::LabelOutOfRange {
            index: 2,
            label: 3,
            classes: 3
        }
    );
    assert!(label.to_string().contains("label 3 of sample 2"));
}

#[test]
fn batch_scales_pixels_and_follows_the_indices() {
    let inputs: Vec<u8> = vec![0, 255, 128, 1, 2, 3];
    let data = Dataset::new(&inputs, &[2, 0, 1], 2, 3).unwrap();
    assert_eq!((data.len(), data.features(), data.classes()), (3, 2, 3));
    let (x, t) = data.batch::<f64>(&[1, 0, 1]);
    assert_eq!(
        x,
        dmatrix![128.0 / 255.0, 1.0 / 255.0; 0.0, 1.0; 128.0 / 255.0, 1.0 / 255.0]
    );
    assert_eq!(t, [0, 2, 0]);
    // f32 rounds `pixel / 255` once, as NumPy's float32 division.
    let (x32, _) = data.batch::<f32>(&[0]);
    assert_eq!(x32, dmatrix![0.0_f32, 1.0]);
    assert_eq!(data.batch::<f32>(&[2]).0[(0, 1)], 3.0_f32 / 255.0);
    let (all, labels) = data.all::<f64>();
    assert_eq!(all.shape(), (3, 2));
    assert_eq!(labels, [2, 0, 1]);
}

#[test]
fn batch_into_reuses_and_reshapes_its_buffers() {
    let inputs: Vec<u8> = (0..12).collect();
    let data = Dataset::new(&inputs, &[0, 1, 0, 1], 3, 2).unwrap();
    let mut x = DMatrix::<f32>::zeros(0, 0);
    let mut t = vec![9, 9, 9, 9, 9];
    data.batch_into(&[3, 1], &mut x, &mut t);
    assert_eq!(x.shape(), (2, 3));
    assert_eq!(t, [1, 1]);
    data.batch_into(&[0, 1, 2], &mut x, &mut t);
    assert_eq!((x, t), data.batch(&[0, 1, 2]));
}

#[test]
#[should_panic(expected = "index 4 is out of range for 4 samples")]
fn batch_panics_on_an_index_out_of_range() {
    let inputs = [0; 8];
    Dataset::new(&inputs, &[0; 4], 2, 1)
        .unwrap()
        .batch::<f32>(&[0, 4]);
}

#[test]
fn incompatible_test_sets_are_named() {
    let a = Dataset::new(&[0; 4], &[0, 1], 2, 2).unwrap();
    let b = Dataset::new(&[0; 6], &[0, 1], 3, 2).unwrap();
    let c = Dataset::new(&[0; 4], &[0, 1], 2, 3).unwrap();
    assert!(a.check_compatible(&a).is_ok());
    assert_eq!(
        a.check_compatible(&b),
        Err(DatasetError::Incompatible {
            what: Dimension::Features,
            train: 2,
            test: 3
        })
    );
    assert!(matches!(
        a.check_compatible(&c),
        Err(DatasetError::Incompatible {
            what: Dimension::Classes,
            ..
        })
    ));
}

/// A net that predicts class `argmax(x)` exactly: `W1 = I`, ReLU, `W2 = I`.
fn argmax_net(size: usize) -> TwoLayerNet<f64> {
    let params = Params {
        w1: DMatrix::identity(size, size),
        b1: DVector::zeros(size),
        w2: DMatrix::identity(size, size),
        b2: DVector::zeros(size),
    };
    TwoLayerNet::from_params(params, Activation::Relu)
}

#[test]
fn evaluate_and_confusion_matrix_count_every_chunk() {
    // More samples than one chunk, so that chunk boundaries are crossed.
    let n = twolayer::train::EVAL_CHUNK * 2 + 7;
    let inputs: Vec<u8> = (0..n)
        .flat_map(|i| if i % 3 == 0 { [9, 1, 0] } else { [0, 1, 9] })
        .collect();
    // Labels: 0 for every sample, so the samples predicted 2 are wrong.
    let labels = vec![0_u8; n];
    let data = Dataset::new(&inputs, &labels, 3, 3).unwrap();
    let net = argmax_net(3);
    let right = n.div_ceil(3);
    assert_eq!(evaluate(&net, &data), right as f64 / n as f64);
    let matrix = confusion_matrix(&net, &data);
    assert_eq!(
        matrix,
        vec![
            vec![right as u64, 0, (n - right) as u64],
            vec![0; 3],
            vec![0; 3]
        ]
    );
    // The same as `accuracy` on the whole set at once.
    let (x, t) = data.all::<f64>();
    assert_eq!(net.accuracy(&x, Targets::Labels(&t)), evaluate(&net, &data));
}

proptest! {
    #[test]
    fn new_never_panics_and_accepts_exactly_the_consistent_inputs(
        inputs in proptest::collection::vec(any::<u8>(), 0..40),
        labels in proptest::collection::vec(0_u8..6, 0..10),
        features in 0_usize..6,
        classes in 0_usize..6,
    ) {
        let consistent = features > 0
            && !labels.is_empty()
            && inputs.len() == labels.len() * features
            && labels.iter().all(|&l| usize::from(l) < classes);
        let data = Dataset::new(&inputs, &labels, features, classes);
        prop_assert_eq!(data.is_ok(), consistent);
        if let Ok(data) = data {
            let (x, t) = data.all::<f32>();
            prop_assert_eq!(x.shape(), (labels.len(), features));
            prop_assert!(x.iter().all(|&v| (0.0..=1.0).contains(&v)));
            prop_assert_eq!(t, labels.iter().map(|&l| usize::from(l)).collect::<Vec<_>>());
        }
    }
}
