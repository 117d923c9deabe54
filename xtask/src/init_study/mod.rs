//! `cargo xtask init-study`: the book's section 6.2, measured and drawn
//! (`studies::init` computes, `plots::init_study` draws). How the initial
//! weights decide whether a deep network can learn:
//!
//! 1. activations of 5 hidden layers for random inputs,
//! 2. the gradient of every layer at initialisation on real MNIST (the
//!    vanishing gradient),
//! 3. training a 4-hidden-layer ReLU net from std 0.01, Xavier and He (the
//!    book's figure 6-15).
//!
//! Everything is drawn from `--seed` with ChaCha12: a rerun prints the same
//! numbers and draws the same figures.

#![allow(
    clippy::print_stdout,
    reason = "the tables and final losses are the command's output"
)]

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use multilayer::WeightInit;
use studies::init::{
    FINAL_WINDOW, SETTINGS, Setting, SettingActivations, TrainingSettings, init_title, number,
};
use twolayer::{Dataset, TrainObserver};

use crate::fetch_mnist::FetchArgs;
use crate::flags::{FlagError, finite_positive, positive_usize, weight_init};
use crate::train::TrainProgress;
use crate::units::short_duration;
use crate::{data, paths};
use runs::budget::{self, check_memory, product};

/// Flags of `cargo xtask init-study`; the defaults are the book's.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed of the inputs, the weights and the training batches.
    #[arg(long, default_value_t = TrainingSettings::default().seed)]
    seed: u64,
    /// Initialisation of a training run, repeatable: xavier, he or a
    /// standard deviation [default: 0.01, xavier and he].
    #[arg(
        long = "init",
        value_name = "INIT",
        default_values = ["0.01", "xavier", "he"],
        hide_default_value = true,
        value_parser = weight_init,
        allow_negative_numbers = true,
    )]
    inits: Vec<WeightInit>,
    /// Learning rate of the training runs (a finite number > 0).
    #[arg(
        long,
        default_value_t = TrainingSettings::default().learning_rate,
        value_parser = finite_positive,
        allow_negative_numbers = true,
    )]
    lr: f64,
    /// Images per training batch.
    #[arg(
        long,
        default_value_t = TrainingSettings::default().batch_size,
        value_parser = positive_usize,
        allow_negative_numbers = true,
    )]
    batch_size: usize,
    /// SGD steps of each training run.
    #[arg(
        long,
        default_value_t = TrainingSettings::default().iters,
        value_parser = positive_usize,
        allow_negative_numbers = true,
    )]
    iters: usize,
    /// Directory for the figures, created if missing [default:
    /// runs/init-study in the workspace].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Overwrite figures that exist.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

/// The histogram figure of a setting: `activations-<activation>-<init>.svg`.
fn histogram_file(setting: Setting) -> String {
    format!("activations-{}-{}.svg", setting.0, setting.1.label())
}

const GRADIENT_FILE: &str = "gradient-norms.svg";
const TRAINING_FILE: &str = "training-loss.svg";

/// Runs the three parts, printing their tables and writing their figures.
pub fn run(args: Args) -> anyhow::Result<()> {
    check_cost(&args)?;
    let mut names: Vec<String> = SETTINGS.iter().map(|&s| histogram_file(s)).collect();
    names.extend([GRADIENT_FILE.to_owned(), TRAINING_FILE.to_owned()]);
    let out = paths::out_dir(args.out.clone(), "init-study", args.force, &names)?;
    let mnist = data::load(&args.fetch, data::Needs::Train)?;
    let train = mnist.train()?;

    println!(
        "1. activations: 1000 inputs of 100 standard-normal features through 5 hidden \
         layers of 100 units, untrained (seed {})",
        args.seed
    );
    let activations = studies::init::activations(args.seed)?;
    print_activations(&activations);
    for study in &activations {
        let svg = plots::init_study::activation_histograms(study)?;
        out.write(&histogram_file(study.setting), &svg)?;
    }

    println!(
        "\n2. gradients at initialisation: |dL/dW| (Frobenius norm) of every layer of a \
         784-100x5-10 net on the first 100 MNIST training images (seed {})",
        args.seed
    );
    let norms = studies::init::gradient_norms(&train, args.seed)?;
    let columns: Vec<String> = (1..=norms.first().map_or(0, |g| g.norms.len()))
        .map(|i| format!("{:>10}", format!("W{i}")))
        .collect();
    println!("{:<16}|{}", "setting", columns.join(""));
    for g in &norms {
        let cells: Vec<String> = g
            .norms
            .iter()
            .map(|&n| format!("{:>10}", number(n)))
            .collect();
        println!("{:<16}|{}", g.setting.label(), cells.join(""));
    }
    out.write(GRADIENT_FILE, &plots::init_study::gradient_norms(&norms)?)?;

    println!(
        "\n3. training: 784-100x4-10 ReLU, SGD lr {}, batch {}, {} iterations, the same \
         batches for every run (seed {})",
        args.lr, args.batch_size, args.iters, args.seed
    );
    let settings = TrainingSettings {
        learning_rate: args.lr,
        batch_size: args.batch_size,
        iters: args.iters,
        seed: args.seed,
    };
    let curves = args
        .inits
        .iter()
        .map(|&init| training_run(&train, init, &settings))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let svg = plots::init_study::training_loss(&curves, &settings)?;
    out.write(TRAINING_FILE, &svg)?;

    println!(
        "\nwrote {} figures in {}",
        names.len(),
        out.path().display()
    );
    Ok(())
}

/// The table of part 1: each setting's mean and std per layer.
fn print_activations(activations: &[SettingActivations]) {
    let layers = activations.first().map_or(0, |a| a.layers.len());
    let columns: Vec<String> = (1..=layers)
        .map(|i| format!("{:>19}", format!("layer {i} mean, std")))
        .collect();
    println!("{:<16}|{}", "setting", columns.join(" |"));
    for study in activations {
        let cells: Vec<String> = study
            .layers
            .iter()
            .map(|l| format!("{:>9} {:>9}", number(l.moments.mean), number(l.moments.std)))
            .collect();
        println!("{:<16}|{}", study.setting.label(), cells.join(" |"));
    }
}

/// One run of part 3 with a progress bar; prints its final loss.
fn training_run(
    train: &Dataset<'_>,
    init: WeightInit,
    settings: &TrainingSettings,
) -> anyhow::Result<studies::init::Curve> {
    let started = Instant::now();
    let mut progress = TrainProgress::new(settings.iters, std::io::stderr().is_terminal());
    let curve = studies::init::training_run(train, init, settings, &mut |iteration, loss| {
        let _ = progress.on_iteration(iteration, loss);
    })?;
    progress.finish();
    println!(
        "{:<30} final loss {:.4} (mean of the last {FINAL_WINDOW} batches), last batch \
         {:.4}, {}",
        format!("init {}:", init_title(init)),
        curve.final_loss(),
        curve.losses.last().copied().unwrap_or(f64::NAN),
        short_duration(started.elapsed())
    );
    Ok(curve)
}

/// Refuses, before anything is allocated, a `--batch-size` whose batch
/// (784 f32 inputs and the activations of 6 layers of 100 per sample, a few
/// copies each) or an `--iters` whose loss history (one f64 per step for
/// each of the three runs) would not fit in memory.
fn check_cost(args: &Args) -> Result<(), FlagError> {
    let available = budget::available_memory();
    let batch = product(&[args.batch_size as u64, (784 + 6 * 100) * 4 * 4]);
    check_memory(
        "--batch-size",
        args.batch_size,
        "a batch of that size",
        batch,
        available,
    )?;
    let history = product(&[args.iters as u64, 8, 3]);
    check_memory(
        "--iters",
        args.iters,
        "the loss history",
        history,
        available,
    )
}
