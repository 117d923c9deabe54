//! How cost grows with the network, behind `cargo xtask bench --scaling`:
//! one training step and one evaluation pass of both sets, for each hidden
//! size and batch size of a grid, by this project (the sparse first layer),
//! by its dense reference (the book's plain matrix products), and with the
//! peers by PyTorch (the faster of its thread counts, per cell). The table
//! and the plot give time per sample, so that a cost that grows with the
//! hidden size alone reads as a straight line.
//!
//! An evaluation pass does not depend on the batch size: it is timed once
//! per hidden size, on the network trained by the cell of the first batch.

pub mod series;
pub mod svg;
pub mod table;
pub mod timing;
pub mod torch;

use std::path::Path;

use serde::Serialize;
use twolayer::Dataset;

use crate::machine::{self, Machine};
use crate::measure::peers::PeerOptions;
use crate::run::Event;
use crate::{BenchError, format};
use timing::{Timing, time_dense_evaluation, time_dense_step, time_our_evaluation, time_our_step};
use torch::PeerScalingRun;

/// The grid and how long to time each cell.
#[derive(Debug, Clone)]
pub struct ScalingOptions {
    /// Hidden sizes, in increasing order.
    pub hidden: Vec<usize>,
    /// Batch sizes.
    pub batch: Vec<usize>,
    /// Each step and evaluation is repeated until this many seconds have
    /// passed (a call that lasts longer is timed once).
    pub min_time_s: f64,
    /// The PyTorch peer's Python and thread counts, with `--peers`.
    pub peers: Option<PeerOptions>,
    /// The command that runs this bench, as typed, for the report.
    pub command: String,
    /// When the bench started, UTC.
    pub date_utc: String,
}

impl ScalingOptions {
    /// The hidden sizes.
    pub const HIDDEN: [usize; 5] = [50, 100, 200, 400, 800];
    /// The batch sizes.
    pub const BATCH: [usize; 2] = [100, 1000];
    /// Seconds each timing lasts at least.
    pub const MIN_TIME_S: f64 = 0.3;
}

/// One training step at one cell of the grid.
#[derive(Debug, Clone, Serialize)]
pub struct StepCell {
    /// Hidden units.
    pub hidden: usize,
    /// Images per step.
    pub batch: usize,
    /// This project: `Trainer::steps`, as the default run.
    pub ours: Timing,
    /// The dense reference: a dense batch, `TwoLayerNet::gradient`, the update.
    pub dense: Timing,
}

/// One evaluation pass of both sets at one hidden size.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationCell {
    /// Hidden units.
    pub hidden: usize,
    /// This project: `Trainer::accuracies`.
    pub ours: Timing,
    /// The dense reference: the book's `twolayer::train::evaluate` on both sets.
    pub dense: Timing,
}

/// Everything `--scaling` measured: its `bench.json`.
#[derive(Debug, Clone, Serialize)]
pub struct ScalingReport {
    /// The machine and versions.
    pub machine: Machine,
    /// Input size and classes of the data.
    pub input_output: (usize, usize),
    /// Images per evaluation pass (both sets).
    pub images: usize,
    /// Seconds each timing lasted at least.
    pub min_time_s: f64,
    /// Where MNIST was read from.
    pub mnist_dir: String,
    /// The command that measured it.
    pub command: String,
    /// One step per cell, hidden sizes then batch sizes in the grid's order.
    pub steps: Vec<StepCell>,
    /// One evaluation pass per hidden size.
    pub evaluations: Vec<EvaluationCell>,
    /// The PyTorch peer, with `--peers`.
    pub torch: Option<PeerScalingRun>,
}

/// Times the grid of `options` on `train` and `test` (loaded from
/// `mnist_dir`), calling `on_event` as it goes.
///
/// # Errors
/// When a cell cannot train on the data (a batch larger than the training
/// set, a hidden size of 0). A peer that does not run is recorded instead.
pub fn run_scaling(
    options: ScalingOptions,
    mnist_dir: &Path,
    train: &Dataset<'_>,
    test: &Dataset<'_>,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<ScalingReport, BenchError> {
    let machine = machine::describe(machine::load_average(), options.date_utc);
    let of = options.hidden.len() + usize::from(options.peers.is_some());
    let min_time_s = options.min_time_s;
    let (mut steps, mut evaluations) = (Vec::new(), Vec::new());
    for (number, &hidden) in options.hidden.iter().enumerate() {
        on_event(Event::Phase {
            number: number + 1,
            of,
            what: &format!(
                "hidden {hidden}: one step at each batch size, one evaluation pass; \
                 this project, then the dense reference"
            ),
        });
        let mut trained = None;
        for &batch in &options.batch {
            let (ours, trainer) = time_our_step(train, test, hidden, batch, min_time_s)?;
            let (dense, net) = time_dense_step(train, hidden, batch, min_time_s)?;
            on_event(Event::Measured(&format!(
                "batch {batch}: one step {} (dense reference {})",
                format::duration(ours.median_s),
                format::duration(dense.median_s)
            )));
            steps.push(StepCell {
                hidden,
                batch,
                ours,
                dense,
            });
            trained.get_or_insert((trainer, net));
        }
        if let Some((trainer, net)) = trained {
            let ours = time_our_evaluation(&trainer, min_time_s);
            let dense = time_dense_evaluation(&net, train, test, min_time_s);
            on_event(Event::Measured(&format!(
                "one evaluation pass {} (dense reference {})",
                format::duration(ours.median_s),
                format::duration(dense.median_s)
            )));
            evaluations.push(EvaluationCell {
                hidden,
                ours,
                dense,
            });
        }
    }
    let torch = options.peers.as_ref().map(|peers| {
        on_event(Event::Phase {
            number: of,
            of,
            what: "PyTorch on the same grid (bench/peers/twolayer_torch.py --scaling)",
        });
        let flags = torch::flags(
            &options.hidden,
            &options.batch,
            &peers.torch_threads,
            min_time_s,
        );
        let run = torch::run(&peers.python, mnist_dir, &flags);
        if let Some(error) = &run.error {
            on_event(Event::PeerNotRun(error));
            on_event(Event::PeersMissing);
        }
        run
    });
    Ok(ScalingReport {
        machine,
        input_output: (train.features(), train.classes()),
        images: train.len() + test.len(),
        min_time_s,
        mnist_dir: mnist_dir.display().to_string(),
        command: options.command,
        steps,
        evaluations,
        torch,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::examples::{peer_cell, scaling_report};
    use crate::measure::training::tests::tiny_data;

    #[test]
    fn the_findings_name_the_cells_where_pytorch_is_faster() {
        let mut report = scaling_report();
        assert!(report.findings().iter().any(|line| line
            == "PyTorch's best (dense products) is slower than this project in every cell."));
        if let Some(record) = report.torch.as_mut().and_then(|run| run.record.as_mut()) {
            record.steps.push(peer_cell(800, Some(1000), 1.5e-2));
        }
        let findings = report.findings();
        assert!(
            findings.iter().any(|line| line
                == "PyTorch's best (dense products) is faster than this project at: the step \
                    at hidden 800, batch 1000 (2.0x slower)."),
            "{findings:?}"
        );
    }

    #[test]
    fn a_tiny_grid_is_timed() -> Result<(), Box<dyn std::error::Error>> {
        let (inputs, labels) = tiny_data();
        let data = Dataset::new(&inputs, &labels, 4, 2)?;
        let options = ScalingOptions {
            hidden: vec![3, 6],
            batch: vec![5, 10],
            min_time_s: 1e-3,
            peers: None,
            command: "cargo xtask bench --scaling".to_owned(),
            date_utc: "2026-01-01T00-00-00".to_owned(),
        };
        let mut phases = 0;
        let report = run_scaling(options, Path::new("/data"), &data, &data, &mut |event| {
            phases += usize::from(matches!(event, Event::Phase { .. }));
        })?;
        assert_eq!(phases, 2);
        let cells: Vec<(usize, usize)> = report.steps.iter().map(|c| (c.hidden, c.batch)).collect();
        assert_eq!(cells, [(3, 5), (3, 10), (6, 5), (6, 10)]);
        let hidden: Vec<usize> = report.evaluations.iter().map(|c| c.hidden).collect();
        assert_eq!(hidden, [3, 6]);
        assert!(
            report
                .steps
                .iter()
                .all(|c| c.ours.calls >= 1 && c.dense.calls >= 1)
        );
        assert_eq!((report.images, report.input_output), (80, (4, 2)));
        assert!(report.torch.is_none());
        Ok(())
    }

    #[test]
    fn a_batch_larger_than_the_data_is_an_error() -> Result<(), Box<dyn std::error::Error>> {
        let (inputs, labels) = tiny_data();
        let data = Dataset::new(&inputs, &labels, 4, 2)?;
        let options = ScalingOptions {
            hidden: vec![3],
            batch: vec![41],
            min_time_s: 1e-3,
            peers: None,
            command: String::new(),
            date_utc: String::new(),
        };
        let result = run_scaling(options, Path::new("/data"), &data, &data, &mut |_| {});
        assert!(matches!(result, Err(BenchError::Train(_))));
        Ok(())
    }
}
