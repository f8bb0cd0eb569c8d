//! Presentation mode in the window: the deck started from the quarter's published page
//! (else the draft), the keys a presenter presses, the window full screen on the room's
//! screen while it is shown, and the deck's windows drawn.

use eframe::egui;

use super::CockpitApp;
use crate::ui;
use crate::view_model::command::Command;
use crate::view_model::navigation::View;
use crate::view_model::presentation::{Deck, PresentKey, Shows};
use crate::view_model::screens::Placement;

impl CockpitApp {
    /// Starts the deck when the quarter's page is there: the page last published for the
    /// quarter, so the room sees what was sent as the pre-read, else the draft.
    ///
    /// With two screens or more the slides go full screen on the room's and the notes on
    /// the presenter's: the one the window is on.
    pub(super) fn start_presenting(&mut self) {
        if !self.scorecard.present_when_ready || self.scorecard.deck.is_some() {
            return;
        }
        let Some(query) = self.scorecard_query() else {
            return;
        };
        let Some(result) = self.scorecard.result.as_ref().filter(|r| r.query == query) else {
            return;
        };
        let period = query.period.label();
        let published = result
            .published
            .iter()
            .find(|p| p.page.period == period)
            .map(|p| p.page.clone());
        let deck = match (published, &self.scorecard.page) {
            (Some(page), _) => Deck::new(page, false),
            (None, Some(page)) => Deck::new(page.clone(), true),
            (None, None) => return,
        };
        let placement =
            crate::view_model::screens::place(&self.screens.now(), self.window_on_desktop);
        self.scorecard.present_when_ready = false;
        self.scorecard.deck = Some(deck.placed(placement));
        // The records a number opens are the Funnel's and the leaks' lists of the same
        // count as the page: cohorts, every record.
        self.funnel.mode = crate::metrics::FunnelMode::Cohort;
        self.funnel.filter = crate::metrics::Filter::all();
        self.funnel.breakdown_by = crate::metrics::Dimension::Segment;
    }

    /// Applies a key pressed on a slide; Esc leaves for the Scorecard view.
    pub(super) fn present_key(&mut self, key: PresentKey) {
        let Some(deck) = self.scorecard.deck.as_mut() else {
            return;
        };
        if deck.press(key) {
            self.scorecard.deck = None;
            self.persisted.last_view = View::Scorecard;
        }
    }

    /// The deck shown, if presenting.
    pub fn deck(&self) -> Option<&Deck> {
        self.scorecard.deck.as_ref()
    }

    /// Asks the window system for the deck's screens as it starts, and out of full
    /// screen as it ends.
    pub(super) fn place_window(&mut self, ctx: &egui::Context) {
        let placement = self.scorecard.deck.as_ref().map(|d| d.placement);
        if placement == self.scorecard.full_screen {
            return;
        }
        ctx.send_viewport_cmd(match placement {
            None => egui::ViewportCommand::Fullscreen(false),
            Some(Placement::OneScreen) => egui::ViewportCommand::Fullscreen(true),
            Some(Placement::TwoScreens { slides, .. }) => egui::ViewportCommand::SetMonitor(slides),
        });
        self.scorecard.full_screen = placement;
    }

    /// Draws the deck: the main window, and the second one when open (the notes, or the
    /// slides when swapped); what the presenter asked for.
    pub(super) fn deck_ui(&self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(deck) = &self.scorecard.deck else {
            return commands;
        };
        let period = self.scorecard_query().map(|q| q.period);
        let model = ui::presentation_view::PresentationModel {
            deck,
            funnel: self
                .funnel_result()
                .filter(|r| Some(r.query.period) == period),
            leaks: self
                .leaks_result()
                .filter(|r| Some(r.query.period) == period),
            leak_sort: self.leaks.sort,
        };
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let shows = deck.main_window();
            commands.extend(ui::presentation_view::deck_window_ui(
                ui, &model, shows, true,
            ));
        });
        let Some(shows) = deck.second_window() else {
            return commands;
        };
        let title = match shows {
            Shows::Notes => "Speaker notes · RevOps Cockpit",
            Shows::Slides => "Slides · RevOps Cockpit",
        };
        let builder = egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size([640.0, 420.0]);
        let builder = match deck.placement {
            Placement::TwoScreens { notes, .. } => builder.with_monitor(notes),
            Placement::OneScreen => builder,
        };
        commands.extend(ui.ctx().show_viewport_immediate(
            egui::ViewportId::from_hash_of("speaker_notes"),
            builder,
            |ui, class| {
                // Embedded in the main window (a test's), the keys are the main
                // window's already.
                let keys = class != egui::ViewportClass::EmbeddedWindow;
                let mut out = Vec::new();
                if ui.input(|i| i.viewport().close_requested()) {
                    out.push(Command::PresentKey(PresentKey::NotesWindow));
                }
                egui::CentralPanel::no_frame().show(ui, |ui| {
                    out.extend(ui::presentation_view::deck_window_ui(
                        ui, &model, shows, keys,
                    ));
                });
                out
            },
        ));
        commands
    }
}
