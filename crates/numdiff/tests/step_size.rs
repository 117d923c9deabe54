//! The book's warnings about the step `h` (§4.3.1), as numbers: a too small
//! `h` gives 0, the central difference beats the forward one at `h = 1e-4`.

use numdiff::{central_difference, difference_errors, forward_difference, numerical_diff};

/// The book's function_1, `0.01*x**2 + 0.1*x`, as NumPy evaluates it.
fn function_1(x: f64) -> f64 {
    0.01 * (x * x) + 0.1 * x
}

// >>> def numerical_diff(f, x): h = 1e-50; return (f(x + h) - f(x)) / h
// >>> numerical_diff(function_1, 5)
// 0.0
#[test]
fn a_step_of_1e_50_vanishes_and_the_quotient_is_zero() {
    assert_eq!(5.0 + 1e-50, 5.0);
    assert_eq!(forward_difference(function_1, 5.0, 1e-50), 0.0);
    assert_eq!(central_difference(function_1, 5.0, 1e-50), 0.0);
    // >>> np.float32(1e-50)
    // 0.0
    assert_eq!(1e-50_f32, 0.0);
}

#[test]
fn the_central_difference_at_1e_4_is_numerical_diff() {
    for x in [5.0, 10.0] {
        assert_eq!(
            central_difference(function_1, x, 1e-4),
            numerical_diff(function_1, x)
        );
    }
}

#[test]
fn errors_fall_then_rise_with_the_step() {
    let hs: Vec<f64> = (1..=20).map(|k| 10_f64.powi(-k)).collect();
    let errors = difference_errors(function_1, 5.0, 0.2, hs.iter().copied());
    assert_eq!(errors.len(), 20);
    let at = |h: f64| {
        errors
            .iter()
            .find(|e| e.h == h)
            .copied()
            .expect("the step is in the series")
    };
    // h = 1e-4: the central difference's error is rounding only; the
    // forward one keeps its truncation error h f''/2 = 1e-6.
    assert!(at(1e-4).central < 1e-9, "{:?}", at(1e-4));
    assert!(at(1e-4).forward > 1e-9, "{:?}", at(1e-4));
    assert!((at(1e-4).forward - 1e-6).abs() < 1e-8, "{:?}", at(1e-4));
    // h = 1e-1: truncation; the central difference is exact for a parabola
    // up to rounding.
    assert!((at(1e-1).forward - 1e-3).abs() < 1e-12, "{:?}", at(1e-1));
    assert!(at(1e-1).central < 1e-12, "{:?}", at(1e-1));
    // From h = 1e-16 on, x + h == x: both quotients are 0, the error is f'(5).
    for h in [1e-16, 1e-20] {
        assert_eq!(at(h).forward, 0.2);
        assert_eq!(at(h).central, 0.2);
    }
    // Rounding dominates below 1e-8: the error grows again.
    assert!(at(1e-12).central > 100.0 * at(1e-4).central);
}
