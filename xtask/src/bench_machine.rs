//! What `bench` ran on and with: the CPU, its cores and load, the versions,
//! the date; and the CPU time this process has used, which tells how many
//! cores a measured phase kept busy (Linux `/proc`; "unknown" elsewhere).

use std::process::Command;
use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::{paths, run_dir};

/// The machine and the software of a benchmark run.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    /// The CPU model (`model name` of `/proc/cpuinfo`).
    pub cpu: String,
    /// Cores this process may use ([`std::thread::available_parallelism`]).
    pub cores: usize,
    /// The load average when the bench started (1, 5, 15 minutes): other
    /// work on the machine slows every figure down.
    pub load_average: String,
    /// `linux x86_64`, ...
    pub os: String,
    /// `rustc -V`.
    pub rustc: String,
    /// The nalgebra version in `Cargo.lock` (its matrixmultiply kernels do the GEMMs).
    pub nalgebra: String,
    /// The workspace version.
    pub workspace: &'static str,
    /// When the bench started, UTC (`2025-01-31T12-00-00`).
    pub date_utc: String,
}

/// Describes this machine now.
pub fn describe() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let lock =
        std::fs::read_to_string(paths::workspace_root().join("Cargo.lock")).unwrap_or_default();
    Machine {
        cpu: cpu_model(&cpuinfo).unwrap_or_else(|| "unknown".to_owned()),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average: std::fs::read_to_string("/proc/loadavg")
            .map(|text| {
                text.split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|_| "unknown".to_owned()),
        os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        rustc: command_line("rustc", &["-V"]).unwrap_or_else(|| "unknown".to_owned()),
        nalgebra: locked_version(&lock, "nalgebra").unwrap_or_else(|| "unknown".to_owned()),
        workspace: env!("CARGO_PKG_VERSION"),
        date_utc: run_dir::utc_timestamp(SystemTime::now()),
    }
}

/// The CPU time (user + system, all threads) this process has used so far.
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // /proc reports in USER_HZ ticks, 100 per second on every Linux build.
    parse_stat_ticks(&stat).map(|ticks| Duration::from_millis(ticks * 10))
}

/// The first line of `program args`' stdout.
fn command_line(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    output
        .status
        .success()
        .then(|| text.lines().next().unwrap_or_default().trim().to_owned())
}

/// The first `model name : ...` of a `/proc/cpuinfo` text.
fn cpu_model(cpuinfo: &str) -> Option<String> {
    cpuinfo.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == "model name").then(|| value.trim().to_owned())
    })
}

/// The version of package `name` in a `Cargo.lock` text (the first, if several).
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    lines.find(|line| line.trim() == wanted)?;
    let version = lines.next()?.trim().strip_prefix("version = \"")?;
    Some(version.trim_end_matches('"').to_owned())
}

/// utime + stime (fields 14 and 15) of a `/proc/<pid>/stat` line, in ticks.
/// The command name (field 2) may hold spaces and parentheses, so fields are
/// counted after its last `)`.
fn parse_stat_ticks(stat: &str) -> Option<u64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // fields[0] is field 3 (the state), so field k is fields[k - 3].
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cpu_model_is_found() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n";
        assert_eq!(cpu_model(cpuinfo).as_deref(), Some("AMD EPYC 7B13"));
        assert_eq!(cpu_model("processor\t: 0\n"), None);
    }

    #[test]
    fn the_locked_version_is_found() {
        let lock = "[[package]]\nname = \"nalgebra-macros\"\nversion = \"0.3.0\"\n\n\
                    [[package]]\nname = \"nalgebra\"\nversion = \"0.35.0\"\nsource = \"x\"\n";
        assert_eq!(locked_version(lock, "nalgebra").as_deref(), Some("0.35.0"));
        assert_eq!(locked_version(lock, "ndarray"), None);
    }

    #[test]
    fn cpu_ticks_are_counted_after_the_name() {
        let stat = "4242 (my (odd) name) R 1 4242 4242 0 -1 4194304 100 0 0 0 250 30 0 0 20 0 3";
        assert_eq!(parse_stat_ticks(stat), Some(280));
        assert_eq!(parse_stat_ticks("4242 (short) R 1"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_used_cpu_time() {
        assert!(cpu_time().is_some());
    }
}
