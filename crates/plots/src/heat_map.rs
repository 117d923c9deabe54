//! A grid of values on a colour scale, three ways: labelled cells with
//! their numbers (a confusion matrix), one stretched bitmap (a dense value
//! grid such as a decision surface) and the colour bar that says what the
//! colours mean.

use crate::colour_scale::ColourScale;
use crate::palette;
use crate::svg::{Anchor, Svg};

/// Colour steps of a colour bar.
const BAR_STEPS: usize = 120;

/// A grid of values drawn as square cells on a colour scale, its columns
/// labelled along the top and its rows down the side.
#[derive(Debug, Clone)]
pub struct HeatMap {
    /// The values, row by row (the top row first), all rows as long.
    pub values: Vec<Vec<f64>>,
    /// How a value becomes a colour.
    pub scale: ColourScale,
    /// A label over each column (none when empty).
    pub column_labels: Vec<String>,
    /// A label left of each row (none when empty).
    pub row_labels: Vec<String>,
    /// The title over the column labels.
    pub column_title: String,
    /// The title left of the row labels, written upwards.
    pub row_title: String,
    /// The text in each cell (class `count`), row by row; none when empty.
    pub cell_text: Vec<Vec<String>>,
}

impl HeatMap {
    /// Draws the map with its top-left cell's corner at `origin`, each cell
    /// `cell` px square (class `cell`); the labels and titles go above and
    /// left of `origin` (keep about 110 px free to the left, 40 above).
    pub fn draw(&self, svg: &mut Svg, origin: (f64, f64), cell: f64) {
        let columns = self.values.first().map_or(0, Vec::len);
        let (width, height) = (cell * columns as f64, cell * self.values.len() as f64);
        let title_at = (origin.0 + width / 2.0, origin.1 - 34.0);
        svg.text("", title_at, 16, Anchor::Middle, false, &self.column_title);
        let row_title_at = (origin.0 - 52.0, origin.1 + height / 2.0);
        svg.vertical_text(row_title_at, 16, &self.row_title);
        for (j, label) in self.column_labels.iter().enumerate() {
            let at = (origin.0 + cell * (j as f64 + 0.5), origin.1 - 8.0);
            svg.text("", at, 14, Anchor::Middle, false, label);
        }
        for (i, label) in self.row_labels.iter().enumerate() {
            let at = (origin.0 - 20.0, origin.1 + cell * (i as f64 + 0.5) + 5.0);
            svg.text("", at, 14, Anchor::Middle, false, label);
        }
        for (i, row) in self.values.iter().enumerate() {
            for (j, &value) in row.iter().enumerate() {
                let corner = (origin.0 + cell * j as f64, origin.1 + cell * i as f64);
                svg.rect(
                    "cell",
                    corner,
                    (cell - 1.0, cell - 1.0),
                    self.scale.colour(value),
                );
                let text = self.cell_text.get(i).and_then(|texts| texts.get(j));
                if let Some(text) = text {
                    let at = (corner.0 + cell / 2.0, corner.1 + cell / 2.0 + 5.0);
                    let white = self.scale.is_dark(value);
                    svg.text("count", at, 13, Anchor::Middle, white, text);
                }
            }
        }
    }
}

/// `values` (row by row, the top row first, all rows as long) as one
/// bitmap of a pixel per value on `scale`, stretched to `size` px at `at`
/// (class `class`): a dense grid, such as a decision surface on a 100x100
/// grid of inputs, in one element.
pub fn grid_bitmap(
    svg: &mut Svg,
    class: &str,
    at: (f64, f64),
    size: (f64, f64),
    values: &[Vec<f64>],
    scale: ColourScale,
) {
    let columns = values.first().map_or(0, Vec::len);
    let flat: Vec<f64> = values
        .iter()
        .flat_map(|row| {
            row.iter()
                .copied()
                .chain(std::iter::repeat(0.0))
                .take(columns)
        })
        .collect();
    let dims = (
        u32::try_from(columns).unwrap_or(u32::MAX),
        u32::try_from(values.len()).unwrap_or(u32::MAX),
    );
    svg.bitmap(class, at, size, dims, &scale.paint(&flat));
}

/// What a picture's colours mean: a horizontal bar of a scale's colours
/// from its lowest to its highest value, ticks under it and a caption to
/// its right.
#[derive(Debug, Clone)]
pub struct ColourBar {
    /// The scale drawn.
    pub scale: ColourScale,
    /// Each `(value, label)` written under the value's place.
    pub ticks: Vec<(f64, String)>,
    /// One line right of the bar.
    pub caption: String,
}

impl ColourBar {
    /// Draws the bar `size` px at `at` (class `colour-bar`, its ticks class
    /// `tick`); the tick labels take 24 px under it.
    pub fn draw(&self, svg: &mut Svg, at: (f64, f64), size: (f64, f64)) {
        let scale = self.scale;
        let (low, high) = scale.range();
        let (start, end) = (scale.position(low), scale.position(high));
        let step = size.0 / BAR_STEPS as f64;
        for k in 0..BAR_STEPS {
            let t = start + (end - start) * (k as f64 + 0.5) / BAR_STEPS as f64;
            let corner = (at.0 + step * k as f64, at.1);
            // A sliver of overlap, so no seam shows between the steps.
            svg.rect(
                "colour-bar",
                corner,
                (step + 0.5, size.1),
                scale.colour_at(t),
            );
        }
        for (value, label) in &self.ticks {
            let t = if end > start {
                (scale.position(*value) - start) / (end - start)
            } else {
                0.0
            };
            let x = at.0 + size.0 * t;
            svg.rect("tick", (x - 0.5, at.1 + size.1), (1.0, 5.0), palette::GREY);
            svg.text(
                "",
                (x, at.1 + size.1 + 19.0),
                12,
                Anchor::Middle,
                false,
                label,
            );
        }
        let caption_at = (at.0 + size.0 + 12.0, at.1 + size.1 / 2.0 + 5.0);
        svg.text("", caption_at, 13, Anchor::Start, false, &self.caption);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(svg: &str, tag: &str, class: &str) -> usize {
        let doc = roxmltree::Document::parse(svg).expect("the SVG is XML");
        doc.descendants()
            .filter(|n| n.has_tag_name(tag) && n.attribute("class") == Some(class))
            .count()
    }

    #[test]
    fn a_heat_map_has_a_cell_per_value_and_its_texts() {
        let map = HeatMap {
            values: vec![vec![0.0, 1.0, 2.0], vec![3.0, 4.0, 5.0]],
            scale: ColourScale::Blues {
                max: 5.0,
                log: false,
            },
            column_labels: vec!["a".into(), "b".into(), "c".into()],
            row_labels: vec!["x".into(), "y".into()],
            column_title: "column".into(),
            row_title: "row".into(),
            cell_text: vec![vec!["0".into(), "1".into(), "2".into()]],
        };
        let mut svg = Svg::new(400, 300);
        map.draw(&mut svg, (110.0, 60.0), 40.0);
        let svg = svg.finish();
        assert_eq!(classes(&svg, "rect", "cell"), 6);
        assert_eq!(
            classes(&svg, "text", "count"),
            3,
            "texts of the first row only"
        );
    }

    #[test]
    fn a_diverging_grid_is_one_bitmap_and_its_bar_has_ticks() {
        let values = vec![vec![-1.0, 0.0, 1.0]; 4];
        let scale = ColourScale::Diverging { limit: 1.0 };
        let mut svg = Svg::new(400, 300);
        grid_bitmap(
            &mut svg,
            "surface",
            (10.0, 10.0),
            (300.0, 200.0),
            &values,
            scale,
        );
        let bar = ColourBar {
            scale,
            ticks: vec![(-1.0, "-1".into()), (0.0, "0".into()), (1.0, "1".into())],
            caption: "p(class 1) - p(class 0)".into(),
        };
        bar.draw(&mut svg, (10.0, 250.0), (240.0, 12.0));
        let svg = svg.finish();
        assert_eq!(classes(&svg, "image", "surface"), 1);
        assert_eq!(classes(&svg, "rect", "colour-bar"), BAR_STEPS);
        assert_eq!(classes(&svg, "rect", "tick"), 3);
        // The middle tick (0) sits in the middle of the bar.
        let doc = roxmltree::Document::parse(&svg).expect("XML");
        let middle = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("tick"))
            .nth(1)
            .and_then(|n| n.attribute("x"))
            .and_then(|x| x.parse::<f64>().ok());
        assert_eq!(middle, Some(129.5));
    }
}
