//! The benchmark suite of the workspace, behind `cargo xtask bench`: it
//! measures, in one process and on the same MNIST data, the book's default
//! training run (steps and evaluations apart), the training steps alone
//! against the machine's measured GEMM peak, full-set evaluation, the
//! numerical gradient of 784-50-10 on a batch of 100 (the book's loop and
//! the fast one), loading MNIST, and the peak resident memory of a default
//! run in a child process; with the Python peers of `bench/peers/`, the same
//! run in NumPy and PyTorch. It reports measurements and ratios, no targets.
//!
//! [`run()`] takes the data and [`Options`] and returns a [`Report`]: the raw
//! [`Measurements`], the derived [`Figures`] and the results table;
//! [`Report::markdown`] renders it, `serde_json` writes it as `bench.json`.
//! The crate does not print: progress arrives as [`Event`]s.
//!
//! Module map, each depending only on those below it: [`run`](mod@run) ->
//! `report` -> `results`, `comparison` -> `figures` (with the [`flops`]
//! model) -> [`measure`] (one module per measurement, gathered in
//! [`Measurements`]) -> `usage` (getrusage, wait4), `machine`, `versions`
//! (cargo metadata), `format`, `workspace`.

pub mod comparison;
pub mod error;
pub mod figures;
pub mod flops;
pub mod format;
pub mod machine;
pub mod measure;
pub mod report;
pub mod results;
pub mod run;
pub mod usage;
pub mod versions;
pub mod workspace;

pub use error::BenchError;
pub use figures::Figures;
pub use measure::Measurements;
pub use report::Report;
pub use run::{Event, Options, PeerOptions, run};
