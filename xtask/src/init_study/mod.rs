//! `cargo xtask init-study`: the book's section 6.2, measured and drawn. How
//! the initial weights decide whether a deep network can learn:
//!
//! 1. activations of 5 hidden layers for random inputs ([`activations`]),
//! 2. the gradient of every layer at initialisation on real MNIST
//!    ([`gradients`]: the vanishing gradient),
//! 3. training a 4-hidden-layer ReLU net from std 0.01, Xavier and He
//!    ([`training`], the book's figure 6-15).
//!
//! Everything is drawn from `--seed` with ChaCha12: a rerun prints the same
//! numbers and draws the same figures.

#![allow(
    clippy::print_stdout,
    reason = "the tables and final losses are the command's output"
)]

mod activations;
mod gradients;
mod histogram_plot;
mod line_plots;
mod training;

use std::path::PathBuf;

use multilayer::WeightInit;
use twolayer::Activation;

use crate::budget::{self, check_memory, product};
use crate::data;
use crate::fetch_mnist::FetchArgs;
use crate::flags::{FlagError, finite_positive, positive_usize, weight_init};
use crate::out_dir::OutDir;

/// The six settings of parts 1 and 2, in the book's order.
const SETTINGS: [Setting; 6] = [
    Setting(Activation::Sigmoid, WeightInit::Std(1.0)),
    Setting(Activation::Sigmoid, WeightInit::Std(0.01)),
    Setting(Activation::Sigmoid, WeightInit::Xavier),
    Setting(Activation::Relu, WeightInit::Std(0.01)),
    Setting(Activation::Relu, WeightInit::Xavier),
    Setting(Activation::Relu, WeightInit::He),
];

/// A hidden activation with an initialisation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting(pub Activation, pub WeightInit);

impl Setting {
    /// `sigmoid std1`, `relu he`: for tables and legends.
    pub fn label(self) -> String {
        format!("{} {}", self.0, self.1.label())
    }

    /// `sigmoid, std 1`, `ReLU, He (std sqrt(2/n))`: for figure titles.
    pub fn title(self) -> String {
        let activation = match self.0 {
            Activation::Sigmoid => "sigmoid",
            Activation::Relu => "ReLU",
        };
        format!("{activation}, {}", init_title(self.1))
    }
}

/// `std 0.01`, `Xavier (std sqrt(1/n))`, `He (std sqrt(2/n))`.
pub fn init_title(init: WeightInit) -> String {
    match init {
        WeightInit::Std(std) => format!("std {std}"),
        WeightInit::Xavier => "Xavier (std sqrt(1/n))".to_owned(),
        WeightInit::He => "He (std sqrt(2/n))".to_owned(),
    }
}

/// Flags of `cargo xtask init-study`; the defaults are the book's.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed of the inputs, the weights and the training batches.
    #[arg(long, default_value_t = 0)]
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
        default_value_t = 0.01,
        value_parser = finite_positive,
        allow_negative_numbers = true,
    )]
    lr: f64,
    /// Images per training batch.
    #[arg(
        long,
        default_value_t = 128,
        value_parser = positive_usize,
        allow_negative_numbers = true,
    )]
    batch_size: usize,
    /// SGD steps of each training run.
    #[arg(
        long,
        default_value_t = 2000,
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
    let out = OutDir::prepare(args.out.clone(), "init-study", args.force, &names)?;
    let mnist = data::load(&args.fetch, data::Needs::Train)?;
    let train = mnist.train()?;

    println!(
        "1. activations: 1000 inputs of 100 standard-normal features through 5 hidden \
         layers of 100 units, untrained (seed {})",
        args.seed
    );
    for (setting, layers) in activations::study(args.seed)? {
        let svg = histogram_plot::histograms_svg(setting, &layers)?;
        out.write(&histogram_file(setting), &svg)?;
    }

    println!(
        "\n2. gradients at initialisation: |dL/dW| (Frobenius norm) of every layer of a \
         784-100x5-10 net on the first 100 MNIST training images (seed {})",
        args.seed
    );
    let norms = gradients::study(&train, args.seed)?;
    out.write(GRADIENT_FILE, &line_plots::gradient_norms_svg(&norms)?)?;

    println!(
        "\n3. training: 784-100x4-10 ReLU, SGD lr {}, batch {}, {} iterations, the same \
         batches for every run (seed {})",
        args.lr, args.batch_size, args.iters, args.seed
    );
    let curves = training::study(&train, &args)?;
    out.write(TRAINING_FILE, &line_plots::loss_curves_svg(&curves, &args)?)?;

    println!(
        "\nwrote {} figures in {}",
        names.len(),
        out.path().display()
    );
    Ok(())
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
