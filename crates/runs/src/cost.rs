//! What a training run's knobs would cost (the flags of `cargo xtask train`,
//! the page's runs), checked before the run directory is made or anything
//! allocated: a value that cannot fit is a [`FlagError`] naming the flag and
//! the cost.

use mnist_data::{CLASSES, PIXELS};
use twolayer::{MAX_WEIGHT_INIT_STD, TrainConfig};

use crate::budget::{self, FlagError, check_memory, check_output, product};

/// Bytes per parameter of the network, over all its copies: the network,
/// its fast layout, the gradient, each thread's share of it, the copies
/// made to evaluate and save (8 copies of 4-byte floats, generously).
const BYTES_PER_PARAM: u64 = 32;
/// Bytes per (sample, hidden unit) of a batch: the activations of the
/// forward and backward passes and the numerical gradient's buffers.
const BYTES_PER_ACTIVATION: u64 = 32;
/// The data set in memory: the images as bytes and their non-zero list.
const DATA_BYTES: u64 = 256 << 20;
/// Bytes of the run's files per hidden unit: its weights and bias in
/// `model.safetensors` (4-byte floats), and its tile in `weights.svg`
/// (about 2.75 kB measured at `--hidden 800000`, rounded up).
const FILE_BYTES_PER_HIDDEN: u64 = (PIXELS as u64 + CLASSES as u64 + 1) * 4 + 3000;
/// The longest row of `metrics.csv` without accuracies
/// (`123456789,2.3025850929940455,,`), with its newline.
const METRICS_ROW_BYTES: u64 = 32;

/// Checks the knobs' values against f32, the memory available and the
/// files the run would write.
///
/// # Errors
/// A [`FlagError`] naming the first knob (by its flag) that does not fit.
pub fn check_train(config: &TrainConfig) -> Result<(), FlagError> {
    // The bounds checked are the ones the message prints: the smallest
    // and the largest positive f32.
    let (smallest, largest) = (f32::from_bits(1), f32::MAX);
    let lr = config.learning_rate;
    if !(lr >= f64::from(smallest) && lr <= f64::from(largest)) {
        return Err(FlagError::new(
            "--lr",
            lr,
            format!("expected a number from {smallest:?} to {largest:?} (training runs in f32)"),
        ));
    }
    if config.weight_init_std > MAX_WEIGHT_INIT_STD {
        return Err(FlagError::new(
            "--weight-init-std",
            config.weight_init_std,
            format!(
                "expected at most {MAX_WEIGHT_INIT_STD:?} (larger initial weights are infinite \
                 in f32)"
            ),
        ));
    }
    let available = budget::available_memory();
    let hidden = config.hidden as u64;
    let params_per_hidden = (PIXELS + CLASSES + 2) as u64;
    let network = product(&[hidden, params_per_hidden, BYTES_PER_PARAM])
        .and_then(|bytes| bytes.checked_add(DATA_BYTES));
    check_memory("--hidden", config.hidden, "the network", network, available)?;
    let per_sample = product(&[hidden, BYTES_PER_ACTIVATION])
        .and_then(|bytes| bytes.checked_add(PIXELS as u64 * 4));
    let batch = per_sample.and_then(|bytes| bytes.checked_mul(config.batch_size as u64));
    let with_batch = batch.zip(network).and_then(|(b, n)| b.checked_add(n));
    check_memory(
        "--batch-size",
        config.batch_size,
        &format!("a batch of that size with --hidden {}", config.hidden),
        with_batch,
        available,
    )?;
    check_files(config)
}

/// Checks the files the run would write, every one counted: the model and
/// `weights.svg` grow with `--hidden`, `metrics.csv` with `--iters`.
fn check_files(config: &TrainConfig) -> Result<(), FlagError> {
    let per_hidden = product(&[config.hidden as u64, FILE_BYTES_PER_HIDDEN]);
    check_output(
        "--hidden",
        config.hidden,
        "model.safetensors and weights.svg",
        per_hidden,
    )?;
    let metrics = product(&[config.iters as u64, METRICS_ROW_BYTES]);
    check_output(
        "--iters",
        config.iters,
        "metrics.csv (a row per iteration) with the model and weights.svg",
        metrics.zip(per_hidden).and_then(|(m, h)| m.checked_add(h)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_counts_a_huge_hidden_layer_is_refused_with_its_size() {
        let config = TrainConfig {
            hidden: 800_000,
            ..Default::default()
        };
        // Refused for its memory too on most machines; its files alone:
        let error = check_files(&config).expect_err("refused").to_string();
        assert_eq!(
            error,
            "invalid value '800000' for '--hidden': model.safetensors and weights.svg would \
             take about 4.9 GB of disk, more than the 4.3 GB one command may write"
        );
    }

    #[test]
    fn learning_rates_outside_f32_name_the_bounds_checked() {
        for (lr, value) in [(1e-300, "1e-300"), (1e300, "1e300"), (1e-46, "1e-46")] {
            let config = TrainConfig {
                learning_rate: lr,
                ..Default::default()
            };
            let error = check_train(&config).expect_err("refused").to_string();
            assert_eq!(
                error,
                format!(
                    "invalid value '{value}' for '--lr': expected a number from 1e-45 to \
                     3.4028235e38 (training runs in f32)"
                )
            );
        }
        for lr in [1.401_298_464_324_817e-45, f64::from(f32::MAX)] {
            let config = TrainConfig {
                learning_rate: lr,
                ..Default::default()
            };
            assert!(check_train(&config).is_ok(), "{lr:?}");
        }
    }

    #[test]
    fn every_size_flag_is_bounded_and_named() {
        check_train(&TrainConfig::default()).expect("the book's run fits");
        for (config, flag) in [
            (
                TrainConfig {
                    hidden: usize::MAX,
                    ..Default::default()
                },
                "--hidden",
            ),
            (
                TrainConfig {
                    hidden: 1 << 40,
                    ..Default::default()
                },
                "--hidden",
            ),
            (
                TrainConfig {
                    batch_size: usize::MAX,
                    ..Default::default()
                },
                "--batch-size",
            ),
            (
                TrainConfig {
                    iters: usize::MAX,
                    ..Default::default()
                },
                "--iters",
            ),
            (
                TrainConfig {
                    iters: 100_000_000_000,
                    ..Default::default()
                },
                "--iters",
            ),
            (
                TrainConfig {
                    learning_rate: 1e300,
                    ..Default::default()
                },
                "--lr",
            ),
            (
                TrainConfig {
                    weight_init_std: 1e300,
                    ..Default::default()
                },
                "--weight-init-std",
            ),
        ] {
            let message = check_train(&config).expect_err(flag).to_string();
            assert!(message.contains(&format!("for '{flag}'")), "{message}");
            assert!(
                !message.contains("000000000000000000000"),
                "compact: {message}"
            );
        }
    }
}
