//! The line charts of the study: `gradient-norms.svg` (|dL/dW| per layer, log
//! scale, one line per setting) and `training-loss.svg` (the loss curves).

use plotters::coord::combinators::IntoLogRange;
use plotters::prelude::*;

use super::training::{Curve, FINAL_WINDOW};
use super::{Args, Setting, init_title};
use crate::init_study::activations::number;
use plots::{moving_average, palette};

const SIZE: (u32, u32) = (900, 560);

/// `|dL/dW_i|` against the layer `i`, on a log scale; sigmoid lines dashed.
pub fn gradient_norms_svg(norms: &[(Setting, Vec<f64>)]) -> anyhow::Result<String> {
    let positive = || {
        norms
            .iter()
            .flat_map(|(_, n)| n)
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
    let layers = norms.iter().map(|(_, n)| n.len()).max().unwrap_or(1).max(2);
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
        for ((setting, layer_norms), &colour) in norms.iter().zip(palette::SERIES.iter().cycle()) {
            let points: Vec<(f64, f64)> = layer_norms
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0.0)
                .map(|(i, &v)| ((i + 1) as f64, v))
                .collect();
            let style = colour.stroke_width(2);
            let sigmoid = setting.0 == twolayer::Activation::Sigmoid;
            let series = if sigmoid {
                chart.draw_series(DashedLineSeries::new(points.iter().copied(), 8, 5, style))?
            } else {
                chart.draw_series(LineSeries::new(points.iter().copied(), style))?
            };
            series.label(setting.title()).legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 24, y)], colour.stroke_width(3))
            });
            chart.draw_series(points.iter().map(|&p| Circle::new(p, 4, colour.filled())))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .label_font(("sans-serif", 14))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()?;
        root.present()?;
    }
    Ok(svg)
}

/// The batch loss of every run (light) and its moving average (solid).
pub fn loss_curves_svg(curves: &[Curve], args: &Args) -> anyhow::Result<String> {
    const WINDOW: usize = 50;
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
            args.lr, args.batch_size
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
            let finite = |(i, v): (usize, &f64)| v.is_finite().then_some((i as f64, *v));
            chart.draw_series(LineSeries::new(
                curve.losses.iter().enumerate().filter_map(finite),
                colour.mix(0.25).stroke_width(1),
            ))?;
            let points: Vec<(f64, f64)> =
                curve.losses.iter().enumerate().filter_map(finite).collect();
            chart
                .draw_series(LineSeries::new(
                    moving_average(&points, WINDOW),
                    colour.stroke_width(2),
                ))?
                .label(format!(
                    "{}: final {}",
                    init_title(curve.init),
                    number(curve.final_loss())
                ))
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 24, y)], colour.stroke_width(3))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(("sans-serif", 14))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()?;
        // The legend's "final" is a mean: say so under the plot.
        foot.draw(&Text::new(
            format!(
                "light: loss per batch; solid: moving average of {WINDOW}; final: mean of the \
                 last {FINAL_WINDOW} batches"
            ),
            (80, 4),
            ("sans-serif", 13),
        ))?;
        root.present()?;
    }
    Ok(svg)
}
