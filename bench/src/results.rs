//! The results table of a bench run: one row per figure, its value with the
//! rates and ratios that put it in context. Measurements only: no targets.

use serde::Serialize;

use crate::figures::{Figures, StepFigures};
use crate::format::{duration, thousands, times};
use crate::measure::Measurements;
use crate::measure::peak_memory::PeakMemory;
use crate::measure::peers::{Peers, threads_text};
use crate::measure::training::SATURATED_LEARNING_RATE;

/// One line of the results table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// What.
    pub metric: String,
    /// How much.
    pub value: String,
}

/// A training-steps row.
fn steps_row(metric: String, steps: &StepFigures) -> Row {
    let value = format!(
        "{} ({} samples/s), {:.1} GFLOP/s = {:.0}% of the {} peak ({} cores busy)",
        duration(steps.median_s),
        thousands(steps.samples_per_s),
        steps.gflops,
        100.0 * steps.fraction_of_peak,
        steps.peak_name,
        steps
            .cores_busy
            .map_or("?".to_owned(), |c| format!("{c:.1}"))
    );
    Row { metric, value }
}

/// The steps of a saturated run (`--lr 100`), and their speed against the
/// default run's steps.
fn saturated_row(m: &Measurements, f: &Figures) -> Row {
    let mut row = steps_row(
        format!(
            "Training steps alone of a saturated run (--lr {}: sigmoids and softmax at their \
             limits), median of {}",
            SATURATED_LEARNING_RATE, m.setup.runs
        ),
        &f.saturated_steps,
    );
    row.value = format!(
        "{}; {:.0}% of the default run's speed",
        row.value,
        100.0 * f.saturated_speed
    );
    row
}

/// What the second core adds: the steps alone on two threads against one,
/// and an evaluation pass on both cores against one.
fn second_core_row(m: &Measurements, f: &Figures) -> Row {
    let steps = f.one_thread_steps.median_s / f.steps.median_s;
    let evaluation = match (f.eval_one_core_pass_s, &m.evaluation.one_core_error) {
        (Some(one), _) => format!(
            "evaluation {} faster ({} per pass on one core, {} on {})",
            times(one / f.eval_pass_s),
            duration(one),
            duration(f.eval_pass_s),
            m.machine.cores
        ),
        (None, Some(error)) => format!("evaluation not measured on one core: {error}"),
        (None, None) => "evaluation not measured on one core".to_owned(),
    };
    Row {
        metric: format!(
            "The second core: {} cores against one (steps: Trainer::steps against \
             Trainer::step; evaluation: Trainer::accuracies, the bench's thread and those it starts limited to one CPU)",
            m.machine.cores
        ),
        value: format!(
            "steps {} faster ({} against {}); {evaluation}",
            times(steps),
            duration(f.steps.median_s),
            duration(f.one_thread_steps.median_s)
        ),
    }
}

/// The sparse flop floor row: the floor, its arithmetic, and the default
/// run as a multiple of it, with and without the recorded loss.
fn floor_row(m: &Measurements, f: &Figures) -> Row {
    let floor = &f.floor;
    let gemm = &m.gemm;
    Row {
        metric: format!(
            "Sparse FLOP floor of the default run ({:.1} non-zero pixels per training image): \
             {} steps x {:.2} MFLOP at the 1-thread GEMM peak + {} evaluations x {:.2} GFLOP \
             at the {}-thread GEMM peak",
            floor.nonzeros_per_image,
            thousands(floor.steps as f64),
            floor.step_flops.with_recorded_loss / 1e6,
            floor.evaluations,
            floor.eval_pass_flops / 1e9,
            gemm.threads,
        ),
        value: format!(
            "{} (steps {}, evaluations {}); the default run's {} is {} the floor. Without the \
             recorded loss ({:.2} MFLOP per step): floor {}, run {} the floor. At the peak \
             without fused multiply-adds (half the GEMM peak; the kernels avoid FMA to keep \
             the bits): floor {}, run {} it",
            duration(floor.floor_s),
            duration(
                floor.steps as f64 * floor.step_flops.with_recorded_loss
                    / (gemm.one_thread_gflops * 1e9)
            ),
            duration(
                floor.evaluations as f64 * floor.eval_pass_flops / (gemm.all_threads_gflops * 1e9)
            ),
            duration(f.total_s),
            times(floor.multiple),
            floor.step_flops.without_recorded_loss / 1e6,
            duration(floor.floor_without_recorded_loss_s),
            times(floor.multiple_without_recorded_loss),
            duration(floor.floor_without_fma_s),
            times(floor.multiple_without_fma),
        ),
    }
}

/// Every PyTorch run's total: `1 thread 25.10 s, 2 threads 22.86 s`.
fn torch_totals(peers: &Peers) -> String {
    let totals: Vec<String> = peers
        .torch
        .iter()
        .filter_map(|run| run.record.as_ref())
        .map(|record| {
            format!(
                "{} {}",
                record
                    .threads
                    .map_or("? threads".to_owned(), |n| threads_text(n as usize)),
                record.total_s.map_or("?".to_owned(), duration)
            )
        })
        .collect();
    totals.join(", ")
}

/// The results table of `m` and its figures `f`, row by row.
pub fn rows(m: &Measurements, f: &Figures) -> Vec<Row> {
    let row = |metric: String, value: String| Row { metric, value };
    let runs = m.setup.runs;
    let peers_hint = "not measured (--peers)";
    let ratio_value = |ratio: Option<f64>, what: &str| match ratio {
        Some(ratio) => format!("{} faster than {what}", times(ratio)),
        None => peers_hint.to_owned(),
    };
    let ng = &m.numerical_gradient;
    let gemm = &m.gemm;
    vec![
        steps_row(
            format!(
                "Training steps alone, {} x batch {} ({:.2} MFLOP dense per step; \
                 Trainer::steps as the default run), median of {runs}",
                thousands(m.steps.steps as f64),
                m.setup.batch_size,
                f.step_flops / 1e6
            ),
            &f.steps,
        ),
        steps_row(
            format!("Training steps alone on one thread (Trainer::step), median of {runs}"),
            &f.one_thread_steps,
        ),
        saturated_row(m, f),
        row(
            format!(
                "GEMM peak, f32 {0}x{0}x{0}, best of {1}",
                gemm.n, gemm.repeats
            ),
            format!(
                "1 thread {:.1} GFLOP/s, {} threads {:.1} GFLOP/s",
                gemm.one_thread_gflops, gemm.threads, gemm.all_threads_gflops
            ),
        ),
        row(
            format!(
                "Full-set evaluation ({} images), median of {runs}",
                thousands(m.evaluation.images as f64)
            ),
            format!(
                "{} images/s ({} per pass, {:.1} GFLOP/s, {} cores busy); \
                 twolayer::evaluate {} images/s",
                thousands(f.eval_images_per_s),
                duration(f.eval_pass_s),
                f.eval_gflops,
                m.evaluation
                    .cores_busy
                    .map_or("?".to_owned(), |c| format!("{c:.1}")),
                thousands(f.evaluate_images_per_s),
            ),
        ),
        row(
            format!("Default run, steps + evaluations, median of {runs}"),
            format!(
                "{} (steps {}, {} evaluations {}; plus setup {}: wall {}); train acc {:.4}, \
                 test acc {:.4}",
                duration(f.total_s),
                duration(f.steps_s),
                m.default_runs.first().map_or(0, |r| r.evaluations),
                duration(f.eval_s),
                duration(f.setup_s),
                duration(f.wall_s),
                f.train_acc,
                f.test_acc
            ),
        ),
        floor_row(m, f),
        second_core_row(m, f),
        row(
            "Default run vs PyTorch CPU's best configuration (same bench run)".to_owned(),
            match (f.vs_torch, &m.peers) {
                (Some(ratio), Some(peers)) => format!(
                    "{} faster than PyTorch's best ({}: {})",
                    times(ratio),
                    f.torch_best_threads
                        .map_or("? threads".to_owned(), |n| threads_text(n as usize)),
                    torch_totals(peers)
                ),
                _ => peers_hint.to_owned(),
            },
        ),
        row(
            "Default run vs NumPy (same bench run)".to_owned(),
            ratio_value(f.vs_numpy, "NumPy"),
        ),
        row(
            format!(
                "Numerical gradient 784-50-10, batch {}, fast, median of {} ({} threads)",
                ng.batch,
                ng.fast_runs_s.len(),
                ng.fast_threads
            ),
            format!("{} per call", duration(f.numerical_gradient_fast_s)),
        ),
        row(
            "Numerical gradient, the book's loop in Rust (reference, 1 call)".to_owned(),
            match (f.numerical_gradient_reference_s, ng.max_abs_diff) {
                (Some(s), Some(diff)) => format!(
                    "{} per call = {} the fast one (they differ by at most {diff:.1e})",
                    duration(s),
                    times(s / f.numerical_gradient_fast_s)
                ),
                _ => "skipped (--skip-reference)".to_owned(),
            },
        ),
        row(
            "Numerical gradient, fast vs the book's NumPy loop".to_owned(),
            match f.numerical_gradient_numpy_s {
                Some(s) => format!(
                    "{} faster (NumPy {} per call)",
                    times(s / f.numerical_gradient_fast_s),
                    duration(s)
                ),
                None => peers_hint.to_owned(),
            },
        ),
        row(
            format!(
                "Loading MNIST ({} files to u8 arrays), median of {runs}",
                m.loading.files
            ),
            duration(f.load_s),
        ),
        row(
            "Peak resident memory, default run (cargo xtask train, ru_maxrss)".to_owned(),
            match (&m.peak_memory, &m.peak_memory_error) {
                (
                    Some(PeakMemory {
                        peak_mb: Some(mb),
                        wall_s,
                        ..
                    }),
                    _,
                ) => format!("{mb:.1} MB (whole command {})", duration(*wall_s)),
                (Some(_), _) => "n/a (the OS does not report it)".to_owned(),
                (None, error) => format!("not measured: {}", error.as_deref().unwrap_or("?")),
            },
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::tests::peer_on;
    use crate::measure::tests::example;

    #[test]
    fn the_torch_row_names_the_best_configuration() {
        let mut m = example();
        m.peers = Some(Peers {
            numpy: peer_on(30.0, 2),
            torch: vec![peer_on(25.5, 1), peer_on(3.4, 2)],
            numpy_numerical_gradient: peer_on(60.0, 2),
        });
        let rows = rows(&m, &Figures::new(&m));
        let row = rows
            .iter()
            .find(|row| row.metric.contains("PyTorch CPU's best"));
        assert_eq!(
            row.map(|row| row.value.as_str()),
            Some("2.0x faster than PyTorch's best (2 threads: 1 thread 25.50 s, 2 threads 3.40 s)")
        );
    }

    #[test]
    fn rows_give_values_or_say_what_was_not_measured() {
        let mut m = example();
        m.peak_memory = None;
        m.peak_memory_error = Some("the child failed".to_owned());
        m.numerical_gradient.reference_s = None;
        let rows = rows(&m, &Figures::new(&m));
        let value = |start: &str| {
            let row = rows.iter().find(|row| row.metric.starts_with(start));
            row.map_or("missing", |row| row.value.as_str())
        };
        assert_eq!(value("Loading MNIST"), "120.0 ms");
        assert!(value("Default run, steps").starts_with("1.70 s (steps 1.20 s"));
        assert_eq!(value("Default run vs PyTorch"), "not measured (--peers)");
        assert_eq!(
            value("Sparse FLOP floor"),
            "585.2 ms (steps 490.0 ms, evaluations 95.2 ms); the default run's 1.70 s is 2.9x \
             the floor. Without the recorded loss (3.30 MFLOP per step): floor 425.2 ms, run \
             4.0x the floor. At the peak without fused multiply-adds (half the GEMM peak; the \
             kernels avoid FMA to keep the bits): floor 1.17 s, run 1.5x it"
        );
        assert!(
            value("Training steps alone of a saturated run")
                .ends_with("cores busy); 80% of the default run's speed")
        );
        assert!(value("Training steps alone, 10,000").contains("100% of the 2-thread GEMM"));
        assert_eq!(value("Numerical gradient 784-50-10"), "12.0 ms per call");
        assert_eq!(
            value("Numerical gradient, the book's"),
            "skipped (--skip-reference)"
        );
        assert_eq!(
            value("Peak resident memory"),
            "not measured: the child failed"
        );
    }
}
