//! `cargo xtask figures`, the pictures of `eval` and `train`, and
//! `gradient-descent --start` as a user meets them: the files, what they
//! print, and one-line errors that leave nothing half-written.

use std::fs;
use std::path::Path;

mod common;

use common::{error_line, mnist_dir, path, text, xtask, xtask_offline};

/// The file names in `dir`, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|entry| text(entry.expect("an entry").file_name().as_encoded_bytes()))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn figures_print_their_numbers_and_write_svg_and_index() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let out = tmp.path().join("figures");
    let output = xtask(&[
        "figures",
        "--only",
        "tangent",
        "--only",
        "rounding-error",
        "--out",
        path(&out),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("slope at x = 5: 0.1999999999990898, at x = 10: 0.2999999999986347"),
        "{stdout}"
    );
    assert!(stdout.contains("h = 1e-50 gives 0.0"), "{stdout}");
    assert_eq!(
        files(&out),
        ["index.md", "rounding-error.svg", "tangent.svg"]
    );
    let index = fs::read_to_string(out.join("index.md")).expect("index.md");
    assert!(index.contains("![tangent](tangent.svg)"), "{index}");
    for svg in ["tangent.svg", "rounding-error.svg"] {
        let svg = fs::read_to_string(out.join(svg)).expect("the figure");
        roxmltree::Document::parse(&svg).expect("well-formed XML");
    }

    // The same figures again are the same bytes: nothing to replace.
    let again = xtask(&[
        "figures",
        "--only",
        "rounding-error",
        "--only",
        "tangent",
        "--out",
        path(&out),
    ]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    // Another selection has another index.md: replacing it takes --force.
    let other = xtask(&["figures", "--only", "tangent", "--out", path(&out)]);
    assert!(error_line(&other).contains("index.md"));
}

#[test]
fn an_existing_different_figure_is_kept_unless_forced() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    fs::write(tmp.path().join("tangent.svg"), "mine").expect("a file of the user's");
    let args = [
        "figures",
        "--only",
        "function-1",
        "--only",
        "tangent",
        "--out",
    ];
    let output = xtask(&[&args[..], &[path(tmp.path())]].concat());
    let line = error_line(&output);
    assert!(
        line.contains("tangent.svg") && line.contains("--force"),
        "{line}"
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("tangent.svg"))
            .ok()
            .as_deref(),
        Some("mine")
    );
    assert_eq!(
        files(tmp.path()),
        ["tangent.svg"],
        "nothing else was written"
    );

    let output = xtask(&[&args[..], &[path(tmp.path()), "--force"]].concat());
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        files(tmp.path()),
        ["function-1.svg", "index.md", "tangent.svg"]
    );
}

#[test]
fn bad_figures_flags_are_one_line_errors() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let out = tmp.path().join("out");

    let output = xtask(&["figures", "--only", "tangents", "--out", path(&out)]);
    let line = error_line(&output);
    assert!(
        line.contains("--only") && line.contains("'tangents'"),
        "{line}"
    );
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("function-1, tangent, function-2-surface"),
        "{stderr}"
    );

    let missing = tmp.path().join("missing.safetensors");
    let output = xtask(&["figures", "--model", path(&missing), "--out", path(&out)]);
    let line = error_line(&output);
    assert!(
        line.contains("--model") && line.contains("missing.safetensors"),
        "{line}"
    );

    let junk = tmp.path().join("junk.safetensors");
    fs::write(&junk, "not a checkpoint").expect("a junk file");
    let output = xtask_offline(&["figures", "--model", path(&junk), "--out", path(&out)]);
    let line = error_line(&output);
    assert!(
        line.contains("--model") && line.contains("junk.safetensors"),
        "{line}"
    );
    assert!(!out.exists(), "nothing is written after a bad --model");

    // --out below a regular file cannot be created.
    let file = tmp.path().join("file");
    fs::write(&file, "").expect("a file");
    let output = xtask(&[
        "figures",
        "--only",
        "tangent",
        "--out",
        path(&file.join("sub")),
    ]);
    let line = error_line(&output);
    assert!(
        line.contains("--out") && line.contains("file/sub"),
        "{line}"
    );
}

// The notes' run: 200 steps from (400, 300) end at the minimum too.
#[test]
fn gradient_descent_starts_where_asked() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let output = xtask(&[
        "gradient-descent",
        "--start",
        "400,300",
        "--steps",
        "200",
        "--lr",
        "0.1",
        "--out",
        path(tmp.path()),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("from x = (400, 300): 200 steps"),
        "{stdout}"
    );
    let csv = fs::read_to_string(tmp.path().join("lr-0.1.csv")).expect("the path");
    assert_eq!(csv.lines().nth(1), Some("0,400.0,300.0"));
    let last: Vec<f64> = csv
        .lines()
        .last()
        .expect("rows")
        .split(',')
        .map(|v| v.parse().expect("a number"))
        .collect();
    assert_eq!(last[0], 200.0);
    // 400 * 0.8^200 ~ 1e-17: the minimum, up to the numerical gradient.
    assert!(last[1].abs() < 1e-8 && last[2].abs() < 1e-8, "{last:?}");

    for bad in ["400", "1,2,3", "inf,0", "a,b"] {
        let output = xtask(&[
            "gradient-descent",
            "--start",
            bad,
            "--out",
            path(tmp.path()),
        ]);
        let line = error_line(&output);
        assert!(
            line.contains("--start") && line.contains(&format!("'{bad}'")),
            "{bad}: {line}"
        );
    }
}

/// The confusion matrix `eval` prints, row by row.
fn printed_matrix(stdout: &str) -> Vec<u64> {
    stdout
        .lines()
        .filter_map(|line| line.split_once(" |"))
        .filter(|(digit, _)| digit.trim().parse::<u8>().is_ok())
        .flat_map(|(_, rest)| {
            let counts = rest.split(" |").next().unwrap_or("");
            counts
                .split_whitespace()
                .map(|c| c.parse::<u64>().expect("a count"))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
#[ignore = "needs MNIST_DIR"]
fn train_and_eval_draw_what_the_network_learned() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let data = mnist_dir();
    let run = tmp.path().join("run");
    let output = xtask(&[
        "train",
        "--iters",
        "300",
        "--data-dir",
        path(&data),
        "--run-dir",
        path(&run),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    for picture in ["confusion.svg", "misclassified.svg", "weights.svg"] {
        let bytes = fs::read(run.join(picture)).expect("train drew the picture");
        assert!(bytes.len() < 1_000_000, "{picture}: {} bytes", bytes.len());
    }

    let model = run.join("model.safetensors");
    let out = tmp.path().join("eval");
    let output = xtask(&[
        "eval",
        "--model",
        path(&model),
        "--data-dir",
        path(&data),
        "--out",
        path(&out),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let printed = printed_matrix(&text(&output.stdout));
    assert_eq!(printed.len(), 100);
    assert_eq!(printed.iter().sum::<u64>(), 10_000);
    let svg = fs::read_to_string(out.join("confusion.svg")).expect("confusion.svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let drawn: Vec<u64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("class") == Some("count"))
        .map(|n| n.text().unwrap_or("").parse().expect("a count"))
        .collect();
    assert_eq!(drawn, printed, "the heat map shows eval's matrix");
    assert_eq!(
        fs::read(out.join("confusion.svg")).ok(),
        fs::read(run.join("confusion.svg")).ok(),
        "train and eval draw the same model alike"
    );
    let svg = fs::read_to_string(out.join("misclassified.svg")).expect("misclassified.svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let tiles = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("tile"))
        .count();
    assert_eq!(tiles, 64);
    let svg = fs::read_to_string(out.join("weights.svg")).expect("weights.svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let tiles = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("tile"))
        .count();
    assert_eq!(tiles, 50, "one tile per hidden unit of the default net");

    // The model is an input: eval never writes over it.
    let output = xtask(&[
        "eval",
        "--model",
        path(&model),
        "--data-dir",
        path(&data),
        "--out",
        path(&run),
        "--force",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));

    let figures = tmp.path().join("figures");
    let output = xtask(&[
        "figures",
        "--only",
        "loss-vs-accuracy",
        "--model",
        path(&model),
        "--data-dir",
        path(&data),
        "--out",
        path(&figures),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("loss-vs-accuracy.svg: model"), "{stdout}");
    assert!(stdout.contains("(k/100)"), "{stdout}");
}
