//! What an epoch's evaluation sees besides the accuracies: how the hidden
//! units are used and which class the network predicts most. A run's
//! doctor reads it to say why a run fails (a saturated sigmoid layer, dead
//! ReLU units, a network that calls every image the same digit).

use tensor_ops::Real;

use super::{Dataset, accuracy, confusion_matrix};
use crate::{Activation, TwoLayerNet};

/// The test samples whose hidden outputs [`hidden_use`] counts: the first
/// 1,000, a fixed subset, so that the count costs about a seventieth of an
/// evaluation of MNIST's 70,000 images.
pub const PROBE_SAMPLES: usize = 1000;

/// A sigmoid output `z` is saturated when `z < SATURATED` or
/// `z > 1 - SATURATED`: its derivative `z (1 - z)` is then below 0.0099, a
/// twenty-fifth of its largest, 0.25 (the book's figure 6-10 shows
/// activations piled up at 0 and 1, whose gradients vanish).
pub const SATURATED: f64 = 0.01;

/// What an epoch's evaluation sees besides the accuracies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Probe {
    /// How the hidden units are used on the first [`PROBE_SAMPLES`] test samples.
    pub hidden: HiddenUse,
    /// The class the network predicts for the most test samples (the
    /// first such class on a tie).
    pub top_class: usize,
    /// The share of the test samples predicted as `top_class`.
    pub top_share: f64,
}

/// How the hidden units are used, by activation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HiddenUse {
    /// Sigmoid: the share of the outputs `z1` (every unit of every sample)
    /// below [`SATURATED`] or above `1 - SATURATED`.
    Saturated(f64),
    /// ReLU: the share of the hidden units whose output is 0 for every
    /// sample counted (a unit that never fires gets no gradient).
    NeverActive(f64),
}

/// The test samples [`hidden_use`] counts: the first [`PROBE_SAMPLES`].
pub(crate) fn probe_len(data: &Dataset<'_>) -> usize {
    data.len().min(PROBE_SAMPLES)
}

/// How `net`'s hidden units are used on the first [`PROBE_SAMPLES`] samples
/// of `data`: `z1 = h(x W1 + b1)` ([`TwoLayerNet::hidden`]) counted as
/// [`HiddenUse`] says.
///
/// ```
/// use twolayer::train::{HiddenUse, hidden_use};
/// use twolayer::{Activation, Dataset, TwoLayerNet};
///
/// let data = Dataset::new(&[0, 255, 255, 0], &[0, 1], 2, 2).unwrap();
/// let mut rng = <rand::rngs::ChaCha12Rng as rand::SeedableRng>::seed_from_u64(1);
/// // Weights of standard deviation 100: nearly every sigmoid output is 0 or 1.
/// let net = TwoLayerNet::<f32>::new(2, 50, 2, 100.0, Activation::Sigmoid, &mut rng);
/// let HiddenUse::Saturated(share) = hidden_use(&net, &data) else { unreachable!() };
/// assert!(share > 0.9);
/// ```
///
/// # Panics
/// If `net`'s input size is not `data.features()`.
pub fn hidden_use<T: Real>(net: &TwoLayerNet<T>, data: &Dataset<'_>) -> HiddenUse {
    let indices: Vec<usize> = (0..probe_len(data)).collect();
    let (x, _) = data.batch::<T>(&indices);
    let z1 = net.hidden(&x);
    let mut count = HiddenCount::new(net.activation, z1.ncols());
    for row in z1.row_iter() {
        count.sample(row.iter().map(|z| z.to_f64()));
    }
    count.finish()
}

/// [`HiddenUse`] counted one sample at a time.
#[derive(Debug, Clone)]
pub(crate) struct HiddenCount {
    activation: Activation,
    /// Sigmoid: the saturated outputs so far.
    saturated: u64,
    /// Outputs counted so far.
    outputs: u64,
    /// ReLU: whether each unit has fired on a sample so far.
    active: Vec<bool>,
}

impl HiddenCount {
    pub(crate) fn new(activation: Activation, hidden: usize) -> Self {
        Self {
            activation,
            saturated: 0,
            outputs: 0,
            active: vec![false; hidden],
        }
    }

    /// Counts one sample's hidden outputs `z1: (hidden,)`.
    pub(crate) fn sample(&mut self, z1: impl Iterator<Item = f64>) {
        for (active, z) in self.active.iter_mut().zip(z1) {
            self.outputs += 1;
            match self.activation {
                Activation::Sigmoid => {
                    self.saturated += u64::from(!(SATURATED..=1.0 - SATURATED).contains(&z));
                }
                Activation::Relu => *active |= z > 0.0,
            }
        }
    }

    pub(crate) fn finish(self) -> HiddenUse {
        match self.activation {
            Activation::Sigmoid => {
                HiddenUse::Saturated(self.saturated as f64 / self.outputs.max(1) as f64)
            }
            Activation::Relu => {
                let never = self.active.iter().filter(|&&active| !active).count();
                HiddenUse::NeverActive(never as f64 / self.active.len().max(1) as f64)
            }
        }
    }
}

impl Probe {
    /// The probe from the hidden use and the test set's confusion counts,
    /// `counts[label * classes + predicted]`.
    pub(crate) fn new(hidden: HiddenUse, counts: &[u64], classes: usize) -> Self {
        let mut predicted = vec![0_u64; classes];
        for row in counts.chunks(classes) {
            for (total, &count) in predicted.iter_mut().zip(row) {
                *total += count;
            }
        }
        let top_class = tensor_ops::argmax(predicted.iter().map(|&count| count as f64));
        let samples: u64 = predicted.iter().sum();
        Self {
            hidden,
            top_class,
            top_share: predicted[top_class] as f64 / samples.max(1) as f64,
        }
    }
}

/// What an epoch of [`train_neuralnet`](super::train_neuralnet) measures:
/// the accuracy on `train` and on `test`, and the [`Probe`] on `test`.
pub(crate) fn epoch_evaluation<T: Real>(
    net: &TwoLayerNet<T>,
    train: &Dataset<'_>,
    test: &Dataset<'_>,
) -> (f64, f64, Probe) {
    let test_matrix = confusion_matrix(net, test);
    let probe = Probe::new(hidden_use(net, test), &test_matrix.concat(), test.classes());
    (
        super::evaluate(net, train),
        accuracy(&test_matrix, test.len()),
        probe,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_outputs_count_as_saturated_outside_one_hundredth_of_the_ends() {
        let mut count = HiddenCount::new(Activation::Sigmoid, 4);
        count.sample([0.005, 0.01, 0.5, 0.995].into_iter());
        count.sample([0.0, 1.0, 0.99, 0.3].into_iter());
        assert_eq!(count.finish(), HiddenUse::Saturated(4.0 / 8.0));
    }

    #[test]
    fn a_relu_unit_is_dead_when_it_fires_on_no_sample() {
        let mut count = HiddenCount::new(Activation::Relu, 4);
        count.sample([0.0, 0.2, 0.0, 0.0].into_iter());
        count.sample([0.0, 0.0, 3.0, 0.0].into_iter());
        assert_eq!(count.finish(), HiddenUse::NeverActive(2.0 / 4.0));
    }

    #[test]
    fn the_top_class_is_the_most_predicted_over_all_labels() {
        // Two classes: labels 0 predicted (1, 3) times, labels 1 (0, 4).
        let probe = Probe::new(HiddenUse::Saturated(0.0), &[1, 3, 0, 4], 2);
        assert_eq!((probe.top_class, probe.top_share), (1, 7.0 / 8.0));
    }
}
