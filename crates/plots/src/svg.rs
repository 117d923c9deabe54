//! A small SVG writer for the hand-drawn pictures (heat maps, tile grids,
//! colour bars, XOR's surface): rectangles, lines, circles, text (rendered by the viewer's sans-serif
//! font, no font files), lines of notes and bitmaps embedded as PNG data
//! URIs (`crisp-edges`, so each pixel stays a sharp square). Writing into
//! a `String` cannot fail, so nothing here returns an error.

use std::fmt::Write as _;

use plotters::style::RGBColor;

use crate::png;

/// An SVG document being written.
#[derive(Debug)]
pub struct Svg {
    text: String,
}

/// Where text sits relative to its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at the point.
    Start,
    /// The text is centred on the point.
    Middle,
    /// The text ends at the point.
    End,
}

/// Height of one line of notes, in px.
pub const NOTE_LINE: f64 = 24.0;

impl Svg {
    /// A white `width x height` canvas.
    pub fn new(width: u32, height: u32) -> Self {
        let mut text = String::new();
        let _ = write!(
            text,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\">\n\
             <rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n"
        );
        Self { text }
    }

    /// A filled rectangle; `class` tags it for readers (and tests).
    pub fn rect(&mut self, class: &str, (x, y): (f64, f64), (w, h): (f64, f64), fill: RGBColor) {
        let RGBColor(r, g, b) = fill;
        let _ = writeln!(
            self.text,
            "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" \
             fill=\"#{r:02x}{g:02x}{b:02x}\"/>"
        );
    }

    /// `content` at `(x, y)` (the baseline) in `size` px, black or white;
    /// `class` tags it (none when empty).
    pub fn text(
        &mut self,
        class: &str,
        (x, y): (f64, f64),
        size: u32,
        anchor: Anchor,
        white: bool,
        content: &str,
    ) {
        let class = if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{class}\"")
        };
        let anchor = match anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let fill = if white { "#ffffff" } else { "#000000" };
        let _ = writeln!(
            self.text,
            "<text{class} x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" \
             text-anchor=\"{anchor}\" fill=\"{fill}\">{}</text>",
            escape(content)
        );
    }

    /// `content` at `(x, y)` rotated a quarter turn counter-clockwise (a y
    /// axis title).
    pub fn vertical_text(&mut self, (x, y): (f64, f64), size: u32, content: &str) {
        let _ = writeln!(
            self.text,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" text-anchor=\"middle\" \
             transform=\"rotate(-90 {x:.1} {y:.1})\">{}</text>",
            escape(content)
        );
    }

    /// A straight line from `from` to `to`, `width` px wide; `class` tags it.
    pub fn line(
        &mut self,
        class: &str,
        (x1, y1): (f64, f64),
        (x2, y2): (f64, f64),
        width: f64,
        colour: RGBColor,
    ) {
        let RGBColor(r, g, b) = colour;
        let _ = writeln!(
            self.text,
            "<line class=\"{class}\" x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" \
             y2=\"{y2:.1}\" stroke=\"#{r:02x}{g:02x}{b:02x}\" stroke-width=\"{width:.1}\"/>"
        );
    }

    /// A circle of `radius` px at `(x, y)` filled with `fill` and outlined
    /// in black `outline` px wide (no outline when 0); `class` tags it.
    pub fn circle(
        &mut self,
        class: &str,
        (x, y): (f64, f64),
        radius: f64,
        fill: RGBColor,
        outline: f64,
    ) {
        let RGBColor(r, g, b) = fill;
        let _ = writeln!(
            self.text,
            "<circle class=\"{class}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\" \
             fill=\"#{r:02x}{g:02x}{b:02x}\" stroke=\"#000000\" stroke-width=\"{outline:.1}\"/>"
        );
    }

    /// `notes`, one line each in 14 px, the first baseline at `(x, y)` and
    /// [`NOTE_LINE`] apart.
    pub fn notes(&mut self, (x, y): (f64, f64), notes: &[String]) {
        for (i, note) in notes.iter().enumerate() {
            let at = (x, y + NOTE_LINE * i as f64);
            self.text("", at, 14, Anchor::Start, false, note);
        }
    }

    /// An RGB bitmap of `pixels` (`width * height` colours, row-major)
    /// drawn at `(x, y)` stretched to `size` px; `class` tags it.
    ///
    /// # Panics
    /// If `pixels` does not hold `width * height` colours.
    pub fn bitmap(
        &mut self,
        class: &str,
        (x, y): (f64, f64),
        (w, h): (f64, f64),
        (width, height): (u32, u32),
        pixels: &[RGBColor],
    ) {
        let _ = writeln!(
            self.text,
            "<image class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" \
             height=\"{h:.1}\" style=\"image-rendering:pixelated;image-rendering:crisp-edges\" \
             preserveAspectRatio=\"none\" href=\"{}\"/>",
            png::data_uri(width, height, pixels)
        );
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.text.push_str("</svg>\n");
        self.text
    }
}

/// `text` with XML's special characters escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
