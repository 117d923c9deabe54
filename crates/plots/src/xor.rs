//! `xor.svg` (the README's XOR study): each net's probability of class 1
//! over `[-0.5, 1.5]^2` as a colour map (blue 0, white 1/2, red 1), its
//! decision boundary `P = 1/2` and the four points, with a colour bar;
//! drawn with the shared [`grid_bitmap`], [`ColourBar`] and [`Svg`].

use plotters::style::RGBColor;
use studies::xor::{DecisionSurface, XorFit, points};

use crate::colour_scale::ColourScale;
use crate::heat_map::{ColourBar, grid_bitmap};
use crate::palette;
use crate::svg::{Anchor, Svg};

const SIZE: (u32, u32) = (1180, 610);
/// The side of a panel's square plot, in px.
const PLOT: f64 = 420.0;
/// The top-left corner of the first panel's plot; the next is `STRIDE` right.
const ORIGIN: (f64, f64) = (100.0, 60.0);
const STRIDE: f64 = 560.0;
const BLACK: RGBColor = RGBColor(0, 0, 0);
/// The radius of a point, in px.
const POINT: f64 = 8.0;

/// The colour scale of the surface: [`palette::diverging`] of `2p - 1`,
/// blue at `P = 0`, white at 1/2, red at 1 (see [`scale_value`]).
const SCALE: ColourScale = ColourScale::Diverging { limit: 1.0 };

/// Where probability `p` sits on [`SCALE`]: `2p - 1`.
fn scale_value(p: f64) -> f64 {
    2.0 * p - 1.0
}

/// The figure: one panel per `(title, fit)`, each captioned with its points
/// right and final loss, then the colour bar under them.
pub fn xor(fits: &[(String, &XorFit)]) -> String {
    let mut svg = Svg::new(SIZE.0, SIZE.1);
    for (k, (title, fit)) in fits.iter().enumerate() {
        let origin = (ORIGIN.0 + STRIDE * k as f64, ORIGIN.1);
        Panel::new(origin, &fit.surface).draw(&mut svg, title, fit);
    }
    let bar = ColourBar {
        scale: SCALE,
        ticks: [0.0, 0.25, 0.5, 0.75, 1.0]
            .map(|p| (scale_value(p), format!("{p:.2}")))
            .to_vec(),
        caption: "P(class 1)".to_owned(),
    };
    let width = PLOT;
    let at = ((f64::from(SIZE.0) - width) / 2.0, ORIGIN.1 + PLOT + 80.0);
    bar.draw(&mut svg, at, (width, 14.0));
    svg.finish()
}

/// One panel's plot: its corner in px and the data range on both axes.
struct Panel {
    origin: (f64, f64),
    low: f64,
    high: f64,
}

impl Panel {
    fn new(origin: (f64, f64), surface: &DecisionSurface) -> Self {
        Self {
            origin,
            low: surface.low,
            high: surface.high,
        }
    }

    /// The px of the data point `(x1, x2)` (x2 grows upwards).
    fn px(&self, (x1, x2): (f64, f64)) -> (f64, f64) {
        let scale = PLOT / (self.high - self.low);
        (
            self.origin.0 + (x1 - self.low) * scale,
            self.origin.1 + (self.high - x2) * scale,
        )
    }

    fn draw(&self, svg: &mut Svg, title: &str, fit: &XorFit) {
        let surface = &fit.surface;
        let caption = format!(
            "{title}: {}/4 right, loss {:.4}",
            fit.correct, fit.final_loss
        );
        let top = (self.origin.0 + PLOT / 2.0, self.origin.1 - 18.0);
        svg.text("", top, 20, Anchor::Middle, false, &caption);
        grid_bitmap(
            svg,
            "surface",
            self.origin,
            (PLOT, PLOT),
            &surface_rows(surface),
            SCALE,
        );
        self.axes(svg);
        let flat = surface.is_flat();
        if flat {
            let lines = [
                format!(
                    "P = 1/2 everywhere (|score(1) - score(0)| <= {:.0e}):",
                    surface.spread()
                ),
                "no decision boundary; rounding breaks the ties".to_owned(),
            ];
            for (line, x2) in lines.iter().zip([0.62, 0.52]) {
                svg.text("note", self.px((-0.4, x2)), 15, Anchor::Start, false, line);
            }
        } else {
            for [a, b] in surface.boundary() {
                svg.line("boundary", self.px(a), self.px(b), 2.0, BLACK);
            }
        }
        for (point, t) in points() {
            draw_point(svg, "point", self.px(point), POINT, t);
        }
        self.legend(svg, !flat);
    }

    /// The left and bottom axes, five ticks each, and their titles x1, x2.
    fn axes(&self, svg: &mut Svg) {
        let (x0, y0) = self.origin;
        let (right, bottom) = (x0 + PLOT, y0 + PLOT);
        svg.line("axis", (x0, y0), (x0, bottom), 1.0, BLACK);
        svg.line("axis", (x0, bottom), (right, bottom), 1.0, BLACK);
        for k in 0..=4 {
            let value = self.low + (self.high - self.low) * f64::from(k) / 4.0;
            let label = format!("{value:.1}");
            let (x, y) = self.px((value, value));
            svg.line("tick", (x, bottom), (x, bottom + 5.0), 1.0, BLACK);
            svg.text("", (x, bottom + 20.0), 14, Anchor::Middle, false, &label);
            svg.line("tick", (x0 - 5.0, y), (x0, y), 1.0, BLACK);
            svg.text("", (x0 - 8.0, y + 5.0), 14, Anchor::End, false, &label);
        }
        let x_title = (x0 + PLOT / 2.0, bottom + 44.0);
        svg.text("", x_title, 18, Anchor::Middle, false, "x1");
        svg.vertical_text((x0 - 52.0, y0 + PLOT / 2.0), 18, "x2");
    }

    /// The key at the plot's top middle: the boundary (when drawn), t = 0
    /// hollow and t = 1 filled.
    fn legend(&self, svg: &mut Svg, boundary: bool) {
        const ROW: f64 = 20.0;
        const WIDTH: f64 = 180.0;
        let rows = if boundary { 3.0 } else { 2.0 };
        let corner = (self.origin.0 + (PLOT - WIDTH) / 2.0, self.origin.1 + 8.0);
        let size = (WIDTH, ROW * rows + 8.0);
        svg.rect("legend", corner, size, palette::GREY);
        let inner = (
            (corner.0 + 1.0, corner.1 + 1.0),
            (size.0 - 2.0, size.1 - 2.0),
        );
        svg.rect("legend", inner.0, inner.1, palette::WHITE);
        let mut y = corner.1 + 4.0 + ROW / 2.0;
        let (key, text) = (corner.0 + 22.0, corner.0 + 40.0);
        if boundary {
            svg.line("", (key - 10.0, y), (key + 10.0, y), 2.0, BLACK);
            svg.text(
                "",
                (text, y + 5.0),
                14,
                Anchor::Start,
                false,
                "boundary P = 0.5",
            );
            y += ROW;
        }
        for t in [0, 1] {
            draw_point(svg, "", (key, y), 6.0, t);
            let label = format!("t = {t}");
            svg.text("", (text, y + 5.0), 14, Anchor::Start, false, &label);
            y += ROW;
        }
    }
}

/// A point of target `t`: hollow (white, outlined) for 0, filled black for 1.
fn draw_point(svg: &mut Svg, class: &str, at: (f64, f64), radius: f64, t: usize) {
    if t == 0 {
        svg.circle(class, at, radius, palette::WHITE, 2.0);
    } else {
        svg.circle(class, at, radius, BLACK, 0.0);
    }
}

/// The surface's [`scale_value`]s row by row, the top row (largest x2)
/// first, x1 growing along each row: the bitmap's pixels.
fn surface_rows(surface: &DecisionSurface) -> Vec<Vec<f64>> {
    let cells = surface.cells();
    (0..cells)
        .rev()
        .map(|j| {
            (0..cells)
                .map(|i| scale_value(surface.probability(i, j)))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(svg: &str, tag: &str, class: &str) -> usize {
        let doc = roxmltree::Document::parse(svg).expect("the SVG is XML");
        doc.descendants()
            .filter(|n| n.has_tag_name(tag) && n.attribute("class") == Some(class))
            .count()
    }

    #[test]
    fn colours_run_from_blue_through_white_to_red() {
        let colour = |p| SCALE.colour(scale_value(p));
        assert_eq!(colour(0.0), palette::DIVERGING_BLUE);
        assert_eq!(colour(0.5), palette::WHITE);
        assert_eq!(colour(1.0), palette::DIVERGING_RED);
        assert_eq!(colour(2.0), palette::DIVERGING_RED);
        assert_eq!(colour(0.3), palette::diverging(2.0 * 0.3 - 1.0));
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
        ]);
        for label in [
            "no hidden layer: 1/4 right, loss 0.6931",
            "hidden layer of 3 sigmoid: 4/4 right",
            "P = 1/2 everywhere",
            "boundary P = 0.5",
            "P(class 1)",
        ] {
            assert!(svg.contains(label), "no {label:?}");
        }
        assert_eq!(count(&svg, "image", "surface"), 2, "one bitmap a panel");
        assert_eq!(count(&svg, "circle", "point"), 8, "four points a panel");
        assert_eq!(count(&svg, "text", "note"), 2, "the flat panel's note");
        assert_eq!(
            count(&svg, "line", "boundary"),
            hidden.surface.boundary().len(),
            "the hidden layer's boundary only"
        );
        assert!(count(&svg, "rect", "colour-bar") > 0, "a colour bar");
    }

    #[test]
    fn the_top_row_of_the_bitmap_is_the_largest_x2() {
        use studies::xor::{XorSettings, fit};
        let settings = XorSettings {
            activation: studies::init::Activation::Sigmoid,
            init: studies::init::WeightInit::Xavier,
            learning_rate: 1.0,
            iters: 10,
        };
        let surface = &fit(&settings, &[3], 0).unwrap().surface;
        let rows = surface_rows(surface);
        let last = surface.cells() - 1;
        assert_eq!(rows[0][0], scale_value(surface.probability(0, last)));
        assert_eq!(rows[last][1], scale_value(surface.probability(1, 0)));
    }
}
