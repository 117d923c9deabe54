//! Part 2: the norm of dL/dW of every layer at initialisation on a real
//! MNIST batch: the vanishing gradient in numbers.

use losses::Targets;
use multilayer::MultiLayerNet;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::Dataset;

use super::activations::number;
use super::{SETTINGS, Setting};

/// Images in the batch (the first ones of the training set), hidden layers, units.
const BATCH: usize = 100;
const LAYERS: usize = 5;
const UNITS: usize = 100;

/// `|dL/dW_i|` (Frobenius) for `i = 1..6` of each setting's untrained
/// 784-100x5-10 net in `f64`; prints the table.
pub fn study(train: &Dataset<'_>, seed: u64) -> anyhow::Result<Vec<(Setting, Vec<f64>)>> {
    let indices: Vec<usize> = (0..BATCH.min(train.len())).collect();
    let (x, t) = train.batch::<f64>(&indices);
    let columns: Vec<String> = (1..=LAYERS + 1)
        .map(|i| format!("{:>10}", format!("W{i}")))
        .collect();
    println!("{:<16}|{}", "setting", columns.join(""));
    let mut results = Vec::with_capacity(SETTINGS.len());
    for setting in SETTINGS {
        let mut rng = ChaCha12Rng::seed_from_u64(seed);
        let mut net = MultiLayerNet::<f64>::new(
            train.features(),
            &[UNITS; LAYERS],
            train.classes(),
            setting.0,
            setting.1,
            &mut rng,
        )?;
        let grads = net.gradient(&x, Targets::Labels(&t));
        let norms: Vec<f64> = grads.layers.iter().map(|g| g.w.norm()).collect();
        let cells: Vec<String> = norms
            .iter()
            .map(|&n| format!("{:>10}", number(n)))
            .collect();
        println!("{:<16}|{}", setting.label(), cells.join(""));
        results.push((setting, norms));
    }
    Ok(results)
}
