//! Sharing a step's items between this thread and a helper.
//!
//! The main thread publishes each phase of a step and both threads claim
//! its items, each in its own order of preference: the main thread the
//! first share of the batch and the first part of the hidden units, the
//! helper the second ones. So each thread keeps working on the same columns
//! of the parameters step after step, in its own cache, instead of taking
//! them from the other core's. Any item either thread has not claimed yet the other
//! may take, so a helper that the system does not schedule in time never
//! holds the main thread up: it then runs the items itself. The threads
//! wait for a phase by spinning briefly, then yielding. Each item computes
//! the same numbers on either thread, so one thread and two give the same
//! bits.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rand::rngs::ChaCha12Rng;

use super::state::{ITEMS, PHASES};
use super::{Items, Run};
use crate::fast::sparse::Rows;
use crate::fast::{Isa, threads};
use crate::train::Sampler;

/// The order in which the main thread claims the items of each phase
/// (see `state`): the first share of the batch and the first part of the
/// hidden units first.
const MAIN_ORDER: [usize; ITEMS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
/// The helper's order: the second share and the second part first.
const HELPER_ORDER: [usize; ITEMS] = [1, 0, 3, 2, 5, 4, 7, 6, 9, 8];

/// How far the shared items have got.
struct Sharing {
    /// The phase published last, counted over all steps from 1 (0: none yet).
    phase: AtomicUsize,
    /// For each item of a step, the last phase (as `phase`) in which it was claimed.
    claimed: [AtomicUsize; ITEMS],
    /// How many items are done, over all steps.
    done: AtomicUsize,
    /// Set when the main thread leaves, even by a panic.
    stop: AtomicBool,
}

impl Sharing {
    /// Claims the first item of published phase `phase` in `order` that no
    /// thread has claimed yet, if any.
    fn claim(&self, phase: usize, order: &[usize; ITEMS]) -> Option<usize> {
        let items = phase_items(phase);
        order
            .iter()
            .copied()
            .filter(|item| items.contains(item))
            .find(|&item| {
                let claimed = &self.claimed[item];
                let last = claimed.load(Ordering::Acquire);
                last < phase
                    && claimed
                        .compare_exchange(last, phase, Ordering::AcqRel, Ordering::Acquire)
                        .is_ok()
            })
    }

    /// Runs item `item` of a step.
    fn run<R: Rows>(&self, isa: Isa, items: &Items<'_, R>, item: usize) {
        isa.run(Run {
            items,
            range: item..item + 1,
        });
        self.done.fetch_add(1, Ordering::Release);
    }
}

/// The items of phase `phase` (counted over all steps from 1).
fn phase_items(phase: usize) -> std::ops::Range<usize> {
    let within = (phase - 1) % (PHASES.len() - 1);
    PHASES[within]..PHASES[within + 1]
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
pub(super) fn steps<R: Rows>(
    isa: Isa,
    items: &Items<'_, R>,
    sampler: &mut Sampler,
    rng: &mut ChaCha12Rng,
    count: usize,
    mut on_loss: impl FnMut(f32) -> ControlFlow<()>,
) {
    let sharing = Sharing {
        phase: AtomicUsize::new(0),
        claimed: std::array::from_fn(|_| AtomicUsize::new(0)),
        done: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
    };
    let sharing = &sharing;
    let main = |helper_stopped: &dyn Fn() -> bool| {
        let stop = StopOnDrop(&sharing.stop);
        let (mut phase, mut done) = (0, 0);
        'steps: for _ in 0..count {
            items.state.set_batch(sampler.next_batch(rng));
            for bounds in PHASES.windows(2) {
                phase += 1;
                done += bounds[1] - bounds[0];
                sharing.phase.store(phase, Ordering::Release);
                while let Some(item) = sharing.claim(phase, &MAIN_ORDER) {
                    sharing.run(isa, items, item);
                }
                if !wait_for(&sharing.done, done, helper_stopped) {
                    break 'steps;
                }
            }
            if on_loss(items.state.mean_loss()).is_break() {
                break;
            }
        }
        drop(stop);
    };
    threads::with_helpers(vec![()], |()| help(isa, items, sharing), main);
}

/// The helper thread: claims items until the main thread leaves.
fn help<R: Rows>(isa: Isa, items: &Items<'_, R>, sharing: &Sharing) {
    let mut spins = 0;
    while !sharing.stop.load(Ordering::Acquire) {
        let phase = sharing.phase.load(Ordering::Acquire);
        if let Some(item) = (phase > 0)
            .then(|| sharing.claim(phase, &HELPER_ORDER))
            .flatten()
        {
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
