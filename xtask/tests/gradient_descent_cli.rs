//! `cargo xtask gradient-descent` as a user meets it: the book's three end
//! points, the CSV paths and plots in `--out` (a temporary directory), and
//! one-line errors for bad flags.

use std::fs;

mod common;

use common::{path, text, xtask};

// >>> init_x = np.array([-3.0, 4.0])
// >>> gradient_descent(function_2, init_x=init_x, lr=0.1, step_num=100)
// array([ -6.11110793e-10,   8.14814391e-10])
// >>> gradient_descent(function_2, init_x=init_x, lr=10.0, step_num=100)
// array([ -2.58983747e+13,  -1.29524862e+12])
// >>> gradient_descent(function_2, init_x=init_x, lr=1e-10, step_num=100)
// array([-2.99999994,  3.99999992])
#[test]
fn the_defaults_print_the_books_end_points_and_write_paths_and_plots() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let out = tmp.path().join("gd");
    let output = xtask(&["gradient-descent", "--out", path(&out)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    for (lr, book, end) in [
        (
            "0.1",
            "[-6.11110793e-10, 8.14814391e-10]",
            [-6.11110793e-10, 8.14814391e-10],
        ),
        (
            "10",
            "[-2.58983747e+13, -1.29524862e+12]",
            [-2.58983747e13, -1.29524862e12],
        ),
        (
            "1e-10",
            "[-2.99999994, 3.99999992]",
            [-2.99999994, 3.99999992],
        ),
    ] {
        let line = stdout
            .lines()
            .find(|line| line.starts_with(&format!("lr {lr}: ")))
            .unwrap_or_else(|| panic!("no line for lr {lr} in: {stdout}"));
        assert!(line.ends_with(book), "lr {lr}: {line}");

        let csv = fs::read_to_string(out.join(format!("lr-{lr}.csv"))).expect("the path's CSV");
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 102, "header, start and 100 steps");
        assert_eq!(rows[0], "step,x0,x1");
        assert_eq!(rows[1], "0,-3.0,4.0");
        let last: Vec<f64> = rows[101]
            .split(',')
            .map(|field| field.parse().expect("a number"))
            .collect();
        assert_eq!(last[0], 100.0);
        for (got, want) in last[1..].iter().zip(end) {
            // The book prints 9 significant digits.
            assert!(
                ((got - want) / want).abs() < 1e-8,
                "lr {lr}: {got} against {want}"
            );
        }
        // The printed full-precision end point is the CSV's last row.
        let printed = format!("x = [{:?}, {:?}]", last[1], last[2]);
        assert!(line.contains(&printed), "{line} lacks {printed}");

        let svg = fs::read_to_string(out.join(format!("lr-{lr}.svg"))).expect("the plot");
        assert!(svg.starts_with("<svg"), "lr {lr}: not an SVG");
        assert!(
            svg.contains(&format!("f(x0, x1) = x0² + x1², lr = {lr}\n")),
            "lr {lr}: no title"
        );
    }
    let mut files: Vec<String> = fs::read_dir(&out)
        .expect("--out")
        .map(|entry| text(entry.expect("an entry").file_name().as_encoded_bytes()))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "lr-0.1.csv",
            "lr-0.1.svg",
            "lr-10.csv",
            "lr-10.svg",
            "lr-1e-10.csv",
            "lr-1e-10.svg"
        ]
    );
}

#[test]
fn chosen_rates_and_steps_are_used() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let output = xtask(&[
        "gradient-descent",
        "--lr",
        "0.5",
        "--steps",
        "1",
        "--out",
        path(tmp.path()),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    // One step of lr 0.5 on x0^2 + x1^2 lands (up to the numerical gradient) on 0.
    let csv = fs::read_to_string(tmp.path().join("lr-0.5.csv")).expect("the path's CSV");
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(tmp.path().join("lr-0.5.svg").is_file());
    assert!(
        !tmp.path().join("lr-0.1.csv").exists(),
        "a default rate ran"
    );
}

#[test]
fn bad_flag_values_are_one_line_errors_naming_the_flag() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let out = tmp.path().join("gd");
    for (flag, value, expected) in [
        ("--steps", "0", "expected an integer >= 1"),
        ("--lr", "nan", "expected a finite number > 0"),
        ("--lr", "inf", "expected a finite number > 0"),
        ("--lr", "-1", "expected a finite number > 0"),
    ] {
        let output = xtask(&["gradient-descent", flag, value, "--out", path(&out)]);
        assert!(!output.status.success(), "{flag} {value} was accepted");
        let stderr = text(&output.stderr);
        assert!(!stderr.contains("panicked"), "a panic: {stderr}");
        let line = stderr.lines().next().unwrap_or_default();
        assert!(
            line.starts_with("error:")
                && line.contains(flag)
                && line.contains(&format!("'{value}'"))
                && line.contains(expected),
            "{flag} {value}: {stderr}"
        );
    }
    assert!(!out.exists(), "a refused command touched the disk");
}
