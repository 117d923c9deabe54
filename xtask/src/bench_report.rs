//! The report of `cargo xtask bench`, written as `bench.json`: every
//! measurement, the figures derived from them (medians, rates, ratios), and
//! the results table ([`bench_results`](crate::bench_results)).

use serde::Serialize;

use crate::bench_gemm::GemmPeak;
use crate::bench_machine::Machine;
use crate::bench_measure::{
    Evaluation, Loading, RunTiming, Steps, flops_per_image, flops_per_step,
};
use crate::bench_memory::PeakMemory;
use crate::bench_numerical::NumericalGradient;
use crate::bench_peers::Peers;
use crate::bench_results::{Row, results};
use crate::bench_table::median;

/// The network and training settings measured (the book's defaults).
#[derive(Debug, Clone, Serialize)]
pub struct Setup {
    /// Input, hidden and output sizes.
    pub dims: (usize, usize, usize),
    /// The hidden activation.
    pub activation: String,
    /// Samples per step.
    pub batch_size: usize,
    /// SGD steps per run.
    pub iters: usize,
    /// Learning rate.
    pub learning_rate: f64,
    /// Seed of every run.
    pub seed: u64,
    /// Repeats behind each median.
    pub runs: usize,
    /// Where MNIST was read from.
    pub mnist_dir: String,
    /// The command that measured it: `cargo xtask bench --peers ...`.
    pub command: String,
}

/// Everything measured in one `bench` run.
#[derive(Debug, Clone, Serialize)]
pub struct Measurements {
    /// The machine and versions.
    pub machine: Machine,
    /// What was measured.
    pub setup: Setup,
    /// The GEMM peak.
    pub gemm: GemmPeak,
    /// Loading MNIST.
    pub loading: Loading,
    /// Every default run.
    pub default_runs: Vec<RunTiming>,
    /// The training steps alone, as the default run takes them.
    pub steps: Steps,
    /// The training steps alone on one thread.
    pub one_thread_steps: Steps,
    /// Full-set evaluations.
    pub evaluation: Evaluation,
    /// The numerical gradient.
    pub numerical_gradient: NumericalGradient,
    /// The child run's peak memory, if it ran.
    pub peak_memory: Option<PeakMemory>,
    /// Why it did not.
    pub peak_memory_error: Option<String>,
    /// The Python peers, with `--peers`.
    pub peers: Option<Peers>,
}

/// What the measurements come to.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    /// Loading MNIST, median seconds.
    pub load_s: f64,
    /// The default run, steps plus evaluations, median seconds.
    pub total_s: f64,
    /// Its steps, median seconds.
    pub steps_s: f64,
    /// Its evaluations, median seconds.
    pub eval_s: f64,
    /// Its setup ([`RunTiming::setup_s`]), median seconds.
    pub setup_s: f64,
    /// The whole `train()` call, median seconds.
    pub wall_s: f64,
    /// Final accuracies (every run has the same seed and result).
    pub train_acc: f64,
    /// ...
    pub test_acc: f64,
    /// Training throughput in the default run's steps.
    pub run_samples_per_s: f64,
    /// Dense flops per step ([`flops_per_step`]).
    pub step_flops: f64,
    /// The training steps alone, as the default run takes them.
    pub steps: StepFigures,
    /// The training steps alone on one thread.
    pub one_thread_steps: StepFigures,
    /// One evaluation of both sets as the default run makes it
    /// ([`Trainer::accuracies`](twolayer::Trainer::accuracies)), median seconds.
    pub eval_pass_s: f64,
    /// Its throughput.
    pub eval_images_per_s: f64,
    /// Its dense GFLOP/s.
    pub eval_gflops: f64,
    /// Throughput of `twolayer::evaluate` on both sets (what `eval` runs).
    pub evaluate_images_per_s: f64,
    /// One fast numerical gradient, median seconds.
    pub numerical_gradient_fast_s: f64,
    /// One call of the book's loop in Rust, seconds.
    pub numerical_gradient_reference_s: Option<f64>,
    /// One call of the book's loop in NumPy, seconds.
    pub numerical_gradient_numpy_s: Option<f64>,
    /// Peak resident memory of the default run, MB.
    pub peak_memory_mb: Option<f64>,
    /// PyTorch's total over ours.
    pub vs_torch: Option<f64>,
    /// NumPy's total over ours.
    pub vs_numpy: Option<f64>,
}

/// What timed training steps come to.
#[derive(Debug, Clone, Serialize)]
pub struct StepFigures {
    /// Median seconds per run.
    pub median_s: f64,
    /// Training throughput.
    pub samples_per_s: f64,
    /// Dense GFLOP/s.
    pub gflops: f64,
    /// Cores they kept busy (CPU time over wall time).
    pub cores_busy: Option<f64>,
    /// The peak they are compared with, GFLOP/s ...
    pub peak_gflops: f64,
    /// ... and which one (`1-thread GEMM`, `2-thread GEMM`).
    pub peak_name: String,
    /// `gflops / peak_gflops`.
    pub fraction_of_peak: f64,
}

impl StepFigures {
    /// The figures of `steps` of `step_flops` dense flops and `batch_size`
    /// samples each, against the GEMM peak of as many threads as they
    /// kept cores busy (more than 1.25: all of the machine's `cores`).
    fn new(
        steps: &Steps,
        step_flops: f64,
        batch_size: usize,
        gemm: &GemmPeak,
        cores: usize,
    ) -> Self {
        let median_s = median(&steps.runs_s);
        let gflops = step_flops * steps.steps as f64 / median_s / 1e9;
        let threads = match steps.cores_busy {
            Some(busy) if busy > 1.25 => cores,
            _ => 1,
        };
        let (peak_gflops, peak_name) = gemm.for_threads(threads);
        Self {
            median_s,
            samples_per_s: (steps.steps * batch_size) as f64 / median_s,
            gflops,
            cores_busy: steps.cores_busy,
            peak_gflops,
            peak_name,
            fraction_of_peak: gflops / peak_gflops,
        }
    }
}

/// The whole report: `bench.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The raw measurements.
    #[serde(flatten)]
    pub measurements: Measurements,
    /// What they come to.
    pub figures: Figures,
    /// The results table, row by row.
    pub results: Vec<Row>,
}

impl Report {
    /// Derives the figures and the results from the measurements.
    pub fn new(measurements: Measurements) -> Self {
        let figures = figures(&measurements);
        let results = results(&measurements, &figures);
        Self {
            measurements,
            figures,
            results,
        }
    }
}

fn figures(m: &Measurements) -> Figures {
    let runs = &m.default_runs;
    let med = |f: &dyn Fn(&RunTiming) -> f64| median(&runs.iter().map(f).collect::<Vec<_>>());
    let (steps_s, total_s) = (med(&|r| r.steps_s), med(&|r| r.total_s()));
    let setup = &m.setup;
    let (input, hidden, output) = setup.dims;
    let step_flops = flops_per_step(setup.batch_size, input, hidden, output);
    let step_figures = |steps: &Steps| {
        StepFigures::new(
            steps,
            step_flops,
            setup.batch_size,
            &m.gemm,
            m.machine.cores,
        )
    };
    let eval_pass_s = median(&m.evaluation.runs_s);
    let images = m.evaluation.images as f64;
    let peer_total = |run: &crate::bench_peers::PeerRun| run.record.as_ref()?.total_s;
    let peers = m.peers.as_ref();
    let last = runs.last();
    Figures {
        load_s: median(&m.loading.runs_s),
        total_s,
        steps_s,
        eval_s: med(&|r| r.eval_s),
        setup_s: med(&|r| r.setup_s),
        wall_s: med(&|r| r.wall_s),
        train_acc: last.map_or(f64::NAN, |r| r.train_acc),
        test_acc: last.map_or(f64::NAN, |r| r.test_acc),
        run_samples_per_s: (setup.iters * setup.batch_size) as f64 / steps_s,
        step_flops,
        steps: step_figures(&m.steps),
        one_thread_steps: step_figures(&m.one_thread_steps),
        eval_pass_s,
        eval_images_per_s: images / eval_pass_s,
        eval_gflops: flops_per_image(input, hidden, output) * images / eval_pass_s / 1e9,
        evaluate_images_per_s: images / median(&m.evaluation.evaluate_runs_s),
        numerical_gradient_fast_s: median(&m.numerical_gradient.fast_runs_s),
        numerical_gradient_reference_s: m.numerical_gradient.reference_s,
        numerical_gradient_numpy_s: peers.and_then(|p| {
            p.numpy_numerical_gradient
                .record
                .as_ref()?
                .numerical_gradient_call_s
        }),
        peak_memory_mb: m.peak_memory.as_ref().and_then(|p| p.peak_mb),
        vs_torch: peers
            .and_then(|p| peer_total(&p.torch))
            .map(|t| t / total_s),
        vs_numpy: peers
            .and_then(|p| peer_total(&p.numpy))
            .map(|t| t / total_s),
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::bench_measure::Stepping;
    use crate::bench_peers::{PeerRecord, PeerRun};

    fn run(steps_s: f64, eval_s: f64) -> RunTiming {
        RunTiming {
            wall_s: steps_s + eval_s + 0.01,
            setup_s: 0.01,
            steps_s,
            eval_s,
            evaluations: 17,
            train_acc: 0.94,
            test_acc: 0.95,
        }
    }

    fn peer(total_s: f64) -> PeerRun {
        PeerRun {
            command: "python3 x.py".to_owned(),
            record: Some(PeerRecord {
                total_s: Some(total_s),
                numerical_gradient_call_s: Some(total_s),
                ..PeerRecord::default()
            }),
            error: None,
        }
    }

    pub fn measurements() -> Measurements {
        Measurements {
            machine: Machine {
                cpu: "test CPU".to_owned(),
                cores: 2,
                load_average: "0.00 0.00 0.00".to_owned(),
                os: "linux x86_64".to_owned(),
                rustc: "rustc 1.95.0".to_owned(),
                nalgebra: "0.35.0".to_owned(),
                workspace: "0.1.0",
                date_utc: "2026-01-01T00-00-00".to_owned(),
            },
            setup: Setup {
                dims: (784, 50, 10),
                activation: "sigmoid".to_owned(),
                batch_size: 100,
                iters: 10_000,
                learning_rate: 0.1,
                seed: 42,
                runs: 3,
                mnist_dir: "/data".to_owned(),
                command: "cargo xtask bench".to_owned(),
            },
            gemm: GemmPeak {
                n: 1536,
                repeats: 5,
                one_thread_gflops: 100.0,
                threads: 2,
                all_threads_gflops: 200.0,
            },
            loading: Loading {
                runs_s: vec![0.2, 0.1, 0.12],
                files: "gz".to_owned(),
            },
            default_runs: vec![run(1.2, 0.5), run(1.0, 0.4), run(3.0, 0.4)],
            steps: Steps {
                stepping: Stepping::Steps,
                steps: 10_000,
                runs_s: vec![1.3, 1.2, 1.1],
                cores_busy: Some(1.9),
            },
            one_thread_steps: Steps {
                stepping: Stepping::OneThread,
                steps: 10_000,
                runs_s: vec![2.0, 2.1, 2.2],
                cores_busy: Some(1.0),
            },
            evaluation: Evaluation {
                images: 70_000,
                runs_s: vec![0.02, 0.025, 0.03],
                cores_busy: Some(2.0),
                evaluate_runs_s: vec![0.05, 0.04, 0.06],
            },
            numerical_gradient: NumericalGradient {
                batch: 100,
                fast_threads: 2,
                fast_runs_s: vec![0.01, 0.012, 0.02],
                reference_s: Some(30.0),
                max_abs_diff: Some(1e-15),
            },
            peak_memory: Some(PeakMemory {
                peak_mb: Some(160.0),
                wall_s: 3.0,
                command: "cargo xtask train".to_owned(),
            }),
            peak_memory_error: None,
            peers: None,
        }
    }

    #[test]
    fn figures_are_medians_rates_and_ratios() {
        let mut m = measurements();
        m.peers = Some(Peers {
            numpy: peer(30.0),
            torch: peer(4.0),
            numpy_numerical_gradient: peer(60.0),
        });
        let f = Report::new(m).figures;
        assert_eq!((f.load_s, f.steps_s, f.eval_s), (0.12, 1.2, 0.4));
        assert!((f.total_s - 1.7).abs() < 1e-12);
        assert!((f.run_samples_per_s - 1e6 / 1.2).abs() < 1e-6);
        let steps = &f.steps;
        assert_eq!(steps.median_s, 1.2);
        assert!((steps.samples_per_s - 1e6 / 1.2).abs() < 1e-6);
        // 23.92 MFLOP x 10,000 steps in 1.2 s on two busy cores: vs the 2-thread peak.
        assert!((steps.gflops - 199.333).abs() < 1e-3);
        assert_eq!(
            (steps.peak_gflops, steps.peak_name.as_str()),
            (200.0, "2-thread GEMM")
        );
        // On one busy core: vs the 1-thread peak.
        let one = &f.one_thread_steps;
        assert!((one.gflops - 239.2 / 2.1).abs() < 1e-9);
        assert_eq!(
            (one.peak_gflops, one.peak_name.as_str()),
            (100.0, "1-thread GEMM")
        );
        assert!((f.eval_images_per_s - 70_000.0 / 0.025).abs() < 1e-6);
        assert!((f.evaluate_images_per_s - 70_000.0 / 0.05).abs() < 1e-6);
        assert_eq!(f.numerical_gradient_fast_s, 0.012);
        assert!((f.vs_torch.unwrap_or_default() - 4.0 / 1.7).abs() < 1e-12);
        assert!((f.vs_numpy.unwrap_or_default() - 30.0 / 1.7).abs() < 1e-12);
        assert_eq!(f.numerical_gradient_numpy_s, Some(60.0));
    }

    #[test]
    fn one_busy_core_is_compared_with_the_one_thread_peak() {
        let mut m = measurements();
        m.steps.cores_busy = Some(1.0);
        let steps = Report::new(m).figures.steps;
        assert_eq!(
            (steps.peak_gflops, steps.peak_name.as_str()),
            (100.0, "1-thread GEMM")
        );
    }
}
