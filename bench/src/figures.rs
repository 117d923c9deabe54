//! What the measurements come to: medians, throughputs, GFLOP/s against the
//! machine's GEMM peak (by the [`flops`](crate::flops) model), and how many
//! times faster one way is than another.

use serde::Serialize;

use crate::flops::{flops_per_image, flops_per_step};
use crate::measure::Measurements;
use crate::measure::gemm::GemmPeak;
use crate::measure::peers::PeerRun;
use crate::measure::training::{RunTiming, Steps};

/// The figures of one bench run.
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
    /// The last run's final training accuracy (every run has the same seed
    /// and result).
    pub train_acc: f64,
    /// The last run's final test accuracy.
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

impl Figures {
    /// The figures of `m`.
    pub fn new(m: &Measurements) -> Self {
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
        let peer_total = |run: &PeerRun| run.record.as_ref()?.total_s;
        let peers = m.peers.as_ref();
        let last = runs.last();
        Self {
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
}

/// The median of `values` (the mean of the middle two for an even count);
/// `NaN` for none.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::measure::peers::{PeerRecord, Peers};
    use crate::measure::tests::example;

    /// A peer run whose total (and numerical-gradient call) took `total_s`.
    pub(crate) fn peer(total_s: f64) -> PeerRun {
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

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&[7.0]), 7.0);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn figures_are_medians_rates_and_ratios() {
        let mut m = example();
        m.peers = Some(Peers {
            numpy: peer(30.0),
            torch: peer(4.0),
            numpy_numerical_gradient: peer(60.0),
        });
        let f = Figures::new(&m);
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
        let mut m = example();
        m.steps.cores_busy = Some(1.0);
        let steps = Figures::new(&m).steps;
        assert_eq!(
            (steps.peak_gflops, steps.peak_name.as_str()),
            (100.0, "1-thread GEMM")
        );
    }
}
