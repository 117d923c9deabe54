//! Shows the progress of `fetch_mnist` on stderr: a byte progress bar per
//! file on a terminal, plain lines otherwise, nothing with `--quiet`.

#![allow(
    clippy::print_stderr,
    reason = "progress and status lines go to stderr"
)]

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};
use mnist_data::fetch::{FetchEvent, FetchReport};

use crate::units;

/// Renders [`FetchEvent`]s.
pub struct FetchProgress {
    mode: Mode,
    bar: Option<ProgressBar>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Quiet,
    Lines,
    Bars,
}

impl FetchProgress {
    /// Bars when stderr is a terminal, lines otherwise, nothing when `quiet`.
    pub fn new(quiet: bool) -> Self {
        let mode = match (quiet, std::io::stderr().is_terminal()) {
            (true, _) => Mode::Quiet,
            (false, true) => Mode::Bars,
            (false, false) => Mode::Lines,
        };
        Self { mode, bar: None }
    }

    /// Shows one step.
    pub fn on_event(&mut self, event: &FetchEvent<'_>) {
        match *event {
            FetchEvent::AlreadyVerified { file, path } => {
                self.line(&format!(
                    "{file}: already present and verified ({})",
                    path.display()
                ));
            }
            FetchEvent::MovedAside { path, to, problem } => {
                // Said even with --quiet: it changes the data directory.
                self.end_bar();
                eprintln!(
                    "{} failed verification ({problem}); moved aside to {}",
                    path.display(),
                    to.display()
                );
            }
            FetchEvent::WaitingForLock { path } => {
                self.line(&format!(
                    "waiting for another fetch into this directory to finish (lock {})",
                    path.display()
                ));
            }
            FetchEvent::RemovedLeftover { path } => {
                self.line(&format!(
                    "removed {}, left by a killed fetch",
                    path.display()
                ));
            }
            FetchEvent::Started {
                file,
                source,
                total_bytes,
            } => self.start(file, source, total_bytes),
            FetchEvent::Progress { bytes, .. } => {
                if let Some(bar) = &self.bar {
                    bar.set_position(bytes);
                }
            }
            FetchEvent::Retrying {
                file,
                source,
                attempt,
                delay,
                problem,
            } => {
                self.end_bar();
                self.line(&format!(
                    "{file}: {source} failed: {problem}; retry {attempt} in {}",
                    units::seconds(delay)
                ));
            }
            FetchEvent::MirrorFailed {
                file,
                source,
                problem,
            } => {
                self.end_bar();
                self.line(&format!("{file}: {source} failed: {problem}"));
            }
            FetchEvent::Verified { file, path, .. } => {
                self.end_bar();
                self.line(&format!(
                    "{file}: verified and stored as {}",
                    path.display()
                ));
            }
            _ => {}
        }
    }

    /// The closing line: what was downloaded, or that nothing had to be.
    pub fn summary(&mut self, dir: &Path, report: &FetchReport) {
        self.end_bar();
        let (total, downloaded) = (report.files.len(), report.downloaded());
        let dir = dir.display();
        self.line(&if downloaded == 0 {
            format!(
                "all {total} MNIST files already present and verified in {dir}; no download needed"
            )
        } else {
            format!("all {total} MNIST files verified in {dir} ({downloaded} downloaded)")
        });
    }

    fn start(&mut self, file: &str, source: &str, total_bytes: Option<u64>) {
        self.end_bar();
        match self.mode {
            Mode::Quiet => {}
            Mode::Lines => {
                let size = total_bytes
                    .map(|n| format!(" ({})", HumanBytes(n)))
                    .unwrap_or_default();
                let verb = if source.contains("://") {
                    "downloading"
                } else {
                    "copying"
                };
                eprintln!("{file}: {verb} {source}{size}");
            }
            Mode::Bars => {
                let bar = ProgressBar::with_draw_target(total_bytes, ProgressDrawTarget::stderr());
                let template = if total_bytes.is_some() {
                    "{prefix:24} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {msg}"
                } else {
                    "{prefix:24} {spinner} {bytes} {bytes_per_sec} {msg}"
                };
                if let Ok(style) = ProgressStyle::with_template(template) {
                    bar.set_style(style.progress_chars("=> "));
                }
                bar.set_prefix(file.to_owned());
                bar.set_message(source.to_owned());
                self.bar = Some(bar);
            }
        }
    }

    fn end_bar(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    fn line(&self, text: &str) {
        if self.mode != Mode::Quiet {
            eprintln!("{text}");
        }
    }
}
