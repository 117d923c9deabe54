#![doc = include_str!("../README.md")]

pub mod budget;
mod config;
mod cost;
mod data;
pub mod dir;
mod error;
mod final_eval;
pub mod metrics;
mod notes;
pub mod pictures;
mod record;
pub mod sampled;

pub use budget::FlagError;
pub use config::{LrChange, RunConfig};
pub use cost::check_train;
pub use data::{MnistData, Needs};
pub use dir::{CLAIM, FAILED, RunDir, utc_timestamp};
pub use error::Error;
pub use final_eval::final_accuracies;
pub use metrics::{MetricsWriter, epochs_from_csv};
pub use notes::{NumericalCost, sampling_note};
pub use record::{Recorder, RunObserver, RunRecord};
pub use sampled::{PLOT_POINTS, Sampled};
