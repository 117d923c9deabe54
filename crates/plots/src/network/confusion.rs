//! `confusion.svg`: the confusion matrix as a heat map, the count in every
//! cell, true digit down the side and predicted digit along the top, and a
//! colour bar of the log scale under it.

use crate::colour_scale::ColourScale;
use crate::heat_map::{ColourBar, HeatMap};
use crate::svg::{Anchor, Svg};

/// Side of one cell, in px.
const CELL: f64 = 58.0;
/// Top-left corner of the matrix.
const ORIGIN: (f64, f64) = (110.0, 120.0);

/// The heat map of `matrix[true][predicted]` (as `twolayer::confusion_matrix`
/// counts it); `caption` (one line) says which model and data it counts.
/// Colours are `ln(1 + count)`: the errors (tens) show beside the diagonal
/// (about a thousand).
pub fn confusion_svg(matrix: &[Vec<u64>], caption: &str) -> String {
    let classes = matrix.len();
    let side = CELL * classes as f64;
    let width = (ORIGIN.0 + side + 40.0) as u32;
    let height = (ORIGIN.1 + side + 140.0) as u32;
    let total: u64 = matrix.iter().flatten().sum();
    let correct: u64 = (0..classes)
        .map(|k| matrix[k].get(k).copied().unwrap_or(0))
        .sum();
    let largest = matrix.iter().flatten().copied().max().unwrap_or(0);
    let scale = ColourScale::Blues {
        max: largest as f64,
        log: true,
    };
    let digits: Vec<String> = (0..classes).map(|k| k.to_string()).collect();
    let map = HeatMap {
        values: matrix
            .iter()
            .map(|row| row.iter().map(|&count| count as f64).collect())
            .collect(),
        scale,
        column_labels: digits.clone(),
        row_labels: digits,
        column_title: "predicted digit".to_owned(),
        row_title: "true digit".to_owned(),
        cell_text: matrix
            .iter()
            .map(|row| row.iter().map(u64::to_string).collect())
            .collect(),
    };

    let mut svg = Svg::new(width.max(560), height);
    let title = "Confusion matrix on the test set";
    svg.text("", (20.0, 34.0), 22, Anchor::Start, false, title);
    svg.text("", (20.0, 58.0), 14, Anchor::Start, false, caption);
    map.draw(&mut svg, ORIGIN, CELL);
    let note = format!(
        "{correct} of {total} on the diagonal (correct); colour: log(1 + count), white 0, \
         dark blue {largest}"
    );
    svg.notes((20.0, ORIGIN.1 + side + 40.0), &[note]);
    let bar = ColourBar {
        scale,
        ticks: log_ticks(largest),
        caption: "count (log scale)".to_owned(),
    };
    bar.draw(
        &mut svg,
        (ORIGIN.0, ORIGIN.1 + side + 62.0),
        (side * 0.6, 14.0),
    );
    svg.finish()
}

/// 0, then the powers of ten up to half of `largest`, then `largest`:
/// ticks that do not crowd on a `ln(1 + count)` bar.
pub(super) fn log_ticks(largest: u64) -> Vec<(f64, String)> {
    let mut ticks = vec![(0.0, "0".to_owned())];
    let mut power = 1_u64;
    while power.saturating_mul(2) <= largest {
        ticks.push((power as f64, power.to_string()));
        power = power.saturating_mul(10);
    }
    if largest > 0 {
        ticks.push((largest as f64, largest.to_string()));
    }
    ticks
}
