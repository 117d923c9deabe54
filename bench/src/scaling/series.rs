//! The scaling report as lines to plot: time per sample against the hidden
//! size, one line per implementation and batch size for the steps, one per
//! implementation for evaluation.

use super::ScalingReport;

/// What a line times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// One training step, per sample of the batch.
    Step,
    /// One evaluation pass, per image.
    Evaluation,
}

/// Who is timed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Implementation {
    /// This project.
    Ours,
    /// Its dense reference.
    Dense,
    /// PyTorch, the faster thread count per cell.
    Torch,
}

impl Implementation {
    /// Its name in a legend.
    pub fn name(self) -> &'static str {
        match self {
            Implementation::Ours => "this project",
            Implementation::Dense => "dense reference",
            Implementation::Torch => "PyTorch (best threads)",
        }
    }
}

/// One line of the plot.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Steps or evaluation.
    pub phase: Phase,
    /// Who.
    pub implementation: Implementation,
    /// The batch size of a step line.
    pub batch: Option<usize>,
    /// `(hidden, seconds per sample)`, in increasing hidden size.
    pub points: Vec<(f64, f64)>,
}

impl ScalingReport {
    /// The lines of the plot: steps per implementation and batch size, then
    /// evaluation per implementation (PyTorch only where it ran).
    pub fn lines(&self) -> Vec<Line> {
        let torch = self.torch.as_ref().and_then(|run| run.record.as_ref());
        let mut batches: Vec<usize> = self.steps.iter().map(|cell| cell.batch).collect();
        batches.sort_unstable();
        batches.dedup();
        let implementations = [
            Implementation::Ours,
            Implementation::Dense,
            Implementation::Torch,
        ];
        let mut lines = Vec::new();
        for implementation in implementations {
            for &batch in &batches {
                let points = self
                    .steps
                    .iter()
                    .filter(|cell| cell.batch == batch)
                    .filter_map(|cell| {
                        let seconds = match implementation {
                            Implementation::Ours => Some(cell.ours.median_s),
                            Implementation::Dense => Some(cell.dense.median_s),
                            Implementation::Torch => Some(torch?.step(cell.hidden, batch)?.best_s),
                        }?;
                        Some((cell.hidden as f64, seconds / batch as f64))
                    })
                    .collect();
                lines.push(Line {
                    phase: Phase::Step,
                    implementation,
                    batch: Some(batch),
                    points,
                });
            }
            let images = self.images as f64;
            let points = self
                .evaluations
                .iter()
                .filter_map(|cell| {
                    let seconds = match implementation {
                        Implementation::Ours => Some(cell.ours.median_s),
                        Implementation::Dense => Some(cell.dense.median_s),
                        Implementation::Torch => Some(torch?.evaluation(cell.hidden)?.best_s),
                    }?;
                    Some((cell.hidden as f64, seconds / images))
                })
                .collect();
            lines.push(Line {
                phase: Phase::Evaluation,
                implementation,
                batch: None,
                points,
            });
        }
        lines.retain(|line| !line.points.is_empty());
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_per_implementation_and_batch() {
        let lines = crate::examples::scaling_report().lines();
        let keys: Vec<(Phase, Implementation, Option<usize>, usize)> = lines
            .iter()
            .map(|line| {
                (
                    line.phase,
                    line.implementation,
                    line.batch,
                    line.points.len(),
                )
            })
            .collect();
        use Implementation::{Dense, Ours, Torch};
        use Phase::{Evaluation, Step};
        assert_eq!(
            keys,
            [
                (Step, Ours, Some(100), 2),
                (Step, Ours, Some(1000), 2),
                (Evaluation, Ours, None, 2),
                (Step, Dense, Some(100), 2),
                (Step, Dense, Some(1000), 2),
                (Evaluation, Dense, None, 2),
                (Step, Torch, Some(100), 2),
                (Step, Torch, Some(1000), 1),
                (Evaluation, Torch, None, 2),
            ]
        );
        // Per sample: 3e-2 s per step of 1,000; 0.1 s per pass of 70,000.
        let (hidden, per_sample) = lines[1].points[1];
        assert_eq!(hidden, 800.0);
        assert!((per_sample - 3e-5).abs() < 1e-18, "{per_sample}");
        assert_eq!(lines[2].points[1], (800.0, 0.1 / 70_000.0));
    }
}
