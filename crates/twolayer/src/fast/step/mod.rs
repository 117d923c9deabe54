//! One SGD step on the sparse inputs ([`Stepper`]), on this thread or
//! shared by two.
//!
//! A step on a batch of `N` samples is three phases of items (`state`):
//!
//! 1. per half of the batch: each sample's forward pass, loss,
//!    `dout = (y - t) / N` (as `softmax_with_loss_backward`) and
//!    `da1 = h'(a1) dout W2^T`;
//! 2. per block of rows of `W1`: `dW1 = x^T da1` over the samples in order,
//!    then `W1 -= learning_rate dW1`; and the small parameters: `db1`,
//!    `dW2 = z1^T dout`, `db2`, summed over the samples in order, and their
//!    update;
//! 3. per half of the batch: the forward pass and loss with the new
//!    parameters (the loss the book records).
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
use crate::Params;
use crate::train::Sampler;
use state::{ITEMS, PHASES, StepState, balanced_split};

/// Below this many hidden-unit updates per non-zero input and step (batch
/// size x chunks of 8 units), a second thread costs more in hand-offs than
/// it saves: MNIST's 100 x 7 is well above.
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
    /// Steps for `net`'s parameters with the instruction set `isa`, the rows
    /// of `W1` cut where they halve the non-zero inputs of `rows` (samples
    /// `0..len`).
    pub(crate) fn new<R: Rows>(isa: Isa, net: &FastNet, rows: &R, len: usize) -> Self {
        let split = balanced_split(rows, len, net.inputs);
        Self {
            isa,
            state: StepState::new(net, split),
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
            self.state = StepState::new(net, net.inputs / 2);
            self.shape = net.clone();
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
        self.state.set_batch(batch);
        self.run_solo(rows, labels, 0..ITEMS, Some(learning_rate));
        self.state.mean_loss()
    }

    /// The mean loss of the samples `batch` of `rows`, without a step.
    pub(crate) fn loss<R: Rows>(&mut self, rows: &R, labels: &[u8], batch: &[usize]) -> f32 {
        self.state.set_batch(batch);
        self.run_solo(rows, labels, PHASES[0]..PHASES[1], None);
        self.state.mean_loss()
    }

    /// The gradient of the mean loss of the samples `batch` of `rows`, in
    /// nalgebra's layout, without a step.
    pub(crate) fn gradient<R: Rows>(
        &mut self,
        rows: &R,
        labels: &[u8],
        batch: &[usize],
    ) -> Params<f32> {
        self.state.set_batch(batch);
        self.run_solo(rows, labels, PHASES[0]..PHASES[2], None);
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
    /// work per step; the results are the same.
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
        let items = Items {
            state: &self.state,
            rows,
            labels,
            learning_rate: Some(learning_rate),
        };
        if threads::available() >= 2
            && count >= 2
            && sampler.batch_size() * self.shape.chunks >= MIN_TEAM_WORK
        {
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

    /// The AVX2 copy of the kernels and the baseline one give the same bits
    /// (where the CPU has AVX2; elsewhere both are the baseline).
    #[test]
    fn every_instruction_set_gives_the_same_bits() {
        let (features, classes) = (50, 10);
        let mut rng = ChaCha12Rng::seed_from_u64(3);
        let inputs: Vec<u8> = (0..300 * features)
            .map(|_| {
                if rng.random_bool(0.7) {
                    0
                } else {
                    rng.random_range(1..=255)
                }
            })
            .collect();
        let labels: Vec<u8> = (0..300)
            .map(|_| rng.random_range(0..classes as u8))
            .collect();
        let data = Dataset::new(&inputs, &labels, features, classes).unwrap();
        for activation in [Activation::Sigmoid, Activation::Relu] {
            let net = TwoLayerNet::<f32>::new(features, 21, classes, 0.3, activation, &mut rng);
            let net = FastNet::new(&net);
            let run = |isa: Isa| {
                let mut stepper = Stepper::new(isa, &net, &data, data.len());
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
            assert_eq!(run(Isa::baseline()), run(Isa::detect()));
        }
    }
}
