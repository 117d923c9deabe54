//! The book's loss values (§4.2), in f64.

use losses::{
    cross_entropy_error, cross_entropy_error_labels, cross_entropy_error_sample,
    cross_entropy_error_sample_label, sum_squares_error,
};
use nalgebra::{DMatrix, DVector, dmatrix, dvector};
use tensor_ops::softmax_rows;
use tensor_ops::testing::{BOOK_DIGITS, assert_close};

/// `t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]`: "2" is the correct digit.
fn t() -> DVector<f64> {
    dvector![0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
}

/// Example 1: the network gives "2" the highest probability, 0.6.
fn y1() -> DVector<f64> {
    dvector![0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
}

/// Example 2: the network gives "7" the highest probability, 0.6.
fn y2() -> DVector<f64> {
    dvector![0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]
}

// >>> t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
// >>> y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
// >>> sum_squared_error(np.array(y), np.array(t))
// 0.097500000000000031
// >>> y = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]
// >>> sum_squared_error(np.array(y), np.array(t))
// 0.59750000000000003
#[test]
fn sum_squares_error_matches_the_book() {
    assert_close(sum_squares_error(&y1(), &t()), 0.0975, BOOK_DIGITS);
    assert_close(sum_squares_error(&y2(), &t()), 0.5975, BOOK_DIGITS);
}

/// `+`, `-` and `*` are exactly rounded everywhere: the same order as NumPy
/// gives the same bits (a left-to-right sum would give 0.5974999999999999).
#[test]
fn sum_squares_error_adds_in_numpys_order_to_the_last_bit() {
    assert_eq!(sum_squares_error(&y1(), &t()), 0.09750000000000003);
    assert_eq!(sum_squares_error(&y2(), &t()), 0.5975);
}

#[test]
fn sum_squares_error_of_a_batch_sums_its_rows() {
    let y = DMatrix::from_rows(&[y1().transpose(), y2().transpose()]);
    let t = DMatrix::from_rows(&[t().transpose(), t().transpose()]);
    assert_close(sum_squares_error(&y, &t), 0.0975 + 0.5975, BOOK_DIGITS);
}

// >>> t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
// >>> y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
// >>> cross_entropy_error(np.array(y), np.array(t))
// 0.51082545709933802
// >>> y = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]
// >>> cross_entropy_error(np.array(y), np.array(t))
// 2.3025840929945458
#[test]
fn cross_entropy_error_of_one_sample_matches_the_book() {
    assert_close(
        cross_entropy_error_sample(&y1(), &t()),
        0.510825457099338,
        BOOK_DIGITS,
    );
    assert_close(
        cross_entropy_error_sample(&y2(), &t()),
        2.302584092994546,
        BOOK_DIGITS,
    );
    assert_close(
        cross_entropy_error_sample_label(&y1(), 2),
        0.510825457099338,
        BOOK_DIGITS,
    );
    assert_close(
        cross_entropy_error_sample_label(&y2(), 2),
        2.302584092994546,
        BOOK_DIGITS,
    );
}

// if y.ndim == 1:
//     t = t.reshape(1, t.size)
//     y = y.reshape(1, y.size)
#[test]
fn one_sample_is_a_batch_of_one() {
    let y = DMatrix::from_row_slice(1, 10, y2().as_slice());
    let t = DMatrix::from_row_slice(1, 10, t().as_slice());
    assert_close(cross_entropy_error(&y, &t), 2.302584092994546, BOOK_DIGITS);
    assert_close(
        cross_entropy_error_labels(&y, &[2]),
        2.302584092994546,
        BOOK_DIGITS,
    );
}

/// Asserts the book's batch loss for scores `x` against the targets
/// `[[0, 1, 0], [1, 0, 0], [0, 0, 1]]`, in one-hot and in label form.
fn assert_batch_loss(x: DMatrix<f64>, expected: f64) {
    let y = softmax_rows(&x);
    let t = dmatrix![0.0, 1.0, 0.0; 1.0, 0.0, 0.0; 0.0, 0.0, 1.0];
    assert_close(cross_entropy_error(&y, &t), expected, BOOK_DIGITS);
    assert_close(
        cross_entropy_error_labels(&y, &[1, 0, 2]),
        expected,
        BOOK_DIGITS,
    );
}

// >>> x = np.array([[0.1, 0.9, 0.8], [0.8, 0.1, 0.5], [0.2, 0.3, 0.5]])
// >>> t = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 1]])
// >>> cross_entropy_error(softmax(x), t)
// 0.8671110284550632
// >>> cross_entropy_error(softmax(x), np.array([1, 0, 2]))   # the label form
// 0.8671110284550632
#[test]
fn cross_entropy_error_of_a_batch_is_the_mean() {
    assert_batch_loss(
        dmatrix![0.1, 0.9, 0.8; 0.8, 0.1, 0.5; 0.2, 0.3, 0.5],
        0.8671110284550632,
    );
}

// >>> x = np.array([[0.9, 0.1, 0.8], [0.8, 0.1, 0.5], [0.2, 0.3, 0.5]])
// >>> cross_entropy_error(softmax(x), t)
// 1.1337775989508578
#[test]
fn a_worse_first_sample_raises_the_batch_loss() {
    assert_batch_loss(
        dmatrix![0.9, 0.1, 0.8; 0.8, 0.1, 0.5; 0.2, 0.3, 0.5],
        1.1337775989508578,
    );
}

/// With probability 1 on the correct class the loss is `-ln(1 + 1e-7)`, the
/// only way below 0.
#[test]
fn delta_keeps_the_log_finite_at_both_ends() {
    let certain = dmatrix![0.0, 1.0];
    assert_close(
        cross_entropy_error_labels(&certain, &[1]),
        -(1.0 + 1e-7_f64).ln(),
        BOOK_DIGITS,
    );
    assert_close(
        cross_entropy_error_labels(&certain, &[0]),
        -(1e-7_f64).ln(),
        BOOK_DIGITS,
    );
    assert!(cross_entropy_error_labels(&certain, &[1]) >= -losses::DELTA);
}

#[test]
fn losses_work_in_f32() {
    let y = y1().map(|v| v as f32);
    let t = t().map(|v| v as f32);
    assert_close(sum_squares_error(&y, &t), 0.0975, 1e-7);
    assert_close(cross_entropy_error_sample(&y, &t), 0.510825457099338, 1e-6);
}
