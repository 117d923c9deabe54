//! `misclassified.svg`: the first test images a network gets wrong, each
//! with its true and predicted digit and the predicted probability.

use studies::{Mistake, mistakes};
use twolayer::Dataset;

use super::{SIDE, check_image};
use crate::DrawError;
use crate::colour_scale::ColourScale;
use crate::tiles::{Tile, TileGrid};

/// How many misclassified images the picture shows.
pub const MISCLASSIFIED: usize = 64;

/// The first [`MISCLASSIFIED`] of `mistakes` (from
/// `studies::first_misclassified` on `test`) as 28x28 images in ink, in
/// rows of 8, captioned `true → predicted (probability)`; `caption` (one
/// line) says which model and data.
///
/// # Errors
/// If `test`'s images are not 28x28, or a mistake's index is not in
/// `test`.
pub fn misclassified_svg(
    caption: &str,
    mistakes: &[Mistake],
    test: &Dataset<'_>,
) -> Result<String, DrawError> {
    check_image(test.features())?;
    let ink = ColourScale::Ink { max: 255.0 };
    let mut tiles = Vec::new();
    for m in mistakes.iter().take(MISCLASSIFIED) {
        let image = mistakes::image(test, m.index)
            .ok_or_else(|| DrawError(format!("no test image {} of {}", m.index, test.len())))?;
        let pixels: Vec<f64> = image.iter().map(|&p| f64::from(p)).collect();
        tiles.push(Tile {
            pixels: ink.paint(&pixels),
            caption: format!("{} → {} ({:.2})", m.label, m.predicted, m.probability),
        });
    }
    let grid = TileGrid {
        title: format!("The first {} misclassified test images", tiles.len()),
        notes: vec![
            caption.to_owned(),
            "caption: true label → predicted label (the predicted probability, softmax of the \
             scores)"
                .to_owned(),
        ],
        class: "tile".to_owned(),
        side: SIDE,
        columns: 8,
        tiles,
        colour_bar: None,
    };
    Ok(grid.svg())
}
