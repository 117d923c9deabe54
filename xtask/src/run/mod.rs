//! What a training run leaves behind: the run directory and `metrics.csv`
//! and `config.json` (in `runs`, re-exported here as [`dir`] and
//! [`metrics`]); the loss and accuracy plots are `plots::loss_svg` and
//! `plots::accuracy_svg`.

pub use runs::{dir, metrics};
