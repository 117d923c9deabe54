//! Criterion benches of the kernels behind `cargo xtask bench`, for the
//! book's 784-50-10 sigmoid network (`f32`) and a batch of 100, on random
//! MNIST-like data (no download needed):
//!
//! - `forward`: the dense `predict`, the scores `h(x W1 + b1) W2 + b2` of
//!   a batch already in `f32`; and the fast path's forward pass and loss
//!   from the bytes (`FastBackprop::loss`, sparse first layer);
//! - `backward`: the gradient by backprop, forward and backward passes, the
//!   dense `TwoLayerNet::gradient` and `FastBackprop::gradient` (which also
//!   lays the weights out for the fast path on every call);
//! - `softmax_with_loss`: forward and backward on the `(100, 10)` scores;
//! - `batch_gather`: 100 random rows of a 60,000 x 784 `u8` set into `f32`;
//! - `train_step`: a whole SGD step (batch, gradient, update, recorded
//!   loss), `Trainer::step` on the fast path and the book's plain step
//!   (`train::sgd_step_loss_after` on a batch gathered into `f32`).
//!
//! ```text
//! cargo bench -p twolayer --bench kernels [-- --quick]
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use losses::{SoftmaxWithLoss, Targets};
use nalgebra::DMatrix;
use rand::rngs::ChaCha12Rng;
use rand::{RngExt, SeedableRng};
use twolayer::fast::{FastBackprop, Trainer};
use twolayer::train::sgd_step_loss_after;
use twolayer::{Activation, Dataset, GradientMethod, TrainConfig, TwoLayerNet};

/// MNIST's sizes: pixels, hidden units (the book's), classes, training images.
const INPUT: usize = 784;
const HIDDEN: usize = 50;
const OUTPUT: usize = 10;
const TRAIN: usize = 60_000;
/// The book's batch.
const BATCH: usize = 100;

/// Random bytes shaped like MNIST: about 19% of the pixels non-zero.
struct Data {
    pixels: Vec<u8>,
    labels: Vec<u8>,
}

impl Data {
    fn new(rng: &mut ChaCha12Rng) -> Self {
        let pixels = (0..TRAIN * INPUT)
            .map(|_| {
                if rng.random_range(0..100) < 19 {
                    rng.random_range(1..=255)
                } else {
                    0
                }
            })
            .collect();
        let labels = (0..TRAIN)
            .map(|_| rng.random_range(0..OUTPUT as u8))
            .collect();
        Self { pixels, labels }
    }

    fn dataset(&self) -> Dataset<'_> {
        Dataset::new(&self.pixels, &self.labels, INPUT, OUTPUT).expect("consistent sizes")
    }
}

fn random_indices(rng: &mut ChaCha12Rng) -> Vec<usize> {
    (0..BATCH).map(|_| rng.random_range(0..TRAIN)).collect()
}

fn kernels(c: &mut Criterion) {
    let mut rng = ChaCha12Rng::seed_from_u64(42);
    let data = Data::new(&mut rng);
    let train = data.dataset();
    let mut net =
        TwoLayerNet::<f32>::new(INPUT, HIDDEN, OUTPUT, 0.01, Activation::Sigmoid, &mut rng);
    let indices = random_indices(&mut rng);
    let (x, t) = train.batch::<f32>(&indices);
    let mut fast = FastBackprop::new();

    let mut group = c.benchmark_group("forward");
    group.bench_function("dense_predict", |b| b.iter(|| net.predict(black_box(&x))));
    group.bench_function("fast_loss", |b| {
        b.iter(|| fast.loss(&net, &train, black_box(&indices)))
    });
    group.finish();

    let mut group = c.benchmark_group("backward");
    group.bench_function("dense_gradient", |b| {
        b.iter(|| net.gradient(black_box(&x), Targets::Labels(&t)))
    });
    group.bench_function("fast_gradient", |b| {
        b.iter(|| fast.gradient(&net, &train, black_box(&indices)))
    });
    group.finish();

    let scores = net.predict(&x);
    let mut last_layer = SoftmaxWithLoss::new();
    c.bench_function("softmax_with_loss", |b| {
        b.iter(|| {
            let loss = last_layer.forward(black_box(&scores), Targets::Labels(&t));
            (loss, last_layer.backward(1.0))
        })
    });

    let mut x_batch = DMatrix::<f32>::zeros(BATCH, INPUT);
    let mut t_batch = Vec::with_capacity(BATCH);
    c.bench_function("batch_gather", |b| {
        b.iter(|| train.batch_into(black_box(&indices), &mut x_batch, &mut t_batch))
    });

    let config = TrainConfig::default();
    let mut group = c.benchmark_group("train_step");
    let mut trainer = Trainer::new(&train, &train, &config).expect("the default config fits");
    group.bench_function("fast", |b| b.iter(|| trainer.step()));
    let learning_rate = config.learning_rate as f32;
    group.bench_function("dense_reference", |b| {
        b.iter(|| {
            let batch = random_indices(&mut rng);
            train.batch_into(&batch, &mut x_batch, &mut t_batch);
            let t = Targets::Labels(&t_batch);
            sgd_step_loss_after(
                &mut net,
                &x_batch,
                t,
                GradientMethod::Backprop,
                learning_rate,
            )
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Short runs: these back up `cargo xtask bench`, they are not its figures.
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = kernels
}
criterion_main!(benches);
