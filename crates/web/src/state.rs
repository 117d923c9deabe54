//! What the handlers share: the MNIST data, the served model (swapped when
//! a run finishes), and the current training run.

use std::fmt;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use runs::MnistData;
use twolayer::{Dataset, TwoLayerNet};

use crate::figures::ShortRun;
use crate::slots::Slots;
use crate::summary::{Summary, SummaryCache};
use crate::training::TrainRun;

/// A model the page predicts with.
#[derive(Debug)]
pub struct Served {
    /// The network.
    pub net: TwoLayerNet<f32>,
    /// The file it was loaded from or saved to.
    pub model: PathBuf,
    /// Where its run stopped, when it was stopped before its last iteration.
    pub stopped: Option<StoppedAt>,
}

/// A run stopped early: `stopped after {iteration} of {iters} iterations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoppedAt {
    /// The iterations completed.
    pub iteration: usize,
    /// The iterations asked for.
    pub iters: usize,
}

impl fmt::Display for StoppedAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "stopped after {} of {} iterations",
            self.iteration, self.iters
        )
    }
}

/// The server's state, behind an `Arc` in every handler.
#[derive(Debug)]
pub struct AppState {
    mnist: MnistData,
    served: RwLock<Option<Arc<Served>>>,
    run: Mutex<Option<Arc<TrainRun>>>,
    summary: SummaryCache,
    /// Where runs started from the page are written.
    pub runs_root: PathBuf,
    /// The Chapter 4 view's loss-vs-accuracy network when none is served.
    pub(crate) short_run: ShortRun,
    /// The XOR runs the Chapter 4 view streams at once (bounded).
    pub(crate) xor_runs: Slots,
    /// The prediction sockets open at once (bounded).
    pub(crate) predict_sockets: Slots,
    /// Whether a numerical gradient's cost is being timed (one at a time).
    pub(crate) timing: AtomicBool,
}

impl AppState {
    /// The state of a server on `mnist`, serving `served` if given,
    /// writing the page's runs under `runs_root`.
    ///
    /// # Errors
    /// If `mnist` does not hold both splits, valid.
    pub fn new(
        mnist: MnistData,
        served: Option<Served>,
        runs_root: PathBuf,
    ) -> Result<Arc<Self>, runs::Error> {
        mnist.train()?;
        mnist.test()?;
        Ok(Arc::new(Self {
            mnist,
            served: RwLock::new(served.map(Arc::new)),
            run: Mutex::new(None),
            summary: SummaryCache::default(),
            runs_root,
            short_run: ShortRun::default(),
            xor_runs: Slots::new(crate::figures::MAX_XOR_RUNS),
            predict_sockets: Slots::new(crate::api::MAX_PREDICT_SOCKETS),
            timing: AtomicBool::new(false),
        }))
    }

    /// The loaded data (its directory is recorded in each run's config).
    pub fn mnist(&self) -> &MnistData {
        &self.mnist
    }

    /// The training split (checked valid in [`new`](Self::new)).
    pub fn train(&self) -> Dataset<'_> {
        self.mnist
            .train()
            .unwrap_or_else(|_| unreachable!("checked in AppState::new"))
    }

    /// The test split (checked valid in [`new`](Self::new)).
    pub fn test(&self) -> Dataset<'_> {
        self.mnist
            .test()
            .unwrap_or_else(|_| unreachable!("checked in AppState::new"))
    }

    /// The model being served, if any.
    pub fn served(&self) -> Option<Arc<Served>> {
        self.served
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The served model `served` judged on the test set, computed on the
    /// first call for it (a pass over the test set: call it from a
    /// blocking thread).
    pub fn summary(&self, served: &Arc<Served>) -> Arc<Summary> {
        self.summary.get(served, &self.test())
    }

    /// Serves `served` from now on.
    pub fn serve(&self, served: Served) {
        *self.served.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(served));
    }

    /// The current (or last) training run.
    pub fn run(&self) -> Option<Arc<TrainRun>> {
        self.run
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Stops the run going, if any, after its current step and waits until
    /// it is saved; returns how it ended (`None` when no run was going).
    pub fn stop_run_and_wait(&self) -> Option<String> {
        let run = self.run().filter(|run| !run.is_finished())?;
        Some(run.stop_and_wait())
    }

    /// Makes `make()` the current run unless one is still going; returns
    /// it, or `None` when another run is going.
    pub fn start_run(&self, make: impl FnOnce() -> Arc<TrainRun>) -> Option<Arc<TrainRun>> {
        let mut run = self.run.lock().unwrap_or_else(PoisonError::into_inner);
        if run.as_ref().is_some_and(|current| !current.is_finished()) {
            return None;
        }
        let new = make();
        *run = Some(Arc::clone(&new));
        Some(new)
    }
}
