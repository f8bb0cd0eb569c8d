//! The page laid out once, as an SVG document in points, for every format: the PDF and
//! the PNG are rendered from this same document, and the app shows that PNG, so what the
//! room sees is what prints. Each number's place on the page is returned beside it, for
//! the app to open its records.

use super::fonts::{fit, text_width, wrap};
use super::page::{MetricLine, Scorecard, change_is_good, change_text, value_text};
use super::status::Status;
use super::svg::{Anchor, Style, Svg};

/// The paper a page is laid out for, landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Width and height in points, landscape.
    pub fn size(self) -> (f32, f32) {
        match self {
            Self::A4 => (841.89, 595.28),
            Self::Letter => (792.0, 612.0),
        }
    }

    /// The name people know it by.
    pub fn label(self) -> &'static str {
        match self {
            Self::A4 => "A4",
            Self::Letter => "US Letter",
        }
    }
}

/// What a place on the page stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    Metric(String),
    Leak(String),
    Pillars,
}

/// The page as SVG, and where each number sits on it (x, y, width, height in points).
#[derive(Debug, Clone)]
pub struct Drawn {
    pub svg: String,
    pub width: f32,
    pub height: f32,
    pub spots: Vec<([f32; 4], Spot)>,
}

pub(super) const INK: &str = "#1f2937";
pub(super) const TEXT: &str = "#374151";
pub(super) const MUTED: &str = "#6b7280";
pub(super) const FAINT: &str = "#9ca3af";
pub(super) const RULE: &str = "#e5e7eb";
pub(super) const CARD: &str = "#f5f7fa";
pub(super) const ACCENT: &str = "#2f5fa7";
pub(super) const AMBER: &str = "#a15c07";
pub(super) const GOOD: &str = "#1b7f4b";
pub(super) const BAD: &str = "#b42318";
pub(super) const MARGIN: f32 = 30.0;

pub(super) fn style(size: f32, bold: bool, color: &'static str) -> Style {
    Style { size, bold, color }
}

/// The colour of a status.
pub fn status_color(s: Status) -> &'static str {
    match s {
        Status::OnTrack => GOOD,
        Status::AtRisk => AMBER,
        Status::OffTrack => BAD,
        Status::NoTarget => MUTED,
        Status::NoData => FAINT,
    }
}

/// The status's symbol, centred at `at`, `r` across: a dot, a triangle, a diamond, a
/// ring, a dash, so each reads in black and white.
fn status_symbol(svg: &mut Svg, s: Status, (x, y): (f32, f32), r: f32) {
    let c = status_color(s);
    match s {
        Status::OnTrack => svg.circle((x, y), r, c, true),
        Status::AtRisk => svg.polygon(
            &[(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)],
            c,
            None,
        ),
        Status::OffTrack => svg.polygon(&[(x, y - r), (x + r, y), (x, y + r), (x - r, y)], c, None),
        Status::NoTarget => svg.circle((x, y), r * 0.8, c, false),
        Status::NoData => svg.line((x - r, y), (x + r, y), c, 1.2),
    }
}

/// The status as symbol and word from `x` on the baseline `y`; returns where it ends.
pub(super) fn status_mark(svg: &mut Svg, s: Status, x: f32, y: f32, size: f32) -> f32 {
    status_symbol(svg, s, (x + size * 0.4, y - size * 0.33), size * 0.38);
    let at = x + size * 1.1;
    svg.text(
        at,
        y,
        style(size, true, status_color(s)),
        Anchor::Start,
        s.word(),
    );
    at + text_width(s.word(), size, true)
}

/// A small line of the last quarters' values in `[x, y, w, h]`, the latest dotted.
pub(super) fn sparkline(svg: &mut Svg, m: &MetricLine, [x, y, w, h]: [f32; 4]) {
    let values: Vec<Option<f64>> = m.trend.iter().map(|(_, v)| *v).collect();
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let (Some(lo), Some(hi)) = (
        known.iter().copied().reduce(f64::min),
        known.iter().copied().reduce(f64::max),
    ) else {
        return;
    };
    let span = if (hi - lo).abs() < 1e-12 {
        1.0
    } else {
        hi - lo
    };
    let n = values.len().max(2);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        reason = "a drawing"
    )]
    let point = |i: usize, v: f64| {
        (
            x + w * i as f32 / (n - 1) as f32,
            y + h - h * ((v - lo) / span) as f32,
        )
    };
    let points: Vec<(f32, f32)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| point(i, v)))
        .collect();
    svg.polyline(&points, ACCENT, 1.2, false);
    for (i, p) in points.iter().enumerate() {
        svg.circle(
            *p,
            if i + 1 == points.len() { 2.0 } else { 1.1 },
            ACCENT,
            true,
        );
    }
}

/// Lays `page` out on `paper`.
pub fn draw(page: &Scorecard, paper: Paper) -> Drawn {
    let (w, h) = paper.size();
    let mut svg = Svg::new(w, h);
    let mut spots = Vec::new();
    let inner = w - 2.0 * MARGIN;
    let cur = page.currency.as_str();

    // Header: what, which quarter, in what state, as of when.
    svg.text(
        MARGIN,
        MARGIN + 14.0,
        style(18.0, true, INK),
        Anchor::Start,
        &format!("Revenue scorecard · {}", page.period),
    );
    svg.text(
        MARGIN,
        MARGIN + 29.0,
        style(8.5, false, MUTED),
        Anchor::Start,
        "Marketing → Sales → Customer Success: the quarter's revenue engine on one page",
    );
    let state_color = if page.published.is_some() {
        ACCENT
    } else {
        AMBER
    };
    let state = fit(&page.state(), inner * 0.45, 9.0, true);
    svg.text(
        w - MARGIN,
        MARGIN + 12.0,
        style(9.0, true, state_color),
        Anchor::End,
        &state,
    );
    svg.text(
        w - MARGIN,
        MARGIN + 25.0,
        style(8.0, false, MUTED),
        Anchor::End,
        &format!(
            "Data as of {} · definitions v{} · money in {}",
            page.footer.as_of.as_deref().unwrap_or("—"),
            page.footer.definitions_version,
            page.currency
        ),
    );
    svg.line(
        (MARGIN, MARGIN + 38.0),
        (w - MARGIN, MARGIN + 38.0),
        RULE,
        1.0,
    );

    // North Star cards.
    let mut y = MARGIN + 54.0;
    section_label(&mut svg, MARGIN, y, "NORTH STAR");
    y += 6.0;
    let n = page.north_star.len().max(1);
    let gap = 8.0;
    #[expect(clippy::cast_precision_loss, reason = "a handful of cards")]
    let cw = (inner - gap * (n as f32 - 1.0)) / n as f32;
    let restated_any = page.north_star.iter().any(|m| m.restated.is_some());
    let ch = if restated_any { 146.0 } else { 124.0 };
    for (i, m) in page.north_star.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a handful of cards")]
        let x = MARGIN + i as f32 * (cw + gap);
        card(&mut svg, m, [x, y, cw, ch], cur);
        spots.push(([x, y, cw, ch], Spot::Metric(m.key.clone())));
    }
    y += ch + 18.0;

    // Operational table on the left, leaks and pillars on the right.
    let left_w = inner * 0.62;
    let right_x = MARGIN + left_w + 18.0;
    let right_w = w - MARGIN - right_x;
    let left_end =
        super::draw_sections::operational(&mut svg, &mut spots, page, [MARGIN, y, left_w], cur);
    let mut right_y =
        super::draw_sections::leaks(&mut svg, &mut spots, page, [right_x, y, right_w], cur);
    if let Some(p) = &page.pillars {
        right_y = super::draw_sections::pillars(&mut svg, p, [right_x, right_y + 12.0, right_w]);
        spots.push(([right_x, right_y - 80.0, right_w, 80.0], Spot::Pillars));
    }

    // Actions: each section's "what we will change", then the footer that traces the page.
    let footer_lines = wrap(
        &format!("Traced: {}", page.footer.line()),
        inner,
        6.5,
        false,
        2,
    );
    let footer_top = h - MARGIN - 8.0 * footer_lines.len() as f32 + 4.0;
    let actions_top = left_end.max(right_y) + 14.0;
    let actions_h = (footer_top - 8.0 - actions_top).max(30.0);
    super::draw_sections::actions(&mut svg, page, [MARGIN, actions_top, inner, actions_h]);
    for (i, line) in footer_lines.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "two lines")]
        let ly = footer_top + 8.0 * i as f32 + 6.0;
        svg.text(MARGIN, ly, style(6.5, false, MUTED), Anchor::Start, line);
    }
    Drawn {
        svg: svg.finish(),
        width: w,
        height: h,
        spots,
    }
}

pub(super) fn section_label(svg: &mut Svg, x: f32, y: f32, text: &str) {
    svg.text(x, y, style(7.5, true, MUTED), Anchor::Start, text);
}

fn card(svg: &mut Svg, m: &MetricLine, [x, y, w, h]: [f32; 4], cur: &str) {
    svg.rect([x, y, w, h], 5.0, CARD, None);
    svg.rect([x, y, 3.5, h], 1.5, status_color(m.status), None);
    let (x0, tw) = (x + 12.0, w - 22.0);
    svg.text_fit(
        (x0, y + 17.0),
        style(8.5, true, TEXT),
        Anchor::Start,
        &m.label,
        tw,
    );
    let value = value_text(m.unit, m.value, cur);
    let size = if text_width(&value, 21.0, true) > tw {
        16.0
    } else {
        21.0
    };
    svg.text(
        x0,
        y + 44.0,
        style(size, true, INK),
        Anchor::Start,
        &fit(&value, tw, size, true),
    );
    let end = status_mark(svg, m.status, x0, y + 61.0, 8.0);
    if let Some(t) = m.target {
        let target = format!("· target {}", value_text(m.unit, Some(t), cur));
        let at = end + 3.5;
        svg.text_fit(
            (at, y + 61.0),
            style(8.0, false, MUTED),
            Anchor::Start,
            &target,
            x0 + tw - at,
        );
    }
    if m.value.is_none() {
        for (i, line) in wrap(&m.missing, tw, 7.5, false, 2).iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "two lines")]
            let ly = y + 77.0 + 10.0 * i as f32;
            svg.text(x0, ly, style(7.5, false, MUTED), Anchor::Start, line);
        }
        return;
    }
    let change = change_text(m.unit, m.value, m.previous, cur);
    let tone = match change_is_good(m.better, m.value, m.previous) {
        Some(true) => GOOD,
        Some(false) => BAD,
        None => TEXT,
    };
    let lines = [
        (77.0, style(8.0, true, tone), change),
        (
            88.0,
            style(7.5, false, MUTED),
            format!(
                "vs {}: {}",
                m.previous_period,
                value_text(m.unit, m.previous, cur)
            ),
        ),
        (
            98.0,
            style(7.5, false, MUTED),
            format!(
                "{} (last year): {}",
                m.last_year_period,
                value_text(m.unit, m.last_year, cur)
            ),
        ),
    ];
    for (dy, line_style, text) in lines {
        svg.text_fit((x0, y + dy), line_style, Anchor::Start, &text, tw);
    }
    sparkline(svg, m, [x0 + 2.0, y + 104.0, tw - 4.0, 11.0]);
    if let Some(r) = &m.restated {
        for (i, line) in wrap(r, tw, 6.5, false, 2).iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "two lines")]
            let ly = y + 128.0 + 8.0 * i as f32;
            svg.text(x0, ly, style(6.5, false, AMBER), Anchor::Start, line);
        }
    }
}
