//! How a value becomes a colour in a heat map, a tile or a colour bar:
//! a sequential blue scale (counts), a diverging blue-white-red scale
//! (signed values: weights, a decision surface) and ink on paper (MNIST
//! pixels).

use plotters::style::RGBColor;

use crate::palette::{self, blend};

/// The light end of [`ColourScale::Blues`] (matplotlib's `Blues`).
pub const BLUES_LIGHT: RGBColor = RGBColor(247, 251, 255);
/// The dark end of [`ColourScale::Blues`].
pub const BLUES_DARK: RGBColor = RGBColor(8, 48, 107);
/// Where on a scale (`|position|` above this) a colour is dark enough for
/// white text.
const DARK: f64 = 0.55;

/// A map from values to colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColourScale {
    /// `0` light to `max` dark blue; with `log`, by `ln(1 + v) / ln(1 + max)`
    /// so that tens show beside thousands (a confusion matrix).
    Blues {
        /// The value drawn darkest.
        max: f64,
        /// Whether the position is `ln(1 + v) / ln(1 + max)` (else `v / max`).
        log: bool,
    },
    /// `-limit` blue, `0` white, `+limit` red (ColorBrewer's `RdBu`).
    Diverging {
        /// The magnitude drawn in full colour.
        limit: f64,
    },
    /// Ink on paper: `0` white, `max` black (an MNIST pixel with `max` 255).
    Ink {
        /// The value drawn black.
        max: f64,
    },
}

impl ColourScale {
    /// Where `value` sits on the scale: in `[0, 1]`, or `[-1, 1]` for
    /// [`Diverging`](Self::Diverging) (clamped; `0` when the scale's
    /// bound is not positive).
    pub fn position(&self, value: f64) -> f64 {
        let ratio = |v: f64, bound: f64| {
            if bound > 0.0 {
                (v / bound).clamp(-1.0, 1.0)
            } else {
                0.0
            }
        };
        match *self {
            ColourScale::Blues { max, log: true } => {
                ratio(value.max(0.0).ln_1p(), max.max(0.0).ln_1p()).max(0.0)
            }
            ColourScale::Blues { max, log: false } | ColourScale::Ink { max } => {
                ratio(value, max).max(0.0)
            }
            ColourScale::Diverging { limit } => ratio(value, limit),
        }
    }

    /// The colour of `value`.
    pub fn colour(&self, value: f64) -> RGBColor {
        self.colour_at(self.position(value))
    }

    /// The colour at `position` on the scale (see [`position`](Self::position)).
    pub fn colour_at(&self, position: f64) -> RGBColor {
        let t = position;
        match self {
            ColourScale::Blues { .. } => blend(BLUES_LIGHT, BLUES_DARK, t),
            ColourScale::Diverging { .. } => palette::diverging(t),
            ColourScale::Ink { .. } => blend(palette::WHITE, RGBColor(0, 0, 0), t),
        }
    }

    /// The colours of `values`, in order (the pixels of a bitmap).
    pub fn paint(&self, values: &[f64]) -> Vec<RGBColor> {
        values.iter().map(|&v| self.colour(v)).collect()
    }

    /// Whether text on `value`'s colour reads better in white.
    pub fn is_dark(&self, value: f64) -> bool {
        self.position(value).abs() > DARK
    }

    /// The lowest and the highest value the scale tells apart.
    pub fn range(&self) -> (f64, f64) {
        match *self {
            ColourScale::Blues { max, .. } | ColourScale::Ink { max } => (0.0, max),
            ColourScale::Diverging { limit } => (-limit, limit),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_is_white_at_zero_and_full_at_the_ends() {
        let diverging = ColourScale::Diverging { limit: 1.0 };
        assert_eq!(
            diverging.paint(&[0.0, 1.0, -1.0, 5.0]),
            [
                RGBColor(255, 255, 255),
                RGBColor(178, 24, 43),
                RGBColor(33, 102, 172),
                RGBColor(178, 24, 43)
            ]
        );
        assert_eq!(
            ColourScale::Diverging { limit: 0.0 }.colour(3.0),
            palette::WHITE
        );
        let ink = ColourScale::Ink { max: 255.0 };
        assert_eq!(
            ink.paint(&[0.0, 255.0, 55.0]),
            [
                RGBColor(255, 255, 255),
                RGBColor(0, 0, 0),
                RGBColor(200, 200, 200)
            ]
        );
    }

    #[test]
    fn the_log_blues_show_tens_beside_a_thousand() {
        let blues = ColourScale::Blues {
            max: 1000.0,
            log: true,
        };
        assert_eq!(blues.colour(0.0), BLUES_LIGHT);
        assert_eq!(blues.colour(1000.0), BLUES_DARK);
        let ten = blues.position(10.0);
        assert!((ten - 11_f64.ln() / 1001_f64.ln()).abs() < 1e-12, "{ten}");
        assert!(!blues.is_dark(10.0) && blues.is_dark(900.0));
        assert_eq!(blues.range(), (0.0, 1000.0));
    }
}
