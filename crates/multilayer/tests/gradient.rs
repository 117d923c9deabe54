//! Backprop against the numerical gradient for every depth and activation,
//! and one hidden layer against `TwoLayerNet`, bit for bit.

use layers::Activation;
use losses::Targets;
use multilayer::{AffineParams, MultiLayerNet, NetError, NetParams, WeightInit};
use nalgebra::DMatrix;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use tensor_ops::testing::{Tolerance, assert_close};
use twolayer::{Params, TwoLayerNet};

/// The bound. Backprop leaves out the loss's `1e-7` inside the log
/// (a gap of about 1e-7 here) and the central difference's error is of
/// order `h^2 = 1e-8` times the third derivative.
const GRADIENT_CHECK: Tolerance = Tolerance::absolute(1e-6);

/// A batch of 4 samples of 5 features in [-0.25, 0.25] and its labels in 0..3
/// (small inputs: no class gets a probability near 0, where the `1e-7` that
/// backprop leaves out would matter).
fn batch() -> (DMatrix<f64>, [usize; 4]) {
    let x = DMatrix::from_fn(4, 5, |n, d| ((n * 5 + d * 3) % 7) as f64 / 12.0 - 0.25);
    (x, [2, 0, 1, 2])
}

/// A two-layer network's `W1, b1, W2, b2` as the two layers of a `NetParams`.
fn two_layers<T: tensor_ops::Real>(params: Params<T>) -> NetParams<T> {
    let Params { w1, b1, w2, b2 } = params;
    NetParams {
        layers: vec![AffineParams { w: w1, b: b1 }, AffineParams { w: w2, b: b2 }],
    }
}

fn assert_gradients_close(backprop: &NetParams<f64>, numerical: &NetParams<f64>, what: &str) {
    assert_eq!(backprop.layers.len(), numerical.layers.len(), "{what}");
    for (i, (b, n)) in backprop.layers.iter().zip(&numerical.layers).enumerate() {
        #[allow(
            clippy::print_stderr,
            reason = "names the layer that assert_close's message refers to"
        )]
        {
            eprintln!("{what}: checking W{} and b{}", i + 1, i + 1);
        }
        assert_close(&b.w, &n.w, GRADIENT_CHECK);
        assert_close(&b.b, &n.b, GRADIENT_CHECK);
    }
}

#[test]
fn backprop_matches_the_numerical_gradient_for_depths_1_to_5() {
    let (x, _) = batch();
    for activation in [Activation::Sigmoid, Activation::Relu] {
        let init = match activation {
            Activation::Sigmoid => WeightInit::Xavier,
            Activation::Relu => WeightInit::He,
        };
        for depth in 1..=5 {
            let hidden: Vec<usize> = (0..depth).map(|i| 4 + i % 2).collect();
            let mut rng = ChaCha12Rng::seed_from_u64(depth as u64);
            let mut net = MultiLayerNet::<f64>::new(5, &hidden, 3, activation, init, &mut rng)
                .expect("valid sizes");
            // Biases away from zero (a pre-activation at exactly 0 would sit on
            // the ReLU kink, where the central difference averages both slopes).
            for layer in &mut net.params.layers {
                layer
                    .b
                    .iter_mut()
                    .enumerate()
                    .for_each(|(j, b)| *b = 0.01 + 0.02 * j as f64);
            }
            // Targets: each sample's most likely class at the start, so that
            // y[n, t_n] >= 1/3 and the `1e-7` that backprop leaves out moves
            // dL/da by at most 3e-7 of its size (a deep net's confident wrong
            // answer, y[n, t_n] ~ 1e-4, would move it by 1e-3).
            let t = tensor_ops::argmax_rows(&net.predict(&x));
            let backprop = net.gradient(&x, Targets::Labels(&t));
            let numerical = net.numerical_gradient(&x, Targets::Labels(&t));
            assert_gradients_close(
                &backprop,
                &numerical,
                &format!("{activation}, depth {depth}"),
            );
        }
    }
}

#[test]
fn softmax_regression_has_the_gradient_of_the_numerical_one() {
    let (x, t) = batch();
    let mut rng = ChaCha12Rng::seed_from_u64(7);
    let mut net = MultiLayerNet::<f64>::new(
        5,
        &[],
        3,
        Activation::Sigmoid,
        WeightInit::Std(1.0),
        &mut rng,
    )
    .expect("valid sizes");
    let backprop = net.gradient(&x, Targets::Labels(&t));
    let numerical = net.numerical_gradient(&x, Targets::Labels(&t));
    assert_gradients_close(&backprop, &numerical, "no hidden layer");
}

#[test]
fn one_hidden_layer_is_the_two_layer_net_exactly() {
    let (x, t) = batch();
    for activation in [Activation::Sigmoid, Activation::Relu] {
        for float in ["f64", "f32"] {
            let mut two = TwoLayerNet::<f64>::new(
                5,
                6,
                3,
                0.5,
                activation,
                &mut ChaCha12Rng::seed_from_u64(3),
            );
            let mut multi = MultiLayerNet::<f64>::new(
                5,
                &[6],
                3,
                activation,
                WeightInit::Std(0.5),
                &mut ChaCha12Rng::seed_from_u64(3),
            )
            .expect("valid sizes");
            // The same seed draws the same weights.
            assert_eq!(multi.params, two_layers(two.params.clone()), "{float}");
            if float == "f32" {
                let mut two32 = TwoLayerNet::<f32>::new(
                    5,
                    6,
                    3,
                    0.5,
                    activation,
                    &mut ChaCha12Rng::seed_from_u64(3),
                );
                let mut multi32 =
                    MultiLayerNet::<f32>::from_params(two_layers(two32.params.clone()), activation);
                let x32 = x.map(|v| v as f32);
                let t = Targets::Labels(&t);
                assert_eq!(multi32.loss(&x32, t), two32.loss(&x32, t));
                assert_eq!(
                    multi32.gradient(&x32, t),
                    two_layers(two32.gradient(&x32, t))
                );
                continue;
            }
            let t = Targets::Labels(&t);
            assert_eq!(multi.loss(&x, t), two.loss(&x, t), "{activation}");
            assert_eq!(multi.predict(&x), two.predict(&x), "{activation}");
            assert_eq!(multi.accuracy(&x, t), two.accuracy(&x, t), "{activation}");
            assert_eq!(
                multi.gradient(&x, t),
                two_layers(two.gradient(&x, t)),
                "{activation}"
            );
        }
    }
}

#[test]
fn sgd_steps_lower_the_loss_and_keep_the_shapes() {
    let (x, t) = batch();
    let t = Targets::Labels(&t);
    let mut rng = ChaCha12Rng::seed_from_u64(11);
    let mut net =
        MultiLayerNet::<f32>::new(5, &[8, 8], 3, Activation::Relu, WeightInit::He, &mut rng)
            .expect("valid sizes");
    let x = x.map(|v| v as f32);
    let first = net.sgd_step_loss_before(&x, t, 0.1);
    for _ in 0..200 {
        net.sgd_step_loss_before(&x, t, 0.1);
    }
    assert!(
        net.loss(&x, t) < 0.5 * first,
        "{first} -> {}",
        net.loss(&x, t)
    );
    assert_eq!(net.accuracy(&x, t), 1.0);
    assert_eq!(net.sizes(), [5, 8, 8, 3]);
}

#[test]
fn bad_sizes_and_stds_are_errors() {
    let mut rng = ChaCha12Rng::seed_from_u64(0);
    let zero = MultiLayerNet::<f64>::new(
        784,
        &[100, 0],
        10,
        Activation::Relu,
        WeightInit::He,
        &mut rng,
    );
    assert_eq!(
        zero.map(|_| ()),
        Err(NetError::ZeroSize {
            position: 2,
            sizes: vec![784, 100, 0, 10]
        })
    );
    for std in [f64::NAN, f64::INFINITY, -0.01] {
        let bad = MultiLayerNet::<f64>::new(
            2,
            &[2],
            2,
            Activation::Sigmoid,
            WeightInit::Std(std),
            &mut rng,
        );
        assert!(matches!(bad, Err(NetError::BadStd(_))), "{std}");
    }
    let message = NetError::ZeroSize {
        position: 0,
        sizes: vec![0, 2],
    }
    .to_string();
    assert_eq!(
        message,
        "layer size 0 at position 0 of the layer sizes [0, 2]"
    );
}
