//! The colours every plot draws with: matplotlib's first `tab10` colours,
//! so the figures look like the book's, and two tints for what lies behind.

use plotters::style::RGBColor;

/// The first series.
pub const BLUE: RGBColor = RGBColor(31, 119, 180);
/// The second series.
pub const ORANGE: RGBColor = RGBColor(255, 127, 14);
/// The third series, and start points.
pub const GREEN: RGBColor = RGBColor(44, 160, 44);
/// The fourth series, and end points.
pub const RED: RGBColor = RGBColor(214, 39, 40);
/// The fifth series.
pub const PURPLE: RGBColor = RGBColor(148, 103, 189);
/// The sixth series.
pub const BROWN: RGBColor = RGBColor(140, 86, 75);
/// Axis crosses and reference lines.
pub const GREY: RGBColor = RGBColor(120, 120, 120);
/// A light blue for raw data behind its smoothed line, or a path behind
/// its points.
pub const LIGHT_BLUE: RGBColor = RGBColor(160, 190, 230);

/// matplotlib's `tab10`, in order, for a cycle of series.
pub const SERIES: [RGBColor; 10] = [
    BLUE,
    ORANGE,
    GREEN,
    RED,
    PURPLE,
    BROWN,
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// The blue end of the diverging scale (ColorBrewer's `RdBu`).
pub const DIVERGING_BLUE: RGBColor = RGBColor(33, 102, 172);
/// The red end of the diverging scale.
pub const DIVERGING_RED: RGBColor = RGBColor(178, 24, 43);
/// The middle of the diverging scale.
pub const WHITE: RGBColor = RGBColor(255, 255, 255);

/// `from + (to - from) t` per channel, rounded, for `t` in `[0, 1]`
/// (clamped).
pub fn blend(from: RGBColor, to: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
}

/// A diverging scale for `t` in `[-1, 1]` (clamped): blue at -1, white at
/// 0, red at 1.
pub fn diverging(t: f64) -> RGBColor {
    if t < 0.0 {
        blend(WHITE, DIVERGING_BLUE, -t)
    } else {
        blend(WHITE, DIVERGING_RED, t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diverging_scale_is_white_at_zero_and_full_at_the_ends() {
        assert_eq!(diverging(0.0), WHITE);
        assert_eq!(diverging(-1.0), DIVERGING_BLUE);
        assert_eq!(diverging(1.0), DIVERGING_RED);
        assert_eq!(diverging(7.0), DIVERGING_RED);
        assert_eq!(
            blend(RGBColor(0, 0, 0), RGBColor(255, 255, 255), 0.5),
            RGBColor(128, 128, 128)
        );
    }
}
