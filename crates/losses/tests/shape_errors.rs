//! Shape mismatches and empty batches panic with a message naming the shapes.

use losses::{
    Targets, cross_entropy_error, cross_entropy_error_labels, cross_entropy_error_sample,
    cross_entropy_error_sample_label, softmax_with_loss, sum_squares_error,
};
use nalgebra::{DMatrix, DVector};

#[test]
#[should_panic(expected = "sum_squares_error: y is (10, 1) but t is (9, 1)")]
fn sum_squares_error_names_both_shapes() {
    sum_squares_error(&DVector::<f64>::zeros(10), &DVector::zeros(9));
}

#[test]
fn sum_squares_error_of_nothing_is_zero() {
    assert_eq!(
        sum_squares_error(&DVector::<f64>::zeros(0), &DVector::zeros(0)),
        0.0
    );
}

#[test]
#[should_panic(expected = "cross_entropy_error_sample: y is (10,) but t is (3,)")]
fn cross_entropy_error_sample_names_both_lengths() {
    cross_entropy_error_sample(&DVector::<f64>::zeros(10), &DVector::zeros(3));
}

#[test]
#[should_panic(
    expected = "cross_entropy_error_sample_label: label 10 is not below the class count 10"
)]
fn cross_entropy_error_sample_label_rejects_a_label_out_of_range() {
    cross_entropy_error_sample_label(&DVector::<f64>::zeros(10), 10);
}

#[test]
#[should_panic(expected = "y is (2, 10) but the one-hot t is (2, 9)")]
fn cross_entropy_error_names_both_shapes() {
    cross_entropy_error(&DMatrix::<f64>::zeros(2, 10), &DMatrix::zeros(2, 9));
}

#[test]
#[should_panic(expected = "y is (3, 10) but there are 2 labels")]
fn cross_entropy_error_labels_counts_the_labels() {
    cross_entropy_error_labels(&DMatrix::<f64>::zeros(3, 10), &[1, 2]);
}

#[test]
#[should_panic(expected = "label 3 at index 1 is not below the class count 3 of y (2, 3)")]
fn cross_entropy_error_labels_rejects_a_label_out_of_range() {
    cross_entropy_error_labels(&DMatrix::<f64>::zeros(2, 3), &[0, 3]);
}

#[test]
#[should_panic(expected = "y is (0, 10), an empty batch has no mean loss")]
fn an_empty_batch_has_no_mean_loss() {
    cross_entropy_error(&DMatrix::<f64>::zeros(0, 10), &DMatrix::zeros(0, 10));
}

#[test]
#[should_panic(expected = "y is (2, 0), an empty batch has no mean loss")]
fn samples_without_classes_have_no_loss() {
    cross_entropy_error(&DMatrix::<f64>::zeros(2, 0), &DMatrix::zeros(2, 0));
}

#[test]
#[should_panic(expected = "y is (0, 3), an empty batch has no mean loss")]
fn softmax_with_loss_of_an_empty_batch_panics() {
    softmax_with_loss(&DMatrix::<f64>::zeros(0, 3), Targets::Labels(&[]));
}
