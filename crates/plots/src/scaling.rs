//! `scaling.svg`: time per sample against the hidden size, log-log, one
//! panel for the training step (a line per implementation and batch size)
//! and one for the evaluation pass (a line per implementation). Text is SVG
//! `<text>`, no font files (as in `crate::run::plots`).

use std::ops::Range;

use benchsuite::ScalingReport;
use benchsuite::scaling::series::{Implementation, Line, Phase};
use benchsuite::scaling::table::per_item;
use plotters::coord::Shift;
use plotters::prelude::*;

use plots::palette;

/// Size of the image, in SVG pixels.
const SIZE: (u32, u32) = (1200, 560);

/// The colour of an implementation's lines.
fn color(implementation: Implementation) -> RGBColor {
    match implementation {
        Implementation::Ours => palette::BLUE,
        Implementation::Dense => palette::ORANGE,
        Implementation::Torch => palette::GREEN,
    }
}

/// The SVG of `report`'s lines.
pub fn scaling_svg(report: &ScalingReport) -> anyhow::Result<String> {
    let lines = report.lines();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let machine = &report.machine;
        let title = format!(
            "Time per sample against the hidden size ({}, {} cores, {} UTC)",
            machine.cpu, machine.cores, machine.date_utc
        );
        let body = root.titled(&title, ("sans-serif", 20))?;
        let (left, right) = body.split_horizontally(SIZE.0 / 2);
        let steps: Vec<&Line> = lines.iter().filter(|l| l.phase == Phase::Step).collect();
        let evaluation: Vec<&Line> = lines
            .iter()
            .filter(|l| l.phase == Phase::Evaluation)
            .collect();
        panel(&left, "One training step, per sample of the batch", &steps)?;
        let caption = format!("One evaluation pass of {} images, per image", report.images);
        panel(&right, &caption, &evaluation)?;
        root.present()?;
    }
    Ok(svg)
}

/// One log-log panel of `lines` on `area`: batch 100 (or the smallest)
/// solid, larger batches dashed.
fn panel(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    caption: &str,
    lines: &[&Line],
) -> anyhow::Result<()> {
    let points = || lines.iter().flat_map(|line| line.points.iter().copied());
    let x = log_range(points().map(|(x, _)| x), 1.15);
    let y = log_range(points().map(|(_, y)| y), 1.6);
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 18))
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
        .y_label_formatter(&|&v| per_item(v))
        .axis_desc_style(("sans-serif", 16))
        .label_style(("sans-serif", 13))
        .bold_line_style(BLACK.mix(0.06))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    let smallest_batch = lines.iter().filter_map(|line| line.batch).min();
    for line in lines {
        let color = color(line.implementation);
        let solid = line.batch == smallest_batch;
        let points = line.points.iter().copied();
        let style = color.stroke_width(2);
        let drawn = if solid {
            chart.draw_series(LineSeries::new(points, style))?
        } else {
            chart.draw_series(DashedLineSeries::new(points, 8, 5, style))?
        };
        let label = match line.batch {
            Some(batch) => format!("{}, batch {batch}", line.implementation.name()),
            None => line.implementation.name().to_owned(),
        };
        // The legend's glyph: a solid stroke, or two dashes.
        let (end, start) = if solid { (24, 24) } else { (9, 15) };
        drawn.label(label).legend(move |(x, y)| {
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
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 13))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()?;
    Ok(())
}

/// The hidden sizes of `lines`, the x axis's ticks.
fn hidden_sizes(lines: &[&Line]) -> Vec<f64> {
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

    #[test]
    fn bench_scaling_ticks_are_one_two_five() {
        let ticks = one_two_five(&(3e-7..2.1e-5));
        let expected = [5e-7, 1e-6, 2e-6, 5e-6, 1e-5, 2e-5];
        assert_eq!(ticks.len(), expected.len(), "{ticks:?}");
        for (tick, expected) in ticks.iter().zip(expected) {
            assert!((tick / expected - 1.0).abs() < 1e-12, "{ticks:?}");
        }
    }
}
