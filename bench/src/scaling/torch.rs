//! The PyTorch peer on the scaling grid: `twolayer_torch.py --scaling`
//! times one step and one evaluation pass per cell, at each thread count,
//! in one process, and ends its stdout with one JSON record of them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::measure::peers;

/// One cell as the peer times it: seconds per call at each thread count,
/// and the fastest.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct PeerCell {
    /// Hidden units.
    pub hidden: usize,
    /// Images per step (`None` for an evaluation pass).
    #[serde(default)]
    pub batch: Option<usize>,
    /// Median seconds per call at each thread count (keys `"1"`, `"2"`).
    pub seconds: BTreeMap<String, f64>,
    /// The fastest of them.
    pub best_s: f64,
    /// Its thread count.
    pub best_threads: u64,
}

/// The record of `twolayer_torch.py --scaling --json`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct PeerScaling {
    /// `torch`.
    pub peer: String,
    /// The Python version.
    pub python: Option<String>,
    /// The PyTorch version.
    pub torch: Option<String>,
    /// The thread counts tried in each cell.
    pub thread_counts: Vec<u64>,
    /// One step per (hidden, batch) cell.
    pub steps: Vec<PeerCell>,
    /// One evaluation pass of both sets per hidden size.
    pub evaluations: Vec<PeerCell>,
}

impl PeerScaling {
    /// The step of the cell (`hidden`, `batch`), if the peer timed it.
    pub fn step(&self, hidden: usize, batch: usize) -> Option<&PeerCell> {
        self.steps
            .iter()
            .find(|cell| cell.hidden == hidden && cell.batch == Some(batch))
    }

    /// The evaluation pass at `hidden` units, if the peer timed it.
    pub fn evaluation(&self, hidden: usize) -> Option<&PeerCell> {
        self.evaluations.iter().find(|cell| cell.hidden == hidden)
    }
}

/// The peer's run: its command and its record, or why it did not run.
#[derive(Debug, Clone, Serialize)]
pub struct PeerScalingRun {
    /// The command, as typed from the workspace root.
    pub command: String,
    /// Its record, if it ran.
    pub record: Option<PeerScaling>,
    /// Why not, if it did not.
    pub error: Option<String>,
}

/// The flags of the peer's scaling run (after `--data-dir DIR --json`).
pub fn flags(hidden: &[usize], batch: &[usize], threads: &[usize], min_time_s: f64) -> Vec<String> {
    let list = |values: &[usize]| {
        let texts: Vec<String> = values.iter().map(usize::to_string).collect();
        texts.join(",")
    };
    vec![
        "--scaling".to_owned(),
        "--hidden-sizes".to_owned(),
        list(hidden),
        "--batch-sizes".to_owned(),
        list(batch),
        "--thread-counts".to_owned(),
        list(threads),
        "--min-time".to_owned(),
        min_time_s.to_string(),
    ]
}

/// Runs `python bench/peers/twolayer_torch.py --scaling ...` and parses its record.
pub fn run(python: &str, mnist_dir: &Path, flags: &[String]) -> PeerScalingRun {
    let (command, stdout) = peers::run_script(python, "twolayer_torch.py", mnist_dir, flags);
    match stdout.and_then(|stdout| peers::parse_last_json::<PeerScaling>(&stdout)) {
        Ok(record) => PeerScalingRun {
            command,
            record: Some(record),
            error: None,
        },
        Err(error) => PeerScalingRun {
            command,
            record: None,
            error: Some(error),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_parses() {
        let stdout = "hidden 50, batch 100: 1 thread 120 us, 2 threads 150 us\n\
            {\"peer\": \"torch\", \"python\": \"3.11.7\", \"torch\": \"2.15.0\", \"thread_counts\": [1, 2], \
            \"min_time_s\": 0.3, \
            \"steps\": [{\"hidden\": 50, \"batch\": 100, \"seconds\": {\"1\": 1.2e-4, \"2\": 1.5e-4}, \
            \"best_s\": 1.2e-4, \"best_threads\": 1}], \
            \"evaluations\": [{\"hidden\": 50, \"seconds\": {\"1\": 0.2, \"2\": 0.1}, \
            \"best_s\": 0.1, \"best_threads\": 2}]}\n";
        let record: PeerScaling = peers::parse_last_json(stdout).expect("a record");
        assert_eq!(record.thread_counts, [1, 2]);
        let step = record.step(50, 100).expect("the cell");
        assert_eq!((step.best_s, step.best_threads), (1.2e-4, 1));
        assert_eq!(step.seconds.get("2"), Some(&1.5e-4));
        assert!(record.step(50, 1000).is_none());
        let evaluation = record.evaluation(50).expect("the pass");
        assert_eq!((evaluation.batch, evaluation.best_threads), (None, 2));
    }

    #[test]
    fn the_flags_name_the_grid() {
        assert_eq!(
            flags(&[50, 100], &[100], &[1, 2], 0.3),
            [
                "--scaling",
                "--hidden-sizes",
                "50,100",
                "--batch-sizes",
                "100",
                "--thread-counts",
                "1,2",
                "--min-time",
                "0.3"
            ]
        );
    }
}
