//! The slides' parts drawn at the screen's scale: North Star cards, the operational
//! table, a segment's funnel, the leaks, the pillars and the actions; each number's place
//! kept so a click opens its records.

use eframe::egui::{self, Align2, Color32, FontId, Pos2, Rect, pos2, vec2};

use crate::scorecard::draw::Spot;
use crate::scorecard::page::{MetricLine, change_text, value_text};
use crate::scorecard::{Scorecard, Status};

/// The colours of a slide.
pub(super) struct Palette {
    pub(super) bg: Color32,
    pub(super) ink: Color32,
    pub(super) muted: Color32,
    pub(super) good: Color32,
    pub(super) warn: Color32,
    pub(super) bad: Color32,
    pub(super) accent: Color32,
}

impl Palette {
    pub(super) fn of(dark: bool) -> Self {
        if dark {
            Self {
                bg: Color32::from_rgb(0x11, 0x18, 0x27),
                ink: Color32::from_rgb(0xf3, 0xf4, 0xf6),
                muted: Color32::from_rgb(0x9c, 0xa3, 0xaf),
                good: Color32::from_rgb(0x4a, 0xde, 0x80),
                warn: Color32::from_rgb(0xfb, 0xbf, 0x24),
                bad: Color32::from_rgb(0xf8, 0x71, 0x71),
                accent: Color32::from_rgb(0x93, 0xc5, 0xfd),
            }
        } else {
            Self {
                bg: Color32::WHITE,
                ink: Color32::from_rgb(0x1f, 0x29, 0x37),
                muted: Color32::from_rgb(0x6b, 0x72, 0x80),
                good: Color32::from_rgb(0x1b, 0x7f, 0x4b),
                warn: Color32::from_rgb(0xa1, 0x5c, 0x07),
                bad: Color32::from_rgb(0xb4, 0x23, 0x18),
                accent: Color32::from_rgb(0x2f, 0x5f, 0xa7),
            }
        }
    }

    pub(super) fn status(&self, s: Status) -> Color32 {
        match s {
            Status::OnTrack => self.good,
            Status::AtRisk => self.warn,
            Status::OffTrack => self.bad,
            Status::NoTarget | Status::NoData => self.muted,
        }
    }
}

/// Draws a slide's parts at the screen's scale.
pub(super) struct Drawer<'a> {
    pub(super) painter: &'a egui::Painter,
    pub(super) pal: &'a Palette,
    pub(super) u: f32,
    pub(super) cur: &'a str,
    /// Where each number was drawn, to open its records when clicked.
    pub(super) spots: std::cell::RefCell<Vec<(Rect, Spot, String)>>,
}

impl Drawer<'_> {
    /// Makes `rect` open the records behind `spot`, named `name` for screen readers.
    fn spot(&self, rect: Rect, spot: Spot, name: &str) {
        self.spots
            .borrow_mut()
            .push((rect, spot, format!("Open the records behind {name}")));
    }

    pub(super) fn text(
        &self,
        at: Pos2,
        align: Align2,
        text: impl ToString,
        size: f32,
        color: Color32,
    ) -> Rect {
        self.painter.text(
            at,
            align,
            text.to_string(),
            FontId::proportional(size * self.u),
            color,
        )
    }

    /// `text` broken into lines within `rect`.
    pub(super) fn wrapped(&self, rect: Rect, text: &str, size: f32, color: Color32) {
        let galley = self.painter.layout(
            text.to_owned(),
            FontId::proportional(size * self.u),
            color,
            rect.width(),
        );
        self.painter.galley(rect.left_top(), galley, color);
    }

    fn status(&self, at: Pos2, m: &MetricLine, size: f32) -> Rect {
        self.text(
            at,
            Align2::LEFT_TOP,
            format!("{} {}", m.status.symbol(), m.status.word()),
            size,
            self.pal.status(m.status),
        )
    }

    /// The North Stars as large cards: two rows when there are more than three.
    pub(super) fn cards(&self, body: Rect, metrics: &[MetricLine]) {
        let per_row = if metrics.len() > 3 {
            3
        } else {
            metrics.len().max(1)
        };
        let rows = metrics.len().div_ceil(per_row).max(1);
        let gap = 28.0 * self.u;
        #[expect(clippy::cast_precision_loss, reason = "a handful of cards")]
        let (w, h) = (
            (body.width() - gap * (per_row as f32 - 1.0)) / per_row as f32,
            (body.height() - gap * (rows as f32 - 1.0)) / rows as f32,
        );
        for (i, m) in metrics.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "a handful of cards")]
            let at = body.left_top()
                + vec2(
                    (i % per_row) as f32 * (w + gap),
                    (i / per_row) as f32 * (h + gap),
                );
            let card = Rect::from_min_size(at, vec2(w, h));
            self.spot(card, Spot::Metric(m.key.clone()), &m.label);
            self.painter
                .rect_filled(card, 12.0 * self.u, self.pal.muted.gamma_multiply(0.08));
            self.painter.rect_filled(
                Rect::from_min_size(card.left_top(), vec2(8.0 * self.u, h)),
                4.0,
                self.pal.status(m.status),
            );
            let x = card.left() + 32.0 * self.u;
            let mut y = card.top() + 24.0 * self.u;
            y = self
                .text(pos2(x, y), Align2::LEFT_TOP, &m.label, 34.0, self.pal.muted)
                .bottom();
            y = self
                .text(
                    pos2(x, y + 8.0 * self.u),
                    Align2::LEFT_TOP,
                    value_text(m.unit, m.value, self.cur),
                    84.0,
                    self.pal.ink,
                )
                .bottom();
            y = self.status(pos2(x, y + 8.0 * self.u), m, 30.0).bottom();
            let target = m.target.map_or_else(
                || "no target".to_owned(),
                |t| format!("target {}", value_text(m.unit, Some(t), self.cur)),
            );
            let text_w = card.right() - x - 16.0 * self.u;
            let lines = format!(
                "{target}\n{} vs {}",
                change_text(m.unit, m.value, m.previous, self.cur),
                m.previous_period
            );
            self.wrapped(
                Rect::from_min_size(pos2(x, y + 10.0 * self.u), vec2(text_w, h)),
                &lines,
                26.0,
                self.pal.muted,
            );
        }
    }

    /// The operational metrics, one large row each.
    pub(super) fn table(&self, body: Rect, metrics: &[MetricLine]) {
        #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
        let row_h = (body.height() / metrics.len().max(1) as f32).min(76.0 * self.u);
        let size = (row_h / self.u * 0.45).min(34.0);
        for (i, m) in metrics.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
            let y = body.top() + i as f32 * row_h;
            let x = body.left();
            let w = body.width();
            self.spot(
                Rect::from_min_size(pos2(x, y), vec2(w, row_h)),
                Spot::Metric(m.key.clone()),
                &m.label,
            );
            self.text(pos2(x, y), Align2::LEFT_TOP, &m.label, size, self.pal.ink);
            self.text(
                pos2(x + w * 0.52, y),
                Align2::RIGHT_TOP,
                value_text(m.unit, m.value, self.cur),
                size,
                self.pal.ink,
            );
            self.text(
                pos2(x + w * 0.74, y),
                Align2::RIGHT_TOP,
                change_text(m.unit, m.value, m.previous, self.cur),
                size * 0.85,
                self.pal.muted,
            );
            self.status(pos2(x + w * 0.78, y), m, size * 0.85);
        }
    }

    /// The funnel of one segment, as the Funnel view counts it now.
    pub(super) fn segment(&self, body: Rect, row: &crate::metrics::breakdown::BreakdownRow) {
        let heading = self.text(
            body.left_top(),
            Align2::LEFT_TOP,
            format!(
                "Segment: {} (as counted now; 0 for every record)",
                row.value
            ),
            30.0,
            self.pal.accent,
        );
        let Some(f) = &row.funnel else {
            return;
        };
        let mut y = heading.bottom() + 24.0 * self.u;
        let pct = |x: Option<f64>| crate::text::percent(x);
        for pair in f.stages.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            self.text(
                pos2(body.left(), y),
                Align2::LEFT_TOP,
                format!("{} → {}", a.name, b.name),
                34.0,
                self.pal.ink,
            );
            self.text(
                pos2(body.left() + body.width() * 0.52, y),
                Align2::RIGHT_TOP,
                pct(a.conversion_to_next),
                34.0,
                self.pal.ink,
            );
            self.text(
                pos2(body.left() + body.width() * 0.56, y),
                Align2::LEFT_TOP,
                format!(
                    "{} of {}",
                    crate::text::count(b.count),
                    crate::text::count(a.count)
                ),
                28.0,
                self.pal.muted,
            );
            y += 62.0 * self.u;
        }
        self.text(
            pos2(body.left(), y),
            Align2::LEFT_TOP,
            format!("Win rate {}", pct(row.deals.win_rate)),
            34.0,
            self.pal.ink,
        );
    }

    pub(super) fn leaks(&self, body: Rect, page: &Scorecard) {
        if page.leaks.is_empty() {
            self.text(
                body.left_top(),
                Align2::LEFT_TOP,
                "No leaks found this quarter.",
                40.0,
                self.pal.muted,
            );
            return;
        }
        #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
        let row_h = (body.height() / page.leaks.len() as f32).min(110.0 * self.u);
        for (i, l) in page.leaks.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
            let y = body.top() + i as f32 * row_h;
            let stake = match l.at_stake {
                Some(s) if l.estimate => crate::text::approx_money(s, &page.currency),
                Some(s) => crate::text::short_money(s, &page.currency),
                None => "—".to_owned(),
            };
            self.spot(
                Rect::from_min_size(pos2(body.left(), y), vec2(body.width(), row_h)),
                Spot::Leak(l.key.clone()),
                &l.label,
            );
            self.text(
                pos2(body.left(), y),
                Align2::LEFT_TOP,
                format!("{}. {}", i + 1, l.label),
                40.0,
                self.pal.ink,
            );
            self.text(
                pos2(body.right(), y),
                Align2::RIGHT_TOP,
                stake,
                44.0,
                self.pal.accent,
            );
            self.text(
                pos2(body.left() + 48.0 * self.u, y + 50.0 * self.u),
                Align2::LEFT_TOP,
                format!("{} records · {}", crate::text::count(l.count), l.handoff),
                26.0,
                self.pal.muted,
            );
        }
    }

    pub(super) fn pillars(&self, body: Rect, page: &Scorecard) {
        let Some(p) = &page.pillars else {
            return;
        };
        let target = p
            .level_names
            .get(usize::from(p.target_level).saturating_sub(1))
            .map_or_else(String::new, |n| format!(" ({n})"));
        self.text(
            pos2(
                body.left() + body.width() * 0.42,
                body.top() - 34.0 * self.u,
            ),
            Align2::LEFT_TOP,
            format!(
                "The line marks the target level, {}{target}",
                p.target_level
            ),
            24.0,
            self.pal.muted,
        );
        #[expect(clippy::cast_precision_loss, reason = "a handful of pillars")]
        let row_h = (body.height() / p.pillars.len().max(1) as f32).min(100.0 * self.u);
        let bar_x = body.left() + body.width() * 0.42;
        let bar_w = body.width() * 0.4;
        for (i, pl) in p.pillars.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "a handful of pillars")]
            let y = body.top() + i as f32 * row_h;
            self.text(
                pos2(body.left(), y),
                Align2::LEFT_TOP,
                &pl.name,
                36.0,
                self.pal.ink,
            );
            self.text(
                pos2(body.left(), y + 44.0 * self.u),
                Align2::LEFT_TOP,
                &pl.owner,
                24.0,
                self.pal.muted,
            );
            let level = pl.level.unwrap_or(0);
            let track =
                Rect::from_min_size(pos2(bar_x, y + 10.0 * self.u), vec2(bar_w, 30.0 * self.u));
            self.painter
                .rect_filled(track, 6.0, self.pal.muted.gamma_multiply(0.15));
            let filled = Rect::from_min_size(
                track.left_top(),
                vec2(bar_w * f32::from(level) / 5.0, track.height()),
            );
            self.painter.rect_filled(filled, 6.0, self.pal.accent);
            let tx = bar_x + bar_w * f32::from(p.target_level) / 5.0;
            self.painter.line_segment(
                [
                    pos2(tx, track.top() - 8.0 * self.u),
                    pos2(tx, track.bottom() + 8.0 * self.u),
                ],
                egui::Stroke::new(3.0 * self.u, self.pal.ink),
            );
            let name = pl
                .level
                .and_then(|l| p.level_names.get(usize::from(l).saturating_sub(1)))
                .map_or_else(|| "not assessed".to_owned(), |n| format!("{level} {n}"));
            self.text(
                pos2(body.right(), y + 6.0 * self.u),
                Align2::RIGHT_TOP,
                name,
                32.0,
                self.pal.ink,
            );
        }
    }

    pub(super) fn actions(&self, body: Rect, page: &Scorecard) {
        if page.comments.is_empty() {
            self.text(
                body.left_top(),
                Align2::LEFT_TOP,
                "No actions written for this quarter yet.",
                40.0,
                self.pal.muted,
            );
            return;
        }
        let mut y = body.top();
        for (section, text) in &page.comments {
            let head = self.text(
                pos2(body.left(), y),
                Align2::LEFT_TOP,
                section,
                30.0,
                self.pal.muted,
            );
            let galley = self.painter.layout(
                text.clone(),
                FontId::proportional(40.0 * self.u),
                self.pal.ink,
                body.width(),
            );
            let h = galley.size().y;
            self.painter.galley(
                pos2(body.left(), head.bottom() + 6.0 * self.u),
                galley,
                self.pal.ink,
            );
            y = head.bottom() + h + 36.0 * self.u;
        }
    }
}
