//! One bench run from start to end: the measurements in order, with an
//! [`Event`] for each phase so the caller can show progress, and the
//! [`Report`] they make.

use std::fmt;
use std::path::Path;

use twolayer::{Dataset, TrainConfig};

use crate::measure::peak_memory::{PeakMemory, PeakMemoryError};
pub use crate::measure::peers::PeerOptions;
use crate::measure::peers::{INSTALL_HINT, PeerRole, PeerRun, Peers};
use crate::measure::sparsity::Sparsity;
use crate::measure::training::{
    RunTiming, SATURATED_LEARNING_RATE, Stepping, default_run, time_steps,
};
use crate::measure::{Measurements, Setup};
use crate::measure::{evaluation, gemm, loading, numerical_gradient, peers};
use crate::{BenchError, Report, format, machine};

/// Images in the numerical-gradient batch (the book's batch of 100).
const NUMERICAL_GRADIENT_BATCH: usize = 100;

/// Calls of the fast numerical gradient timed (after one warm-up).
const FAST_CALLS: usize = 30;

/// What to measure and how.
#[derive(Debug)]
pub struct Options {
    /// Repeats behind each median (at least one): loading, the default run,
    /// the steps alone, the evaluations.
    pub runs: usize,
    /// Whether to time one call of the book's numerical-gradient loop in
    /// Rust too (tens of seconds).
    pub reference: bool,
    /// The Python peers to run, if any.
    pub peers: Option<PeerOptions>,
    /// The peak memory of the book's default run in a child process, or
    /// why it was not measured: measured by the caller with
    /// [`measure`](crate::measure::peak_memory::measure) before it loads anything (see there why).
    pub peak_memory: Result<PeakMemory, PeakMemoryError>,
    /// The command that runs this bench, as typed, for the report.
    pub command: String,
    /// When the bench started, UTC, as the caller writes dates.
    pub date_utc: String,
}

/// What the bench is doing, for a progress display.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// Phase `number` of `of` starts.
    Phase {
        /// 1-based.
        number: usize,
        /// Phases in all.
        of: usize,
        /// What it measures.
        what: &'a str,
    },
    /// Default run `run` of `of` is done.
    DefaultRun {
        /// 1-based.
        run: usize,
        /// Runs in all.
        of: usize,
        /// Its times and accuracy.
        timing: &'a RunTiming,
    },
    /// A Python peer starts.
    PeerStarted(&'a str),
    /// A line of figures of a measurement in progress.
    Measured(&'a str),
    /// A Python peer did not run, and why.
    PeerNotRun(&'a str),
    /// Some peer did not run: how to install what they need.
    PeersMissing,
}

impl fmt::Display for Event<'_> {
    /// `bench [3/6] the book's default run x5`, `  run 1/5: 2.41 s (...)`, ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Event::Phase { number, of, what } => write!(f, "bench [{number}/{of}] {what}"),
            Event::DefaultRun { run, of, timing } => write!(
                f,
                "  run {run}/{of}: {} (steps {}, evaluations {}), test acc {:.4}",
                format::duration(timing.total_s()),
                format::duration(timing.steps_s),
                format::duration(timing.eval_s),
                timing.test_acc
            ),
            Event::PeerStarted(label) => write!(f, "  {label}..."),
            Event::Measured(line) => write!(f, "  {line}"),
            Event::PeerNotRun(error) => write!(f, "  not run: {error}"),
            Event::PeersMissing => write!(f, "  to install the peers' packages: {INSTALL_HINT}"),
        }
    }
}

/// Measures everything on `train` and `test` (loaded from `mnist_dir`),
/// calling `on_event` as it goes, and returns the report.
///
/// # Errors
/// When MNIST does not load from `mnist_dir` or the default configuration
/// cannot train on the data. A measurement that cannot be made for another
/// reason (the child fails, a peer is missing) is recorded in the report.
pub fn run(
    options: Options,
    mnist_dir: &Path,
    train: &Dataset<'_>,
    test: &Dataset<'_>,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<Report, BenchError> {
    let machine = machine::describe(machine::load_average(), options.date_utc);
    let config = TrainConfig::default();
    let runs = options.runs.max(1);
    let total = if options.peers.is_some() { 8 } else { 7 };
    let mut done = 0;
    let mut phase = |what: &str, on_event: &mut dyn FnMut(Event<'_>)| {
        done += 1;
        on_event(Event::Phase {
            number: done,
            of: total,
            what,
        });
    };

    phase(
        &format!("loading MNIST from {} x{runs}", mnist_dir.display()),
        on_event,
    );
    let loading = loading::time_loading(mnist_dir, runs)?;
    let sparsity = Sparsity::count(train, test);

    phase("GEMM peak (f32, 1 thread, then every core)", on_event);
    let gemm = gemm::measure(machine.cores);

    phase(&format!("the book's default run x{runs}"), on_event);
    let mut default_runs = Vec::with_capacity(runs);
    for run in 1..=runs {
        let timing = default_run(train, test, &config)?;
        on_event(Event::DefaultRun {
            run,
            of: runs,
            timing: &timing,
        });
        default_runs.push(timing);
    }

    phase(
        &format!(
            "{} training steps alone x{runs}, as the default run, then on one thread",
            config.iters
        ),
        on_event,
    );
    let (steps, trainer) = time_steps(train, test, &config, runs, Stepping::Steps)?;
    let (one_thread_steps, _) = time_steps(train, test, &config, runs, Stepping::OneThread)?;
    phase(
        &format!(
            "{} training steps alone x{runs} of a saturated run (--lr {SATURATED_LEARNING_RATE})",
            config.iters
        ),
        on_event,
    );
    let saturated = TrainConfig {
        learning_rate: SATURATED_LEARNING_RATE,
        ..config.clone()
    };
    let (saturated_steps, _) = time_steps(train, test, &saturated, runs, Stepping::Steps)?;

    phase(&format!("full-set evaluation x{runs}"), on_event);
    let evaluation = evaluation::time_evaluation(&trainer, train, test, runs);
    drop(trainer);

    let reference_note = if options.reference {
        ", then the book's loop once (tens of seconds)"
    } else {
        ""
    };
    phase(
        &format!("numerical gradient: fast x{FAST_CALLS}{reference_note}"),
        on_event,
    );
    let numerical_gradient = numerical_gradient::time_numerical_gradient(
        train,
        NUMERICAL_GRADIENT_BATCH,
        FAST_CALLS,
        options.reference,
    );

    let (peak_memory, peak_memory_error) = match options.peak_memory {
        Ok(peak) => (Some(peak), None),
        Err(error) => (None, Some(error.to_string())),
    };

    let peers = options.peers.as_ref().map(|peers| {
        phase("Python peers (bench/peers/), several minutes", on_event);
        run_peers(peers, mnist_dir, on_event)
    });

    Ok(Report::new(Measurements {
        machine,
        setup: Setup {
            dims: (train.features(), config.hidden, train.classes()),
            activation: config.activation.to_string(),
            batch_size: config.batch_size,
            iters: config.iters,
            learning_rate: config.learning_rate,
            seed: config.seed,
            runs,
            mnist_dir: mnist_dir.display().to_string(),
            command: options.command,
        },
        gemm,
        loading,
        sparsity,
        default_runs,
        steps,
        one_thread_steps,
        saturated_steps,
        evaluation,
        numerical_gradient,
        peak_memory,
        peak_memory_error,
        peers,
    }))
}

/// Runs the peers of [`peers::plan`], saying what runs and what is missing.
fn run_peers(
    options: &PeerOptions,
    mnist_dir: &Path,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Peers {
    let mut peers = Peers {
        numpy: not_planned(),
        torch: Vec::new(),
        numpy_numerical_gradient: not_planned(),
    };
    let mut missing = false;
    for planned in peers::plan(options) {
        on_event(Event::PeerStarted(&planned.label));
        let run = peers::run(&options.python, planned.script, mnist_dir, &planned.flags);
        if let Some(error) = &run.error {
            on_event(Event::PeerNotRun(error));
            missing = true;
        }
        match planned.role {
            PeerRole::NumPy => peers.numpy = run,
            PeerRole::Torch => peers.torch.push(run),
            PeerRole::NumericalGradient => peers.numpy_numerical_gradient = run,
        }
    }
    if missing {
        on_event(Event::PeersMissing);
    }
    peers
}

/// The place of a peer run that [`peers::plan`] always fills.
fn not_planned() -> PeerRun {
    PeerRun {
        command: String::new(),
        record: None,
        error: Some("not planned".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_as_progress_lines() {
        let phase = Event::Phase {
            number: 3,
            of: 6,
            what: "the book's default run x5",
        };
        assert_eq!(phase.to_string(), "bench [3/6] the book's default run x5");
        let timing = RunTiming {
            wall_s: 2.5,
            setup_s: 0.1,
            steps_s: 2.0,
            eval_s: 0.4,
            evaluations: 17,
            train_acc: 0.94,
            test_acc: 0.9412,
        };
        let run = Event::DefaultRun {
            run: 1,
            of: 5,
            timing: &timing,
        };
        assert_eq!(
            run.to_string(),
            "  run 1/5: 2.40 s (steps 2.00 s, evaluations 400.0 ms), test acc 0.9412"
        );
        assert_eq!(
            Event::Measured("batch 100: one step 1.2 ms").to_string(),
            "  batch 100: one step 1.2 ms"
        );
        assert_eq!(
            Event::PeerNotRun("torch is missing").to_string(),
            "  not run: torch is missing"
        );
    }
}
