//! `weights.svg`: each hidden unit's 784 weights `W1[:, j]` laid out as
//! the 28x28 image they multiply, all on one diverging scale.

use super::{SIDE, check_image};
use crate::DrawError;
use crate::colour_scale::ColourScale;
use crate::heat_map::ColourBar;
use crate::tiles::{Tile, TileGrid};

/// The columns of W1 (from `studies::w1_columns`) as tiles in rows of 10,
/// red positive, blue negative, full colour at `±scale` (from
/// `studies::shared_scale`); `caption` (one line) says which model.
///
/// # Errors
/// If a column does not hold 784 weights (a 28x28 image).
pub fn weights_svg(caption: &str, columns: &[Vec<f64>], scale: f64) -> Result<String, DrawError> {
    let diverging = ColourScale::Diverging { limit: scale };
    let mut tiles = Vec::with_capacity(columns.len());
    for (j, column) in columns.iter().enumerate() {
        check_image(column.len())?;
        tiles.push(Tile {
            pixels: diverging.paint(column),
            caption: format!("unit {j}"),
        });
    }
    let grid = TileGrid {
        title: "What each hidden unit looks for: columns of W1".to_owned(),
        notes: vec![
            caption.to_owned(),
            "each tile: one hidden unit's 784 weights W1[:, j] laid out as the 28x28 image it \
             multiplies"
                .to_owned(),
            format!(
                "red: positive weight (ink there raises the unit), blue: negative, white: zero; \
                 every tile on one scale, full colour at ±{scale:.3} (the largest |w|)"
            ),
        ],
        class: "tile".to_owned(),
        side: SIDE,
        columns: 10,
        tiles,
        colour_bar: Some(ColourBar {
            scale: diverging,
            ticks: [-scale, -scale / 2.0, 0.0, scale / 2.0, scale]
                .map(|w| (w, format!("{w:.2}")))
                .to_vec(),
            caption: "weight".to_owned(),
        }),
    };
    Ok(grid.svg())
}
