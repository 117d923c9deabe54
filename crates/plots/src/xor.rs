//! `xor.svg` (the README's XOR study): each net's probability of class 1
//! over `[-0.5, 1.5]^2` as a colour map (blue 0, white 1/2, red 1), its
//! decision boundary `P = 1/2` and the four points, with a colour bar.

use plotters::coord::Shift;
use plotters::prelude::*;
use studies::xor::{XorFit, points};

use crate::{DrawError, palette};

const SIZE: (u32, u32) = (1180, 560);

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// The colour of probability `p`: blue at 0, white at 1/2, red at 1.
fn colour(p: f64) -> RGBColor {
    palette::diverging(2.0 * p - 1.0)
}

/// The figure: one panel per `(title, fit)`, each captioned with its points
/// right and final loss, then the colour bar.
pub fn xor(fits: &[(String, &XorFit)]) -> Result<String, DrawError> {
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

fn panel(area: &Area<'_>, title: &str, fit: &XorFit) -> Result<(), DrawError> {
    let surface = &fit.surface;
    let (low, high) = (surface.low, surface.high);
    let caption = format!(
        "{title}: {}/4 right, loss {:.4}",
        fit.correct, fit.final_loss
    );
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(52)
        .build_cartesian_2d(low..high, low..high)?;
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

    let cells = surface.cells();
    let half = (high - low) / cells as f64 / 2.0;
    chart.draw_series((0..cells * cells).map(|k| {
        let (i, j) = (k / cells, k % cells);
        let (x, y) = (surface.centre(i), surface.centre(j));
        Rectangle::new(
            [(x - half, y - half), (x + half, y + half)],
            colour(surface.probability(i, j)).filled(),
        )
    }))?;
    if surface.is_flat() {
        let note = ("sans-serif", 15).into_font();
        chart.draw_series([
            Text::new(
                format!(
                    "P = 1/2 everywhere (|score(1) - score(0)| <= {:.0e}):",
                    surface.spread()
                ),
                (-0.4, 0.62),
                note.clone(),
            ),
            Text::new(
                "no decision boundary; rounding breaks the ties".to_owned(),
                (-0.4, 0.52),
                note,
            ),
        ])?;
    } else {
        chart
            .draw_series(
                surface
                    .boundary()
                    .into_iter()
                    .map(|segment| PathElement::new(segment, BLACK.stroke_width(2))),
            )?
            .label("boundary P = 0.5")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLACK.stroke_width(2)));
    }

    let class = |c: usize| {
        points()
            .into_iter()
            .filter(move |&(_, t)| t == c)
            .map(|(p, _)| p)
    };
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
    crate::panel::draw_legend(&mut chart, SeriesLabelPosition::UpperMiddle, 14)?;
    Ok(())
}

/// The key of the colour map: P(class 1) from 0 (bottom) to 1 (top).
fn colour_bar(area: &Area<'_>) -> Result<(), DrawError> {
    const STEPS: usize = 50;
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
    fn the_flat_single_layer_has_a_note_and_the_hidden_layer_a_boundary() {
        use studies::xor::{XorSettings, fit};
        let settings = XorSettings {
            activation: studies::init::Activation::Sigmoid,
            init: studies::init::WeightInit::Xavier,
            learning_rate: 1.0,
            iters: 5000,
        };
        let single = fit(&settings, &[], 0).unwrap();
        let hidden = fit(&settings, &[3], 0).unwrap();
        let svg = xor(&[
            ("no hidden layer".to_owned(), &single),
            ("hidden layer of 3 sigmoid".to_owned(), &hidden),
        ])
        .unwrap();
        for label in [
            "no hidden layer: 1/4 right, loss 0.6931",
            "hidden layer of 3 sigmoid: 4/4 right",
            "P = 1/2 everywhere",
            "boundary P = 0.5",
            "P(class 1)",
        ] {
            assert!(svg.contains(label), "no {label:?}");
        }
    }
}
