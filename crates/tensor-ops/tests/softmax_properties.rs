//! Properties of the row-wise softmax, in f32 and f64, for logits up to +-1e4.

use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;
use tensor_ops::testing::{Tolerance, assert_close};
use tensor_ops::{Real, softmax_rows};

/// The largest logit magnitude the properties cover.
const MAX_LOGIT: f64 = 1e4;
/// A row of up to 11 probabilities sums to 1 up to a dozen roundings.
const ROW_SUM_F64: Tolerance = Tolerance::absolute(1e-14);
const ROW_SUM_F32: Tolerance = Tolerance::absolute(1e-5);
/// `a + c` near 2e4 is rounded to the f64 spacing there (3.6e-12), and `exp`
/// carries that error into the probabilities.
const SHIFT_ROUNDING_F64: Tolerance = Tolerance::absolute(1e-10);

/// A batch of 1 to 5 rows of 1 to 11 logits drawn by `logit`, and one shift per row.
fn batch(
    logit: impl Strategy<Value = f64> + Clone,
) -> impl Strategy<Value = (DMatrix<f64>, DVector<f64>)> {
    (1usize..6, 1usize..12).prop_flat_map(move |(n, c)| {
        let values = proptest::collection::vec(logit.clone(), n * c);
        let shifts = proptest::collection::vec(-MAX_LOGIT..=MAX_LOGIT, n);
        (values, shifts).prop_map(move |(values, shifts)| {
            (
                DMatrix::from_row_slice(n, c, &values),
                DVector::from_vec(shifts),
            )
        })
    })
}

/// Any float logit in `[-1e4, 1e4]`.
fn any_logit() -> impl Strategy<Value = f64> + Clone {
    -MAX_LOGIT..=MAX_LOGIT
}

/// A logit in `[-1e4, 1e4]` that is a multiple of 1/64, and so is its sum with
/// an integer shift: adding the shift is exact, in f32 as in f64.
fn dyadic_logit() -> impl Strategy<Value = f64> + Clone {
    (-640_000_i32..=640_000).prop_map(|k| f64::from(k) / 64.0)
}

/// `c[n]` added to every element of row `n`.
fn shift_rows(a: &DMatrix<f64>, c: &DVector<f64>) -> DMatrix<f64> {
    DMatrix::from_fn(a.nrows(), a.ncols(), |n, k| a[(n, k)] + c[n])
}

fn assert_probability_rows<T: Real>(a: &DMatrix<f64>, row_sum: Tolerance) {
    let y = softmax_rows(&a.map(T::cast));
    let bad = y.iter().find(|&&p| !(p >= T::zero() && p <= T::one()));
    assert!(
        bad.is_none(),
        "softmax of {a} has {bad:?}, not a probability"
    );
    assert_close(y.column_sum(), vec![1.0; a.nrows()], row_sum);
}

fn assert_exactly_shift_invariant<T: Real>(a: &DMatrix<f64>, c: &DVector<f64>) {
    let c = c.map(f64::round);
    let y = softmax_rows(&a.map(T::cast));
    assert_eq!(
        softmax_rows(&shift_rows(a, &c).map(T::cast)),
        y,
        "shifts {c}"
    );
}

proptest! {
    #[test]
    fn rows_are_finite_probabilities_summing_to_one((a, _) in batch(any_logit())) {
        assert_probability_rows::<f64>(&a, ROW_SUM_F64);
        assert_probability_rows::<f32>(&a, ROW_SUM_F32);
    }

    #[test]
    fn an_exact_shift_of_a_row_changes_nothing((a, c) in batch(dyadic_logit())) {
        assert_exactly_shift_invariant::<f64>(&a, &c);
        assert_exactly_shift_invariant::<f32>(&a, &c);
    }

    #[test]
    fn any_shift_of_a_row_changes_only_rounding((a, c) in batch(any_logit())) {
        let y = softmax_rows(&shift_rows(&a, &c));
        assert_close(&y, softmax_rows(&a), SHIFT_ROUNDING_F64);
    }
}
