//! The figures that are curves of one variable: function_1 (figure 4-6),
//! its tangents (figure 4-7), the step-size errors, and the activations.

use plotters::prelude::SeriesLabelPosition;

use super::Figure;
use super::data::{
    activations, function_1, linspace, rounding_errors, sample, sigmoid_derivative, tangent,
};
use plots::palette::{BLUE, GREEN, GREY, ORANGE, RED};
use plots::{Panel, Series, Style, Ticks, panels_svg};

/// The x axis of figures 4-6 and 4-7: `np.arange(0.0, 20.0, 0.1)`.
fn function_1_xs() -> Vec<f64> {
    linspace(0.0, 20.0, 200)
}

/// `function-1`: y = 0.01x² + 0.1x on [0, 20].
pub fn function_1_figure() -> anyhow::Result<Figure> {
    let panel = Panel {
        caption: "y = 0.01x² + 0.1x".to_owned(),
        x: ("x".to_owned(), 0.0..20.0, Ticks::Decimals(0)),
        y: ("f(x)".to_owned(), 0.0..6.0, Ticks::Decimals(0)),
        series: vec![Series::new(
            "f(x)",
            sample(&function_1_xs(), function_1),
            BLUE,
            Style::Line,
        )],
        legend: SeriesLabelPosition::UpperLeft,
    };
    let svg = panels_svg((760, 520), "function_1 (figure 4-6)", (1, 1), &[panel], &[])?;
    Ok(Figure {
        name: "function-1",
        svg,
        printout: "f(x) = 0.01x^2 + 0.1x on 0 <= x <= 20, 201 points; f(20) = 6".to_owned(),
        index: "The book's function_1, a gentle parabola: the function whose derivative \
                the next two figures take numerically."
            .to_owned(),
    })
}

/// `tangent`: function_1 with its tangents at x = 5 and x = 10.
pub fn tangent_figure() -> anyhow::Result<Figure> {
    let xs = function_1_xs();
    let (slope_5, line_5) = tangent(5.0);
    let (slope_10, line_10) = tangent(10.0);
    let panel = Panel {
        caption: "y = 0.01x² + 0.1x and its tangents".to_owned(),
        x: ("x".to_owned(), 0.0..20.0, Ticks::Decimals(0)),
        y: ("y".to_owned(), -1.0..6.0, Ticks::Decimals(0)),
        series: vec![
            Series::new("f(x)", sample(&xs, function_1), BLUE, Style::Line),
            Series::new(
                format!("tangent at x = 5, slope {slope_5:?}"),
                sample(&xs, line_5),
                ORANGE,
                Style::Dashed,
            ),
            Series::new(
                format!("tangent at x = 10, slope {slope_10:?}"),
                sample(&xs, line_10),
                GREEN,
                Style::Dashed,
            ),
        ],
        legend: SeriesLabelPosition::UpperLeft,
    };
    let notes = [
        "slopes by numdiff::numerical_diff, the central difference with h = 1e-4 \
                  (exact: 0.2 and 0.3)"
            .to_owned(),
    ];
    let svg = panels_svg(
        (760, 540),
        "Tangent lines (figure 4-7)",
        (1, 1),
        &[panel],
        &notes,
    )?;
    Ok(Figure {
        name: "tangent",
        svg,
        printout: format!("slope at x = 5: {slope_5:?}, at x = 10: {slope_10:?}"),
        index: "The numerical derivative as the slope of a tangent: at x = 5 and x = 10 the \
                central difference gives 0.1999999999990898 and 0.2999999999986347, the exact \
                0.2 and 0.3 up to rounding."
            .to_owned(),
    })
}

/// `rounding-error`: forward and central difference errors against h.
pub fn rounding_error_figure() -> anyhow::Result<Figure> {
    let errors = rounding_errors();
    // log10 of each error; an error of exactly 0 has no place on a log axis.
    let log_points = |error: fn(&numdiff::DifferenceError<f64>) -> f64| -> Vec<(f64, f64)> {
        errors
            .iter()
            .filter(|e| error(e) > 0.0)
            .map(|e| (e.h.log10(), error(e).log10()))
            .collect()
    };
    let exact_zero = errors
        .iter()
        .filter(|e| e.central == 0.0 || e.forward == 0.0)
        .count();
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
        legend: SeriesLabelPosition::LowerLeft,
    };
    let at_1e_4 = errors[3];
    let forward_1e_50 = numdiff::forward_difference(function_1, 5.0, 1e-50);
    let x = 5.0_f64;
    let vanishes = x + 1e-50 == x;
    let mut notes = vec![
        format!(
            "at h = 1e-4: forward error {:.1e}, central error {:.1e}; from h = 1e-16 on, \
             5 + h == 5 and both errors are f'(5) = 0.2",
            at_1e_4.forward, at_1e_4.central
        ),
        format!(
            "h = 1e-50: 5 + 1e-50 == 5 is {}, the quotient is {forward_1e_50:?}; and 1e-50_f32 \
             is {:?} (np.float32(1e-50))",
            vanishes, 1e-50_f32
        ),
    ];
    if exact_zero > 0 {
        notes.push(format!(
            "{exact_zero} errors of exactly 0 are left off the log axis"
        ));
    }
    let svg = panels_svg(
        (860, 600),
        "Rounding error: why h = 1e-4 and the central difference",
        (1, 1),
        &[panel],
        &notes,
    )?;
    Ok(Figure {
        name: "rounding-error",
        svg,
        printout: format!(
            "at h = 1e-4: forward error {:e}, central error {:e}; h = 1e-50 gives {forward_1e_50:?} \
             (5 + 1e-50 == 5), 1e-50_f32 = {:?}",
            at_1e_4.forward, at_1e_4.central, 1e-50_f32
        ),
        index: "The error of the numerical derivative against the step h, both log scales: \
                shrinking h helps until rounding takes over (the V), the central difference is \
                far more accurate than the forward one, and a tiny h such as 1e-50 gives \
                exactly 0."
            .to_owned(),
    })
}

/// `activations`: step, sigmoid and ReLU on [-5, 5].
pub fn activations_figure() -> anyhow::Result<Figure> {
    let xs = linspace(-5.0, 5.0, 1000);
    let colors = [GREEN, BLUE, RED];
    let series = activations()
        .into_iter()
        .zip(colors)
        .map(|((name, h), color)| Series::new(name, sample(&xs, h), color, Style::Line))
        .collect();
    let panel = Panel {
        caption: "h(x) on [-5, 5]".to_owned(),
        x: ("x".to_owned(), -5.0..5.0, Ticks::Decimals(0)),
        y: ("h(x)".to_owned(), -0.2..5.0, Ticks::Decimals(1)),
        series,
        legend: SeriesLabelPosition::UpperLeft,
    };
    let svg = panels_svg((760, 520), "Activation functions", (1, 1), &[panel], &[])?;
    Ok(Figure {
        name: "activations",
        svg,
        printout: format!(
            "step(1) = 1, sigmoid(0) = {}, sigmoid'(0) = {}, relu(-1) = 0, relu(3) = 3",
            tensor_ops::scalar::sigmoid(0.0_f64),
            sigmoid_derivative(0.0)
        ),
        index: "The step function, the sigmoid and ReLU: the sigmoid is a smooth step, which \
                is what lets a gradient flow through it."
            .to_owned(),
    })
}
