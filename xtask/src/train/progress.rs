//! What `cargo xtask train` shows while it trains: the book's per-epoch line
//! on stdout in any case, a progress bar on stderr when stderr is a terminal,
//! and a stopwatch that splits the time between SGD steps and evaluations.

#![allow(
    clippy::print_stdout,
    reason = "the per-epoch accuracy line is the command's output"
)]

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use doctor::Finding;
use indicatif::{ProgressBar, ProgressStyle};
use runs::RunObserver;
use twolayer::{EpochStats, TrainObserver};

/// The book's per-epoch line: `train acc, test acc | 0.xxxx, 0.xxxx`.
pub fn epoch_line(train_acc: f64, test_acc: f64) -> String {
    format!("train acc, test acc | {train_acc:.4}, {test_acc:.4}")
}

/// Where the training time went, as measured between the trainer's callbacks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timing {
    /// SGD steps completed.
    pub steps: usize,
    /// Time in steps: sampling the batch, the gradient, the update and the
    /// batch loss (from one callback to the next `on_iteration`).
    pub step_time: Duration,
    /// Time in the per-epoch accuracy evaluations on the full sets.
    pub eval_time: Duration,
}

/// A [`TrainObserver`] that prints, draws and times.
pub struct TrainProgress {
    bar: Option<ProgressBar>,
    last_epoch: Option<(f64, f64)>,
    last_event: Instant,
    timing: Timing,
}

impl TrainProgress {
    /// Starts the stopwatch; draws a bar of `iters` steps if `show_bar`:
    /// `00:00:04 ====>---- 2403/10000 | loss 0.3278 | train acc 0.9082, test acc 0.9108 | ETA 13s`
    /// (the accuracies of the last epoch; the bar takes the width left).
    pub fn new(iters: usize, show_bar: bool) -> Self {
        let bar = show_bar.then(|| {
            let style = ProgressStyle::with_template(
                "{elapsed_precise} {wide_bar:.cyan/blue} {pos}/{len} | {msg} | ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=>-");
            ProgressBar::new(iters as u64).with_style(style)
        });
        Self {
            bar,
            last_epoch: None,
            last_event: Instant::now(),
            timing: Timing::default(),
        }
    }

    /// Removes the bar and returns the timings.
    pub fn finish(self) -> Timing {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        self.timing
    }

    fn lap(&mut self) -> Duration {
        let now = Instant::now();
        let lap = now - self.last_event;
        self.last_event = now;
        lap
    }
}

impl TrainObserver for TrainProgress {
    fn on_iteration(&mut self, iteration: usize, loss: f64) -> ControlFlow<()> {
        let lap = self.lap();
        self.timing.step_time += lap;
        self.timing.steps = iteration + 1;
        if let Some(bar) = &self.bar {
            bar.set_position(iteration as u64 + 1);
            bar.set_message(match self.last_epoch {
                Some((train, test)) => {
                    format!("loss {loss:.4} | train acc {train:.4}, test acc {test:.4}")
                }
                None => format!("loss {loss:.4}"),
            });
        }
        ControlFlow::Continue(())
    }

    fn on_epoch(&mut self, stats: &EpochStats) {
        let lap = self.lap();
        self.timing.eval_time += lap;
        self.last_epoch = Some((stats.train_acc, stats.test_acc));
        self.print(&epoch_line(stats.train_acc, stats.test_acc));
    }
}

/// Each finding, once, when first seen.
impl RunObserver for TrainProgress {
    fn on_finding(&mut self, finding: &Finding) {
        self.print(&finding.to_string());
    }
}

impl TrainProgress {
    /// Prints `line` above the bar; printing is neither a step nor an evaluation.
    fn print(&mut self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| println!("{line}")),
            None => println!("{line}"),
        }
        self.last_event = Instant::now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_line_is_the_books() {
        assert_eq!(
            epoch_line(0.098_633_33, 0.1),
            "train acc, test acc | 0.0986, 0.1000"
        );
    }
}
