//! Times one call of the numerical gradient on the book's 784-50-10 network
//! with a batch of 100 real MNIST images: the book's loop
//! (`TwoLayerNet::numerical_gradient`) once, then `FastNumericalGradient`
//! many times, and how far apart their results are.
//!
//! ```text
//! MNIST_DIR=/path/to/mnist cargo run --release -p twolayer --example numerical_gradient_speed [-- --fast-only]
//! ```
#![allow(clippy::print_stdout, reason = "an example that reports timings")]

use std::error::Error;
use std::time::{Duration, Instant};

use losses::Targets;
use nalgebra::DMatrix;
use rand::rngs::ChaCha12Rng;
use rand::{RngExt, SeedableRng};
use twolayer::fast::FastNumericalGradient;
use twolayer::gradient_check::max_abs_diff;
use twolayer::{Activation, Dataset, Params, TwoLayerNet};

/// Calls of the fast gradient timed per configuration.
const FAST_CALLS: usize = 200;

fn main() -> Result<(), Box<dyn Error>> {
    let fast_only = std::env::args().any(|arg| arg == "--fast-only");
    let dir = std::env::var_os("MNIST_DIR")
        .ok_or("set MNIST_DIR to the directory of the four MNIST files")?;
    let mnist = mnist_data::load(std::path::Path::new(&dir))?;
    let (pixels, digits) = (mnist.train.images.as_bytes(), mnist.train.labels.digits());
    let train = Dataset::new(pixels, digits, mnist_data::PIXELS, mnist_data::CLASSES)?;
    let mut rng = ChaCha12Rng::seed_from_u64(42);
    let indices: Vec<usize> = (0..100).map(|_| rng.random_range(0..train.len())).collect();
    let (x, t) = train.batch::<f64>(&indices);
    let nonzero = x.iter().filter(|&&v| v != 0.0).count();
    println!(
        "784-50-10, batch of 100 MNIST training images ({:.1}% of the pixels non-zero), {} threads",
        100.0 * nonzero as f64 / x.len() as f64,
        FastNumericalGradient::new().threads()
    );

    for activation in [Activation::Sigmoid, Activation::Relu] {
        let net = TwoLayerNet::<f64>::new(784, 50, 10, 0.01, activation, &mut rng);
        let mut fast = FastNumericalGradient::new();
        let fast_time = time_calls(|| fast.gradient(&net, &x, Targets::Labels(&t)));
        println!("{activation} f64: fast {}", fast_time.describe());

        let net32 = TwoLayerNet::from_params(
            Params {
                w1: net.params.w1.map(|v| v as f32),
                b1: net.params.b1.map(|v| v as f32),
                w2: net.params.w2.map(|v| v as f32),
                b2: net.params.b2.map(|v| v as f32),
            },
            activation,
        );
        let x32: DMatrix<f32> = x.map(|v| v as f32);
        let fast32_time = time_calls(|| fast.gradient(&net32, &x32, Targets::Labels(&t)));
        println!("{activation} f32: fast {}", fast32_time.describe());

        if fast_only {
            continue;
        }
        let start = Instant::now();
        let book = net.numerical_gradient(&x, Targets::Labels(&t));
        let book_time = start.elapsed();
        let grad = fast.gradient(&net, &x, Targets::Labels(&t));
        println!(
            "{activation} f64: book's loop {:.2} s, {:.0}x the fast median; max |fast - book| = {:.1e}",
            book_time.as_secs_f64(),
            book_time.as_secs_f64() / fast_time.median.as_secs_f64(),
            max_abs_diff(&grad, &book)
        );
    }
    Ok(())
}

/// The spread of [`FAST_CALLS`] timed calls (after one untimed warm-up call).
struct Timing {
    min: Duration,
    median: Duration,
    max: Duration,
}

impl Timing {
    fn describe(&self) -> String {
        format!(
            "median {:.2} ms (min {:.2}, max {:.2}) over {FAST_CALLS} calls",
            self.median.as_secs_f64() * 1e3,
            self.min.as_secs_f64() * 1e3,
            self.max.as_secs_f64() * 1e3
        )
    }
}

fn time_calls<R>(mut call: impl FnMut() -> R) -> Timing {
    std::hint::black_box(call());
    let mut times: Vec<Duration> = (0..FAST_CALLS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(call());
            start.elapsed()
        })
        .collect();
    times.sort();
    Timing {
        min: times[0],
        median: times[times.len() / 2],
        max: times[times.len() - 1],
    }
}
