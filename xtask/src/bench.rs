//! `cargo xtask bench`: measures, in one process and on the same data, what
//! the performance issue asks for, prints a table and writes `bench.json`:
//! training-step throughput against the machine's measured GEMM peak,
//! full-set evaluation throughput, the book's default run end to end, the
//! numerical gradient of 784-50-10 on a batch of 100 (the book's loop and the
//! fast one), loading MNIST, and the default run's peak resident memory.
//! `--peers` adds the Python peers of `bench/peers/` and a comparison table.
//!
//! `cargo xtask` builds in release mode; the criterion benches of
//! `crates/twolayer/benches` time the kernels behind these figures.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command reports its tables on stdout and its progress on stderr"
)]

use std::path::PathBuf;

use anyhow::Context;
use twolayer::TrainConfig;

use crate::bench_measure::{Stepping, default_run, time_evaluation, time_loading, time_steps};
use crate::bench_numerical::time_numerical_gradient;
use crate::bench_peers::{INSTALL_HINT, Peers};
use crate::bench_report::{Measurements, Report, Setup};
use crate::bench_table::table;
use crate::fetch_mnist::FetchArgs;
use crate::flags::positive_usize;
use crate::units::duration;
use crate::{bench_compare, bench_gemm, bench_machine, bench_memory, bench_peers, data, paths};

/// Images in the numerical-gradient batch (the "batch of 100").
const NUMERICAL_GRADIENT_BATCH: usize = 100;

/// Calls of the fast numerical gradient timed (after one warm-up).
const FAST_CALLS: usize = 30;

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
    /// Compute threads of the peers (their --threads) [default: all cores].
    #[arg(long, value_parser = positive_usize)]
    peer_threads: Option<usize>,
    /// The Python that runs the peers.
    #[arg(long, default_value = "python3", value_name = "PATH")]
    python: String,
    /// Skip the book's numerical-gradient loop in Rust (one call, tens of seconds).
    #[arg(long)]
    skip_reference: bool,
    /// Where to write the report [default: bench.json in the workspace].
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    #[command(flatten)]
    fetch: FetchArgs,
}

/// Measures, prints the tables and writes the JSON report.
pub fn run(args: Args) -> anyhow::Result<()> {
    if cfg!(debug_assertions) {
        eprintln!("warning: an unoptimized build; `cargo xtask bench` builds in release mode");
    }
    let machine = bench_machine::describe();
    let mnist = data::load(&args.fetch)?;
    let (train, test) = (mnist.train()?, mnist.test()?);
    let config = TrainConfig::default();
    let runs = args.runs;
    let mut phases = Phases {
        done: 0,
        total: if args.peers { 8 } else { 7 },
    };

    phases.next(&format!(
        "loading MNIST from {} x{runs}",
        mnist.dir.display()
    ));
    let loading = time_loading(&mnist.dir, runs)?;

    phases.next("GEMM peak (f32, 1 thread, then every core)");
    let gemm = bench_gemm::measure(machine.cores);

    phases.next(&format!("the book's default run x{runs}"));
    let mut default_runs = Vec::with_capacity(runs);
    for run in 1..=runs {
        let timing = default_run(&train, &test, &config)?;
        eprintln!(
            "  run {run}/{runs}: {} (steps {}, evaluations {}), test acc {:.4}",
            duration(timing.total_s()),
            duration(timing.steps_s),
            duration(timing.eval_s),
            timing.test_acc
        );
        default_runs.push(timing);
    }

    phases.next(&format!(
        "{} training steps alone x{runs}, as the default run, then on one thread",
        config.iters
    ));
    let (steps, trainer) = time_steps(&train, &test, &config, runs, Stepping::Steps)?;
    let (one_thread_steps, _) = time_steps(&train, &test, &config, runs, Stepping::OneThread)?;

    phases.next(&format!("full-set evaluation x{runs}"));
    let evaluation = time_evaluation(&trainer, &train, &test, runs);
    drop(trainer);

    let reference = !args.skip_reference;
    phases.next(&format!(
        "numerical gradient: fast x{FAST_CALLS}{}",
        if reference {
            ", then the book's loop once (tens of seconds)"
        } else {
            ""
        }
    ));
    let numerical_gradient =
        time_numerical_gradient(&train, NUMERICAL_GRADIENT_BATCH, FAST_CALLS, reference);

    phases.next("peak memory of `cargo xtask train` (a child process)");
    let (peak_memory, peak_memory_error) = match bench_memory::default_run(&mnist.dir) {
        Ok(peak) => (Some(peak), None),
        Err(error) => (None, Some(format!("{error:#}"))),
    };

    let peers = args.peers.then(|| {
        phases.next("Python peers (bench/peers/), several minutes");
        run_peers(&args, &mnist.dir)
    });

    let report = Report::new(Measurements {
        machine,
        setup: Setup {
            dims: (train.features(), config.hidden, train.classes()),
            activation: config.activation.to_string(),
            batch_size: config.batch_size,
            iters: config.iters,
            learning_rate: config.learning_rate,
            seed: config.seed,
            runs,
            mnist_dir: mnist.dir.display().to_string(),
            command: command_line(&mnist.dir),
        },
        gemm,
        loading,
        default_runs,
        steps,
        one_thread_steps,
        evaluation,
        numerical_gradient,
        peak_memory,
        peak_memory_error,
        peers,
    });
    print_report(&report, args.peers);

    let json_path = args
        .json
        .unwrap_or_else(|| paths::workspace_root().join("bench.json"));
    let json = serde_json::to_string_pretty(&report)?;
    std::fs::write(&json_path, json + "\n")
        .with_context(|| format!("cannot write {}", json_path.display()))?;
    println!("\nwrote {}", json_path.display());
    Ok(())
}

/// Runs the three peers, saying what runs and what is missing.
fn run_peers(args: &Args, mnist_dir: &std::path::Path) -> Peers {
    let [numpy, torch, numerical] = bench_peers::plan(
        args.numpy_runs,
        args.torch_runs.unwrap_or(args.runs),
        args.peer_threads,
    )
    .map(|(label, script, flags)| {
        eprintln!("  {label}...");
        let run = bench_peers::run(&args.python, script, mnist_dir, &flags);
        if let Some(error) = &run.error {
            eprintln!("  not run: {error}");
        }
        run
    });
    if [&numpy, &torch, &numerical]
        .iter()
        .any(|run| run.error.is_some())
    {
        eprintln!("  to install the peers' packages: {INSTALL_HINT}");
    }
    Peers {
        numpy,
        torch,
        numpy_numerical_gradient: numerical,
    }
}

/// `cargo xtask bench <its flags>`, with the MNIST directory spelled out
/// when it came from `MNIST_DIR` or the default.
fn command_line(mnist_dir: &std::path::Path) -> String {
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

/// Progress on stderr: `bench [3/7] the book's default run x5`.
struct Phases {
    done: usize,
    total: usize,
}

impl Phases {
    fn next(&mut self, what: &str) {
        self.done += 1;
        eprintln!("bench [{}/{}] {what}", self.done, self.total);
    }
}

/// The results table, then with `--peers` the comparison.
fn print_report(report: &Report, peers: bool) {
    let machine = &report.measurements.machine;
    println!(
        "\n## cargo xtask bench\n\n{}, {} cores (load average {} at the start), {}; {}, nalgebra \
         {}; {} UTC\n",
        machine.cpu,
        machine.cores,
        machine.load_average,
        machine.os,
        machine.rustc,
        machine.nalgebra,
        machine.date_utc
    );
    let rows: Vec<Vec<String>> = report
        .results
        .iter()
        .map(|row| {
            vec![
                row.metric.clone(),
                row.value.clone(),
                row.target.clone(),
                row.result.clone(),
            ]
        })
        .collect();
    print!("{}", table(&["metric", "value", "target", "result"], &rows));
    match bench_compare::markdown(report) {
        Some(comparison) => print!("\n{comparison}"),
        None if !peers => {
            println!("\n(`cargo xtask bench --peers` adds NumPy and PyTorch; {INSTALL_HINT})");
        }
        None => {}
    }
}
