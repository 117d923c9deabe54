//! `cargo xtask compare-runs`: the train and test accuracy per epoch of
//! several training runs (each a `--run` directory holding the `metrics.csv`
//! written by `train`) drawn on one SVG plot, e.g. the backprop run and the
//! numerical-gradient run of the same seed side by side.

#![allow(clippy::print_stdout, reason = "the command reports the file it wrote")]

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use twolayer::EpochStats;

use crate::flags::FlagError;
use atomic_file::outputs::write_new_files;
use runs::epochs_from_csv;

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
    /// The SVG file to write (its directory is created if missing); an
    /// existing file is kept unless --force, and never one of the runs'
    /// `metrics.csv`.
    #[arg(long, value_name = "FILE.svg")]
    out: PathBuf,
    /// Replace --out if it exists.
    #[arg(long)]
    force: bool,
}

/// Reads every run's `metrics.csv` and writes the comparison plot.
pub fn run(args: Args) -> anyhow::Result<()> {
    if !args.labels.is_empty() && args.labels.len() != args.runs.len() {
        return Err(FlagError::new(
            "--label",
            &args.labels,
            format!(
                "{} --label for {} --run: give no --label or one per --run",
                args.labels.len(),
                args.runs.len()
            ),
        )
        .into());
    }
    let Some(name) = args.out.file_name() else {
        return Err(FlagError::new("--out", &args.out, "expected a file name").into());
    };
    let metrics: Vec<PathBuf> = args
        .runs
        .iter()
        .map(|dir| dir.join("metrics.csv"))
        .collect();
    let mut runs = Vec::with_capacity(args.runs.len());
    for (i, (dir, metrics)) in args.runs.iter().zip(&metrics).enumerate() {
        let label = match args.labels.get(i) {
            Some(label) => label.clone(),
            None => default_label(dir),
        };
        runs.push((label, read_epochs(metrics)?));
    }
    let svg = plots::compare_accuracy_svg(&runs)?;
    let parent = match args.out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let inputs: Vec<&Path> = metrics.iter().map(PathBuf::as_path).collect();
    let file = (name.to_string_lossy().into_owned(), svg.into_bytes());
    write_new_files(parent, "--out", &[file], args.force, &inputs)?;
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
