//! The axes of a descent path: the book's window of figure 4-10, linear, or
//! (when a path leaves it) a symmetric log scale `sign(v) log10(1 + |v|)`:
//! linear near 0, one step per decade further out.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::Ranged;

/// The book's window: `plt.xlim(-3.5, 3.5)`, `plt.ylim(-4.5, 4.5)`.
pub const BOOK_X: (f64, f64) = (-3.5, 3.5);
/// See [`BOOK_X`].
pub const BOOK_Y: (f64, f64) = (-4.5, 4.5);

/// The scale of both axes of a path panel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// The book's window, linear.
    Book,
    /// `sign(v) log10(1 + |v|)` over the data's own range.
    SymLog,
}

impl Scale {
    /// The book's window when every finite point is inside it, else the
    /// symmetric log scale.
    pub fn for_points(finite: &[[f64; 2]]) -> Self {
        let inside = |&[x0, x1]: &[f64; 2]| {
            (BOOK_X.0..=BOOK_X.1).contains(&x0) && (BOOK_Y.0..=BOOK_Y.1).contains(&x1)
        };
        if finite.iter().all(inside) {
            Scale::Book
        } else {
            Scale::SymLog
        }
    }

    /// Where `v` goes on the chart's (linear) coordinates.
    pub fn to_chart(self, v: f64) -> f64 {
        match self {
            Scale::Book => v,
            Scale::SymLog => v.signum() * v.abs().ln_1p() / std::f64::consts::LN_10,
        }
    }

    /// The tick label at chart coordinate `u` (one of `Axis::ticks`).
    pub fn label(self, u: f64) -> String {
        match self {
            Scale::Book => format!("{u:.0}"),
            Scale::SymLog if u == 0.0 => "0".to_owned(),
            Scale::SymLog => {
                // The ticks sit at +-log10(1 + 10^k).
                let k = ((10_f64.powf(u.abs()) - 1.0).log10()).round();
                let sign = if u < 0.0 { "-" } else { "" };
                if k < 3.0 {
                    format!("{sign}{}", 10_f64.powf(k))
                } else {
                    format!("{sign}1e{k}")
                }
            }
        }
    }

    /// The chart range and ticks of one axis holding `values` (chart
    /// coordinates) and, for the book's scale, the book's window.
    pub fn axis(self, values: impl Iterator<Item = f64>, book: (f64, f64)) -> Axis {
        match self {
            Scale::Book => Axis {
                range: book.0..book.1,
                ticks: (book.0.ceil() as i32..=book.1.floor() as i32)
                    .map(f64::from)
                    .collect(),
            },
            Scale::SymLog => {
                let (lo, hi) =
                    values.fold((0.0_f64, 0.0_f64), |(lo, hi), u| (lo.min(u), hi.max(u)));
                let (lo, hi) = (lo - 0.5, hi + 0.5);
                let decades = lo.abs().max(hi).floor().max(1.0) as i32;
                let step = ((decades + 5) / 6).max(1);
                let mut ticks = vec![0.0];
                for k in (step..=decades).step_by(step as usize) {
                    let u = self.to_chart(10_f64.powi(k));
                    ticks.extend([-u, u].into_iter().filter(|u| (lo..=hi).contains(u)));
                }
                ticks.sort_by(f64::total_cmp);
                Axis {
                    range: lo..hi,
                    ticks,
                }
            }
        }
    }
}

/// One axis: its range in chart coordinates and where its labels go (a
/// linear plotters axis whose ticks are ours; the tick labels come from the
/// mesh's label formatter).
#[derive(Debug, Clone)]
pub struct Axis {
    /// The range, in chart coordinates.
    pub range: Range<f64>,
    /// Where the ticks go, in chart coordinates.
    pub ticks: Vec<f64>,
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        RangedCoordf64::from(self.range.clone()).map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Bold lines and labels at our ticks; no light lines.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symlog_ticks_are_powers_of_ten() {
        let axis = Scale::SymLog.axis([-13.4, 12.2].into_iter(), BOOK_X);
        let labels: Vec<String> = axis.ticks.iter().map(|&u| Scale::SymLog.label(u)).collect();
        assert_eq!(
            labels,
            [
                "-1e12", "-1e9", "-1e6", "-1e3", "0", "1e3", "1e6", "1e9", "1e12"
            ]
        );
        assert_eq!(Scale::SymLog.label(Scale::SymLog.to_chart(-10.0)), "-10");
    }
}
