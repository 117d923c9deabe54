//! What [`check_layer`](super::check_layer) found, per tensor, and its table.

use std::fmt;

use numdiff::{Diagnosis, GradientDiff};

/// One tensor's comparison: the layer's gradient against central differences.
#[derive(Debug, Clone, PartialEq)]
pub struct TensorCheck {
    /// `"x"` for the input, else the parameter's name.
    pub name: &'static str,
    /// The tensor's shape (the numerical gradient's).
    pub shape: (usize, usize),
    /// The absolute and relative errors; `None` when the layer's gradient has another shape.
    pub diff: Option<GradientDiff>,
    /// Whether the relative error is within the tolerance.
    pub passed: bool,
    /// For a tensor that did not pass, the likely cause.
    pub diagnosis: Option<Diagnosis>,
}

/// The result of [`check_layer`](super::check_layer): the input's tensor
/// first, then each parameter's. Its [`Display`](fmt::Display) is a table
/// and a line per diagnosis.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerCheck {
    /// One entry per tensor.
    pub tensors: Vec<TensorCheck>,
    /// The relative tolerance it was checked against.
    pub tolerance: f64,
}

impl LayerCheck {
    /// Whether every tensor passed.
    pub fn passed(&self) -> bool {
        self.tensors.iter().all(|t| t.passed)
    }

    /// The diagnosis of the tensor called `name`, if it failed.
    pub fn diagnosis(&self, name: &str) -> Option<&Diagnosis> {
        self.tensors
            .iter()
            .find(|t| t.name == name)
            .and_then(|t| t.diagnosis.as_ref())
    }
}

impl fmt::Display for LayerCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<6} {:>9} {:>12} {:>12} {:>12}  verdict",
            "tensor", "shape", "mean |diff|", "max |diff|", "relative"
        )?;
        for t in &self.tensors {
            let shape = format!("{}x{}", t.shape.0, t.shape.1);
            let verdict = if t.passed { "ok" } else { "FAILED" };
            match t.diff {
                Some(d) => writeln!(
                    f,
                    "{:<6} {shape:>9} {:>12.3e} {:>12.3e} {:>12.3e}  {verdict}",
                    t.name, d.mean_abs, d.max_abs, d.relative
                )?,
                None => writeln!(
                    f,
                    "{:<6} {shape:>9} {:>12} {:>12} {:>12}  {verdict}",
                    t.name, "-", "-", "-"
                )?,
            }
        }
        for t in &self.tensors {
            if let Some(diagnosis) = &t.diagnosis {
                writeln!(f, "{}: {diagnosis}", t.name)?;
            }
        }
        if self.passed() {
            writeln!(f, "ok: every relative error is within {:e}", self.tolerance)?;
        }
        Ok(())
    }
}
