//! `cargo xtask figures`: chapter 4 in pictures. Computes each figure's
//! data with the library crates, draws it as SVG, prints one line per
//! figure (its file and its numbers) and writes `index.md`, all into
//! `--out` (default `runs/figures`): every figure is computed and every
//! name checked before the first file is written.

#![allow(
    clippy::print_stdout,
    reason = "one line per figure is the command's output"
)]

mod figure;

use std::path::{Path, PathBuf};

use anyhow::Context;
use mnist_data::{CLASSES, PIXELS};
use plots::figures::{LossVsAccuracy, loss_vs_accuracy_svg};
use studies::activations::{sigmoid_with_derivative, step_with_derivative};
use studies::loss_sweep::{self, BATCH as SWEEP_BATCH, SHORT_RUN_ITERS};
use twolayer::{TrainConfig, TwoLayerNet, checkpoint};

use figure::Figure;

use crate::{data as mnist, fetch_mnist, paths as workspace};
use atomic_file::outputs::write_new_files;

/// The figures, in the order of the chapter.
pub const NAMES: [&str; 9] = [
    "function-1",
    "tangent",
    "function-2-surface",
    "gradient-field",
    "gradient-descent",
    "rounding-error",
    "loss-vs-accuracy",
    "saddle-and-plateau",
    "activations",
];

/// Flags of `cargo xtask figures`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory for the figures and index.md, created if missing
    /// [default: runs/figures in the workspace].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Only these figures (repeatable): function-1, tangent,
    /// function-2-surface, gradient-field, gradient-descent, rounding-error,
    /// loss-vs-accuracy, saddle-and-plateau, activations.
    #[arg(long, value_name = "NAME", value_parser = figure_name)]
    only: Vec<&'static str>,
    /// Replace figures that already exist in --out.
    #[arg(long)]
    force: bool,
    /// A trained network for loss-vs-accuracy (a checkpoint of a 784-input,
    /// 10-class two-layer net) [default: a short training run on MNIST].
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    #[command(flatten)]
    fetch: fetch_mnist::FetchArgs,
}

/// A figure name of `--only`: one of [`NAMES`].
fn figure_name(text: &str) -> Result<&'static str, String> {
    NAMES
        .iter()
        .find(|&&name| name == text)
        .copied()
        .ok_or_else(|| format!("expected one of {}", NAMES.join(", ")))
}

/// Draws the selected figures, then writes them and index.md.
pub fn run(args: Args) -> anyhow::Result<()> {
    let selected: Vec<&str> = NAMES
        .into_iter()
        .filter(|name| args.only.is_empty() || args.only.contains(name))
        .collect();
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| workspace::runs_dir().join("figures"));
    // A bad --model fails before anything is computed, whichever figures
    // are selected (only loss-vs-accuracy uses it).
    let model = args.model.as_deref().map(load_model).transpose()?;
    let mut figures = Vec::new();
    for name in &selected {
        figures.push(match *name {
            "function-1" => figure::function_1()?,
            "tangent" => figure::tangent()?,
            "function-2-surface" => figure::surface()?,
            "gradient-field" => figure::gradient_field()?,
            "gradient-descent" => figure::gradient_descent()?,
            "rounding-error" => figure::rounding_error()?,
            "loss-vs-accuracy" => loss_vs_accuracy(&args, model.as_ref())?,
            "saddle-and-plateau" => figure::saddle_and_plateau()?,
            "activations" => figure::activations()?,
            other => unreachable!("--only accepts only the names in NAMES, not {other}"),
        });
    }
    let mut files: Vec<(String, Vec<u8>)> = figures
        .iter()
        .map(|f| (format!("{}.svg", f.name), f.svg.clone().into_bytes()))
        .collect();
    files.push(("index.md".to_owned(), index_md(&figures).into_bytes()));
    let inputs: Vec<&Path> = args.model.iter().map(PathBuf::as_path).collect();
    write_new_files(&dir, "--out", &files, args.force, &inputs)?;
    for figure in &figures {
        let path = dir.join(format!("{}.svg", figure.name));
        println!("{}: {}", path.display(), figure.printout);
    }
    println!(
        "{}: what to look at in each figure",
        dir.join("index.md").display()
    );
    Ok(())
}

/// Loads `--model`, checking it is a network for MNIST.
fn load_model(path: &Path) -> anyhow::Result<(TwoLayerNet<f32>, String)> {
    let net: TwoLayerNet<f32> = checkpoint::load(path).with_context(|| {
        format!(
            "--model {}: not a two-layer network checkpoint",
            path.display()
        )
    })?;
    let (input, hidden, output) = net.dims();
    if (input, output) != (PIXELS, CLASSES) {
        anyhow::bail!(
            "--model {} is a {input}-{hidden}-{output} network; loss-vs-accuracy needs \
             {PIXELS} inputs and {CLASSES} classes (an MNIST model)",
            path.display()
        );
    }
    Ok((
        net,
        format!("model {} ({input}-{hidden}-{output})", path.display()),
    ))
}

/// The loss-vs-accuracy figure, on `model` or on a short training run.
fn loss_vs_accuracy(
    args: &Args,
    model: Option<&(TwoLayerNet<f32>, String)>,
) -> anyhow::Result<Figure> {
    let needs = if model.is_some() {
        mnist::Needs::Test
    } else {
        mnist::Needs::Both
    };
    let data = mnist::load(&args.fetch, needs)?;
    let test = data.test()?;
    let (net, source) = match model {
        Some((net, source)) => (net.clone(), source.clone()),
        None => {
            let config = TrainConfig {
                iters: SHORT_RUN_ITERS,
                ..TrainConfig::default()
            };
            let report = twolayer::fast::train(&data.train()?, &test, &config, &mut ())?;
            let source = format!(
                "no --model: the book's net trained for {SHORT_RUN_ITERS} iterations \
                 (test accuracy {:.4})",
                twolayer::fast::evaluate(&report.net, &test)
            );
            (report.net, source)
        }
    };
    let net = loss_sweep::to_f64(&net);
    let indices: Vec<usize> = (0..SWEEP_BATCH.min(test.len())).collect();
    let (x, t) = test.batch::<f64>(&indices);
    let weight = loss_sweep::strongest_weight(&net);
    let sweep = loss_sweep::sweep(&net, &x, &t, weight, &loss_sweep::offsets());
    let batch = indices.len();
    let svg = loss_vs_accuracy_svg(&LossVsAccuracy {
        sweep: &sweep,
        batch,
        source: &source,
        step: &step_with_derivative(),
        sigmoid: &sigmoid_with_derivative(),
    })?;
    let (j, k) = sweep.weight;
    let (low, high) = sweep.loss_range();
    Ok(Figure {
        name: "loss-vs-accuracy",
        svg,
        printout: format!(
            "{source}: W2[{j}][{k}] = {:.4} swept +-20; loss {low:.4} to {high:.4}; accuracy {} \
             values (k/{batch}), flat on {:.0}% of intervals",
            sweep.trained,
            loss_sweep::distinct(&sweep.accuracy),
            100.0 * loss_sweep::flat_share(&sweep.accuracy)
        ),
        index: "Moving one weight of a trained network changes the loss smoothly, so its \
                derivative always says which way to go; the accuracy jumps in steps of \
                1/batch and is flat in between, so its derivative is zero almost everywhere. \
                The step function and the sigmoid show the same contrast."
            .to_owned(),
    })
}

/// index.md: one section per figure with the picture, what to look at and
/// its numbers.
fn index_md(figures: &[Figure]) -> String {
    let mut md = String::from(
        "# Chapter 4 in pictures\n\nMade by `cargo xtask figures`. Each figure's numbers are \
         computed by the workspace's crates (numdiff, tensor-ops, twolayer).\n",
    );
    for figure in figures {
        md.push_str(&format!(
            "\n## {name}\n\n![{name}]({name}.svg)\n\n{}\n\nNumbers: {}\n",
            figure.index,
            figure.printout,
            name = figure.name
        ));
    }
    md
}

#[cfg(test)]
mod tests;
