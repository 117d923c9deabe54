//! Figure 4-10, drawn once: descent paths over the (x0, x1) plane, one
//! panel per path, each point a dot joined by a faint line in step order,
//! the start and the end marked, a dashed axis cross through the origin.
//! A panel whose path fits the book's window (-3.5..3.5 by -4.5..4.5) has
//! the book's linear axes; one whose path leaves it (a diverging learning
//! rate sends x to 1e13) has a symmetric log scale. `cargo xtask figures`
//! draws the book's three learning rates for 20 steps side by side
//! ([`gradient_descent_svg`]); `cargo xtask gradient-descent` draws one
//! path per file, 100 steps by default ([`descent_run_svg`]).

use plotters::coord::Shift;
use plotters::prelude::*;
use studies::descent_paths::{BOOK_START, DescentPath};

use super::symlog::{BOOK_X, BOOK_Y, Scale};
use crate::DrawError;
use crate::palette::{BLUE, GREEN, LIGHT_BLUE, RED};
use crate::panel::titled_grid_svg;

/// One path to draw.
#[derive(Debug, Clone)]
pub struct DescentPanel {
    /// The panel's title (none when empty).
    pub caption: String,
    /// `(step, x)` of the drawn points, start first, end last: all of a
    /// short path or a sample of a long one.
    pub points: Vec<(usize, [f64; 2])>,
}

impl DescentPanel {
    /// A panel of every point of `points` (step `k` at index `k`).
    pub fn every_point(caption: impl Into<String>, points: &[[f64; 2]]) -> Self {
        Self {
            caption: caption.into(),
            points: points.iter().copied().enumerate().collect(),
        }
    }

    fn finite(&self) -> Vec<[f64; 2]> {
        self.points
            .iter()
            .map(|&(_, x)| x)
            .filter(|p| p.iter().all(|v| v.is_finite()))
            .collect()
    }

    /// The step after which x stopped moving (bit for bit; after it the
    /// points coincide), 0 if it never moved. Between two drawn points of a
    /// sampled path, it stopped by the second.
    pub fn last_move(&self) -> usize {
        let moved = self
            .points
            .windows(2)
            .rposition(|pair| pair[0].1 != pair[1].1);
        moved.map_or(0, |i| self.points[i + 1].0)
    }

    /// The scale its axes get.
    pub fn scale(&self) -> Scale {
        Scale::for_points(&self.finite())
    }
}

/// Figure 4-10 with `title` on top, the panels side by side and `notes`
/// (one line each) under them, on an SVG of `size`.
pub fn descent_svg(
    size: (u32, u32),
    title: &str,
    panels: &[DescentPanel],
    notes: &[String],
) -> Result<String, DrawError> {
    let columns = panels.len().max(1);
    titled_grid_svg(size, title, (1, columns), notes, panels, draw_path)
}

/// One path panel on `area`.
fn draw_path(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    panel: &DescentPanel,
) -> Result<(), DrawError> {
    let finite = panel.finite();
    let scale = Scale::for_points(&finite);
    let chart_points: Vec<(f64, f64)> = finite
        .iter()
        .map(|&[x0, x1]| (scale.to_chart(x0), scale.to_chart(x1)))
        .collect();
    let x_axis = scale.axis(chart_points.iter().map(|p| p.0), BOOK_X);
    let y_axis = scale.axis(chart_points.iter().map(|p| p.1), BOOK_Y);
    let (x_range, y_range) = (x_axis.range.clone(), y_axis.range.clone());
    let mut builder = ChartBuilder::on(area);
    if !panel.caption.is_empty() {
        builder.caption(&panel.caption, ("sans-serif", 20));
    }
    let mut chart = builder
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
        LIGHT_BLUE.stroke_width(1),
    ))?;
    chart
        .draw_series(
            chart_points
                .iter()
                .map(|&p| Circle::new(p, 4, BLUE.filled())),
        )?
        .label(format!("x after each step ({} points)", chart_points.len()))
        .legend(|(x, y)| Circle::new((x + 12, y), 4, BLUE.filled()));
    if let (Some(&start), Some(&last)) = (chart_points.first(), chart_points.last()) {
        let first = panel.points.first().map(|&(_, x)| x);
        chart
            .draw_series([Circle::new(start, 9, GREEN.stroke_width(3))])?
            .label(format!("start {}", point_text(first.as_ref())))
            .legend(|(x, y)| Circle::new((x + 12, y), 7, GREEN.stroke_width(3)));
        chart
            .draw_series([Cross::new(last, 8, RED.stroke_width(3))])?
            .label(if finite.len() == panel.points.len() {
                "end"
            } else {
                "last finite point"
            })
            .legend(|(x, y)| Cross::new((x + 12, y), 6, RED.stroke_width(3)));
    }
    crate::panel::draw_legend(&mut chart, SeriesLabelPosition::UpperRight, 16)?;
    Ok(())
}

/// Figure 4-10 as `cargo xtask figures` draws it: the book's three
/// learning rates (`studies::descent_paths::book_descents`) side by side,
/// lr 0.1 to the minimum, lr 10 diverging (on the symmetric log scale),
/// lr 1e-10 never leaving the start.
pub fn gradient_descent_svg(paths: &[DescentPath; 3]) -> Result<String, DrawError> {
    let [good, large, small] = paths;
    let steps = good.points.len().saturating_sub(1);
    let moved = {
        let [x0, x1] = small.end();
        (x0 - BOOK_START[0]).hypot(x1 - BOOK_START[1])
    };
    let panels = [
        DescentPanel::every_point(format!("lr = {}: to the minimum", good.lr), &good.points),
        DescentPanel::every_point(format!("lr = {}: diverges", large.lr), &large.points),
        DescentPanel::every_point(format!("lr = {:e}: does not move", small.lr), &small.points),
    ];
    let notes = [
        format!(
            "from (-3, 4), {steps} steps of x <- x - lr grad f(x), the gradient by numdiff; \
             lr {} ends at ({:.4}, {:.4})",
            good.lr,
            good.end()[0],
            good.end()[1]
        ),
        format!(
            "lr {} multiplies x by -19 a step until h = 1e-4 is below the float spacing \
             of x² and the gradient is 0 (after step {}): ends at ({:.3e}, {:.3e}); \
             axes sign(v) log10(1 + |v|)",
            large.lr,
            panels[1].last_move(),
            large.end()[0],
            large.end()[1]
        ),
        format!(
            "lr {:e}: all {} points overlap the start; the path is {moved:.1e} long",
            small.lr,
            small.points.len()
        ),
    ];
    descent_svg(
        (1500, 700),
        "Gradient descent on f(x0, x1) = x0² + x1² (figure 4-10)",
        &panels,
        &notes,
    )
}

/// Figure 4-10 as `cargo xtask gradient-descent` draws it: one path of
/// `steps` steps at learning rate `lr` (as typed), `end` the end point as
/// the text should print it, `sampled` the note saying which points of a
/// long path are drawn. Notes under the chart say where the path ended,
/// whether it stalled or overflowed, and how to read the axes.
pub fn descent_run_svg(
    path: DescentPanel,
    steps: usize,
    lr: &str,
    end: &str,
    sampled: Option<String>,
) -> Result<String, DrawError> {
    let notes = path_notes(&path, steps, end, sampled);
    descent_svg(
        (760, 860),
        &format!("Gradient descent on f(x0, x1) = x0² + x1², lr = {lr}"),
        &[path],
        &notes,
    )
}

/// The lines under one path: where it ended, whether it stalled, and how
/// to read the axes.
fn path_notes(
    panel: &DescentPanel,
    steps: usize,
    end: &str,
    sampled: Option<String>,
) -> Vec<String> {
    let points: Vec<[f64; 2]> = panel.points.iter().map(|&(_, x)| x).collect();
    let finite = panel.finite();
    let mut lines = vec![format!(
        "from {}, {steps} steps: end x = {end}",
        point_text(points.first())
    )];
    if let Some(note) = sampled {
        lines.push(format!("{note} (and the end)"));
    }
    let overflowed = points.len() - finite.len();
    if overflowed > 0 {
        let points = if overflowed == 1 { "point" } else { "points" };
        lines.push(format!(
            "{overflowed} {points} overflowed (not finite) and are not drawn"
        ));
    }
    let stalled_at = panel.last_move();
    if steps.saturating_sub(stalled_at) >= 2 {
        lines.push(format!(
            "x stops moving after step {stalled_at}: the last {} points coincide",
            steps - stalled_at + 1
        ));
    }
    lines.push(match Scale::for_points(&finite) {
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
