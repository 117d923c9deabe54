//! The figures of `f(x0, x1) = x0² + x1²` over the plane: its 3-D surface
//! (figure 4-8) and the field of its negative gradient (figure 4-9).

use plotters::prelude::*;
use studies::gradient_field::{Arrow, Surface};

use crate::palette::{self, BLUE, RED};
use crate::{DrawError, with_notes};

/// The stroke colour of the field's arrows.
pub const ARROW_COLOR: RGBColor = BLUE;

/// Figure 4-8: the surface (`studies::gradient_field::function_2_surface`)
/// drawn in 3-D, each face coloured by its height (blue low, red high).
pub fn surface_svg(surface: &Surface) -> Result<String, DrawError> {
    let top = surface.max();
    let (lo, hi) = (
        surface.axis.first().copied().unwrap_or(-1.0),
        surface.axis.last().copied().unwrap_or(1.0),
    );
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (820, 700)).into_drawing_area();
        root.fill(&WHITE)?;
        let notes = ["x0 and x1 along the floor, f(x0, x1) up; \
                      the lowest point is f(0, 0) = 0"
            .to_owned()];
        let body = with_notes(&root, "f(x0, x1) = x0² + x1² (figure 4-8)", &notes)?;
        let mut chart =
            ChartBuilder::on(&body)
                .margin(20)
                .build_cartesian_3d(lo..hi, 0.0..top, lo..hi)?;
        chart.with_projection(|mut projection| {
            projection.pitch = 0.35;
            projection.yaw = 0.6;
            projection.scale = 0.85;
            projection.into_matrix()
        });
        chart
            .configure_axes()
            .label_style(("sans-serif", 13))
            .light_grid_style(BLACK.mix(0.08))
            .max_light_lines(3)
            .draw()?;
        let height_color = |&y: &f64| palette::blend(BLUE, RED, y / top).mix(0.75).filled();
        let axis = surface.axis.iter().copied();
        chart
            .draw_series(
                SurfaceSeries::xoz(axis.clone(), axis, |x0, x1| {
                    surface.at(x0, x1).unwrap_or(f64::NAN)
                })
                .style_func(&height_color),
            )?
            .label("f(x0, x1), coloured by height (blue low, red high)")
            .legend(|(x, y)| {
                Rectangle::new([(x, y - 5), (x + 20, y + 5)], BLUE.mix(0.75).filled())
            });
        let label = ("sans-serif", 18).into_font().color(&BLACK);
        chart.draw_series([
            Text::new("x0", (0.0, 0.0, hi + 1.4), label.clone()),
            Text::new("x1", (hi + 1.4, 0.0, 0.0), label.clone()),
            Text::new("f(x0, x1)", (lo, top + 1.0, lo), label),
        ])?;
        crate::panel::draw_legend(&mut chart, SeriesLabelPosition::UpperRight, 14)?;
        root.present()?;
    }
    Ok(svg)
}

/// One arrow as a polyline: tail, tip, one barb, tip, the other barb.
/// `scale` turns a gradient into a length in data units.
fn arrow_polyline(arrow: &Arrow, scale: f64) -> Vec<(f64, f64)> {
    let [x0, x1] = arrow.at;
    let [dx, dy] = arrow.minus_grad.map(|v| v * scale);
    let tip = (x0 + dx, x1 + dy);
    // Barbs a quarter of the arrow long, 25 degrees off its direction.
    let (cos, sin) = (25_f64.to_radians().cos(), 25_f64.to_radians().sin());
    let (bx, by) = (-dx * 0.25, -dy * 0.25);
    let left = (tip.0 + bx * cos - by * sin, tip.1 + bx * sin + by * cos);
    let right = (tip.0 + bx * cos + by * sin, tip.1 - bx * sin + by * cos);
    vec![(x0, x1), tip, left, tip, right]
}

/// Figure 4-9: one arrow per point of the field
/// (`studies::gradient_field::gradient_field`), lengths proportional to
/// `|grad f|`, the longest 1.5 grid cells (0.375) long.
pub fn gradient_field_svg(field: &[Arrow]) -> Result<String, DrawError> {
    let longest = field
        .iter()
        .map(|a| a.minus_grad[0].hypot(a.minus_grad[1]))
        .fold(0.0, f64::max);
    let scale = if longest > 0.0 { 0.375 / longest } else { 1.0 };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (760, 800)).into_drawing_area();
        root.fill(&WHITE)?;
        let notes = [
            format!(
                "{} arrows, each -grad f by numdiff (h = 1e-4), length proportional to |grad f| \
                 (the longest, {longest:.2}, is 0.375 long)",
                field.len()
            ),
            "every arrow points to the origin, the minimum, and shrinks as it nears it".to_owned(),
        ];
        let body = with_notes(
            &root,
            "Gradient field of f(x0, x1) = x0² + x1² (figure 4-9)",
            &notes,
        )?;
        let mut chart = ChartBuilder::on(&body)
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(56)
            .build_cartesian_2d(-2.5..2.75, -2.5..2.75)?;
        chart
            .configure_mesh()
            .x_desc("x0")
            .y_desc("x1")
            .axis_desc_style(("sans-serif", 18))
            .label_style(("sans-serif", 13))
            .x_label_formatter(&|v| format!("{v:.1}"))
            .y_label_formatter(&|v| format!("{v:.1}"))
            .bold_line_style(BLACK.mix(0.06))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        chart
            .draw_series(
                field
                    .iter()
                    .map(|arrow| PathElement::new(arrow_polyline(arrow, scale), ARROW_COLOR)),
            )?
            .label("-grad f(x0, x1)")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 24, y)], ARROW_COLOR));
        chart
            .draw_series([Cross::new((0.0, 0.0), 6, RED.stroke_width(2))])?
            .label("minimum (0, 0)")
            .legend(|(x, y)| Cross::new((x + 12, y), 5, RED.stroke_width(2)));
        crate::panel::draw_legend(&mut chart, SeriesLabelPosition::UpperRight, 14)?;
        root.present()?;
    }
    Ok(svg)
}
