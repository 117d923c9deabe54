//! Times the book's default training run (`TrainConfig::default()`: 10,000
//! iterations of batch 100 on 784-50-10 in `f32`, 17 evaluations of 70,000
//! images) on random data shaped like MNIST, without needing MNIST.
//!
//! `cargo run --release -p twolayer --example train_synthetic [iters]`
#![allow(clippy::print_stdout, reason = "an example prints its results")]

use std::time::Instant;

use rand::rngs::ChaCha12Rng;
use rand::{RngExt, SeedableRng};
use twolayer::fast::train;
use twolayer::{Dataset, EpochStats, TrainConfig, TrainObserver};

/// Random images: a fifth of the pixels lit, as in MNIST; random labels.
fn random_set(samples: usize, rng: &mut ChaCha12Rng) -> (Vec<u8>, Vec<u8>) {
    let inputs = (0..samples * 784)
        .map(|_| {
            if rng.random_bool(0.2) {
                rng.random()
            } else {
                0
            }
        })
        .collect();
    let labels = (0..samples).map(|_| rng.random_range(0..10)).collect();
    (inputs, labels)
}

/// Prints each epoch's accuracies and when they came.
struct Progress(Instant);

impl TrainObserver for Progress {
    fn on_epoch(&mut self, stats: &EpochStats) {
        println!(
            "epoch {:2} (iteration {:5}, {:6.2} s): train acc {:.4}, test acc {:.4}",
            stats.epoch,
            stats.iteration,
            self.0.elapsed().as_secs_f64(),
            stats.train_acc,
            stats.test_acc
        );
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = ChaCha12Rng::seed_from_u64(0);
    let (train_inputs, train_labels) = random_set(60_000, &mut rng);
    let (test_inputs, test_labels) = random_set(10_000, &mut rng);
    let train_set = Dataset::new(&train_inputs, &train_labels, 784, 10)?;
    let test_set = Dataset::new(&test_inputs, &test_labels, 784, 10)?;

    let mut config = TrainConfig::default();
    if let Some(iters) = std::env::args().nth(1) {
        config.iters = iters.parse()?;
    }
    println!("{config:?}");
    let start = Instant::now();
    let report = train(&train_set, &test_set, &config, &mut Progress(start))?;
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{} iterations in {seconds:.2} s ({:.3} ms each, evaluations included); last loss {:.4}",
        report.losses.len(),
        seconds * 1000.0 / report.losses.len() as f64,
        report.losses.last().copied().unwrap_or(f64::NAN)
    );
    Ok(())
}
