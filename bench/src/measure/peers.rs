//! The Python peers of `cargo xtask bench --peers` (`bench/peers/`): the
//! book's run in NumPy and in PyTorch, and the book's numerical-gradient
//! loop in NumPy. Each runs as a child process that ends its stdout with one
//! JSON object.

use std::path::Path;
use std::process::Command;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::workspace;

/// How to install what the peers need.
pub const INSTALL_HINT: &str = "python3 -m pip install -r bench/peers/requirements.txt";

/// The figures a peer reports (the keys of its `--json` line; those a mode
/// does not report stay `None`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct PeerRecord {
    /// `numpy` or `torch`.
    pub peer: String,
    /// The Python version.
    pub python: Option<String>,
    /// The NumPy version.
    pub numpy: Option<String>,
    /// The PyTorch version (PyTorch peer only).
    pub torch: Option<String>,
    /// Compute threads.
    pub threads: Option<u64>,
    /// `float64` (NumPy) or `float32` (PyTorch).
    pub dtype: Option<String>,
    /// Loading MNIST, seconds.
    pub load_s: Option<f64>,
    /// SGD steps, seconds (median of the runs).
    pub steps_s: Option<f64>,
    /// Accuracy evaluations, seconds (median).
    pub eval_s: Option<f64>,
    /// Steps plus evaluations, seconds (median).
    pub total_s: Option<f64>,
    /// Training throughput.
    pub samples_per_s: Option<f64>,
    /// The last training-set accuracy.
    pub train_acc: Option<f64>,
    /// The last test-set accuracy.
    pub test_acc: Option<f64>,
    /// Every run's total (or call's time), with `--repeat` above 1.
    pub runs: Option<Vec<f64>>,
    /// One call of the numerical gradient, seconds (median).
    pub numerical_gradient_call_s: Option<f64>,
}

/// One peer's run: the command and what it gave.
#[derive(Debug, Clone, Serialize)]
pub struct PeerRun {
    /// The command, as typed from the workspace root.
    pub command: String,
    /// Its figures, if it ran.
    pub record: Option<PeerRecord>,
    /// Why not, if it did not.
    pub error: Option<String>,
}

/// How to run the Python peers of `bench/peers/`.
#[derive(Debug, Clone)]
pub struct PeerOptions {
    /// The Python that runs them.
    pub python: String,
    /// Runs of the NumPy peer's book run.
    pub numpy_runs: usize,
    /// Runs of the PyTorch peer's book run, at each thread count.
    pub torch_runs: usize,
    /// The thread counts PyTorch is measured at, each in turn (the book's
    /// run, or each cell of the scaling grid); the fastest counts as
    /// PyTorch's best.
    pub torch_threads: Vec<usize>,
    /// The NumPy peers' compute threads (`None`: all cores).
    pub numpy_threads: Option<usize>,
}

/// The peer runs of `--peers`, in the order of [`plan`].
#[derive(Debug, Clone, Serialize)]
pub struct Peers {
    /// The book's run in NumPy (`float64`).
    pub numpy: PeerRun,
    /// The book's run in PyTorch on the CPU (`float32`), one run per
    /// thread count of [`PeerOptions::torch_threads`].
    pub torch: Vec<PeerRun>,
    /// One numerical gradient by the book's loop in NumPy.
    pub numpy_numerical_gradient: PeerRun,
}

impl Peers {
    /// PyTorch's best configuration: the record of the torch run with the
    /// smallest total (steps + evaluations), if one ran.
    pub fn torch_best(&self) -> Option<&PeerRecord> {
        self.torch
            .iter()
            .filter_map(|run| run.record.as_ref())
            .filter(|record| record.total_s.is_some_and(f64::is_finite))
            .min_by(|a, b| {
                a.total_s
                    .unwrap_or(f64::INFINITY)
                    .total_cmp(&b.total_s.unwrap_or(f64::INFINITY))
            })
    }
}

/// What a planned peer run measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeerRole {
    /// The book's run in NumPy.
    NumPy,
    /// The book's run in PyTorch.
    Torch,
    /// One numerical gradient in NumPy.
    NumericalGradient,
}

/// One peer run to make: what it is, its label, its script and its flags.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedRun {
    /// What it measures.
    pub role: PeerRole,
    /// What the progress display calls it.
    pub label: String,
    /// The script in `bench/peers/`.
    pub script: &'static str,
    /// Its flags after `--data-dir DIR --json`.
    pub flags: Vec<String>,
}

/// The peer runs of `--peers`: NumPy's book run, PyTorch's at each thread
/// count, then NumPy's numerical gradient.
pub fn plan(options: &PeerOptions) -> Vec<PlannedRun> {
    let threads_flags =
        |threads: Option<usize>| threads.map(|n| vec!["--threads".to_owned(), n.to_string()]);
    let numpy_threads = threads_flags(options.numpy_threads).unwrap_or_default();
    let with = |flags: &[&str], threads: &[String]| -> Vec<String> {
        flags
            .iter()
            .map(|&flag| flag.to_owned())
            .chain(threads.iter().cloned())
            .collect()
    };
    let numpy_runs = options.numpy_runs.to_string();
    let mut runs = vec![PlannedRun {
        role: PeerRole::NumPy,
        label: "NumPy, the book's run".to_owned(),
        script: "twolayer_numpy.py",
        flags: with(&["--repeat", &numpy_runs], &numpy_threads),
    }];
    let torch_runs = options.torch_runs.to_string();
    for &threads in &options.torch_threads {
        runs.push(PlannedRun {
            role: PeerRole::Torch,
            label: format!("PyTorch CPU, the book's run, {}", threads_text(threads)),
            script: "twolayer_torch.py",
            flags: with(
                &["--repeat", &torch_runs],
                &threads_flags(Some(threads)).unwrap_or_default(),
            ),
        });
    }
    runs.push(PlannedRun {
        role: PeerRole::NumericalGradient,
        label: "NumPy, one numerical gradient (the book's loop)".to_owned(),
        script: "twolayer_numpy.py",
        flags: with(&["--numerical-gradient-call"], &numpy_threads),
    });
    runs
}

/// `1 thread`, `2 threads`.
pub fn threads_text(threads: usize) -> String {
    match threads {
        1 => "1 thread".to_owned(),
        n => format!("{n} threads"),
    }
}

/// Runs `python bench/peers/<script> --data-dir <dir> --json <flags>` from
/// the workspace root and parses its last line as a [`PeerRecord`].
pub fn run(python: &str, script: &str, mnist_dir: &Path, flags: &[String]) -> PeerRun {
    let (command, outcome) = run_script(python, script, mnist_dir, flags);
    let (record, error) = match outcome.and_then(|stdout| parse_last_json(&stdout)) {
        Ok(record) => (Some(record), None),
        Err(error) => (None, Some(error)),
    };
    PeerRun {
        command,
        record,
        error,
    }
}

/// Runs `python bench/peers/<script> --data-dir <dir> --json <flags>` from
/// the workspace root: the command as typed, and its stdout or why it failed.
pub fn run_script(
    python: &str,
    script: &str,
    mnist_dir: &Path,
    flags: &[String],
) -> (String, Result<String, String>) {
    let script_path = Path::new("bench").join("peers").join(script);
    let mut args = vec![
        script_path.display().to_string(),
        "--data-dir".to_owned(),
        mnist_dir.display().to_string(),
        "--json".to_owned(),
    ];
    args.extend(flags.iter().cloned());
    let command = format!("{python} {}", args.join(" "));
    let outcome = Command::new(python)
        .args(&args)
        .current_dir(workspace::root())
        .output();
    let stdout = match outcome {
        Err(error) => Err(format!(
            "cannot run {python} ({error}): install Python 3, then {INSTALL_HINT}"
        )),
        Ok(output) if !output.status.success() => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stderr.lines().rev().find(|line| !line.trim().is_empty());
            let reason = last.unwrap_or("no message").trim().to_owned();
            // Exit code 3: a package is missing (the message says which and how to install it).
            let hint = match output.status.code() {
                Some(3) => String::new(),
                _ => format!(" (exit {})", output.status),
            };
            Err(format!("{reason}{hint}"))
        }
        Ok(output) => Ok(String::from_utf8_lossy(&output.stdout).into_owned()),
    };
    (command, stdout)
}

/// The record on the last non-empty line of a peer's stdout.
pub fn parse_last_json<T: DeserializeOwned>(stdout: &str) -> Result<T, String> {
    let last = stdout
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .ok_or("the peer printed nothing")?;
    serde_json::from_str(last)
        .map_err(|error| format!("its last line is not the JSON record: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_line_is_the_record() {
        let stdout = "train acc, test acc | 0.1000, 0.1000\n\nload  0.50 s\n\
            {\"peer\": \"torch\", \"python\": \"3.12.1\", \"numpy\": \"2.4.6\", \"torch\": \"2.15.0\", \
            \"threads\": 2, \"load_s\": 0.5, \"steps_s\": 5.0, \"eval_s\": 1.5, \"total_s\": 6.5, \
            \"samples_per_s\": 200000.0, \"evaluations\": 17, \"train_acc\": 0.94, \"test_acc\": 0.941, \
            \"hidden\": 50, \"runs\": [6.4, 6.5, 6.9]}\n";
        let record: PeerRecord = parse_last_json(stdout).expect("a record");
        assert_eq!(record.peer, "torch");
        assert_eq!(record.torch.as_deref(), Some("2.15.0"));
        assert_eq!((record.total_s, record.threads), (Some(6.5), Some(2)));
        assert_eq!(record.runs, Some(vec![6.4, 6.5, 6.9]));
        assert_eq!(record.numerical_gradient_call_s, None);
    }

    #[test]
    fn the_numerical_gradient_record_parses() {
        let stdout = "numerical gradient call: 61.20 s\n{\"peer\": \"numpy\", \"numpy\": \"2.4.6\", \
            \"load_s\": 0.4, \"numerical_gradient_call_s\": 61.2, \"max_abs_diff\": {\"W1\": 1e-10}}";
        let record: PeerRecord = parse_last_json(stdout).expect("a record");
        assert_eq!(record.numerical_gradient_call_s, Some(61.2));
        assert_eq!(record.total_s, None);
    }

    #[test]
    fn no_record_is_an_error() {
        assert!(parse_last_json::<PeerRecord>("").is_err());
        assert!(parse_last_json::<PeerRecord>("train acc, test acc | 0.1, 0.1\n").is_err());
    }

    #[test]
    fn the_plan_runs_torch_at_each_thread_count() {
        let mut options = PeerOptions {
            python: "python3".to_owned(),
            numpy_runs: 1,
            torch_runs: 5,
            torch_threads: vec![1, 2],
            numpy_threads: None,
        };
        let runs = plan(&options);
        let roles: Vec<PeerRole> = runs.iter().map(|run| run.role).collect();
        use PeerRole::{NumPy, NumericalGradient, Torch};
        assert_eq!(roles, [NumPy, Torch, Torch, NumericalGradient]);
        assert_eq!(
            (runs[0].script, runs[0].flags.as_slice()),
            (
                "twolayer_numpy.py",
                &["--repeat".to_owned(), "1".to_owned()][..]
            )
        );
        assert_eq!(runs[1].flags, ["--repeat", "5", "--threads", "1"]);
        assert_eq!(runs[2].flags, ["--repeat", "5", "--threads", "2"]);
        assert_eq!(runs[2].label, "PyTorch CPU, the book's run, 2 threads");
        assert_eq!(runs[3].flags, ["--numerical-gradient-call"]);
        options.torch_threads = vec![1];
        options.numpy_threads = Some(1);
        let runs = plan(&options);
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[0].flags, ["--repeat", "1", "--threads", "1"]);
        assert_eq!(
            runs[2].flags,
            ["--numerical-gradient-call", "--threads", "1"]
        );
    }

    #[test]
    fn the_best_torch_run_is_the_fastest_that_ran() {
        let run = |threads: u64, total_s: Option<f64>| PeerRun {
            command: format!("python3 twolayer_torch.py --threads {threads}"),
            record: total_s.map(|total_s| PeerRecord {
                threads: Some(threads),
                total_s: Some(total_s),
                ..PeerRecord::default()
            }),
            error: total_s.is_none().then(|| "torch is missing".to_owned()),
        };
        let numpy = run(0, Some(30.0));
        let mut peers = Peers {
            numpy: numpy.clone(),
            torch: vec![run(1, Some(20.0)), run(2, Some(15.0)), run(4, None)],
            numpy_numerical_gradient: numpy,
        };
        assert_eq!(peers.torch_best().and_then(|best| best.threads), Some(2));
        peers.torch = vec![run(1, None)];
        assert!(peers.torch_best().is_none());
    }
}
