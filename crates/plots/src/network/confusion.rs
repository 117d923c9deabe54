//! `confusion.svg`: the 10x10 confusion matrix as a heat map, the count in
//! every cell, true digit down the side and predicted digit along the top.

use super::svg::{Anchor, Svg};

/// Side of one cell, in px.
const CELL: f64 = 58.0;
/// Top-left corner of the matrix.
const ORIGIN: (f64, f64) = (110.0, 120.0);

/// The heat map of `matrix[true][predicted]`; `caption` (one line) says
/// which model and data it counts.
pub fn confusion_svg(matrix: &[Vec<u64>], caption: &str) -> String {
    let classes = matrix.len();
    let side = CELL * classes as f64;
    let width = (ORIGIN.0 + side + 40.0) as u32;
    let height = (ORIGIN.1 + side + 90.0) as u32;
    let mut svg = Svg::new(width.max(560), height);
    let total: u64 = matrix.iter().flatten().sum();
    let correct: u64 = (0..classes)
        .map(|k| matrix[k].get(k).copied().unwrap_or(0))
        .sum();
    svg.text(
        "",
        (20.0, 34.0),
        22,
        Anchor::Start,
        false,
        "Confusion matrix on the test set",
    );
    svg.text("", (20.0, 58.0), 14, Anchor::Start, false, caption);
    let centre = ORIGIN.0 + side / 2.0;
    svg.text(
        "",
        (centre, ORIGIN.1 - 34.0),
        16,
        Anchor::Middle,
        false,
        "predicted digit",
    );
    svg.vertical_text((ORIGIN.0 - 52.0, ORIGIN.1 + side / 2.0), 16, "true digit");
    let largest = matrix.iter().flatten().copied().max().unwrap_or(0);
    for (digit, row) in matrix.iter().enumerate() {
        let offset = CELL * digit as f64;
        let label = digit.to_string();
        svg.text(
            "",
            (ORIGIN.0 + offset + CELL / 2.0, ORIGIN.1 - 8.0),
            14,
            Anchor::Middle,
            false,
            &label,
        );
        svg.text(
            "",
            (ORIGIN.0 - 20.0, ORIGIN.1 + offset + CELL / 2.0 + 5.0),
            14,
            Anchor::Middle,
            false,
            &label,
        );
        for (predicted, &count) in row.iter().enumerate() {
            let x = ORIGIN.0 + CELL * predicted as f64;
            let y = ORIGIN.1 + offset;
            let shade = intensity(count, largest);
            svg.rect("cell", (x, y), (CELL - 1.0, CELL - 1.0), blues(shade));
            svg.text(
                "count",
                (x + CELL / 2.0, y + CELL / 2.0 + 5.0),
                13,
                Anchor::Middle,
                shade > 0.55,
                &count.to_string(),
            );
        }
    }
    let note = format!(
        "{correct} of {total} on the diagonal (correct); colour: log(1 + count), white 0, \
         dark blue {largest}"
    );
    svg.text(
        "",
        (20.0, ORIGIN.1 + side + 40.0),
        14,
        Anchor::Start,
        false,
        &note,
    );
    svg.finish()
}

/// `log(1 + count) / log(1 + largest)` in `[0, 1]`: on a log scale the
/// off-diagonal errors (tens) show beside the diagonal (about a thousand).
fn intensity(count: u64, largest: u64) -> f64 {
    if largest == 0 {
        return 0.0;
    }
    (count as f64).ln_1p() / (largest as f64).ln_1p()
}

/// White to matplotlib's dark blue as `t` goes from 0 to 1.
fn blues(t: f64) -> (u8, u8, u8) {
    let mix = |white: f64, dark: f64| (white + (dark - white) * t.clamp(0.0, 1.0)).round() as u8;
    (mix(247.0, 8.0), mix(251.0, 48.0), mix(255.0, 107.0))
}
