//! Presentation mode: one section of the scorecard a slide, full screen, in type sized to
//! the screen (legible from the back of a room at 1920 × 1080 and at 1280 × 720), light or
//! dark, with a caption tracing every slide and the keys shown on the first.

use eframe::egui::{self, Align2, Color32, FontId, Key, Pos2, Rect, pos2, vec2};

use crate::leaks::{LeakKind, WorkListColumn};
use crate::scorecard::draw::Spot;
use crate::scorecard::page::{MetricLine, change_text, value_text};
use crate::scorecard::{Scorecard, Status};
use crate::view_model::command::Command;
use crate::view_model::funnel::FunnelResult;
use crate::view_model::leaks::LeaksResult;
use crate::view_model::presentation::{Deck, PresentKey, Slide};
use crate::view_model::sort::Sort;

/// What the deck draws: the deck, and the lists a number on it opens (the Funnel's and
/// the leaks' numbers of the deck's quarter, when worked out).
pub struct PresentationModel<'a> {
    pub deck: &'a Deck,
    pub funnel: Option<&'a FunnelResult>,
    pub leaks: Option<&'a LeaksResult>,
    pub leak_sort: Sort<WorkListColumn>,
}

/// The keys a presenter uses, shown once on the first slide.
pub const KEYS_HINT: &str = "→ or Space: next · ←: back · Home / End · click a number for its records · 1–9: a segment on the funnel · B: blank · N: notes · W: notes window · D: dark · Esc: leave";

/// The colours of a slide.
struct Palette {
    bg: Color32,
    ink: Color32,
    muted: Color32,
    good: Color32,
    warn: Color32,
    bad: Color32,
    accent: Color32,
}

impl Palette {
    fn of(dark: bool) -> Self {
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

    fn status(&self, s: Status) -> Color32 {
        match s {
            Status::OnTrack => self.good,
            Status::AtRisk => self.warn,
            Status::OffTrack => self.bad,
            Status::NoTarget | Status::NoData => self.muted,
        }
    }
}

/// The key pressed this frame, as the deck reads it.
fn key_pressed(ui: &egui::Ui) -> Option<PresentKey> {
    ui.input(|i| {
        let pressed = |keys: &[Key]| keys.iter().any(|k| i.key_pressed(*k));
        if pressed(&[Key::ArrowRight, Key::ArrowDown, Key::Space, Key::PageDown]) {
            Some(PresentKey::Next)
        } else if pressed(&[Key::ArrowLeft, Key::ArrowUp, Key::PageUp]) {
            Some(PresentKey::Previous)
        } else if pressed(&[Key::Home]) {
            Some(PresentKey::First)
        } else if pressed(&[Key::End]) {
            Some(PresentKey::Last)
        } else if pressed(&[Key::Escape]) {
            Some(PresentKey::Leave)
        } else if pressed(&[Key::B]) {
            Some(PresentKey::Blank)
        } else if pressed(&[Key::N]) {
            Some(PresentKey::Notes)
        } else if pressed(&[Key::W]) {
            Some(PresentKey::NotesWindow)
        } else if pressed(&[Key::D]) {
            Some(PresentKey::Theme)
        } else {
            const DIGITS: [Key; 10] = [
                Key::Num0,
                Key::Num1,
                Key::Num2,
                Key::Num3,
                Key::Num4,
                Key::Num5,
                Key::Num6,
                Key::Num7,
                Key::Num8,
                Key::Num9,
            ];
            DIGITS
                .iter()
                .position(|k| i.key_pressed(*k))
                .and_then(|n| u8::try_from(n).ok())
                .map(PresentKey::Segment)
        }
    })
}

/// Draws the deck's slide on the whole of `ui`, and the records of a number clicked over
/// it; returns what the presenter asked for.
pub fn presentation_ui(ui: &mut egui::Ui, model: &PresentationModel<'_>) -> Vec<Command> {
    let deck = model.deck;
    let rect = ui.max_rect();
    let pal = Palette::of(deck.dark);
    let painter = ui.painter_at(rect);
    let mut commands: Vec<Command> = key_pressed(ui)
        .map(Command::PresentKey)
        .into_iter()
        .collect();
    if deck.blank {
        painter.rect_filled(rect, 0.0, Color32::BLACK);
        return commands;
    }
    painter.rect_filled(rect, 0.0, pal.bg);
    // One unit is a pixel of a 1080-line screen: the type scales with the screen.
    let u = (rect.height() / 1080.0).min(rect.width() / 1920.0).max(0.4);
    let margin = 72.0 * u;
    let inner = rect.shrink(margin);
    let title = format!("{} · {}", deck.slide().title(), deck.page.period);
    painter.text(
        inner.left_top(),
        Align2::LEFT_TOP,
        title,
        FontId::proportional(60.0 * u),
        pal.ink,
    );
    if deck.draft {
        painter.text(
            inner.right_top(),
            Align2::RIGHT_TOP,
            "DRAFT",
            FontId::proportional(34.0 * u),
            pal.warn,
        );
    }
    let notes_h = if deck.notes { 150.0 * u } else { 0.0 };
    let hint_h = if deck.at == 0 { 44.0 * u } else { 0.0 };
    let body = Rect::from_min_max(
        inner.left_top() + vec2(0.0, 110.0 * u),
        inner.right_bottom() - vec2(0.0, 60.0 * u + notes_h + hint_h),
    );
    let page = &deck.page;
    let s = Drawer {
        painter: &painter,
        pal: &pal,
        u,
        cur: &page.currency,
        spots: std::cell::RefCell::new(Vec::new()),
    };
    match deck.slide() {
        Slide::NorthStars => s.cards(body, &page.north_star),
        Slide::Funnel => match segment_of(model) {
            Some(row) => s.segment(body, row),
            None => s.table(body, &page.operational),
        },
        Slide::Leaks => s.leaks(body, page),
        Slide::Pillars => s.pillars(body, page),
        Slide::Actions => s.actions(body, page),
    }
    if deck.open.is_none() {
        for (i, (rect, spot, name)) in s.spots.take().into_iter().enumerate() {
            let response = ui.interact(
                rect,
                ui.scope_id().with(("slide_number", i)),
                egui::Sense::click(),
            );
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &name)
            });
            if response.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
            if response.clicked() {
                commands.push(Command::PresentOpen(spot));
            }
        }
    }
    if deck.at == 0 {
        painter.text(
            pos2(inner.center().x, body.bottom() + 12.0 * u),
            Align2::CENTER_TOP,
            KEYS_HINT,
            FontId::proportional(22.0 * u),
            pal.muted,
        );
    }
    if deck.notes {
        let notes = Rect::from_min_max(
            pos2(inner.left(), inner.bottom() - 50.0 * u - notes_h),
            pos2(inner.right(), inner.bottom() - 50.0 * u),
        );
        painter.rect_filled(notes, 8.0 * u, pal.muted.gamma_multiply(0.15));
        let text = deck
            .notes_text()
            .unwrap_or("No notes: write this section's comment on the scorecard.");
        s.wrapped(
            notes.shrink(16.0 * u),
            &format!("Notes: {text}"),
            28.0,
            pal.ink,
        );
    }
    painter.text(
        inner.left_bottom(),
        Align2::LEFT_BOTTOM,
        deck.caption(),
        FontId::proportional(22.0 * u),
        pal.muted,
    );
    painter.text(
        inner.right_bottom(),
        Align2::RIGHT_BOTTOM,
        format!("{} / {}", deck.at + 1, deck.slides.len()),
        FontId::proportional(22.0 * u),
        pal.muted,
    );
    if let Some(spot) = &deck.open {
        commands.extend(records_over_slide(ui, model, spot, rect.shrink(margin)));
    }
    commands
}

/// The Funnel's breakdown row of the segment picked with a number key.
fn segment_of<'a>(
    model: &PresentationModel<'a>,
) -> Option<&'a crate::metrics::breakdown::BreakdownRow> {
    let i = model.deck.segment?;
    let funnel = model.funnel?;
    funnel.breakdown.get(i).filter(|r| r.funnel.is_some())
}

/// The records behind `spot`, over the slide: the same lists as the Funnel and Handoff
/// leaks views, sortable; their Close (and Esc) close them.
fn records_over_slide(
    ui: &mut egui::Ui,
    model: &PresentationModel<'_>,
    spot: &Spot,
    area: Rect,
) -> Vec<Command> {
    let mut out = Vec::new();
    egui::Area::new(ui.scope_id().with("slide_records"))
        .fixed_pos(area.left_top())
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(16.0)
                .show(ui, |ui| {
                    ui.set_width(area.width() - 32.0);
                    ui.set_max_height(area.height() - 32.0);
                    ui.horizontal(|ui| {
                        ui.label(
                            egui::RichText::new("Esc closes the records")
                                .color(super::theme::MUTED),
                        );
                        if ui.button("Close").clicked() {
                            out.push(Command::PresentKey(PresentKey::Leave));
                        }
                    });
                    let listed = match spot {
                        Spot::Leak(key) => leak_records(ui, model, key),
                        Spot::Metric(key) => metric_records(ui, model, key),
                        Spot::Pillars => None,
                    };
                    match listed {
                        Some(commands) => out.extend(commands.into_iter().map(|c| match c {
                            // The lists' own Close closes them over the slide.
                            Command::SelectFunnelStage(None) | Command::SelectFunnelDeals(None) => {
                                Command::PresentKey(PresentKey::Leave)
                            }
                            other => other,
                        })),
                        None => {
                            ui.label("Reading the records behind this number…");
                        }
                    }
                });
        });
    out
}

fn leak_records(
    ui: &mut egui::Ui,
    model: &PresentationModel<'_>,
    key: &str,
) -> Option<Vec<Command>> {
    let kind = LeakKind::ALL.iter().find(|k| k.key() == key)?;
    leak_list(ui, model, *kind)
}

fn leak_list(
    ui: &mut egui::Ui,
    model: &PresentationModel<'_>,
    kind: LeakKind,
) -> Option<Vec<Command>> {
    let leaks = model.leaks.filter(|r| r.lists_ready)?;
    let rows = leaks.lists.get(&kind)?;
    ui.label(egui::RichText::new(format!("{}: the {} records", kind.label(), rows.len())).strong());
    Some(super::leaks_view::records_ui(
        ui,
        rows,
        model.leak_sort,
        &leaks.report.reporting_currency,
        kind.is_estimate(),
    ))
}

fn metric_records(
    ui: &mut egui::Ui,
    model: &PresentationModel<'_>,
    key: &str,
) -> Option<Vec<Command>> {
    use crate::view_model::funnel::DealList;
    if let Some(handoff) = crate::scorecard::catalogue::sla_handoff(key) {
        // A handoff's SLA: its leak that flagged the most records.
        let leaks = model.leaks?;
        let kind = leaks
            .report
            .leaks
            .iter()
            .filter(|l| l.kind.handoff() == handoff)
            .max_by_key(|l| l.count)?
            .kind;
        return leak_list(ui, model, kind);
    }
    let funnel = model.funnel?;
    let list = match key {
        "win_rate" => Some(DealList::Closed),
        "new_arr_won" | "deals_won" | "median_cycle" => Some(DealList::Won),
        "velocity" => Some(DealList::Open),
        "pipeline_coverage" => Some(DealList::Due),
        _ => None,
    };
    if let Some(list) = list {
        return Some(super::funnel_deals_view::deal_list_ui(ui, funnel, list));
    }
    let stage = key
        .strip_prefix("conversion:")
        .or_else(|| key.strip_prefix("stage:"))
        .and_then(|s| funnel.funnel.stages.iter().position(|x| x.key == s))?;
    Some(super::funnel_view::records_ui(ui, funnel, stage))
}

/// Draws a slide's parts at the screen's scale.
struct Drawer<'a> {
    painter: &'a egui::Painter,
    pal: &'a Palette,
    u: f32,
    cur: &'a str,
    /// Where each number was drawn, to open its records when clicked.
    spots: std::cell::RefCell<Vec<(Rect, Spot, String)>>,
}

impl Drawer<'_> {
    /// Makes `rect` open the records behind `spot`, named `name` for screen readers.
    fn spot(&self, rect: Rect, spot: Spot, name: &str) {
        self.spots
            .borrow_mut()
            .push((rect, spot, format!("Open the records behind {name}")));
    }

    fn text(
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
    fn wrapped(&self, rect: Rect, text: &str, size: f32, color: Color32) {
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
    fn cards(&self, body: Rect, metrics: &[MetricLine]) {
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
    fn table(&self, body: Rect, metrics: &[MetricLine]) {
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
    fn segment(&self, body: Rect, row: &crate::metrics::breakdown::BreakdownRow) {
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

    fn leaks(&self, body: Rect, page: &Scorecard) {
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

    fn pillars(&self, body: Rect, page: &Scorecard) {
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

    fn actions(&self, body: Rect, page: &Scorecard) {
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

/// The speaker notes in a window of their own (for the presenter's screen): the slide's
/// notes, what comes next; in a native window of its own (`own_window`), the same keys as
/// the deck, and closing it closes the notes.
pub fn notes_window_ui(ui: &mut egui::Ui, deck: &Deck, own_window: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    if own_window {
        commands.extend(key_pressed(ui).map(Command::PresentKey));
        if ui.input(|i| i.viewport().close_requested()) {
            commands.push(Command::PresentKey(PresentKey::NotesWindow));
        }
    }
    ui.heading(format!(
        "{} · slide {} of {}",
        deck.slide().title(),
        deck.at + 1,
        deck.slides.len()
    ));
    ui.add_space(8.0);
    ui.label(
        egui::RichText::new(
            deck.notes_text()
                .unwrap_or("No notes: write this section's comment on the scorecard."),
        )
        .size(22.0),
    );
    ui.add_space(12.0);
    if let Some(next) = deck.next_title() {
        ui.label(egui::RichText::new(format!("Next: {next}")).color(super::theme::MUTED));
    }
    ui.label(egui::RichText::new(deck.caption()).color(super::theme::MUTED));
    commands
}
