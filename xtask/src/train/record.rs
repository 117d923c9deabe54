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
use twolayer::{EpochStats, TrainObserver};

use super::progress::{Timing, TrainProgress};
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
