//! Backprop against the numerical gradient (book §5.7.3), for both activations.

use losses::Targets;
use nalgebra::DMatrix;
use numdiff::{CheckContext, Diagnosis};
use rand::rngs::ChaCha12Rng;
use rand::{RngExt, SeedableRng};
use tensor_ops::testing::{Tolerance, assert_close};
use twolayer::gradient_check::{ReluKinks, diagnoses, max_abs_diff};
use twolayer::{Activation, GradientCheck, GradientDiff, Params, TwoLayerNet, gradient_check};

/// The acceptance bound: central differences with `h = 1e-4` are off by
/// `O(h^2)` times the third derivative, about 1e-9 here; a wrong backward
/// pass is off by the size of the gradient itself (1e-3 and up).
const GRADIENT_CHECK: f64 = 1e-6;

/// A random net and batch in `f64`: inputs in `[0, 1]` like scaled pixels.
fn setup(
    activation: Activation,
    dims: (usize, usize, usize),
    batch: usize,
    seed: u64,
) -> (TwoLayerNet<f64>, DMatrix<f64>, Vec<usize>) {
    let (input, hidden, output) = dims;
    let mut rng = ChaCha12Rng::seed_from_u64(seed);
    let net = TwoLayerNet::new(input, hidden, output, 0.3, activation, &mut rng);
    let x = DMatrix::from_fn(batch, input, |_, _| rng.random_range(0.0..1.0));
    let t = (0..batch).map(|_| rng.random_range(0..output)).collect();
    (net, x, t)
}

fn all_params(p: &Params<f64>) -> Vec<f64> {
    [
        p.w1.as_slice(),
        p.b1.as_slice(),
        p.w2.as_slice(),
        p.b2.as_slice(),
    ]
    .concat()
}

#[test]
fn backprop_matches_the_numerical_gradient_on_small_nets() {
    for activation in Activation::CHOICES.iter().map(|&(_, a)| a) {
        for seed in 0..5 {
            let (mut net, x, t) = setup(activation, (5, 7, 4), 3, seed);
            let numerical = net.numerical_gradient(&x, Targets::Labels(&t));
            let backprop = net.gradient(&x, Targets::Labels(&t));
            assert_close(
                all_params(&backprop),
                all_params(&numerical),
                Tolerance::absolute(GRADIENT_CHECK),
            );
            // Not trivially zero: the check would pass for a net that does nothing.
            assert!(all_params(&backprop).iter().any(|g| g.abs() > 1e-3));
        }
    }
}

#[test]
fn one_hot_targets_give_the_gradient_of_labels() {
    let (mut net, x, t) = setup(Activation::Relu, (4, 6, 3), 5, 9);
    let one_hot = tensor_ops::one_hot(&t, 3);
    let from_labels = net.gradient(&x, Targets::Labels(&t));
    let from_one_hot = net.gradient(&x, Targets::OneHot(&one_hot));
    assert_close(all_params(&from_one_hot), all_params(&from_labels), 1e-15);
}

#[test]
fn gradient_check_reports_tiny_differences_per_parameter() {
    for activation in [Activation::Sigmoid, Activation::Relu] {
        let (mut net, x, t) = setup(activation, (6, 5, 3), 4, 2);
        let check = gradient_check(&mut net, &x, Targets::Labels(&t));
        for (name, diff) in check.named() {
            assert!(
                diff.max_abs <= GRADIENT_CHECK,
                "{activation} {name}: {diff:?}"
            );
            assert!(
                diff.mean_abs <= diff.max_abs,
                "{activation} {name}: {diff:?}"
            );
        }
        assert_eq!(
            check.max_abs(),
            check
                .named()
                .map(|(_, d)| d.max_abs)
                .into_iter()
                .fold(0.0, f64::max)
        );
    }
}

#[test]
fn gradient_check_catches_a_wrong_gradient() {
    // The check must be able to fail: compare a correct gradient with one of
    // another batch, as a buggy backward pass would give.
    let (mut net, x, t) = setup(Activation::Sigmoid, (6, 5, 3), 4, 3);
    let other = DMatrix::from_fn(4, 6, |n, d| ((n + d) % 3) as f64);
    let right = net.gradient(&x, Targets::Labels(&t));
    let wrong = net.gradient(&other, Targets::Labels(&t));
    let diff = GradientDiff::between(right.w1.as_slice(), wrong.w1.as_slice());
    assert!(diff.max_abs > 1e-3, "{diff:?}");
}

#[test]
fn diff_is_mean_and_max_of_absolute_differences() {
    let diff = GradientDiff::between(&[1.0_f64, 2.0, 3.0], &[1.5, 2.0, 2.0]);
    assert_eq!(
        diff,
        GradientDiff {
            mean_abs: 0.5,
            max_abs: 1.0,
            relative: 1.0 / 3.0
        }
    );
    assert!(
        GradientDiff::between(&[f64::NAN, 1.0], &[0.0, 0.0])
            .max_abs
            .is_nan()
    );
}

#[test]
fn changing_the_activation_after_construction_changes_the_gradient() {
    let (mut net, x, t) = setup(Activation::Sigmoid, (5, 6, 3), 3, 4);
    net.activation = Activation::Relu;
    let numerical = net.numerical_gradient(&x, Targets::Labels(&t));
    let backprop = net.gradient(&x, Targets::Labels(&t));
    assert_close(
        all_params(&backprop),
        all_params(&numerical),
        Tolerance::absolute(GRADIENT_CHECK),
    );
}

// The book's gradient_check.py: a 784-50-10 net, a batch of 3, in f64.
#[test]
fn gradient_check_on_the_books_784_50_10_net() {
    for activation in [Activation::Sigmoid, Activation::Relu] {
        let mut rng = ChaCha12Rng::seed_from_u64(2024);
        let mut net = TwoLayerNet::<f64>::new(784, 50, 10, 0.01, activation, &mut rng);
        // Pixel-like inputs: mostly 0, some strokes in (0, 1].
        let x = DMatrix::from_fn(3, 784, |_, _| {
            if rng.random_bool(0.2) {
                rng.random_range(0.0..=1.0)
            } else {
                0.0
            }
        });
        let check = gradient_check(&mut net, &x, Targets::Labels(&[7, 2, 1]));
        for (name, diff) in check.named() {
            assert!(
                diff.max_abs <= GRADIENT_CHECK,
                "{activation} {name}: {diff:?}"
            );
        }
    }
}

#[test]
fn sgd_update_steps_against_the_gradient() {
    let (mut net, x, t) = setup(Activation::Sigmoid, (5, 6, 3), 8, 5);
    let before = net.loss(&x, Targets::Labels(&t));
    let grad = net.gradient(&x, Targets::Labels(&t));
    let mut expected = net.params.w1.clone();
    expected -= &grad.w1 * 0.1;
    net.params.sgd_update(&grad, 0.1);
    assert_eq!(net.params.w1, expected);
    assert!(net.loss(&x, Targets::Labels(&t)) < before);
}

#[test]
fn a_check_of_two_given_gradients_is_the_books_check() {
    let (mut net, x, t) = setup(Activation::Relu, (6, 5, 3), 4, 5);
    let check = gradient_check(&mut net, &x, Targets::Labels(&t));
    let backprop = net.gradient(&x, Targets::Labels(&t));
    let numerical = net.numerical_gradient(&x, Targets::Labels(&t));
    assert_eq!(GradientCheck::between(&backprop, &numerical), check);
    assert_eq!(max_abs_diff(&backprop, &numerical), check.max_abs());
    assert!(check.exceeding(GRADIENT_CHECK).is_empty(), "{check:?}");

    let mut wrong = numerical.clone();
    wrong.b1[0] += 1e-3;
    wrong.w2[(0, 0)] = f64::NAN;
    let over: Vec<&str> = GradientCheck::between(&backprop, &wrong)
        .exceeding(1e-6)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(over, ["b1", "W2"]);
}

/// A backward pass without the `/ N` of the loss's mean, on `W2` only, and
/// a `W1` gradient taken from another batch: the check names the first
/// and leaves the second unexplained; the right parameters get no diagnosis.
#[test]
fn diagnoses_name_a_gradient_off_by_the_batch_size() {
    let (mut net, x, t) = setup(Activation::Relu, (6, 5, 3), 4, 9);
    let t = Targets::Labels(&t);
    let numerical = net.numerical_gradient(&x, t);
    let mut buggy = net.gradient(&x, t);
    buggy.w2 *= 4.0;
    buggy.w1 = net.gradient(&x.map(|v| 1.0 - v), t).w1;
    let check = GradientCheck::between(&buggy, &numerical);
    let kinks = ReluKinks::find(&net, &x, numdiff::H);
    let context = CheckContext::new::<f64>(4, numdiff::H, net.loss(&x, t));
    let named = diagnoses(
        &check,
        GRADIENT_CHECK,
        &buggy,
        &numerical,
        &context,
        Some(&kinks),
    );
    assert_eq!(
        named,
        [
            ("W1", Diagnosis::Unexplained),
            (
                "W2",
                Diagnosis::BatchSize {
                    batch_size: 4,
                    too_large: true
                }
            )
        ]
    );
}
