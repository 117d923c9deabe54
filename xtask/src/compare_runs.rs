//! `cargo xtask compare-runs`: the train and test accuracy per epoch of
//! several training runs (each a `--run` directory holding the `metrics.csv`
//! written by `train`) drawn on one SVG plot, e.g. the backprop run and the
//! numerical-gradient run of the same seed side by side.

#![allow(clippy::print_stdout, reason = "the command reports the file it wrote")]

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use twolayer::EpochStats;

use crate::run::metrics::epochs_from_csv;
use crate::run::plots::compare_accuracy_svg;

/// Flags of `cargo xtask compare-runs`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A run directory holding `metrics.csv`, repeatable (one curve pair each).
    #[arg(long = "run", value_name = "DIR", required = true)]
    runs: Vec<PathBuf>,
    /// The legend name of each run, in `--run` order: none, or one per run
    /// [default: the run directory's name].
    #[arg(long = "label", value_name = "NAME")]
    labels: Vec<String>,
    /// The SVG file to write (its directory is created if missing).
    #[arg(long, value_name = "FILE.svg")]
    out: PathBuf,
}

/// Reads every run's `metrics.csv` and writes the comparison plot.
pub fn run(args: Args) -> anyhow::Result<()> {
    if !args.labels.is_empty() && args.labels.len() != args.runs.len() {
        anyhow::bail!(
            "{} --label for {} --run: give no --label or one per --run",
            args.labels.len(),
            args.runs.len()
        );
    }
    let mut runs = Vec::with_capacity(args.runs.len());
    for (i, dir) in args.runs.iter().enumerate() {
        let label = match args.labels.get(i) {
            Some(label) => label.clone(),
            None => default_label(dir),
        };
        runs.push((label, read_epochs(&dir.join("metrics.csv"))?));
    }
    let svg = compare_accuracy_svg(&runs)?;
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    atomic_file::write(&args.out, svg.as_bytes())?;
    println!("wrote {}", args.out.display());
    Ok(())
}

/// The epoch rows of the `metrics.csv` at `path`; errors name the file.
fn read_epochs(path: &Path) -> anyhow::Result<Vec<EpochStats>> {
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let epochs =
        epochs_from_csv(&text).map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
    if epochs.is_empty() {
        anyhow::bail!(
            "{}: no row has accuracies (no epoch was evaluated)",
            path.display()
        );
    }
    Ok(epochs)
}

/// The run directory's file name (`runs/backprop` -> `backprop`), or the
/// whole path when it has none (`.`).
fn default_label(dir: &Path) -> String {
    match dir.file_name() {
        Some(name) => name.to_string_lossy().into_owned(),
        None => dir.display().to_string(),
    }
}
