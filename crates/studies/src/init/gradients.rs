//! Part 2: the norm of `dL/dW` of every layer at initialisation on a real
//! MNIST batch (section 6.2): the vanishing gradient in numbers.

use losses::Targets;
use multilayer::{MultiLayerNet, NetError};
use rand::SeedableRng;
use rand::rngs::ChaCha12Rng;
use twolayer::Dataset;

use super::{LAYERS, SETTINGS, Setting, UNITS};

/// Images in the batch (the first ones of the training set).
const BATCH: usize = 100;

/// One setting's gradient norms, `W1` (at the input) first.
#[derive(Debug, Clone, PartialEq)]
pub struct GradientNorms {
    /// The activation and initialisation.
    pub setting: Setting,
    /// `|dL/dW_i|` for `i = 1..6`.
    pub norms: Vec<f64>,
}

/// `|dL/dW_i| = sqrt(sum_jk (dL/dW_i)_jk^2)` (Frobenius) for `i = 1..6` of
/// each setting's untrained 784-100x5-10 net in `f64`, weights from `seed`,
/// by backprop on the first 100 images of `train`.
///
/// # Errors
/// [`NetError`] if `train` has no features or classes.
pub fn gradient_norms(train: &Dataset<'_>, seed: u64) -> Result<Vec<GradientNorms>, NetError> {
    SETTINGS
        .iter()
        .map(|&setting| {
            Ok(GradientNorms {
                setting,
                norms: layer_gradient_norms(train, setting, LAYERS, UNITS, seed)?,
            })
        })
        .collect()
}

/// One setting's `|dL/dW_i|` as [`gradient_norms`] measures them, for any
/// `depth` hidden layers of `width` units (the page's knobs): `depth + 1`
/// norms, `W1` first.
///
/// # Errors
/// [`NetError`] if `width` is 0, a fixed std is invalid, or `train` has no
/// features or classes.
pub fn layer_gradient_norms(
    train: &Dataset<'_>,
    setting: Setting,
    depth: usize,
    width: usize,
    seed: u64,
) -> Result<Vec<f64>, NetError> {
    let indices: Vec<usize> = (0..BATCH.min(train.len())).collect();
    let (x, t) = train.batch::<f64>(&indices);
    let mut rng = ChaCha12Rng::seed_from_u64(seed);
    let mut net = MultiLayerNet::<f64>::new(
        train.features(),
        &vec![width; depth],
        train.classes(),
        setting.0,
        setting.1,
        &mut rng,
    )?;
    let grads = net.gradient(&x, Targets::Labels(&t));
    Ok(grads.layers.iter().map(|g| g.w.norm()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_sigmoid_and_std_0_01_the_gradient_vanishes_toward_the_input() {
        // 100 images of 784 pixels in 10 classes, pixel values from the index.
        let labels: Vec<u8> = (0..100).map(|n| (n % 10) as u8).collect();
        let inputs: Vec<u8> = (0..100 * 784).map(|i| (i * 37 % 256) as u8).collect();
        let train = Dataset::new(&inputs, &labels, 784, 10).unwrap();
        let norms = gradient_norms(&train, 0).unwrap();
        assert_eq!(norms.len(), SETTINGS.len());
        assert!(norms.iter().all(|g| g.norms.len() == LAYERS + 1));
        let sigmoid_small = &norms[1].norms;
        assert_eq!(norms[1].setting, SETTINGS[1]);
        for pair in sigmoid_small.windows(2) {
            assert!(pair[0] < pair[1] / 5.0, "{sigmoid_small:?}");
        }
        let same = layer_gradient_norms(&train, SETTINGS[1], LAYERS, UNITS, 0).unwrap();
        assert_eq!(&same, sigmoid_small);
        let deeper = layer_gradient_norms(&train, SETTINGS[1], 7, 30, 0).unwrap();
        assert_eq!(deeper.len(), 8);
    }
}
