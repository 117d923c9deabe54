//! `xor.svg`: each net's probability of class 1 over `[-0.5, 1.5]^2` as a
//! colour map (blue 0, white 1/2, red 1), its decision boundary `P = 1/2`
//! and the four points, with a colour bar.

use multilayer::MultiLayerNet;
use multilayer::xor;
use nalgebra::DMatrix;
use plotters::prelude::*;

use super::Fit;
use plots::palette;

/// Cells per side of the colour map: 2 x 40^2 rectangles keep the SVG
/// near 300 kB.
const GRID: usize = 40;
const LOW: f64 = -0.5;
const HIGH: f64 = 1.5;
const SIZE: (u32, u32) = (1180, 560);
/// Below this largest `|score(1) - score(0)|` a net is flat, `P = 1/2`
/// everywhere (the single layer's optimum): its "boundary" would be rounding
/// noise and is not drawn.
const FLAT: f64 = 1e-9;

/// The colour of probability `p`: blue at 0, white at 1/2, red at 1.
fn colour(p: f64) -> RGBColor {
    palette::diverging(2.0 * p - 1.0)
}

/// The centre of cell `i` along an axis.
fn centre(i: usize) -> f64 {
    LOW + (i as f64 + 0.5) * (HIGH - LOW) / GRID as f64
}

/// `d = score(1) - score(0)` at every cell centre, `grid[(i, j)]` at
/// `(centre(i), centre(j))`. `P(class 1) = 1 / (1 + exp(-d))`, and the
/// boundary `P = 1/2` is `d = 0`: found on `d`, which keeps its precision
/// where `P` rounds to exactly 1/2 (the single layer's scores end near 1e-16).
fn score_difference_grid(net: &MultiLayerNet<f64>) -> DMatrix<f64> {
    let points = DMatrix::from_fn(GRID * GRID, 2, |k, axis| match axis {
        0 => centre(k / GRID),
        _ => centre(k % GRID),
    });
    let scores = net.predict(&points);
    DMatrix::from_fn(GRID, GRID, |i, j| {
        scores[(i * GRID + j, 1)] - scores[(i * GRID + j, 0)]
    })
}

/// The segments of the contour `grid = 0` (marching squares between cell
/// centres, linear along each edge).
fn boundary(grid: &DMatrix<f64>) -> Vec<[(f64, f64); 2]> {
    let f = |i: usize, j: usize| grid[(i, j)];
    let mut segments = Vec::new();
    for i in 0..GRID - 1 {
        for j in 0..GRID - 1 {
            let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
            let mut crossings = Vec::with_capacity(4);
            for k in 0..4 {
                let (a, b) = (corners[k], corners[(k + 1) % 4]);
                let (fa, fb) = (f(a.0, a.1), f(b.0, b.1));
                if (fa <= 0.0) != (fb <= 0.0) {
                    let s = fa / (fa - fb);
                    let at = |p: usize, q: usize| centre(p) + s * (centre(q) - centre(p));
                    crossings.push((at(a.0, b.0), at(a.1, b.1)));
                }
            }
            for pair in crossings.chunks_exact(2) {
                segments.push([pair[0], pair[1]]);
            }
        }
    }
    segments
}

/// The figure: one panel per `(title, fit)`, then the colour bar.
pub fn xor_svg(fits: &[(String, &Fit)]) -> anyhow::Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let (body, bar) = root.split_horizontally(SIZE.0 - 120);
        let panels = body.split_evenly((1, fits.len().max(1)));
        for ((title, fit), area) in fits.iter().zip(&panels) {
            panel(area, title, fit)?;
        }
        colour_bar(&bar)?;
        root.present()?;
    }
    Ok(svg)
}

fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    title: &str,
    fit: &Fit,
) -> anyhow::Result<()>
where
    DB::ErrorType: 'static,
{
    let caption = format!(
        "{title}: {}/4 right, loss {:.4}",
        fit.correct,
        fit.final_loss()
    );
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(52)
        .build_cartesian_2d(LOW..HIGH, LOW..HIGH)?;
    chart
        .configure_mesh()
        .x_desc("x1")
        .y_desc("x2")
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&|x| format!("{x:.1}"))
        .y_label_formatter(&|y| format!("{y:.1}"))
        .axis_desc_style(("sans-serif", 18))
        .label_style(("sans-serif", 14))
        .disable_mesh()
        .draw()?;

    let grid = score_difference_grid(&fit.net);
    let half = (HIGH - LOW) / GRID as f64 / 2.0;
    chart.draw_series((0..GRID * GRID).map(|k| {
        let (i, j) = (k / GRID, k % GRID);
        let (x, y) = (centre(i), centre(j));
        Rectangle::new(
            [(x - half, y - half), (x + half, y + half)],
            colour(1.0 / (1.0 + (-grid[(i, j)]).exp())).filled(),
        )
    }))?;
    let spread = grid.amax();
    if spread > FLAT {
        chart
            .draw_series(
                boundary(&grid)
                    .into_iter()
                    .map(|segment| PathElement::new(segment, BLACK.stroke_width(2))),
            )?
            .label("boundary P = 0.5")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLACK.stroke_width(2)));
    } else {
        let note = ("sans-serif", 15).into_font();
        chart.draw_series([
            Text::new(
                format!("P = 1/2 everywhere (|score(1) - score(0)| <= {spread:.0e}):"),
                (-0.4, 0.62),
                note.clone(),
            ),
            Text::new(
                "no decision boundary; rounding breaks the ties".to_owned(),
                (-0.4, 0.52),
                note,
            ),
        ])?;
    }

    let x = xor::inputs::<f64>();
    let point = |n: usize| (x[(n, 0)], x[(n, 1)]);
    let class = |c: usize| (0..4).filter(move |&n| xor::LABELS[n] == c).map(point);
    chart
        .draw_series(class(0).map(|p| {
            EmptyElement::at(p)
                + Circle::new((0, 0), 8, WHITE.filled())
                + Circle::new((0, 0), 8, BLACK.stroke_width(2))
        }))?
        .label("t = 0")
        .legend(|(x, y)| Circle::new((x + 10, y), 6, BLACK.stroke_width(2)));
    chart
        .draw_series(class(1).map(|p| Circle::new(p, 8, BLACK.filled())))?
        .label("t = 1")
        .legend(|(x, y)| Circle::new((x + 10, y), 6, BLACK.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperMiddle)
        .label_font(("sans-serif", 14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()?;
    Ok(())
}

/// The key of the colour map: P(class 1) from 0 (bottom) to 1 (top).
fn colour_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
) -> anyhow::Result<()>
where
    DB::ErrorType: 'static,
{
    let mut chart = ChartBuilder::on(area)
        .margin_top(56)
        .margin_bottom(56)
        .margin_right(16)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
    chart
        .configure_mesh()
        .disable_x_axis()
        .disable_mesh()
        .y_desc("P(class 1)")
        .y_labels(5)
        .y_label_formatter(&|y| format!("{y:.2}"))
        .axis_desc_style(("sans-serif", 18))
        .label_style(("sans-serif", 14))
        .draw()?;
    const STEPS: usize = 50;
    chart.draw_series((0..STEPS).map(|k| {
        let (low, high) = (k as f64 / STEPS as f64, (k + 1) as f64 / STEPS as f64);
        Rectangle::new(
            [(0.0, low), (1.0, high)],
            colour((low + high) / 2.0).filled(),
        )
    }))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_run_from_blue_through_white_to_red() {
        assert_eq!(colour(0.0), palette::DIVERGING_BLUE);
        assert_eq!(colour(0.5), palette::WHITE);
        assert_eq!(colour(1.0), palette::DIVERGING_RED);
        assert_eq!(colour(2.0), palette::DIVERGING_RED);
    }

    #[test]
    fn the_boundary_of_a_vertical_step_is_vertical() {
        // d = 1 right of x1 = 0.5, -1 left of it: every segment lies on the
        // line half-way between the two centres around 0.5.
        let grid = DMatrix::from_fn(GRID, GRID, |i, _| if centre(i) > 0.5 { 1.0 } else { -1.0 });
        let segments = boundary(&grid);
        assert_eq!(segments.len(), GRID - 1);
        for [(x0, _), (x1, _)] in segments {
            assert!(
                (x0 - 0.5).abs() < 1e-12 && (x1 - 0.5).abs() < 1e-12,
                "{x0} {x1}"
            );
        }
    }
}
