//! What the OS counts for this process and for its children, through
//! `getrusage(2)`: the CPU time this process has used (which tells how many
//! cores a phase kept busy) and the largest peak resident memory of the
//! children it has waited for. `None` where the OS does not tell (not Unix).

use std::time::Duration;

/// The CPU time (user + system, all threads) this process has used so far.
pub fn cpu_time() -> Option<Duration> {
    let usage = rusage::this_process()?;
    Some(usage.user + usage.system)
}

/// The CPU time used since `cpu_started` (a [`cpu_time`]).
pub fn cpu_since(cpu_started: Option<Duration>) -> Option<Duration> {
    cpu_time()?.checked_sub(cpu_started?)
}

/// About how many cores a phase kept busy: `cpu / wall` (0 for no wall time).
pub fn cores_busy(cpu: Duration, wall: Duration) -> f64 {
    cpu.as_secs_f64() / wall.as_secs_f64().max(1e-9)
}

/// The peak resident memory, in bytes, of the largest of the child
/// processes this process has waited for (`ru_maxrss` of `RUSAGE_CHILDREN`).
pub fn children_peak_rss_bytes() -> Option<u64> {
    rusage::children().map(|usage| usage.max_rss_bytes)
}

#[cfg(unix)]
mod rusage {
    //! The one call into the C library.

    use std::time::Duration;

    /// The fields of a `struct rusage` the bench reads.
    pub struct Usage {
        pub user: Duration,
        pub system: Duration,
        pub max_rss_bytes: u64,
    }

    pub fn this_process() -> Option<Usage> {
        get(libc::RUSAGE_SELF)
    }

    pub fn children() -> Option<Usage> {
        get(libc::RUSAGE_CHILDREN)
    }

    fn get(who: libc::c_int) -> Option<Usage> {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        #[allow(
            unsafe_code,
            reason = "getrusage(2) fills the struct it is given; std has no safe wrapper"
        )]
        // SAFETY: `usage` points to writable memory of the right type, and an
        // all-zero `rusage` (plain integers) is a valid value either way.
        let usage = unsafe {
            if libc::getrusage(who, usage.as_mut_ptr()) != 0 {
                return None;
            }
            usage.assume_init()
        };
        let time = |t: libc::timeval| {
            let seconds = u64::try_from(t.tv_sec).unwrap_or(0);
            let micros = u64::try_from(t.tv_usec).unwrap_or(0);
            Duration::from_secs(seconds) + Duration::from_micros(micros)
        };
        // Linux counts ru_maxrss in kilobytes, macOS in bytes.
        let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
        Some(Usage {
            user: time(usage.ru_utime),
            system: time(usage.ru_stime),
            max_rss_bytes: u64::try_from(usage.ru_maxrss).unwrap_or(0) * unit,
        })
    }
}

#[cfg(not(unix))]
mod rusage {
    //! No `getrusage` here: nothing is known.

    pub struct Usage {
        pub user: std::time::Duration,
        pub system: std::time::Duration,
        pub max_rss_bytes: u64,
    }

    pub fn this_process() -> Option<Usage> {
        None
    }

    pub fn children() -> Option<Usage> {
        None
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn this_process_has_used_cpu_time() {
        let started = cpu_time();
        assert!(started.is_some());
        let mut x = 0_u64;
        for i in 0..2_000_000_u64 {
            x = std::hint::black_box(x.wrapping_add(i * i));
        }
        assert!(cpu_since(started).is_some());
    }

    #[test]
    fn a_waited_child_has_a_peak() -> std::io::Result<()> {
        let status = std::process::Command::new("true").status()?;
        assert!(status.success());
        assert!(children_peak_rss_bytes().is_some_and(|bytes| bytes > 0));
        Ok(())
    }

    #[test]
    fn busy_cores_are_a_ratio() {
        let busy = cores_busy(Duration::from_millis(300), Duration::from_millis(200));
        assert!((busy - 1.5).abs() < 1e-12);
    }
}
