//! `cargo xtask bench`: the flags of the bench suite (the `benchsuite`
//! crate in `bench/`), its progress on stderr, its tables on stdout and its
//! report in `bench.json`. The measuring is the crate's; see its docs.
//!
//! `cargo xtask` builds in release mode; the criterion benches of
//! `crates/twolayer/benches` time the kernels behind these figures.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command reports its tables on stdout and its progress on stderr"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use anyhow::Context;
use benchsuite::measure::peak_memory;
use benchsuite::{Options, PeerOptions};
use mnist_data::MnistFile;

use crate::fetch_mnist::{self, FetchArgs};
use crate::flags::{FlagError, positive_usize};
use crate::{data, paths};
use atomic_file::outputs::write_new_files;
use runs::utc_timestamp;

mod scaling;

/// Flags of `cargo xtask bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Repeats behind each median: loading, the default run, the steps alone,
    /// the evaluations.
    #[arg(long, default_value_t = 5, value_parser = positive_usize)]
    runs: usize,
    /// Also run the Python peers (bench/peers/, needs numpy and torch): the
    /// book's run in NumPy and PyTorch, and NumPy's numerical gradient.
    #[arg(long)]
    peers: bool,
    /// Runs of the NumPy peer's book run (a minute or more each).
    #[arg(long, default_value_t = 1, value_parser = positive_usize)]
    numpy_runs: usize,
    /// Runs of the PyTorch peer's book run [default: --runs].
    #[arg(long, value_parser = positive_usize)]
    torch_runs: Option<usize>,
    /// The thread counts PyTorch is measured at, each in turn, the fastest
    /// counting as PyTorch's best; NumPy runs on all cores. One count
    /// restricts every peer to it. At most 4 per core [default: 1,2].
    #[arg(long, value_delimiter = ',', value_parser = positive_usize, value_name = "N,...")]
    peer_threads: Vec<usize>,
    /// The Python that runs the peers.
    #[arg(long, default_value = "python3", value_name = "PATH")]
    python: String,
    /// Skip the book's numerical-gradient loop in Rust (one call, tens of seconds).
    #[arg(long)]
    skip_reference: bool,
    /// Instead of the default bench: time one training step and one
    /// evaluation pass for hidden sizes 50 to 800 and batch sizes 100 and
    /// 1000, this project and its dense reference (with --peers, PyTorch
    /// too), and draw scaling.svg next to the report.
    #[arg(long, conflicts_with_all = ["runs", "numpy_runs", "torch_runs", "skip_reference"])]
    scaling: bool,
    /// Where to write the report [default: bench.json in the workspace,
    /// replaced at every run; with --scaling, scaling.svg beside it]. A file
    /// given here that exists (or its scaling.svg) is kept unless --force.
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Replace the --json file if it exists.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

/// Loads the data, runs the suite (or with `--scaling` the grid), prints the tables and writes the JSON report.
pub fn run(args: Args) -> anyhow::Result<()> {
    if cfg!(debug_assertions) {
        eprintln!("warning: an unoptimized build; `cargo xtask bench` builds in release mode");
    }
    check_flags(&args)?;
    let date_utc = utc_timestamp(SystemTime::now());
    let mnist_dir = fetch_mnist::ensure_mnist(&args.fetch, &MnistFile::ALL)?;
    if args.scaling {
        return scaling::run(&args, date_utc);
    }

    // The peak memory of the default run, as a user starts it, in a child
    // process into a temporary run directory: first, while this process is
    // small (a child's ru_maxrss includes what its parent held).
    eprintln!("bench: peak memory of `cargo xtask train` (a child process)");
    let exe = std::env::current_exe().context("cannot find the xtask executable")?;
    let child_run_dir = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
    let mut default_run = Command::new(exe);
    default_run
        .arg("train")
        .arg("--dir")
        .arg(&mnist_dir)
        .arg("--quiet")
        .arg("--run-dir")
        .arg(&child_run_dir);
    let shown = format!("cargo xtask train --dir {}", mnist_dir.display());
    let peak_memory = peak_memory::measure(default_run, &shown);
    // The child's run files are not needed, only its peak memory.
    let _ = std::fs::remove_dir_all(&child_run_dir);

    let mnist = data::load(&args.fetch, data::Needs::Both)?;
    let (train, test) = (mnist.train()?, mnist.test()?);

    let options = Options {
        runs: args.runs,
        reference: !args.skip_reference,
        peers: args.peers.then(|| peer_options(&args)),
        peak_memory,
        command: command_line(&mnist.dir),
        date_utc,
    };
    let report = benchsuite::run(options, &mnist.dir, &train, &test, &mut |event| {
        eprintln!("{event}");
    });
    let report = report?;
    print!("\n{}", report.markdown());

    let json = serde_json::to_string_pretty(&report)? + "\n";
    let json_path = json_path(&args);
    write_report(
        &args,
        &json_path,
        vec![(json_path.clone(), json.into_bytes())],
    )?;
    println!("\nwrote {}", json_path.display());
    Ok(())
}

/// Writes the report's `files` beside `json_path` through the one output
/// policy (`atomic_file::outputs`): the default `bench.json` (and its
/// `scaling.svg`) are replaced at every run; a `--json` path given, only
/// with `--force`.
fn write_report(
    args: &Args,
    json_path: &Path,
    files: Vec<(PathBuf, Vec<u8>)>,
) -> anyhow::Result<()> {
    let dir = json_path.parent().unwrap_or(Path::new("."));
    let named: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(path, contents)| {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, contents)
        })
        .collect();
    let replace = args.json.is_none() || args.force;
    write_new_files(dir, "--json", &named, replace, &[])?;
    Ok(())
}

/// The `--json` path, or `bench.json` in the workspace.
fn json_path(args: &Args) -> PathBuf {
    args.json
        .clone()
        .unwrap_or_else(|| paths::workspace_root().join("bench.json"))
}

/// The peers' settings from the flags: PyTorch at each `--peer-threads`
/// count (1 and 2 by default), NumPy on all cores unless one count is given.
fn peer_options(args: &Args) -> PeerOptions {
    let (torch_threads, numpy_threads) = match args.peer_threads.as_slice() {
        [] => (vec![1, 2], None),
        &[threads] => (vec![threads], Some(threads)),
        many => (many.to_vec(), None),
    };
    PeerOptions {
        python: args.python.clone(),
        numpy_runs: args.numpy_runs,
        torch_runs: args.torch_runs.unwrap_or(args.runs),
        torch_threads,
        numpy_threads,
    }
}

/// The most repeats a median may take: each one trains the book's network
/// (seconds) or runs a peer (a minute or more).
const MAX_RUNS: usize = 1000;

/// Refuses, before anything runs, repeat counts that could never finish (or
/// allocate) and an explicit `--json` file that exists, unless `--force`.
/// The most peer threads per core `--peer-threads` takes: more only time-share the cores.
const MAX_THREADS_PER_CORE: usize = 4;

fn check_flags(args: &Args) -> Result<(), FlagError> {
    let counts = [
        ("--runs", Some(args.runs)),
        ("--numpy-runs", Some(args.numpy_runs)),
        ("--torch-runs", args.torch_runs),
    ];
    for (flag, count) in counts {
        if let Some(count) = count.filter(|&count| count > MAX_RUNS) {
            return Err(FlagError::new(
                flag,
                count,
                format!("expected at most {MAX_RUNS} (each run trains the network)"),
            ));
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let most_threads = MAX_THREADS_PER_CORE * cores;
    if let Some(&count) = args
        .peer_threads
        .iter()
        .find(|&&count| count > most_threads)
    {
        return Err(FlagError::new(
            "--peer-threads",
            count,
            format!(
                "expected at most {most_threads} threads ({MAX_THREADS_PER_CORE} per core of \
                 this machine's {cores}): each is a compute thread of the peer"
            ),
        ));
    }
    let Some(path) = args.json.as_ref().filter(|_| !args.force) else {
        return Ok(());
    };
    let svg = args.scaling.then(|| scaling::svg_path(path));
    match std::iter::once(path).chain(&svg).find(|path| path.exists()) {
        Some(existing) => Err(FlagError::new(
            "--json",
            path,
            format!(
                "{} exists; pass --force to replace it, or choose another path",
                existing.display()
            ),
        )),
        None => Ok(()),
    }
}

/// `cargo xtask bench <its flags>`, with the MNIST directory spelled out
/// when it came from `MNIST_DIR` or the default.
fn command_line(mnist_dir: &Path) -> String {
    let flags: Vec<String> = std::env::args().skip(2).collect();
    let has_dir = flags
        .iter()
        .any(|flag| flag.starts_with("--dir") || flag.starts_with("--data-dir"));
    let mut words = vec!["cargo xtask bench".to_owned()];
    words.extend(flags);
    if !has_dir {
        words.push(format!("--dir {}", mnist_dir.display()));
    }
    words.join(" ")
}

#[cfg(test)]
mod tests;
