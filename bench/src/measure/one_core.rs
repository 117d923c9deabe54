//! Running a measurement on one core: this thread, and the threads it
//! starts meanwhile, limited to the first CPU it may run on, as
//! `taskset -c N` would. The fast path asks how many cores it may use
//! (`std::thread::available_parallelism`, which reads the same CPU set),
//! so it then runs on one thread: the bench compares that with both cores.

/// Why a measurement could not be limited to one core.
#[derive(Debug, thiserror::Error)]
#[error("cannot limit this process to one core: {0}")]
pub struct OneCoreError(String);

/// Runs `measure` with this thread limited to one CPU, then gives the
/// thread back the CPUs it had (also if `measure` panics).
///
/// # Errors
/// Where the system cannot set a thread's CPUs (only Linux is supported)
/// or refuses to, before or after the measurement.
pub fn on_one_core<R>(measure: impl FnOnce() -> R) -> Result<R, OneCoreError> {
    #[cfg(target_os = "linux")]
    {
        use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
        use nix::unistd::Pid;

        /// Gives the thread its CPUs back when dropped.
        struct Restore(Option<CpuSet>);
        impl Restore {
            fn now(mut self) -> Result<(), OneCoreError> {
                match self.0.take() {
                    Some(all) => sched_setaffinity(Pid::from_raw(0), &all).map_err(|e| {
                        OneCoreError(format!("measured, but cannot give back the CPUs: {e}"))
                    }),
                    None => Ok(()),
                }
            }
        }
        impl Drop for Restore {
            fn drop(&mut self) {
                if let Some(all) = self.0.take() {
                    // Unwinding already: nothing more can be said.
                    let _ = sched_setaffinity(Pid::from_raw(0), &all);
                }
            }
        }

        let this_thread = Pid::from_raw(0);
        let failed = |e: nix::Error| OneCoreError(e.to_string());
        let all = sched_getaffinity(this_thread).map_err(failed)?;
        let first = (0..CpuSet::count())
            .find(|&cpu| all.is_set(cpu).unwrap_or(false))
            .ok_or_else(|| OneCoreError("the CPU set is empty".to_owned()))?;
        let mut one = CpuSet::new();
        one.set(first).map_err(failed)?;
        sched_setaffinity(this_thread, &one).map_err(failed)?;
        let restore = Restore(Some(all));
        let result = measure();
        restore.now()?;
        Ok(result)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = measure;
        Err(OneCoreError(
            "only Linux lets a thread's CPUs be set here".to_owned(),
        ))
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn the_cores_come_back_after_a_panic() {
        let before = std::thread::available_parallelism().map(usize::from).ok();
        let caught = std::panic::catch_unwind(|| on_one_core(|| panic!("a failed measurement")));
        assert!(caught.is_err());
        assert_eq!(
            std::thread::available_parallelism().map(usize::from).ok(),
            before
        );
    }

    #[test]
    fn the_measurement_sees_one_core_and_the_cores_come_back() {
        let before = std::thread::available_parallelism().map(usize::from);
        let inside = on_one_core(|| std::thread::available_parallelism().map(usize::from));
        let spawned = on_one_core(|| {
            std::thread::spawn(|| std::thread::available_parallelism().map(usize::from))
                .join()
                .ok()
        });
        assert_eq!(inside.ok().and_then(Result::ok), Some(1));
        assert_eq!(spawned.ok().flatten().and_then(Result::ok), Some(1));
        assert_eq!(
            std::thread::available_parallelism().map(usize::from).ok(),
            before.ok()
        );
    }
}
