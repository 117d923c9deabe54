#![doc = include_str!("../README.md")]

pub mod colour_scale;
pub mod figures;
pub mod heat_map;
pub mod init_study;
mod network;
pub mod palette;
mod panel;
pub mod png;
mod scaling;
pub mod svg;
pub mod tiles;
mod training;
mod xor;

pub use colour_scale::ColourScale;
pub use heat_map::{ColourBar, HeatMap, grid_bitmap};
pub use network::{MISCLASSIFIED, confusion_svg, misclassified_svg, weights_svg};
pub use panel::{
    Panel, Series, Style, Ticks, axis_cross, bounds, draw_panel, panels_svg, with_notes,
};
/// Where a panel's legend goes.
pub use plotters::chart::SeriesLabelPosition as LegendPosition;
/// A colour, as every function here takes it.
pub use plotters::style::RGBColor;
pub use scaling::{ScalingLine, ScalingPanel, scaling_svg};
pub use svg::{Anchor, Svg};
pub use tiles::{Tile, TileGrid};
pub use training::{accuracy_svg, compare_accuracy_svg, loss_svg};
pub use xor::xor;

/// What went wrong while drawing: plotters' own error, as text, or data
/// of the wrong shape for a picture (images that are not 28x28). Drawing
/// into a `String` fails only on a bug (a range that is empty, a point
/// plotters cannot place), never on input data that was checked first.
#[derive(Debug, thiserror::Error)]
#[error("drawing the SVG failed: {0}")]
pub struct DrawError(String);

impl<E: std::error::Error + Send + Sync> From<plotters::drawing::DrawingAreaErrorKind<E>>
    for DrawError
{
    fn from(error: plotters::drawing::DrawingAreaErrorKind<E>) -> Self {
        DrawError(error.to_string())
    }
}
