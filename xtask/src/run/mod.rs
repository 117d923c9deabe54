//! What a training run leaves behind and how it gets there: the run
//! directory and its atomic file writes ([`dir`]), `metrics.csv` and
//! `config.json` ([`metrics`]), and the loss and accuracy plots ([`plots`]).

pub mod dir;
pub mod metrics;
pub mod plots;
