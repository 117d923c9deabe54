//! `diagnose` on constructed pairs of gradients: each pattern it names,
//! and what it must not mistake for one.

use nalgebra::{DMatrix, dmatrix};
use numdiff::{CheckContext, Diagnosis, H, diagnose, numerical_gradient};

/// A gradient with no structure: no zero sums, no symmetry.
fn numerical() -> DMatrix<f64> {
    dmatrix![0.12, -0.31, 0.07, 0.44; -0.25, 0.18, 0.36, -0.09; 0.29, 0.03, -0.17, 0.21]
}

fn context() -> CheckContext<'static> {
    CheckContext::new::<f64>(5, H, 2.3)
}

fn diagnosis(analytic: &DMatrix<f64>, numerical: &DMatrix<f64>) -> Diagnosis {
    diagnose(analytic.as_view(), numerical.as_view(), &context())
}

#[test]
fn a_gradient_off_by_the_batch_size_names_the_missing_or_extra_division() {
    let n = numerical();
    assert_eq!(
        diagnosis(&(&n * 5.0), &n),
        Diagnosis::BatchSize {
            batch_size: 5,
            too_large: true
        }
    );
    assert_eq!(
        diagnosis(&(&n / 5.0), &n),
        Diagnosis::BatchSize {
            batch_size: 5,
            too_large: false
        }
    );
    assert_eq!(
        diagnosis(&(&n * -2.0), &n),
        Diagnosis::Scaled { factor: -2.0 }
    );
    // A factor only on most elements is no uniform factor.
    let mut partly = &n * 5.0;
    partly[(0, 0)] = n[(0, 0)];
    assert_eq!(diagnosis(&partly, &n), Diagnosis::Unexplained);
}

#[test]
fn a_transposed_gradient_is_named_whether_square_or_not() {
    let n = numerical();
    assert_eq!(diagnosis(&n.transpose(), &n), Diagnosis::Transposed);
    let square = n.columns(0, 3).into_owned();
    assert_eq!(
        diagnosis(&square.transpose(), &square),
        Diagnosis::Transposed
    );
    assert_eq!(
        diagnosis(&DMatrix::zeros(2, 6), &n),
        Diagnosis::WrongShape {
            analytic: (2, 6),
            numerical: (3, 4)
        }
    );
    // Transposed shape, other values.
    assert_eq!(
        diagnosis(&(n.transpose() * 3.0), &n),
        Diagnosis::WrongShape {
            analytic: (4, 3),
            numerical: (3, 4)
        }
    );
}

/// `L = -1/N sum_n ln(y[n, t_n])` where `y` is a softmax over `all` the
/// batch's scores or over each row.
fn loss(x: &DMatrix<f64>, labels: &[usize], all: bool) -> f64 {
    let y = softmax(x, all);
    -labels
        .iter()
        .enumerate()
        .map(|(n, &t)| y[(n, t)].ln())
        .sum::<f64>()
        / x.nrows() as f64
}

fn softmax(x: &DMatrix<f64>, all: bool) -> DMatrix<f64> {
    let e = x.map(f64::exp);
    if all {
        &e / e.sum()
    } else {
        DMatrix::from_fn(x.nrows(), x.ncols(), |n, c| e[(n, c)] / e.row(n).sum())
    }
}

/// `(y - t) / N`: the book's backward of softmax-with-loss.
fn book_backward(y: &DMatrix<f64>, labels: &[usize]) -> DMatrix<f64> {
    let mut dx = y.clone();
    for (n, &t) in labels.iter().enumerate() {
        dx[(n, t)] -= 1.0;
    }
    dx / labels.len() as f64
}

#[test]
fn a_softmax_over_the_whole_batch_is_named() {
    let labels = [2, 0, 1];
    let mut x = dmatrix![0.3, -1.2, 0.8; 1.1, 0.4, -0.5; -0.7, 0.9, 0.2];
    let context = CheckContext::new::<f64>(3, H, loss(&x, &labels, true));
    // The learner's forward normalises over the batch; backward is the book's.
    let wrong_y = softmax(&x, true);
    let analytic = book_backward(&wrong_y, &labels);
    let numerical = numerical_gradient(|x| loss(x, &labels, true), &mut x);
    assert_eq!(
        diagnose(analytic.as_view(), numerical.as_view(), &context),
        Diagnosis::SoftmaxOverBatch
    );
    // A per-row softmax with another backward bug (t forgotten) is not it.
    let numerical = numerical_gradient(|x| loss(x, &labels, false), &mut x);
    let forgot_t = softmax(&x, false) / 3.0;
    assert_eq!(
        diagnose(forgot_t.as_view(), numerical.as_view(), &context),
        Diagnosis::Unexplained
    );
}

/// `f(x) = 50 + sum x_i^2`: in f32 its last bit, 4e-6, over `2h` is 0.02.
fn offset_square(x: &DMatrix<f32>) -> f32 {
    50.0 + x.iter().map(|v| v * v).sum::<f32>()
}

#[test]
fn f32_rounding_is_named_when_it_explains_the_differences_and_only_then() {
    let mut x = dmatrix![0.7_f32, -1.3, 0.4];
    let numerical = numerical_gradient(offset_square, &mut x);
    let exact = &x * 2.0;
    let worst = (&numerical - &exact).amax();
    assert!(worst > 1e-3, "the f32 differences are visible: {worst}");
    let context = CheckContext::new::<f32>(1, H, 50.0);
    let named = diagnose(exact.as_view(), numerical.as_view(), &context);
    assert!(
        matches!(named, Diagnosis::Precision { level, .. } if f64::from(worst) <= level),
        "{named:?}"
    );
    assert!(named.to_string().starts_with("f32 precision"), "{named}");
    // A real bug stays visible above the rounding.
    let doubled = &exact * 2.0;
    assert!(matches!(
        diagnose(doubled.as_view(), numerical.as_view(), &context),
        Diagnosis::Scaled { factor } if (factor - 2.0).abs() < 0.01
    ));
}

#[test]
fn differences_only_at_kinks_are_named_when_the_kinks_are_known() {
    // f(x) = sum r_i max(0, x_i) with x_1 within h of 0: the central
    // difference there is r_1 / 2, backprop's r_1.
    let r = dmatrix![0.5, -1.5, 2.0];
    let f = |x: &DMatrix<f64>| x.zip_map(&r, |x, r| r * x.max(0.0)).sum();
    let mut x = dmatrix![0.8, 3e-5, -0.6];
    let numerical = numerical_gradient(f, &mut x);
    let analytic = x.zip_map(&r, |x, r| if x > 0.0 { r } else { 0.0 });
    let context = CheckContext::new::<f64>(1, H, 1.0);
    assert_eq!(
        diagnose(analytic.as_view(), numerical.as_view(), &context),
        Diagnosis::Unexplained
    );
    let kinks = [false, true, false];
    let context = context.with_kinks(&kinks);
    assert_eq!(
        diagnose(analytic.as_view(), numerical.as_view(), &context),
        Diagnosis::Kinks { elements: 1 }
    );
    // A difference elsewhere is not a kink's.
    let mut off = analytic.clone();
    off[0] = 0.0;
    assert_ne!(
        diagnose(off.as_view(), numerical.as_view(), &context),
        Diagnosis::Kinks { elements: 2 }
    );
}

#[test]
fn a_gradient_that_is_not_finite_is_named() {
    let n = numerical();
    let mut nan = n.clone();
    nan[(1, 1)] = f64::NAN;
    assert_eq!(diagnosis(&nan, &n), Diagnosis::NotFinite);
}
