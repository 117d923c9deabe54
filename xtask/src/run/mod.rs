//! What a training run leaves behind and how it gets there: the run
//! directory and its atomic file writes ([`dir`]), `metrics.csv` and
//! `config.json` ([`metrics`]); the loss and accuracy plots are
//! `plots::loss_svg` and `plots::accuracy_svg`.

pub mod dir;
pub mod metrics;
