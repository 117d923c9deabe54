//! The fast path (sparse first layer, hidden units cut into parts, two
//! threads) against the plain dense code it replaces in training and
//! evaluation: `TwoLayerNet::gradient`, `TwoLayerNet::loss`,
//! `train::evaluate` and `train_neuralnet`.

use losses::Targets;
use rand::rngs::ChaCha12Rng;
use rand::{RngExt, SeedableRng};
use tensor_ops::testing::{Tolerance, assert_close};
use twolayer::fast::{self, FastBackprop, Trainer};
use twolayer::train::{HiddenUse, confusion_matrix, evaluate, hidden_use};
use twolayer::{Activation, Dataset, Params, Sampling, TrainConfig, TwoLayerNet, train_neuralnet};

/// The fast path sums in another order (sample by sample, non-zero input by
/// non-zero input, the hidden units in two parts) and its `exp` is within 2
/// ulps of the C library's, all in `f32` (`eps = 1.2e-7`). Each result then
/// differs from the dense one by some ulps of the largest terms summed into
/// it: `1e-4` of a matrix's largest element is about a thousand ulps, far
/// above that, and far below a real mistake (a missed or doubled term, a
/// wrong product), which shows at the size of the gradient itself.
const REORDERED_F32: f64 = 1e-4;

/// Every activation.
fn activations() -> impl Iterator<Item = Activation> {
    Activation::CHOICES
        .iter()
        .map(|&(_, activation)| activation)
}

/// `samples` random images of `features` bytes, a fraction `zeros` of them 0
/// (MNIST: about 0.81), and random labels below `classes`.
fn bytes(
    samples: usize,
    features: usize,
    classes: usize,
    zeros: f64,
    seed: u64,
) -> (Vec<u8>, Vec<u8>) {
    let mut rng = ChaCha12Rng::seed_from_u64(seed);
    let inputs = (0..samples * features)
        .map(|_| {
            if rng.random_bool(zeros) {
                0
            } else {
                rng.random_range(1..=255)
            }
        })
        .collect();
    let labels = (0..samples)
        .map(|_| rng.random_range(0..classes) as u8)
        .collect();
    (inputs, labels)
}

/// `assert_close` with an absolute tolerance of `room` times the largest
/// `|expected|`, for sums whose terms cancel.
fn assert_reordered(actual: &[f32], expected: &[f32], room: f64) {
    let scale = expected
        .iter()
        .fold(0.0_f64, |m, &e| m.max(f64::from(e).abs()));
    assert_close(
        actual,
        expected,
        Tolerance {
            rel: room,
            abs: room * scale,
        },
    );
}

/// Every parameter within [`REORDERED_F32`] times `steps` (rounding
/// differences grow with each step of training).
fn assert_params_reordered(actual: &Params<f32>, expected: &Params<f32>, steps: f64) {
    let room = REORDERED_F32 * steps;
    assert_reordered(actual.w1.as_slice(), expected.w1.as_slice(), room);
    assert_reordered(actual.b1.as_slice(), expected.b1.as_slice(), room);
    assert_reordered(actual.w2.as_slice(), expected.w2.as_slice(), room);
    assert_reordered(actual.b2.as_slice(), expected.b2.as_slice(), room);
}

#[test]
fn the_fast_gradient_and_loss_are_the_dense_ones() {
    // Hidden sizes: one chunk of 8 units or less (one part), a whole number
    // of chunks, padding, MNIST's 50, and more than one block of 64.
    for hidden in [1, 7, 8, 9, 16, 50, 70] {
        for (zeros, features) in [(0.0, 13), (0.8, 40), (0.97, 40)] {
            let classes = 4;
            let (inputs, labels) = bytes(30, features, classes, zeros, hidden as u64);
            let data = Dataset::new(&inputs, &labels, features, classes).unwrap();
            let batch = [3, 17, 3, 0, 29, 11, 8, 8, 21, 5];
            let (x, t) = data.batch::<f32>(&batch);
            for activation in activations() {
                let mut rng = ChaCha12Rng::seed_from_u64(7);
                let mut net =
                    TwoLayerNet::<f32>::new(features, hidden, classes, 0.5, activation, &mut rng);
                let mut fast = FastBackprop::new();
                let dense = net.gradient(&x, Targets::Labels(&t));
                let fast_grad = fast.gradient(&net, &data, &batch);
                assert_params_reordered(&fast_grad, &dense, 1.0);
                // (A single ReLU unit may be dead for the whole batch.)
                assert!(
                    hidden == 1 || dense.w1.amax() > 1e-4,
                    "{activation} hidden {hidden}: a gradient to compare"
                );
                assert_close(
                    fast.loss(&net, &data, &batch),
                    net.loss(&x, Targets::Labels(&t)),
                    Tolerance::relative(REORDERED_F32),
                );
            }
        }
    }
}

#[test]
fn all_zero_samples_have_a_gradient_through_the_biases_only() {
    let (features, classes) = (20, 3);
    let inputs = vec![0; 4 * features];
    let data = Dataset::new(&inputs, &[0, 1, 2, 1], features, classes).unwrap();
    let mut rng = ChaCha12Rng::seed_from_u64(1);
    let mut net =
        TwoLayerNet::<f32>::new(features, 10, classes, 0.5, Activation::Sigmoid, &mut rng);
    let batch = [0, 1, 2, 3];
    let fast = FastBackprop::new().gradient(&net, &data, &batch);
    let (x, t) = data.batch::<f32>(&batch);
    let dense = net.gradient(&x, Targets::Labels(&t));
    assert!(fast.w1.iter().all(|&g| g == 0.0));
    assert_params_reordered(&fast, &dense, 1.0);
}

/// A data set whose labels are what `net` predicts the dense way, keeping
/// only the samples whose two highest scores are clearly apart: there no
/// rounding can change the prediction, so the fast path must predict every
/// label.
fn clear_predictions(net: &TwoLayerNet<f32>, inputs: &[u8], features: usize) -> (Vec<u8>, Vec<u8>) {
    let classes = net.dims().2;
    let all_labels = vec![0; inputs.len() / features];
    let data = Dataset::new(inputs, &all_labels, features, classes).unwrap();
    let (x, _) = data.all::<f32>();
    let scores = net.predict(&x);
    let (mut kept, mut labels) = (Vec::new(), Vec::new());
    for (n, row) in scores.row_iter().enumerate() {
        let mut sorted: Vec<f32> = row.iter().copied().collect();
        sorted.sort_by(|a, b| b.total_cmp(a));
        if sorted[0] - sorted[1] > 1e-3 * (1.0 + sorted[0].abs()) {
            kept.extend_from_slice(&inputs[n * features..(n + 1) * features]);
            labels.push(tensor_ops::argmax(row.iter().copied()) as u8);
        }
    }
    (kept, labels)
}

#[test]
fn fast_evaluation_predicts_what_the_dense_one_does() {
    let (features, classes) = (60, 7);
    // Enough samples for both cores.
    let (inputs, _) = bytes(6000, features, classes, 0.8, 3);
    for activation in activations() {
        for hidden in [5, 50] {
            let mut rng = ChaCha12Rng::seed_from_u64(11);
            let net = TwoLayerNet::<f32>::new(features, hidden, classes, 1.0, activation, &mut rng);
            let (kept, labels) = clear_predictions(&net, &inputs, features);
            assert!(labels.len() > 5000, "{} samples kept", labels.len());
            let data = Dataset::new(&kept, &labels, features, classes).unwrap();
            assert_eq!(evaluate(&net, &data), 1.0);
            assert_eq!(
                fast::evaluate(&net, &data),
                1.0,
                "{activation} hidden {hidden}"
            );
            assert_eq!(
                fast::confusion_matrix(&net, &data),
                confusion_matrix(&net, &data)
            );

            // Other labels: the same counts both ways.
            let shuffled: Vec<u8> = labels
                .iter()
                .map(|&l| (l * 3 + 1) % classes as u8)
                .collect();
            let data = Dataset::new(&kept, &shuffled, features, classes).unwrap();
            assert_eq!(
                fast::confusion_matrix(&net, &data),
                confusion_matrix(&net, &data)
            );
        }
    }
}

#[test]
fn inputs_too_wide_for_the_sparse_path_are_evaluated_the_plain_way() {
    let features = 65_537;
    let (inputs, labels) = bytes(5, features, 3, 0.5, 5);
    let data = Dataset::new(&inputs, &labels, features, 3).unwrap();
    let mut rng = ChaCha12Rng::seed_from_u64(2);
    let net = TwoLayerNet::<f32>::new(features, 6, 3, 0.01, Activation::Relu, &mut rng);
    assert_eq!(fast::evaluate(&net, &data), evaluate(&net, &data));
    assert_eq!(
        fast::confusion_matrix(&net, &data),
        confusion_matrix(&net, &data)
    );
}

/// A learnable MNIST-shaped problem: 10 classes of sparse prototypes, each
/// sample its class's prototype with pixels dropped and added.
fn learnable(samples: usize, features: usize, seed: u64) -> (Vec<u8>, Vec<u8>) {
    let classes = 10;
    let mut rng = ChaCha12Rng::seed_from_u64(100);
    let prototypes: Vec<Vec<u8>> = (0..classes)
        .map(|_| {
            (0..features)
                .map(|_| if rng.random_bool(0.2) { 220 } else { 0 })
                .collect()
        })
        .collect();
    let mut rng = ChaCha12Rng::seed_from_u64(seed);
    let mut inputs = Vec::with_capacity(samples * features);
    let mut labels = Vec::with_capacity(samples);
    for _ in 0..samples {
        let label = rng.random_range(0..classes);
        labels.push(label as u8);
        inputs.extend(prototypes[label].iter().map(|&p| {
            if rng.random_bool(0.05) {
                rng.random_range(0..=255)
            } else if p > 0 && rng.random_bool(0.1) {
                0
            } else {
                p
            }
        }));
    }
    (inputs, labels)
}

/// Large enough that the steps are shared by two threads (on two cores).
fn team_sized(activation: Activation, sampling: Sampling, iters: usize) -> TrainConfig {
    TrainConfig {
        activation,
        sampling,
        iters,
        batch_size: 50,
        learning_rate: 0.5,
        weight_init_std: 0.1,
        ..TrainConfig::default()
    }
}

#[test]
fn the_fast_trainer_follows_the_dense_reference() {
    let features = 200;
    let (train_x, train_t) = learnable(1000, features, 1);
    let (test_x, test_t) = learnable(300, features, 2);
    let train_set = Dataset::new(&train_x, &train_t, features, 10).unwrap();
    let test_set = Dataset::new(&test_x, &test_t, features, 10).unwrap();
    for activation in activations() {
        for sampling in [Sampling::Replacement, Sampling::Epoch] {
            let config = team_sized(activation, sampling, 60);
            let fast = Trainer::new(&train_set, &test_set, &config)
                .unwrap()
                .run(&mut ())
                .unwrap();
            let dense = train_neuralnet(&train_set, &test_set, &config, &mut ()).unwrap();
            // Rounding differences grow a little with every step: after 60
            // steps they are still far below a different batch or update.
            assert_close(
                &fast.losses,
                &dense.losses,
                Tolerance::relative(10.0 * REORDERED_F32),
            );
            assert_params_reordered(&fast.net.params, &dense.net.params, 10.0);
            for (f, d) in fast.epochs.iter().zip(&dense.epochs) {
                assert_eq!((f.epoch, f.iteration), (d.epoch, d.iteration));
                assert!(
                    (f.train_acc - d.train_acc).abs() <= 2.0 / 1000.0,
                    "{f:?} {d:?}"
                );
                assert!(
                    (f.test_acc - d.test_acc).abs() <= 2.0 / 300.0,
                    "{f:?} {d:?}"
                );
            }
            let last = fast.epochs.last().unwrap();
            assert!(last.test_acc > 0.9, "{activation} {sampling}: {last:?}");
            assert!(
                fast.losses[59] < fast.losses[0] / 2.0,
                "{activation} {sampling}: it learns"
            );
        }
    }
}

/// Steps shared by two threads are the steps of one, also when taken in
/// several calls with single steps between them, and across the epochs'
/// new permutations (600 / 50 = 12 steps each).
#[test]
fn steps_on_two_threads_are_steps_on_one_bit_for_bit() {
    let features = 200;
    let (inputs, labels) = learnable(600, features, 3);
    let data = Dataset::new(&inputs, &labels, features, 10).unwrap();
    for activation in activations() {
        for sampling in [Sampling::Replacement, Sampling::Epoch] {
            let config = team_sized(activation, sampling, 40);
            let mut one = Trainer::new(&data, &data, &config).unwrap();
            let mut two = Trainer::new(&data, &data, &config).unwrap();
            let solo: Vec<f64> = (0..40).map(|_| one.step()).collect();
            let mut team = two.steps(13);
            team.push(two.step());
            team.extend(two.steps(26));
            assert_eq!(solo, team, "{activation:?} {sampling:?}");
            assert_eq!(one.net().params, two.net().params);
            assert_eq!(one.accuracies(), two.accuracies());
            assert_eq!(one.iteration(), two.iteration());
            let report = fast::train(&data, &data, &config, &mut ()).unwrap();
            assert_eq!(report.losses, team);
            assert_eq!(report.net.params, two.net().params);
        }
    }
}

#[test]
fn the_same_seed_gives_bit_identical_fast_reports() {
    let features = 200;
    let (inputs, labels) = learnable(700, features, 4);
    let data = Dataset::new(&inputs, &labels, features, 10).unwrap();
    let config = TrainConfig {
        seed: 5,
        ..team_sized(Activation::Sigmoid, Sampling::Epoch, 50)
    };
    let a = fast::train(&data, &data, &config, &mut ()).unwrap();
    let b = fast::train(&data, &data, &config, &mut ()).unwrap();
    assert_eq!(a.losses, b.losses);
    assert_eq!(a.epochs, b.epochs);
    assert_eq!(a.net.params, b.net.params);
}

#[test]
fn the_accuracies_of_a_trainer_are_those_of_evaluate() {
    let features = 200;
    let (inputs, labels) = learnable(900, features, 6);
    let data = Dataset::new(&inputs, &labels, features, 10).unwrap();
    let mut trainer = Trainer::new(
        &data,
        &data,
        &team_sized(Activation::Relu, Sampling::Epoch, 30),
    )
    .unwrap();
    trainer.steps(30);
    let net = trainer.net();
    let (train_acc, test_acc) = trainer.accuracies();
    assert_eq!(train_acc, fast::evaluate(&net, &data));
    assert_eq!(test_acc, train_acc);
}

#[test]
fn the_probe_of_a_fast_epoch_is_the_plain_one() {
    let features = 200;
    let (inputs, labels) = learnable(1200, features, 7);
    let data = Dataset::new(&inputs, &labels, features, 10).unwrap();
    for activation in activations() {
        // 1200 / 50 = 24 iterations per epoch: the last of 49 is evaluated,
        // so the report's network is the one its last probe saw.
        let config = TrainConfig {
            weight_init_std: 1.0,
            ..team_sized(activation, Sampling::Epoch, 49)
        };
        let report = fast::train(&data, &data, &config, &mut ()).unwrap();
        let probe = report.epochs.last().and_then(|e| e.probe).unwrap();
        // The hidden outputs differ by rounding, which may move one across a
        // threshold: a share within a few outputs (units) of the plain one.
        match (probe.hidden, hidden_use(&report.net, &data)) {
            (HiddenUse::Saturated(fast), HiddenUse::Saturated(plain)) => {
                assert!((fast - plain).abs() <= 1e-4, "{fast} {plain}");
            }
            (HiddenUse::NeverActive(fast), HiddenUse::NeverActive(plain)) => {
                assert!((fast - plain).abs() <= 0.02, "{fast} {plain}");
            }
            other => panic!("{activation}: {other:?}"),
        }
        let matrix = fast::confusion_matrix(&report.net, &data);
        let predicted: Vec<u64> = (0..10)
            .map(|k| matrix.iter().map(|row| row[k]).sum())
            .collect();
        let top = tensor_ops::argmax(predicted.iter().map(|&n| n as f64));
        assert_eq!(probe.top_class, top);
        assert_eq!(probe.top_share, predicted[top] as f64 / 1200.0);
    }
}
