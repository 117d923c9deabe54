//! The book's numerical derivatives, gradients and gradient descents (§4.3,
//! §4.4), in f64, with each function written as NumPy evaluates it.

use nalgebra::{DVector, dvector};
use numdiff::{gradient_descent, numerical_diff, numerical_gradient};
use tensor_ops::testing::{BOOK_DIGITS, NUMPY_FIXED, NUMPY_SCIENTIFIC, assert_close};

// def function_1(x):
//     return 0.01*x**2 + 0.1*x
fn function_1(x: f64) -> f64 {
    0.01 * (x * x) + 0.1 * x
}

// def function_2(x):
//     return x[0]**2 + x[1]**2
fn function_2(x: &DVector<f64>) -> f64 {
    x[0] * x[0] + x[1] * x[1]
}

// >>> numerical_diff(function_1, 5)
// 0.1999999999990898
// >>> numerical_diff(function_1, 10)
// 0.2999999999986347
#[test]
fn derivative_of_function_1_matches_the_book() {
    assert_close(
        numerical_diff(function_1, 5.0),
        0.1999999999990898,
        BOOK_DIGITS,
    );
    assert_close(
        numerical_diff(function_1, 10.0),
        0.2999999999986347,
        BOOK_DIGITS,
    );
}

/// Why the order matters: `(0.01 * x) * x` is another function in its last
/// bit, and the central difference divides that bit by `2h = 2e-4`.
#[test]
fn the_last_bit_of_f_shows_in_the_derivative() {
    let reordered = |x: f64| 0.01 * x * x + 0.1 * x;
    assert_eq!(numerical_diff(reordered, 10.0), 0.2999999999997449);
}

// >>> numerical_diff(lambda x: x**2 + 0.1*x, 0.2)
// 0.49999999999994493
// >>> numerical_diff(lambda x: x**2 + 0.1*x, 0.4)
// 0.9000000000000674
#[test]
fn derivative_of_a_steeper_quadratic_matches() {
    let f = |x: f64| x * x + 0.1 * x;
    assert_close(numerical_diff(f, 0.2), 0.49999999999994493, BOOK_DIGITS);
    assert_close(numerical_diff(f, 0.4), 0.9000000000000674, BOOK_DIGITS);
}

// >>> def function_tmp1(x0):
// ...     return x0*x0 + 4.0**2.0
// >>> numerical_diff(function_tmp1, 3.0)
// 6.00000000000378
// >>> def function_tmp2(x1):
// ...     return 3.0**2.0 + x1*x1
// >>> numerical_diff(function_tmp2, 4.0)
// 7.999999999999119
#[test]
fn partial_derivatives_match_the_book() {
    let function_tmp1 = |x0: f64| x0 * x0 + 4.0_f64.powf(2.0);
    let function_tmp2 = |x1: f64| 3.0_f64.powf(2.0) + x1 * x1;
    assert_close(
        numerical_diff(function_tmp1, 3.0),
        6.00000000000378,
        BOOK_DIGITS,
    );
    assert_close(
        numerical_diff(function_tmp2, 4.0),
        7.999999999999119,
        BOOK_DIGITS,
    );
}

// >>> numerical_gradient(function_2, np.array([3.0, 4.0]))
// array([ 6.,  8.])
// >>> numerical_gradient(function_2, np.array([0.0, 2.0]))
// array([ 0.,  4.])
// >>> numerical_gradient(function_2, np.array([3.0, 0.0]))
// array([ 6.,  0.])
#[test]
fn gradients_of_function_2_match_the_book() {
    for (point, expected) in [
        ([3.0, 4.0], [6.0, 8.0]),
        ([0.0, 2.0], [0.0, 4.0]),
        ([3.0, 0.0], [6.0, 0.0]),
    ] {
        let mut x = DVector::from_row_slice(&point);
        assert_close(
            numerical_gradient(function_2, &mut x),
            expected,
            NUMPY_FIXED,
        );
    }
}

/// The gradient at (3, 4) is the two partial derivatives above, bit for bit.
#[test]
fn the_gradient_is_the_partial_derivatives() {
    let mut x = dvector![3.0, 4.0];
    let grad = numerical_gradient(function_2, &mut x);
    assert_eq!(grad.as_slice(), [6.00000000000378, 7.999999999999119]);
}

// >>> init_x = np.array([-3.0, 4.0])
// >>> gradient_descent(function_2, init_x=init_x, lr=0.1, step_num=100)
// array([ -6.11110793e-10,   8.14814391e-10])
#[test]
fn gradient_descent_reaches_the_minimum() {
    let descent = gradient_descent(function_2, dvector![-3.0, 4.0], 0.1, 100);
    assert_close(
        &descent.x,
        [-6.11110793e-10, 8.14814391e-10],
        NUMPY_SCIENTIFIC,
    );
    assert_eq!(descent.history.len(), 100);
    assert_eq!(descent.history[0], dvector![-3.0, 4.0]);
}

// # A learning rate too large: lr=10.0
// >>> init_x = np.array([-3.0, 4.0])
// >>> gradient_descent(function_2, init_x=init_x, lr=10.0, step_num=100)
// array([ -2.58983747e+13,  -1.29524862e+12])
#[test]
fn too_large_a_learning_rate_diverges() {
    let descent = gradient_descent(function_2, dvector![-3.0, 4.0], 10.0, 100);
    assert_close(
        &descent.x,
        [-2.58983747e13, -1.29524862e12],
        NUMPY_SCIENTIFIC,
    );
}

/// Out there the float spacing (0.004 near 2.6e13) exceeds `h`: `x + h`
/// rounds to `x`, the numerical gradient is exactly 0, and the point stalls.
#[test]
fn the_diverged_point_stalls_where_h_is_below_the_float_spacing() {
    let mut descent = gradient_descent(function_2, dvector![-3.0, 4.0], 10.0, 100);
    assert_eq!(descent.history[99], descent.x);
    assert_eq!(
        numerical_gradient(function_2, &mut descent.x),
        dvector![0.0, 0.0]
    );
}

// # A learning rate too small: lr=1e-10
// >>> init_x = np.array([-3.0, 4.0])
// >>> gradient_descent(function_2, init_x=init_x, lr=1e-10, step_num=100)
// array([-2.99999994,  3.99999992])
#[test]
fn too_small_a_learning_rate_barely_moves() {
    let descent = gradient_descent(function_2, dvector![-3.0, 4.0], 1e-10, 100);
    assert_close(&descent.x, [-2.99999994, 3.99999992], NUMPY_FIXED);
}
