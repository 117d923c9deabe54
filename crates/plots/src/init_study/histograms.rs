//! `activations-<activation>-<init>.svg`: one histogram per hidden layer of
//! a setting's activations, side by side as in the book's figures 6-10 to
//! 6-14.

use plotters::prelude::*;
use studies::init::{Activation, BINS, SettingActivations, number};

use crate::{DrawError, palette};

const SIZE: (u32, u32) = (1500, 440);
const BAR: RGBColor = palette::BLUE;

/// An x tick label: one decimal when the range is at least 0.1, else
/// scientific notation.
fn tick(x: f64, high: f64) -> String {
    if high >= 0.1 || x == 0.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0e}")
    }
}

/// The figure of one setting: a panel per layer with its mean and std, the
/// same axes for all; for ReLU, each panel says what share of exact zeros
/// its histogram leaves out.
pub fn activation_histograms(study: &SettingActivations) -> Result<String, DrawError> {
    let layers = &study.layers;
    let relu = study.setting.0 == Activation::Relu;
    let high = layers.first().map_or(1.0, |l| l.histogram.high);
    let y_max = layers
        .iter()
        .flat_map(|l| &l.histogram.counts)
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64
        * 1.05;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let title = format!(
            "{}: activations of the {} hidden layers (1000 standard-normal inputs x 100 units)",
            study.setting.title(),
            layers.len()
        );
        let body = root.titled(&title, ("sans-serif", 24))?;
        let panels = body.split_evenly((1, layers.len().max(1)));
        for (i, (layer, area)) in layers.iter().zip(&panels).enumerate() {
            let caption = format!(
                "layer {}: mean {}, std {}",
                i + 1,
                number(layer.moments.mean),
                number(layer.moments.std)
            );
            let mut chart = ChartBuilder::on(area)
                .caption(caption, ("sans-serif", 15))
                .margin(8)
                .x_label_area_size(40)
                .y_label_area_size(58)
                .build_cartesian_2d(0.0..high, 0.0..y_max)?;
            chart
                .configure_mesh()
                .x_desc("activation")
                .y_desc("count")
                .x_labels(3)
                .y_labels(5)
                .x_label_formatter(&|x| tick(*x, high))
                .y_label_formatter(&|y| format!("{y:.0}"))
                .axis_desc_style(("sans-serif", 15))
                .label_style(("sans-serif", 12))
                .disable_mesh()
                .draw()?;
            if relu {
                let note = format!("{:.0}% zeros not shown", 100.0 * layer.zeros);
                chart.draw_series([Text::new(
                    note,
                    (high * 0.45, y_max * 0.95),
                    ("sans-serif", 13).into_font(),
                )])?;
            }
            let width = high / BINS as f64;
            chart.draw_series(
                layer
                    .histogram
                    .counts
                    .iter()
                    .enumerate()
                    .map(|(bin, &count)| {
                        let left = bin as f64 * width;
                        Rectangle::new([(left, 0.0), (left + width, count as f64)], BAR.filled())
                    }),
            )?;
        }
        root.present()?;
    }
    Ok(svg)
}
