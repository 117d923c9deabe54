//! Sigmoid and ReLU with their derivatives, against the book's printed values.

use nalgebra::{DMatrix, dmatrix, dvector};
use tensor_ops::testing::{NUMPY_FIXED, Tolerance, assert_close};
use tensor_ops::{relu, relu_grad, relu_grad_mut, relu_mut, scalar, sigmoid, sigmoid_grad};
use tensor_ops::{sigmoid_grad_mut, sigmoid_mut};

/// `(1 - h(x)) h(x)` and `h(x) h(-x)` agree to a few units of the float
/// spacing near 1 (2.2e-16), where `1 - h(x)` is rounded.
const ROUNDING_NEAR_ONE: Tolerance = Tolerance::absolute(5e-16);

// >>> x = np.array([-1.0, 1.0, 2.0])
// >>> sigmoid(x)
// array([ 0.26894142,  0.73105858,  0.88079708])
#[test]
fn sigmoid_matches_the_book() {
    let x = dvector![-1.0_f64, 1.0, 2.0];
    assert_close(
        sigmoid(&x),
        [0.26894142, 0.73105858, 0.88079708],
        NUMPY_FIXED,
    );
}

#[test]
fn sigmoid_saturates_without_nan() {
    let x = dvector![-1000.0_f64, -40.0, 0.0, 40.0, 1000.0];
    let y = sigmoid(&x);
    assert_eq!([y[0], y[2], y[3], y[4]], [0.0, 0.5, 1.0, 1.0]);
    assert!(y[1] > 0.0 && y[1] < 1e-17, "sigmoid(-40) = {}", y[1]);
    assert_eq!(sigmoid(&dvector![-200.0_f32, 200.0]), dvector![0.0, 1.0]);
}

// def sigmoid_grad(x):
//     return (1.0 - sigmoid(x)) * sigmoid(x)
#[test]
fn sigmoid_grad_is_h_times_one_minus_h() {
    let x = dvector![-3.0_f64, -0.5, 0.0, 0.5, 3.0];
    let expected = x.map(|v| scalar::sigmoid(v) * scalar::sigmoid(-v));
    assert_close(sigmoid_grad(&x), &expected, ROUNDING_NEAR_ONE);
    assert_eq!(scalar::sigmoid_grad(0.0_f64), 0.25);
}

// >>> x = np.array( [[1.0, -0.5], [-2.0, 3.0]] )
// >>> mask = (x <= 0)
// >>> print(mask)
// [[False  True]
//  [ True False]]
#[test]
fn relu_and_its_mask_match_the_book() {
    let x = dmatrix![1.0_f64, -0.5; -2.0, 3.0];
    assert_eq!(relu(&x), dmatrix![1.0, 0.0; 0.0, 3.0]);
    assert_eq!(relu_grad(&x), dmatrix![1.0, 0.0; 0.0, 1.0]);
}

#[test]
fn relu_sends_no_gradient_through_zero() {
    assert_eq!(scalar::relu(0.0_f64), 0.0);
    assert_eq!(scalar::relu_grad(0.0_f64), 0.0);
    assert_eq!(scalar::relu_grad(1e-300_f64), 1.0);
}

#[test]
fn relu_keeps_nan_visible() {
    assert!(scalar::relu(f64::NAN).is_nan());
    assert!(scalar::relu(f32::NAN).is_nan());
}

/// An element-wise function and its in-place variant.
type Variants = (fn(&DMatrix<f32>) -> DMatrix<f32>, fn(&mut DMatrix<f32>));

#[test]
fn in_place_variants_equal_the_allocating_ones() {
    let x: DMatrix<f32> = dmatrix![1.5, -0.25, 0.0; -7.0, 2.0, 30.0];
    let cases: [Variants; 4] = [
        (sigmoid, sigmoid_mut),
        (sigmoid_grad, sigmoid_grad_mut),
        (relu, relu_mut),
        (relu_grad, relu_grad_mut),
    ];
    for (allocating, in_place) in cases {
        let mut y = x.clone();
        in_place(&mut y);
        assert_eq!(y, allocating(&x));
    }
}

#[test]
fn element_wise_functions_work_on_views() {
    let mut x = dmatrix![-1.0_f64, 2.0; 3.0, -4.0];
    relu_mut(&mut x.row_mut(1));
    assert_eq!(x, dmatrix![-1.0, 2.0; 3.0, 0.0]);
    assert_eq!(relu(&x.column(0)), dvector![0.0, 3.0]);
}
