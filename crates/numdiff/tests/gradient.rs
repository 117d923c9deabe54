//! How the numerical gradient treats `x`: perturbed in place one element at a
//! time, restored bit for bit, any shape; its batch form; the descent path.

use nalgebra::{DMatrix, DVector, dmatrix, dvector};
use numdiff::{H, gradient_descent, numerical_gradient, numerical_gradient_rows};
use tensor_ops::testing::{Tolerance, assert_close};

/// The central difference of a quadratic is exact but for rounding:
/// `|f| * 1e-16 / 2h`, about 1e-11 here.
const QUADRATIC_ROUNDING: Tolerance = Tolerance::absolute(1e-9);

// it = np.nditer(x, flags=['multi_index'], op_flags=['readwrite'])
// while not it.finished:
//     idx = it.multi_index
//     tmp_val = x[idx]
//     x[idx] = float(tmp_val) + h
//     fxh1 = f(x) # f(x+h)
//     x[idx] = tmp_val - h
//     fxh2 = f(x) # f(x-h)
//     grad[idx] = (fxh1 - fxh2) / (2*h)
//     x[idx] = tmp_val
#[test]
fn f_sees_one_element_moved_at_a_time() {
    let mut seen = Vec::new();
    let mut x = dvector![3.0, 4.0];
    numerical_gradient(
        |x: &DVector<f64>| {
            seen.push((x[0], x[1]));
            0.0
        },
        &mut x,
    );
    assert_eq!(
        seen,
        [
            (3.0 + H, 4.0),
            (3.0 - H, 4.0),
            (3.0, 4.0 + H),
            (3.0, 4.0 - H)
        ]
    );
}

#[test]
fn x_is_restored_bit_for_bit() {
    let values = [0.1, -0.0, f64::MIN_POSITIVE / 3.0, 1e300, f64::NAN, -7.25];
    let mut x = DVector::from_row_slice(&values);
    numerical_gradient(|x: &DVector<f64>| x.iter().map(|v| v.sin()).sum(), &mut x);
    let bits = |v: &[f64]| v.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(x.as_slice()), bits(&values));
}

#[test]
fn a_matrix_gets_a_gradient_of_its_own_shape() {
    // f(W) = sum_ij c_ij W_ij^2 + W_02 W_12, so df/dW = 2 c W + the cross terms.
    let c = dmatrix![1.0, 3.0, 0.0; 2.0, 4.0, 0.0];
    let f = |w: &DMatrix<f64>| {
        w.zip_fold(&c, 0.0, |sum, wij, cij| sum + cij * wij * wij) + w[(0, 2)] * w[(1, 2)]
    };
    let mut w = dmatrix![1.0, -2.0, 0.5; 3.0, 0.25, -1.5];
    let grad = numerical_gradient(f, &mut w);
    assert_close(
        &grad,
        [[2.0, -12.0, -1.5], [12.0, 2.0, 0.5]],
        QUADRATIC_ROUNDING,
    );
}

#[test]
fn a_view_is_perturbed_in_place_too() {
    let mut w = dmatrix![1.0_f64, 2.0; 3.0, 4.0];
    let grad = numerical_gradient(|c| c[0] * c[1], &mut w.column_mut(1));
    assert_close(&grad, [4.0, 2.0], QUADRATIC_ROUNDING);
    assert_eq!(w, dmatrix![1.0, 2.0; 3.0, 4.0]);
}

#[test]
fn an_empty_x_has_an_empty_gradient_and_f_is_not_called() {
    let mut calls = 0;
    let grad = numerical_gradient(
        |_: &DVector<f64>| {
            calls += 1;
            0.0
        },
        &mut DVector::zeros(0),
    );
    assert_eq!((grad.len(), calls), (0, 0));
}

#[test]
fn numerical_gradient_works_in_f32() {
    let mut x = dvector![3.0_f32, 4.0];
    let grad = numerical_gradient(|x| x[0] * x[0] + x[1] * x[1], &mut x);
    assert_close(&grad, [6.0, 8.0], 0.05);
}

// if X.ndim == 1: ... else:
//     grad = np.zeros_like(X)
//     for idx, x in enumerate(X):
//         grad[idx] = _numerical_gradient_no_batch(f, x)
#[test]
fn the_batch_form_gives_one_gradient_per_row() {
    let x = dmatrix![3.0, 4.0; 0.0, 2.0; 3.0, 0.0];
    let grads = numerical_gradient_rows(|p| p[0] * p[0] + p[1] * p[1], &x);
    assert_close(
        &grads,
        [[6.0, 8.0], [0.0, 4.0], [6.0, 0.0]],
        QUADRATIC_ROUNDING,
    );
    assert_eq!(x, dmatrix![3.0, 4.0; 0.0, 2.0; 3.0, 0.0]);
    let none = numerical_gradient_rows(|p| p[0], &DMatrix::<f64>::zeros(0, 2));
    assert_eq!(none.shape(), (0, 2));
}

// for i in range(step_num):
//     x_history.append( x.copy() )
//     grad = numerical_gradient(f, x)
//     x -= lr * grad
#[test]
fn the_history_holds_the_point_before_each_step() {
    let f = |x: &DVector<f64>| x[0] * x[0] + 3.0 * x[1] * x[1];
    let descent = gradient_descent(f, dvector![1.0, 1.0], 0.1, 3);
    assert_eq!(descent.history.len(), 3);
    let points: Vec<_> = descent.points().cloned().collect();
    for k in 0..3 {
        let mut x = points[k].clone();
        let step = numerical_gradient(f, &mut x) * 0.1;
        assert_eq!(points[k + 1], &points[k] - step);
    }
    assert_eq!(points.last(), Some(&descent.x));
}

#[test]
fn zero_steps_stay_at_the_start() {
    let descent = gradient_descent(|x: &DMatrix<f64>| x.sum(), dmatrix![1.0, 2.0], 0.1, 0);
    assert_eq!(descent.x, dmatrix![1.0, 2.0]);
    assert!(descent.history.is_empty());
    assert_eq!(descent.points().count(), 1);
}
