//! What `cargo xtask` does so that nothing of the user's is lost (issue 13):
//! huge flags refused before anything is written, a run directory claimed
//! by exactly one of two runs, an interrupted run that keeps its work, and
//! writers that never overwrite a file unasked.
//!
//! Runs that train use a small synthetic data set (`train --unverified`):
//! each takes a fraction of a second.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use integration_tests::{synthetic_mnist, write_files};
use nix::sys::signal::Signal;
use nix::unistd::Pid;

mod common;

use common::{error_line, path, text, xtask, xtask_offline};

/// The synthetic data set in `dir/data`.
fn synthetic_data(dir: &Path) -> PathBuf {
    write_files(&dir.join("data"), &synthetic_mnist(600, 100, 3), true).expect("written")
}

/// `train --unverified` on `data` into `run`, with `extra` flags, started
/// in the background.
fn spawn_train(data: &Path, run: &Path, extra: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["train", "--unverified", "--data-dir", path(data)])
        .args(["--run-dir", path(run), "--hidden", "20"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the xtask binary runs")
}

/// The data rows of `run/metrics.csv` (0 while it does not exist).
fn metrics_rows(run: &Path) -> usize {
    fs::read_to_string(run.join("metrics.csv"))
        .map_or(0, |csv| csv.lines().count().saturating_sub(1))
}

/// Waits until `run/metrics.csv` has at least `rows` rows.
fn wait_for_rows(run: &Path, rows: usize, child: &mut Child) {
    let started = Instant::now();
    while metrics_rows(run) < rows {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("train ended early with {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no metrics in 60 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Sends `signal` to `child` (no `kill` command needed: a minimal system
/// has none).
fn signal(child: &Child, signal: Signal) {
    let pid = Pid::from_raw(i32::try_from(child.id()).expect("a pid fits in i32"));
    nix::sys::signal::kill(pid, signal).expect("the child can be signalled");
}

#[test]
fn huge_size_flags_are_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let run = tmp.path().join("run");
    let data = tmp.path().join("data");
    let max = u64::MAX.to_string();
    for (flag, value, expected) in [
        ("--iters", max.as_str(), "of disk"),
        ("--iters", "100000000000", "about 3.2 TB of disk"),
        ("--hidden", max.as_str(), "of memory"),
        ("--batch-size", max.as_str(), "of memory"),
        ("--weight-init-std", "1e300", "expected at most 1e37"),
        (
            "--lr",
            "1e300",
            "expected a number from 1e-45 to 3.4028235e38",
        ),
        (
            "--lr",
            "1e-300",
            "'1e-300' for '--lr': expected a number from 1e-45",
        ),
    ] {
        let output = xtask_offline(&[
            "train",
            flag,
            value,
            "--run-dir",
            path(&run),
            "--data-dir",
            path(&data),
        ]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{flag} {value}: {}",
            text(&output.stderr)
        );
        let line = error_line(&output);
        assert_eq!(text(&output.stderr).lines().count(), 1, "one line");
        assert!(
            line.contains(&format!("'{flag}'")) && line.contains(expected),
            "{flag} {value}: {line}"
        );
        assert!(
            !line.contains("0000000000000000000000"),
            "not compact: {line}"
        );
    }
    let output = xtask(&["gradient-descent", "--steps", &max, "--out", path(&run)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(error_line(&output).contains("'--steps'"));
    assert!(
        !run.exists() && !data.exists(),
        "a refused command touched the disk"
    );
}

#[test]
fn of_two_runs_into_one_new_directory_exactly_one_proceeds() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = synthetic_data(tmp.path());
    let run = tmp.path().join("run");
    let racers: Vec<Child> = (0..2)
        .map(|_| spawn_train(&data, &run, &["--iters", "30"]))
        .collect();
    let outputs: Vec<Output> = racers
        .into_iter()
        .map(|child| child.wait_with_output().expect("it ends"))
        .collect();
    let winners = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(
        winners,
        1,
        "{:?}",
        outputs.iter().map(|o| text(&o.stderr)).collect::<Vec<_>>()
    );
    let loser = outputs
        .iter()
        .find(|o| !o.status.success())
        .expect("a loser");
    assert!(
        error_line(loser).contains(path(&run)),
        "{}",
        text(&loser.stderr)
    );
    assert!(run.join("model.safetensors").is_file());
    assert!(
        !run.join(".run-in-progress").exists(),
        "the claim is released"
    );
}

#[test]
fn an_interrupted_run_keeps_its_metrics_plots_and_model() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = synthetic_data(tmp.path());
    for (signal_name, sent) in [("INT", Signal::SIGINT), ("TERM", Signal::SIGTERM)] {
        let run = tmp.path().join(format!("run-{signal_name}"));
        let mut child = spawn_train(&data, &run, &["--iters", "10000000"]);
        wait_for_rows(&run, 50, &mut child);
        signal(&child, sent);
        let output = child.wait_with_output().expect("it ends");
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(130), "{signal_name}: {stderr}");
        let last = stderr.lines().last().unwrap_or_default();
        let prefix = "interrupted at iteration ";
        let suffix = format!(" of 10000000; partial run in {}", run.display());
        let done: usize = last
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(&suffix))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{signal_name}: {stderr}"));
        assert!(done >= 50, "{done}");
        assert_eq!(metrics_rows(&run), done, "a row per completed iteration");
        for file in ["config.json", "loss.svg", "accuracy.svg"] {
            assert!(run.join(file).is_file(), "{signal_name}: no {file}");
        }
        let model = twolayer::checkpoint::load::<f32>(&run.join("model-interrupted.safetensors"))
            .expect("the last model is saved");
        assert_eq!(model.dims(), (784, 20, 10));
        assert!(!run.join("model.safetensors").exists());
        assert!(!run.join(".run-in-progress").exists());
    }
}

#[test]
fn ctrl_c_during_the_final_evaluation_stops_it_and_keeps_the_model() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    // Dense images (a noisy background), a large training set and a wide
    // hidden layer: the final evaluation takes seconds.
    let files = synthetic_mnist(40_000, 1_000, 3);
    let data = write_files(&tmp.path().join("data"), &files, false).expect("written");
    let run = tmp.path().join("run");
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["train", "--unverified", "--data-dir", path(&data)])
        .args(["--run-dir", path(&run), "--hidden", "1000", "--iters", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the xtask binary runs");
    let stderr = child.stderr.take().expect("stderr is piped");
    let mut lines = BufReader::new(stderr).lines().map_while(Result::ok);
    let mut before = Vec::new();
    for line in lines.by_ref() {
        let done = line.starts_with("training done");
        before.push(line);
        if done {
            break;
        }
    }
    let done = before
        .last()
        .filter(|line| line.starts_with("training done"));
    let done = done.unwrap_or_else(|| panic!("train says when training is done: {before:?}"));
    // The pictures come first; once they are written, the evaluation runs.
    let pictures = ["confusion.svg", "misclassified.svg", "weights.svg"];
    let started = Instant::now();
    while !pictures.iter().all(|name| run.join(name).is_file()) {
        assert!(started.elapsed() < Duration::from_secs(120), "no pictures");
        std::thread::sleep(Duration::from_millis(10));
    }
    signal(&child, Signal::SIGINT);
    let rest: Vec<String> = lines.collect();
    let output = child.wait_with_output().expect("it ends");
    assert_eq!(output.status.code(), Some(130), "{done}\n{rest:?}");
    assert_eq!(
        rest.first().map(String::as_str),
        Some("kept the complete run's model.safetensors; the final evaluation was stopped"),
        "{rest:?}"
    );
    let expected = format!(
        "interrupted at iteration 1 of 1; partial run in {}",
        run.display()
    );
    assert_eq!(rest.last(), Some(&expected), "{rest:?}");
    assert!(
        !text(&output.stdout).contains("final train acc"),
        "no final line"
    );
    let model = twolayer::checkpoint::load::<f32>(&run.join("model.safetensors"))
        .expect("the model is kept");
    assert_eq!(model.dims(), (784, 1000, 10));
    assert!(!run.join(".run-in-progress").exists());
}

#[test]
fn a_killed_run_leaves_complete_metrics_rows() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = synthetic_data(tmp.path());
    let run = tmp.path().join("run");
    let mut child = spawn_train(&data, &run, &["--iters", "10000000"]);
    wait_for_rows(&run, 100, &mut child);
    child.kill().expect("SIGKILL is sent");
    let _ = child.wait();
    let csv = fs::read_to_string(run.join("metrics.csv")).expect("metrics.csv remains");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("iteration,loss,train_acc,test_acc"));
    let mut rows = 0;
    for (i, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 4, "line {}: {line:?}", i + 2);
        assert_eq!(fields[0].parse::<usize>().ok(), Some(i), "{line}");
        assert!(fields[1].parse::<f64>().is_ok(), "{line}");
        rows += 1;
    }
    assert!(rows >= 100, "{rows}");
    assert!(csv.ends_with('\n'), "only whole rows");
}

#[test]
fn writers_keep_existing_files_and_never_overwrite_an_input() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let run = tmp.path().join("run");
    fs::create_dir(&run).expect("a directory");
    let csv = "iteration,loss,train_acc,test_acc\n0,2.3,0.1,0.1\n1,2.2,,\n2,2.1,0.5,0.5\n";
    fs::write(run.join("metrics.csv"), csv).expect("written");
    let out = tmp.path().join("compare.svg");
    fs::write(&out, "mine").expect("written");
    let compare = |out: &Path, force: bool| {
        let mut args = vec!["compare-runs", "--run", path(&run), "--out", path(out)];
        if force {
            args.push("--force");
        }
        xtask(&args)
    };
    let line = error_line(&compare(&out, false));
    assert!(line.contains("--force"), "{line}");
    assert_eq!(fs::read_to_string(&out).expect("kept"), "mine");
    assert!(compare(&out, true).status.success());
    assert!(
        fs::read_to_string(&out)
            .expect("replaced")
            .starts_with("<svg")
    );
    let input = run.join("metrics.csv");
    let line = error_line(&compare(&input, true));
    assert!(line.contains("inputs"), "{line}");
    assert_eq!(fs::read_to_string(&input).expect("kept"), csv);

    // gradient-descent: a rerun finds its files identical; other contents
    // need --force. A long path is drawn from a sample, and says so.
    let gd = tmp.path().join("gd");
    let descend = |steps: &str, force: bool| {
        let mut args = vec![
            "gradient-descent",
            "--lr",
            "0.1",
            "--steps",
            steps,
            "--out",
            path(&gd),
        ];
        if force {
            args.push("--force");
        }
        xtask(&args)
    };
    assert!(descend("50000", false).status.success());
    let svg = fs::read_to_string(gd.join("lr-0.1.svg")).expect("the plot");
    assert!(
        svg.contains("sampled: every 4th of 50001 points drawn"),
        "no sampling note"
    );
    assert!(
        descend("50000", false).status.success(),
        "an identical rerun"
    );
    let line = error_line(&descend("10", false));
    assert!(
        line.contains("lr-0.1.csv") && line.contains("--force"),
        "{line}"
    );
    assert_eq!(
        fs::read_to_string(gd.join("lr-0.1.csv"))
            .expect("kept")
            .lines()
            .count(),
        50002
    );
    assert!(descend("10", true).status.success());
    assert_eq!(
        fs::read_to_string(gd.join("lr-0.1.csv"))
            .expect("replaced")
            .lines()
            .count(),
        12
    );
}

#[test]
fn eval_refuses_non_finite_weights_naming_the_tensor() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = synthetic_data(tmp.path());
    let mut net = twolayer::TwoLayerNet::<f32>::new(
        784,
        5,
        10,
        0.01,
        twolayer::Activation::Sigmoid,
        &mut <rand::rngs::ChaCha12Rng as rand::SeedableRng>::seed_from_u64(1),
    );
    net.params.b1[3] = f32::NAN;
    let model = tmp.path().join("nan.safetensors");
    twolayer::checkpoint::save(&model, &net).expect("saved");
    let garbage = tmp.path().join("garbage.safetensors");
    fs::write(&garbage, b"not a checkpoint").expect("written");
    for (model, expected) in [
        (&model, "\"b1\" has 1 non-finite values"),
        (&garbage, "not a valid safetensors file"),
        (&tmp.path().join("absent.safetensors"), "No such file"),
    ] {
        let output = xtask_offline(&["eval", "--model", path(model), "--data-dir", path(&data)]);
        let line = error_line(&output);
        assert!(line.contains(expected), "{line}");
        // Each cause once: no segment of the chain is repeated.
        let message = line.trim_start_matches("error: ");
        let segments: Vec<&str> = message.split(": ").collect();
        for (i, segment) in segments.iter().enumerate() {
            assert!(
                !segments[i + 1..].contains(segment),
                "{segment:?} repeated in {line}"
            );
        }
    }
}

#[test]
fn bench_refuses_endless_repeats_and_an_existing_report_before_running() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let report = tmp.path().join("mine.json");
    std::fs::write(&report, b"my notes").expect("a file");
    for (args, flag) in [
        (vec!["bench", "--runs", "18446744073709551615"], "--runs"),
        (vec!["bench", "--torch-runs", "1001"], "--torch-runs"),
        (
            vec!["bench", "--peers", "--peer-threads", "1,1000000"],
            "--peer-threads",
        ),
        (vec!["bench", "--json", common::path(&report)], "--json"),
    ] {
        let output = common::xtask(&args);
        let line = common::error_line(&output);
        assert_eq!(output.status.code(), Some(2), "{line}");
        assert!(line.contains(&format!("for '{flag}'")), "{line}");
    }
    assert_eq!(std::fs::read(&report).expect("still there"), b"my notes");
}
