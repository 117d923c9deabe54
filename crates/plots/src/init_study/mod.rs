//! The figures of the initialisation study (the book's section 6.2, drawn
//! from `studies::init`): a histogram figure per setting (figures 6-10 to
//! 6-14), the gradient norms per layer, and the training loss by
//! initialisation (figure 6-15).

mod histograms;
mod lines;

pub use histograms::activation_histograms;
pub use lines::{gradient_norms, training_loss};
