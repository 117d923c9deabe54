//! What the bench ran on and with: the CPU, its cores and load, the OS, the
//! compiler and nalgebra versions, the date.

use std::process::Command;

use serde::Serialize;

use crate::{versions, workspace};

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
    /// The nalgebra version cargo resolved (its matrixmultiply kernels do
    /// the GEMMs), from `cargo metadata`.
    pub nalgebra: String,
    /// The workspace version.
    pub workspace: &'static str,
    /// When the bench started, UTC, as the caller wrote it.
    pub date_utc: String,
}

impl Machine {
    /// A report's Markdown heading `## {title}` and the line that says what
    /// it ran on.
    pub fn heading(&self, title: &str) -> String {
        format!(
            "## {title}\n\n{}, {} cores (load average {} at the start), {}; {}, nalgebra {}; \
             {} UTC\n\n",
            self.cpu,
            self.cores,
            self.load_average,
            self.os,
            self.rustc,
            self.nalgebra,
            self.date_utc
        )
    }
}

/// Describes this machine, with the `load_average` (see [`load_average`])
/// and `date_utc` of the bench's start.
pub fn describe(load_average: String, date_utc: String) -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let nalgebra = versions::resolved_version(&workspace::root().join("Cargo.toml"), "nalgebra")
        .unwrap_or_else(|error| format!("unknown ({error})"));
    Machine {
        cpu: cpu_model(&cpuinfo).unwrap_or_else(|| "unknown".to_owned()),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average,
        os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        rustc: first_line("rustc", &["-V"]).unwrap_or_else(|| "unknown".to_owned()),
        nalgebra,
        workspace: env!("CARGO_PKG_VERSION"),
        date_utc,
    }
}

/// The load average now, `0.52 0.58 0.59` (Linux `/proc/loadavg`;
/// `unknown` elsewhere).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// The first line of `program args`' stdout.
fn first_line(program: &str, args: &[&str]) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cpu_model_is_found() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n";
        assert_eq!(cpu_model(cpuinfo).as_deref(), Some("AMD EPYC 7B13"));
        assert_eq!(cpu_model("processor\t: 0\n"), None);
    }
}
