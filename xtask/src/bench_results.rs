//! The results table of `cargo xtask bench`: each figure with the issue's
//! target and whether it is met (`pass`, `FAIL`, `n/a` when not measured,
//! `-` without a target).

use serde::Serialize;

use crate::bench_memory::PeakMemory;
use crate::bench_report::{Figures, Measurements, StepFigures};
use crate::bench_table::{thousands, times};
use crate::units::duration;

/// The targets (medians of 5 on the project's 2-core machine).
pub mod target {
    /// The book's default run, steps plus evaluations, at most (seconds).
    pub const DEFAULT_RUN_S: f64 = 2.2;
    /// ... at least this many times faster than PyTorch on the CPU.
    pub const VS_TORCH: f64 = 3.0;
    /// ... at least this many times faster than NumPy.
    pub const VS_NUMPY: f64 = 5.0;
    /// Training steps: at least this fraction of the GEMM peak, dense flops.
    pub const PEAK_FRACTION: f64 = 0.5;
    /// Loading the four MNIST files, at most (seconds).
    pub const LOAD_S: f64 = 0.15;
    /// Peak resident memory of the default run, at most (MB).
    pub const MEMORY_MB: f64 = 150.0;
    /// One fast numerical gradient, at most (seconds).
    pub const NUMERICAL_GRADIENT_S: f64 = 0.017;
    /// ... at least this many times faster than the book's NumPy loop.
    pub const NUMERICAL_GRADIENT_VS_NUMPY: f64 = 1000.0;
}

/// One line of the results table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// What.
    pub metric: String,
    /// How much.
    pub value: String,
    /// The target, or `-`.
    pub target: String,
    /// `pass`, `FAIL`, `n/a` (not measured) or `-` (no target).
    pub result: String,
}

/// `pass` or `FAIL` by `ok`; `n/a` when not measured.
fn verdict(value: Option<f64>, ok: impl Fn(f64) -> bool) -> String {
    match value {
        Some(value) if ok(value) => "pass".to_owned(),
        Some(_) => "FAIL".to_owned(),
        None => "n/a".to_owned(),
    }
}

/// A training-steps row; `targeted` says whether the target applies.
fn steps_row(metric: String, steps: &StepFigures, targeted: bool) -> Row {
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
    let (target, result) = if targeted {
        (
            format!(">= {:.0}% of peak", 100.0 * target::PEAK_FRACTION),
            verdict(Some(steps.fraction_of_peak), |x| x >= target::PEAK_FRACTION),
        )
    } else {
        ("-".to_owned(), "-".to_owned())
    };
    Row {
        metric,
        value,
        target,
        result,
    }
}

/// The results table of `m` and its figures `f`, row by row.
pub fn results(m: &Measurements, f: &Figures) -> Vec<Row> {
    let row = |metric: String, value: String, target: String, result: String| Row {
        metric,
        value,
        target,
        result,
    };
    let none = || "-".to_owned();
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
            true,
        ),
        steps_row(
            format!("Training steps alone on one thread (Trainer::step), median of {runs}"),
            &f.one_thread_steps,
            false,
        ),
        row(
            format!(
                "GEMM peak, f32 {0}x{0}x{0}, best of {1}",
                gemm.n, gemm.repeats
            ),
            format!(
                "1 thread {:.1} GFLOP/s, {} threads {:.1} GFLOP/s",
                gemm.one_thread_gflops, gemm.threads, gemm.all_threads_gflops
            ),
            none(),
            none(),
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
            none(),
            none(),
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
            format!("< {}", duration(target::DEFAULT_RUN_S)),
            verdict(Some(f.total_s), |s| s < target::DEFAULT_RUN_S),
        ),
        row(
            "Default run vs PyTorch CPU (same bench run)".to_owned(),
            ratio_value(f.vs_torch, "PyTorch"),
            format!(">= {}", times(target::VS_TORCH)),
            verdict(f.vs_torch, |r| r >= target::VS_TORCH),
        ),
        row(
            "Default run vs NumPy (same bench run)".to_owned(),
            ratio_value(f.vs_numpy, "NumPy"),
            format!(">= {}", times(target::VS_NUMPY)),
            verdict(f.vs_numpy, |r| r >= target::VS_NUMPY),
        ),
        row(
            format!(
                "Numerical gradient 784-50-10, batch {}, fast, median of {} ({} threads)",
                ng.batch,
                ng.fast_runs_s.len(),
                ng.fast_threads
            ),
            format!("{} per call", duration(f.numerical_gradient_fast_s)),
            format!("<= {}", duration(target::NUMERICAL_GRADIENT_S)),
            verdict(Some(f.numerical_gradient_fast_s), |s| {
                s <= target::NUMERICAL_GRADIENT_S
            }),
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
            none(),
            none(),
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
            format!(">= {}", times(target::NUMERICAL_GRADIENT_VS_NUMPY)),
            verdict(
                f.numerical_gradient_numpy_s
                    .map(|s| s / f.numerical_gradient_fast_s),
                |r| r >= target::NUMERICAL_GRADIENT_VS_NUMPY,
            ),
        ),
        row(
            format!(
                "Loading MNIST ({} files to u8 arrays), median of {runs}",
                m.loading.files
            ),
            duration(f.load_s),
            format!("< {}", duration(target::LOAD_S)),
            verdict(Some(f.load_s), |s| s < target::LOAD_S),
        ),
        row(
            "Peak resident memory, default run (cargo xtask train, VmHWM)".to_owned(),
            match (&m.peak_memory, &m.peak_memory_error) {
                (
                    Some(PeakMemory {
                        peak_mb: Some(mb),
                        wall_s,
                        ..
                    }),
                    _,
                ) => {
                    format!("{mb:.1} MB (whole command {})", duration(*wall_s))
                }
                (Some(_), _) => "n/a (the OS does not report it)".to_owned(),
                (None, error) => format!("not measured: {}", error.as_deref().unwrap_or("?")),
            },
            format!("< {:.0} MB", target::MEMORY_MB),
            verdict(f.peak_memory_mb, |mb| mb < target::MEMORY_MB),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use crate::bench_report::Report;
    use crate::bench_report::tests::measurements;

    #[test]
    fn results_pass_fail_or_say_not_measured() {
        let report = Report::new(measurements());
        let result = |start: &str| {
            let row = report
                .results
                .iter()
                .find(|row| row.metric.starts_with(start));
            row.map(|row| row.result.as_str()).unwrap_or("missing")
        };
        assert_eq!(result("Loading MNIST"), "pass");
        assert_eq!(result("Default run, steps"), "pass");
        assert_eq!(result("Default run vs PyTorch"), "n/a");
        assert_eq!(result("Training steps"), "pass");
        assert_eq!(result("GEMM peak"), "-");
        assert_eq!(result("Numerical gradient 784-50-10"), "pass");
        assert_eq!(result("Numerical gradient, fast vs"), "n/a");
        assert_eq!(result("Peak resident memory"), "FAIL");
    }
}
