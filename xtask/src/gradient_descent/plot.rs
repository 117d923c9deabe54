//! The plot of `cargo xtask gradient-descent`: a path's points over the
//! (x0, x1) plane, as the book's figure 4-10, as SVG text.
//!
//! When the whole path fits the book's window (-3.5..3.5 by -4.5..4.5) the
//! axes are linear, as in the book. Otherwise (a diverging learning rate
//! sends x to 1e13) both axes use a symmetric log scale,
//! `sign(v) log10(1 + |v|)`: linear near 0, one step per decade further out,
//! so the growing zigzag stays readable. The note under the chart says which.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use crate::sampled::Sampled;
use plots::palette;

/// Size of the image, in SVG pixels (taller than wide, as the book's window).
const SIZE: (u32, u32) = (760, 860);
/// Height of one line of the notes under the chart.
const NOTE_LINE: u32 = 22;
/// The book's window: `plt.xlim(-3.5, 3.5)`, `plt.ylim(-4.5, 4.5)`.
const BOOK_X: (f64, f64) = (-3.5, 3.5);
const BOOK_Y: (f64, f64) = (-4.5, 4.5);
const POINT_COLOR: RGBColor = palette::BLUE;
const PATH_COLOR: RGBColor = palette::LIGHT_BLUE;
const START_COLOR: RGBColor = palette::GREEN;
const END_COLOR: RGBColor = palette::RED;

/// The scale of both axes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scale {
    /// The book's window, linear.
    Book,
    /// `sign(v) log10(1 + |v|)` over the data's own range.
    SymLog,
}

impl Scale {
    /// Where `v` goes on the chart's (linear) coordinates.
    fn to_chart(self, v: f64) -> f64 {
        match self {
            Scale::Book => v,
            Scale::SymLog => v.signum() * v.abs().ln_1p() / std::f64::consts::LN_10,
        }
    }

    /// The tick label at chart coordinate `u` (one of [`Axis::ticks`]).
    fn label(self, u: f64) -> String {
        match self {
            Scale::Book => format!("{u:.0}"),
            Scale::SymLog if u == 0.0 => "0".to_owned(),
            Scale::SymLog => {
                // The ticks sit at +-log10(1 + 10^k).
                let k = ((10_f64.powf(u.abs()) - 1.0).log10()).round();
                let sign = if u < 0.0 { "-" } else { "" };
                if k < 3.0 {
                    format!("{sign}{}", 10_f64.powf(k))
                } else {
                    format!("{sign}1e{k}")
                }
            }
        }
    }

    /// The chart range and ticks of one axis holding `values` (chart
    /// coordinates) and, for the book's scale, the book's window.
    fn axis(self, values: impl Iterator<Item = f64>, book: (f64, f64)) -> Axis {
        match self {
            Scale::Book => Axis {
                range: book.0..book.1,
                ticks: (book.0.ceil() as i32..=book.1.floor() as i32)
                    .map(f64::from)
                    .collect(),
            },
            Scale::SymLog => {
                let (lo, hi) =
                    values.fold((0.0_f64, 0.0_f64), |(lo, hi), u| (lo.min(u), hi.max(u)));
                let (lo, hi) = (lo - 0.5, hi + 0.5);
                let decades = lo.abs().max(hi).floor().max(1.0) as i32;
                let step = ((decades + 5) / 6).max(1);
                let mut ticks = vec![0.0];
                for k in (step..=decades).step_by(step as usize) {
                    let u = self.to_chart(10_f64.powi(k));
                    ticks.extend([-u, u].into_iter().filter(|u| (lo..=hi).contains(u)));
                }
                ticks.sort_by(f64::total_cmp);
                Axis {
                    range: lo..hi,
                    ticks,
                }
            }
        }
    }
}

/// One axis: its range in chart coordinates and where its labels go (a
/// linear plotters axis whose ticks are ours; the tick labels come from the
/// mesh's label formatter).
#[derive(Clone)]
struct Axis {
    range: Range<f64>,
    ticks: Vec<f64>,
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        RangedCoordf64::from(self.range.clone()).map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Bold lines and labels at our ticks; no light lines.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

/// The points of a descent (start first, end last) over the x0 and x1 axes:
/// each point a dot, joined by a faint line in step order, the start and
/// end marked, and a dashed axis cross through the origin. `lr` names the
/// learning rate in the title; `end` is the end point as the text should
/// print it. Non-finite points (an overflow) are left out and counted in
/// the note. A long path is a [`Sampled`] subset (every k-th step and the
/// end), and a note says so.
pub fn descent_svg(path: &Sampled<[f64; 2]>, lr: &str, end: &str) -> anyhow::Result<String> {
    let points: Vec<[f64; 2]> = path.points().iter().map(|&(_, x)| x).collect();
    let points = points.as_slice();
    let finite: Vec<[f64; 2]> = points
        .iter()
        .copied()
        .filter(|p| p.iter().all(|v| v.is_finite()))
        .collect();
    let in_book_window = |&[x0, x1]: &[f64; 2]| {
        (BOOK_X.0..=BOOK_X.1).contains(&x0) && (BOOK_Y.0..=BOOK_Y.1).contains(&x1)
    };
    let scale = if finite.iter().all(in_book_window) {
        Scale::Book
    } else {
        Scale::SymLog
    };
    let chart_points: Vec<(f64, f64)> = finite
        .iter()
        .map(|&[x0, x1]| (scale.to_chart(x0), scale.to_chart(x1)))
        .collect();
    let x_axis = scale.axis(chart_points.iter().map(|p| p.0), BOOK_X);
    let y_axis = scale.axis(chart_points.iter().map(|p| p.1), BOOK_Y);
    let notes = notes(path, &finite, scale, end);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let note_lines = u32::try_from(notes.len()).unwrap_or(0);
        let (upper, lower) = root.split_vertically(SIZE.1 - 12 - NOTE_LINE * note_lines);
        let (x_range, y_range) = (x_axis.range.clone(), y_axis.range.clone());
        let mut chart = ChartBuilder::on(&upper)
            .caption(
                format!("Gradient descent on f(x0, x1) = x0² + x1², lr = {lr}"),
                ("sans-serif", 24),
            )
            .margin(16)
            .x_label_area_size(48)
            .y_label_area_size(72)
            .build_cartesian_2d(x_axis, y_axis)?;
        chart
            .configure_mesh()
            .x_desc("x0")
            .y_desc("x1")
            .x_label_formatter(&|&u| scale.label(u))
            .y_label_formatter(&|&u| scale.label(u))
            .axis_desc_style(("sans-serif", 20))
            .label_style(("sans-serif", 15))
            .bold_line_style(BLACK.mix(0.08))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        let cross = BLACK.mix(0.55).stroke_width(1);
        chart.draw_series(DashedLineSeries::new(
            [(x_range.start, 0.0), (x_range.end, 0.0)],
            8,
            6,
            cross,
        ))?;
        chart
            .draw_series(DashedLineSeries::new(
                [(0.0, y_range.start), (0.0, y_range.end)],
                8,
                6,
                cross,
            ))?
            .label("x0 = 0 and x1 = 0 (dashed)")
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], cross));
        chart.draw_series(LineSeries::new(
            chart_points.iter().copied(),
            PATH_COLOR.stroke_width(1),
        ))?;
        chart
            .draw_series(
                chart_points
                    .iter()
                    .map(|&p| Circle::new(p, 4, POINT_COLOR.filled())),
            )?
            .label(format!("x after each step ({} points)", chart_points.len()))
            .legend(|(x, y)| Circle::new((x + 12, y), 4, POINT_COLOR.filled()));
        if let (Some(&start), Some(&last)) = (chart_points.first(), chart_points.last()) {
            chart
                .draw_series([Circle::new(start, 9, START_COLOR.stroke_width(3))])?
                .label(format!("start {}", point_text(points.first())))
                .legend(|(x, y)| Circle::new((x + 12, y), 7, START_COLOR.stroke_width(3)));
            chart
                .draw_series([Cross::new(last, 8, END_COLOR.stroke_width(3))])?
                .label(if finite.len() == points.len() {
                    "end"
                } else {
                    "last finite point"
                })
                .legend(|(x, y)| Cross::new((x + 12, y), 6, END_COLOR.stroke_width(3)));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(("sans-serif", 16))
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.4))
            .draw()?;
        for (i, note) in notes.iter().enumerate() {
            let y = 4 + NOTE_LINE as i32 * i32::try_from(i).unwrap_or(0);
            lower.draw(&Text::new(note.as_str(), (24, y), ("sans-serif", 16)))?;
        }
        root.present()?;
    }
    Ok(svg)
}

/// The lines under the chart: where the path ended, whether it stalled, and
/// how to read the axes.
fn notes(path: &Sampled<[f64; 2]>, finite: &[[f64; 2]], scale: Scale, end: &str) -> Vec<String> {
    let steps = path.len().saturating_sub(1);
    let points: Vec<[f64; 2]> = path.points().iter().map(|&(_, x)| x).collect();
    let mut lines = vec![format!(
        "from {}, {steps} steps: end x = {end}",
        point_text(points.first())
    )];
    if let Some(note) = path.note("points") {
        lines.push(format!("{note} (and the end)"));
    }
    let overflowed = points.len() - finite.len();
    if overflowed > 0 {
        let points = if overflowed == 1 { "point" } else { "points" };
        lines.push(format!(
            "{overflowed} {points} overflowed (not finite) and are not drawn"
        ));
    }
    // The last step that moved x (bit for bit); after it the points coincide.
    // Between two drawn points of a sampled path, it stopped by the second.
    let last_move = points.windows(2).rposition(|pair| pair[0] != pair[1]);
    let stalled_at = last_move.map_or(0, |i| path.points()[i + 1].0);
    if steps - stalled_at >= 2 {
        lines.push(format!(
            "x stops moving after step {stalled_at}: the last {} points coincide",
            steps - stalled_at + 1
        ));
    }
    lines.push(match scale {
        Scale::Book => {
            let spread = finite.first().map_or(0.0, |start| {
                finite
                    .iter()
                    .flat_map(|p| [(p[0] - start[0]).abs(), (p[1] - start[1]).abs()])
                    .fold(0.0, f64::max)
            });
            if spread < 0.01 {
                format!(
                    "axes: the book's window (figure 4-10), where all {} points overlap: \
                     the path spans {spread:.1e}",
                    finite.len()
                )
            } else {
                "axes: the book's window (figure 4-10)".to_owned()
            }
        }
        Scale::SymLog => {
            "axes: symmetric log scale, sign(v) log10(1 + |v|), as x leaves the book's window"
                .to_owned()
        }
    });
    lines
}

/// `(x0, x1)` as typed (`(-3, 4)`, `(400, 300)`).
fn point_text(point: Option<&[f64; 2]>) -> String {
    match point {
        Some([x0, x1]) => format!("({x0}, {x1})"),
        None => "(none)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(points: &[[f64; 2]]) -> Sampled<[f64; 2]> {
        let mut path = Sampled::new(100);
        for (step, &x) in points.iter().enumerate() {
            path.push(step, x);
        }
        path
    }

    #[test]
    fn symlog_ticks_are_powers_of_ten() {
        let axis = Scale::SymLog.axis([-13.4, 12.2].into_iter(), BOOK_X);
        let labels: Vec<String> = axis.ticks.iter().map(|&u| Scale::SymLog.label(u)).collect();
        assert_eq!(
            labels,
            [
                "-1e12", "-1e9", "-1e6", "-1e3", "0", "1e3", "1e6", "1e9", "1e12"
            ]
        );
        assert_eq!(Scale::SymLog.label(Scale::SymLog.to_chart(-10.0)), "-10");
    }

    #[test]
    fn the_plot_names_f_lr_and_axes_and_survives_overflow() -> anyhow::Result<()> {
        let inside = [[-3.0, 4.0], [-2.4, 3.2], [0.0, 0.0]];
        let svg = descent_svg(&path(&inside), "0.1", "[0., 0.]")?;
        for text in [
            "x0² + x1², lr = 0.1",
            ">\nx0\n<",
            ">\nx1\n<",
            "book&apos;s window",
        ] {
            assert!(svg.contains(text), "the plot lacks {text:?}");
        }
        let outside = [[-3.0, 4.0], [57.0, -76.0], [f64::INFINITY, f64::NAN]];
        let svg = descent_svg(&path(&outside), "10", "[inf, nan]")?;
        assert!(svg.contains("symmetric log scale"), "{svg}");
        assert!(svg.contains("1 point overflowed"), "{svg}");
        let stalled = [[-3.0, 4.0], [1.0, 1.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]];
        let svg = descent_svg(&path(&stalled), "0.5", "[0., 0.]")?;
        assert!(
            svg.contains("x stops moving after step 2: the last 3 points coincide"),
            "{svg}"
        );
        let mut long = Sampled::new(1000);
        for step in 0..100_000 {
            long.push(step, [-3.0 * 0.9_f64.powi(step as i32), 4.0]);
        }
        long.push_last(100_000, [0.0, 4.0]);
        let svg = descent_svg(&long, "0.1", "[0., 4.]")?;
        assert!(svg.contains("from (-3, 4), 100000 steps"), "{svg}");
        assert!(
            svg.contains("sampled: every 128th of 100001 points drawn"),
            "{svg}"
        );
        Ok(())
    }
}
