//! The figures that are curves of one variable: `function_1` (figure 4-6),
//! its tangents (figure 4-7), the step-size errors (§4.3.1) and the
//! activations (§3.2).

use studies::activations::Curve;
use studies::rounding_error::RoundingError;
use studies::tangent::TangentLine;

use crate::palette::{BLUE, GREEN, GREY, ORANGE, RED};
use crate::{DrawError, LegendPosition, Panel, Series, Style, Ticks, panels_svg};

/// Figure 4-6: `y = 0.01x² + 0.1x` on [0, 20]
/// (`studies::tangent::function_1_curve`).
pub fn function_1_svg(curve: &[(f64, f64)]) -> Result<String, DrawError> {
    let panel = Panel {
        caption: "y = 0.01x² + 0.1x".to_owned(),
        x: ("x".to_owned(), 0.0..20.0, Ticks::Decimals(0)),
        y: ("f(x)".to_owned(), 0.0..6.0, Ticks::Decimals(0)),
        series: vec![Series::new("f(x)", curve.to_vec(), BLUE, Style::Line)],
        legend: LegendPosition::UpperLeft,
    };
    panels_svg((760, 520), "function_1 (figure 4-6)", (1, 1), &[panel], &[])
}

/// Figure 4-7: `function_1` and its tangents
/// (`studies::tangent::function_1_tangents`), each dashed and named with
/// its slope.
pub fn tangent_svg(curve: &[(f64, f64)], tangents: &[TangentLine]) -> Result<String, DrawError> {
    let mut series = vec![Series::new("f(x)", curve.to_vec(), BLUE, Style::Line)];
    for (tangent, color) in tangents.iter().zip([ORANGE, GREEN, RED]) {
        series.push(Series::new(
            format!("tangent at x = {}, slope {:?}", tangent.at, tangent.slope),
            tangent.points.clone(),
            color,
            Style::Dashed,
        ));
    }
    let panel = Panel {
        caption: "y = 0.01x² + 0.1x and its tangents".to_owned(),
        x: ("x".to_owned(), 0.0..20.0, Ticks::Decimals(0)),
        y: ("y".to_owned(), -1.0..6.0, Ticks::Decimals(0)),
        series,
        legend: LegendPosition::UpperLeft,
    };
    let notes = [
        "slopes by numdiff::numerical_diff, the central difference with h = 1e-4 \
                  (exact: 0.2 and 0.3)"
            .to_owned(),
    ];
    panels_svg(
        (760, 540),
        "Tangent lines (figure 4-7)",
        (1, 1),
        &[panel],
        &notes,
    )
}

/// §4.3.1: the forward and central differences' errors against the step
/// `h`, both axes log10 (`studies::rounding_error::rounding_error`); an
/// error of exactly 0 has no place on a log axis and is left off.
pub fn rounding_error_svg(study: &RoundingError) -> Result<String, DrawError> {
    let log_points =
        |error: fn(&studies::rounding_error::DifferenceError<f64>) -> f64| -> Vec<(f64, f64)> {
            study
                .errors
                .iter()
                .filter(|e| error(e) > 0.0)
                .map(|e| (e.h.log10(), error(e).log10()))
                .collect()
        };
    let panel = Panel {
        caption: "|numerical - exact| of f'(5) for f(x) = 0.01x² + 0.1x".to_owned(),
        x: ("step h".to_owned(), -20.5..-0.5, Ticks::Log10),
        y: ("absolute error".to_owned(), -18.0..1.0, Ticks::Log10),
        series: vec![
            Series::new(
                "forward (f(x+h) - f(x)) / h",
                log_points(|e| e.forward),
                ORANGE,
                Style::Dots,
            ),
            Series::new(
                "central (f(x+h) - f(x-h)) / 2h",
                log_points(|e| e.central),
                BLUE,
                Style::Dots,
            ),
            Series::new(
                "h = 1e-4, the book's choice",
                vec![(-4.0, -18.0), (-4.0, 1.0)],
                GREY,
                Style::Dashed,
            ),
        ],
        legend: LegendPosition::LowerLeft,
    };
    let at_1e_4 = study.at_book_step();
    let mut notes = vec![
        format!(
            "at h = 1e-4: forward error {:.1e}, central error {:.1e}; from h = 1e-16 on, \
             5 + h == 5 and both errors are f'(5) = 0.2",
            at_1e_4.forward, at_1e_4.central
        ),
        format!(
            "h = 1e-50: 5 + 1e-50 == 5 is {}, the quotient is {:?}; and 1e-50_f32 \
             is {:?} (np.float32(1e-50))",
            study.tiny_step_vanishes, study.tiny_step_quotient, study.tiny_step_f32
        ),
    ];
    let exact_zero = study.exact_zeros();
    if exact_zero > 0 {
        notes.push(format!(
            "{exact_zero} errors of exactly 0 are left off the log axis"
        ));
    }
    panels_svg(
        (860, 600),
        "Rounding error: why h = 1e-4 and the central difference",
        (1, 1),
        &[panel],
        &notes,
    )
}

/// §3.2: the activation curves (`studies::activations::activation_curves`:
/// step, sigmoid, ReLU) on [-5, 5].
pub fn activations_svg(curves: &[Curve]) -> Result<String, DrawError> {
    let series = curves
        .iter()
        .zip([GREEN, BLUE, RED])
        .map(|(curve, color)| Series::new(curve.name, curve.points.clone(), color, Style::Line))
        .collect();
    let panel = Panel {
        caption: "h(x) on [-5, 5]".to_owned(),
        x: ("x".to_owned(), -5.0..5.0, Ticks::Decimals(0)),
        y: ("h(x)".to_owned(), -0.2..5.0, Ticks::Decimals(1)),
        series,
        legend: LegendPosition::UpperLeft,
    };
    panels_svg((760, 520), "Activation functions", (1, 1), &[panel], &[])
}
