//! Softmax of a vector and of each row, against the book's printed values.

use nalgebra::{DMatrix, DVector, dmatrix, dvector};
use tensor_ops::testing::{NUMPY_FIXED, NUMPY_SCIENTIFIC, Tolerance, assert_close};
use tensor_ops::{softmax, softmax_rows, softmax_rows_mut};

/// A sum of three probabilities is 1 up to a few roundings.
const SUM_ROUNDING: Tolerance = Tolerance::absolute(1e-15);

// >>> a = np.array([0.3, 2.9, 4.0])
// >>> y = softmax(a)
// >>> print(y)
// [ 0.01821127  0.24519181  0.73659691]
// >>> np.sum(y)
// 1.0
#[test]
fn softmax_matches_the_book() {
    let y = softmax(&dvector![0.3_f64, 2.9, 4.0]);
    assert_close(&y, [0.01821127, 0.24519181, 0.73659691], NUMPY_FIXED);
    assert_close(y.sum(), 1.0, SUM_ROUNDING);
}

// >>> a = np.array([1010, 1000, 990])
// >>> np.exp(a) / np.sum(np.exp(a))
// array([ nan,  nan,  nan])
// >>> c = np.max(a)
// >>> np.exp(a - c) / np.sum(np.exp(a - c))
// array([  9.99954600e-01,   4.53978686e-05,   2.06106005e-09])
#[test]
fn softmax_subtracts_the_max_against_overflow() {
    let a = dvector![1010.0_f64, 1000.0, 990.0];
    let naive = a.map(f64::exp) / a.map(f64::exp).sum();
    assert!(naive.iter().all(|v| v.is_nan()));
    let expected = [9.99954600e-01, 4.53978686e-05, 2.06106005e-09];
    assert_close(softmax(&a), expected, NUMPY_SCIENTIFIC);
    assert_close(
        softmax(&a.map(|v| v as f32)),
        expected,
        Tolerance::relative(1e-6),
    );
}

#[test]
fn softmax_rows_normalises_each_row_on_its_own() {
    let a = dmatrix![0.3_f64, 2.9, 4.0; 1010.0, 1000.0, 990.0; -5.0, -5.0, -5.0];
    let y = softmax_rows(&a);
    for (n, row) in a.row_iter().enumerate() {
        assert_eq!(y.row(n).transpose(), softmax(&row.transpose()));
    }
    assert_close(y.column_sum(), [1.0, 1.0, 1.0], SUM_ROUNDING);
}

#[test]
fn softmax_rows_mut_equals_softmax_rows() {
    let a = dmatrix![0.1_f32, 0.9, 0.8; 0.8, 0.1, 0.5];
    let mut y = a.clone();
    softmax_rows_mut(&mut y);
    assert_eq!(y, softmax_rows(&a));
}

#[test]
fn empty_inputs_give_empty_outputs() {
    assert_eq!(softmax(&DVector::<f64>::zeros(0)).len(), 0);
    assert_eq!(softmax_rows(&DMatrix::<f64>::zeros(3, 0)).shape(), (3, 0));
    assert_eq!(softmax_rows(&DMatrix::<f64>::zeros(0, 4)).shape(), (0, 4));
}

#[test]
fn a_nan_or_plus_infinity_poisons_its_row_only() {
    let a = dmatrix![1.0_f64, f64::NAN, 2.0; 1.0, f64::INFINITY, 2.0; 1.0, 1.0, 1.0];
    let y = softmax_rows(&a);
    assert!(y.row(0).iter().all(|v| v.is_nan()));
    assert!(y.row(1).iter().all(|v| v.is_nan()));
    assert_close(y.row(2), [1.0 / 3.0; 3], SUM_ROUNDING);
    assert_eq!(
        softmax(&dvector![f64::NEG_INFINITY, 0.0]),
        dvector![0.0, 1.0]
    );
}
