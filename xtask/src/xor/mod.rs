//! `cargo xtask xor`: why multilayer networks matter. A single layer
//! (softmax regression) and a net with one small hidden layer learn XOR by
//! gradient descent on its four points; the first cannot, the second can.
//! Prints both nets' outputs, loss and accuracy, how many of ten seeds solve
//! it and why the others do not, and draws `xor.svg`.

#![allow(
    clippy::print_stdout,
    reason = "the outputs and the ten-seed summary are the command's output"
)]

use std::path::PathBuf;

use multilayer::WeightInit;
use studies::xor::{
    DEFAULT_HIDDEN, Diagnosis, SEEDS, XorFit, XorSettings, fit, points, seed_summary,
};
use twolayer::Activation;

use crate::flags::{FlagError, choice, finite_positive, positive_usize, weight_init};
use crate::paths;
use runs::budget::{self, check_memory, product};

/// Flags of `cargo xtask xor`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed of the initial weights (the summary uses it and the 9 after it).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Units in the hidden layer (>= 1).
    #[arg(
        long,
        default_value_t = DEFAULT_HIDDEN,
        value_parser = positive_usize,
        allow_negative_numbers = true,
    )]
    hidden: usize,
    /// Activation of the hidden layer.
    #[arg(long, default_value_t = XorSettings::default().activation, value_parser = choice(Activation::CHOICES))]
    activation: Activation,
    /// Initial weights of both nets: xavier, he or a standard deviation.
    #[arg(
        long,
        default_value_t = XorSettings::default().init,
        value_parser = weight_init,
        allow_negative_numbers = true,
    )]
    init: WeightInit,
    /// Learning rate of gradient descent (a finite number > 0).
    #[arg(
        long,
        default_value_t = XorSettings::default().learning_rate,
        value_parser = finite_positive,
        allow_negative_numbers = true,
    )]
    lr: f64,
    /// Steps of gradient descent on all four points.
    #[arg(
        long,
        default_value_t = XorSettings::default().iters,
        value_parser = positive_usize,
        allow_negative_numbers = true,
    )]
    iters: usize,
    /// Directory for xor.svg, created if missing [default: runs/xor in the
    /// workspace].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Overwrite xor.svg if it exists.
    #[arg(long)]
    force: bool,
}

/// Trains both nets of `--seed`, prints them and the ten-seed summary, draws
/// the figure.
pub fn run(args: Args) -> anyhow::Result<()> {
    check_cost(&args)?;
    let out = paths::out_dir(args.out.clone(), "xor", args.force, &["xor.svg".to_owned()])?;
    println!(
        "XOR by gradient descent on its four points: {} steps, lr {}, {} init, seed {}",
        args.iters, args.lr, args.init, args.seed
    );
    let settings = XorSettings {
        activation: args.activation,
        init: args.init,
        learning_rate: args.lr,
        iters: args.iters,
    };
    let single = fit(&settings, &[], args.seed)?;
    println!("\nsingle layer (softmax regression, 2-2, no hidden layer):");
    print_fit(&single);
    let (left, right) = single.score_sums();
    println!(
        "  no line separates XOR: with d = score(1) - score(0), affine in x, \
         d(0,0) + d(1,1) = {left:.3e} equals d(0,1) + d(1,0) = {right:.3e}, so the two 1s \
         cannot both be on the other side from the two 0s: at most 3 of 4",
    );
    let hidden = fit(&settings, &[args.hidden], args.seed)?;
    println!(
        "\none hidden layer (2-{}-2, {}):",
        args.hidden, args.activation
    );
    print_fit(&hidden);
    summary(&args, &settings)?;

    let svg = plots::xor(&[
        ("no hidden layer".to_owned(), &single),
        (
            format!("hidden layer of {} {}", args.hidden, args.activation),
            &hidden,
        ),
    ]);
    out.write("xor.svg", &svg)?;
    println!("\nwrote xor.svg in {}", out.path().display());
    Ok(())
}

/// Refuses, before anything is allocated, an `--iters` whose loss history
/// (one f64 per step, for each of the two networks of each of the 10 seeds)
/// or a `--hidden` whose network would not fit in memory.
fn check_cost(args: &Args) -> Result<(), FlagError> {
    let available = budget::available_memory();
    let history = product(&[args.iters as u64, 8, 2]);
    check_memory(
        "--iters",
        args.iters,
        "the loss history",
        history,
        available,
    )?;
    // Weights, gradients and activations of the 4 points: 2H + H + 2H + 2
    // parameters, a few copies of each, 8 bytes a number.
    let network = product(&[args.hidden as u64, 5 * 8 * 8]);
    check_memory("--hidden", args.hidden, "the network", network, available)
}

/// The outputs on the four points, the final loss and accuracy.
fn print_fit(fit: &XorFit) {
    println!("  x1 x2  t   P(t=1)  predicted");
    for (n, ((x1, x2), t)) in points().into_iter().enumerate() {
        let predicted = fit.predicted[n];
        let mark = if predicted == t { "" } else { "  wrong" };
        println!(
            "  {x1:>2} {x2:>2} {t:>2}   {:.4}  {predicted}{mark}",
            fit.probabilities[n],
        );
    }
    let why = match fit.diagnosis() {
        Diagnosis::Solved => String::new(),
        diagnosis => format!(": {diagnosis}"),
    };
    println!(
        "  final loss {:.6}, accuracy {}/4{why}",
        fit.final_loss, fit.correct
    );
}

/// How many of the ten seeds each net solves, and why the others fail.
fn summary(args: &Args, settings: &XorSettings) -> anyhow::Result<()> {
    let seeds = args.seed..args.seed.saturating_add(SEEDS);
    println!(
        "\nseeds {} to {} (same lr, steps and init):",
        seeds.start,
        seeds.end - 1
    );
    for hidden in studies::xor::summary_layouts(args.hidden) {
        let summary = seed_summary(settings, &hidden, seeds.clone())?;
        let name = match hidden.first() {
            None => "single layer (no hidden layer)".to_owned(),
            Some(h) => format!("hidden layer of {h} {}", args.activation),
        };
        println!("  {name}: {} of {SEEDS} seeds solve it", summary.solved);
        for (reason, runs) in summary.failures {
            let runs: Vec<String> = runs
                .iter()
                .map(|r| format!("{} ({}/4, loss {:.4})", r.seed, r.correct, r.final_loss))
                .collect();
            let seeds = if runs.len() == 1 { "seed" } else { "seeds" };
            println!("    {seeds} {}: {reason}", runs.join(", "));
        }
    }
    Ok(())
}
