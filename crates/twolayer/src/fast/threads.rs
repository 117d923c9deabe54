//! The one way the fast path runs work on several threads: this thread and
//! some helpers in one [`std::thread::scope`].
//!
//! Every user splits its work so that each number is computed by one thread
//! in a fixed order, whichever thread that is: results do not depend on the
//! number of threads, bit for bit.

use std::num::NonZeroUsize;
use std::thread::ScopedJoinHandle;

/// The number of threads the machine runs at once
/// ([`std::thread::available_parallelism`]), at least 1.
pub(super) fn available() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// Runs `helper(task)` for each of `tasks` on a thread of its own while this
/// thread runs `main`, then joins them: `main`'s result and the helpers',
/// in the order of `tasks`.
///
/// `main` gets a function that tells whether a helper has already returned
/// (or panicked), so that it never waits for a helper that will not come.
/// A helper's panic is raised again here, after every thread has stopped.
pub(super) fn with_helpers<T, R, M>(
    tasks: Vec<T>,
    helper: impl Fn(T) -> R + Sync,
    main: impl FnOnce(&dyn Fn() -> bool) -> M,
) -> (M, Vec<R>)
where
    T: Send,
    R: Send,
{
    let helper = &helper;
    std::thread::scope(|scope| {
        let handles: Vec<ScopedJoinHandle<'_, R>> = tasks
            .into_iter()
            .map(|task| scope.spawn(move || helper(task)))
            .collect();
        let ours = main(&|| handles.iter().any(ScopedJoinHandle::is_finished));
        let theirs = handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        (ours, theirs)
    })
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn every_task_runs_once_and_results_keep_their_order() {
        let ran = AtomicUsize::new(0);
        let (main, helpers) = with_helpers(
            vec![1, 2, 3],
            |task| {
                ran.fetch_add(1, Ordering::Relaxed);
                task * 10
            },
            |_| "main",
        );
        assert_eq!((main, helpers), ("main", vec![10, 20, 30]));
        assert_eq!(ran.load(Ordering::Relaxed), 3);
    }

    #[test]
    fn main_sees_a_helper_that_has_returned() {
        let (seen, _) = with_helpers(
            vec![()],
            |()| {},
            |finished| {
                while !finished() {
                    std::thread::yield_now();
                }
                true
            },
        );
        assert!(seen);
    }
}
