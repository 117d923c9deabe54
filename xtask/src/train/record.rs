//! What `cargo xtask train` records while it trains: the observer that
//! streams every loss and epoch to `metrics.csv` as they come, keeps a
//! bounded sample of the losses and the epochs for the plots, shows the
//! progress, and stops the run when asked (Ctrl-C, SIGTERM).

use std::fs::File;
use std::io;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use twolayer::{EpochStats, TrainObserver, TrainReport};

use super::progress::{Timing, TrainProgress};
use crate::run::dir::RunDir;
use crate::run::metrics::MetricsWriter;
use crate::sampled::{PLOT_POINTS, Sampled};

/// The [`TrainObserver`] of `train`: nothing of the history stays in the
/// library's report ([`keep_history`](TrainObserver::keep_history) is
/// `false`); the losses go to `metrics.csv` and a bounded sample.
pub struct Recorder {
    progress: TrainProgress,
    metrics: MetricsWriter<File>,
    path: PathBuf,
    /// The first write that failed: the run stops on it.
    error: Option<io::Error>,
    stop: Arc<AtomicBool>,
    losses: Sampled<f64>,
    epochs: Vec<EpochStats>,
}

/// What a run recorded, for its plots.
pub struct Record {
    /// The losses, sampled to at most [`PLOT_POINTS`].
    pub losses: Sampled<f64>,
    /// Every epoch's accuracies.
    pub epochs: Vec<EpochStats>,
    /// The time spent in steps and evaluations.
    pub timing: Timing,
}

impl Recorder {
    /// Creates `path` (`metrics.csv`, which must not exist) with its header;
    /// the run stops after the step during which `stop` becomes true.
    pub fn new(
        progress: TrainProgress,
        path: &Path,
        stop: Arc<AtomicBool>,
    ) -> anyhow::Result<Self> {
        let file =
            File::create_new(path).with_context(|| format!("cannot create {}", path.display()))?;
        let metrics =
            MetricsWriter::new(file).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(Self {
            progress,
            metrics,
            path: path.to_owned(),
            error: None,
            stop,
            losses: Sampled::new(PLOT_POINTS),
            epochs: Vec::new(),
        })
    }

    /// Ends the progress display and completes `metrics.csv` (flushed and
    /// synced); an error if any write to it failed.
    pub fn finish(self) -> anyhow::Result<Record> {
        let timing = self.progress.finish();
        let context = || format!("cannot write {}", self.path.display());
        if let Some(error) = self.error {
            return Err(error).with_context(context);
        }
        let file = self.metrics.finish().with_context(context)?;
        file.sync_all().with_context(context)?;
        Ok(Record {
            losses: self.losses,
            epochs: self.epochs,
            timing,
        })
    }
}

impl TrainObserver for Recorder {
    fn on_iteration(&mut self, iteration: usize, loss: f64) -> ControlFlow<()> {
        let _ = self.progress.on_iteration(iteration, loss);
        self.losses.push(iteration, loss);
        if let Err(error) = self.metrics.loss(iteration, loss) {
            self.error.get_or_insert(error);
        }
        if self.error.is_some() || self.stop.load(Ordering::SeqCst) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    fn on_epoch(&mut self, stats: &EpochStats) {
        self.progress.on_epoch(stats);
        self.epochs.push(*stats);
        if let Err(error) = self.metrics.epoch(stats) {
            self.error.get_or_insert(error);
        }
    }

    fn keep_history(&self) -> bool {
        false
    }
}

/// Writes `loss.svg` and `accuracy.svg` for what was trained.
pub(super) fn write_plots(run_dir: &RunDir, record: &Record) -> anyhow::Result<()> {
    write_plots_of(run_dir, &record.losses, &record.epochs)
}

/// Writes `metrics.csv`, `loss.svg` and `accuracy.svg` of a finished run
/// whose report kept its history (`serve`'s runs, which are ordinary run
/// directories too).
pub(crate) fn write_records(run_dir: &RunDir, report: &TrainReport) -> anyhow::Result<()> {
    let mut metrics = MetricsWriter::new(Vec::new())?;
    let mut losses = Sampled::new(PLOT_POINTS);
    let mut epochs = report.epochs.iter().peekable();
    for (iteration, &loss) in report.losses.iter().enumerate() {
        metrics.loss(iteration, loss)?;
        losses.push(iteration, loss);
        while let Some(stats) = epochs.next_if(|stats| stats.iteration == iteration) {
            metrics.epoch(stats)?;
        }
    }
    run_dir.write("metrics.csv", &metrics.finish()?)?;
    write_plots_of(run_dir, &losses, &report.epochs)
}

/// Writes `loss.svg` (from `losses`, sampled) and `accuracy.svg`.
fn write_plots_of(
    run_dir: &RunDir,
    losses: &Sampled<f64>,
    epochs: &[EpochStats],
) -> anyhow::Result<()> {
    let note = losses.note("iterations");
    let loss = plots::loss_svg(losses.points(), losses.len(), note.as_deref())?;
    run_dir.write("loss.svg", loss.as_bytes())?;
    run_dir.write("accuracy.svg", plots::accuracy_svg(epochs)?.as_bytes())?;
    Ok(())
}
