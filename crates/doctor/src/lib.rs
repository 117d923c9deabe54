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

/// A stuck accuracy: at two checks in a row, the test accuracy within
/// this of the share of the class the network predicts most...
pub const STUCK_BAND: f64 = 0.002;

/// ...and that class predicted for at least this share of the test images.
///
/// Two refinements of issue 26's rule ("the accuracy within 0.002 of one
/// class's share"), both from measured runs. That class must be the one
/// predicted for nearly every image: MNIST's ten class shares lie between
/// 0.0892 and 0.1135, so any accuracy between 0.087 and 0.116, as a
/// network's first check often is, is within 0.002 of one of them. And it
/// must hold at two checks in a row: the first check comes after a single
/// step, when a network initialised with small weights calls every image
/// the same class (the default run's first check reads 0.0974, every test
/// image called 8, and 0.91 at the next). `--lr 100` is stuck at 0.1135
/// (every image called 1) at its first check and stays stuck.
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
