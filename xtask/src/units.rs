//! Durations as text, in the formats the commands print (tests and READMEs
//! read some of them, so each format stays as it is). The bench's tables
//! have their own, in ASCII (`benchsuite::format`).

use std::time::Duration;

/// `12.3 s`.
pub fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

/// A short duration in the unit that reads best: `850 µs`, `12.3 ms`,
/// `4.56 s`, `2.1 min` (from two minutes on).
pub fn short_duration(duration: Duration) -> String {
    let s = duration.as_secs_f64();
    match s {
        s if s >= 120.0 => format!("{:.1} min", s / 60.0),
        s if s >= 1.0 => format!("{s:.2} s"),
        s if s >= 1e-3 => format!("{:.1} ms", s * 1e3),
        s => format!("{:.0} µs", s * 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_durations_read_well() {
        assert_eq!(short_duration(Duration::from_micros(850)), "850 µs");
        assert_eq!(short_duration(Duration::from_micros(12_345)), "12.3 ms");
        assert_eq!(short_duration(Duration::from_millis(4_560)), "4.56 s");
        assert_eq!(short_duration(Duration::from_secs(126)), "2.1 min");
    }

    #[test]
    fn fixed_units() {
        assert_eq!(seconds(Duration::from_millis(12_345)), "12.3 s");
    }
}
