//! The scaling report in Markdown: time per sample of one step and of one
//! evaluation pass at each cell, for this project, its dense reference and
//! PyTorch, with the ratios, and where the sparse first layer stops paying off.

use super::torch::PeerCell;
use super::{EvaluationCell, ScalingReport, StepCell};
use crate::format::{table, thousands, times};
use crate::measure::peers::threads_text;

impl ScalingReport {
    /// The machine line, both tables and what they show, in Markdown.
    pub fn markdown(&self) -> String {
        let machine = &self.machine;
        let (input, output) = self.input_output;
        let mut text = machine.heading("cargo xtask bench --scaling");
        let torch = self.torch.as_ref().and_then(|run| run.record.as_ref());
        let torch_header = match torch {
            Some(record) => {
                let counts: Vec<String> = record.thread_counts.iter().map(u64::to_string).collect();
                format!(
                    "PyTorch {}, best of {} threads",
                    record.torch.as_deref().unwrap_or("?"),
                    counts.join(", ")
                )
            }
            None => "PyTorch".to_owned(),
        };
        text.push_str(&format!(
            "### One training step ({input}-H-{output} sigmoid, SGD, the loss recorded after the \
             update), time per sample\n\n"
        ));
        let rows: Vec<Vec<String>> = self
            .steps
            .iter()
            .map(|cell| {
                let peer = torch.and_then(|record| record.step(cell.hidden, cell.batch));
                step_row(cell, peer)
            })
            .collect();
        text.push_str(&table(
            &[
                "hidden",
                "batch",
                "this project",
                "dense reference",
                &torch_header,
                "this project vs dense",
                "this project vs PyTorch",
            ],
            &rows,
        ));
        text.push_str(&format!(
            "\n### One evaluation pass of both sets ({} images), time per image\n\n",
            thousands(self.images as f64)
        ));
        let rows: Vec<Vec<String>> = self
            .evaluations
            .iter()
            .map(|cell| {
                let peer = torch.and_then(|record| record.evaluation(cell.hidden));
                evaluation_row(cell, self.images, peer)
            })
            .collect();
        text.push_str(&table(
            &[
                "hidden",
                "this project",
                "dense reference",
                &torch_header,
                "this project vs dense",
                "this project vs PyTorch",
            ],
            &rows,
        ));
        text.push('\n');
        for line in self.findings() {
            text.push_str(&format!("- {line}\n"));
        }
        text
    }

    /// Where the sparse first layer stops paying off, per batch size and
    /// for evaluation, and what the timings are.
    pub fn findings(&self) -> Vec<String> {
        let mut batches: Vec<usize> = self.steps.iter().map(|cell| cell.batch).collect();
        batches.sort_unstable();
        batches.dedup();
        let mut lines: Vec<String> = batches
            .iter()
            .map(|&batch| {
                let cells = self.steps.iter().filter(|cell| cell.batch == batch);
                let speedups: Vec<(usize, f64)> = cells
                    .map(|cell| (cell.hidden, cell.dense.median_s / cell.ours.median_s))
                    .collect();
                crossover(&format!("Steps at batch {batch}"), &speedups)
            })
            .collect();
        let speedups: Vec<(usize, f64)> = self
            .evaluations
            .iter()
            .map(|cell| (cell.hidden, cell.dense.median_s / cell.ours.median_s))
            .collect();
        lines.push(crossover("Evaluation", &speedups));
        lines.push(format!(
            "This project: `Trainer::steps` as the default run (a step shared between two threads \
             where the machine has two cores and the step is large enough) and \
             `Trainer::accuracies` (both sets, all cores); the dense reference: the book's step \
             on a dense batch (`TwoLayerNet::gradient`, the update, the recorded loss) and \
             `evaluate_dense`, nalgebra's products on one thread. Each timing is the median per \
             call over at least {:.1} s (a call that lasts longer is timed once); an evaluation \
             pass does not depend on the batch and is timed once per hidden size.",
            self.min_time_s
        ));
        if let Some(record) = self.torch.as_ref().and_then(|run| run.record.as_ref()) {
            let step_ratios = self.steps.iter().filter_map(|cell| {
                let peer = record.step(cell.hidden, cell.batch)?;
                let what = format!("the step at hidden {}, batch {}", cell.hidden, cell.batch);
                Some((what, peer.best_s / cell.ours.median_s))
            });
            let evaluation_ratios = self.evaluations.iter().filter_map(|cell| {
                let peer = record.evaluation(cell.hidden)?;
                let what = format!("evaluation at hidden {}", cell.hidden);
                Some((what, peer.best_s / cell.ours.median_s))
            });
            let overtaken: Vec<String> = step_ratios
                .chain(evaluation_ratios)
                .filter(|(_, ratio)| *ratio < 1.0)
                .map(|(what, ratio)| format!("{what} ({})", faster_or_slower(ratio)))
                .collect();
            lines.push(if overtaken.is_empty() {
                "PyTorch's best (dense products) is slower than this project in every cell."
                    .to_owned()
            } else {
                format!(
                    "PyTorch's best (dense products) is faster than this project at: {}.",
                    overtaken.join("; ")
                )
            });
        }
        match &self.torch {
            None => lines.push(format!(
                "PyTorch not measured: `cargo xtask bench --scaling --peers` adds it ({}).",
                crate::measure::peers::INSTALL_HINT
            )),
            Some(run) => match &run.error {
                Some(error) => lines.push(format!("PyTorch did not run: {error}")),
                None => lines.push(format!(
                    "PyTorch: `{}`, each cell at each thread count, the faster kept.",
                    run.command
                )),
            },
        }
        lines
    }
}

/// A step row: hidden, batch, the three times per sample and two ratios.
fn step_row(cell: &StepCell, peer: Option<&PeerCell>) -> Vec<String> {
    let per = |seconds: f64| per_item(seconds / cell.batch as f64);
    vec![
        cell.hidden.to_string(),
        thousands(cell.batch as f64),
        per(cell.ours.median_s),
        per(cell.dense.median_s),
        peer.map_or("-".to_owned(), |peer| peer_cell(peer, &per)),
        faster_or_slower(cell.dense.median_s / cell.ours.median_s),
        peer.map_or("-".to_owned(), |peer| {
            faster_or_slower(peer.best_s / cell.ours.median_s)
        }),
    ]
}

/// An evaluation row: hidden, the three times per image and two ratios.
fn evaluation_row(cell: &EvaluationCell, images: usize, peer: Option<&PeerCell>) -> Vec<String> {
    let per = |seconds: f64| per_item(seconds / images as f64);
    vec![
        cell.hidden.to_string(),
        per(cell.ours.median_s),
        per(cell.dense.median_s),
        peer.map_or("-".to_owned(), |peer| peer_cell(peer, &per)),
        faster_or_slower(cell.dense.median_s / cell.ours.median_s),
        peer.map_or("-".to_owned(), |peer| {
            faster_or_slower(peer.best_s / cell.ours.median_s)
        }),
    ]
}

/// The peer's best time per item and its threads: `1.23 us (2 threads)`.
fn peer_cell(peer: &PeerCell, per: &dyn Fn(f64) -> String) -> String {
    format!(
        "{} ({})",
        per(peer.best_s),
        threads_text(peer.best_threads as usize)
    )
}

/// A short time with three significant digits: `123 ns`, `1.23 us`, `45.6 ms`.
pub fn per_item(seconds: f64) -> String {
    let (value, unit) = match seconds {
        s if s >= 1.0 => (s, "s"),
        s if s >= 1e-3 => (s * 1e3, "ms"),
        s if s >= 1e-6 => (s * 1e6, "us"),
        s => (s * 1e9, "ns"),
    };
    let decimals = match value {
        v if v >= 100.0 => 0,
        v if v >= 10.0 => 1,
        _ => 2,
    };
    format!("{value:.decimals$} {unit}")
}

/// `3.1x faster` for a ratio above 1, `1.3x slower` below (the other's time over ours).
pub fn faster_or_slower(ratio: f64) -> String {
    if ratio >= 1.0 {
        format!("{} faster", times(ratio))
    } else {
        format!("{} slower", times(1.0 / ratio))
    }
}

/// Where the dense reference overtakes: `speedups` holds (hidden, dense
/// time over ours) in increasing hidden size.
pub fn crossover(what: &str, speedups: &[(usize, f64)]) -> String {
    let range = match (speedups.first(), speedups.last()) {
        (Some(first), Some(last)) => format!(
            "{} at hidden {} to {} at hidden {}",
            faster_or_slower(first.1),
            first.0,
            faster_or_slower(last.1),
            last.0
        ),
        _ => return format!("{what}: nothing measured."),
    };
    match speedups.iter().find(|(_, speedup)| *speedup < 1.0) {
        None => format!(
            "{what}: the sparse first layer pays off at every hidden size measured ({range} \
             than the dense reference)."
        ),
        Some((hidden, _)) => format!(
            "{what}: the dense reference is faster at hidden {hidden}, the first size where it \
             is ({range}): there the sparse first layer no longer pays off."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_give_time_per_sample_and_ratios() {
        let text = crate::examples::scaling_report().markdown();
        let row = |start: &str| {
            let line = text.lines().find(|line| line.starts_with(start));
            line.map(|line| line.split('|').map(str::trim).collect::<Vec<_>>())
        };
        // 0.1 ms per step of 100: 1 us per sample; dense 5 us; PyTorch 10 us.
        assert_eq!(
            row("| 50     | 100 "),
            Some(vec![
                "",
                "50",
                "100",
                "1.00 us",
                "5.00 us",
                "10.0 us (2 threads)",
                "5.0x faster",
                "10x faster",
                ""
            ])
        );
        let last = row("| 800    | 1,000 ");
        assert_eq!(
            last.as_ref().map(|r| r[3..=7].to_vec()),
            Some(vec!["30.0 us", "20.0 us", "-", "1.5x slower", "-"])
        );
        // 7 ms per pass of 70,000: 100 ns per image.
        assert!(
            text.contains("| 50     | 100 ns       | 1.00 us "),
            "{text}"
        );
        assert!(text.contains("best of 1, 2 threads"), "{text}");
        assert!(
            text.contains("Steps at batch 1000: the dense reference is faster at hidden 800"),
            "{text}"
        );
        assert!(
            text.contains("Steps at batch 100: the sparse first layer pays off"),
            "{text}"
        );
    }

    #[test]
    fn short_times_keep_three_digits() {
        assert_eq!(per_item(1.234e-7), "123 ns");
        assert_eq!(per_item(1.234e-6), "1.23 us");
        assert_eq!(per_item(4.56e-2), "45.6 ms");
        assert_eq!(per_item(2.0), "2.00 s");
    }

    #[test]
    fn ratios_say_faster_or_slower() {
        assert_eq!(faster_or_slower(3.04), "3.0x faster");
        assert_eq!(faster_or_slower(0.8), "1.2x slower");
    }

    #[test]
    fn the_crossover_is_the_first_hidden_size_where_dense_wins() {
        let line = crossover(
            "Steps at batch 100",
            &[(50, 4.0), (100, 1.5), (200, 0.9), (400, 1.1)],
        );
        assert!(
            line.starts_with("Steps at batch 100: the dense reference is faster at hidden 200"),
            "{line}"
        );
        let line = crossover("Evaluation", &[(50, 4.0), (800, 2.0)]);
        assert_eq!(
            line,
            "Evaluation: the sparse first layer pays off at every hidden size measured (4.0x \
             faster at hidden 50 to 2.0x faster at hidden 800 than the dense reference)."
        );
    }
}
