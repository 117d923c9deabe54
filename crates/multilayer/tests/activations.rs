//! The book's figures 6-10 and 6-11, as numbers: sigmoid activations of 5
//! layers of 100 units pile up at 0 and 1 with std 1, and at 0.5 with std 0.01.

use layers::Activation;
use multilayer::{Moments, MultiLayerNet, WeightInit};
use nalgebra::DMatrix;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;

/// The book's `x = np.random.randn(1000, 100)` through 5 hidden layers of 100.
fn activations(init: WeightInit) -> Vec<DMatrix<f64>> {
    let mut rng = ChaCha12Rng::seed_from_u64(42);
    let x: DMatrix<f64> = layers::randn(1000, 100, 1.0, &mut rng);
    let net = MultiLayerNet::<f64>::new(100, &[100; 5], 10, Activation::Sigmoid, init, &mut rng)
        .expect("valid sizes");
    net.hidden_activations(&x)
}

#[test]
fn sigmoid_with_std_1_saturates() {
    let layers = activations(WeightInit::Std(1.0));
    assert_eq!(layers.len(), 5);
    for (i, z) in layers.iter().enumerate() {
        let saturated = z.iter().filter(|&&v| !(0.1..=0.9).contains(&v)).count();
        let fraction = saturated as f64 / z.len() as f64;
        assert!(
            fraction > 0.5,
            "layer {}: only {fraction} below 0.1 or above 0.9",
            i + 1
        );
    }
}

#[test]
fn sigmoid_with_std_0_01_stays_near_one_half() {
    for (i, z) in activations(WeightInit::Std(0.01)).iter().enumerate() {
        let moments = Moments::of(z);
        let (low, high) = (moments.mean - moments.std, moments.mean + moments.std);
        assert!(
            0.45 < low && high < 0.55,
            "layer {}: mean +- std is {low}..{high}",
            i + 1
        );
        // Layer 1 sees x of std 1: a = x W has std 0.1, so a few of its
        // sigmoids reach 0.4 or 0.6. From layer 2 on, every value is near 0.5.
        if i > 0 {
            assert!(
                z.iter().all(|v| (0.45..=0.55).contains(v)),
                "layer {}: {moments:?}",
                i + 1
            );
        }
    }
}
