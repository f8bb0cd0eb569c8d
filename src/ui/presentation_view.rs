//! Presentation mode: one section of the scorecard a slide, full screen, in type sized to
//! the screen (legible from the back of a room at 1920 × 1080 and at 1280 × 720), light or
//! dark, with a caption tracing every slide and the keys shown on the first.

use eframe::egui::{self, Align2, Color32, FontId, Key, Rect, pos2, vec2};

use super::slide_records::{records_over_slide, segment_of};
use super::slides::{Drawer, Palette};
use crate::leaks::WorkListColumn;
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
