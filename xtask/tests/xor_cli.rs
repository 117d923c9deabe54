//! `cargo xtask xor` as a user meets it: the single layer never solves XOR,
//! the hidden layer does, the ten-seed summary, `xor.svg` (deterministic,
//! under 1 MB, never overwritten without `--force`), and one-line errors
//! for bad flags.

use std::fs;

mod common;

use common::{error_line, path, text, xtask};

#[test]
fn the_hidden_layer_solves_xor_and_the_single_layer_cannot() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let output = xtask(&["xor", "--out", path(tmp.path())]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    for expected in [
        "single layer (softmax regression, 2-2, no hidden layer):",
        "one hidden layer (2-3-2, sigmoid):",
        "final loss 0.693147, accuracy 1/4",
        "accuracy 4/4",
        "single layer (no hidden layer): 0 of 10 seeds solve it",
        "hidden layer of 2 sigmoid: 9 of 10 seeds solve it",
        "seed 6 (2/4, loss 0.3475): the loss stopped falling",
        "hidden layer of 3 sigmoid: 10 of 10 seeds solve it",
        "hidden layer of 4 sigmoid: 10 of 10 seeds solve it",
    ] {
        assert!(stdout.contains(expected), "no {expected:?} in:\n{stdout}");
    }
    let svg = fs::read_to_string(tmp.path().join("xor.svg")).expect("xor.svg");
    assert!(
        svg.starts_with("<svg") && svg.len() < 1_000_000,
        "{} bytes",
        svg.len()
    );
    for label in [
        "no hidden layer: 1/4 right",
        "hidden layer of 3 sigmoid: 4/4 right",
        "P(class 1)",
        "boundary P = 0.5",
    ] {
        assert!(svg.contains(label), "xor.svg lacks {label:?}");
    }
    // One surface bitmap and four points a panel; the boundary only where
    // the hidden layer bends it (the single layer's surface is flat).
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let marks = |tag: &str, class: &str| {
        doc.descendants()
            .filter(|n| n.has_tag_name(tag) && n.attribute("class") == Some(class))
            .count()
    };
    assert_eq!(marks("image", "surface"), 2);
    assert_eq!(marks("circle", "point"), 8);
    assert!(marks("line", "boundary") > 10, "no boundary drawn");
    assert!(marks("rect", "colour-bar") > 0, "no colour bar");

    // The same seed draws the same figure.
    let again = tmp.path().join("again");
    let output = xtask(&["xor", "--out", path(&again)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        fs::read_to_string(again.join("xor.svg")).expect("xor.svg"),
        svg
    );
}

#[test]
fn an_existing_figure_is_kept_unless_forced() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let figure = tmp.path().join("xor.svg");
    fs::write(&figure, "keep me").expect("write");
    let quick = ["xor", "--iters", "10", "--out", path(tmp.path())];
    let output = xtask(&quick);
    let line = error_line(&output);
    assert_eq!(output.status.code(), Some(1), "{line}");
    assert!(
        line.contains(path(&figure)) && line.contains("--force"),
        "{line}"
    );
    assert_eq!(fs::read_to_string(&figure).expect("read"), "keep me");

    let output = xtask(&[&quick[..], &["--force"]].concat());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        fs::read_to_string(&figure)
            .expect("read")
            .starts_with("<svg")
    );
}

#[test]
fn bad_flag_values_are_one_line_errors_naming_the_flag() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let out = tmp.path().join("out");
    for (flag, value, expected) in [
        ("--hidden", "0", "expected an integer >= 1"),
        ("--iters", "0", "expected an integer >= 1"),
        ("--activation", "tanh", "expected one of sigmoid, relu"),
        (
            "--init",
            "glorot",
            "expected xavier, he or a standard deviation",
        ),
        (
            "--init",
            "-1",
            "expected xavier, he or a standard deviation",
        ),
        (
            "--init",
            "nan",
            "expected xavier, he or a standard deviation",
        ),
        ("--lr", "inf", "expected a finite number > 0"),
        ("--lr", "0", "expected a finite number > 0"),
        ("--iters", "18446744073709551615", "of memory"),
        ("--hidden", "18446744073709551615", "of memory"),
    ] {
        let output = xtask(&["xor", flag, value, "--out", path(&out)]);
        let line = error_line(&output);
        assert_eq!(output.status.code(), Some(2), "{line}");
        assert!(
            line.contains(flag) && line.contains(&format!("'{value}'")) && line.contains(expected),
            "{flag} {value}: {line}"
        );
    }
    assert!(!out.exists(), "a refused command touched the disk");
}

/// `ulimit -v` (RLIMIT_AS) counts as much as the machine's free memory: a
/// run that would not fit under it is refused as a flag, not aborted.
#[cfg(target_os = "linux")]
#[test]
fn a_run_over_the_address_space_limit_is_refused_before_it_starts() {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 2000000 && exec '{}' xor --iters 1000000000",
            env!("CARGO_BIN_EXE_xtask")
        ))
        .output()
        .expect("sh runs");
    let line = error_line(&output);
    assert_eq!(output.status.code(), Some(2), "{line}");
    assert!(
        line.contains("--iters") && line.contains("of memory"),
        "{line}"
    );
}
