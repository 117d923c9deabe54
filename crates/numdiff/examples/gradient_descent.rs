//! Gradient descent on `f(x0, x1) = x0^2 + x1^2` from (-3, 4) with the book's
//! three learning rates (§4.4.1), writing each path as a CSV to plot into a
//! new temporary directory, which it names:
//! `cargo run -p numdiff --example gradient_descent`.
//! (`cargo xtask gradient-descent` writes the same paths into
//! `runs/gradient-descent/`; this example never touches them.)
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "an example prints its results and its errors"
)]

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use nalgebra::{DVector, dvector};
use numdiff::{Descent, function_2, gradient_descent};

/// The learning rates of the book: good, too large, too small; and file names.
const RUNS: [(&str, f64); 3] = [("lr-0.1", 0.1), ("lr-10", 10.0), ("lr-1e-10", 1e-10)];
const STEP_NUM: usize = 100;

/// Writes `step,x0,x1` for the start, every step and the end point, each
/// number with all its digits.
fn write_path(path: &Path, descent: &Descent<DVector<f64>>) -> io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(out, "step,x0,x1")?;
    for (step, x) in descent.points().enumerate() {
        writeln!(out, "{step},{:?},{:?}", x[0], x[1])?;
    }
    out.flush()
}

/// Adds the file or directory to an I/O error's message.
fn at(path: &Path) -> impl FnOnce(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// A directory that did not exist before: `numdiff-gradient-descent-<pid>-<ns>`
/// in the system's temporary directory.
fn new_temp_dir() -> io::Result<PathBuf> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |t| t.as_nanos());
    let dir = std::env::temp_dir().join(format!(
        "numdiff-gradient-descent-{}-{nanos}",
        std::process::id()
    ));
    fs::create_dir(&dir).map_err(at(&dir))?;
    Ok(dir)
}

fn main() -> ExitCode {
    match new_temp_dir().and_then(|dir| run(&dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gradient_descent: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the three descents, printing each end point and writing each path into `dir`.
fn run(dir: &Path) -> io::Result<()> {
    println!("writing the paths into {}", dir.display());
    for (name, lr) in RUNS {
        let descent = gradient_descent(function_2, dvector![-3.0, 4.0], lr, STEP_NUM);
        let path = dir.join(format!("{name}.csv"));
        write_path(&path, &descent).map_err(at(&path))?;
        println!(
            "lr = {lr:?}: x after {STEP_NUM} steps = {:?}  (path: {})",
            descent.x.as_slice(),
            path.display()
        );
    }
    Ok(())
}
