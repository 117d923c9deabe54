//! One 2-D panel of a figure (caption, labelled axes, line and point
//! series, a legend when there is more than one series), and a titled SVG
//! of several panels side by side. Text is SVG `<text>`, no font files.

use std::ops::Range;

use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;

use crate::DrawError;
use crate::palette::GREY;

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Style {
    /// A solid line.
    Line,
    /// A dashed line.
    Dashed,
    /// A thin line through dots.
    Dots,
}

/// One series of `(x, y)` points, in the legend unless its label is empty.
#[derive(Debug, Clone)]
pub struct Series {
    /// Its legend entry.
    pub label: String,
    /// Its points, in drawing order.
    pub points: Vec<(f64, f64)>,
    /// Its colour.
    pub color: RGBColor,
    /// Line, dashes or dots.
    pub style: Style,
}

impl Series {
    /// A series drawn as `style` in `color`.
    pub fn new(
        label: impl Into<String>,
        points: Vec<(f64, f64)>,
        color: RGBColor,
        style: Style,
    ) -> Self {
        Self {
            label: label.into(),
            points,
            color,
            style,
        }
    }
}

/// How an axis labels its ticks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ticks {
    /// The value with this many decimals.
    Decimals(usize),
    /// The data are `log10` of the values: ticks read `1e-4`.
    Log10,
}

impl Ticks {
    fn format(self, v: f64) -> String {
        match self {
            Ticks::Decimals(d) => format!("{v:.d$}"),
            Ticks::Log10 => format!("1e{}", v.round()),
        }
    }
}

/// A panel: its frame and what is drawn in it.
#[derive(Debug, Clone)]
pub struct Panel {
    /// The panel's title.
    pub caption: String,
    /// The x axis: description, range and tick labels.
    pub x: (String, Range<f64>, Ticks),
    /// The y axis: description, range and tick labels.
    pub y: (String, Range<f64>, Ticks),
    /// The series, drawn in order.
    pub series: Vec<Series>,
    /// Where the legend goes (drawn only with more than one labelled series).
    pub legend: SeriesLabelPosition,
}

impl Panel {
    /// A panel with its caption, its axes as `(description, range, ticks)`
    /// and its series; the legend, when drawn, goes to the upper right.
    pub fn new(
        caption: impl Into<String>,
        x: (&str, Range<f64>, Ticks),
        y: (&str, Range<f64>, Ticks),
        series: Vec<Series>,
    ) -> Self {
        Self {
            caption: caption.into(),
            x: (x.0.to_owned(), x.1, x.2),
            y: (y.0.to_owned(), y.1, y.2),
            series,
            legend: SeriesLabelPosition::UpperRight,
        }
    }
}

/// Draws `panel` on `area`.
pub fn draw_panel(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    panel: &Panel,
) -> Result<(), DrawError> {
    let (x_ticks, y_ticks) = (panel.x.2, panel.y.2);
    let mut chart = ChartBuilder::on(area)
        .caption(&panel.caption, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(panel.x.1.clone(), panel.y.1.clone())?;
    chart
        .configure_mesh()
        .x_desc(&panel.x.0)
        .y_desc(&panel.y.0)
        .x_label_formatter(&|&v| x_ticks.format(v))
        .y_label_formatter(&|&v| y_ticks.format(v))
        .axis_desc_style(("sans-serif", 16))
        .label_style(("sans-serif", 13))
        .bold_line_style(BLACK.mix(0.06))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    for series in &panel.series {
        let color = series.color;
        let points = series.points.iter().copied();
        let drawn = match series.style {
            Style::Line => chart.draw_series(LineSeries::new(points, color.stroke_width(2)))?,
            Style::Dashed => {
                chart.draw_series(DashedLineSeries::new(points, 7, 5, color.stroke_width(2)))?
            }
            Style::Dots => {
                chart.draw_series(LineSeries::new(points, color.mix(0.4).stroke_width(1)))?;
                chart.draw_series(
                    series
                        .points
                        .iter()
                        .map(|&p| Circle::new(p, 3, color.filled())),
                )?
            }
        };
        if series.label.is_empty() {
            continue;
        }
        let drawn = drawn.label(&series.label);
        match series.style {
            Style::Dots => drawn.legend(move |(x, y)| Circle::new((x + 12, y), 3, color.filled())),
            _ => drawn.legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 24, y)], color.stroke_width(2))
            }),
        };
    }
    if panel.series.iter().filter(|s| !s.label.is_empty()).count() > 1 {
        draw_legend(&mut chart, panel.legend.clone(), 14)?;
    }
    Ok(())
}

/// An SVG of `size` with `title` on top and the panels on a grid of
/// `(rows, columns)`, filled row by row; `notes` (one line each) go under
/// the panels.
pub fn panels_svg(
    size: (u32, u32),
    title: &str,
    grid: (usize, usize),
    panels: &[Panel],
    notes: &[String],
) -> Result<String, DrawError> {
    titled_grid_svg(size, title, grid, notes, panels, draw_panel)
}

/// The frame every multi-panel figure shares: an SVG of `size`, `title` on
/// top, `notes` under the body, the body split into a grid of
/// `(rows, columns)` areas filled row by row, each area drawn by
/// `draw(area, item)` with the next of `items`.
pub(crate) fn titled_grid_svg<T>(
    size: (u32, u32),
    title: &str,
    grid: (usize, usize),
    notes: &[String],
    items: &[T],
    mut draw: impl FnMut(&DrawingArea<SVGBackend<'_>, Shift>, &T) -> Result<(), DrawError>,
) -> Result<String, DrawError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE)?;
        let body = with_notes(&root, title, notes)?;
        for (area, item) in body.split_evenly(grid).iter().zip(items) {
            draw(area, item)?;
        }
        root.present()?;
    }
    Ok(svg)
}

/// Height of one line of notes.
const NOTE_LINE: u32 = 20;

/// Writes `title` on top of `root` and `notes` at its bottom; returns the
/// area between them.
pub fn with_notes<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    title: &str,
    notes: &[String],
) -> Result<DrawingArea<SVGBackend<'a>, Shift>, DrawError> {
    let titled = root.titled(title, ("sans-serif", 24))?;
    let lines = u32::try_from(notes.len()).unwrap_or(0);
    let height = titled.dim_in_pixel().1;
    let (body, lower) = titled.split_vertically(height.saturating_sub(8 + NOTE_LINE * lines));
    for (i, note) in notes.iter().enumerate() {
        let y = i32::try_from(i).unwrap_or(0) * NOTE_LINE as i32;
        lower.draw(&Text::new(note.as_str(), (20, y), ("sans-serif", 15)))?;
    }
    Ok(body)
}

/// The x and y ranges holding `points`, each widened by `pad` of its span
/// (and at least 0.1) on both sides.
pub fn bounds(points: &[(f64, f64)], pad: f64) -> (Range<f64>, Range<f64>) {
    let span = |values: &mut dyn Iterator<Item = f64>| {
        let (lo, hi) = values
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if lo > hi {
            return -1.0..1.0;
        }
        let margin = ((hi - lo) * pad).max(0.1);
        lo - margin..hi + margin
    };
    (
        span(&mut points.iter().map(|p| p.0)),
        span(&mut points.iter().map(|p| p.1)),
    )
}

/// The dashed axis cross `x = 0` and `y = 0` over the given ranges, as two
/// series (the first named in the legend).
pub fn axis_cross(x: &Range<f64>, y: &Range<f64>) -> [Series; 2] {
    [
        Series::new(
            "x0 = 0 and x1 = 0 (dashed)",
            vec![(x.start, 0.0), (x.end, 0.0)],
            GREY,
            Style::Dashed,
        ),
        Series::new("", vec![(0.0, y.start), (0.0, y.end)], GREY, Style::Dashed),
    ]
}

/// Draws the legend of `chart`'s labelled series at `position` in the one
/// legend style of every picture: `font_size` px text on a translucent
/// white box with a thin grey border.
pub(crate) fn draw_legend<'a, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    font_size: u32,
) -> Result<(), DrawError> {
    chart
        .configure_series_labels()
        .position(position)
        .label_font(("sans-serif", font_size))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()?;
    Ok(())
}
