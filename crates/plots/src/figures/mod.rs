//! The figures of chapter 4, each one function from a study of the
//! `studies` crate to SVG text: curves (figures 4-6, 4-7, the rounding
//! error, the activations), the surface and gradient field (4-8, 4-9), the
//! descent paths (4-10, drawn by one function for both commands), the
//! saddle and plateau, and the loss against the accuracy.

mod curves;
mod descent;
mod field;
mod loss_sweep;
mod saddle_plateau;
mod symlog;

pub use curves::{activations_svg, function_1_svg, rounding_error_svg, tangent_svg};
pub use descent::{DescentPanel, descent_run_svg, descent_svg, gradient_descent_svg};
pub use field::{ARROW_COLOR, gradient_field_svg, surface_svg};
pub use loss_sweep::{LossVsAccuracy, loss_vs_accuracy_svg};
pub use saddle_plateau::saddle_and_plateau_svg;
pub use symlog::Scale;

#[cfg(test)]
mod tests;
