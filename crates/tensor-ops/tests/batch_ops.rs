//! Argmax, one-hot labels, bias broadcasting, column sums and mini-batch rows.

use nalgebra::{DMatrix, DVector, dmatrix, dvector};
use tensor_ops::{
    add_bias, add_bias_mut, argmax, argmax_rows, column_sums, column_sums_into, gather_rows,
    gather_rows_into, one_hot,
};

// >>> x = np.array([[0.1, 0.8, 0.1], [0.3, 0.1, 0.6], [0.2, 0.5, 0.3], [0.8, 0.1, 0.1]])
// >>> y = np.argmax(x, axis=1)
// >>> print(y)
// [1 2 1 0]
#[test]
fn argmax_rows_matches_the_book() {
    let x = dmatrix![0.1_f64, 0.8, 0.1; 0.3, 0.1, 0.6; 0.2, 0.5, 0.3; 0.8, 0.1, 0.1];
    assert_eq!(argmax_rows(&x), vec![1, 2, 1, 0]);
}

#[test]
fn argmax_picks_the_first_of_equal_maxima() {
    assert_eq!(argmax([0.5_f64, 2.0, 2.0, -1.0]), 1);
    assert_eq!(argmax([3.0_f32]), 0);
}

#[test]
fn argmax_never_picks_nan_over_a_number() {
    assert_eq!(argmax([f64::NAN, -5.0, f64::NAN, -1.0]), 3);
    assert_eq!(argmax([f64::NAN, f64::NAN]), 0);
}

#[test]
#[should_panic(expected = "argmax of an empty sequence")]
fn argmax_of_nothing_panics() {
    argmax(Vec::<f64>::new());
}

#[test]
#[should_panic(expected = "argmax_rows: a (2, 0) matrix has no columns")]
fn argmax_rows_without_columns_panics() {
    argmax_rows(&DMatrix::<f64>::zeros(2, 0));
}

#[test]
fn argmax_rows_of_no_rows_is_empty() {
    assert!(argmax_rows(&DMatrix::<f64>::zeros(0, 0)).is_empty());
}

// def _change_one_hot_label(X):
//     T = np.zeros((X.size, 10))
//     for idx, row in enumerate(T):
//         row[X[idx]] = 1
#[test]
fn one_hot_puts_a_one_in_each_labels_column() {
    let t = one_hot::<f32>(&[2, 0, 2], 3);
    assert_eq!(t, dmatrix![0.0, 0.0, 1.0; 1.0, 0.0, 0.0; 0.0, 0.0, 1.0]);
    assert_eq!(argmax_rows(&t), vec![2, 0, 2]);
    assert_eq!(one_hot::<f64>(&[], 10).shape(), (0, 10));
}

#[test]
#[should_panic(expected = "one_hot: label 10 at index 1 is not below the class count 10")]
fn one_hot_rejects_a_label_out_of_range() {
    one_hot::<f64>(&[3, 10], 10);
}

// >>> X_dot_W = np.array([[0, 0, 0], [10, 10, 10]])
// >>> B = np.array([1, 2, 3])
// >>> X_dot_W + B
// array([[ 1,  2,  3],
//        [11, 12, 13]])
#[test]
fn add_bias_matches_the_book() {
    let x_dot_w = dmatrix![0.0_f64, 0.0, 0.0; 10.0, 10.0, 10.0];
    let b = dvector![1.0, 2.0, 3.0];
    let expected = dmatrix![1.0, 2.0, 3.0; 11.0, 12.0, 13.0];
    assert_eq!(add_bias(&x_dot_w, &b), expected);
    let mut y = x_dot_w;
    add_bias_mut(&mut y, &b);
    assert_eq!(y, expected);
}

#[test]
#[should_panic(expected = "add_bias: x is (2, 3) but b is (2,)")]
fn add_bias_names_both_shapes() {
    add_bias(&DMatrix::<f64>::zeros(2, 3), &DVector::zeros(2));
}

// >>> dY = np.array([[1, 2, 3,], [4, 5, 6]])
// >>> dB = np.sum(dY, axis=0)
// >>> dB
// array([5, 7, 9])
#[test]
fn column_sums_match_the_book() {
    let dy = dmatrix![1.0_f32, 2.0, 3.0; 4.0, 5.0, 6.0];
    assert_eq!(column_sums(&dy), dvector![5.0, 7.0, 9.0]);
    let mut db = DVector::from_element(3, f32::NAN);
    column_sums_into(&dy, &mut db);
    assert_eq!(db, dvector![5.0, 7.0, 9.0]);
}

#[test]
fn column_sums_of_no_rows_are_zeros() {
    assert_eq!(
        column_sums(&DMatrix::<f64>::zeros(0, 2)),
        dvector![0.0, 0.0]
    );
}

#[test]
#[should_panic(expected = "column_sums_into: x is (2, 3) but out is (4,)")]
fn column_sums_into_names_both_shapes() {
    column_sums_into(&DMatrix::<f64>::zeros(2, 3), &mut DVector::zeros(4));
}

// batch_mask = np.random.choice(train_size, batch_size)
// x_batch = x_train[batch_mask]
#[test]
fn gather_rows_takes_rows_in_index_order() {
    let x = dmatrix![0.0_f64, 0.5; 1.0, 1.5; 2.0, 2.5; 3.0, 3.5];
    let expected = dmatrix![3.0, 3.5; 1.0, 1.5; 3.0, 3.5];
    assert_eq!(gather_rows(&x, &[3, 1, 3]), expected);
    let mut out = DMatrix::from_element(3, 2, f64::NAN);
    gather_rows_into(&x, &[3, 1, 3], &mut out);
    assert_eq!(out, expected);
    assert_eq!(gather_rows(&x, &[]).shape(), (0, 2));
}

#[test]
#[should_panic(
    expected = "gather_rows: index 4 (position 1) is out of range for a matrix with 4 rows"
)]
fn gather_rows_rejects_an_index_out_of_range() {
    gather_rows(&DMatrix::<f64>::zeros(4, 2), &[0, 4]);
}

#[test]
#[should_panic(
    expected = "gather_rows_into: out is (2, 2) but 3 rows of a (4, 2) matrix need (3, 2)"
)]
fn gather_rows_into_names_both_shapes() {
    gather_rows_into(
        &DMatrix::<f64>::zeros(4, 2),
        &[0, 1, 2],
        &mut DMatrix::zeros(2, 2),
    );
}
