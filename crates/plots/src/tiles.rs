//! `misclassified.svg` and `weights.svg`: grids of 28x28 images, each an
//! embedded PNG with a caption (the first test images the net gets wrong,
//! and each hidden unit's column of W1).

use plotters::style::RGBColor;

use super::svg::{Anchor, Svg};
use plots::palette;

/// One tile of a grid: an image and the caption under it.
#[derive(Debug, Clone)]
pub struct Tile {
    /// `side x side` RGB pixels, row-major.
    pub pixels: Vec<(u8, u8, u8)>,
    /// One short line under the image.
    pub caption: String,
}

/// Tiles in rows of `columns`, each `side x side` pixels drawn 3x, under a
/// `title` and over `notes` (a line each); `class` tags each image.
pub fn tiles_svg(
    title: &str,
    notes: &[String],
    class: &str,
    side: u32,
    columns: usize,
    tiles: &[Tile],
) -> String {
    let image = f64::from(side) * 3.0;
    let (cell_w, cell_h) = (image + 28.0, image + 30.0);
    let rows = tiles.len().div_ceil(columns.max(1));
    let top = 60.0;
    let width = (cell_w * columns as f64 + 40.0).max(640.0);
    let height = top + cell_h * rows as f64 + 24.0 * notes.len() as f64 + 30.0;
    let mut svg = Svg::new(width as u32, height as u32);
    svg.text("", (20.0, 36.0), 22, Anchor::Start, false, title);
    for (i, tile) in tiles.iter().enumerate() {
        let x = 20.0 + cell_w * (i % columns.max(1)) as f64 + 14.0;
        let y = top + cell_h * (i / columns.max(1)) as f64;
        svg.bitmap(class, (x, y), image, (side, side), &tile.pixels);
        svg.text(
            "",
            (x + image / 2.0, y + image + 16.0),
            12,
            Anchor::Middle,
            false,
            &tile.caption,
        );
    }
    for (i, note) in notes.iter().enumerate() {
        let y = top + cell_h * rows as f64 + 20.0 + 24.0 * i as f64;
        svg.text("", (20.0, y), 14, Anchor::Start, false, note);
    }
    svg.finish()
}

/// An MNIST image as ink on paper: pixel 0 (background) white, 255 black.
pub fn ink(pixels: &[u8]) -> Vec<(u8, u8, u8)> {
    pixels
        .iter()
        .map(|&p| (255 - p, 255 - p, 255 - p))
        .collect()
}

/// `weights` on a diverging scale centred at zero: negative blue, zero
/// white, positive red, full colour at `+-scale`.
pub fn diverging(weights: &[f64], scale: f64) -> Vec<(u8, u8, u8)> {
    weights
        .iter()
        .map(|&w| {
            let t = if scale > 0.0 {
                (w / scale).clamp(-1.0, 1.0)
            } else {
                0.0
            };
            let RGBColor(r, g, b) = palette::diverging(t);
            (r, g, b)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_is_white_at_zero_and_full_at_the_ends() {
        assert_eq!(
            diverging(&[0.0, 1.0, -1.0, 5.0], 1.0),
            [
                (255, 255, 255),
                (178, 24, 43),
                (33, 102, 172),
                (178, 24, 43)
            ]
        );
        assert_eq!(ink(&[0, 255]), [(255, 255, 255), (0, 0, 0)]);
    }
}
