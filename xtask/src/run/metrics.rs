//! What a training run records besides the model: `metrics.csv` (the loss
//! of every iteration, the accuracies of every epoch) and `config.json` (the
//! hyperparameters and the data that produced it).
//!
//! Both are deterministic: no timings, no dates, so two runs with the same
//! flags and seed write byte-identical files.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;
use twolayer::{EpochStats, TrainConfig};

/// `metrics.csv`: header `iteration,loss,train_acc,test_acc`, one row per
/// iteration (counted from 0, as the book's loop); the accuracy columns are
/// filled on the rows where an epoch was evaluated and empty elsewhere.
/// Numbers use Rust's shortest round-trip formatting.
pub fn metrics_csv(losses: &[f64], epochs: &[EpochStats]) -> String {
    let mut csv = String::from("iteration,loss,train_acc,test_acc\n");
    let mut epochs = epochs.iter().peekable();
    for (iteration, loss) in losses.iter().enumerate() {
        let _ = write!(csv, "{iteration},{loss},");
        match epochs.next_if(|stats| stats.iteration == iteration) {
            Some(stats) => {
                let _ = writeln!(csv, "{},{}", stats.train_acc, stats.test_acc);
            }
            None => csv.push_str(",\n"),
        }
    }
    // Epochs evaluated after the last recorded loss (not expected), kept anyway.
    for stats in epochs {
        let _ = writeln!(
            csv,
            "{},,{},{}",
            stats.iteration, stats.train_acc, stats.test_acc
        );
    }
    csv
}

/// The epoch rows of a `metrics.csv` written by [`metrics_csv`], in order:
/// epoch `k` is the `k`-th row with accuracies (the trainer evaluates every
/// epoch from 0). Rows without accuracies are checked and skipped.
///
/// An error names the 1-based line and what is wrong with it.
pub fn epochs_from_csv(text: &str) -> Result<Vec<EpochStats>, String> {
    const HEADER: &str = "iteration,loss,train_acc,test_acc";
    let mut lines = text.lines().enumerate().map(|(i, line)| (i + 1, line));
    match lines.next() {
        Some((_, header)) if header.trim_end_matches('\r') == HEADER => {}
        Some((_, header)) => {
            return Err(format!(
                "line 1: expected the header {HEADER:?}, found {header:?}"
            ));
        }
        None => return Err("the file is empty (no header)".to_owned()),
    }
    let mut epochs = Vec::new();
    let mut previous: Option<usize> = None;
    for (number, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        let &[iteration, loss, train_acc, test_acc] = fields.as_slice() else {
            return Err(format!(
                "line {number}: expected 4 comma-separated fields, found {}",
                fields.len()
            ));
        };
        let iteration: usize = iteration.parse().map_err(|_| {
            format!("line {number}: iteration {iteration:?} is not a non-negative integer")
        })?;
        if previous.is_some_and(|previous| iteration <= previous) {
            return Err(format!(
                "line {number}: iteration {iteration} does not follow the previous row's"
            ));
        }
        previous = Some(iteration);
        if !loss.is_empty() && loss.parse::<f64>().is_err() {
            return Err(format!("line {number}: loss {loss:?} is not a number"));
        }
        let accuracy = |name: &str, text: &str| match text.parse::<f64>() {
            Ok(acc) if (0.0..=1.0).contains(&acc) => Ok(acc),
            _ => Err(format!(
                "line {number}: {name} {text:?} is not an accuracy between 0 and 1"
            )),
        };
        match (train_acc.is_empty(), test_acc.is_empty()) {
            (true, true) => {}
            (false, false) => epochs.push(EpochStats {
                epoch: epochs.len(),
                iteration,
                train_acc: accuracy("train_acc", train_acc)?,
                test_acc: accuracy("test_acc", test_acc)?,
            }),
            _ => {
                return Err(format!(
                    "line {number}: train_acc and test_acc must be both empty or both set"
                ));
            }
        }
    }
    Ok(epochs)
}

/// The contents of `config.json`.
#[derive(Debug, Serialize)]
pub struct RunConfig<'a> {
    /// Version of the xtask (and workspace) that wrote the run.
    pub crate_version: &'static str,
    /// Hidden layer width.
    pub hidden: usize,
    /// `sigmoid` or `relu`.
    pub activation: String,
    /// Standard deviation of the initial weights.
    pub weight_init_std: f64,
    /// SGD step size.
    pub learning_rate: f64,
    /// Samples per mini-batch.
    pub batch_size: usize,
    /// SGD steps.
    pub iters: usize,
    /// Seed of the weight initialization and the batch sampling.
    pub seed: u64,
    /// `replacement` or `epoch`.
    pub sampling: String,
    /// `backprop` or `numerical`.
    pub gradient: String,
    /// Iterations between two accuracy evaluations.
    pub iters_per_epoch: usize,
    /// Float type of the training math.
    pub dtype: &'static str,
    /// Where the MNIST files were read.
    pub data_dir: &'a Path,
    /// Training samples.
    pub train_size: usize,
    /// Test samples.
    pub test_size: usize,
}

impl<'a> RunConfig<'a> {
    /// Describes a run of `config` on data read from `data_dir`.
    pub fn new(
        config: &TrainConfig,
        data_dir: &'a Path,
        train_size: usize,
        test_size: usize,
    ) -> Self {
        Self {
            crate_version: env!("CARGO_PKG_VERSION"),
            hidden: config.hidden,
            activation: config.activation.to_string(),
            weight_init_std: config.weight_init_std,
            learning_rate: config.learning_rate,
            batch_size: config.batch_size,
            iters: config.iters,
            seed: config.seed,
            sampling: config.sampling.to_string(),
            gradient: config.gradient.to_string(),
            iters_per_epoch: config.iters_per_epoch(train_size),
            dtype: "f32",
            data_dir,
            train_size,
            test_size,
        }
    }

    /// Pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> anyhow::Result<String> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(epoch: usize, iteration: usize, train_acc: f64, test_acc: f64) -> EpochStats {
        EpochStats {
            epoch,
            iteration,
            train_acc,
            test_acc,
        }
    }

    #[test]
    fn accuracies_fill_only_epoch_rows() {
        let losses = [2.5, 2.25, 2.0, f64::NAN];
        let epochs = [stats(0, 0, 0.1, 0.125), stats(1, 2, 0.5, 0.375)];
        assert_eq!(
            metrics_csv(&losses, &epochs),
            "iteration,loss,train_acc,test_acc\n\
             0,2.5,0.1,0.125\n\
             1,2.25,,\n\
             2,2,0.5,0.375\n\
             3,NaN,,\n"
        );
    }

    #[test]
    fn epochs_read_back_what_was_written() {
        let losses = [2.5, 2.25, 2.0, f64::NAN];
        let epochs = [stats(0, 0, 0.1, 0.125), stats(1, 2, 0.5, 0.375)];
        assert_eq!(
            epochs_from_csv(&metrics_csv(&losses, &epochs)),
            Ok(epochs.to_vec())
        );
    }

    #[test]
    fn corrupt_rows_name_their_line() {
        for (text, expected) in [
            ("", "empty"),
            ("iter,loss\n", "line 1: expected the header"),
            (
                "iteration,loss,train_acc,test_acc\n0,1,0.1\n",
                "line 2: expected 4",
            ),
            (
                "iteration,loss,train_acc,test_acc\n0,1,,\nx,1,,\n",
                "line 3: iteration",
            ),
            (
                "iteration,loss,train_acc,test_acc\n1,1,,\n1,1,,\n",
                "line 3: iteration 1",
            ),
            (
                "iteration,loss,train_acc,test_acc\n0,oops,,\n",
                "line 2: loss",
            ),
            (
                "iteration,loss,train_acc,test_acc\n0,1,1.5,0.1\n",
                "line 2: train_acc",
            ),
            (
                "iteration,loss,train_acc,test_acc\n0,1,0.1,\n",
                "line 2: train_acc and",
            ),
        ] {
            let error = epochs_from_csv(text).expect_err(text);
            assert!(error.contains(expected), "{text:?}: {error}");
        }
    }
}
