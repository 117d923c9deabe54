//! `metrics.csv`, what a training run records besides the model: the loss
//! of every iteration and the accuracies of every epoch, written as the run
//! goes ([`MetricsWriter`]) and read back ([`epochs_from_csv`]).
//!
//! Deterministic: no timings, no dates, so two runs with the same knobs and
//! seed write byte-identical files.

use std::io::{self, Write};
use twolayer::EpochStats;

/// `metrics.csv` written as the run goes: header
/// `iteration,loss,train_acc,test_acc`, one row per iteration (counted from
/// 0, as the book's loop); the accuracy columns are filled on the rows where
/// an epoch was evaluated and empty elsewhere. Numbers use Rust's shortest
/// round-trip formatting.
///
/// A row is complete once its iteration is known not to be evaluated (when
/// the next loss or the epoch comes). Rows are handed to `out` whole, in
/// chunks of about 64 kB and after every epoch, so a run that is killed
/// leaves complete rows up to then.
#[derive(Debug)]
pub struct MetricsWriter<W: Write> {
    out: W,
    /// Complete rows not yet handed to `out`.
    rows: Vec<u8>,
    /// The last loss, whose row waits for its iteration's accuracies.
    pending: Option<(usize, f64)>,
}

/// How many bytes of rows [`MetricsWriter`] gathers before writing them.
const CHUNK: usize = 1 << 16;

impl<W: Write> MetricsWriter<W> {
    /// Writes the header to `out`.
    ///
    /// # Errors
    /// The write's error.
    pub fn new(mut out: W) -> io::Result<Self> {
        writeln!(out, "{HEADER}")?;
        out.flush()?;
        Ok(Self {
            out,
            rows: Vec::with_capacity(CHUNK),
            pending: None,
        })
    }

    /// Records the loss of `iteration` (which follows the previous one).
    ///
    /// # Errors
    /// The write's error, when a chunk of rows is handed to `out`.
    pub fn loss(&mut self, iteration: usize, loss: f64) -> io::Result<()> {
        self.complete_pending();
        self.pending = Some((iteration, loss));
        if self.rows.len() >= CHUNK {
            self.write_rows()?;
        }
        Ok(())
    }

    /// Records the accuracies of an epoch, and writes and flushes every row.
    ///
    /// # Errors
    /// The write's error.
    pub fn epoch(&mut self, stats: &EpochStats) -> io::Result<()> {
        let loss = match self.pending {
            Some((iteration, loss)) if iteration == stats.iteration => {
                self.pending = None;
                loss.to_string()
            }
            // An epoch without its loss (not expected), kept anyway.
            _ => {
                self.complete_pending();
                String::new()
            }
        };
        let _ = writeln!(
            self.rows,
            "{},{loss},{},{}",
            stats.iteration, stats.train_acc, stats.test_acc
        );
        self.write_rows()
    }

    /// Writes the last row, flushes, and returns the writer.
    ///
    /// # Errors
    /// The write's error.
    pub fn finish(mut self) -> io::Result<W> {
        self.complete_pending();
        self.write_rows()?;
        Ok(self.out)
    }

    fn complete_pending(&mut self) {
        if let Some((iteration, loss)) = self.pending.take() {
            // Writing into a Vec cannot fail.
            let _ = writeln!(self.rows, "{iteration},{loss},,");
        }
    }

    fn write_rows(&mut self) -> io::Result<()> {
        self.out.write_all(&self.rows)?;
        self.rows.clear();
        self.out.flush()
    }
}

/// The header of `metrics.csv`.
const HEADER: &str = "iteration,loss,train_acc,test_acc";

/// The epoch rows of a `metrics.csv` written by [`MetricsWriter`], in order:
/// epoch `k` is the `k`-th row with accuracies (the trainer evaluates every
/// epoch from 0). Rows without accuracies are checked and skipped.
///
/// # Errors
/// A message naming the 1-based line and what is wrong with it.
pub fn epochs_from_csv(text: &str) -> Result<Vec<EpochStats>, String> {
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
                probe: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The `metrics.csv` of a run with these losses and epochs.
    fn metrics_csv(losses: &[f64], epochs: &[EpochStats]) -> String {
        let mut writer = MetricsWriter::new(Vec::new()).expect("a Vec takes every write");
        let mut epochs = epochs.iter().peekable();
        for (iteration, &loss) in losses.iter().enumerate() {
            writer.loss(iteration, loss).expect("in memory");
            if let Some(stats) = epochs.next_if(|stats| stats.iteration == iteration) {
                writer.epoch(stats).expect("in memory");
            }
        }
        let bytes = writer.finish().expect("in memory");
        String::from_utf8(bytes).expect("CSV is UTF-8")
    }

    fn stats(epoch: usize, iteration: usize, train_acc: f64, test_acc: f64) -> EpochStats {
        EpochStats {
            epoch,
            iteration,
            train_acc,
            test_acc,
            probe: None,
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

    #[test]
    #[allow(clippy::print_stderr, reason = "a skipped test says why")]
    fn a_full_disk_is_an_error_not_a_lost_row() {
        // /dev/full accepts the open and fails every write with ENOSPC, as
        // a full file system does.
        let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
            eprintln!("skipped: this system has no /dev/full to stand for a full disk");
            return;
        };
        let error = MetricsWriter::new(full).expect_err("the header cannot be written");
        assert_eq!(error.kind(), io::ErrorKind::StorageFull, "{error}");
    }
}
