//! Presentation mode in the window: the deck started from the quarter's published page
//! (else the draft), the keys a presenter presses, and the window full screen while it
//! is shown.

use super::CockpitApp;
use crate::view_model::navigation::View;
use crate::view_model::presentation::{Deck, PresentKey};

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
}
