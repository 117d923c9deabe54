//! `cargo xtask`: the command line of the workspace: fetch MNIST, train,
//! evaluate, check gradients, the chapter's figures and studies, a local
//! web page, benchmarks (`cargo xtask --help` lists them). Glue only: flags,
//! progress, files and exit codes; every algorithm lives in a library crate.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// The commands, one module each.
mod bench;
mod compare_runs;
mod eval;
mod fetch_mnist;
mod figures;
mod gradcheck;
mod gradient_descent;
mod init_study;
mod serve;
mod train;
mod xor;

// Glue they share: flags, units, where things live, the MNIST data, the
// pictures of a trained network.
mod data;
mod flags;
mod paths;
mod pictures;
mod units;

/// Neural-network learning from scratch (Deep Learning from Scratch, ch. 4-5).
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Download and verify the four MNIST files.
    FetchMnist(fetch_mnist::Args),
    /// Train the two-layer network on MNIST (fetches the data when missing).
    Train(train::Args),
    /// Evaluate a saved model: test accuracy and confusion matrix.
    Eval(eval::Args),
    /// Compare backprop against the numerical gradient on a real MNIST batch.
    Gradcheck(gradcheck::Args),
    /// The book's gradient-descent study on f(x0, x1) = x0^2 + x1^2, plotted.
    GradientDescent(gradient_descent::Args),
    /// Measure training, evaluation, loading and memory (release mode).
    Bench(bench::Args),
    /// Plot the train and test accuracy per epoch of several runs on one SVG.
    CompareRuns(compare_runs::Args),
    /// Chapter 4 in pictures: the nine figures and their index.md.
    Figures(figures::Args),
    /// XOR: a single layer cannot learn it, one small hidden layer can (xor.svg).
    Xor(xor::Args),
    /// The book's section 6.2: activations, vanishing gradients and training by initialisation.
    InitStudy(init_study::Args),
    /// A local web page: draw a digit, watch the network train, see its mistakes.
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::FetchMnist(args) => fetch_mnist::run(args),
        Command::Train(args) => train::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Gradcheck(args) => gradcheck::run(args),
        Command::GradientDescent(args) => gradient_descent::run(args),
        Command::Bench(args) => bench::run(args),
        Command::CompareRuns(args) => compare_runs::run(args),
        Command::Figures(args) => figures::run(args),
        Command::Xor(args) => xor::run(args),
        Command::InitStudy(args) => init_study::run(args),
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&error),
    }
}

/// Prints why a command failed and returns its exit code: 130 for a run
/// interrupted by Ctrl-C or SIGTERM (the shells' 128 + SIGINT), 2 for a
/// flag value refused (as clap does), 1 otherwise.
#[allow(clippy::print_stderr, reason = "the binary reports its error")]
fn report(error: &anyhow::Error) -> ExitCode {
    if let Some(interrupted) = error.downcast_ref::<train::Interrupted>() {
        eprintln!("{interrupted}");
        return ExitCode::from(130);
    }
    eprintln!("error: {error:#}");
    if error.downcast_ref::<flags::FlagError>().is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}
