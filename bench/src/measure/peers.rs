//! The Python peers of `cargo xtask bench --peers` (`bench/peers/`): the
//! book's run in NumPy and in PyTorch, and the book's numerical-gradient
//! loop in NumPy. Each runs as a child process that ends its stdout with one
//! JSON object.

use std::path::Path;
use std::process::Command;

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

/// The three peer runs of `--peers`, in the order of [`plan`].
#[derive(Debug, Clone, Serialize)]
pub struct Peers {
    /// The book's run in NumPy (`float64`).
    pub numpy: PeerRun,
    /// The book's run in PyTorch on the CPU (`float32`).
    pub torch: PeerRun,
    /// One numerical gradient by the book's loop in NumPy.
    pub numpy_numerical_gradient: PeerRun,
}

/// The three peer runs of `--peers`: label, script and extra flags.
pub fn plan(
    numpy_runs: usize,
    torch_runs: usize,
    threads: Option<usize>,
) -> [(&'static str, &'static str, Vec<String>); 3] {
    let with_threads = |mut flags: Vec<String>| {
        if let Some(threads) = threads {
            flags.extend(["--threads".to_owned(), threads.to_string()]);
        }
        flags
    };
    [
        (
            "NumPy, the book's run",
            "twolayer_numpy.py",
            with_threads(vec!["--repeat".into(), numpy_runs.to_string()]),
        ),
        (
            "PyTorch CPU, the book's run",
            "twolayer_torch.py",
            with_threads(vec!["--repeat".into(), torch_runs.to_string()]),
        ),
        (
            "NumPy, one numerical gradient (the book's loop)",
            "twolayer_numpy.py",
            with_threads(vec!["--numerical-gradient-call".into()]),
        ),
    ]
}

/// Runs `python bench/peers/<script> --data-dir <dir> --json <flags>` from
/// the workspace root and parses its last line.
pub fn run(python: &str, script: &str, mnist_dir: &Path, flags: &[String]) -> PeerRun {
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
    let (record, error) = match outcome {
        Err(error) => (
            None,
            Some(format!(
                "cannot run {python} ({error}): install Python 3, then {INSTALL_HINT}"
            )),
        ),
        Ok(output) if !output.status.success() => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stderr.lines().rev().find(|line| !line.trim().is_empty());
            let reason = last.unwrap_or("no message").trim().to_owned();
            // Exit code 3: a package is missing (the message says which and how to install it).
            let hint = match output.status.code() {
                Some(3) => String::new(),
                _ => format!(" (exit {})", output.status),
            };
            (None, Some(format!("{reason}{hint}")))
        }
        Ok(output) => match parse_last_json(&String::from_utf8_lossy(&output.stdout)) {
            Ok(record) => (Some(record), None),
            Err(error) => (None, Some(error)),
        },
    };
    PeerRun {
        command,
        record,
        error,
    }
}

/// The record on the last non-empty line of a peer's stdout.
pub fn parse_last_json(stdout: &str) -> Result<PeerRecord, String> {
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
        let record = parse_last_json(stdout).expect("a record");
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
        let record = parse_last_json(stdout).expect("a record");
        assert_eq!(record.numerical_gradient_call_s, Some(61.2));
        assert_eq!(record.total_s, None);
    }

    #[test]
    fn no_record_is_an_error() {
        assert!(parse_last_json("").is_err());
        assert!(parse_last_json("train acc, test acc | 0.1, 0.1\n").is_err());
    }

    #[test]
    fn the_plan_passes_the_repeats() {
        let [numpy, torch, numerical] = plan(1, 5, None);
        assert_eq!((numpy.1, numpy.2[1].as_str()), ("twolayer_numpy.py", "1"));
        assert_eq!((torch.1, torch.2[1].as_str()), ("twolayer_torch.py", "5"));
        assert_eq!(numerical.2, ["--numerical-gradient-call"]);
        let [_, torch, numerical] = plan(1, 3, Some(1));
        assert_eq!(torch.2, ["--repeat", "3", "--threads", "1"]);
        assert_eq!(numerical.2, ["--numerical-gradient-call", "--threads", "1"]);
    }
}
