//! The plots of a training run, as SVG text: `loss.svg` (the loss curve),
//! `accuracy.svg` (train and test accuracy per epoch, the book's figure
//! 4-12) and `compare-runs`' plot (several runs' accuracies on one plot).
//!
//! plotters is built without a font backend (no `ttf`, no system fonts): its
//! SVG backend writes `<text>` elements and the viewer picks a sans-serif
//! font, so layout uses plotters' size estimate and needs no font files.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use studies::moving_average;
use twolayer::EpochStats;

use crate::{DrawError, palette};

/// Size of both images, in SVG pixels.
const SIZE: (u32, u32) = (900, 540);
const TRAIN_COLOR: RGBColor = palette::BLUE;
const TEST_COLOR: RGBColor = palette::ORANGE;
const RAW_LOSS_COLOR: RGBColor = palette::LIGHT_BLUE;

/// The chart every plot draws its series on.
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// What differs between the plots' frames: caption and axes.
struct Frame<'a> {
    caption: &'a str,
    x_desc: &'a str,
    x_max: f64,
    y_desc: &'a str,
    y_range: Range<f64>,
    /// Decimals of the y tick labels.
    y_decimals: usize,
}

/// Clears `root` to white and draws the frame of a plot on it: caption,
/// axes with their descriptions and ticks, no light grid.
fn frame<'a, 'b: 'a>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    frame: Frame<'_>,
) -> Result<Chart<'a, 'b>, DrawError> {
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(root)
        .caption(frame.caption, ("sans-serif", 26))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(64)
        .build_cartesian_2d(0.0..frame.x_max, frame.y_range)?;
    let y_decimals = frame.y_decimals;
    chart
        .configure_mesh()
        .x_desc(frame.x_desc)
        .y_desc(frame.y_desc)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.y_decimals$}"))
        .axis_desc_style(("sans-serif", 18))
        .label_style(("sans-serif", 14))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    Ok(chart)
}

/// The legend of the series drawn on `chart`, at `position`.
fn legend<'a, 'b: 'a>(
    chart: &mut Chart<'a, 'b>,
    position: SeriesLabelPosition,
) -> Result<(), DrawError> {
    crate::panel::draw_legend(chart, position, 16)?;
    Ok(())
}

/// The loss per iteration (light) and its trailing moving average (dark)
/// of a run of `iterations` iterations. `losses` are `(iteration, loss)`;
/// a long run's are a subset (every k-th iteration), and `sampled` is the
/// note that says so ("sampled: every 16th of 10000 iterations drawn"),
/// written in the legend.
///
/// Non-finite losses (a diverged run) are left out of the curve.
pub fn loss_svg(
    losses: &[(usize, f64)],
    iterations: usize,
    sampled: Option<&str>,
) -> Result<String, DrawError> {
    let points: Vec<(f64, f64)> = losses
        .iter()
        .filter(|(_, loss)| loss.is_finite())
        .map(|&(i, loss)| (i as f64, loss))
        .collect();
    let window = (points.len() / 100).clamp(1, 100);
    let averaged = moving_average(&points, window);
    let x_max = (iterations.max(2) - 1) as f64;
    let y_max = points.iter().map(|&(_, loss)| loss).fold(0.0, f64::max);
    let y_max = if y_max > 0.0 { y_max * 1.05 } else { 1.0 };
    let (raw_label, average_label) = match sampled {
        Some(note) => (
            format!("loss ({note})"),
            format!("moving average ({window} drawn points)"),
        ),
        None => (
            "loss per iteration".to_owned(),
            format!("moving average ({window} iterations)"),
        ),
    };

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let mut chart = frame(
            &root,
            Frame {
                caption: "Training loss (mini-batch cross-entropy)",
                x_desc: "iteration",
                x_max,
                y_desc: "loss",
                y_range: 0.0..y_max,
                y_decimals: 1,
            },
        )?;
        chart
            .draw_series(LineSeries::new(points, RAW_LOSS_COLOR.stroke_width(1)))?
            .label(raw_label)
            .legend(|(x, y)| {
                PathElement::new([(x, y), (x + 24, y)], RAW_LOSS_COLOR.stroke_width(3))
            });
        chart
            .draw_series(LineSeries::new(averaged, TRAIN_COLOR.stroke_width(2)))?
            .label(average_label)
            .legend(|(x, y)| PathElement::new([(x, y), (x + 24, y)], TRAIN_COLOR.stroke_width(3)));
        legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        root.present()?;
    }
    Ok(svg)
}

/// Train and test accuracy at each epoch, on a 0 to 1 scale (as the book's
/// figure 4-12: train solid with circles, test dashed with squares).
pub fn accuracy_svg(epochs: &[EpochStats]) -> Result<String, DrawError> {
    let run = AccuracyRun {
        epochs,
        train_label: "train acc".to_owned(),
        train_color: TRAIN_COLOR,
        test_label: "test acc".to_owned(),
        test_color: TEST_COLOR,
    };
    accuracy_chart("Accuracy per epoch", 0.0, 1, &[run])
}

/// Train and test accuracy at each epoch of several runs on one plot: one
/// color per run, train solid with circles, test dashed with squares, the
/// legend naming `<label> train` and `<label> test`. The y axis is 0 to 1,
/// or starts at the tenth below the lowest accuracy when every accuracy is
/// above 0.5 (converged runs would otherwise overlap in a thin band).
pub fn compare_accuracy_svg(runs: &[(String, Vec<EpochStats>)]) -> Result<String, DrawError> {
    let y_min = runs
        .iter()
        .flat_map(|(_, epochs)| epochs)
        .flat_map(|stats| [stats.train_acc, stats.test_acc])
        .fold(f64::INFINITY, f64::min);
    let y_min = if y_min > 0.5 && y_min.is_finite() {
        ((y_min * 10.0).floor() / 10.0).min(0.9)
    } else {
        0.0
    };
    let runs: Vec<AccuracyRun<'_>> = runs
        .iter()
        .zip(palette::SERIES.iter().cycle())
        .map(|((label, epochs), &color)| AccuracyRun {
            epochs,
            train_label: format!("{label} train"),
            train_color: color,
            test_label: format!("{label} test"),
            test_color: color,
        })
        .collect();
    accuracy_chart("accuracy per epoch", y_min, 2, &runs)
}

/// The train and test curves of one run, each with its legend label and
/// color.
struct AccuracyRun<'a> {
    epochs: &'a [EpochStats],
    train_label: String,
    train_color: RGBColor,
    test_label: String,
    test_color: RGBColor,
}

/// Accuracy per epoch from `y_min` to 1 (ticks with `y_decimals`
/// decimals): for each run, train solid with circles and test dashed with
/// squares, the legend in the lower right.
fn accuracy_chart(
    caption: &str,
    y_min: f64,
    y_decimals: usize,
    runs: &[AccuracyRun<'_>],
) -> Result<String, DrawError> {
    let x_max = runs
        .iter()
        .flat_map(|run| run.epochs)
        .map(|stats| stats.epoch)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let mut chart = frame(
            &root,
            Frame {
                caption,
                x_desc: "epoch",
                x_max,
                y_desc: "accuracy",
                y_range: y_min..1.0,
                y_decimals,
            },
        )?;
        for run in runs {
            draw_accuracy_run(&mut chart, run)?;
        }
        legend(&mut chart, SeriesLabelPosition::LowerRight)?;
        root.present()?;
    }
    Ok(svg)
}

/// One run's train curve (solid with circles) and test curve (dashed with
/// squares), with their legend entries.
fn draw_accuracy_run<'a, 'b: 'a>(
    chart: &mut Chart<'a, 'b>,
    run: &AccuracyRun<'_>,
) -> Result<(), DrawError> {
    let points = |accuracy: fn(&EpochStats) -> f64| -> Vec<(f64, f64)> {
        run.epochs
            .iter()
            .map(|stats| (stats.epoch as f64, accuracy(stats)))
            .collect()
    };
    let train = points(|stats| stats.train_acc);
    let test = points(|stats| stats.test_acc);
    let (train_color, test_color) = (run.train_color, run.test_color);
    chart
        .draw_series(LineSeries::new(
            train.iter().copied(),
            train_color.stroke_width(2),
        ))?
        .label(&run.train_label)
        .legend(move |(x, y)| {
            EmptyElement::at((x, y))
                + PathElement::new([(0, 0), (24, 0)], train_color.stroke_width(2))
                + Circle::new((12, 0), 4, train_color.filled())
        });
    chart.draw_series(
        train
            .iter()
            .map(|&point| Circle::new(point, 4, train_color.filled())),
    )?;
    chart
        .draw_series(DashedLineSeries::new(
            test.iter().copied(),
            8,
            5,
            test_color.stroke_width(2),
        ))?
        .label(&run.test_label)
        .legend(move |(x, y)| {
            EmptyElement::at((x, y))
                + PathElement::new([(0, 0), (7, 0)], test_color.stroke_width(2))
                + PathElement::new([(17, 0), (24, 0)], test_color.stroke_width(2))
                + Rectangle::new([(8, -4), (16, 4)], test_color.filled())
        });
    chart.draw_series(test.iter().map(|&(x, y)| {
        EmptyElement::at((x, y)) + Rectangle::new([(-4, -4), (4, 4)], test_color.filled())
    }))?;
    Ok(())
}

#[cfg(test)]
mod tests;
