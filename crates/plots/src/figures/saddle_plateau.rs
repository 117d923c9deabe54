//! Where gradient descent crawls (§4.4.1): a saddle and a plateau, each as
//! its path over the plane and its loss against the step.

use studies::descent_paths::Crawl;

use crate::palette::{BLUE, GREEN, ORANGE, RED};
use crate::{
    DrawError, LegendPosition, Panel, RGBColor, Series, Style, Ticks, axis_cross, bounds,
    panels_svg,
};

fn tuples(path: &[[f64; 2]]) -> Vec<(f64, f64)> {
    path.iter().map(|&[x0, x1]| (x0, x1)).collect()
}

/// A path panel: the dashed axes, the path's dots, the start and the end,
/// in the path's own bounds.
fn path_panel(caption: String, path: &[[f64; 2]]) -> Panel {
    let dots = tuples(path);
    let (x, y) = bounds(&dots, 0.08);
    let mut series = axis_cross(&x, &y).to_vec();
    series.push(Series::new(
        format!("x after each step ({} points)", dots.len()),
        dots.clone(),
        BLUE,
        Style::Dots,
    ));
    if let (Some(&first), Some(&last)) = (dots.first(), dots.last()) {
        series.push(Series::new("start", vec![first], GREEN, Style::Dots));
        series.push(Series::new("end", vec![last], RED, Style::Dots));
    }
    Panel {
        caption,
        x: ("x0".to_owned(), x, Ticks::Decimals(1)),
        y: ("x1".to_owned(), y, Ticks::Decimals(1)),
        series,
        legend: LegendPosition::UpperRight,
    }
}

/// A loss-against-step panel.
fn loss_panel(caption: &str, loss: &[f64], color: RGBColor) -> Panel {
    let points: Vec<(f64, f64)> = loss
        .iter()
        .enumerate()
        .map(|(k, &l)| (k as f64, l))
        .collect();
    let (_, y) = bounds(&points, 0.05);
    Panel {
        caption: caption.to_owned(),
        x: (
            "step".to_owned(),
            0.0..(loss.len().max(2) - 1) as f64,
            Ticks::Decimals(0),
        ),
        y: ("f(x)".to_owned(), y, Ticks::Decimals(1)),
        series: vec![Series::new("f(x)", points, color, Style::Dots)],
        legend: LegendPosition::UpperRight,
    }
}

/// The saddle `x0² - x1²` and the plateau `1 - exp(-(x0² + x1²))`
/// (`studies::descent_paths::{saddle_descent, plateau_descent}`): top the
/// saddle's path and loss, bottom the plateau's.
pub fn saddle_and_plateau_svg(saddle: &Crawl, plateau: &Crawl) -> Result<String, DrawError> {
    let notes = [
        format!(
            "saddle: |x1| stays below 0.1 for the first {} points while x0 slides to 0, \
             then x1 grows by 1.2 a step: the origin is a saddle, not a minimum",
            saddle.near_x1_axis()
        ),
        format!(
            "plateau: the loss falls by less than 0.001 a step for the first {} steps \
             (gradient 2r exp(-r²) ~ 0.01 at r = 2.5), then drops to {:.1e}",
            plateau.flat_steps(),
            plateau.loss.last().copied().unwrap_or(f64::NAN)
        ),
    ];
    panels_svg(
        (1200, 1000),
        "Where gradient descent crawls: a saddle and a plateau",
        (2, 2),
        &[
            path_panel(
                format!("saddle x0² - x1² from (-3, 1e-3), lr {}", saddle.lr),
                &saddle.path,
            ),
            loss_panel("saddle: f(x) against step", &saddle.loss, ORANGE),
            path_panel(
                format!(
                    "plateau 1 - exp(-(x0² + x1²)) from (2, 1.5), lr {}",
                    plateau.lr
                ),
                &plateau.path,
            ),
            loss_panel("plateau: f(x) against step", &plateau.loss, ORANGE),
        ],
        &notes,
    )
}
