//! `scaling.svg`: the report's lines as `plots::scaling_svg` panels, one
//! for the training step and one for the evaluation pass; the smallest
//! batch solid, larger batches dashed, a colour per implementation.

use plots::{RGBColor, ScalingLine, ScalingPanel, palette};

use super::ScalingReport;
use super::series::{Implementation, Line, Phase};
use super::table::per_item;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The bench's example grid (hidden 50 and 800, batch 100 and 1000),
    /// without PyTorch.
    fn report() -> ScalingReport {
        ScalingReport {
            torch: None,
            ..crate::examples::scaling_report()
        }
    }

    #[test]
    fn bench_scaling_svg_has_both_panels_and_every_line() -> Result<(), Box<dyn std::error::Error>>
    {
        let svg = scaling_svg(&report())?;
        let doc = roxmltree::Document::parse(&svg)?;
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|node| node.has_tag_name("text"))
            .filter_map(|node| node.text())
            .map(str::trim)
            .collect();
        for text in [
            "One training step, per sample of the batch",
            "One evaluation pass of 70000 images, per image",
            "this project, batch 1000",
            "dense reference",
            "hidden units (log scale)",
        ] {
            assert!(texts.contains(&text), "no {text:?} in {texts:?}");
        }
        // 4 step lines and 2 evaluation lines, each with its 2 dots.
        let dots = doc
            .descendants()
            .filter(|node| node.has_tag_name("circle"))
            .count();
        assert_eq!(dots, 12);
        Ok(())
    }
}
