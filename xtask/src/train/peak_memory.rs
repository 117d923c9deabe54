//! The peak resident memory of this process, as the OS reports it: the
//! high-water mark `VmHWM` of `/proc/self/status` (Linux; `None` elsewhere).
//! `train` prints it in its summary.

/// The most memory this process has held resident so far, in bytes.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

/// `peak memory 91.2 MB (resident set high-water mark, VmHWM)`, 1 MB = 10^6 bytes.
pub fn peak_line(bytes: u64) -> String {
    format!(
        "peak memory {:.1} MB (resident set high-water mark, VmHWM)",
        bytes as f64 / 1e6
    )
}

/// The `VmHWM:   12345 kB` line of a `/proc/<pid>/status` text, in bytes.
fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let mut fields = line["VmHWM:".len()..].split_whitespace();
    let kilobytes: u64 = fields.next()?.parse().ok()?;
    (fields.next() == Some("kB")).then_some(kilobytes * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vm_hwm_is_read_in_bytes() {
        let status = "Name:\txtask\nVmPeak:\t  300000 kB\nVmHWM:\t   89064 kB\nVmRSS:\t 1 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(89_064 * 1024));
        assert_eq!(parse_vm_hwm("Name:\txtask\n"), None);
        assert_eq!(parse_vm_hwm("VmHWM:\t 12 MB\n"), None);
    }

    #[test]
    fn the_peak_line_is_in_megabytes() {
        assert_eq!(
            peak_line(91_234_567),
            "peak memory 91.2 MB (resident set high-water mark, VmHWM)"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_a_peak() {
        assert!(peak_rss_bytes().is_some_and(|bytes| bytes > 0));
    }
}
