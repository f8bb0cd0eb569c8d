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

const INK: &str = "#1f2937";
const TEXT: &str = "#374151";
const MUTED: &str = "#6b7280";
const FAINT: &str = "#9ca3af";
const RULE: &str = "#e5e7eb";
const CARD: &str = "#f5f7fa";
const ACCENT: &str = "#2f5fa7";
const AMBER: &str = "#a15c07";
const GOOD: &str = "#1b7f4b";
const BAD: &str = "#b42318";
const MARGIN: f32 = 30.0;

fn style(size: f32, bold: bool, color: &'static str) -> Style {
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
fn status_mark(svg: &mut Svg, s: Status, x: f32, y: f32, size: f32) -> f32 {
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
fn sparkline(svg: &mut Svg, m: &MetricLine, [x, y, w, h]: [f32; 4]) {
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
    let left_end = operational(&mut svg, &mut spots, page, [MARGIN, y, left_w], cur);
    let mut right_y = leaks(&mut svg, &mut spots, page, [right_x, y, right_w], cur);
    if let Some(p) = &page.pillars {
        right_y = pillars(&mut svg, p, [right_x, right_y + 12.0, right_w]);
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
    actions(&mut svg, page, [MARGIN, actions_top, inner, actions_h]);
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

fn section_label(svg: &mut Svg, x: f32, y: f32, text: &str) {
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

/// The operational table; returns where it ends.
fn operational(
    svg: &mut Svg,
    spots: &mut Vec<([f32; 4], Spot)>,
    page: &Scorecard,
    [x, y, w]: [f32; 3],
    cur: &str,
) -> f32 {
    section_label(svg, x, y, "OPERATIONAL");
    // Column widths as shares of the table, the metric's name first.
    let shares = [0.25, 0.11, 0.11, 0.17, 0.09, 0.07, 0.08, 0.12];
    let mut cols = Vec::new();
    let mut at = x;
    for s in shares {
        cols.push((at, s * w));
        at += s * w;
    }
    let heads = [
        "Metric",
        "This quarter",
        "Previous",
        "Change",
        "Last year",
        "Trend",
        "Target",
        "Status",
    ];
    let hy = y + 14.0;
    for (i, head) in heads.iter().enumerate() {
        let (cx, cw) = cols[i];
        let (ax, anchor) = if (1..=4).contains(&i) || i == 6 {
            (cx + cw - 4.0, Anchor::End)
        } else {
            (cx, Anchor::Start)
        };
        svg.text(
            ax,
            hy,
            style(6.8, true, MUTED),
            anchor,
            &fit(head, cw - 4.0, 6.8, true),
        );
    }
    svg.line((x, hy + 4.0), (x + w, hy + 4.0), RULE, 0.8);
    let row_h = 15.0;
    let mut ry = hy + 4.0;
    for m in &page.operational {
        let base = ry + 10.5;
        let cells = [
            m.label.clone(),
            value_text(m.unit, m.value, cur),
            value_text(m.unit, m.previous, cur),
            change_text(m.unit, m.value, m.previous, cur),
            value_text(m.unit, m.last_year, cur),
        ];
        for (i, cell) in cells.iter().enumerate() {
            let (cx, cw) = cols[i];
            let bold = i == 1;
            let color = match i {
                3 => match change_is_good(m.better, m.value, m.previous) {
                    Some(true) => GOOD,
                    Some(false) => BAD,
                    None => TEXT,
                },
                1 | 0 => INK,
                _ => TEXT,
            };
            let (ax, anchor) = if i == 0 {
                (cx, Anchor::Start)
            } else {
                (cx + cw - 4.0, Anchor::End)
            };
            svg.text(
                ax,
                base,
                style(7.5, bold, color),
                anchor,
                &fit(cell, cw - 5.0, 7.5, bold),
            );
        }
        let (tx, tw) = cols[5];
        sparkline(svg, m, [tx + 3.0, ry + 3.5, tw - 8.0, 8.0]);
        let (gx, gw) = cols[6];
        let target = m
            .target
            .map_or_else(String::new, |t| value_text(m.unit, Some(t), cur));
        svg.text_fit(
            (gx + gw - 4.0, base),
            style(7.5, false, TEXT),
            Anchor::End,
            &target,
            gw - 5.0,
        );
        let (sx, _) = cols[7];
        status_mark(svg, m.status, sx + 2.0, base, 7.0);
        spots.push(([x, ry, w, row_h], Spot::Metric(m.key.clone())));
        ry += row_h;
        svg.line((x, ry), (x + w, ry), RULE, 0.5);
        if let Some(r) = &m.restated {
            svg.text_fit(
                (cols[1].0, ry + 8.0),
                style(6.5, false, AMBER),
                Anchor::Start,
                r,
                w - cols[1].0 + x,
            );
            ry += 11.0;
        }
    }
    ry
}

/// The leaks, most revenue at stake first; returns where they end.
fn leaks(
    svg: &mut Svg,
    spots: &mut Vec<([f32; 4], Spot)>,
    page: &Scorecard,
    [x, y, w]: [f32; 3],
    cur: &str,
) -> f32 {
    section_label(svg, x, y, "LEAKS, BY REVENUE AT STAKE");
    let hy = y + 14.0;
    let (records_x, stake_x) = (x + w * 0.70, x + w);
    svg.text(x, hy, style(6.8, true, MUTED), Anchor::Start, "Leak");
    svg.text(
        records_x,
        hy,
        style(6.8, true, MUTED),
        Anchor::End,
        "Records",
    );
    svg.text(
        stake_x,
        hy,
        style(6.8, true, MUTED),
        Anchor::End,
        "At stake",
    );
    svg.line((x, hy + 4.0), (x + w, hy + 4.0), RULE, 0.8);
    let mut ry = hy + 4.0;
    if page.leaks.is_empty() {
        svg.text(
            x,
            ry + 12.0,
            style(7.5, false, MUTED),
            Anchor::Start,
            "No leaks found this quarter.",
        );
        return ry + 18.0;
    }
    for (i, l) in page.leaks.iter().enumerate() {
        let base = ry + 10.5;
        let name = format!("{}. {}", i + 1, l.label);
        svg.text_fit(
            (x, base),
            style(7.5, true, INK),
            Anchor::Start,
            &name,
            w * 0.55,
        );
        svg.text(
            records_x,
            base,
            style(7.5, false, TEXT),
            Anchor::End,
            &crate::text::count(l.count),
        );
        let stake = match l.at_stake {
            Some(s) if l.estimate => crate::text::approx_money(s, cur),
            Some(s) => crate::text::short_money(s, cur),
            None => "—".to_owned(),
        };
        svg.text(stake_x, base, style(7.5, true, INK), Anchor::End, &stake);
        spots.push(([x, ry, w, 15.0], Spot::Leak(l.key.clone())));
        ry += 15.0;
        svg.line((x, ry), (x + w, ry), RULE, 0.5);
    }
    if page.leaks_in_all > page.leaks.len() {
        let more = format!(
            "and {} more in the Handoff leaks view",
            page.leaks_in_all - page.leaks.len()
        );
        svg.text(x, ry + 9.0, style(6.5, false, MUTED), Anchor::Start, &more);
        ry += 11.0;
    }
    ry
}

/// The pillars' radar and list; returns where they end.
fn pillars(svg: &mut Svg, p: &super::page::PillarHealth, [x, y, w]: [f32; 3]) -> f32 {
    let overall = p
        .overall
        .and_then(|l| p.level_names.get(usize::from(l).saturating_sub(1)))
        .map_or_else(String::new, |n| format!(" · overall {n}"));
    section_label(
        svg,
        x,
        y,
        &format!("PILLAR HEALTH{}", overall.to_uppercase()),
    );
    let n = p.pillars.len().max(3);
    let radius = 34.0;
    let centre = (x + radius + 4.0, y + 12.0 + radius);
    #[expect(clippy::cast_precision_loss, reason = "a drawing")]
    let at = |i: usize, level: f32| {
        let angle = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::TAU / n as f32;
        (
            centre.0 + angle.cos() * radius * level / 5.0,
            centre.1 + angle.sin() * radius * level / 5.0,
        )
    };
    for level in 1..=5u8 {
        let ring: Vec<(f32, f32)> = (0..n).map(|i| at(i, f32::from(level))).collect();
        svg.polygon(
            &ring,
            "none",
            Some((if level == 5 { "#c7cdd6" } else { RULE }, 0.6)),
        );
    }
    let mut target: Vec<(f32, f32)> = (0..n).map(|i| at(i, f32::from(p.target_level))).collect();
    target.push(target[0]);
    svg.polyline(&target, MUTED, 0.9, true);
    let shape: Vec<(f32, f32)> = (0..n)
        .map(|i| {
            at(
                i,
                p.pillars
                    .get(i)
                    .and_then(|x| x.level)
                    .map_or(0.0, f32::from),
            )
        })
        .collect();
    svg.polygon(&shape, "#2f5fa733", Some((ACCENT, 1.2)));
    for i in 0..p.pillars.len() {
        let (lx, ly) = at(i, 6.2);
        svg.text(
            lx,
            ly + 2.5,
            style(6.5, true, MUTED),
            Anchor::Middle,
            &(i + 1).to_string(),
        );
    }
    let list_x = x + 2.0 * radius + 20.0;
    let list_w = x + w - list_x;
    let mut ly = y + 16.0;
    for (i, pl) in p.pillars.iter().enumerate() {
        let level = pl
            .level
            .and_then(|l| {
                p.level_names
                    .get(usize::from(l).saturating_sub(1))
                    .map(|n| format!("{l} {n}"))
            })
            .unwrap_or_else(|| "not assessed".to_owned());
        let name = fit(&format!("{}. {}", i + 1, pl.name), list_w * 0.62, 7.2, true);
        svg.text(list_x, ly, style(7.2, true, INK), Anchor::Start, &name);
        svg.text(x + w, ly, style(7.2, false, TEXT), Anchor::End, &level);
        svg.text_fit(
            (list_x + 8.0, ly + 8.0),
            style(6.3, false, MUTED),
            Anchor::Start,
            &pl.owner,
            list_w - 8.0,
        );
        ly += 17.0;
    }
    ly.max(centre.1 + radius + 10.0)
}

fn actions(svg: &mut Svg, page: &Scorecard, [x, y, w, h]: [f32; 4]) {
    svg.rect([x, y, w, h], 5.0, "#ffffff", Some("#cfd5dd"));
    section_label(svg, x + 10.0, y + 13.0, "ACTIONS: WHAT WE WILL CHANGE");
    let mut ly = y + 26.0;
    if page.comments.is_empty() {
        svg.text(
            x + 10.0,
            ly,
            style(7.5, false, FAINT),
            Anchor::Start,
            "No actions written for this quarter yet.",
        );
        return;
    }
    let label_w = 70.0;
    for (section, text) in &page.comments {
        if ly > y + h - 4.0 {
            break;
        }
        svg.text(x + 10.0, ly, style(7.5, true, INK), Anchor::Start, section);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "lines that fit"
        )]
        let room = (((y + h - ly) / 10.0).floor() as usize).max(1);
        for line in wrap(text, w - label_w - 20.0, 7.5, false, room.min(4)) {
            svg.text(
                x + 10.0 + label_w,
                ly,
                style(7.5, false, TEXT),
                Anchor::Start,
                &line,
            );
            ly += 10.0;
        }
        ly += 3.0;
    }
}
