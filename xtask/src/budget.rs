//! What a command may cost, checked from its flags before anything is
//! allocated or written: the memory it would take against what the machine
//! has available, and the files it would write against [`MAX_OUTPUT_BYTES`].
//! A value over budget is a [`FlagError`] (exit code 2) that says how much
//! it would take, never an allocation that aborts.

use std::fmt;

use crate::flags::FlagError;
use crate::units::bytes;

/// The most one command writes (all its files together): 4 GiB, a few
/// hundred million rows of CSV. More is refused before anything is written.
pub const MAX_OUTPUT_BYTES: u64 = 4 << 30;

/// Assumed available memory where the system does not say (no
/// `/proc/meminfo`): 4 GiB.
const FALLBACK_MEMORY: u64 = 4 << 30;

/// The memory available to a new allocation: `MemAvailable` of
/// `/proc/meminfo` on Linux, else [`FALLBACK_MEMORY`].
pub fn available_memory() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| mem_available(&text))
        .unwrap_or(FALLBACK_MEMORY)
}

/// The `MemAvailable:  123456 kB` line of `/proc/meminfo`, in bytes.
fn mem_available(meminfo: &str) -> Option<u64> {
    let line = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemAvailable:"))?;
    let kb: u64 = line.trim().trim_end_matches("kB").trim().parse().ok()?;
    kb.checked_mul(1024)
}

/// Refuses `value` of `flag` when `cost` bytes of memory (`None`: more than
/// fits in 64 bits) exceed `available`; `what` names what would take it.
pub fn check_memory(
    flag: &'static str,
    value: impl fmt::Debug,
    what: &str,
    cost: Option<u64>,
    available: u64,
) -> Result<(), FlagError> {
    match cost {
        Some(cost) if cost <= available => Ok(()),
        _ => Err(FlagError::new(
            flag,
            value,
            format!(
                "{what} would take {} of memory, more than the {} available",
                amount(cost),
                bytes(available)
            ),
        )),
    }
}

/// Refuses `value` of `flag` when the files it makes a command write take
/// `cost` bytes (`None`: more than fits in 64 bits), over [`MAX_OUTPUT_BYTES`].
pub fn check_output(
    flag: &'static str,
    value: impl fmt::Debug,
    what: &str,
    cost: Option<u64>,
) -> Result<(), FlagError> {
    match cost {
        Some(cost) if cost <= MAX_OUTPUT_BYTES => Ok(()),
        _ => Err(FlagError::new(
            flag,
            value,
            format!(
                "{what} would take {} of disk, more than the {} one command may write",
                amount(cost),
                bytes(MAX_OUTPUT_BYTES)
            ),
        )),
    }
}

/// `about 5.5 GB`, or `more than 18.4 EB` for a cost beyond 64 bits.
fn amount(cost: Option<u64>) -> String {
    match cost {
        Some(cost) => format!("about {}", bytes(cost)),
        None => format!("more than {}", bytes(u64::MAX)),
    }
}

/// `a * b * ...` in bytes, `None` on overflow.
pub fn product(factors: &[u64]) -> Option<u64> {
    factors.iter().try_fold(1_u64, |acc, &f| acc.checked_mul(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs_over_budget_name_the_flag_and_the_amount() {
        assert_eq!(
            mem_available("MemTotal: 10 kB\nMemAvailable:   2048 kB\n"),
            Some(2 << 20)
        );
        check_memory("--hidden", 50_usize, "the network", Some(100), 1000).unwrap();
        let error = check_memory("--hidden", u64::MAX, "the network", None, 1000)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "invalid value '18446744073709551615' for '--hidden': the network would take \
             more than 18.4 EB of memory, more than the 1.0 kB available"
        );
        let error = check_output("--steps", 100_000_000_usize, "the CSV", Some(5_500_000_000))
            .unwrap_err()
            .to_string();
        assert!(error.contains("about 5.5 GB of disk"), "{error}");
        assert_eq!(product(&[u64::MAX, 2]), None);
        assert_eq!(product(&[3, 4]), Some(12));
    }
}
