//! XOR: a hidden layer solves it; a single layer cannot (its scores obey an
//! identity that forbids 4 of 4).

use layers::Activation;
use multilayer::xor::{self, Outcome};
use multilayer::{MultiLayerNet, WeightInit};
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;

const ITERS: usize = 5000;
const LR: f64 = 1.0;

fn trained(hidden: &[usize], seed: u64) -> (MultiLayerNet<f64>, Vec<f64>) {
    let mut rng = ChaCha12Rng::seed_from_u64(seed);
    let mut net = MultiLayerNet::new(
        2,
        hidden,
        2,
        Activation::Sigmoid,
        WeightInit::Xavier,
        &mut rng,
    )
    .expect("valid sizes");
    let losses = xor::train(&mut net, LR, ITERS);
    (net, losses)
}

#[test]
fn a_hidden_layer_of_three_sigmoids_solves_xor() {
    let (net, losses) = trained(&[3], 0);
    assert_eq!(xor::correct(&net), 4);
    assert_eq!(Outcome::of(4, &losses), Outcome::Solved);
    assert!(losses[ITERS - 1] < 0.05, "final loss {}", losses[ITERS - 1]);
}

#[test]
fn a_single_layer_never_gets_more_than_three_of_four() {
    for seed in 0..20 {
        let (net, losses) = trained(&[], seed);
        let scores = net.predict(&xor::inputs());
        // d(x) = score of class 1 - score of class 0 is affine in x, so
        // d(0,0) + d(1,1) = d(0,1) + d(1,0): the 1s cannot both be above
        // the 0s' side of the line.
        let d: Vec<f64> = (0..4).map(|n| scores[(n, 1)] - scores[(n, 0)]).collect();
        assert!(
            ((d[0] + d[3]) - (d[1] + d[2])).abs() < 1e-9,
            "seed {seed}: d = {d:?} is not affine"
        );
        assert!(xor::correct(&net) <= 3, "seed {seed}: d = {d:?}");
        // The best it can do: p = 1/2 everywhere, L = ln 2.
        assert!(
            (losses[ITERS - 1] - std::f64::consts::LN_2).abs() < 1e-4,
            "seed {seed}"
        );
        assert_eq!(Outcome::of(xor::correct(&net), &losses), Outcome::Stuck);
    }
}

#[test]
fn two_hidden_units_can_get_stuck() {
    // Seed 6: a local minimum at L ~ ln(2)/2, two points right, two at p = 1/2.
    let (net, losses) = trained(&[2], 6);
    assert!(xor::correct(&net) < 4);
    assert_eq!(Outcome::of(xor::correct(&net), &losses), Outcome::Stuck);
    assert!((losses[ITERS - 1] - std::f64::consts::LN_2 / 2.0).abs() < 0.01);
}

#[test]
fn outcomes_of_short_or_falling_runs() {
    assert_eq!(Outcome::of(3, &[0.5_f64; 5]), Outcome::StillLearning);
    let falling: Vec<f64> = (0..100).map(|i| 1.0 - 0.01 * i as f64).collect();
    assert_eq!(Outcome::of(2, &falling), Outcome::StillLearning);
    assert_eq!(Outcome::of(3, &[0.6_f64; 100]), Outcome::Stuck);
    assert_eq!(Outcome::of::<f64>(4, &[]), Outcome::Solved);
}
