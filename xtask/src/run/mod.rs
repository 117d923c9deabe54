//! What a training run leaves behind: the run directory and `metrics.csv`
//! and `config.json` (in `runs`, re-exported here as [`dir`] and
//! [`metrics`]), and the loss and accuracy plots ([`plots`]).

pub use runs::{dir, metrics};
pub mod plots;
