//! Running the steps' items (see `model`): all on one thread, or shared by
//! two.
//!
//! With two threads, the main thread publishes each phase's items and both
//! take them in turn, so a helper that the system does not schedule in time
//! never holds the main thread up: it then runs the items itself. The
//! threads wait for a phase by spinning briefly, then yielding. Each item
//! computes the same numbers on either thread, so one thread and two give
//! the same bits.

use std::ops::{ControlFlow, Range};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rand::rngs::StdRng;

use super::model::{ITEMS, Model, PHASES, balanced_split};
use super::simd::Kernel;
use super::{FastNet, Isa};
use crate::Params;
use crate::sampler::Sampler;
use crate::sparse::Rows;

/// Below this many hidden-unit updates per non-zero input and step (batch
/// size x chunks of 8 units), a second thread costs more in hand-offs than
/// it saves: MNIST's 100 x 7 is well above.
const MIN_TEAM_WORK: usize = 64;

/// The network cut for the steps' items, and the instruction set they run with.
#[derive(Debug)]
pub(crate) struct Stepper {
    isa: Isa,
    model: Model,
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
            model: Model::new(net, split),
            shape: net.clone(),
        }
    }

    /// The current parameters.
    pub(crate) fn net(&self) -> FastNet {
        let mut net = self.shape.clone();
        self.model.store(&mut net, false);
        net
    }

    /// Takes `net`'s parameters (allocating only if its shapes changed).
    pub(crate) fn load(&mut self, net: &FastNet) {
        if self.model.fits(net) {
            self.model.load(net);
        } else {
            self.model = Model::new(net, net.inputs / 2);
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
        self.model.set_batch(batch);
        self.run_solo(rows, labels, 0..ITEMS, Some(learning_rate));
        self.model.mean_loss()
    }

    /// The mean loss of the samples `batch` of `rows`, without a step.
    pub(crate) fn loss<R: Rows>(&mut self, rows: &R, labels: &[u8], batch: &[usize]) -> f32 {
        self.model.set_batch(batch);
        self.run_solo(rows, labels, PHASES[0]..PHASES[1], None);
        self.model.mean_loss()
    }

    /// The gradient of the mean loss of the samples `batch` of `rows`, in
    /// nalgebra's layout, without a step.
    pub(crate) fn gradient<R: Rows>(
        &mut self,
        rows: &R,
        labels: &[u8],
        batch: &[usize],
    ) -> Params<f32> {
        self.model.set_batch(batch);
        self.run_solo(rows, labels, PHASES[0]..PHASES[2], None);
        let mut grads = self.shape.clone();
        self.model.store(&mut grads, true);
        let grads = grads.unchunk(&grads.w1t, &grads.b1, &grads.w2t, &grads.b2);
        let net = self.net();
        self.model.load(&net);
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
            model: &self.model,
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
        rng: &mut StdRng,
        learning_rate: f32,
        count: usize,
        mut on_loss: impl FnMut(f32) -> ControlFlow<()>,
    ) {
        let items = Items {
            model: &self.model,
            rows,
            labels,
            learning_rate: Some(learning_rate),
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cores >= 2 && count >= 2 && sampler.batch_size() * self.shape.chunks >= MIN_TEAM_WORK {
            team(self.isa, &items, sampler, rng, count, on_loss);
            return;
        }
        for _ in 0..count {
            self.model.set_batch(sampler.next_batch(rng));
            self.isa.run(Run {
                items: &items,
                range: 0..ITEMS,
            });
            if on_loss(self.model.mean_loss()).is_break() {
                return;
            }
        }
    }
}

/// What every item needs besides its number.
struct Items<'a, R> {
    model: &'a Model,
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
                .model
                .run(item, items.rows, items.labels, items.learning_rate);
        }
    }
}

/// How far the shared items have got.
struct Sharing {
    /// Items (counted over all steps) below this may be taken.
    published: AtomicUsize,
    /// The next item to take.
    taken: AtomicUsize,
    /// How many items are done.
    done: AtomicUsize,
    /// Set when the main thread leaves, even by a panic.
    stop: AtomicBool,
}

impl Sharing {
    /// Takes the next published item, if any.
    fn take(&self) -> Option<usize> {
        let mut item = self.taken.load(Ordering::Acquire);
        loop {
            if item >= self.published.load(Ordering::Acquire) {
                return None;
            }
            match self.taken.compare_exchange_weak(
                item,
                item + 1,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return Some(item),
                Err(now) => item = now,
            }
        }
    }

    /// Runs item `item` (counted over all steps).
    fn run<R: Rows>(&self, isa: Isa, items: &Items<'_, R>, item: usize) {
        let item = item % ITEMS;
        isa.run(Run {
            items,
            range: item..item + 1,
        });
        self.done.fetch_add(1, Ordering::Release);
    }
}

/// Sets `stop` when the main thread leaves the steps, even by a panic, so
/// that the helper does not wait forever.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Release);
    }
}

/// `count` steps whose items this thread and a helper share.
fn team<R: Rows>(
    isa: Isa,
    items: &Items<'_, R>,
    sampler: &mut Sampler,
    rng: &mut StdRng,
    count: usize,
    mut on_loss: impl FnMut(f32) -> ControlFlow<()>,
) {
    let sharing = Sharing {
        published: AtomicUsize::new(0),
        taken: AtomicUsize::new(0),
        done: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
    };
    let sharing = &sharing;
    std::thread::scope(|scope| {
        let stop = StopOnDrop(&sharing.stop);
        let helper = scope.spawn(move || help(isa, items, sharing));
        'steps: for step in 0..count {
            items.model.set_batch(sampler.next_batch(rng));
            for phase in PHASES.windows(2) {
                let end = step * ITEMS + phase[1];
                sharing.published.store(end, Ordering::Release);
                while let Some(item) = sharing.take() {
                    sharing.run(isa, items, item);
                }
                if !wait_for(&sharing.done, end, || helper.is_finished()) {
                    break 'steps;
                }
            }
            if on_loss(items.model.mean_loss()).is_break() {
                break;
            }
        }
        drop(stop);
    });
}

/// The helper thread: takes items until the main thread leaves.
fn help<R: Rows>(isa: Isa, items: &Items<'_, R>, sharing: &Sharing) {
    let mut spins = 0;
    while !sharing.stop.load(Ordering::Acquire) {
        if let Some(item) = sharing.take() {
            sharing.run(isa, items, item);
            spins = 0;
        } else if spins < SPINS {
            spins += 1;
            std::hint::spin_loop();
        } else {
            std::thread::yield_now();
        }
    }
}

/// Spins this many times before yielding the core (tens of microseconds).
const SPINS: u32 = 2000;

/// Waits until `counter >= target`; `false` if `give_up()` first.
fn wait_for(counter: &AtomicUsize, target: usize, give_up: impl Fn() -> bool) -> bool {
    let mut spins = 0;
    while counter.load(Ordering::Acquire) < target {
        if give_up() {
            return false;
        }
        if spins < SPINS {
            spins += 1;
            std::hint::spin_loop();
        } else {
            std::thread::yield_now();
        }
    }
    true
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
        let mut rng = StdRng::seed_from_u64(3);
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
                let mut rng = StdRng::seed_from_u64(9);
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
