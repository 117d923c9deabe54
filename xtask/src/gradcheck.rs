//! `cargo xtask gradcheck`: the book's `gradient_check.py` (section 5.7.3)
//! on a real MNIST batch: backprop against the numerical gradient, parameter
//! by parameter, with the time each took.
//!
//! The network is the book's untrained 784-50-10 in `f64` (`W ~ 0.01 N(0, 1)`
//! drawn from `--seed`, biases zero); the batch is the first `--batch-size`
//! training images with their labels (the book takes `x_train[:3]`), so a
//! run is reproducible without a sampler. The numerical gradient is the
//! exact fast one ([`FastNumericalGradient`], the same definition as the
//! book's loop); `--reference` runs the book's loop itself (two forward
//! passes per parameter: tens of seconds).
//!
//! Two known differences are reported, not hidden: backprop leaves out the
//! loss's `1e-7` (about 1e-7 on `W2` and `b2`), and with ReLU a parameter
//! whose step crosses the kink at 0 gets a central difference that averages
//! both slopes ([`ReluKinks`]; up to about 1e-4 on a batch of 100).
//! The verdict counts both: `--tol` applies to every element. Each
//! parameter over it gets its likely cause (`numdiff::diagnose`).
//! `--dtype f32` builds the network in `f32` and takes the book's loop in
//! `f32` (the fast one computes in `f64`): the check then shows f32's rounding.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command reports on stdout and warns on stderr"
)]

use std::time::{Duration, Instant};

use losses::Targets;
use nalgebra::DMatrix;
use numdiff::CheckContext;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use tensor_ops::Real;
use twolayer::fast::FastNumericalGradient;
use twolayer::gradient_check::{ReluKinks, diagnoses, kinks_note, max_abs_diff, table, verdict};
use twolayer::{Activation, Dataset, GradientCheck, Params, TwoLayerNet};

use crate::data;
use crate::fetch_mnist::FetchArgs;
use crate::flags::{choice, finite_non_negative, positive_usize};
use crate::units::short_duration;

/// The book's hidden width and weight scale (`TwoLayerNet(784, 50, 10)`).
const HIDDEN: usize = 50;
const WEIGHT_INIT_STD: f64 = 0.01;

/// Flags of `cargo xtask gradcheck`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Images in the batch: the first N of the training set (1 to 60,000).
    #[arg(
        long,
        default_value_t = twolayer::TrainConfig::default().batch_size,
        value_parser = positive_usize,
        allow_negative_numbers = true,
    )]
    batch_size: usize,
    /// Activation of the hidden layer.
    #[arg(
        long,
        default_value_t = twolayer::TrainConfig::default().activation,
        value_parser = choice(Activation::CHOICES)
    )]
    activation: Activation,
    /// Seed of the weight initialization (train's default seed by default).
    #[arg(long, default_value_t = twolayer::TrainConfig::default().seed)]
    seed: u64,
    /// Largest max |backprop - numerical| allowed for any parameter (finite,
    /// >= 0); above it the command fails.
    #[arg(
        long,
        default_value = "1e-6",
        value_parser = finite_non_negative,
        allow_negative_numbers = true,
    )]
    tol: f64,
    /// Use the book's loop for the numerical gradient (2 x 39,760 forward
    /// passes of the batch: about 30 s for 100 images) instead of the exact
    /// fast one.
    #[arg(long)]
    reference: bool,
    /// Float type of the network and both gradients (f32 takes the book's loop).
    #[arg(long, default_value = "f64", value_parser = choice(&[("f32", "f32"), ("f64", "f64")]))]
    dtype: &'static str,
    #[command(flatten)]
    fetch: FetchArgs,
}

/// Builds the network and batch, times both gradients, prints the table and
/// fails if a parameter's max difference exceeds `--tol`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mnist = data::load(&args.fetch, data::Needs::Train)?;
    let train = mnist.train()?;
    if args.batch_size > train.len() {
        return Err(crate::flags::FlagError::new(
            "--batch-size",
            args.batch_size,
            format!("expected at most the training set size {}", train.len()),
        )
        .into());
    }
    let dir = mnist.dir.display().to_string();
    match args.dtype {
        "f32" => check::<f32>(&args, &train, &dir),
        _ => check::<f64>(&args, &train, &dir),
    }
}

/// The check in `T` on the first `--batch-size` images of `train` (read from `dir`).
fn check<T: Real>(args: &Args, train: &Dataset<'_>, dir: &str) -> anyhow::Result<()> {
    let indices: Vec<usize> = (0..args.batch_size).collect();
    let (x, t) = train.batch::<T>(&indices);
    let t = Targets::Labels(&t);
    let mut net = TwoLayerNet::<T>::new(
        train.features(),
        HIDDEN,
        train.classes(),
        WEIGHT_INIT_STD,
        args.activation,
        &mut ChaCha12Rng::seed_from_u64(args.seed),
    );
    let (input, hidden, output) = net.dims();
    println!(
        "gradient check (book section 5.7.3): {input}-{hidden}-{output} network, {}, {}, \
         W ~ {WEIGHT_INIT_STD} N(0, 1) from seed {}, untrained",
        args.activation,
        T::NAME,
        args.seed
    );
    println!(
        "batch: the first {} MNIST training images of {dir}, labels as targets",
        args.batch_size
    );

    let started = Instant::now();
    let backprop = net.gradient(&x, t);
    let backprop_time = started.elapsed();

    let mut fast = FastNumericalGradient::new();
    let started = Instant::now();
    let fast_grad = fast.gradient(&net, &x, t);
    let fast_time = started.elapsed();
    let (numerical, numerical_time, method) = if args.reference || T::NAME == "f32" {
        let flag = if args.reference {
            "--reference"
        } else {
            "--dtype f32"
        };
        let (grad, time) = reference_gradient(&net, &x, t, flag);
        let agreement = max_abs_diff(&fast_grad, &grad);
        println!("the exact fast numerical gradient is within {agreement:.1e} of the book's loop");
        let method = format!(
            "the book's loop in {}; the exact fast one (in f64) took {}",
            T::NAME,
            short_duration(fast_time)
        );
        (grad, time, method)
    } else {
        let method = format!(
            "exact fast, {} threads; --reference for the book's loop",
            fast.threads()
        );
        (fast_grad, fast_time, method)
    };

    let check = GradientCheck::between(&backprop, &numerical);
    print!("{}", table(&check, &backprop));
    println!(
        "time per call: backprop {}, numerical gradient {} ({method})",
        short_duration(backprop_time),
        short_duration(numerical_time)
    );
    println!(
        "note: backprop's dL/da2 = (y - t) / N leaves out the 1e-7 that the loss adds inside \
         its log; the numerical gradient sees it, so W2 and b2 differ by up to about 1e-7"
    );
    let kinks = ReluKinks::find(&net, &x, numdiff::H);
    let elsewhere = (!kinks.is_empty()).then(|| kinks.check_elsewhere(&backprop, &numerical));
    if let Some(elsewhere) = &elsewhere {
        println!("{}", kinks_note(&kinks, elsewhere, numdiff::H));
    }
    let context = CheckContext::new::<T>(args.batch_size, numdiff::H, net.loss(&x, t).to_f64());
    for (name, diagnosis) in diagnoses(
        &check,
        args.tol,
        &backprop,
        &numerical,
        &context,
        Some(&kinks),
    ) {
        println!("{name}: {diagnosis}");
    }
    println!(
        "{}",
        verdict(&check, args.tol, elsewhere.as_ref()).map_err(anyhow::Error::msg)?
    );
    Ok(())
}

/// The book's `numerical_gradient(x, t)` and its time, after a warning
/// with an estimate from the time of a forward pass.
fn reference_gradient<T: Real>(
    net: &TwoLayerNet<T>,
    x: &DMatrix<T>,
    t: Targets<'_, T>,
    flag: &str,
) -> (Params<T>, Duration) {
    let (input, hidden, output) = net.dims();
    let passes = 2 * (input * hidden + hidden + hidden * output + output);
    // The fastest of a few passes: the first one also warms the caches.
    let one = (0..5)
        .map(|_| {
            let started = Instant::now();
            let _ = net.loss(x, t);
            started.elapsed()
        })
        .min()
        .unwrap_or_default();
    eprintln!(
        "warning: {flag} runs the book's loop: {passes} forward passes of the batch; one \
         took {}, so expect about {}",
        short_duration(one),
        short_duration(one * u32::try_from(passes).unwrap_or(u32::MAX))
    );
    let started = Instant::now();
    let grad = net.numerical_gradient(x, t);
    (grad, started.elapsed())
}
