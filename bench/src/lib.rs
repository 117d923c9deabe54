#![doc = include_str!("../README.md")]

pub mod comparison;
pub mod error;
#[cfg(any(test, feature = "testing"))]
pub mod examples;
pub mod figures;
pub mod flops;
pub mod format;
pub mod machine;
pub mod measure;
pub mod report;
pub mod results;
pub mod run;
pub mod scaling;
pub mod usage;
pub mod versions;
pub mod workspace;

pub use error::BenchError;
pub use figures::Figures;
pub use measure::Measurements;
pub use report::Report;
pub use run::{Event, Options, PeerOptions, run};
pub use scaling::{ScalingOptions, ScalingReport, run_scaling};
