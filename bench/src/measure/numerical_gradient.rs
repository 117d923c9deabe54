//! One numerical gradient of the book's 784-50-10 network on a batch of 100
//! real images, timed both ways: the book's loop
//! ([`TwoLayerNet::numerical_gradient`], about 80,000 forward passes, once)
//! and [`FastNumericalGradient`] (the median of many calls), on the same
//! network and batch, with how far apart their results are.

use std::time::Instant;

use losses::Targets;
use rand::rngs::ChaCha12Rng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;
use twolayer::fast::FastNumericalGradient;
use twolayer::gradient_check::max_abs_diff;
use twolayer::{Activation, Dataset, TwoLayerNet};

/// One numerical gradient of the 784-50-10 sigmoid network (`f64`) on a batch
/// of real training images.
#[derive(Debug, Clone, Serialize)]
pub struct NumericalGradient {
    /// Images in the batch.
    pub batch: usize,
    /// Threads [`FastNumericalGradient`] uses.
    pub fast_threads: usize,
    /// Every timed call of [`FastNumericalGradient::gradient`], seconds.
    pub fast_runs_s: Vec<f64>,
    /// The one call of the book's loop, `TwoLayerNet::numerical_gradient`,
    /// seconds (`None` when skipped).
    pub reference_s: Option<f64>,
    /// The largest |fast - reference| over the 39,760 parameters.
    pub max_abs_diff: Option<f64>,
}

/// Times `calls` fast numerical gradients (after one warm-up) and, if
/// `reference`, one call of the book's loop on the same network and batch.
pub fn time_numerical_gradient(
    train: &Dataset<'_>,
    batch: usize,
    calls: usize,
    reference: bool,
) -> NumericalGradient {
    let mut rng = ChaCha12Rng::seed_from_u64(42);
    let (input, classes) = (train.features(), train.classes());
    let net = TwoLayerNet::<f64>::new(input, 50, classes, 0.01, Activation::Sigmoid, &mut rng);
    let indices: Vec<usize> = (0..batch)
        .map(|_| rng.random_range(0..train.len()))
        .collect();
    let (x, t) = train.batch::<f64>(&indices);
    let t = Targets::Labels(&t);

    let mut fast = FastNumericalGradient::new();
    let fast_grad = fast.gradient(&net, &x, t);
    let fast_runs_s = (0..calls)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(fast.gradient(&net, &x, t));
            started.elapsed().as_secs_f64()
        })
        .collect();
    let (reference_s, max_abs_diff) = if reference {
        let started = Instant::now();
        let book = net.numerical_gradient(&x, t);
        let seconds = started.elapsed().as_secs_f64();
        (Some(seconds), Some(max_abs_diff(&fast_grad, &book)))
    } else {
        (None, None)
    };
    NumericalGradient {
        batch,
        fast_threads: fast.threads().get(),
        fast_runs_s,
        reference_s,
        max_abs_diff,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_give_the_same_gradient() -> Result<(), twolayer::DatasetError> {
        let inputs: Vec<u8> = (0..40).flat_map(|n| [n * 6, 0, 255 - n, 9]).collect();
        let labels: Vec<u8> = (0..40).map(|n| n % 3).collect();
        let data = Dataset::new(&inputs, &labels, 4, 3)?;
        let timed = time_numerical_gradient(&data, 5, 2, true);
        assert_eq!((timed.batch, timed.fast_runs_s.len()), (5, 2));
        assert!(timed.reference_s.is_some());
        assert!(timed.max_abs_diff.is_some_and(|diff| diff < 1e-9));
        let fast_only = time_numerical_gradient(&data, 5, 1, false);
        assert_eq!(
            (fast_only.reference_s, fast_only.max_abs_diff),
            (None, None)
        );
        Ok(())
    }
}
