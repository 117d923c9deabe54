//! View 1: the derivative of `function_1` (§4.3.2, figure 4-7) and why the
//! book takes `h = 1e-4` and the central difference (§4.3.1).

use numdiff::function_1;
use serde_json::{Value, json};
use studies::rounding_error::{self, DifferenceError, TINY_STEP};
use studies::tangent;

use super::knobs::{Knobs, Notes, Refused};

/// Where the tangent may touch: the curve's x axis, [0, 20].
const X_BOUNDS: std::ops::RangeInclusive<f64> = 0.0..=20.0;
/// The smallest step asked for (1e-300, still a normal f64); the largest.
pub const H_BOUNDS: std::ops::RangeInclusive<f64> = 1e-300..=1.0;

/// `tangent?x=5`: `{"x", "y", "slope", "curve": [[x, y]; 201], "tangent":
/// [[x, y]; 201]}`, the slope by the central difference with h = 1e-4.
pub fn tangent(knobs: &Knobs) -> Result<Value, Refused> {
    knobs.only("tangent", &["x"])?;
    let x = knobs.number("x", 5.0, X_BOUNDS)?;
    let line = tangent::function_1_tangents(&[x]).remove(0);
    Ok(json!({
        "x": x,
        "y": function_1(x),
        "slope": line.slope,
        "curve": pairs(&tangent::function_1_curve()),
        "tangent": pairs(&line.points),
    }))
}

fn pairs(points: &[(f64, f64)]) -> Value {
    json!(points.iter().map(|&(x, y)| [x, y]).collect::<Vec<_>>())
}

/// `rounding-error?h=1e-4`: the errors of the forward and the central
/// difference of `function_1` at x = 5 over the study's steps 1e-1 ..
/// 1e-20, in f64 and in f32, and at `h` itself; with the book's h = 1e-50
/// case (`5 + 1e-50 == 5`, `1e-50` is 0 in f32).
pub fn rounding_error(knobs: &Knobs) -> Result<Value, Refused> {
    knobs.only("rounding-error", &["h"])?;
    let h = knobs.number("h", 1e-4, H_BOUNDS)?;
    let steps = rounding_error::error_steps();
    let study = rounding_error::rounding_error();
    let mut notes = Notes::default();
    let f32_series = widen(&rounding_error::errors_in::<f32>(&steps));
    let at_h_f64 = rounding_error::errors_in::<f64>(&[h]);
    let at_h_f32 = widen(&rounding_error::errors_in::<f32>(&[h]));
    if at_h_f32[0].h == 0.0 {
        notes.add(format!(
            "h = {h:e} is 0 in f32 (the smallest f32 above 0 is about 1.4e-45): both f32 \
             quotients are 0 / 0 = NaN"
        ));
    }
    Ok(json!({
        "at": rounding_error::AT,
        "exact": numdiff::function_1_derivative(rounding_error::AT),
        "h": h,
        "steps": steps,
        "f64": series(&mut notes, "f64", &study.errors),
        "f32": series(&mut notes, "f32", &f32_series),
        "at_h": {
            "f64": errors(&mut notes, "at_h.f64", at_h_f64[0]),
            "f32": errors(&mut notes, "at_h.f32", at_h_f32[0]),
        },
        "tiny_step": {
            "h": TINY_STEP,
            "quotient": study.tiny_step_quotient,
            "vanishes": study.tiny_step_vanishes,
            "f32": f64::from(study.tiny_step_f32),
        },
        "notes": notes.into_value(),
    }))
}

fn widen(errors: &[DifferenceError<f32>]) -> Vec<DifferenceError<f64>> {
    errors
        .iter()
        .map(|e| DifferenceError {
            h: f64::from(e.h),
            forward: f64::from(e.forward),
            central: f64::from(e.central),
        })
        .collect()
}

fn series(notes: &mut Notes, name: &str, errors: &[DifferenceError<f64>]) -> Value {
    json!({
        "forward": notes.series(&format!("{name}.forward"), errors.iter().map(|e| e.forward)),
        "central": notes.series(&format!("{name}.central"), errors.iter().map(|e| e.central)),
    })
}

fn errors(notes: &mut Notes, name: &str, e: DifferenceError<f64>) -> Value {
    json!({
        "h": e.h,
        "forward": notes.number(&format!("{name}.forward"), e.forward),
        "central": notes.number(&format!("{name}.central"), e.central),
    })
}
