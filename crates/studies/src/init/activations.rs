//! Part 1: the activations of 5 hidden layers of 100 units for 1000
//! standard-normal inputs, for each setting (the book's
//! `weight_init_activation_histogram.py`, figures 6-10 to 6-14), as
//! histograms and moments per layer.

use multilayer::{Moments, MultiLayerNet, NetError};
use nalgebra::DMatrix;
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::Activation;

use super::{SETTINGS, Setting};

/// Inputs and features of the book's experiment.
const SAMPLES: usize = 1000;
const FEATURES: usize = 100;
/// Hidden layers of the book's experiments (parts 1 and 2).
pub const LAYERS: usize = 5;
/// Units of each hidden layer of the book's experiments.
pub const UNITS: usize = 100;
/// Bins of every histogram.
pub const BINS: usize = 30;

/// Counts of values in [`BINS`] equal bins over `[0, high]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// The upper end of the last bin.
    pub high: f64,
    /// The count of each bin, from 0 up.
    pub counts: Vec<usize>,
}

/// Counts `values` in [`BINS`] equal bins over `[0, high]`: bin
/// `floor(v / high * BINS)`, with `high` itself in the last bin; values
/// outside are not counted.
pub fn histogram(values: impl Iterator<Item = f64>, high: f64) -> Histogram {
    let mut counts = vec![0; BINS];
    for v in values.filter(|v| (0.0..=high).contains(v)) {
        let bin = ((v / high) * BINS as f64) as usize;
        counts[bin.min(BINS - 1)] += 1;
    }
    Histogram { high, counts }
}

/// One hidden layer's activations `z_i`, summarised.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerActivations {
    /// Mean and std of all its values.
    pub moments: Moments,
    /// Its values counted in bins (ReLU: without the exact zeros).
    pub histogram: Histogram,
    /// The share of exact zeros (ReLU's switched-off units), in `[0, 1]`.
    pub zeros: f64,
}

/// The hidden activations of one setting, first layer first.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingActivations {
    /// The activation and initialisation.
    pub setting: Setting,
    /// Its 5 hidden layers.
    pub layers: Vec<LayerActivations>,
}

/// Every setting's hidden activations `z_1..z_5` (5 layers of 100 units,
/// `z_i = h(z_{i-1} W_i + b_i)`, `W_i = std * N(0, 1)`) for the same 1000
/// inputs `x ~ N(0, 1)` of 100 features, from `seed`.
///
/// The same normal draws make every setting's weights, scaled by its std.
/// Sigmoid values are counted over `[0, 1]`; ReLU values over `[0, max]`
/// (the largest of the setting's layers), leaving out the exact zeros
/// (about half of them, which would dwarf the rest).
///
/// # Errors
/// None with [`SETTINGS`]; [`NetError`] is the network's own.
pub fn activations(seed: u64) -> Result<Vec<SettingActivations>, NetError> {
    SETTINGS
        .iter()
        .map(|&setting| {
            Ok(SettingActivations {
                setting,
                layers: layer_activations(setting, LAYERS, UNITS, seed)?,
            })
        })
        .collect()
}

/// One setting's hidden activations as [`activations`] measures them, for
/// any `depth` hidden layers of `width` units (the page's knobs): the
/// inputs from `seed`, the weights from `seed + 1`.
///
/// # Errors
/// [`NetError`] if `width` is 0 or a fixed std is not a finite number >= 0
/// (`depth` 0 gives no layers).
pub fn layer_activations(
    setting: Setting,
    depth: usize,
    width: usize,
    seed: u64,
) -> Result<Vec<LayerActivations>, NetError> {
    let mut rng = ChaCha12Rng::seed_from_u64(seed);
    let x: DMatrix<f64> = twolayer::randn(SAMPLES, FEATURES, 1.0, &mut rng);
    let mut rng = ChaCha12Rng::seed_from_u64(seed.wrapping_add(1));
    let net = MultiLayerNet::<f64>::new(
        FEATURES,
        &vec![width; depth],
        10,
        setting.0,
        setting.1,
        &mut rng,
    )?;
    Ok(summarise(setting.0, &net.hidden_activations(&x)))
}

/// Moments, histograms and zero shares of one setting's layers.
fn summarise(activation: Activation, layers: &[DMatrix<f64>]) -> Vec<LayerActivations> {
    let relu = activation == Activation::Relu;
    let high = if relu {
        let max = layers.iter().map(|z| z.max()).fold(0.0, f64::max);
        if max > 0.0 { max } else { 1.0 }
    } else {
        1.0
    };
    layers
        .iter()
        .map(|z| {
            let zeros = z.iter().filter(|&&v| v == 0.0).count();
            LayerActivations {
                moments: Moments::of(z),
                histogram: histogram(z.iter().copied().filter(|&v| !(relu && v == 0.0)), high),
                zeros: zeros as f64 / z.len() as f64,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_depth_and_width_is_measured_as_the_books_five_layers() {
        let book = activations(3).unwrap();
        let relu_he = layer_activations(SETTINGS[5], LAYERS, UNITS, 3).unwrap();
        assert_eq!(relu_he, book[5].layers);
        let deep = layer_activations(SETTINGS[1], 8, 20, 3).unwrap();
        assert_eq!(deep.len(), 8);
        // Sigmoid with std 0.01: every layer's values crowd around 0.5.
        assert!(deep.iter().all(|l| (l.moments.mean - 0.5).abs() < 0.01));
        assert!(layer_activations(SETTINGS[0], 2, 0, 3).is_err());
    }

    #[test]
    fn the_top_value_lands_in_the_last_bin() {
        let counts = histogram([0.0, 0.5, 1.0, 1.5, -0.1].into_iter(), 1.0).counts;
        assert_eq!(counts.iter().sum::<usize>(), 3);
        assert_eq!((counts[0], counts[15], counts[BINS - 1]), (1, 1, 1));
    }

    #[test]
    fn sigmoid_with_std_1_saturates_and_relu_with_he_keeps_its_spread() {
        let study = activations(0).unwrap();
        assert_eq!(study.len(), SETTINGS.len());
        let sigmoid_std1 = &study[0];
        assert_eq!(sigmoid_std1.layers.len(), LAYERS);
        // The book's figure 6-10: values pile up at 0 and 1.
        let counts = &sigmoid_std1.layers[4].histogram.counts;
        let ends = counts[0] + counts[BINS - 1];
        assert!(ends * 2 > SAMPLES * UNITS, "{counts:?}");
        for layer in &sigmoid_std1.layers {
            assert_eq!(
                layer.histogram.counts.iter().sum::<usize>(),
                SAMPLES * UNITS
            );
        }
        // ReLU with He: the std stays of one order through the 5 layers,
        // and about half the units are off.
        let relu_he = &study[5];
        let stds: Vec<f64> = relu_he.layers.iter().map(|l| l.moments.std).collect();
        assert!(stds.iter().all(|&s| (0.1..10.0).contains(&s)), "{stds:?}");
        assert!(relu_he.layers.iter().all(|l| (0.3..0.7).contains(&l.zeros)));
        // ReLU with std 0.01: the activations shrink towards 0 layer by layer.
        let relu_small = &study[3];
        assert!(relu_small.layers[4].moments.std < 1e-3 * relu_small.layers[0].moments.std);
    }
}
