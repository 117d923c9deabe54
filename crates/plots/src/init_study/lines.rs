//! The line charts of the initialisation study: `gradient-norms.svg`
//! (`|dL/dW|` per layer, log scale, one line per setting) and
//! `training-loss.svg` (the loss curves, the book's figure 6-15).

use plotters::coord::combinators::IntoLogRange;
use plotters::prelude::*;
use studies::init::{
    Activation, Curve, FINAL_WINDOW, GradientNorms, SMOOTHING, TrainingSettings, init_title, number,
};

use crate::{DrawError, palette};

const SIZE: (u32, u32) = (900, 560);

/// `|dL/dW_i|` against the layer `i`, on a log scale; sigmoid lines dashed.
pub fn gradient_norms(norms: &[GradientNorms]) -> Result<String, DrawError> {
    let positive = || {
        norms
            .iter()
            .flat_map(|g| &g.norms)
            .copied()
            .filter(|&v| v > 0.0)
    };
    let low = positive().fold(f64::INFINITY, f64::min);
    let high = positive().fold(0.0, f64::max);
    let (low, high) = if low.is_finite() && high > 0.0 {
        (low / 3.0, high * 3.0)
    } else {
        (1e-6, 1.0)
    };
    let layers = norms
        .iter()
        .map(|g| g.norms.len())
        .max()
        .unwrap_or(1)
        .max(2);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                "|dL/dW| per layer at initialisation (784-100x5-10, 100 MNIST images)",
                ("sans-serif", 20),
            )
            .margin(16)
            .x_label_area_size(48)
            .y_label_area_size(72)
            .build_cartesian_2d(0.8..layers as f64 + 0.2, (low..high).log_scale())?;
        chart
            .configure_mesh()
            .x_desc("layer (W1 at the input)")
            .y_desc("|dL/dW| (log scale)")
            .x_labels(layers)
            .x_label_formatter(&|x| format!("W{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.0e}"))
            .axis_desc_style(("sans-serif", 18))
            .label_style(("sans-serif", 14))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        for (g, &colour) in norms.iter().zip(palette::SERIES.iter().cycle()) {
            let points: Vec<(f64, f64)> = g
                .norms
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0.0)
                .map(|(i, &v)| ((i + 1) as f64, v))
                .collect();
            let style = colour.stroke_width(2);
            let series = if g.setting.0 == Activation::Sigmoid {
                chart.draw_series(DashedLineSeries::new(points.iter().copied(), 8, 5, style))?
            } else {
                chart.draw_series(LineSeries::new(points.iter().copied(), style))?
            };
            series.label(g.setting.title()).legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 24, y)], colour.stroke_width(3))
            });
            chart.draw_series(points.iter().map(|&p| Circle::new(p, 4, colour.filled())))?;
        }
        crate::panel::draw_legend(&mut chart, SeriesLabelPosition::LowerRight, 14)?;
        root.present()?;
    }
    Ok(svg)
}

/// The batch loss of every run (light) and its moving average (solid),
/// each labelled with its final loss; a note under the plot says what
/// "final" means.
pub fn training_loss(curves: &[Curve], settings: &TrainingSettings) -> Result<String, DrawError> {
    let iters = curves
        .iter()
        .map(|c| c.losses.len())
        .max()
        .unwrap_or(1)
        .max(2);
    let y_max = curves
        .iter()
        .flat_map(|c| &c.losses)
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max)
        .clamp(0.5, 5.0)
        * 1.05;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let (root, foot) = root.split_vertically(SIZE.1 - 26);
        let caption = format!(
            "MNIST, 784-100x4-10 ReLU, SGD lr {}, batch {}: training loss by initialisation",
            settings.learning_rate, settings.batch_size
        );
        let mut chart = ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", 20))
            .margin(16)
            .x_label_area_size(48)
            .y_label_area_size(64)
            .build_cartesian_2d(0.0..(iters - 1) as f64, 0.0..y_max)?;
        chart
            .configure_mesh()
            .x_desc("iteration")
            .y_desc("loss (batch cross-entropy)")
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.1}"))
            .axis_desc_style(("sans-serif", 18))
            .label_style(("sans-serif", 14))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        for (curve, &colour) in curves.iter().zip(palette::SERIES.iter().cycle()) {
            chart.draw_series(LineSeries::new(
                curve.points(),
                colour.mix(0.25).stroke_width(1),
            ))?;
            chart
                .draw_series(LineSeries::new(curve.smoothed(), colour.stroke_width(2)))?
                .label(format!(
                    "{}: final {}",
                    init_title(curve.init),
                    number(curve.final_loss())
                ))
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 24, y)], colour.stroke_width(3))
                });
        }
        crate::panel::draw_legend(&mut chart, SeriesLabelPosition::UpperRight, 14)?;
        foot.draw(&Text::new(
            format!(
                "light: loss per batch; solid: moving average of {SMOOTHING}; final: mean of the \
                 last {FINAL_WINDOW} batches"
            ),
            (80, 4),
            ("sans-serif", 13),
        ))?;
        root.present()?;
    }
    Ok(svg)
}
