//! What the OS counts for this process and for a child: the CPU time this
//! process has used (`getrusage(2)`, which tells how many cores a phase kept
//! busy) and the peak resident memory of one child, read as it is reaped
//! (`wait4(2)`). `None` where the OS does not tell (not Linux or macOS).
//!
//! Not `getrusage(RUSAGE_CHILDREN)`: that is the largest peak of every child
//! ever waited for, and `cargo run` execs its binary in the process that
//! waited for rustc, so it would report the compiler's peak.

use std::io;
use std::process::{Child, ExitStatus};
use std::time::Duration;

/// The CPU time (user + system, all threads) this process has used so far.
pub fn cpu_time() -> Option<Duration> {
    sys::cpu_time()
}

/// The CPU time used since `cpu_started` (a [`cpu_time`]).
pub fn cpu_since(cpu_started: Option<Duration>) -> Option<Duration> {
    cpu_time()?.checked_sub(cpu_started?)
}

/// About how many cores a phase kept busy: `cpu / wall` (0 for no wall time).
pub fn cores_busy(cpu: Duration, wall: Duration) -> f64 {
    cpu.as_secs_f64() / wall.as_secs_f64().max(1e-9)
}

/// Waits for `child` to end; returns its exit status and its peak resident
/// memory in bytes (`ru_maxrss`). Read its pipes first: `child` must not be
/// waited for again.
///
/// # Errors
/// When the wait fails.
pub fn wait_with_peak_rss(child: &mut Child) -> io::Result<(ExitStatus, Option<u64>)> {
    sys::wait_with_peak_rss(child)
}

#[cfg(any(target_os = "linux", target_os = "macos"))]
mod sys {
    //! The two calls into the C library.

    use std::io;
    use std::mem::MaybeUninit;
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Child, ExitStatus};
    use std::time::Duration;

    pub fn cpu_time() -> Option<Duration> {
        let mut usage = MaybeUninit::<libc::rusage>::zeroed();
        #[allow(
            unsafe_code,
            reason = "getrusage(2) fills the struct it is given; std has no safe wrapper"
        )]
        // SAFETY: `usage` points to writable memory of the right type; an
        // all-zero `rusage` (plain integers) is a valid value either way.
        let usage = unsafe {
            if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
                return None;
            }
            usage.assume_init()
        };
        Some(duration(usage.ru_utime) + duration(usage.ru_stime))
    }

    pub fn wait_with_peak_rss(child: &mut Child) -> io::Result<(ExitStatus, Option<u64>)> {
        let pid = libc::pid_t::try_from(child.id()).map_err(io::Error::other)?;
        let mut status: libc::c_int = 0;
        let mut usage = MaybeUninit::<libc::rusage>::zeroed();
        let usage = loop {
            #[allow(
                unsafe_code,
                reason = "wait4(2) reaps one child and gives its rusage; std has no safe wrapper"
            )]
            // SAFETY: `status` and `usage` point to writable memory of the
            // right types; an all-zero `rusage` is a valid value either way;
            // `pid` is our child, not yet waited for.
            let (reaped, usage) = unsafe {
                let reaped = libc::wait4(pid, &mut status, 0, usage.as_mut_ptr());
                (reaped, usage.assume_init())
            };
            if reaped == pid {
                break usage;
            }
            let error = io::Error::last_os_error();
            if error.kind() != io::ErrorKind::Interrupted {
                return Err(error);
            }
        };
        // Linux counts ru_maxrss in kilobytes, macOS in bytes.
        let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
        let peak = u64::try_from(usage.ru_maxrss).ok().map(|rss| rss * unit);
        Ok((ExitStatus::from_raw(status), peak))
    }

    fn duration(t: libc::timeval) -> Duration {
        let seconds = u64::try_from(t.tv_sec).unwrap_or(0);
        let micros = u64::try_from(t.tv_usec).unwrap_or(0);
        Duration::from_secs(seconds) + Duration::from_micros(micros)
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
mod sys {
    //! No `getrusage` or `wait4` here: the times and peaks are unknown.

    use std::io;
    use std::process::{Child, ExitStatus};
    use std::time::Duration;

    pub fn cpu_time() -> Option<Duration> {
        None
    }

    pub fn wait_with_peak_rss(child: &mut Child) -> io::Result<(ExitStatus, Option<u64>)> {
        Ok((child.wait()?, None))
    }
}

#[cfg(all(test, any(target_os = "linux", target_os = "macos")))]
mod tests {
    use std::process::{Command, Stdio};

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
    fn a_child_has_its_own_peak_and_status() -> io::Result<()> {
        let mut child = Command::new("sh")
            .args(["-c", "exit 3"])
            .stdout(Stdio::null())
            .spawn()?;
        let (status, peak) = wait_with_peak_rss(&mut child)?;
        assert_eq!(status.code(), Some(3));
        // Until it runs the shell, a child counts the pages it shares with
        // this process (the other tests' data included): its peak is at
        // most this process's own, plus a shell's few MB.
        let own_peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
                line.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .map_or(0, |kb| kb * 1024);
        assert!(
            peak.is_some_and(|bytes| bytes > 0 && bytes < own_peak + 100_000_000),
            "{peak:?} against this process's {own_peak}"
        );
        Ok(())
    }

    #[test]
    fn busy_cores_are_a_ratio() {
        let busy = cores_busy(Duration::from_millis(300), Duration::from_millis(200));
        assert!((busy - 1.5).abs() < 1e-12);
    }
}
