//! A finding as data: what was seen (and when), the likely cause, and the
//! change to try; [`Display`](fmt::Display) for people, `Serialize` for
//! `findings.json` and the page.

use std::fmt::{self, Write};

use serde::Serialize;

/// What went wrong, one of issue 26's failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Symptom {
    /// The loss stays at `ln(classes)`: nothing is learned.
    FlatLoss,
    /// The loss became `NaN` or infinite.
    NotFinite,
    /// The mean loss of an epoch rose by more than 10%, twice.
    RisingLoss,
    /// The accuracy is the share of the one class the network predicts.
    StuckAccuracy,
    /// Most sigmoid outputs are near 0 or 1.
    Saturated,
    /// Most ReLU units never fire.
    DeadUnits,
    /// The train accuracy runs away from the test accuracy.
    Overfitting,
}

impl fmt::Display for Symptom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Symptom::FlatLoss => "flat loss",
            Symptom::NotFinite => "loss not finite",
            Symptom::RisingLoss => "rising loss",
            Symptom::StuckAccuracy => "stuck accuracy",
            Symptom::Saturated => "saturated sigmoids",
            Symptom::DeadUnits => "dead ReLU units",
            Symptom::Overfitting => "overfitting",
        })
    }
}

/// The change to try: a flag of `cargo xtask train` (without its `--`) and
/// its new value, and the whole command with the run's other flags kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The flag: `lr`, `weight-init-std` or `iters`.
    pub flag: &'static str,
    /// Its new value, as the flag takes it: `0.1`.
    pub value: String,
    /// `cargo xtask train --lr 0.1 --iters 1200` ([`command_line`](crate::command_line)).
    pub command: String,
}

/// One finding of a [`Doctor`](crate::Doctor).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What went wrong.
    pub symptom: Symptom,
    /// The iteration at which it was seen (after whose step).
    pub iteration: usize,
    /// What was seen, with the numbers.
    pub seen: String,
    /// The likely cause.
    pub cause: String,
    /// The change to try.
    pub suggestion: Suggestion,
}

/// One line: `stuck accuracy at iteration 0: <seen>; likely <cause>; try --lr 0.1`.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Suggestion { flag, value, .. } = &self.suggestion;
        write!(
            f,
            "{} at iteration {}: {}; likely {}; try --{flag} {value}",
            self.symptom, self.iteration, self.seen, self.cause
        )
    }
}

/// The list a run ends with: each finding, then its suggestion as a
/// command to paste; empty when there is none.
///
/// ```text
/// 1 finding:
/// - flat loss at iteration 599: ...; try --lr 0.1
///   cargo xtask train --lr 0.1
/// ```
pub fn summary(findings: &[Finding]) -> String {
    let mut text = String::new();
    if findings.is_empty() {
        return text;
    }
    let plural = if findings.len() == 1 { "" } else { "s" };
    let _ = writeln!(text, "{} finding{plural}:", findings.len());
    for finding in findings {
        let _ = writeln!(text, "- {finding}\n  {}", finding.suggestion.command);
    }
    text
}
