//! What a run records while it trains: the observer that streams every
//! loss and epoch to `metrics.csv` as they come (whole rows, through
//! [`GrowingFile`]), keeps a bounded sample of the losses and the epochs
//! for the plots, feeds the run's [`Doctor`], passes each event and each
//! finding on to the caller's observer (a progress bar, the page's live
//! log), and stops the run when asked.

use std::io;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use atomic_file::outputs::GrowingFile;
use doctor::{Doctor, Finding};
use twolayer::{EpochStats, NextSteps, TrainError, TrainObserver, TrainReport};

use crate::Error;
use crate::metrics::MetricsWriter;
use crate::sampled::{PLOT_POINTS, Sampled};

/// The [`TrainObserver`] of a run that writes a run directory: nothing of
/// the history stays in the library's report
/// ([`keep_history`](TrainObserver::keep_history) is `false`); the losses
/// go to `metrics.csv` and a bounded sample.
#[derive(Debug)]
pub struct Recorder<O> {
    inner: O,
    metrics: MetricsWriter<GrowingFile>,
    path: PathBuf,
    /// The first write that failed: the run stops on it.
    error: Option<io::Error>,
    stop: Arc<AtomicBool>,
    doctor: Doctor,
    record: RunRecord,
}

/// The caller's observer of a recorded run: the trainer's events, and each
/// [`Finding`] of the run's doctor when first seen.
pub trait RunObserver: TrainObserver {
    /// A finding, the first time its symptom is seen.
    fn on_finding(&mut self, finding: &Finding) {
        let _ = finding;
    }
}

/// Observes nothing.
impl RunObserver for () {}

/// What a run recorded, for its plots.
#[derive(Debug, Clone)]
pub struct RunRecord {
    /// The losses, sampled to at most [`PLOT_POINTS`].
    pub losses: Sampled<f64>,
    /// Every epoch's accuracies.
    pub epochs: Vec<EpochStats>,
    /// What the run's doctor found, in the order seen (`findings.json`).
    pub findings: Vec<Finding>,
}

impl RunRecord {
    /// `findings.json`: the findings as a pretty-printed JSON array (empty
    /// for a healthy run), with a final newline.
    ///
    /// # Errors
    /// [`Error::Json`] (not expected: every field serializes).
    pub fn findings_json(&self) -> Result<String, Error> {
        Ok(serde_json::to_string_pretty(&self.findings)? + "\n")
    }
}

impl<O: RunObserver> Recorder<O> {
    /// Creates `path` (`metrics.csv`, which must not exist) with its header;
    /// every event goes on to `doctor` and `inner`, and each finding to
    /// `inner`; the run stops after the step during which `stop` becomes
    /// true (or `inner` asks it to).
    ///
    /// # Errors
    /// [`Error::Write`] when `path` exists or cannot be written.
    pub fn new(
        inner: O,
        path: &Path,
        stop: Arc<AtomicBool>,
        doctor: Doctor,
    ) -> Result<Self, Error> {
        let file = GrowingFile::create(path)?;
        let metrics = MetricsWriter::new(file).map_err(|error| Error::io("write", path, error))?;
        Ok(Self {
            inner,
            metrics,
            path: path.to_owned(),
            error: None,
            stop,
            doctor,
            record: RunRecord {
                losses: Sampled::new(PLOT_POINTS),
                epochs: Vec::new(),
                findings: Vec::new(),
            },
        })
    }

    /// Shows the doctor how the run ended (a loss that is not finite is a
    /// finding), completes `metrics.csv` (flushed and synced), and gives
    /// back the caller's observer with the record, or the first write that
    /// failed.
    pub fn finish(
        mut self,
        outcome: &Result<TrainReport, TrainError>,
    ) -> (O, Result<RunRecord, Error>) {
        for finding in self.doctor.outcome(outcome) {
            self.inner.on_finding(finding);
        }
        let Self {
            inner,
            metrics,
            path,
            error,
            mut record,
            doctor,
            ..
        } = self;
        record.findings = doctor.findings().to_vec();
        let finished = match error {
            Some(error) => Err(Error::io("write", &path, error)),
            None => metrics
                .finish()
                .map_err(|error| Error::io("write", &path, error))
                .and_then(|file| Ok(file.finish()?))
                .map(|()| record),
        };
        (inner, finished)
    }
}

impl<O: RunObserver> TrainObserver for Recorder<O> {
    fn on_iteration(&mut self, iteration: usize, loss: f64) -> ControlFlow<()> {
        let flow = self.inner.on_iteration(iteration, loss);
        for finding in self.doctor.loss(iteration, loss) {
            self.inner.on_finding(finding);
        }
        self.record.losses.push(iteration, loss);
        if let Err(error) = self.metrics.loss(iteration, loss) {
            self.error.get_or_insert(error);
        }
        if flow.is_break() || self.error.is_some() || self.stop.load(Ordering::SeqCst) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    fn on_epoch(&mut self, stats: &EpochStats) {
        self.inner.on_epoch(stats);
        for finding in self.doctor.epoch(stats) {
            self.inner.on_finding(finding);
        }
        self.record.epochs.push(*stats);
        if let Err(error) = self.metrics.epoch(stats) {
            self.error.get_or_insert(error);
        }
    }

    fn keep_history(&self) -> bool {
        false
    }

    fn next_steps(&mut self, iteration: usize) -> NextSteps {
        self.inner.next_steps(iteration)
    }
}
