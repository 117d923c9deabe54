//! Properties of the numerical gradient and of gradient descent on random
//! quadratics, whose analytic gradient is known.

use nalgebra::{DMatrix, DVector};
use numdiff::{gradient_descent, numerical_gradient};
use proptest::prelude::*;
use tensor_ops::testing::{Tolerance, assert_close};

/// The bound for f64. The central difference of a quadratic has no
/// truncation error; rounding gives `|f| * 1e-16 / 2h`, below 1e-7 here.
const GRADIENT_F64: Tolerance = Tolerance::absolute(1e-6);

/// `f(x) = 1/2 v'Av + b'v`, `v` the elements of `x` in storage order.
#[derive(Debug, Clone)]
struct Quadratic {
    a: DMatrix<f64>,
    b: DVector<f64>,
}

impl Quadratic {
    fn value(&self, x: &DMatrix<f64>) -> f64 {
        let v = DVector::from_column_slice(x.as_slice());
        0.5 * v.dot(&(&self.a * &v)) + self.b.dot(&v)
    }

    /// `A v + b`, with the shape of `x`.
    fn gradient(&self, x: &DMatrix<f64>) -> DMatrix<f64> {
        let v = DVector::from_column_slice(x.as_slice());
        let g = &self.a * v + &self.b;
        DMatrix::from_column_slice(x.nrows(), x.ncols(), g.as_slice())
    }
}

/// A symmetric `A` from `m + m'` with any `b`, or the convex `m'm + I/2` with
/// `b = 0` (its minimum at 0).
fn quadratic(n: usize, convex: bool) -> impl Strategy<Value = Quadratic> {
    let entries = proptest::collection::vec(-2.0..2.0, n * n);
    let b = proptest::collection::vec(-5.0..5.0, n);
    (entries, b).prop_map(move |(entries, b)| {
        let m = DMatrix::from_vec(n, n, entries);
        if convex {
            let a = m.transpose() * &m + DMatrix::identity(n, n) * 0.5;
            Quadratic {
                a,
                b: DVector::zeros(n),
            }
        } else {
            Quadratic {
                a: &m + m.transpose(),
                b: DVector::from_vec(b),
            }
        }
    })
}

/// A quadratic of an `(r, c)` matrix `x` (a vector when `c = 1`), and `x`.
fn quadratic_and_point() -> impl Strategy<Value = (Quadratic, DMatrix<f64>)> {
    (1usize..4, 1usize..4).prop_flat_map(|(r, c)| {
        let x = proptest::collection::vec(-10.0..10.0, r * c);
        (quadratic(r * c, false), x).prop_map(move |(q, x)| (q, DMatrix::from_vec(r, c, x)))
    })
}

/// A convex quadratic, a start with every coordinate in `+-[0.1, 10]`, and a
/// learning rate below `0.1 / trace(A)`, so below `0.1 / lambda_max`: each
/// step shrinks every eigen-component by a factor in `[0.9, 1)`, so 100 steps
/// stay far from 0, where rounding would decide the sign of a change in f.
fn convex_descent() -> impl Strategy<Value = (Quadratic, DVector<f64>, f64)> {
    (1usize..5).prop_flat_map(|n| {
        let coordinate =
            (0.1..10.0_f64, any::<bool>()).prop_map(|(v, negative)| if negative { -v } else { v });
        let start = proptest::collection::vec(coordinate, n);
        (quadratic(n, true), start, 1e-3..0.1).prop_map(|(q, start, fraction)| {
            let lr = fraction / q.a.trace();
            (q, DVector::from_vec(start), lr)
        })
    })
}

proptest! {
    #[test]
    fn matches_the_analytic_gradient_and_restores_x((q, x) in quadratic_and_point()) {
        let mut moved = x.clone();
        let grad = numerical_gradient(|x: &DMatrix<f64>| q.value(x), &mut moved);
        assert_close(&grad, q.gradient(&x), GRADIENT_F64);
        let bits = |m: &DMatrix<f64>| m.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(bits(&moved), bits(&x));
    }

    #[test]
    fn descent_with_a_small_rate_never_increases_f((q, start, lr) in convex_descent()) {
        let f = |x: &DVector<f64>| {
            let x = DMatrix::from_column_slice(x.len(), 1, x.as_slice());
            q.value(&x)
        };
        let descent = gradient_descent(f, start, lr, 100);
        let values: Vec<f64> = descent.points().map(f).collect();
        for (k, pair) in values.windows(2).enumerate() {
            prop_assert!(pair[1] <= pair[0], "f rose at step {}: {} -> {}", k, pair[0], pair[1]);
        }
        prop_assert!(values[100] < values[0]);
    }
}
