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
use crate::view_model::presentation::{Deck, PresentKey, Shows, Slide};
use crate::view_model::screens::Placement;
use crate::view_model::sort::Sort;

/// What the deck draws: the deck, and the lists a number on it opens (the Funnel's and
/// the leaks' numbers of the deck's quarter, when worked out).
pub struct PresentationModel<'a> {
    pub deck: &'a Deck,
    pub funnel: Option<&'a FunnelResult>,
    pub leaks: Option<&'a LeaksResult>,
    pub leak_sort: Sort<WorkListColumn>,
}

/// The keys a presenter uses, shown once on the first slide. With two screens the notes
/// are already on the presenter's, so S (swap screens) takes N's place.
fn keys_hint(placement: Placement) -> String {
    let notes = match placement {
        Placement::OneScreen => "N: notes",
        Placement::TwoScreens { .. } => "S: swap screens",
    };
    format!(
        "→ or Space: next · ←: back · Home / End · click a number for its records · 1–9: a segment on the funnel · B: blank · {notes} · W: notes window · D: dark · Esc: leave"
    )
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
        } else if pressed(&[Key::S]) {
            Some(PresentKey::SwapScreens)
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

/// Draws one of the deck's windows on the whole of `ui`: the slide as the room sees it
/// (with the records of a number clicked over it), or the presenter's notes; the window
/// that has the keyboard (`keys`) reads the presenter's keys. Returns what was asked for.
pub fn deck_window_ui(
    ui: &mut egui::Ui,
    model: &PresentationModel<'_>,
    shows: Shows,
    keys: bool,
) -> Vec<Command> {
    let mut commands: Vec<Command> = Vec::new();
    if keys {
        commands.extend(key_pressed(ui).map(Command::PresentKey));
    }
    match shows {
        Shows::Slides => commands.extend(slide_ui(ui, ui.max_rect(), model, true)),
        Shows::Notes => {
            let rect = ui.max_rect();
            ui.painter().rect_filled(rect, 0.0, ui.visuals().panel_fill);
            ui.scope_builder(egui::UiBuilder::new().max_rect(rect.shrink(16.0)), |ui| {
                commands.extend(notes_ui(ui, model));
            });
        }
    }
    commands
}

/// Draws the slide shown in `rect`: for the room (`room`), as the deck shows it, blank or
/// with its notes, its keys and the records open over it; else the presenter's copy of
/// it, the slide alone. A number on either opens its records on the room's.
fn slide_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    model: &PresentationModel<'_>,
    room: bool,
) -> Vec<Command> {
    let deck = model.deck;
    let pal = Palette::of(deck.dark);
    let painter = ui.painter_at(rect);
    let mut commands = Vec::new();
    if deck.blank && room {
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
    let notes = deck.notes && room;
    let hint = deck.at == 0 && room;
    let notes_h = if notes { 150.0 * u } else { 0.0 };
    let hint_h = if hint { 44.0 * u } else { 0.0 };
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
                ui.scope_id().with(("slide_number", room, i)),
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
    if hint {
        painter.text(
            pos2(inner.center().x, body.bottom() + 12.0 * u),
            Align2::CENTER_TOP,
            keys_hint(deck.placement),
            FontId::proportional(22.0 * u),
            pal.muted,
        );
    }
    if notes {
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
    if let Some(spot) = deck.open.as_ref().filter(|_| room) {
        commands.extend(records_over_slide(ui, model, spot, rect.shrink(margin), u));
    }
    commands
}

/// The presenter's view: the slide shown and its notes in type sized to the window, what
/// comes next, and a clock since the start. With room (a laptop's screen) the slide is
/// drawn beside its notes, and a number clicked on it opens its records for the room.
fn notes_ui(ui: &mut egui::Ui, model: &PresentationModel<'_>) -> Vec<Command> {
    let deck = model.deck;
    let mut commands = Vec::new();
    // A laptop's screen read at arm's length: larger type as the window grows.
    let u = (ui.available_height() / 720.0).clamp(0.8, 1.6);
    let muted = super::theme::MUTED;
    let elapsed = deck.started.elapsed().as_secs();
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs(1));
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(format!(
                "{} · slide {} of {}",
                deck.slide().title(),
                deck.at + 1,
                deck.slides.len()
            ))
            .size(28.0 * u)
            .strong(),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(
                egui::RichText::new(format!("{}:{:02}", elapsed / 60, elapsed % 60))
                    .size(28.0 * u)
                    .color(muted),
            )
            .on_hover_text("Time since the deck started");
        });
    });
    if deck.blank {
        ui.label(
            egui::RichText::new("The room's screen is blank: B shows the slide again.")
                .size(18.0 * u)
                .color(super::theme::WARN),
        );
    }
    ui.add_space(10.0 * u);
    let notes = egui::RichText::new(
        deck.notes_text()
            .unwrap_or("No notes: write this section's comment on the scorecard."),
    )
    .size(24.0 * u);
    let area = ui.available_rect_before_wrap();
    // Room for the slide beside its notes (a laptop's screen): the presenter sees what
    // the room sees, and a number clicked on it opens its records there.
    if area.width() >= 900.0 {
        let footer_h = 90.0 * u;
        let w = (area.width() * 0.6).min((area.height() - footer_h) * 16.0 / 9.0);
        let slide = Rect::from_min_size(area.min, vec2(w, w * 9.0 / 16.0));
        commands.extend(slide_ui(ui, slide, model, false));
        ui.painter()
            .rect_stroke(slide, 0.0, (1.0, muted), egui::StrokeKind::Outside);
        let beside = Rect::from_min_max(pos2(slide.right() + 24.0 * u, area.top()), area.max);
        ui.scope_builder(egui::UiBuilder::new().max_rect(beside), |ui| {
            ui.label(notes);
        });
        let below = Rect::from_min_max(
            pos2(area.left(), slide.bottom() + 12.0 * u),
            pos2(slide.right(), area.bottom()),
        );
        ui.scope_builder(egui::UiBuilder::new().max_rect(below), |ui| {
            next_and_keys(ui, deck, u);
        });
        ui.advance_cursor_after_rect(area);
    } else {
        ui.label(notes);
        ui.add_space(16.0 * u);
        next_and_keys(ui, deck, u);
        ui.label(egui::RichText::new(deck.caption()).color(super::theme::MUTED));
    }
    commands
}

/// The notes' foot: the next slide, and with two screens the keys that move them.
fn next_and_keys(ui: &mut egui::Ui, deck: &Deck, u: f32) {
    let muted = super::theme::MUTED;
    if let Some(next) = deck.next_title() {
        ui.label(
            egui::RichText::new(format!("Next: {next}"))
                .size(20.0 * u)
                .color(muted),
        );
    }
    if let Placement::TwoScreens { .. } = deck.placement {
        ui.label(
            egui::RichText::new(
                "The room sees the slides on the other screen. S: swap screens · Esc: leave",
            )
            .color(muted),
        );
    }
}
