//! `cargo xtask init-study` as a user meets it: one-line errors for bad
//! flags, existing figures and missing MNIST (before any work), and on real
//! MNIST (ignored without `MNIST_DIR`) the tables, the eight figures and
//! the book's ordering of the training runs.
//!
//! Every run gets a `--mirror` on a closed loopback port, so no test reaches
//! the network.

use std::fs;
use std::process::Output;

mod common;

use common::{error_line, mnist_dir, path, text, xtask_offline};

fn init_study(args: &[&str]) -> Output {
    xtask_offline(&[&["init-study"], args].concat())
}

#[test]
fn bad_flag_values_are_one_line_errors_naming_the_flag() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let out = tmp.path().join("out");
    for (flag, value, expected) in [
        (
            "--init",
            "lecun",
            "expected xavier, he or a standard deviation",
        ),
        (
            "--init",
            "inf",
            "expected xavier, he or a standard deviation",
        ),
        ("--lr", "nan", "expected a finite number > 0"),
        ("--batch-size", "0", "expected an integer >= 1"),
        ("--iters", "0", "expected an integer >= 1"),
        ("--iters", "100000000000", "of memory"),
        ("--batch-size", "18446744073709551615", "of memory"),
    ] {
        let output = init_study(&[flag, value, "--out", path(&out)]);
        let line = error_line(&output);
        assert_eq!(output.status.code(), Some(2), "{line}");
        assert!(
            line.contains(flag) && line.contains(&format!("'{value}'")) && line.contains(expected),
            "{flag} {value}: {line}"
        );
    }
    assert!(!out.exists(), "a refused command touched the disk");
}

#[test]
fn an_existing_figure_or_missing_mnist_stops_it_first() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let out = tmp.path().join("out");
    let data = tmp.path().join("no-mnist");
    fs::create_dir_all(&out).expect("mkdir");
    let figure = out.join("gradient-norms.svg");
    fs::write(&figure, "keep me").expect("write");
    let output = init_study(&["--out", path(&out), "--data-dir", path(&data)]);
    let line = error_line(&output);
    assert_eq!(output.status.code(), Some(1), "{line}");
    assert!(
        line.contains(path(&figure)) && line.contains("--force"),
        "{line}"
    );
    assert_eq!(fs::read_to_string(&figure).expect("read"), "keep me");

    let output = init_study(&["--out", path(&out), "--force", "--data-dir", path(&data)]);
    let line = error_line(&output);
    assert_eq!(output.status.code(), Some(1), "{line}");
    assert!(line.contains("train-images-idx3-ubyte"), "{line}");
    assert_eq!(fs::read_to_string(&figure).expect("read"), "keep me");
    let files = fs::read_dir(&out).expect("--out").count();
    assert_eq!(files, 1, "a run that failed wrote into --out");
}

/// The final loss printed for `init`, e.g. `std 0.01`.
fn final_loss(stdout: &str, init: &str) -> f64 {
    let line = stdout
        .lines()
        .find(|line| line.starts_with(&format!("init {init}")))
        .unwrap_or_else(|| panic!("no line for init {init} in:\n{stdout}"));
    let after = line.split("final loss ").nth(1).expect("a final loss");
    after
        .split_whitespace()
        .next()
        .and_then(|number| number.parse().ok())
        .expect("a number")
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn he_learns_and_std_0_01_does_not_on_real_mnist() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    // Two of the three default runs keep the test short; Xavier is in parts 1 and 2.
    let output = init_study(&[
        "--init",
        "0.01",
        "--init",
        "he",
        "--out",
        path(tmp.path()),
        "--data-dir",
        path(&mnist_dir()),
    ]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    let std_001 = final_loss(&stdout, "std 0.01");
    let he = final_loss(&stdout, "He");
    assert!(std_001 > 2.0, "std 0.01 ended at {std_001}");
    assert!(he < 0.6, "He ended at {he}");
    assert!(
        !stdout.contains("init Xavier"),
        "an --init that was not asked for ran"
    );
    for setting in ["sigmoid std1", "sigmoid std0.01", "relu he"] {
        assert!(
            stdout.lines().filter(|l| l.starts_with(setting)).count() == 2,
            "{setting} is not in both tables:\n{stdout}"
        );
    }
    for name in [
        "activations-sigmoid-std1.svg",
        "activations-sigmoid-std0.01.svg",
        "activations-sigmoid-xavier.svg",
        "activations-relu-std0.01.svg",
        "activations-relu-xavier.svg",
        "activations-relu-he.svg",
        "gradient-norms.svg",
        "training-loss.svg",
    ] {
        let svg = fs::read_to_string(tmp.path().join(name)).expect(name);
        assert!(svg.starts_with("<svg") && svg.len() < 1_000_000, "{name}");
    }
}
