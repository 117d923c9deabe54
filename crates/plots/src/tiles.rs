//! A grid of small images, each an embedded PNG with a caption under it,
//! under a title and over notes and an optional colour bar (the test
//! images a network gets wrong, each hidden unit's column of W1).

use plotters::style::RGBColor;

use crate::heat_map::ColourBar;
use crate::svg::{Anchor, NOTE_LINE, Svg};

/// How many times a tile's pixels are enlarged.
const ZOOM: f64 = 3.0;
/// Height of a colour bar with its tick labels and the space above it.
const BAR_BLOCK: f64 = 56.0;

/// One tile of a grid: an image and the caption under it.
#[derive(Debug, Clone)]
pub struct Tile {
    /// `side x side` RGB pixels, row-major.
    pub pixels: Vec<RGBColor>,
    /// One short line under the image.
    pub caption: String,
}

/// A titled grid of `side x side` tiles.
#[derive(Debug, Clone)]
pub struct TileGrid {
    /// The line on top.
    pub title: String,
    /// Lines under the tiles, one each.
    pub notes: Vec<String>,
    /// The class of each tile's `<image>`.
    pub class: String,
    /// The side of every tile, in pixels.
    pub side: u32,
    /// Tiles per row.
    pub columns: usize,
    /// The tiles, filled row by row.
    pub tiles: Vec<Tile>,
    /// What the tiles' colours mean, drawn under the notes.
    pub colour_bar: Option<ColourBar>,
}

impl TileGrid {
    /// The grid as an SVG: tiles drawn 3x in rows of `columns`.
    ///
    /// # Panics
    /// If a tile does not hold `side * side` pixels.
    pub fn svg(&self) -> String {
        let columns = self.columns.max(1);
        let image = f64::from(self.side) * ZOOM;
        let (cell_w, cell_h) = (image + 28.0, image + 30.0);
        let rows = self.tiles.len().div_ceil(columns);
        let top = 60.0;
        let notes_top = top + cell_h * rows as f64;
        let bar = if self.colour_bar.is_some() {
            BAR_BLOCK
        } else {
            0.0
        };
        let width = (cell_w * columns as f64 + 40.0).max(640.0);
        let height = notes_top + NOTE_LINE * self.notes.len() as f64 + 30.0 + bar;
        let mut svg = Svg::new(width as u32, height as u32);
        svg.text("", (20.0, 36.0), 22, Anchor::Start, false, &self.title);
        for (i, tile) in self.tiles.iter().enumerate() {
            let x = 20.0 + cell_w * (i % columns) as f64 + 14.0;
            let y = top + cell_h * (i / columns) as f64;
            let side = (self.side, self.side);
            svg.bitmap(&self.class, (x, y), (image, image), side, &tile.pixels);
            let under = (x + image / 2.0, y + image + 16.0);
            svg.text("", under, 12, Anchor::Middle, false, &tile.caption);
        }
        svg.notes((20.0, notes_top + 20.0), &self.notes);
        if let Some(colour_bar) = &self.colour_bar {
            let at = (34.0, notes_top + NOTE_LINE * self.notes.len() as f64 + 16.0);
            colour_bar.draw(&mut svg, at, (360.0, 14.0));
        }
        svg.finish()
    }
}
