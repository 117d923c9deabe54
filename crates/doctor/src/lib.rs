#![doc = include_str!("../README.md")]

mod advice;
mod command;
mod doctor;
mod finding;
#[cfg(test)]
mod tests;

pub use command::command_line;
pub use doctor::Doctor;
pub use finding::{Finding, Suggestion, Symptom, summary};

/// A flat loss: every loss of the first [`FLAT_ITERS`] iterations within
/// this of `ln(classes)` (`ln(10) = 2.3026`, the loss of a network that
/// gives every class the same probability).
pub const FLAT_BAND: f64 = 0.02;

/// The iterations a flat loss is watched over.
pub const FLAT_ITERS: usize = 600;

/// A rising loss: an epoch's mean loss above the previous epoch's by more
/// than this share...
pub const RISE: f64 = 0.10;

/// ...this many times in a run.
pub const RISES: usize = 2;

/// A stuck accuracy: the test accuracy within this of the share of the
/// class the network predicts most...
pub const STUCK_BAND: f64 = 0.002;

/// ...and that class predicted for at least this share of the test images.
/// Not in issue 26's list: it is what "every image called 1" means, and
/// without it a healthy run could be flagged: MNIST's ten class shares lie
/// between 0.0892 and 0.1135, so any accuracy between 0.087 and 0.116 is
/// within 0.002 of one of them, as the first check of a run often is.
pub const STUCK_PREDICTED: f64 = 0.9;

/// Saturated sigmoids: more than this share of the hidden outputs below
/// 0.01 or above 0.99 ([`twolayer::train::SATURATED`]); dead ReLUs: more
/// than this share of the hidden units never active.
pub const HIDDEN_SHARE: f64 = 0.5;

/// Overfitting: the train accuracy above the test accuracy by more than
/// this...
pub const OVERFIT_GAP: f64 = 0.05;

/// ...at an epoch after this one.
pub const OVERFIT_AFTER_EPOCH: usize = 10;
