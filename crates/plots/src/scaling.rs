//! `scaling.svg`: time per sample against the hidden size, log-log, one
//! panel per phase (a training step, an evaluation pass), a line per
//! implementation and batch size. The lines come as plain series: the
//! caller (xtask's bench) maps its report's rows to them.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::DrawError;

/// Size of the image, in SVG pixels.
const SIZE: (u32, u32) = (1200, 560);

/// One line of a log-log panel: its points `(hidden units, seconds per
/// sample)`, drawn with a dot at each.
#[derive(Debug, Clone)]
pub struct ScalingLine {
    /// Its legend entry.
    pub label: String,
    /// Its points, in drawing order.
    pub points: Vec<(f64, f64)>,
    /// Its colour.
    pub color: RGBColor,
    /// Dashed (else solid).
    pub dashed: bool,
}

/// One panel of `scaling.svg`: its caption and its lines.
#[derive(Debug, Clone)]
pub struct ScalingPanel {
    /// The panel's title.
    pub caption: String,
    /// The lines, drawn in order.
    pub lines: Vec<ScalingLine>,
}

/// The SVG of `panels` side by side under `title`, each log-log with the
/// hidden sizes as x ticks and 1, 2, 5 times powers of ten as y ticks,
/// labelled by `time` (seconds to text, e.g. `2.0 µs`).
///
/// # Errors
/// If plotters fails to draw (a bug, not bad data).
pub fn scaling_svg(
    title: &str,
    panels: &[ScalingPanel],
    time: &dyn Fn(f64) -> String,
) -> Result<String, DrawError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let body = root.titled(title, ("sans-serif", 20))?;
        let areas = body.split_evenly((1, panels.len().max(1)));
        for (area, panel) in areas.iter().zip(panels) {
            draw_panel(area, panel, time)?;
        }
        root.present()?;
    }
    Ok(svg)
}

/// One log-log panel on `area`.
fn draw_panel(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    panel: &ScalingPanel,
    time: &dyn Fn(f64) -> String,
) -> Result<(), DrawError> {
    let lines = &panel.lines;
    let points = || lines.iter().flat_map(|line| line.points.iter().copied());
    let x = log_range(points().map(|(x, _)| x), 1.15);
    let y = log_range(points().map(|(_, y)| y), 1.6);
    let mut chart = ChartBuilder::on(area)
        .caption(&panel.caption, ("sans-serif", 18))
        .margin(14)
        .x_label_area_size(44)
        .y_label_area_size(72)
        .build_cartesian_2d(
            x.log_scale().with_key_points(hidden_sizes(lines)),
            y.clone().log_scale().with_key_points(one_two_five(&y)),
        )?;
    chart
        .configure_mesh()
        .x_desc("hidden units (log scale)")
        .y_desc("time per sample (log scale)")
        .x_label_formatter(&|&v| format!("{v:.0}"))
        .y_label_formatter(&|&v| time(v))
        .axis_desc_style(("sans-serif", 16))
        .label_style(("sans-serif", 13))
        .bold_line_style(BLACK.mix(0.06))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    for line in lines {
        let color = line.color;
        let points = line.points.iter().copied();
        let style = color.stroke_width(2);
        let drawn = if line.dashed {
            chart.draw_series(DashedLineSeries::new(points, 8, 5, style))?
        } else {
            chart.draw_series(LineSeries::new(points, style))?
        };
        // The legend's glyph: a solid stroke, or two dashes.
        let (end, start) = if line.dashed { (9, 15) } else { (24, 24) };
        drawn.label(&line.label).legend(move |(x, y)| {
            EmptyElement::at((x, y))
                + PathElement::new([(0, 0), (end, 0)], color.stroke_width(2))
                + PathElement::new([(start, 0), (24, 0)], color.stroke_width(2))
        });
        chart.draw_series(
            line.points
                .iter()
                .map(|&point| Circle::new(point, 3, color.filled())),
        )?;
    }
    crate::panel::draw_legend(&mut chart, SeriesLabelPosition::UpperLeft, 13)?;
    Ok(())
}

/// The x values of `lines` (the hidden sizes), the x axis's ticks.
fn hidden_sizes(lines: &[ScalingLine]) -> Vec<f64> {
    let mut sizes: Vec<f64> = lines
        .iter()
        .flat_map(|line| line.points.iter().map(|&(x, _)| x))
        .collect();
    sizes.sort_by(f64::total_cmp);
    sizes.dedup();
    sizes
}

/// The ticks 1, 2 and 5 times a power of ten within `range`.
fn one_two_five(range: &Range<f64>) -> Vec<f64> {
    let first = range.start.log10().floor() as i32;
    let last = range.end.log10().ceil() as i32;
    (first..=last)
        .flat_map(|power| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(power)))
        .filter(|tick| range.contains(tick))
        .collect()
}

/// The positive range holding `values`, widened by the factor `pad` at
/// both ends (`1..10` when there is none).
fn log_range(values: impl Iterator<Item = f64>, pad: f64) -> Range<f64> {
    let (lo, hi) = values
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        1.0..10.0
    } else {
        lo / pad..hi * pad
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::palette;

    #[test]
    fn bench_scaling_ticks_are_one_two_five() {
        let ticks = one_two_five(&(3e-7..2.1e-5));
        let expected = [5e-7, 1e-6, 2e-6, 5e-6, 1e-5, 2e-5];
        assert_eq!(ticks.len(), expected.len(), "{ticks:?}");
        for (tick, expected) in ticks.iter().zip(expected) {
            assert!((tick / expected - 1.0).abs() < 1e-12, "{ticks:?}");
        }
    }

    #[test]
    fn every_panel_and_line_is_drawn_with_its_dots() -> Result<(), Box<dyn std::error::Error>> {
        let line = |label: &str, dashed| ScalingLine {
            label: label.to_owned(),
            points: vec![(50.0, 2e-6), (800.0, 2e-5)],
            color: palette::BLUE,
            dashed,
        };
        let panels = [
            ScalingPanel {
                caption: "steps".to_owned(),
                lines: vec![
                    line("ours, batch 100", false),
                    line("ours, batch 1000", true),
                ],
            },
            ScalingPanel {
                caption: "evaluation".to_owned(),
                lines: vec![line("ours", false)],
            },
        ];
        let svg = scaling_svg("Time per sample", &panels, &|s| {
            format!("{:.0} µs", s * 1e6)
        })?;
        let doc = roxmltree::Document::parse(&svg)?;
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|node| node.has_tag_name("text"))
            .filter_map(|node| node.text())
            .map(str::trim)
            .collect();
        for text in [
            "Time per sample",
            "steps",
            "evaluation",
            "ours, batch 1000",
            "20 µs",
        ] {
            assert!(texts.contains(&text), "no {text:?} in {texts:?}");
        }
        let dots = doc
            .descendants()
            .filter(|n| n.has_tag_name("circle"))
            .count();
        assert_eq!(dots, 3 * 2);
        Ok(())
    }
}
