//! What a command may cost, checked from its knobs before anything is
//! allocated or written: the memory it would take against what the machine
//! has available, and the files it would write against [`MAX_OUTPUT_BYTES`].
//! A value over budget is a [`FlagError`] that says how much it would take,
//! never an allocation that aborts.

use std::fmt;

/// The most one command writes (all its files together): 4 GiB, a few
/// hundred million rows of CSV. More is refused before anything is written.
pub const MAX_OUTPUT_BYTES: u64 = 4 << 30;

/// Assumed available memory where the system does not say (no
/// `/proc/meminfo`): 4 GiB.
const FALLBACK_MEMORY: u64 = 4 << 30;

/// A flag value refused after parsing, worded as clap words its own:
/// `invalid value '1e300' for '--lr': expected ...`. The command line exits
/// with 2 for it, as clap does for a value it refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid value '{value}' for '{flag}': {problem}")]
pub struct FlagError {
    flag: &'static str,
    value: String,
    problem: String,
}

impl FlagError {
    /// `value` of `flag` (`--iters`) is refused because of `problem`.
    pub fn new(flag: &'static str, value: impl fmt::Debug, problem: impl Into<String>) -> Self {
        Self {
            flag,
            value: compact(value),
            problem: problem.into(),
        }
    }

    /// The flag refused (`--iters`).
    pub fn flag(&self) -> &'static str {
        self.flag
    }

    /// The value refused, as typed (`1e300`).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Why: what was expected, or what the value would cost.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

/// A value as typed, compactly: `1e300` for a float (Rust's `{:?}`, which
/// switches to exponents), `100` for an integer.
fn compact(value: impl fmt::Debug) -> String {
    let text = format!("{value:?}");
    // A string or path as typed, not as a quoted literal.
    if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        return inner.to_owned();
    }
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

/// The memory available to a new allocation: on Linux the least of
/// `MemAvailable` (`/proc/meminfo`), what the process's address-space limit
/// leaves (`ulimit -v`, RLIMIT_AS, less the address space in use) and what
/// its cgroup's memory limit leaves (`memory.max` less `memory.current`);
/// else 4 GiB.
pub fn available_memory() -> u64 {
    let read = |path: &str| std::fs::read_to_string(path).ok();
    let meminfo = read("/proc/meminfo")
        .and_then(|text| mem_available(&text))
        .unwrap_or(FALLBACK_MEMORY);
    let address_space = read("/proc/self/limits")
        .zip(read("/proc/self/status"))
        .and_then(|(limits, status)| address_space_left(&limits, &status));
    let cgroup = read("/sys/fs/cgroup/memory.max")
        .zip(read("/sys/fs/cgroup/memory.current"))
        .and_then(|(max, current)| cgroup_left(&max, &current));
    [Some(meminfo), address_space, cgroup]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(meminfo)
}

/// What RLIMIT_AS leaves: the soft `Max address space` of
/// `/proc/self/limits` less `VmSize` of `/proc/self/status`; `None` when
/// unlimited.
fn address_space_left(limits: &str, status: &str) -> Option<u64> {
    let soft: u64 = limits
        .lines()
        .find_map(|line| line.strip_prefix("Max address space"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let used = status
        .lines()
        .find_map(|line| line.strip_prefix("VmSize:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb.saturating_mul(1024));
    Some(soft.saturating_sub(used))
}

/// What a cgroup v2 memory limit leaves: `memory.max` (`max`: none) less
/// `memory.current`.
fn cgroup_left(max: &str, current: &str) -> Option<u64> {
    let max: u64 = max.trim().parse().ok()?;
    let current: u64 = current.trim().parse().unwrap_or(0);
    Some(max.saturating_sub(current))
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
///
/// # Errors
/// A [`FlagError`] saying how much it would take.
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
///
/// # Errors
/// A [`FlagError`] saying how much it would take.
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

/// A size in bytes in the largest fitting decimal unit: `512 B`, `1.5 kB`,
/// `5.5 GB`, `18.4 EB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["kB", "MB", "GB", "TB", "PB", "EB"];
    if n < 1000 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
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
        assert_eq!(
            check_memory("--hidden", 50_usize, "the network", Some(100), 1000),
            Ok(())
        );
        let error = check_memory("--hidden", u64::MAX, "the network", None, 1000)
            .expect_err("over budget")
            .to_string();
        assert_eq!(
            error,
            "invalid value '18446744073709551615' for '--hidden': the network would take \
             more than 18.4 EB of memory, more than the 1.0 kB available"
        );
        let error = check_output("--steps", 100_000_000_usize, "the CSV", Some(5_500_000_000))
            .expect_err("over budget")
            .to_string();
        assert!(error.contains("about 5.5 GB of disk"), "{error}");
        assert_eq!(product(&[u64::MAX, 2]), None);
        assert_eq!(product(&[3, 4]), Some(12));
    }

    #[test]
    fn process_and_cgroup_limits_count() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units\n\
                      Max address space         2147483648           unlimited            bytes\n";
        assert_eq!(
            address_space_left(limits, "VmSize:\t  1048576 kB\n"),
            Some(1 << 30)
        );
        let unlimited =
            "Max address space         unlimited            unlimited            bytes\n";
        assert_eq!(address_space_left(unlimited, "VmSize: 1 kB\n"), None);
        assert_eq!(cgroup_left("max\n", "100\n"), None);
        assert_eq!(cgroup_left("1000\n", "300\n"), Some(700));
    }

    #[test]
    fn sizes_read_in_their_unit() {
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(1500), "1.5 kB");
        assert_eq!(bytes(5_500_000_000), "5.5 GB");
        assert_eq!(bytes(u64::MAX), "18.4 EB");
    }

    #[test]
    fn refused_values_print_compactly() {
        let error = FlagError::new("--lr", 1e300, "expected at most 3.4e38");
        assert_eq!(
            error.to_string(),
            "invalid value '1e300' for '--lr': expected at most 3.4e38"
        );
        assert_eq!(FlagError::new("--iters", 7_usize, "x").value, "7");
        assert_eq!(FlagError::new("--lr", 0.5, "x").value, "0.5");
        assert_eq!(FlagError::new("--lr", 10.0, "x").value, "10");
        assert_eq!(FlagError::new("--data-dir", "a b", "x").value, "a b");
    }
}
