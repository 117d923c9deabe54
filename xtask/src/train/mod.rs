//! `cargo xtask train`: the book's mini-batch training of the two-layer
//! network on MNIST (section 4.5), with every hyperparameter a flag.
//!
//! Finds (or fetches) the data, prints the book's per-epoch accuracy line,
//! draws a progress bar on a terminal, and writes the run directory:
//! `config.json`, `metrics.csv` (appended as the run goes), `loss.svg`,
//! `accuracy.svg` and `model.safetensors`, and the pictures of what the net
//! learned (`confusion.svg`, `misclassified.svg`, `weights.svg`). Every
//! flag is checked against what it would cost first
//! ([`runs::check_train`]); Ctrl-C or
//! SIGTERM stops the run after the current step, keeping its metrics, plots
//! and `model-interrupted.safetensors` ([`interrupt`]).

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command reports on stdout and warns on stderr"
)]

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use twolayer::{Activation, GradientMethod, Sampling, TrainConfig, TrainError, checkpoint};

use crate::data::MnistData;
use crate::flags::{FlagError, choice, finite_non_negative, finite_positive, positive_usize};
use runs::{Recorder, RunConfig, RunDir, RunRecord};

use crate::units::seconds;
use crate::{data, fetch_mnist, paths, pictures};

mod interrupt;
mod peak_memory;
mod progress;

pub use interrupt::Interrupted;
pub use progress::TrainProgress;
use progress::epoch_line;

/// Flags of `cargo xtask train`; the defaults are the book's (section 4.5.2),
/// taken from [`TrainConfig::default`].
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Width of the hidden layer.
    #[arg(
        long,
        default_value_t = TrainConfig::default().hidden,
        value_parser = positive_usize,
        allow_negative_numbers = true,
    )]
    hidden: usize,
    /// Learning rate of SGD (a finite number > 0).
    #[arg(
        long = "lr",
        value_name = "LR",
        default_value_t = TrainConfig::default().learning_rate,
        value_parser = finite_positive,
        allow_negative_numbers = true,
    )]
    learning_rate: f64,
    /// Samples per mini-batch (1 to the training set size).
    #[arg(
        long,
        default_value_t = TrainConfig::default().batch_size,
        value_parser = positive_usize,
        allow_negative_numbers = true,
    )]
    batch_size: usize,
    /// SGD steps.
    #[arg(
        long,
        default_value_t = TrainConfig::default().iters,
        value_parser = positive_usize,
        allow_negative_numbers = true,
    )]
    iters: usize,
    /// Activation of the hidden layer.
    #[arg(long, default_value_t = TrainConfig::default().activation, value_parser = choice(Activation::CHOICES))]
    activation: Activation,
    /// Standard deviation of the initial weights (finite, >= 0).
    #[arg(
        long,
        default_value_t = TrainConfig::default().weight_init_std,
        value_parser = finite_non_negative,
        allow_negative_numbers = true,
    )]
    weight_init_std: f64,
    /// Seed of the weight initialization and the batch sampling.
    #[arg(long, default_value_t = TrainConfig::default().seed)]
    seed: u64,
    /// How to compute the gradient: backprop (chapter 5) or the book's
    /// numerical gradient (chapter 4), computed exactly by the fast method
    /// (a few milliseconds per step instead of the book loop's ~20 s).
    #[arg(
        long,
        default_value_t = TrainConfig::default().gradient,
        value_parser = choice(GradientMethod::CHOICES),
    )]
    gradient: GradientMethod,
    /// How to draw mini-batches: with replacement (the book's
    /// `np.random.choice`) or an epoch-wise shuffle without replacement.
    #[arg(long, default_value_t = TrainConfig::default().sampling, value_parser = choice(Sampling::CHOICES))]
    sampling: Sampling,
    /// Where to write the run (new or empty) [default: runs/<UTC timestamp>
    /// in the workspace].
    #[allow(
        rustdoc::invalid_html_tags,
        reason = "clap prints this comment as --help, where <UTC timestamp> reads as meant"
    )]
    #[arg(long, value_name = "DIR")]
    run_dir: Option<PathBuf>,
    /// Train on the four IDX files in --data-dir as they are, without
    /// downloading or checking them against MNIST's checksums: a data set
    /// of your own in MNIST's format (28x28 images, 10 classes), such as
    /// Fashion-MNIST.
    #[arg(long, requires = "dir")]
    unverified: bool,
    #[command(flatten)]
    fetch: fetch_mnist::FetchArgs,
}

impl Args {
    fn train_config(&self) -> TrainConfig {
        TrainConfig {
            hidden: self.hidden,
            activation: self.activation,
            weight_init_std: self.weight_init_std,
            learning_rate: self.learning_rate,
            batch_size: self.batch_size,
            iters: self.iters,
            seed: self.seed,
            sampling: self.sampling,
            gradient: self.gradient,
        }
    }
}

/// Trains, writes the run directory and prints a summary.
pub fn run(args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let config = args.train_config();
    // Every flag is checked before anything is made or allocated; then the
    // run directory, so a bad --run-dir fails before any download.
    runs::check_train(&config)?;
    let run_dir = RunDir::create(args.run_dir.as_deref(), &paths::runs_dir())?;
    let outcome = train_into(&args, &config, &run_dir, started);
    match &outcome {
        // An interrupted run's files say so (model-interrupted.safetensors).
        Err(error) if error.downcast_ref::<Interrupted>().is_none() => {
            run_dir.release_failed(&format!("{error:#}"));
        }
        _ => run_dir.release(),
    }
    outcome
}

/// The run of [`run`] once its directory is claimed.
fn train_into(
    args: &Args,
    config: &TrainConfig,
    run_dir: &RunDir,
    started: Instant,
) -> anyhow::Result<()> {
    // The directory is removed again if the data fails (only if still empty).
    let mnist = load_checked(args, config).inspect_err(|_| run_dir.remove_if_empty())?;
    let (train, test) = (mnist.train()?, mnist.test()?);
    let loaded = started.elapsed();

    let run_config = RunConfig::new(config, &mnist.dir, train.len(), test.len());
    run_dir.write("config.json", run_config.to_json()?.as_bytes())?;
    eprintln!("writing the run to {}", run_dir.path().display());
    if config.gradient == GradientMethod::Numerical {
        eprintln!("{}", runs::NumericalCost::measure(config, &train));
    }

    let progress = TrainProgress::new(config.iters, std::io::stderr().is_terminal());
    let stop = interrupt::stop_on_signal()?;
    let doctor = doctor::Doctor::for_run(config, &train, &test);
    let metrics = run_dir.file("metrics.csv");
    let mut recorder = Recorder::new(progress, &metrics, Arc::clone(&stop), doctor)?;
    let training_started = Instant::now();
    let outcome = twolayer::fast::train(&train, &test, config, &mut recorder);
    let training = training_started.elapsed();
    let (progress, record) = recorder.finish(&outcome);
    let timing = progress.finish();
    let record = record?;

    let report = match outcome {
        Ok(report) => report,
        Err(TrainError::NonFiniteLoss { iteration, .. }) => {
            write_record(run_dir, &record)?;
            print!("{}", doctor::summary(&record.findings));
            anyhow::bail!(
                "training stopped at iteration {iteration}: the loss is not finite (the finding \
                 above says what to try); kept config.json, metrics.csv, findings.json, loss.svg \
                 and accuracy.svg in {}, no model",
                run_dir.path().display()
            );
        }
        Err(error) => return Err(error.into()),
    };
    if let Some(iterations) = report.stopped_after {
        write_record(run_dir, &record)?;
        let model = run_dir.file("model-interrupted.safetensors");
        checkpoint::save(&model, &report.net)
            .with_context(|| format!("cannot save the model to {}", model.display()))?;
        eprintln!(
            "kept config.json, metrics.csv, findings.json, loss.svg, accuracy.svg and \
                 model-interrupted.safetensors (the network after iteration {iterations})"
        );
        return Err(Interrupted {
            iteration: iterations,
            iters: config.iters,
            dir: run_dir.path().to_owned(),
        }
        .into());
    }
    write_record(run_dir, &record)?;
    let model = run_dir.file("model.safetensors");
    checkpoint::save(&model, &report.net)
        .with_context(|| format!("cannot save the model to {}", model.display()))?;

    // A signal during the pictures and the final evaluation (minutes at a
    // large --hidden) stops them between steps; the model is kept.
    eprintln!("training done: drawing the pictures, then the final evaluation (Ctrl-C skips them)");
    let interrupted =
        |skipped: &str| interrupt::after_training(&stop, skipped, config.iters, run_dir.path());
    if let Some(stopped) = interrupted("the final pictures were not drawn") {
        return Err(stopped.into());
    }
    pictures::write_pictures(
        run_dir.path(),
        "--run-dir",
        &report.net,
        &test,
        &runs::pictures::model_name(&model),
        false,
        &[],
    )?;
    let accuracies = runs::final_accuracies(&report.net, &train, &test, &stop);
    if let Some(stopped) = interrupted("the final evaluation was stopped") {
        return Err(stopped.into());
    }
    let (train_acc, test_acc) = accuracies.context("the final evaluation stopped")?;
    let samples = timing.steps * config.batch_size;
    println!("final {}", epoch_line(train_acc, test_acc));
    if let Some(note) = runs::sampling_note(config, train.len(), report.never_drawn) {
        println!("{note}");
    }
    println!(
        "wall time {}: loading {}, training {} (SGD steps {}, accuracy evaluations {} (x{}))",
        seconds(started.elapsed()),
        seconds(loaded),
        seconds(training),
        seconds(timing.step_time),
        seconds(timing.eval_time),
        record.epochs.len(),
    );
    println!(
        "throughput {:.0} samples/s ({} steps x {} samples / {} in steps: batch sampling, \
         gradient, update and batch loss; evaluations excluded)",
        samples as f64 / timing.step_time.as_secs_f64().max(1e-9),
        timing.steps,
        config.batch_size,
        seconds(timing.step_time),
    );
    if let Some(peak) = peak_memory::peak_rss_bytes() {
        println!("{}", peak_memory::peak_line(peak));
    }
    println!(
        "run written to {}: config.json, metrics.csv, findings.json, loss.svg, accuracy.svg, \
         model.safetensors, confusion.svg, misclassified.svg, weights.svg",
        run_dir.path().display()
    );
    print!("{}", doctor::summary(&record.findings));
    Ok(())
}

/// Writes `findings.json`, `loss.svg` (from the sampled losses) and `accuracy.svg`.
fn write_record(run_dir: &RunDir, record: &RunRecord) -> anyhow::Result<()> {
    run_dir.write("findings.json", record.findings_json()?.as_bytes())?;
    for (name, contents) in runs::pictures::plot_files(record)? {
        run_dir.write(&name, &contents)?;
    }
    Ok(())
}

/// Finds or fetches MNIST (or takes `--data-dir` as it is with
/// `--unverified`), loads it, and checks `config` against it.
fn load_checked(args: &Args, config: &TrainConfig) -> anyhow::Result<MnistData> {
    let mnist = match (&args.fetch.dir, args.unverified) {
        (Some(dir), true) => data::load_as_is(dir.clone(), data::Needs::Both)?,
        _ => data::load(&args.fetch, data::Needs::Both)?,
    };
    let train_len = mnist.train()?.len();
    if config.batch_size > train_len {
        return Err(FlagError::new(
            "--batch-size",
            config.batch_size,
            format!("expected at most the training set size {train_len}"),
        )
        .into());
    }
    config.validate(train_len)?;
    Ok(mnist)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn defaults_are_the_books() -> anyhow::Result<()> {
        let cli = Cli::try_parse_from(["train"])?;
        let book = TrainConfig::default();
        let ours = cli.args.train_config();
        assert_eq!(
            (ours.hidden, ours.batch_size, ours.iters, ours.seed),
            (book.hidden, book.batch_size, book.iters, book.seed)
        );
        assert_eq!(
            (ours.learning_rate, ours.weight_init_std),
            (book.learning_rate, book.weight_init_std)
        );
        assert_eq!(
            (ours.activation, ours.sampling, ours.gradient),
            (book.activation, book.sampling, book.gradient)
        );
        Ok(())
    }

    #[test]
    fn bad_values_name_the_flag_and_the_value() {
        for (flag, value, expected) in [
            ("--lr", "inf", "finite number > 0"),
            ("--lr", "0", "finite number > 0"),
            ("--batch-size", "0", "integer >= 1"),
            ("--iters", "0", "integer >= 1"),
            ("--activation", "tanh", "sigmoid"),
            ("--sampling", "bootstrap", "replacement"),
            ("--gradient", "magic", "backprop"),
        ] {
            let error = Cli::try_parse_from(["train", flag, value])
                .expect_err("a bad value is refused")
                .to_string();
            let first = error.lines().next().unwrap_or_default();
            assert!(
                first.contains(flag) && first.contains(value) && error.contains(expected),
                "{flag} {value}: {error}"
            );
        }
    }
}
