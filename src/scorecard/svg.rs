//! A small SVG writer for the page: text in the bundled fonts, rectangles, lines, dots
//! and polygons, in points, every string escaped.

use std::fmt::Write as _;

use super::fonts::FAMILY;

/// Where text sits against its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A text style: size in points, weight, colour.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub color: &'static str,
}

/// An SVG document being written.
pub struct Svg {
    out: String,
}

/// `text` with the XML specials escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

impl Svg {
    /// A page `width` by `height` points on white.
    pub fn new(width: f32, height: f32) -> Self {
        let mut out = String::new();
        let _ = write!(
            out,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FAMILY}"><rect width="{width}" height="{height}" fill="#ffffff"/>"##
        );
        Self { out }
    }

    /// The document, closed.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }

    /// `text` with its baseline at `y`.
    pub fn text(&mut self, x: f32, y: f32, style: Style, anchor: Anchor, text: &str) {
        if text.is_empty() {
            return;
        }
        let anchor = match anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let _ = write!(
            self.out,
            r#"<text x="{x:.2}" y="{y:.2}" font-size="{}" font-weight="{}" fill="{}" text-anchor="{anchor}">{}</text>"#,
            style.size,
            if style.bold { 600 } else { 400 },
            style.color,
            escape(text)
        );
    }

    /// `text` shortened with an ellipsis to fit `width` points, its baseline at `y`.
    pub fn text_fit(
        &mut self,
        (x, y): (f32, f32),
        style: Style,
        anchor: Anchor,
        text: &str,
        width: f32,
    ) {
        let fitted = super::fonts::fit(text, width, style.size, style.bold);
        self.text(x, y, style, anchor, &fitted);
    }

    /// A rectangle, filled and/or outlined, with rounded corners `r`.
    pub fn rect(&mut self, [x, y, w, h]: [f32; 4], r: f32, fill: &str, stroke: Option<&str>) {
        let stroke = stroke.map_or_else(String::new, |s| {
            format!(r#" stroke="{s}" stroke-width="0.75""#)
        });
        let _ = write!(
            self.out,
            r#"<rect x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}" rx="{r}" fill="{fill}"{stroke}/>"#
        );
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), color: &str, width: f32) {
        let _ = write!(
            self.out,
            r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="{color}" stroke-width="{width}"/>"#,
            from.0, from.1, to.0, to.1
        );
    }

    /// A line through `points`, optionally dashed.
    pub fn polyline(&mut self, points: &[(f32, f32)], color: &str, width: f32, dashed: bool) {
        let dash = if dashed {
            r#" stroke-dasharray="3 2""#
        } else {
            ""
        };
        let _ = write!(
            self.out,
            r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="{width}" stroke-linejoin="round"{dash}/>"#,
            points_attr(points)
        );
    }

    /// A closed shape through `points`.
    pub fn polygon(&mut self, points: &[(f32, f32)], fill: &str, stroke: Option<(&str, f32)>) {
        let stroke = stroke.map_or_else(String::new, |(c, w)| {
            format!(r#" stroke="{c}" stroke-width="{w}" stroke-linejoin="round""#)
        });
        let _ = write!(
            self.out,
            r#"<polygon points="{}" fill="{fill}"{stroke}/>"#,
            points_attr(points)
        );
    }

    /// A dot, filled or as a ring.
    pub fn circle(&mut self, (x, y): (f32, f32), r: f32, color: &str, filled: bool) {
        let paint = if filled {
            format!(r#"fill="{color}""#)
        } else {
            format!(r#"fill="none" stroke="{color}" stroke-width="1""#)
        };
        let _ = write!(
            self.out,
            r#"<circle cx="{x:.2}" cy="{y:.2}" r="{r}" {paint}/>"#
        );
    }
}

fn points_attr(points: &[(f32, f32)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{x:.2},{y:.2}"))
        .collect::<Vec<_>>()
        .join(" ")
}
