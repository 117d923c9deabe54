//! What the measurements come to: medians, throughputs, GFLOP/s against the
//! machine's GEMM peak (by the [`flops`](crate::flops) model), and how many
//! times faster one way is than another.

use serde::Serialize;

use crate::flops::{
    SparseStep, floor_s, flops_per_image, flops_per_step, sparse_flops_per_evaluation,
    sparse_flops_per_step,
};
use crate::measure::Measurements;
use crate::measure::gemm::GemmPeak;
use crate::measure::peers::{PeerRun, Peers};
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
    /// The training steps alone of a saturated run (`--lr 100`).
    pub saturated_steps: StepFigures,
    /// The saturated run's steps per second over the default run's (1: as
    /// fast).
    pub saturated_speed: f64,
    /// One evaluation of both sets as the default run makes it
    /// ([`Trainer::accuracies`](twolayer::fast::Trainer::accuracies)), median seconds.
    pub eval_pass_s: f64,
    /// Its throughput.
    pub eval_images_per_s: f64,
    /// Its dense GFLOP/s.
    pub eval_gflops: f64,
    /// Throughput of `twolayer::fast::evaluate` on both sets (what `eval` runs).
    pub evaluate_images_per_s: f64,
    /// One evaluation of both sets on one core, median seconds.
    pub eval_one_core_pass_s: Option<f64>,
    /// One fast numerical gradient, median seconds.
    pub numerical_gradient_fast_s: f64,
    /// One call of the book's loop in Rust, seconds.
    pub numerical_gradient_reference_s: Option<f64>,
    /// One call of the book's loop in NumPy, seconds.
    pub numerical_gradient_numpy_s: Option<f64>,
    /// Peak resident memory of the default run, MB.
    pub peak_memory_mb: Option<f64>,
    /// The default run's sparse flop floor.
    pub floor: Floor,
    /// PyTorch's best total (steps + evaluations) among its thread counts, seconds.
    pub torch_best_s: Option<f64>,
    /// The threads of that best run.
    pub torch_best_threads: Option<u64>,
    /// PyTorch's best total over ours.
    pub vs_torch: Option<f64>,
    /// NumPy's total over ours.
    pub vs_numpy: Option<f64>,
}

/// The fastest the default run could be on this machine: the flops it
/// really needs (the sparse model of [`flops`](crate::flops), from the
/// data's non-zero counts) at the measured GEMM peak, steps at the
/// one-thread rate and evaluations at the all-core rate.
#[derive(Debug, Clone, Serialize)]
pub struct Floor {
    /// Mean non-zero pixels per training image.
    pub nonzeros_per_image: f64,
    /// Sparse flops per step, with and without the recorded loss.
    pub step_flops: SparseStep,
    /// Sparse flops per evaluation pass over both sets.
    pub eval_pass_flops: f64,
    /// Steps and evaluations of the default run.
    pub steps: usize,
    /// Evaluations of the default run (17).
    pub evaluations: usize,
    /// The floor, with the recorded loss (what the run does), seconds.
    pub floor_s: f64,
    /// The default run's steps + evaluations over [`floor_s`](Self::floor_s).
    pub multiple: f64,
    /// The floor without the recorded loss (the count), seconds.
    pub floor_without_recorded_loss_s: f64,
    /// The default run over that floor.
    pub multiple_without_recorded_loss: f64,
    /// The floor at the peak without fused multiply-adds, which the
    /// kernels avoid to keep the same bits on every instruction set: half
    /// the GEMM peak (an FMA does a multiply and an add in one instruction),
    /// so twice [`floor_s`](Self::floor_s). The floor this code can approach.
    pub floor_without_fma_s: f64,
    /// The default run over that floor.
    pub multiple_without_fma: f64,
}

impl Floor {
    /// The floor of `m`'s default run, whose steps + evaluations took `total_s`.
    fn new(m: &Measurements, total_s: f64) -> Self {
        let (_, hidden, output) = m.setup.dims;
        let sparsity = &m.sparsity;
        let nonzeros_per_image = sparsity.train_mean();
        let step_flops =
            sparse_flops_per_step(m.setup.batch_size, nonzeros_per_image, hidden, output);
        let eval_pass_flops =
            sparse_flops_per_evaluation(sparsity.nonzeros(), sparsity.images(), hidden, output);
        let evaluations = m.default_runs.first().map_or(0, |r| r.evaluations);
        let steps = m.setup.iters;
        let floor = |step: f64| {
            let gemm = &m.gemm;
            let (one, all) = (gemm.one_thread_gflops, gemm.all_threads_gflops);
            floor_s(steps, step, one, evaluations, eval_pass_flops, all)
        };
        let floor_s = floor(step_flops.with_recorded_loss);
        let floor_without_recorded_loss_s = floor(step_flops.without_recorded_loss);
        Self {
            nonzeros_per_image,
            step_flops,
            eval_pass_flops,
            steps,
            evaluations,
            floor_s,
            multiple: total_s / floor_s,
            floor_without_recorded_loss_s,
            multiple_without_recorded_loss: total_s / floor_without_recorded_loss_s,
            floor_without_fma_s: 2.0 * floor_s,
            multiple_without_fma: total_s / (2.0 * floor_s),
        }
    }
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
        let torch_best = peers.and_then(Peers::torch_best);
        let torch_best_s = torch_best.and_then(|record| record.total_s);
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
            saturated_steps: step_figures(&m.saturated_steps),
            saturated_speed: median(&m.steps.runs_s) / median(&m.saturated_steps.runs_s),
            eval_pass_s,
            eval_images_per_s: images / eval_pass_s,
            eval_gflops: flops_per_image(input, hidden, output) * images / eval_pass_s / 1e9,
            evaluate_images_per_s: images / median(&m.evaluation.evaluate_runs_s),
            eval_one_core_pass_s: (!m.evaluation.one_core_runs_s.is_empty())
                .then(|| median(&m.evaluation.one_core_runs_s)),
            numerical_gradient_fast_s: median(&m.numerical_gradient.fast_runs_s),
            numerical_gradient_reference_s: m.numerical_gradient.reference_s,
            numerical_gradient_numpy_s: peers.and_then(|p| {
                p.numpy_numerical_gradient
                    .record
                    .as_ref()?
                    .numerical_gradient_call_s
            }),
            peak_memory_mb: m.peak_memory.as_ref().and_then(|p| p.peak_mb),
            floor: Floor::new(m, total_s),
            torch_best_s,
            torch_best_threads: torch_best.and_then(|record| record.threads),
            vs_torch: torch_best_s.map(|t| t / total_s),
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
    use crate::measure::peers::PeerRecord;
    use crate::measure::tests::example;

    /// A peer run whose total (and numerical-gradient call) took `total_s`.
    pub(crate) fn peer(total_s: f64) -> PeerRun {
        peer_on(total_s, 1)
    }

    /// A peer run as [`peer`] on `threads` threads.
    pub(crate) fn peer_on(total_s: f64, threads: u64) -> PeerRun {
        PeerRun {
            command: "python3 x.py".to_owned(),
            record: Some(PeerRecord {
                threads: Some(threads),
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
            torch: vec![peer_on(5.0, 1), peer_on(4.0, 2)],
            numpy_numerical_gradient: peer(60.0),
        });
        let f = Figures::new(&m);
        assert_eq!((f.torch_best_s, f.torch_best_threads), (Some(4.0), Some(2)));
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
        // Saturated steps: median 1.5 s against the default's 1.2 s.
        assert!((f.saturated_speed - 0.8).abs() < 1e-12);
        assert_eq!(f.saturated_steps.median_s, 1.5);
        assert!((f.vs_torch.unwrap_or_default() - 4.0 / 1.7).abs() < 1e-12);
        assert!((f.vs_numpy.unwrap_or_default() - 30.0 / 1.7).abs() < 1e-12);
        assert_eq!(f.numerical_gradient_numpy_s, Some(60.0));
    }

    #[test]
    fn the_floor_is_the_sparse_work_at_the_gemm_peak() {
        // 150 non-zeros per training image, 10.5 million in both sets;
        // GEMM 100 GFLOP/s on one thread, 200 on two.
        let f = Figures::new(&example()).floor;
        assert_eq!(f.nonzeros_per_image, 150.0);
        assert_eq!(f.step_flops.with_recorded_loss, 4_900_000.0);
        assert_eq!(f.step_flops.without_recorded_loss, 3_300_000.0);
        // 2 * 10.5e6 * 50 + 2 * 70,000 * 50 * 10.
        assert_eq!(f.eval_pass_flops, 1.12e9);
        assert_eq!((f.steps, f.evaluations), (10_000, 17));
        // 10,000 x 4.9 MFLOP at 100 GFLOP/s + 17 x 1.12 GFLOP at 200 GFLOP/s.
        assert!((f.floor_s - (0.49 + 0.0952)).abs() < 1e-12);
        assert!((f.floor_without_recorded_loss_s - (0.33 + 0.0952)).abs() < 1e-12);
        // The median default run: 1.7 s.
        assert!((f.multiple - 1.7 / 0.5852).abs() < 1e-9);
        assert!((f.multiple_without_recorded_loss - 1.7 / 0.4252).abs() < 1e-9);
        // Without FMA: half the peak, twice the floor.
        assert!((f.floor_without_fma_s - 2.0 * 0.5852).abs() < 1e-12);
        assert!((f.multiple_without_fma - 1.7 / 1.1704).abs() < 1e-9);
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
