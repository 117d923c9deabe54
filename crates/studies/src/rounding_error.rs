//! Why the book takes `h = 1e-4` and the central difference (§4.3.1): the
//! errors of the forward and central differences of `function_1` at
//! `x = 5` as the step `h` shrinks, and what a tiny `h` does.

pub use numdiff::DifferenceError;
use numdiff::function_1_derivative;
use numdiff::{difference_errors, forward_difference, function_1};
use tensor_ops::Real;

/// Where the derivative is taken: `x = 5`, exact derivative 0.2.
pub const AT: f64 = 5.0;
/// The "too small" step of §4.3.1.
pub const TINY_STEP: f64 = 1e-50;

/// The steps of the rounding-error figure: `1e-1, 1e-2, ..., 1e-20`.
pub fn error_steps() -> Vec<f64> {
    (1..=20).map(|k| 10_f64.powi(-k)).collect()
}

/// The study: both errors over [`error_steps`] and the tiny step.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundingError {
    /// `|forward - 0.2|` and `|central - 0.2|` at each step of
    /// [`error_steps`], with forward `(f(x+h) - f(x)) / h` and central
    /// `(f(x+h) - f(x-h)) / 2h`.
    pub errors: Vec<DifferenceError<f64>>,
    /// The forward difference at `h = 1e-50`: exactly 0.
    pub tiny_step_quotient: f64,
    /// Whether `5 + 1e-50 == 5` (it is).
    pub tiny_step_vanishes: bool,
    /// `1e-50` as an `f32` (`np.float32(1e-50)`): 0.
    pub tiny_step_f32: f32,
}

impl RoundingError {
    /// The errors at the book's `h = 1e-4`.
    pub fn at_book_step(&self) -> DifferenceError<f64> {
        self.errors[3]
    }

    /// How many errors are exactly 0 (no place on a log axis).
    pub fn exact_zeros(&self) -> usize {
        self.errors
            .iter()
            .filter(|e| e.central == 0.0 || e.forward == 0.0)
            .count()
    }
}

/// The rounding-error study of §4.3.1 for `function_1` at `x = 5`.
pub fn rounding_error() -> RoundingError {
    RoundingError {
        errors: difference_errors(function_1, AT, function_1_derivative(AT), error_steps()),
        tiny_step_quotient: forward_difference(function_1, AT, TINY_STEP),
        tiny_step_vanishes: AT + TINY_STEP == AT,
        tiny_step_f32: TINY_STEP as f32,
    }
}

/// `|forward - 0.2|` and `|central - 0.2|` of `function_1` at `x = 5` for
/// each step of `hs`, computed in `T` (`f64`, or `f32` as
/// `np.float32` would): the steps are rounded to `T` first, so that in
/// `f32` a step below about 1e-45 is 0 and both quotients are `0 / 0 = NaN`.
pub fn errors_in<T: Real>(hs: &[f64]) -> Vec<DifferenceError<T>> {
    let at = T::cast(AT);
    difference_errors(
        function_1::<T>,
        at,
        function_1_derivative(at),
        hs.iter().map(|&h| T::cast(h)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rounding_series_shows_both_failures() {
        let study = rounding_error();
        assert_eq!(study.errors.len(), 20);
        let at_1e_4 = study.at_book_step();
        assert_eq!(at_1e_4.h, 1e-4);
        assert!(
            at_1e_4.central < 1e-9 && at_1e_4.forward > 1e-9,
            "{at_1e_4:?}"
        );
        assert_eq!(study.tiny_step_quotient, 0.0);
        assert!(study.tiny_step_vanishes);
        assert_eq!(study.tiny_step_f32, 0.0);
        assert_eq!(1e-50_f32, 0.0);
    }

    #[test]
    fn the_errors_at_any_step_agree_with_the_study_in_f64_and_fail_in_f32() {
        let study = rounding_error();
        assert_eq!(errors_in::<f64>(&error_steps()), study.errors);
        assert_eq!(errors_in::<f64>(&[1e-4])[0], study.at_book_step());
        // f32 keeps about 7 digits: at h = 1e-4 the forward error is already
        // far above f64's, and at 1e-50 the step itself is 0.
        let f32_at_1e_4 = errors_in::<f32>(&[1e-4])[0];
        assert!(f64::from(f32_at_1e_4.forward) > 100.0 * study.at_book_step().forward);
        let tiny = errors_in::<f32>(&[TINY_STEP])[0];
        assert_eq!(tiny.h, 0.0);
        assert!(tiny.forward.is_nan() && tiny.central.is_nan(), "{tiny:?}");
    }
}
