//! The shared test helper: what it accepts, and what its panics say.

use nalgebra::{dmatrix, dvector};
use tensor_ops::testing::{Tolerance, assert_close};

#[test]
fn tolerance_is_absolute_plus_relative() {
    let tol = Tolerance {
        rel: 1e-3,
        abs: 1e-6,
    };
    assert!(tol.accepts(1000.9, 1000.0));
    assert!(!tol.accepts(1001.1, 1000.0));
    assert!(tol.accepts(0.9e-6, 0.0));
    assert!(!tol.accepts(1.1e-6, 0.0));
    assert_eq!(
        Tolerance::from(1e-9),
        Tolerance {
            rel: 1e-9,
            abs: 1e-9
        }
    );
}

#[test]
fn infinities_must_be_equal_and_nan_matches_only_nan() {
    let loose = Tolerance::relative(1.0);
    assert!(loose.accepts(f64::INFINITY, f64::INFINITY));
    assert!(!loose.accepts(1e308, f64::INFINITY));
    assert!(!loose.accepts(f64::INFINITY, 1e308));
    assert!(loose.accepts(f64::NAN, f64::NAN));
    assert!(!loose.accepts(f64::NAN, 1.0));
    assert!(!loose.accepts(1.0, f64::NAN));
}

#[test]
fn scalars_lists_vectors_and_matrices_compare_alike() {
    assert_close(1.0_f32 / 3.0, 1.0 / 3.0, 1e-7);
    assert_close(dvector![6.0_f64, 8.0], [6.0, 8.0], 0.0);
    assert_close(dvector![6.0_f64, 8.0].transpose(), vec![6.0, 8.0], 0.0);
    assert_close(
        dmatrix![1.0_f64, 2.0; 3.0, 4.0],
        [[1.0, 2.0], [3.0, 4.0]],
        0.0,
    );
    assert_close(dmatrix![2.5_f64], 2.5, 0.0);
    assert_close([1.0_f64, 2.0].as_slice(), [1.0, 2.0], 0.0);
}

#[test]
#[should_panic(
    expected = "assert_close: got 3.0 at (1, 0) but expected 3.5: |difference| 5e-1 > 3.5e-3 \
                           (rel 1e-3, abs 0e0); 2 of 4 elements differ"
)]
fn the_first_mismatch_is_named_by_its_row_major_index() {
    let tol = Tolerance::relative(1e-3);
    assert_close(
        dmatrix![1.0_f64, 2.0; 3.0, 4.0],
        [[1.0, 2.0], [3.5, 5.0]],
        tol,
    );
}

#[test]
#[should_panic(expected = "assert_close: got 8.5 at [1] but expected 8.0")]
fn a_list_mismatch_is_named_by_its_position() {
    assert_close(dvector![6.0_f64, 8.5], [6.0, 8.0], 1e-9);
}

#[test]
#[should_panic(expected = "assert_close: got 0.1 but expected 0.2")]
fn a_scalar_mismatch_names_both_values() {
    assert_close(0.1, 0.2, 1e-9);
}

#[test]
#[should_panic(expected = "assert_close: actual has shape [2, 3] but expected has shape [3, 2]")]
fn shapes_must_agree() {
    assert_close(
        dmatrix![1.0_f64, 2.0, 3.0; 4.0, 5.0, 6.0],
        [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]],
        1.0,
    );
}

#[test]
#[should_panic(expected = "assert_close: got NaN at [1] but expected 1.0")]
fn nan_is_never_close_to_a_number() {
    assert_close([1.0, f64::NAN], [1.0, 1.0], f64::INFINITY);
}
