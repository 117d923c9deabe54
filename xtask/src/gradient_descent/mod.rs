//! `cargo xtask gradient-descent`: the book's study of gradient descent on
//! `f(x0, x1) = x0^2 + x1^2` from (-3, 4) (section 4.4.1, figure 4-10), or
//! any `--start`, with
//! a good, a too large and a too small learning rate.
//!
//! For each `--lr` it prints the end point (all digits, and as NumPy prints
//! it, which is what the book shows) and writes `lr-<LR>.csv` (the path:
//! start, every step, end) and `lr-<LR>.svg` (the path drawn) into `--out`.
//! The path streams to its CSV as it is computed (memory stays constant);
//! the plot draws a sample of at most 20,000 points. `--steps` is checked
//! against the disk the CSVs would take before anything runs. The files are
//! deterministic: a rerun with the same flags finds them identical; a file
//! with other contents is kept unless `--force`.

#![allow(
    clippy::print_stdout,
    reason = "the end points are the command's output"
)]

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use atomic_file::AtomicFile;
use nalgebra::{DVector, dvector};
use numdiff::{function_2, gradient_descent_each};
use plots::figures::{DescentPanel, descent_run_svg};
use studies::descent_paths::{BOOK_LEARNING_RATES, BOOK_START, BOOK_STEPS};

use crate::flags::{finite_positive, point, positive_usize};
use crate::paths;
use atomic_file::outputs::persist_unless_changed;
use runs::budget::{check_output, product};
use runs::{PLOT_POINTS, Sampled};

/// Flags of `cargo xtask gradient-descent`; the defaults are the book's.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Learning rate, repeatable (a finite number > 0: a rate <= 0 does not
    /// descend) [default: the book's 0.1, 10 and 1e-10].
    #[arg(
        long = "lr",
        value_name = "LR",
        default_values_t = BOOK_LEARNING_RATES,
        hide_default_value = true,
        value_parser = finite_positive,
        allow_negative_numbers = true,
    )]
    learning_rates: Vec<f64>,
    /// Steps of `x <- x - lr * grad f(x)`.
    #[arg(
        long,
        default_value_t = BOOK_STEPS,
        value_parser = positive_usize,
        allow_negative_numbers = true,
    )]
    steps: usize,
    /// Starting point `X0,X1` (two finite numbers; the notes' run uses
    /// 400,300 with --steps 200) [default: the book's -3,4].
    #[arg(
        long,
        value_name = "X0,X1",
        value_parser = point,
        allow_negative_numbers = true
    )]
    start: Option<[f64; 2]>,
    /// Directory for `lr-<LR>.csv` and `lr-<LR>.svg`, created if missing
    /// [default: runs/gradient-descent in the workspace].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Replace files in --out that hold another run's path.
    #[arg(long)]
    force: bool,
}

/// The longest CSV row, `step,x0,x1` with all digits
/// (`18446744073709551615,-2.5898374737328363e13,-1.2952486168965398e12`),
/// and its newline.
const CSV_ROW_BYTES: u64 = 72;

/// Runs one descent per learning rate, printing its end point and writing
/// its path and plot.
pub fn run(args: Args) -> anyhow::Result<()> {
    let start = args.start.unwrap_or(BOOK_START);
    let mut names: Vec<(String, f64)> = Vec::new();
    for &lr in &args.learning_rates {
        let name = format!("lr-{}", lr_text(lr));
        if !names.iter().any(|(seen, _)| *seen == name) {
            names.push((name, lr));
        }
    }
    let files = names.len() as u64;
    let rows = product(&[args.steps as u64, files]).and_then(|rows| rows.checked_add(files * 2));
    check_output(
        "--steps",
        args.steps,
        &format!("{files} path CSVs of a row per step"),
        rows.and_then(|rows| rows.checked_mul(CSV_ROW_BYTES)),
    )?;
    let dir = args
        .out
        .unwrap_or_else(|| paths::runs_dir().join("gradient-descent"));
    fs::create_dir_all(&dir).with_context(|| format!("cannot create --out {}", dir.display()))?;
    println!(
        "gradient descent on f(x0, x1) = x0^2 + x1^2 from x = ({}, {}): {} steps of \
         x <- x - lr * grad f(x), the gradient numerical (book section 4.4.1)",
        start[0], start[1], args.steps
    );
    let mut written = Vec::new();
    for (name, lr) in names {
        let csv = dir.join(format!("{name}.csv"));
        let (x, path) = descend(&csv, start, lr, args.steps, args.force)?;
        let end = numpy_style(x.as_slice());
        println!(
            "lr {}: x = {:?}, as NumPy prints it {end}",
            lr_text(lr),
            x.as_slice()
        );
        let panel = DescentPanel {
            caption: String::new(),
            points: path.points().to_vec(),
        };
        let svg = descent_run_svg(panel, args.steps, &lr_text(lr), &end, path.note("points"))?;
        let mut file = AtomicFile::create(dir.join(format!("{name}.svg")))?;
        file.write_chunk(svg.as_bytes())?;
        persist_unless_changed(file, args.force)?;
        written.extend([format!("{name}.csv"), format!("{name}.svg")]);
    }
    println!("wrote {} in {}", written.join(", "), dir.display());
    Ok(())
}

/// Runs the descent from `start`, streaming its path to `csv` (`step,x0,x1`,
/// then the start (step 0), the point after each step and so the end point
/// last, each number with all its digits); returns the end point and a
/// sample of the path for the plot.
fn descend(
    csv: &Path,
    start: [f64; 2],
    lr: f64,
    steps: usize,
    force: bool,
) -> anyhow::Result<(DVector<f64>, Sampled<[f64; 2]>)> {
    let mut out = BufWriter::new(AtomicFile::create(csv)?);
    let mut path = Sampled::new(PLOT_POINTS);
    let mut written = writeln!(out, "step,x0,x1");
    let start = dvector![start[0], start[1]];
    let x = gradient_descent_each(function_2, start, lr, steps, |step, x| {
        if written.is_ok() {
            written = writeln!(out, "{step},{:?},{:?}", x[0], x[1]);
        }
        path.push(step, [x[0], x[1]]);
    });
    path.push_last(steps, [x[0], x[1]]);
    let context = || format!("cannot write {}", csv.display());
    written.with_context(context)?;
    let file = out
        .into_inner()
        .map_err(|error| error.into_error())
        .with_context(context)?;
    persist_unless_changed(file, force)?;
    Ok((x, path))
}

/// A learning rate as a file name and label: the shortest text that reads
/// back as the same number, without a trailing `.0` (`0.1`, `10`, `1e-10`).
fn lr_text(lr: f64) -> String {
    let text = format!("{lr:?}");
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

/// An array as NumPy prints it by default, so the book's numbers can be
/// compared digit for digit: 8 digits after the point, trailing zeros
/// dropped, in scientific notation when the largest non-zero magnitude is
/// at least 1e8, the smallest below 1e-4, or their ratio above 1000.
fn numpy_style(xs: &[f64]) -> String {
    let magnitudes = xs
        .iter()
        .filter(|v| v.is_finite() && **v != 0.0)
        .map(|v| v.abs());
    let (min, max) = magnitudes.fold((f64::INFINITY, 0.0_f64), |(lo, hi), m| {
        (lo.min(m), hi.max(m))
    });
    let scientific = max > 0.0 && (max >= 1e8 || min < 1e-4 || max / min > 1e3);
    let items: Vec<String> = xs
        .iter()
        .map(|&v| match v {
            v if v.is_nan() => "nan".to_owned(),
            v if v.is_infinite() => if v > 0.0 { "inf" } else { "-inf" }.to_owned(),
            v if scientific => {
                let text = format!("{v:.8e}");
                let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
                let exponent: i32 = exponent.parse().unwrap_or(0);
                let sign = if exponent < 0 { '-' } else { '+' };
                format!(
                    "{}e{sign}{:02}",
                    trim_zeros(mantissa),
                    exponent.unsigned_abs()
                )
            }
            v => trim_zeros(&format!("{v:.8}")).to_owned(),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// `-3.00000000` -> `-3.`, `0.50000000` -> `0.5` (NumPy keeps the point).
fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0')
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_numpy_prints_them() {
        // >>> np.array([-6.111107928998789e-10, 8.148143905314271e-10])
        // array([-6.11110793e-10,  8.14814391e-10])
        assert_eq!(
            numpy_style(&[-6.111107928998789e-10, 8.148143905314271e-10]),
            "[-6.11110793e-10, 8.14814391e-10]"
        );
        assert_eq!(
            numpy_style(&[-25_898_374_737_328.363, -1_295_248_616_896.539_8]),
            "[-2.58983747e+13, -1.29524862e+12]"
        );
        assert_eq!(
            numpy_style(&[-2.999_999_94, 3.999_999_92]),
            "[-2.99999994, 3.99999992]"
        );
        assert_eq!(numpy_style(&[-3.0, 0.5, 0.0]), "[-3., 0.5, 0.]");
        assert_eq!(numpy_style(&[f64::NAN, -f64::INFINITY]), "[nan, -inf]");
    }

    #[test]
    fn learning_rates_name_files_as_typed() {
        assert_eq!(lr_text(0.1), "0.1");
        assert_eq!(lr_text(10.0), "10");
        assert_eq!(lr_text(1e-10), "1e-10");
    }
}
