//! `cargo xtask xor`: why multilayer networks matter. A single layer
//! (softmax regression) and a net with one small hidden layer learn XOR by
//! gradient descent on its four points; the first cannot, the second can.
//! Prints both nets' outputs, loss and accuracy, how many of ten seeds solve
//! it and why the others do not, and draws `xor.svg`.

#![allow(
    clippy::print_stdout,
    reason = "the outputs and the ten-seed summary are the command's output"
)]

mod plot;

use std::path::PathBuf;

use multilayer::xor::{self, Outcome};
use multilayer::{MultiLayerNet, WeightInit};
use nalgebra::DMatrix;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::Activation;

use crate::budget::{self, check_memory, product};
use crate::flags::{FlagError, choice, finite_positive, positive_usize, weight_init};
use crate::out_dir::OutDir;

/// Seeds in the summary: `--seed` and the nine after it.
const SEEDS: u64 = 10;
/// Hidden sizes of the summary, besides `--hidden`.
const SUMMARY_HIDDEN: [usize; 3] = [2, 3, 4];
/// A probability this close to 1/2 is undecided.
const UNDECIDED: f64 = 0.1;

/// Flags of `cargo xtask xor`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed of the initial weights (the summary uses it and the 9 after it).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Units in the hidden layer (>= 1).
    #[arg(
        long,
        default_value_t = 3,
        value_parser = positive_usize,
        allow_negative_numbers = true,
    )]
    hidden: usize,
    /// Activation of the hidden layer.
    #[arg(long, default_value = "sigmoid", value_parser = choice(Activation::CHOICES))]
    activation: Activation,
    /// Initial weights of both nets: xavier, he or a standard deviation.
    #[arg(
        long,
        default_value = "xavier",
        value_parser = weight_init,
        allow_negative_numbers = true,
    )]
    init: WeightInit,
    /// Learning rate of gradient descent (a finite number > 0).
    #[arg(
        long,
        default_value_t = 1.0,
        value_parser = finite_positive,
        allow_negative_numbers = true,
    )]
    lr: f64,
    /// Steps of gradient descent on all four points.
    #[arg(
        long,
        default_value_t = 5000,
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

/// A trained net and what its training came to.
pub struct Fit {
    /// The network after training.
    pub net: MultiLayerNet<f64>,
    /// The loss before each step.
    pub losses: Vec<f64>,
    /// Points right, of 4.
    pub correct: usize,
}

impl Fit {
    fn outcome(&self) -> Outcome {
        Outcome::of(self.correct, &self.losses)
    }

    /// The loss after the last step.
    fn final_loss(&self) -> f64 {
        self.net
            .loss(&xor::inputs(), losses::Targets::Labels(&xor::LABELS))
    }
}

/// Trains both nets of `--seed`, prints them and the ten-seed summary, draws
/// the figure.
pub fn run(args: Args) -> anyhow::Result<()> {
    check_cost(&args)?;
    let out = OutDir::prepare(args.out.clone(), "xor", args.force, &["xor.svg".to_owned()])?;
    println!(
        "XOR by gradient descent on its four points: {} steps, lr {}, {} init, seed {}",
        args.iters, args.lr, args.init, args.seed
    );
    let single = fit(&args, &[], args.seed)?;
    println!("\nsingle layer (softmax regression, 2-2, no hidden layer):");
    print_fit(&single);
    print_identity(&single.net);
    let hidden = fit(&args, &[args.hidden], args.seed)?;
    println!(
        "\none hidden layer (2-{}-2, {}):",
        args.hidden, args.activation
    );
    print_fit(&hidden);
    summary(&args)?;

    let svg = plot::xor_svg(&[
        ("no hidden layer".to_owned(), &single),
        (
            format!("hidden layer of {} {}", args.hidden, args.activation),
            &hidden,
        ),
    ])?;
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

/// A net of `hidden` layer sizes from `seed`, trained on the four points.
fn fit(args: &Args, hidden: &[usize], seed: u64) -> anyhow::Result<Fit> {
    let mut rng = ChaCha12Rng::seed_from_u64(seed);
    let mut net = MultiLayerNet::new(2, hidden, 2, args.activation, args.init, &mut rng)?;
    let losses = xor::train(&mut net, args.lr, args.iters);
    let correct = xor::correct(&net);
    Ok(Fit {
        net,
        losses,
        correct,
    })
}

/// `P(class 1)` of each of the four points, `(4, 2)` softmax rows.
fn probabilities(net: &MultiLayerNet<f64>) -> DMatrix<f64> {
    tensor_ops::softmax_rows(&net.predict(&xor::inputs()))
}

/// The outputs on the four points, the final loss and accuracy.
fn print_fit(fit: &Fit) {
    let x = xor::inputs::<f64>();
    let y = probabilities(&fit.net);
    let predicted = tensor_ops::argmax_rows(&y);
    println!("  x1 x2  t   P(t=1)  predicted");
    for n in 0..4 {
        let mark = if predicted[n] == xor::LABELS[n] {
            ""
        } else {
            "  wrong"
        };
        println!(
            "  {:>2} {:>2} {:>2}   {:.4}  {}{mark}",
            x[(n, 0)],
            x[(n, 1)],
            xor::LABELS[n],
            y[(n, 1)],
            predicted[n]
        );
    }
    let why = match fit.outcome() {
        Outcome::Solved => String::new(),
        _ => format!(": {}", why(fit)),
    };
    println!(
        "  final loss {:.6}, accuracy {}/4{why}",
        fit.final_loss(),
        fit.correct
    );
}

/// Why a run that did not solve XOR stopped where it did.
fn why(fit: &Fit) -> String {
    let y = probabilities(&fit.net);
    let x = xor::inputs::<f64>();
    let undecided: Vec<String> = (0..4)
        .filter(|&n| (y[(n, 1)] - 0.5).abs() < UNDECIDED)
        .map(|n| format!("({}, {})", x[(n, 0)], x[(n, 1)]))
        .collect();
    match (fit.outcome(), undecided.len()) {
        (Outcome::Solved, _) => "solved".to_owned(),
        (Outcome::Stuck, 4) => "the loss stopped falling with P ~ 1/2 on all four points \
            (loss ~ ln 2): the best a line can do; which class wins such a near-tie is \
            rounding"
            .to_owned(),
        (Outcome::Stuck, 0) => "the loss stopped falling: a local minimum".to_owned(),
        (Outcome::Stuck, _) => format!(
            "the loss stopped falling with {} at P ~ 1/2 and the other points right: a \
             local minimum, where the hidden units drew one line instead of two",
            undecided.join(" and ")
        ),
        (Outcome::StillLearning, _) => {
            "the loss was still falling: more steps (--iters) may solve it".to_owned()
        }
    }
}

/// The single layer's scores obey `d(0,0) + d(1,1) = d(0,1) + d(1,0)` with
/// `d = score 1 - score 0`: shown on its outputs.
fn print_identity(net: &MultiLayerNet<f64>) {
    let scores = net.predict(&xor::inputs());
    let d: Vec<f64> = (0..4).map(|n| scores[(n, 1)] - scores[(n, 0)]).collect();
    println!(
        "  no line separates XOR: with d = score(1) - score(0), affine in x, \
         d(0,0) + d(1,1) = {:.3e} equals d(0,1) + d(1,0) = {:.3e}, so the two 1s \
         cannot both be on the other side from the two 0s: at most 3 of 4",
        d[0] + d[3],
        d[1] + d[2]
    );
}

/// How many of the ten seeds each net solves, and why the others fail.
fn summary(args: &Args) -> anyhow::Result<()> {
    let seeds = args.seed..args.seed.saturating_add(SEEDS);
    println!(
        "\nseeds {} to {} (same lr, steps and init):",
        seeds.start,
        seeds.end - 1
    );
    let mut sizes: Vec<usize> = SUMMARY_HIDDEN.to_vec();
    if !sizes.contains(&args.hidden) {
        sizes.push(args.hidden);
    }
    let mut layouts: Vec<(String, Vec<usize>)> =
        vec![("single layer (no hidden layer)".to_owned(), Vec::new())];
    layouts.extend(
        sizes
            .iter()
            .map(|&h| (format!("hidden layer of {h} {}", args.activation), vec![h])),
    );
    for (name, hidden) in layouts {
        let mut solved = 0;
        // Failures grouped by their reason: `(reason, ["seed (k/4, loss)"])`.
        let mut failures: Vec<(String, Vec<String>)> = Vec::new();
        for seed in seeds.clone() {
            let fit = fit(args, &hidden, seed)?;
            if fit.correct == 4 {
                solved += 1;
                continue;
            }
            let run = format!("{seed} ({}/4, loss {:.4})", fit.correct, fit.final_loss());
            let reason = why(&fit);
            match failures.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, runs)) => runs.push(run),
                None => failures.push((reason, vec![run])),
            }
        }
        println!("  {name}: {solved} of {SEEDS} seeds solve it");
        for (reason, runs) in failures {
            let seeds = if runs.len() == 1 { "seed" } else { "seeds" };
            println!("    {seeds} {}: {reason}", runs.join(", "));
        }
    }
    Ok(())
}
