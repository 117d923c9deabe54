//! What a gradient check says to a reader: the table, the note on ReLU's
//! kinks, the diagnosis of each failing parameter and the verdict (what
//! `cargo xtask gradcheck` prints).

use std::fmt::Write as _;

use nalgebra::DMatrixView;
use numdiff::{CheckContext, Diagnosis, diagnose};
use tensor_ops::Real;

use super::{GradientCheck, ReluKinks};
use crate::Params;

/// The four parameters (or gradients) as matrix views, in the book's
/// order; a bias is an `(M, 1)` view.
fn views<T: Real>(p: &Params<T>) -> [DMatrixView<'_, T>; 4] {
    [
        p.w1.as_view(),
        p.b1.as_view(),
        p.w2.as_view(),
        p.b2.as_view(),
    ]
}

/// The likely cause ([`numdiff::diagnose`]) for each parameter whose max
/// `|backprop - numerical|` is over `tol` or `NaN`, in the book's order.
/// `context` describes the check (batch size, `h`, the float and the
/// loss's size); `kinks`, for a ReLU network, marks the elements of `W1`
/// and `b1` whose step straddles the kink.
///
/// # Panics
/// If the gradients do not have the shapes of the network `kinks` was found on.
pub fn diagnoses<T: Real>(
    check: &GradientCheck,
    tol: f64,
    backprop: &Params<T>,
    numerical: &Params<T>,
    context: &CheckContext<'_>,
    kinks: Option<&ReluKinks>,
) -> Vec<(&'static str, Diagnosis)> {
    let masks = kinks.map(ReluKinks::masks);
    let named = check.named();
    views(backprop)
        .into_iter()
        .zip(views(numerical))
        .enumerate()
        .filter(|&(k, _)| named[k].1.max_abs.is_nan() || named[k].1.max_abs > tol)
        .map(|(k, (analytic, numerical))| {
            let context = match (k, masks) {
                (0, Some((w1, _))) => context.with_kinks(w1),
                (1, Some((_, b1))) => context.with_kinks(b1),
                _ => *context,
            };
            (named[k].0, diagnose(analytic, numerical, &context))
        })
        .collect()
}

/// One row per parameter: its size, the mean and max `|diff|`, the
/// relative error and the largest `|backprop|` for scale.
pub fn table<T: Real>(check: &GradientCheck, backprop: &Params<T>) -> String {
    let mut out = format!(
        "{:<5} {:>8} {:>12} {:>12} {:>12} {:>15}\n",
        "param", "elements", "mean |diff|", "max |diff|", "relative", "max |backprop|"
    );
    for ((name, diff), grad) in check.named().iter().zip(views(backprop)) {
        let largest = grad.iter().fold(0.0_f64, |m, v| m.max(v.to_f64().abs()));
        let _ = writeln!(
            out,
            "{name:<5} {:>8} {:>12.3e} {:>12.3e} {:>12.3e} {largest:>15.3e}",
            grad.len(),
            diff.mean_abs,
            diff.max_abs,
            diff.relative
        );
    }
    out
}

/// The note on a ReLU network's kinks: how many pre-activations lie
/// within `h` of 0, how many elements of `W1` and `b1` that moves, and
/// their max `|diff|` without them (`elsewhere`, from
/// [`ReluKinks::check_elsewhere`]).
pub fn kinks_note(kinks: &ReluKinks, elsewhere: &GradientCheck, h: f64) -> String {
    let (w1, b1) = kinks.counts();
    format!(
        "note: relu: {} of {} pre-activations a1 lie within a step (h = {h:e}) of the kink at \
         0, where the central difference averages the two one-sided slopes and backprop takes \
         one\n      that moves {w1} elements of W1 and {b1} of b1; without them max |diff| is \
         {:.3e} for W1 and {:.3e} for b1",
        kinks.pre_activations, kinks.of, elsewhere.w1.max_abs, elsewhere.b1.max_abs
    )
}

/// `Ok` with a line when every max `|diff|` is at most `tol`; else `Err`
/// with a line naming the first parameter over it, its max and the
/// tolerance, and saying so when `away_from_kinks` (the check without the
/// elements that straddle a ReLU kink) is within it everywhere.
pub fn verdict(
    check: &GradientCheck,
    tol: f64,
    away_from_kinks: Option<&GradientCheck>,
) -> Result<String, String> {
    let over = check.exceeding(tol);
    let Some(&(name, diff)) = over.first() else {
        return Ok(format!("ok: every max |diff| is within --tol {tol:?}"));
    };
    let others: Vec<&str> = over[1..].iter().map(|&(name, _)| name).collect();
    let mut others = if others.is_empty() {
        String::new()
    } else {
        format!(" (also over: {})", others.join(", "))
    };
    if away_from_kinks.is_some_and(|elsewhere| elsewhere.exceeding(tol).is_empty()) {
        others.push_str("; only at ReLU kinks: every other element is within it (see the note)");
    }
    Err(format!(
        "gradient check failed: max |diff| of {name} is {:.3e} > --tol {tol:?}{others}",
        diff.max_abs
    ))
}

#[cfg(test)]
mod tests {
    use numdiff::GradientDiff;

    use super::*;

    fn diff(max_abs: f64) -> GradientDiff {
        GradientDiff {
            mean_abs: max_abs / 10.0,
            max_abs,
            relative: max_abs,
        }
    }

    #[test]
    fn the_verdict_names_the_first_parameter_over_the_tolerance() {
        let check = GradientCheck {
            w1: diff(1e-9),
            b1: diff(2e-6),
            w2: diff(f64::NAN),
            b2: diff(1e-7),
        };
        let message = verdict(&check, 1e-6, None).expect_err("b1 is over");
        assert!(
            message.contains("of b1 is 2.000e-6 > --tol 1e-6 (also over: W2)"),
            "{message}"
        );
        let fine = GradientCheck {
            b1: diff(1e-6),
            w2: diff(0.0),
            ..check
        };
        assert!(verdict(&fine, 1e-6, None).is_ok());
        let kinked = GradientCheck {
            w2: diff(1e-8),
            ..check
        };
        let elsewhere = GradientCheck {
            b1: diff(1e-9),
            ..kinked
        };
        let message = verdict(&kinked, 1e-6, Some(&elsewhere)).expect_err("b1 is over");
        assert!(
            message
                .ends_with("only at ReLU kinks: every other element is within it (see the note)"),
            "{message}"
        );
    }

    #[test]
    fn the_table_has_a_row_per_parameter_with_the_relative_error() {
        let zeros = Params::<f64>::zeros(3, 2, 2);
        let mut grad = zeros.clone();
        grad.w2[(1, 0)] = 0.5;
        let check = GradientCheck::between(&grad, &zeros);
        let table = table(&check, &grad);
        let w2: Vec<&str> = table
            .lines()
            .nth(3)
            .unwrap_or("")
            .split_whitespace()
            .collect();
        assert_eq!(
            w2,
            ["W2", "4", "1.250e-1", "5.000e-1", "1.000e0", "5.000e-1"],
            "{table}"
        );
    }
}
