//! [`FastBackprop`]: the fast path's gradient and loss on their own.

use losses::Targets;

use super::sparse::MAX_FEATURES;
use super::step::Stepper;
use super::{FastNet, Isa};
use crate::{Dataset, Params, TwoLayerNet};

/// The backprop gradient and loss of a [`TwoLayerNet<f32>`] on a batch of a
/// [`Dataset`], by the fast path that [`train`](crate::fast::train()) steps with
/// (see [`Trainer`](crate::fast::Trainer)): the same numbers as
/// [`TwoLayerNet::gradient`] and [`TwoLayerNet::loss`] on
/// `data.batch(batch)`, up to rounding, without converting the batch to
/// floats and skipping its zero inputs.
///
/// ```
/// use losses::Targets;
/// use rand::SeedableRng;
/// use twolayer::fast::FastBackprop;
/// use twolayer::{Activation, Dataset, TwoLayerNet};
///
/// let inputs: Vec<u8> = (0..4 * 6).map(|i| if i % 3 == 0 { 0 } else { i * 10 }).collect();
/// let data = Dataset::new(&inputs, &[0, 1, 2, 1], 6, 3).unwrap();
/// let mut rng = rand::rngs::ChaCha12Rng::seed_from_u64(0);
/// let mut net = TwoLayerNet::<f32>::new(6, 4, 3, 0.5, Activation::Sigmoid, &mut rng);
///
/// let batch = [3, 0, 2];
/// let fast = FastBackprop::new().gradient(&net, &data, &batch);
/// let (x, t) = data.batch::<f32>(&batch);
/// let dense = net.gradient(&x, Targets::Labels(&t));
/// assert!((fast.w1 - dense.w1).abs().max() < 1e-6);
/// ```
///
/// It keeps its buffers between calls. A seam for the tests and benchmarks
/// that compare the fast path with the dense layers, behind the `testing`
/// feature: to train, use [`Trainer`](crate::fast::Trainer).
#[derive(Debug)]
pub struct FastBackprop {
    isa: Isa,
    stepper: Option<Stepper>,
}

impl Default for FastBackprop {
    fn default() -> Self {
        Self::new()
    }
}

impl FastBackprop {
    /// For the widest vectors this CPU has.
    pub fn new() -> Self {
        Self {
            isa: Isa::detect(),
            stepper: None,
        }
    }

    /// `dL/dp` for every parameter of `net`, `L` the mean loss on the
    /// samples `batch` of `data` (repeats allowed): [`TwoLayerNet::gradient`]
    /// of `data.batch(batch)`.
    ///
    /// # Panics
    /// If `net` does not fit `data` (inputs and features, outputs and
    /// classes), `batch` is empty or holds an index out of range.
    #[track_caller]
    pub fn gradient(
        &mut self,
        net: &TwoLayerNet<f32>,
        data: &Dataset<'_>,
        batch: &[usize],
    ) -> Params<f32> {
        check(net, data, batch);
        if data.features() > MAX_FEATURES {
            let (x, t) = data.batch(batch);
            return net.clone().gradient(&x, Targets::Labels(&t));
        }
        let fast = FastNet::new(net);
        self.stepper_for(&fast).gradient(data, data.labels(), batch)
    }

    /// The mean cross-entropy loss of `net` on the samples `batch` of
    /// `data`: [`TwoLayerNet::loss`] of `data.batch(batch)`.
    ///
    /// # Panics
    /// As [`gradient`](Self::gradient).
    #[track_caller]
    pub fn loss(&mut self, net: &TwoLayerNet<f32>, data: &Dataset<'_>, batch: &[usize]) -> f32 {
        check(net, data, batch);
        if data.features() > MAX_FEATURES {
            let (x, t) = data.batch(batch);
            return net.loss(&x, Targets::Labels(&t));
        }
        let fast = FastNet::new(net);
        self.stepper_for(&fast).loss(data, data.labels(), batch)
    }

    /// The stepper, holding `net`'s parameters.
    fn stepper_for(&mut self, net: &FastNet) -> &mut Stepper {
        let isa = self.isa;
        let stepper = self.stepper.get_or_insert_with(|| Stepper::new(isa, net));
        stepper.load(net);
        stepper
    }
}

/// Checks that `net` fits `data` and `batch` is a batch of it.
#[track_caller]
fn check(net: &TwoLayerNet<f32>, data: &Dataset<'_>, batch: &[usize]) {
    let (input, _, output) = net.dims();
    assert!(
        input == data.features() && output == data.classes(),
        "the network is {input} inputs -> {output} outputs but the data set has {} \
         features and {} classes",
        data.features(),
        data.classes()
    );
    assert!(!batch.is_empty(), "the batch is empty");
    if let Some(&n) = batch.iter().find(|&&n| n >= data.len()) {
        panic!("index {n} is out of range for {} samples", data.len());
    }
}
