//! Sharing a step's items between this thread and a helper.
//!
//! The main thread publishes each phase's items and both take them in
//! turn, so a helper that the system does not schedule in time never holds
//! the main thread up: it then runs the items itself. The threads wait for
//! a phase by spinning briefly, then yielding. Each item computes the same
//! numbers on either thread, so one thread and two give the same bits.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rand::rngs::ChaCha12Rng;

use super::state::{ITEMS, PHASES};
use super::{Items, Run};
use crate::fast::sparse::Rows;
use crate::fast::{Isa, threads};
use crate::train::Sampler;

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
pub(super) fn steps<R: Rows>(
    isa: Isa,
    items: &Items<'_, R>,
    sampler: &mut Sampler,
    rng: &mut ChaCha12Rng,
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
    let main = |helper_stopped: &dyn Fn() -> bool| {
        let stop = StopOnDrop(&sharing.stop);
        'steps: for step in 0..count {
            items.state.set_batch(sampler.next_batch(rng));
            for phase in PHASES.windows(2) {
                let end = step * ITEMS + phase[1];
                sharing.published.store(end, Ordering::Release);
                while let Some(item) = sharing.take() {
                    sharing.run(isa, items, item);
                }
                if !wait_for(&sharing.done, end, helper_stopped) {
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
