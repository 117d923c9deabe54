//! `activations-<activation>-<init>.svg`: one histogram per hidden layer of
//! a setting's activations, side by side as in the book's figures 6-10 to 6-14.

use nalgebra::DMatrix;
use plotters::prelude::*;

use super::Setting;
use super::activations::number;

const SIZE: (u32, u32) = (1500, 440);
const BINS: usize = 30;
const BAR: RGBColor = plots::palette::BLUE;

/// Counts of `values` in `BINS` equal bins over `[0, high]` (`high` itself
/// in the last bin; values outside are not counted).
fn histogram(values: impl Iterator<Item = f64>, high: f64) -> Vec<usize> {
    let mut counts = vec![0; BINS];
    for v in values.filter(|v| (0.0..=high).contains(v)) {
        let bin = ((v / high) * BINS as f64) as usize;
        counts[bin.min(BINS - 1)] += 1;
    }
    counts
}

/// An x tick label: one decimal when the range is at least 0.1, else
/// scientific notation.
fn tick(x: f64, high: f64) -> String {
    if high >= 0.1 || x == 0.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0e}")
    }
}

/// The figure of one setting: a panel per layer, the same axes for all.
///
/// Sigmoid values are counted over `[0, 1]`. ReLU values over `[0, max]`,
/// leaving out the exact zeros (about half of them, which would dwarf the
/// rest); each panel says how many it left out.
pub fn histograms_svg(setting: Setting, layers: &[DMatrix<f64>]) -> anyhow::Result<String> {
    let relu = setting.0 == twolayer::Activation::Relu;
    let high = if relu {
        let max = layers.iter().map(|z| z.max()).fold(0.0, f64::max);
        if max > 0.0 { max } else { 1.0 }
    } else {
        1.0
    };
    let counts: Vec<Vec<usize>> = layers
        .iter()
        .map(|z| histogram(z.iter().copied().filter(|&v| !(relu && v == 0.0)), high))
        .collect();
    let y_max = counts.iter().flatten().copied().max().unwrap_or(0).max(1) as f64 * 1.05;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let title = format!(
            "{}: activations of the {} hidden layers (1000 standard-normal inputs x 100 units)",
            setting.title(),
            layers.len()
        );
        let body = root.titled(&title, ("sans-serif", 24))?;
        let panels = body.split_evenly((1, layers.len().max(1)));
        for (i, ((z, counts), area)) in layers.iter().zip(&counts).zip(&panels).enumerate() {
            let moments = multilayer::Moments::of(z);
            let caption = format!(
                "layer {}: mean {}, std {}",
                i + 1,
                number(moments.mean),
                number(moments.std)
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
                let zeros = z.iter().filter(|&&v| v == 0.0).count();
                let note = format!(
                    "{:.0}% zeros not shown",
                    100.0 * zeros as f64 / z.len() as f64
                );
                chart.draw_series([Text::new(
                    note,
                    (high * 0.45, y_max * 0.95),
                    ("sans-serif", 13).into_font(),
                )])?;
            }
            let width = high / BINS as f64;
            chart.draw_series(counts.iter().enumerate().map(|(bin, &count)| {
                let left = bin as f64 * width;
                Rectangle::new([(left, 0.0), (left + width, count as f64)], BAR.filled())
            }))?;
        }
        root.present()?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_value_lands_in_the_last_bin() {
        let counts = histogram([0.0, 0.5, 1.0, 1.5, -0.1].into_iter(), 1.0);
        assert_eq!(counts.iter().sum::<usize>(), 3);
        assert_eq!((counts[0], counts[15], counts[BINS - 1]), (1, 1, 1));
    }
}
