//! The figures of descent paths: the book's gradient descent with three
//! learning rates (figure 4-10) and the saddle and plateau traps.

use nalgebra::dvector;
use plotters::prelude::SeriesLabelPosition;

use super::Figure;
use super::data::{PLATEAU, SADDLE, descent, function_2, plateau, points, saddle};
use plots::palette::{BLUE, GREEN, ORANGE, RED};
use plots::{Panel, Series, Style, Ticks, axis_cross, bounds, panels_svg};

/// The book's start and number of steps in `gradient_method.py`.
const START: [f64; 2] = [-3.0, 4.0];
const STEPS: usize = 20;

fn tuples(path: &[[f64; 2]]) -> Vec<(f64, f64)> {
    path.iter().map(|&[x0, x1]| (x0, x1)).collect()
}

/// A path panel: the dashed axes, the path's dots, the start and the end.
fn path_panel(
    caption: String,
    path: &[[f64; 2]],
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
) -> Panel {
    let dots = tuples(path);
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
        legend: SeriesLabelPosition::UpperRight,
    }
}

/// `gradient-descent`: lr 0.1 in the book's window, and beside it lr 10
/// (diverges) and lr 1e-10 (does not move).
pub fn gradient_descent_figure() -> anyhow::Result<Figure> {
    let good = points(&descent(function_2, START, 0.1, STEPS));
    let large = points(&descent(function_2, START, 10.0, STEPS));
    let small = points(&descent(function_2, START, 1e-10, STEPS));
    let book = path_panel(
        "lr = 0.1: to the minimum".to_owned(),
        &good,
        -3.5..3.5,
        -4.5..4.5,
    );
    let distance: Vec<(f64, f64)> = large
        .iter()
        .enumerate()
        .map(|(k, p)| (k as f64, p[0].hypot(p[1]).log10()))
        .collect();
    let top = distance.iter().map(|p| p.1).fold(1.0, f64::max).ceil() + 1.0;
    let diverging = Panel {
        caption: "lr = 10: diverges".to_owned(),
        x: ("step".to_owned(), 0.0..STEPS as f64, Ticks::Decimals(0)),
        y: (
            "distance |x| from the minimum".to_owned(),
            0.0..top,
            Ticks::Log10,
        ),
        series: vec![Series::new("|x|", distance, ORANGE, Style::Dots)],
        legend: SeriesLabelPosition::UpperLeft,
    };
    let moved = small
        .last()
        .map_or(0.0, |p| (p[0] - START[0]).hypot(p[1] - START[1]));
    let stuck = path_panel(
        "lr = 1e-10: does not move".to_owned(),
        &small,
        -3.5..3.5,
        -4.5..4.5,
    );
    let end = |path: &[[f64; 2]]| path.last().copied().unwrap_or(START);
    let notes = vec![
        format!(
            "from (-3, 4), {STEPS} steps of x <- x - lr grad f(x), the gradient by numdiff; \
             lr 0.1 ends at ({:.4}, {:.4})",
            end(&good)[0],
            end(&good)[1]
        ),
        format!(
            "lr 10 multiplies x by -19 a step until h = 1e-4 is below the float spacing \
             of x² and the gradient is 0: ends at ({:.3e}, {:.3e})",
            end(&large)[0],
            end(&large)[1]
        ),
        format!(
            "lr 1e-10: all {} points overlap the start; the path is {moved:.1e} long",
            small.len()
        ),
    ];
    let svg = panels_svg(
        (1500, 640),
        "Gradient descent on f(x0, x1) = x0² + x1² (figure 4-10)",
        (1, 3),
        &[book, diverging, stuck],
        &notes,
    )?;
    Ok(Figure {
        name: "gradient-descent",
        svg,
        printout: format!(
            "{} points from (-3, 4); lr 0.1 ends at {:?}, lr 10 at {:?}, lr 1e-10 at {:?}",
            good.len(),
            end(&good),
            end(&large),
            end(&small)
        ),
        index: "The book's gradient_method.py: with lr 0.1 each step shrinks x by 0.8 toward \
                the minimum; a learning rate of 10 throws x ever further out, and 1e-10 never \
                leaves the start."
            .to_owned(),
    })
}

/// A loss-against-step panel.
fn loss_panel(caption: &str, loss: &[f64], color: plotters::style::RGBColor) -> Panel {
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
        legend: SeriesLabelPosition::UpperRight,
    }
}

/// `saddle-and-plateau`: gradient descent that stalls where the gradient is
/// (nearly) zero but the point is no minimum.
pub fn saddle_and_plateau_figure() -> anyhow::Result<Figure> {
    let (start, lr, steps) = SADDLE;
    let saddle_path = points(&descent(saddle, start, lr, steps));
    let saddle_loss: Vec<f64> = saddle_path
        .iter()
        .map(|&p| saddle(&dvector![p[0], p[1]]))
        .collect();
    let crawl = saddle_path.iter().take_while(|p| p[1].abs() < 0.1).count();
    let (x, y) = bounds(&tuples(&saddle_path), 0.08);
    let saddle_panel = path_panel(
        format!("saddle x0² - x1² from (-3, 1e-3), lr {lr}"),
        &saddle_path,
        x,
        y,
    );
    let (p_start, p_lr, p_steps) = PLATEAU;
    let plateau_path = points(&descent(plateau, p_start, p_lr, p_steps));
    let plateau_loss: Vec<f64> = plateau_path
        .iter()
        .map(|&p| plateau(&dvector![p[0], p[1]]))
        .collect();
    let flat = plateau_loss
        .windows(2)
        .take_while(|w| w[0] - w[1] < 1e-3)
        .count();
    let (x, y) = bounds(&tuples(&plateau_path), 0.08);
    let plateau_panel = path_panel(
        format!("plateau 1 - exp(-(x0² + x1²)) from (2, 1.5), lr {p_lr}"),
        &plateau_path,
        x,
        y,
    );
    let notes = vec![
        format!(
            "saddle: |x1| stays below 0.1 for the first {crawl} points while x0 slides to 0, \
             then x1 grows by 1.2 a step: the origin is a saddle, not a minimum"
        ),
        format!(
            "plateau: the loss falls by less than 0.001 a step for the first {flat} steps \
             (gradient 2r exp(-r²) ~ 0.01 at r = 2.5), then drops to {:.1e}",
            plateau_loss.last().copied().unwrap_or(f64::NAN)
        ),
    ];
    let svg = panels_svg(
        (1200, 1000),
        "Where gradient descent crawls: a saddle and a plateau",
        (2, 2),
        &[
            saddle_panel,
            loss_panel("saddle: f(x) against step", &saddle_loss, ORANGE),
            plateau_panel,
            loss_panel("plateau: f(x) against step", &plateau_loss, ORANGE),
        ],
        &notes,
    )?;
    Ok(Figure {
        name: "saddle-and-plateau",
        svg,
        printout: format!(
            "saddle: {crawl} points with |x1| < 0.1, end {:?}; plateau: {flat} steps with a \
             loss change < 0.001, loss {:.4} -> {:.2e}",
            saddle_path.last().copied().unwrap_or(start),
            plateau_loss.first().copied().unwrap_or(f64::NAN),
            plateau_loss.last().copied().unwrap_or(f64::NAN)
        ),
        index: "A zero gradient is not always a minimum. Top: on the saddle x0² - x1² the path \
                slides to the origin and crawls there before escaping along x1. Bottom: on the \
                flat rim of the well 1 - exp(-(x0² + x1²)) the loss barely moves for many steps."
            .to_owned(),
    })
}
