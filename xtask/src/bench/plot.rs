//! `scaling.svg`: the report's lines as `plots::scaling_svg` panels, one
//! for the training step and one for the evaluation pass; the smallest
//! batch solid, larger batches dashed, a colour per implementation.

use benchsuite::ScalingReport;
use benchsuite::scaling::series::{Implementation, Line, Phase};
use benchsuite::scaling::table::per_item;
use plots::{RGBColor, ScalingLine, ScalingPanel, palette};

/// The SVG of `report`'s lines.
pub fn scaling_svg(report: &ScalingReport) -> Result<String, plots::DrawError> {
    let machine = &report.machine;
    let title = format!(
        "Time per sample against the hidden size ({}, {} cores, {} UTC)",
        machine.cpu, machine.cores, machine.date_utc
    );
    let lines = report.lines();
    let panel = |caption: String, phase: Phase| {
        let lines: Vec<&Line> = lines.iter().filter(|l| l.phase == phase).collect();
        let smallest_batch = lines.iter().filter_map(|line| line.batch).min();
        let lines = lines.iter().map(|line| ScalingLine {
            label: match line.batch {
                Some(batch) => format!("{}, batch {batch}", line.implementation.name()),
                None => line.implementation.name().to_owned(),
            },
            points: line.points.clone(),
            color: color(line.implementation),
            dashed: line.batch != smallest_batch,
        });
        ScalingPanel {
            caption,
            lines: lines.collect(),
        }
    };
    let panels = [
        panel(
            "One training step, per sample of the batch".to_owned(),
            Phase::Step,
        ),
        panel(
            format!("One evaluation pass of {} images, per image", report.images),
            Phase::Evaluation,
        ),
    ];
    plots::scaling_svg(&title, &panels, &per_item)
}

/// The colour of an implementation's lines.
fn color(implementation: Implementation) -> RGBColor {
    match implementation {
        Implementation::Ours => palette::BLUE,
        Implementation::Dense => palette::ORANGE,
        Implementation::Torch => palette::GREEN,
    }
}
