//! The time limits of one download beyond the HTTP client's own per-read
//! timeout: a deadline for the whole file and a minimum transfer rate, so
//! that a mirror that trickles a byte every few seconds is abandoned.

use std::io;
use std::time::{Duration, Instant};

/// Watches one transfer: call [`Pace::check`] after each read.
#[derive(Debug, Clone)]
pub(crate) struct Pace {
    started: Instant,
    deadline: Duration,
    min_rate: u64,
    window: Duration,
    window_start: Instant,
    window_bytes: u64,
}

impl Pace {
    /// Starts the clock: `deadline` for the whole transfer, at least
    /// `min_rate` bytes per second over each `window`.
    pub(crate) fn start(deadline: Duration, min_rate: u64, window: Duration) -> Self {
        let now = Instant::now();
        Self {
            started: now,
            deadline,
            min_rate,
            window,
            window_start: now,
            window_bytes: 0,
        }
    }

    /// What is left of the deadline (at least 1 ms: zero means "no limit"
    /// to some clients).
    pub(crate) fn remaining(&self) -> Duration {
        self.deadline
            .saturating_sub(self.started.elapsed())
            .max(Duration::from_millis(1))
    }

    /// Why the transfer is over time, once the deadline has passed.
    pub(crate) fn overdue(&self) -> Option<String> {
        (self.started.elapsed() >= self.deadline).then(|| {
            format!(
                "the download took longer than its deadline of {}",
                seconds(self.deadline)
            )
        })
    }

    /// Records `bytes` more; a [`io::ErrorKind::TimedOut`] error once the
    /// deadline has passed or the last window was slower than the minimum
    /// rate.
    pub(crate) fn check(&mut self, bytes: u64) -> io::Result<()> {
        self.window_bytes += bytes;
        if let Some(message) = self.overdue() {
            return Err(timed_out(message));
        }
        let window = self.window_start.elapsed();
        if window >= self.window {
            let needed = (self.min_rate as f64 * window.as_secs_f64()) as u64;
            if self.window_bytes < needed {
                return Err(timed_out(format!(
                    "{} bytes in {}, slower than the minimum of {} bytes/s",
                    self.window_bytes,
                    seconds(window),
                    self.min_rate
                )));
            }
            self.window_start = Instant::now();
            self.window_bytes = 0;
        }
        Ok(())
    }
}

/// A duration for messages, to the millisecond: "1.5 s", "0.005 s".
pub(crate) fn seconds(duration: Duration) -> String {
    format!("{} s", (duration.as_secs_f64() * 1000.0).round() / 1000.0)
}

fn timed_out(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passed_deadline_and_a_slow_window_time_out() {
        let mut pace = Pace::start(Duration::ZERO, 0, Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(2));
        let err = pace.check(1).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!(err.to_string().contains("deadline of 0 s"), "{err}");

        let mut pace = Pace::start(Duration::from_secs(60), 1000, Duration::ZERO);
        std::thread::sleep(Duration::from_millis(10));
        let err = pace.check(0).unwrap_err();
        assert!(
            err.to_string()
                .contains("slower than the minimum of 1000 bytes/s"),
            "{err}"
        );

        let mut pace = Pace::start(Duration::from_secs(60), 1, Duration::from_secs(60));
        assert!(pace.check(10).is_ok());
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(seconds(Duration::from_micros(5200)), "0.005 s");
    }
}
