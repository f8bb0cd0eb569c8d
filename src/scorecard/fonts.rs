//! The fonts a scorecard is drawn in (Inter, regular and semibold, bundled so a page
//! looks the same on every machine and embeds in the PDF) and the width of a line of
//! text in them, for the layout to fit and shorten text.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// The family name the page's SVG asks for.
pub const FAMILY: &str = "Inter";

/// Inter Regular (SIL Open Font License, `assets/fonts/LICENSE-OFL.txt`).
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.otf");
/// Inter SemiBold.
pub const SEMIBOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-SemiBold.otf");

/// A font database holding the bundled fonts only: the page never depends on what the
/// machine has installed.
pub fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(SEMIBOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Advance widths of one face, per character, in font units.
struct Metrics {
    units_per_em: f32,
    advances: std::collections::HashMap<char, u16>,
    fallback: u16,
}

impl Metrics {
    fn of(data: &[u8]) -> Self {
        let Ok(face) = ttf_parser::Face::parse(data, 0) else {
            return Self {
                units_per_em: 1000.0,
                advances: std::collections::HashMap::new(),
                fallback: 560,
            };
        };
        let advance = |c: char| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g));
        let fallback = advance('n').unwrap_or(560);
        // The characters a page prints: Latin-1, punctuation and the few symbols used.
        let advances = (' '..='ÿ')
            .chain("–—−•·×→≈…’“”€£¥".chars())
            .filter_map(|c| advance(c).map(|a| (c, a)))
            .collect();
        Self {
            units_per_em: f32::from(face.units_per_em()),
            advances,
            fallback,
        }
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(*self.advances.get(&c).unwrap_or(&self.fallback)))
            .sum();
        #[expect(clippy::cast_precision_loss, reason = "widths in points")]
        let units = units as f32;
        units * size / self.units_per_em
    }
}

fn metrics(bold: bool) -> &'static Metrics {
    static REG: OnceLock<Metrics> = OnceLock::new();
    static BOLD: OnceLock<Metrics> = OnceLock::new();
    if bold {
        BOLD.get_or_init(|| Metrics::of(SEMIBOLD))
    } else {
        REG.get_or_init(|| Metrics::of(REGULAR))
    }
}

/// The width of `text` at `size` points, in points.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    metrics(bold).width(text, size)
}

/// `text` shortened with an ellipsis to fit `width` points at `size`.
pub fn fit(text: &str, width: f32, size: f32, bold: bool) -> String {
    if text_width(text, size, bold) <= width {
        return text.to_owned();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
        if text_width(&candidate, size, bold) <= width {
            return candidate;
        }
    }
    String::new()
}

/// `text` broken into lines of at most `width` points at `size`, at spaces; at most
/// `max_lines`, the last shortened with an ellipsis when more was left.
pub fn wrap(text: &str, width: f32, size: f32, bold: bool, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, size, bold) <= width || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = word.to_owned();
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(fit(&rest, width, size, bold));
    }
    lines
        .into_iter()
        .map(|l| fit(&l, width, size, bold))
        .collect()
}
