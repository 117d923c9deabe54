//! Training: learning, determinism, observers, bad configs and divergence.

use rand::rngs::ChaCha12Rng;
use rand::{RngExt, SeedableRng};
use twolayer::fast::train;
use twolayer::{
    Activation, Dataset, DatasetError, Dimension, EpochStats, GradientMethod, Sampling,
    TrainConfig, TrainError, TrainObserver, TrainReport, fast, train_neuralnet,
};

/// The fast loop and the book's plain one, which take the same arguments.
type Loop = fn(
    &Dataset<'_>,
    &Dataset<'_>,
    &TrainConfig,
    &mut dyn TrainObserver,
) -> Result<TrainReport, TrainError>;

/// Both loops, named.
const LOOPS: [(&str, Loop); 2] = [("train", train), ("train_neuralnet", train_neuralnet)];

/// A learnable problem shaped like a tiny MNIST: each of `classes` classes
/// has a random prototype image; a sample is its prototype plus noise.
struct Synthetic {
    inputs: Vec<u8>,
    labels: Vec<u8>,
}

const FEATURES: usize = 16;
const CLASSES: usize = 4;

impl Synthetic {
    fn new(samples: usize, seed: u64) -> Self {
        let mut rng = ChaCha12Rng::seed_from_u64(1000);
        let prototypes: Vec<Vec<u8>> = (0..CLASSES)
            .map(|_| {
                (0..FEATURES)
                    .map(|_| if rng.random_bool(0.5) { 200 } else { 20 })
                    .collect()
            })
            .collect();
        let mut rng = ChaCha12Rng::seed_from_u64(seed);
        let mut inputs = Vec::with_capacity(samples * FEATURES);
        let mut labels = Vec::with_capacity(samples);
        for _ in 0..samples {
            let label = rng.random_range(0..CLASSES);
            labels.push(label as u8);
            inputs.extend(
                prototypes[label]
                    .iter()
                    .map(|&p| p.saturating_add_signed(rng.random_range(-40..=40))),
            );
        }
        Self { inputs, labels }
    }

    fn dataset(&self) -> Dataset<'_> {
        Dataset::new(&self.inputs, &self.labels, FEATURES, CLASSES).unwrap()
    }
}

fn config() -> TrainConfig {
    TrainConfig {
        hidden: 10,
        weight_init_std: 0.1,
        learning_rate: 0.5,
        batch_size: 20,
        iters: 400,
        seed: 7,
        ..TrainConfig::default()
    }
}

/// Records everything the observer sees.
#[derive(Default)]
struct Recorder {
    iterations: Vec<(usize, f64)>,
    epochs: Vec<EpochStats>,
}

impl TrainObserver for Recorder {
    fn on_iteration(&mut self, iteration: usize, loss: f64) -> std::ops::ControlFlow<()> {
        self.iterations.push((iteration, loss));
        std::ops::ControlFlow::Continue(())
    }

    fn on_epoch(&mut self, stats: &EpochStats) {
        self.epochs.push(*stats);
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

#[test]
fn training_lowers_the_loss_and_learns_the_classes() {
    let (train_set, test_set) = (Synthetic::new(400, 1), Synthetic::new(100, 2));
    for activation in [Activation::Sigmoid, Activation::Relu] {
        for sampling in [Sampling::Replacement, Sampling::Epoch] {
            let config = TrainConfig {
                activation,
                sampling,
                ..config()
            };
            let report =
                train(&train_set.dataset(), &test_set.dataset(), &config, &mut ()).unwrap();
            let what = format!("{activation} {sampling}");
            assert_eq!(report.losses.len(), 400, "{what}");
            let (first, last) = (mean(&report.losses[..20]), mean(&report.losses[380..]));
            assert!(last < first / 4.0, "{what}: loss {first} -> {last}");
            let end = report.epochs.last().unwrap();
            assert!(
                end.train_acc > 0.95 && end.test_acc > 0.95,
                "{what}: {end:?}"
            );
            assert_eq!(
                fast::evaluate(&report.net, &test_set.dataset()),
                end.test_acc
            );
        }
    }
}

#[test]
fn epochs_are_measured_every_train_len_over_batch_size_iterations() {
    let data = Synthetic::new(100, 3);
    let config = TrainConfig {
        iters: 23,
        ..config()
    };
    let mut recorder = Recorder::default();
    let report = train(&data.dataset(), &data.dataset(), &config, &mut recorder).unwrap();
    // 100 / 20 = 5 iterations per epoch: measured after steps 0, 5, ..., 20.
    let iterations: Vec<usize> = report.epochs.iter().map(|e| e.iteration).collect();
    assert_eq!(iterations, [0, 5, 10, 15, 20]);
    assert_eq!(
        report.epochs.iter().map(|e| e.epoch).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    assert_eq!(recorder.epochs, report.epochs);
    let expected: Vec<(usize, f64)> = report.losses.iter().copied().enumerate().collect();
    assert_eq!(recorder.iterations, expected);
}

#[test]
fn the_same_seed_gives_bit_identical_reports_and_another_seed_does_not() {
    let (train_set, test_set) = (Synthetic::new(200, 4), Synthetic::new(50, 5));
    let run = |seed, sampling| {
        let config = TrainConfig {
            seed,
            sampling,
            iters: 120,
            ..config()
        };
        train(&train_set.dataset(), &test_set.dataset(), &config, &mut ()).unwrap()
    };
    for sampling in [Sampling::Replacement, Sampling::Epoch] {
        let (a, b, c) = (run(11, sampling), run(11, sampling), run(12, sampling));
        assert_eq!(a.losses, b.losses);
        assert_eq!(a.epochs, b.epochs);
        assert_eq!(a.net.params, b.net.params);
        assert_ne!(a.losses, c.losses);
        assert_ne!(a.net.params, c.net.params);
    }
}

#[test]
fn the_numerical_gradient_trains_like_backprop() {
    let data = Synthetic::new(40, 6);
    let config = |gradient| TrainConfig {
        hidden: 3,
        batch_size: 5,
        iters: 3,
        gradient,
        ..config()
    };
    let backprop = train(
        &data.dataset(),
        &data.dataset(),
        &config(GradientMethod::Backprop),
        &mut (),
    )
    .unwrap();
    let numerical = train(
        &data.dataset(),
        &data.dataset(),
        &config(GradientMethod::Numerical),
        &mut (),
    )
    .unwrap();
    // In f32 the numerical gradient is only good to a few digits.
    for (b, n) in backprop.losses.iter().zip(&numerical.losses) {
        assert!((b - n).abs() < 1e-2, "{b} vs {n}");
    }
}

#[test]
fn invalid_configs_are_errors_before_anything_runs() {
    let data = Synthetic::new(50, 7);
    type Change = fn(&mut TrainConfig);
    let cases: [(Change, &str); 12] = [
        (|c| c.batch_size = 0, "batch size must be at least 1"),
        (
            |c| c.batch_size = 51,
            "batch size 51 is larger than the training set (50 samples)",
        ),
        (|c| c.iters = 0, "iterations must be at least 1"),
        (|c| c.hidden = 0, "at least 1 unit"),
        (|c| c.learning_rate = 0.0, "learning rate"),
        (|c| c.learning_rate = -0.1, "learning rate"),
        (|c| c.learning_rate = f64::NAN, "learning rate"),
        (|c| c.learning_rate = f64::INFINITY, "learning rate"),
        (|c| c.learning_rate = 1e300, "in f32 too"),
        (|c| c.learning_rate = 1e-50, "in f32 too"),
        (|c| c.weight_init_std = -1.0, "weight init std"),
        (|c| c.weight_init_std = f64::NAN, "weight init std"),
    ];
    for ((change, message), (name, train_loop)) in cases.iter().zip(LOOPS.iter().cycle()) {
        let mut config = config();
        change(&mut config);
        let mut recorder = Recorder::default();
        let error =
            train_loop(&data.dataset(), &data.dataset(), &config, &mut recorder).unwrap_err();
        assert!(
            matches!(error, TrainError::InvalidConfig(_)),
            "{name} {config:?}: {error}"
        );
        assert!(error.to_string().contains(message), "{error}");
        assert!(recorder.iterations.is_empty());
    }
    assert!(
        TrainConfig {
            batch_size: 50,
            ..config()
        }
        .validate(50)
        .is_ok()
    );
}

#[test]
fn a_test_set_of_another_shape_is_a_dataset_error() {
    let data = Synthetic::new(50, 8);
    let other = Dataset::new(&[0; 10], &[0, 1], 5, CLASSES).unwrap();
    let error = train(&data.dataset(), &other, &config(), &mut ()).unwrap_err();
    assert!(matches!(
        error,
        TrainError::Dataset(DatasetError::Incompatible {
            what: Dimension::Features,
            train: 16,
            test: 5
        })
    ));
}

#[test]
fn a_diverging_run_stops_at_the_first_non_finite_loss_and_keeps_the_rest() {
    let data = Synthetic::new(100, 9);
    // The book's softmax (minus the max) and its `1e-7` inside the log keep
    // the loss finite however badly training goes: only scores that overflow
    // `f32` make it NaN. ReLU's unbounded units with an absurd learning rate do.
    let config = TrainConfig {
        activation: Activation::Relu,
        learning_rate: 1e9,
        ..config()
    };
    for (name, train_loop) in LOOPS {
        a_run_diverges(name, train_loop, &data, &config);
    }
}

fn a_run_diverges(name: &str, train_loop: Loop, data: &Synthetic, config: &TrainConfig) {
    let mut recorder = Recorder::default();
    let error = train_loop(&data.dataset(), &data.dataset(), config, &mut recorder).unwrap_err();
    let TrainError::NonFiniteLoss {
        iteration,
        loss,
        report,
    } = &error
    else {
        panic!("{name}: expected NonFiniteLoss, got {error}");
    };
    assert!(!loss.is_finite());
    assert!(
        error
            .to_string()
            .contains(&format!("at iteration {iteration}")),
        "{error}"
    );
    assert_eq!(report.losses.len(), *iteration);
    assert!(report.losses.iter().all(|l| l.is_finite()));
    assert_eq!(recorder.iterations.len(), *iteration);
    assert_eq!(recorder.epochs, report.epochs);
    assert!(*iteration > 0, "the first steps were finite");
    assert_eq!(report.epochs.len(), 1, "epoch 0 was measured");
    // Its Debug is a summary, not 10,000 weights.
    assert!(format!("{error:?}").len() < 2000);
}

#[test]
fn choices_parse_from_and_print_as_their_names() {
    for (name, sampling) in Sampling::CHOICES {
        assert_eq!(name.parse::<Sampling>(), Ok(*sampling));
        assert_eq!(sampling.to_string(), *name);
    }
    assert_eq!("numerical".parse(), Ok(GradientMethod::Numerical));
    assert_eq!("relu".parse(), Ok(Activation::Relu));
    let error = "shuffle".parse::<Sampling>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "unknown sampling \"shuffle\": expected one of replacement, epoch"
    );
}

#[test]
fn the_books_loop_is_reproducible_and_reports_like_the_fast_one() {
    let (train_set, test_set) = (Synthetic::new(200, 4), Synthetic::new(50, 5));
    let (train_set, test_set) = (train_set.dataset(), test_set.dataset());
    let config = TrainConfig {
        iters: 120,
        ..config()
    };
    let book = train_neuralnet(&train_set, &test_set, &config, &mut ()).unwrap();
    let again = train_neuralnet(&train_set, &test_set, &config, &mut ()).unwrap();
    assert_eq!(book.losses, again.losses);
    assert_eq!(book.net.params, again.net.params);
    let fast = train(&train_set, &test_set, &config, &mut ()).unwrap();
    assert_eq!(book.losses.len(), fast.losses.len());
    let iterations = |r: &TrainReport| r.epochs.iter().map(|e| e.iteration).collect::<Vec<_>>();
    assert_eq!(iterations(&book), iterations(&fast));
    // The same weights and batches: the first loss differs only by rounding.
    assert!(
        (book.losses[0] - fast.losses[0]).abs() < 1e-5,
        "{book:?} {fast:?}"
    );
    assert_eq!(
        book.epochs.last().unwrap().test_acc,
        twolayer::train::evaluate(&book.net, &test_set)
    );
}

#[test]
fn the_books_loop_trains_with_its_numerical_gradient() {
    let data = Synthetic::new(40, 6);
    let config = |gradient| TrainConfig {
        hidden: 3,
        batch_size: 5,
        iters: 3,
        gradient,
        ..config()
    };
    let run = |gradient| {
        train_neuralnet(&data.dataset(), &data.dataset(), &config(gradient), &mut ()).unwrap()
    };
    let (backprop, numerical) = (
        run(GradientMethod::Backprop),
        run(GradientMethod::Numerical),
    );
    // In f32 the book's numerical gradient is only good to a few digits.
    for (b, n) in backprop.losses.iter().zip(&numerical.losses) {
        assert!((b - n).abs() < 1e-2, "{b} vs {n}");
    }
    assert_ne!(backprop.losses, numerical.losses);
}

#[test]
fn never_drawn_is_the_count_of_samples_no_batch_drew_from_the_same_seed() {
    let data = Synthetic::new(300, 5);
    let config = TrainConfig {
        iters: 12,
        ..config()
    };
    // Brute force: the run's generator makes the weights, then draws every batch.
    let mut rng = ChaCha12Rng::seed_from_u64(config.seed);
    let (hidden, std) = (config.hidden, config.weight_init_std);
    let _ = twolayer::TwoLayerNet::<f32>::new(
        FEATURES,
        hidden,
        CLASSES,
        std,
        config.activation,
        &mut rng,
    );
    let mut sampler = twolayer::train::Sampler::new(config.sampling, 300, config.batch_size);
    let mut drawn = [false; 300];
    for _ in 0..config.iters {
        for &i in sampler.next_batch(&mut rng) {
            drawn[i] = true;
        }
    }
    let expected = drawn.iter().filter(|&&d| !d).count();
    // 12 x 20 draws of 300 miss about 300 (1 - 1/300)^240 = 135 of them.
    assert!((100..170).contains(&expected), "{expected}");
    for (name, train_loop) in LOOPS {
        let report = train_loop(&data.dataset(), &data.dataset(), &config, &mut ()).unwrap();
        assert_eq!(report.never_drawn, expected, "{name}");
    }
}
