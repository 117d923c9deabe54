//! `cargo xtask compare-runs` as a user meets it: two runs' `metrics.csv`
//! (written here, in a temporary directory) plotted on one SVG, and
//! one-line errors naming the file for a corrupt CSV.

use std::fs;
use std::path::Path;

mod common;

use common::{path, text, xtask};

/// Writes `dir/metrics.csv`, creating `dir`.
fn write_run(dir: &Path, csv: &str) {
    fs::create_dir_all(dir).expect("a run directory");
    fs::write(dir.join("metrics.csv"), csv).expect("metrics.csv is written");
}

const BACKPROP: &str = "iteration,loss,train_acc,test_acc\n\
                        0,2.3,0.1,0.11\n\
                        1,2.2,,\n\
                        2,1.5,0.6,0.61\n\
                        3,1.1,,\n\
                        4,0.7,0.8,0.79\n";

const NUMERICAL: &str = "iteration,loss,train_acc,test_acc\n\
                         0,2.3,0.1,0.11\n\
                         1,2.25,,\n\
                         2,1.6,0.55,0.56\n";

#[test]
fn two_runs_are_plotted_with_their_labels() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let backprop = tmp.path().join("backprop-seed1");
    let numerical = tmp.path().join("numerical-seed1");
    write_run(&backprop, BACKPROP);
    write_run(&numerical, NUMERICAL);

    // Labels default to the run directories' names.
    let out = tmp.path().join("plots/compare.svg");
    let output = xtask(&[
        "compare-runs",
        "--run",
        path(&backprop),
        "--run",
        path(&numerical),
        "--out",
        path(&out),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let svg = fs::read_to_string(&out).expect("the SVG is written");
    for label in [
        "accuracy per epoch",
        "backprop-seed1 train",
        "backprop-seed1 test",
        "numerical-seed1 train",
        "numerical-seed1 test",
    ] {
        assert!(svg.contains(label), "the SVG lacks {label:?}");
    }

    // Explicit labels, one per run.
    let out = tmp.path().join("labelled.svg");
    let output = xtask(&[
        "compare-runs",
        "--run",
        path(&backprop),
        "--run",
        path(&numerical),
        "--label",
        "backprop",
        "--label",
        "numerical",
        "--out",
        path(&out),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let svg = fs::read_to_string(&out).expect("the SVG is written");
    for label in ["backprop train", "numerical test"] {
        assert!(svg.contains(label), "the SVG lacks {label:?}");
    }
}

#[test]
fn a_corrupt_csv_is_a_one_line_error_naming_the_file() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let good = tmp.path().join("good");
    let bad = tmp.path().join("bad");
    write_run(&good, BACKPROP);
    write_run(
        &bad,
        "iteration,loss,train_acc,test_acc\n0,2.3,0.1,0.11\n1,2.2,oops,0.5\n",
    );
    let out = tmp.path().join("compare.svg");
    let output = xtask(&[
        "compare-runs",
        "--run",
        path(&good),
        "--run",
        path(&bad),
        "--out",
        path(&out),
    ]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let file = bad.join("metrics.csv");
    assert!(stderr.contains(path(&file)), "{stderr}");
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(!out.exists());

    // A missing metrics.csv names the file too.
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).expect("a directory");
    let output = xtask(&["compare-runs", "--run", path(&empty), "--out", path(&out)]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(path(&empty.join("metrics.csv"))),
        "{stderr}"
    );
}

#[test]
fn flags_are_checked() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let run = tmp.path().join("run");
    write_run(&run, BACKPROP);
    let out = tmp.path().join("compare.svg");

    // No --run: clap's usage error (exit code 2).
    let output = xtask(&["compare-runs", "--out", path(&out)]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("--run"));

    // Two labels for one run.
    let output = xtask(&[
        "compare-runs",
        "--run",
        path(&run),
        "--label",
        "a",
        "--label",
        "b",
        "--out",
        path(&out),
    ]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("--label"),
        "{}",
        text(&output.stderr)
    );
    assert!(!out.exists());
}

#[test]
fn an_out_that_is_not_a_regular_file_is_refused_with_or_without_force() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let run = tmp.path().join("run");
    write_run(&run, BACKPROP);
    let fifo = tmp.path().join("fifo.svg");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|status| status.success()));
    for (out, kind) in [
        (Path::new("/dev/full"), "character device"),
        (Path::new("/dev/zero"), "character device"),
        (fifo.as_path(), "FIFO"),
    ] {
        for force in [&[][..], &["--force"][..]] {
            let mut args = vec!["compare-runs", "--run", path(&run), "--out", path(out)];
            args.extend(force);
            let output = xtask(&args);
            let stderr = text(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
            assert!(
                stderr.contains(&format!("it is a {kind}, not a regular file"))
                    && stderr.trim().lines().count() == 1,
                "{args:?}: {stderr}"
            );
        }
    }
    assert!(Path::new("/dev/zero").exists() && !Path::new("/dev/zero").is_file());
}
