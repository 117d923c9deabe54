//! A bounded sample of a long series for a plot: `runs::sampled`,
//! re-exported here under the name the commands import.

pub use runs::sampled::{PLOT_POINTS, Sampled};
