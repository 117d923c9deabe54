#![doc = include_str!("../README.md")]

pub mod figures;
pub mod palette;
mod panel;

pub use panel::{
    Panel, Series, Style, Ticks, axis_cross, bounds, draw_panel, panels_svg, with_notes,
};
/// Where a panel's legend goes.
pub use plotters::chart::SeriesLabelPosition as LegendPosition;
/// A colour, as every function here takes it.
pub use plotters::style::RGBColor;

/// What went wrong while drawing: plotters' own error, as text. Drawing
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
