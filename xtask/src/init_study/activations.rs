//! Part 1: the activations of 5 hidden layers of 100 units for 1000
//! standard-normal inputs, for each setting (the book's
//! `weight_init_activation_histogram.py`), and their mean and std per layer.

use multilayer::{Moments, MultiLayerNet};
use nalgebra::DMatrix;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;

use super::{SETTINGS, Setting};

/// Inputs, features, hidden layers and units of the book's experiment.
const SAMPLES: usize = 1000;
const FEATURES: usize = 100;
const LAYERS: usize = 5;
const UNITS: usize = 100;

/// Every setting's hidden activations `z_1..z_5`, each `(1000, 100)`, for the
/// same inputs `x ~ N(0, 1)`; prints the table of means and stds.
pub fn study(seed: u64) -> anyhow::Result<Vec<(Setting, Vec<DMatrix<f64>>)>> {
    let mut rng = ChaCha12Rng::seed_from_u64(seed);
    let x: DMatrix<f64> = twolayer::randn(SAMPLES, FEATURES, 1.0, &mut rng);
    let mut results = Vec::with_capacity(SETTINGS.len());
    print_header();
    for setting in SETTINGS {
        // The same weights' normal draws for every setting, scaled by its std.
        let mut rng = ChaCha12Rng::seed_from_u64(seed.wrapping_add(1));
        let net = MultiLayerNet::<f64>::new(
            FEATURES,
            &[UNITS; LAYERS],
            10,
            setting.0,
            setting.1,
            &mut rng,
        )?;
        let layers = net.hidden_activations(&x);
        let cells: Vec<String> = layers
            .iter()
            .map(|z| {
                let m = Moments::of(z);
                format!("{:>9} {:>9}", number(m.mean), number(m.std))
            })
            .collect();
        println!("{:<16}|{}", setting.label(), cells.join(" |"));
        results.push((setting, layers));
    }
    Ok(results)
}

fn print_header() {
    let columns: Vec<String> = (1..=LAYERS)
        .map(|i| format!("{:>19}", format!("layer {i} mean, std")))
        .collect();
    println!("{:<16}|{}", "setting", columns.join(" |"));
}

/// Four decimals, or three significant digits for small numbers.
pub fn number(v: f64) -> String {
    if v == 0.0 || v.abs() >= 1e-3 {
        format!("{v:.4}")
    } else {
        format!("{v:.2e}")
    }
}
