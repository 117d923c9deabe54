//! `cargo xtask eval`: the test accuracy of a saved model and its 10x10
//! confusion matrix (rows: true digit, columns: predicted digit), and the
//! three pictures of what it learned (`pictures`) in `--out`.

#![allow(
    clippy::print_stdout,
    reason = "the accuracy and the matrix are the command's output"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use twolayer::{TwoLayerNet, checkpoint};

use crate::{data, fetch_mnist, pictures};

/// Flags of `cargo xtask eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The checkpoint to evaluate (a run's `model.safetensors`).
    #[arg(long, value_name = "FILE")]
    model: PathBuf,
    /// Directory for confusion.svg, misclassified.svg and weights.svg
    /// [default: the model's directory].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Replace pictures that already exist there.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    fetch: fetch_mnist::FetchArgs,
}

/// Loads the model, then the test set, and prints accuracy and matrix.
pub fn run(args: Args) -> anyhow::Result<()> {
    let net: TwoLayerNet<f32> = checkpoint::load(&args.model)
        .with_context(|| format!("cannot load the model {}", args.model.display()))?;
    let mnist = data::load(&args.fetch, data::Needs::Test)?;
    let test = mnist.test()?;
    let (input, hidden, output) = net.dims();
    if (input, output) != (test.features(), test.classes()) {
        anyhow::bail!(
            "the model {} maps {input} inputs to {output} classes; the data has {} and {}",
            args.model.display(),
            test.features(),
            test.classes()
        );
    }
    let accuracy = twolayer::fast::evaluate(&net, &test);
    let matrix = twolayer::fast::confusion_matrix(&net, &test);
    let correct: u64 = (0..matrix.len()).map(|k| matrix[k][k]).sum();
    println!(
        "model {} ({input}-{hidden}-{output}, {})",
        args.model.display(),
        net.activation
    );
    println!(
        "test accuracy {accuracy:.4} ({correct} of {} images)",
        test.len()
    );
    print!("{}", format_confusion(&matrix));
    let out = args.out.clone().unwrap_or_else(|| {
        let parent = args.model.parent().unwrap_or(Path::new("."));
        parent.to_path_buf()
    });
    // The same name as `train` wrote, whatever spelling of the path.
    let name = runs::pictures::model_name(&args.model);
    let written = pictures::write_pictures(
        &out,
        "--out",
        &net,
        &test,
        &name,
        args.force,
        &[&args.model],
    )?;
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    println!("pictures: {}", names.join(", "));
    Ok(())
}

/// The matrix as a table, with each digit's recall (diagonal / row total):
///
/// ```text
/// confusion matrix (rows: true digit, columns: predicted digit)
///  true |    0    1 | recall
///     0 |   97    3 | 0.9700
/// ```
fn format_confusion(matrix: &[Vec<u64>]) -> String {
    let largest = matrix.iter().flatten().copied().max().unwrap_or(0);
    let width = largest.to_string().len().max(4);
    let mut out = String::from("confusion matrix (rows: true digit, columns: predicted digit)\n");
    let _ = write!(out, " true |");
    for predicted in 0..matrix.len() {
        let _ = write!(out, " {predicted:>width$}");
    }
    out.push_str(" | recall\n");
    for (digit, row) in matrix.iter().enumerate() {
        let _ = write!(out, "{digit:>5} |");
        for count in row {
            let _ = write!(out, " {count:>width$}");
        }
        let total: u64 = row.iter().sum();
        let hit = row.get(digit).copied().unwrap_or(0);
        match total {
            0 => out.push_str(" |      -\n"),
            _ => {
                let _ = writeln!(out, " | {:.4}", hit as f64 / total as f64);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_is_a_labelled_table() {
        let table = format_confusion(&[vec![97, 3], vec![0, 0]]);
        assert_eq!(
            table,
            "confusion matrix (rows: true digit, columns: predicted digit)\n \
             true |    0    1 | recall\n    \
             0 |   97    3 | 0.9700\n    \
             1 |    0    0 |      -\n"
        );
    }
}
