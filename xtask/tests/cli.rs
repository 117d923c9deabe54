//! The command line of `cargo xtask train` and `eval` as a user meets it:
//! exit codes, one-line errors, the files of a run, determinism.
//!
//! Every run gets `--data-dir` and `--run-dir` in a temporary directory (or
//! `MNIST_DIR`, read-only) and a `--mirror` on a closed loopback port, so no
//! test writes into the repository or reaches the network. The runs that
//! train need the real MNIST (`fetch-mnist` pins its checksums) and are
//! ignored without `MNIST_DIR`.

use std::fs;

mod common;

use common::xtask_offline as xtask;
use common::{error_line, mnist_dir, path, text};

#[test]
fn bad_flag_values_are_one_line_errors_naming_flag_and_value() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let run = tmp.path().join("run");
    for (flag, value, expected) in [
        ("--lr", "inf", "expected a finite number > 0"),
        ("--lr", "-0.5", "expected a finite number > 0"),
        ("--lr", "NaN", "expected a finite number > 0"),
        ("--batch-size", "0", "expected an integer >= 1"),
        ("--iters", "0", "expected an integer >= 1"),
        ("--hidden", "many", "expected an integer >= 1"),
        ("--activation", "tanh", "expected one of sigmoid, relu"),
        (
            "--sampling",
            "bootstrap",
            "expected one of replacement, epoch",
        ),
        (
            "--gradient",
            "symbolic",
            "expected one of backprop, numerical",
        ),
    ] {
        let output = xtask(&[
            "train",
            flag,
            value,
            "--data-dir",
            path(&data),
            "--run-dir",
            path(&run),
        ]);
        let line = error_line(&output);
        assert!(
            line.contains(flag) && line.contains(&format!("'{value}'")) && line.contains(expected),
            "{flag} {value}: {line}"
        );
    }
    assert!(
        !data.exists() && !run.exists(),
        "a refused command touched the disk"
    );
}

#[test]
fn a_huge_file_deadline_is_refused_before_anything_is_claimed() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let run = tmp.path().join("run");
    let (data, run) = (path(&data), path(&run));
    for command in [
        vec!["fetch-mnist", "--data-dir", data],
        vec!["train", "--data-dir", data, "--run-dir", run],
        vec!["eval", "--data-dir", data, "--model", run],
        vec!["serve", "--data-dir", data, "--runs-dir", run],
    ] {
        for value in ["1e20", "0", "-1", "inf"] {
            let mut args = command.clone();
            args.extend(["--file-deadline", value]);
            let output = xtask(&args);
            assert_eq!(output.status.code(), Some(2), "{args:?}");
            let line = error_line(&output);
            assert!(
                line.contains("--file-deadline") && line.contains("at most 86400"),
                "{args:?}: {line}"
            );
        }
    }
    assert!(
        !tmp.path().join("data").exists() && !tmp.path().join("run").exists(),
        "a refused command touched the disk"
    );
}

#[test]
fn a_corrupt_or_missing_checkpoint_is_a_clean_error() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = tmp.path().join("data");
    let corrupt = tmp.path().join("model.safetensors");
    fs::write(
        &corrupt,
        b"\x10\x00\x00\x00\x00\x00\x00\x00{not json at all",
    )
    .expect("write");
    let missing = tmp.path().join("missing.safetensors");
    let device = std::path::PathBuf::from("/dev/zero");
    for model in [&corrupt, &missing, &device, &tmp.path().to_path_buf()] {
        let output = xtask(&["eval", "--model", path(model), "--data-dir", path(&data)]);
        let line = error_line(&output);
        assert_eq!(output.status.code(), Some(1), "{line}");
        assert!(line.contains(path(model)), "{line}");
        assert_eq!(
            text(&output.stderr).lines().count(),
            1,
            "{}",
            text(&output.stderr)
        );
    }
}

#[test]
fn a_non_empty_run_dir_is_refused() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    fs::write(tmp.path().join("metrics.csv"), "keep me").expect("write");
    let output = xtask(&[
        "train",
        "--run-dir",
        path(tmp.path()),
        "--data-dir",
        path(tmp.path()),
    ]);
    let line = error_line(&output);
    assert!(
        line.contains("--run-dir") && line.contains("not empty"),
        "{line}"
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("metrics.csv"))
            .ok()
            .as_deref(),
        Some("keep me")
    );
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn same_seed_runs_write_identical_metrics_and_eval_reads_the_model() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = mnist_dir();
    let runs = [tmp.path().join("a"), tmp.path().join("b")];
    for run in &runs {
        let output = xtask(&[
            "train",
            "--iters",
            "700",
            "--seed",
            "7",
            "--data-dir",
            path(&data),
            "--run-dir",
            path(run),
        ]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        let out = text(&output.stdout);
        let epoch_lines = out
            .lines()
            .filter(|l| l.starts_with("train acc, test acc | 0."))
            .count();
        assert_eq!(epoch_lines, 2, "epochs 0 and 1 in: {out}");
        assert!(out.contains("samples/s"), "{out}");
        assert!(!out.contains(" at iteration "), "a healthy run: {out}");
        let mut files: Vec<String> = fs::read_dir(run)
            .expect("the run dir")
            .map(|entry| {
                entry
                    .expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        files.sort();
        assert_eq!(
            files,
            [
                "accuracy.svg",
                "config.json",
                "confusion.svg",
                "findings.json",
                "loss.svg",
                "metrics.csv",
                "misclassified.svg",
                "model.safetensors",
                "weights.svg"
            ]
        );
    }
    let [a, b] =
        [&runs[0], &runs[1]].map(|run| fs::read(run.join("metrics.csv")).expect("metrics.csv"));
    assert_eq!(a, b, "same seed, different metrics.csv");
    let csv = String::from_utf8(a).expect("UTF-8");
    assert_eq!(csv.lines().count(), 701);
    assert!(
        csv.starts_with("iteration,loss,train_acc,test_acc\n0,"),
        "{}",
        &csv[..80]
    );

    let model = runs[0].join("model.safetensors");
    let output = xtask(&["eval", "--model", path(&model), "--data-dir", path(&data)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    // Another spelling of the same path: the same pictures, kept as they are.
    for spelling in [
        runs[0].join("./model.safetensors"),
        tmp.path().join("a/../a/model.safetensors"),
    ] {
        let again = xtask(&[
            "eval",
            "--model",
            path(&spelling),
            "--data-dir",
            path(&data),
        ]);
        assert!(again.status.success(), "{}", text(&again.stderr));
    }
    let out = text(&output.stdout);
    assert!(
        out.contains("test accuracy 0.") && out.contains("confusion matrix"),
        "{out}"
    );
    let rows = out.lines().filter(|line| {
        line.split_once(" |")
            .is_some_and(|(digit, _)| digit.trim().parse::<u8>().is_ok())
    });
    assert_eq!(rows.count(), 10, "{out}");
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn a_diverging_run_names_the_iteration_and_keeps_its_records() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let run = tmp.path().join("run");
    // The loss is bounded (softmax with the book's 1e-7), so divergence
    // needs weights that overflow f32: a learning rate near its maximum.
    let output = xtask(&[
        "train",
        "--lr",
        "1e38",
        "--activation",
        "relu",
        "--iters",
        "100",
        "--data-dir",
        path(&mnist_dir()),
        "--run-dir",
        path(&run),
    ]);
    let line = error_line(&output);
    assert!(line.contains("training stopped at iteration "), "{line}");
    // The doctor's finding, when seen and in the list at the end, with the
    // command to try.
    let out = text(&output.stdout);
    assert_eq!(
        out.matches("loss not finite at iteration ").count(),
        2,
        "{out}"
    );
    assert!(
        out.contains("\n  cargo xtask train --lr 0.1 --iters 100 --activation relu\n"),
        "{out}"
    );
    let findings = fs::read_to_string(run.join("findings.json")).expect("findings.json");
    assert!(
        findings.contains("\"symptom\": \"not_finite\""),
        "{findings}"
    );
    for kept in ["config.json", "metrics.csv", "loss.svg", "accuracy.svg"] {
        assert!(run.join(kept).is_file(), "{kept} missing");
    }
    assert!(
        !run.join("model.safetensors").exists(),
        "a diverged model was saved"
    );
    // Marked failed, with why; the claim is gone.
    let failed = fs::read_to_string(run.join("run-failed.txt")).expect("run-failed.txt");
    assert!(
        failed.contains("training stopped at iteration "),
        "{failed}"
    );
    assert!(!run.join(".run-in-progress").exists());
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn a_failing_run_prints_each_finding_once_and_the_list_with_commands() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let run = tmp.path().join("run");
    let output = xtask(&[
        "train",
        "--lr",
        "100",
        "--iters",
        "1201",
        "--data-dir",
        path(&mnist_dir()),
        "--run-dir",
        path(&run),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    // Every image called one class at two checks in a row (iterations 0 and 600).
    let seen = out
        .lines()
        .filter(|l| l.starts_with("stuck accuracy at iteration 600: "))
        .count();
    assert_eq!(seen, 1, "{out}");
    let list = out
        .split_once("2 findings:\n")
        .map(|(_, list)| list)
        .unwrap_or_default();
    assert!(
        list.starts_with("- stuck accuracy at iteration 600: "),
        "{out}"
    );
    assert_eq!(
        list.matches("\n  cargo xtask train --lr 0.1 --iters 1201\n")
            .count(),
        2,
        "{out}"
    );
    let findings = fs::read_to_string(run.join("findings.json")).expect("findings.json");
    assert!(
        findings.contains("\"symptom\": \"stuck_accuracy\""),
        "{findings}"
    );
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn a_batch_larger_than_the_training_set_is_refused_after_loading() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let run = tmp.path().join("run");
    let output = xtask(&[
        "train",
        "--batch-size",
        "60001",
        "--data-dir",
        path(&mnist_dir()),
        "--run-dir",
        path(&run),
    ]);
    let line = error_line(&output);
    assert!(
        line.contains("--batch-size") && line.contains("60001") && line.contains("60000"),
        "{line}"
    );
    assert!(!run.exists(), "the run dir of a refused run is left behind");
}
