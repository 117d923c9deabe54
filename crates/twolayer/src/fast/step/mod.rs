//! One SGD step on the sparse inputs ([`Stepper`]), on this thread or
//! shared by two.
//!
//! A step on a batch of `N` samples is five phases of items (`state`), for
//! each of two shares of the batch or each of two parts of the hidden units:
//!
//! 1. per share: its samples' non-zero inputs, copied together;
//! 2. per part: `z1 = h(x W1 + b1)` of every sample for the part's units;
//! 3. per share: each sample's scores, softmax, loss and
//!    `dout = (y - t) / N` (as `softmax_with_loss_backward`);
//! 4. per part: each sample's `da1 = h'(a1) dout W2^T` for the part's
//!    units, the part's columns of `dW1 = x^T da1`, `db1`, `dW2 = z1^T dout`
//!    (and `db2`), summed over the samples in order; the update
//!    `p -= learning_rate dp`; and `z1` again with the new parameters;
//! 5. per share: the scores and loss with the new parameters (the loss the
//!    book records).
//!
//! Every number is computed by the same operations in the same order
//! whichever thread runs its item, so one thread and two give the same bits
//! (`two_threads`).

mod state;
mod two_threads;

use std::ops::{ControlFlow, Range};

use rand::rngs::ChaCha12Rng;

use super::simd::Kernel;
use super::sparse::Rows;
use super::{FastNet, Isa, threads};
use crate::train::Sampler;
use state::{ITEMS, PHASES, StepState};

/// Below this many hidden-unit updates per non-zero input and step (batch
/// size x chunks of 8 units), a second thread costs more in hand-offs than
/// it saves: MNIST's 100 x 7 is well above. Two threads also need two
/// chunks, one per part.
const MIN_TEAM_WORK: usize = 64;

/// The network cut for the steps' items, and the instruction set they run with.
#[derive(Debug)]
pub(crate) struct Stepper {
    isa: Isa,
    state: StepState,
    /// The network's shapes and activation (its parameters are stale).
    shape: FastNet,
}

impl Stepper {
    /// Steps for `net`'s parameters with the instruction set `isa`.
    pub(crate) fn new(isa: Isa, net: &FastNet) -> Self {
        Self {
            isa,
            state: StepState::new(net, false),
            shape: net.clone(),
        }
    }

    /// The current parameters.
    pub(crate) fn net(&self) -> FastNet {
        let mut net = self.shape.clone();
        self.state.store(&mut net, false);
        net
    }

    /// Takes `net`'s parameters (allocating only if its shapes changed).
    pub(crate) fn load(&mut self, net: &FastNet) {
        if self.state.fits(net) {
            self.state.load(net);
        } else {
            self.state = StepState::new(net, false);
            self.shape = net.clone();
        }
    }

    /// Cuts the hidden units in two parts for two threads, or keeps them
    /// in one (the parameters stay).
    fn cut_for(&mut self, two_threads: bool) {
        if self.state.two_parts() != two_threads {
            let net = self.net();
            self.state = StepState::new(&net, two_threads);
        }
    }

    /// One SGD step on the samples `batch` of `rows` (labels `labels`) on
    /// this thread: the gradient of the mean loss,
    /// `p -= learning_rate * grad`, then the loss of the same batch with the
    /// new parameters, which it returns (the book's `train_loss_list`).
    pub(crate) fn step<R: Rows>(
        &mut self,
        rows: &R,
        labels: &[u8],
        batch: &[usize],
        learning_rate: f32,
    ) -> f32 {
        self.cut_for(false);
        self.state.set_batch(batch);
        self.run_solo(rows, labels, 0..ITEMS, Some(learning_rate));
        self.state.mean_loss()
    }

    /// The mean loss of the samples `batch` of `rows`, without a step.
    pub(crate) fn loss<R: Rows>(&mut self, rows: &R, labels: &[u8], batch: &[usize]) -> f32 {
        self.cut_for(false);
        self.state.set_batch(batch);
        self.run_solo(rows, labels, PHASES[0]..PHASES[3], None);
        self.state.mean_loss()
    }

    /// The gradient of the mean loss of the samples `batch` of `rows`, in
    /// nalgebra's layout, without a step (for `FastBackprop`).
    #[cfg(feature = "testing")]
    pub(crate) fn gradient<R: Rows>(
        &mut self,
        rows: &R,
        labels: &[u8],
        batch: &[usize],
    ) -> crate::Params<f32> {
        self.cut_for(false);
        self.state.set_batch(batch);
        self.run_solo(rows, labels, PHASES[0]..PHASES[4], None);
        let mut grads = self.shape.clone();
        self.state.store(&mut grads, true);
        let grads = grads.unchunk(&grads.w1t, &grads.b1, &grads.w2t, &grads.b2);
        let net = self.net();
        self.state.load(&net);
        grads
    }

    /// Items `range` of a step, in order, on this thread.
    fn run_solo<R: Rows>(
        &self,
        rows: &R,
        labels: &[u8],
        range: Range<usize>,
        learning_rate: Option<f32>,
    ) {
        let items = Items {
            state: &self.state,
            rows,
            labels,
            learning_rate,
        };
        self.isa.run(Run {
            items: &items,
            range,
        });
    }

    /// `count` SGD steps as [`step`](Self::step), each on a batch drawn by
    /// `sampler` from `rng`, giving each loss to `on_loss`, which may stop
    /// them. Two threads share the work when there are two cores and enough
    /// work per step (even for one step: a helper thread costs tens of
    /// microseconds); the results are the same.
    #[allow(
        clippy::too_many_arguments,
        reason = "the crate-private driver of `Trainer`"
    )]
    pub(crate) fn steps<R: Rows>(
        &mut self,
        rows: &R,
        labels: &[u8],
        sampler: &mut Sampler,
        rng: &mut ChaCha12Rng,
        learning_rate: f32,
        count: usize,
        mut on_loss: impl FnMut(f32) -> ControlFlow<()>,
    ) {
        let team = threads::available() >= 2
            && count >= 1
            && self.shape.chunks >= 2
            && sampler.batch_size() * self.shape.chunks >= MIN_TEAM_WORK;
        self.cut_for(team);
        let items = Items {
            state: &self.state,
            rows,
            labels,
            learning_rate: Some(learning_rate),
        };
        if team {
            two_threads::steps(self.isa, &items, sampler, rng, count, on_loss);
            return;
        }
        for _ in 0..count {
            self.state.set_batch(sampler.next_batch(rng));
            self.isa.run(Run {
                items: &items,
                range: 0..ITEMS,
            });
            if on_loss(self.state.mean_loss()).is_break() {
                return;
            }
        }
    }
}

/// What every item needs besides its number.
struct Items<'a, R> {
    state: &'a StepState,
    rows: &'a R,
    labels: &'a [u8],
    learning_rate: Option<f32>,
}

/// Runs the items `range` of a step, in order.
struct Run<'a, R> {
    items: &'a Items<'a, R>,
    range: Range<usize>,
}

impl<R: Rows> Kernel for Run<'_, R> {
    type Output = ();

    #[inline(always)]
    fn run(self) {
        let items = self.items;
        for item in self.range {
            items
                .state
                .run(item, items.rows, items.labels, items.learning_rate);
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::{RngExt, SeedableRng};

    use super::*;
    use crate::{Activation, Dataset, TwoLayerNet};

    /// `len` samples of `features` bytes, 70% of them 0, and their labels.
    fn sparse_samples(
        len: usize,
        features: usize,
        classes: usize,
        rng: &mut ChaCha12Rng,
    ) -> (Vec<u8>, Vec<u8>) {
        let inputs = (0..len * features)
            .map(|_| {
                if rng.random_bool(0.7) {
                    0
                } else {
                    rng.random_range(1..=255)
                }
            })
            .collect();
        let labels = (0..len)
            .map(|_| rng.random_range(0..classes as u8))
            .collect();
        (inputs, labels)
    }

    /// Two parts of the hidden units give the bits of one, run on this
    /// thread item after item, on every instruction set, for an odd batch
    /// and a batch of one (the first share empty), with padding in the last
    /// chunk (21 units: 3 chunks, 2 and 1 in the parts).
    #[test]
    fn two_parts_give_the_bits_of_one() {
        let (features, classes) = (40, 10);
        let mut rng = ChaCha12Rng::seed_from_u64(5);
        let (inputs, labels) = sparse_samples(300, features, classes, &mut rng);
        let data = Dataset::new(&inputs, &labels, features, classes).unwrap();
        for activation in [Activation::Sigmoid, Activation::Relu] {
            let net = TwoLayerNet::<f32>::new(features, 21, classes, 0.3, activation, &mut rng);
            let net = FastNet::new(&net);
            for isa in Isa::available() {
                for batch_size in [31, 1] {
                    let run = |two_parts: bool| {
                        let mut stepper = Stepper::new(isa, &net);
                        stepper.state = StepState::new(&net, two_parts);
                        assert_eq!(stepper.state.two_parts(), two_parts);
                        let mut rng = ChaCha12Rng::seed_from_u64(9);
                        let losses: Vec<u32> = (0..10)
                            .map(|_| {
                                let batch: Vec<usize> =
                                    (0..batch_size).map(|_| rng.random_range(0..300)).collect();
                                stepper.state.set_batch(&batch);
                                stepper.run_solo(&data, &labels, 0..ITEMS, Some(0.5));
                                stepper.state.mean_loss().to_bits()
                            })
                            .collect();
                        (losses, stepper.net().to_net().params)
                    };
                    assert_eq!(
                        run(true),
                        run(false),
                        "{activation:?}, {isa:?}, batch {batch_size}"
                    );
                }
            }
        }
    }

    /// Every copy of the kernels this CPU runs (AVX2, AVX-512) gives the
    /// baseline's bits; on a CPU without AVX-512 the test says so.
    #[test]
    #[allow(clippy::print_stderr, reason = "the test says what it skipped")]
    fn every_instruction_set_gives_the_same_bits() {
        let available = Isa::available();
        if !available.iter().any(|isa| isa.is_avx512()) {
            eprintln!("this CPU has no AVX-512: its copy of the kernels is not checked here");
        }
        let (features, classes) = (50, 10);
        let mut rng = ChaCha12Rng::seed_from_u64(3);
        let (inputs, labels) = sparse_samples(300, features, classes, &mut rng);
        let data = Dataset::new(&inputs, &labels, features, classes).unwrap();
        // 21 units (3 chunks) and the book's 50 (7), and weights so large
        // that the sigmoids saturate (values flushed to 0, see `simd::TINY`).
        let nets = [
            (Activation::Sigmoid, 21, 0.3),
            (Activation::Relu, 21, 0.3),
            (Activation::Sigmoid, 50, 0.3),
            (Activation::Sigmoid, 50, 10.0),
        ];
        for (activation, hidden, std) in nets {
            let net = TwoLayerNet::<f32>::new(features, hidden, classes, std, activation, &mut rng);
            let net = FastNet::new(&net);
            let run = |isa: Isa| {
                let mut stepper = Stepper::new(isa, &net);
                let mut rng = ChaCha12Rng::seed_from_u64(9);
                let losses: Vec<u32> = (0..20)
                    .map(|_| {
                        let batch: Vec<usize> = (0..30).map(|_| rng.random_range(0..300)).collect();
                        stepper.step(&data, &labels, &batch, 0.5).to_bits()
                    })
                    .collect();
                let trained = stepper.net();
                let counts = super::super::confusion(isa, &trained, &data, &labels);
                (losses, trained.to_net().params, counts)
            };
            let baseline = run(Isa::baseline());
            for &isa in &available[1..] {
                assert!(
                    run(isa) == baseline,
                    "{activation:?} {hidden} {std}: {isa:?}"
                );
            }
        }
    }
}
