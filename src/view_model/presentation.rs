//! Presentation mode: the scorecard as a deck for the review meeting, one section a
//! slide, from the page published for the quarter when there is one (what the room got
//! as the pre-read) or the current numbers marked as a draft.

use std::sync::Arc;
use std::time::Instant;

use super::screens::Placement;
use crate::scorecard::Scorecard;
use crate::scorecard::draw::Spot;

/// One slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    NorthStars,
    Funnel,
    Leaks,
    Pillars,
    Actions,
}

impl Slide {
    /// The slide's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::NorthStars => "North Star",
            Self::Funnel => "Funnel and handoffs",
            Self::Leaks => "Where revenue leaks",
            Self::Pillars => "Pillar health",
            Self::Actions => "What we will change",
        }
    }

    /// The page section whose comment is this slide's speaker notes.
    pub fn section(self) -> &'static str {
        match self {
            Self::NorthStars => "North Star",
            Self::Funnel => "Operational",
            Self::Leaks => "Leaks",
            Self::Pillars => "Pillar health",
            Self::Actions => "Actions",
        }
    }
}

/// What one of the deck's windows shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shows {
    /// The slide, as the room sees it.
    Slides,
    /// The presenter's view: the slide, its notes, what comes next and a clock.
    Notes,
}

/// What a key on a slide asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentKey {
    Next,
    Previous,
    First,
    Last,
    /// Blank the screen, or show the slide again.
    Blank,
    /// Show or hide the speaker notes.
    Notes,
    /// Open or close the speaker notes in a window of their own, for the presenter's
    /// screen while the deck is on the room's.
    NotesWindow,
    /// Switch between the light and the dark slides.
    Theme,
    /// With two screens: the slides and the notes change windows, so change screens.
    SwapScreens,
    /// On the funnel slide: the segment of this number (1 to 9), or every record (0).
    Segment(u8),
    /// Close the records open over the slide, else leave the deck.
    Leave,
}

/// The deck being shown.
#[derive(Debug, Clone)]
pub struct Deck {
    pub page: Arc<Scorecard>,
    /// Not published: every slide says "draft".
    pub draft: bool,
    pub slides: Vec<Slide>,
    /// The slide shown, by index.
    pub at: usize,
    pub blank: bool,
    pub notes: bool,
    /// The speaker notes in a window of their own.
    pub notes_window: bool,
    pub dark: bool,
    /// The number whose records are open over the slide.
    pub open: Option<Spot>,
    /// The funnel slide's segment, by its place in the Funnel's breakdown (from 0).
    pub segment: Option<usize>,
    /// The screens the deck's two windows are on, when there are two.
    pub placement: Placement,
    /// The second window shows the slides and the main one the notes: the guess of
    /// which screen the room sees was wrong.
    pub swapped: bool,
    /// When the deck started, for the presenter's clock.
    pub started: Instant,
}

impl Deck {
    /// The deck of `page`: a slide for each section it has.
    pub fn new(page: Arc<Scorecard>, draft: bool) -> Self {
        let mut slides = vec![Slide::NorthStars, Slide::Funnel, Slide::Leaks];
        if page.pillars.is_some() {
            slides.push(Slide::Pillars);
        }
        slides.push(Slide::Actions);
        Self {
            page,
            draft,
            slides,
            at: 0,
            blank: false,
            notes: false,
            notes_window: false,
            dark: false,
            open: None,
            segment: None,
            placement: Placement::OneScreen,
            swapped: false,
            started: Instant::now(),
        }
    }

    /// The deck shown as `placement` says: with two screens the notes open on the
    /// presenter's at once, as the slides go to the room's.
    pub fn placed(mut self, placement: Placement) -> Self {
        self.placement = placement;
        self.notes_window = matches!(placement, Placement::TwoScreens { .. });
        self
    }

    /// The slide shown.
    pub fn slide(&self) -> Slide {
        self.slides
            .get(self.at)
            .copied()
            .unwrap_or(Slide::NorthStars)
    }

    /// Applies `key`; whether the deck is left.
    pub fn press(&mut self, key: PresentKey) -> bool {
        let last = self.slides.len().saturating_sub(1);
        match key {
            PresentKey::Next => self.at = (self.at + 1).min(last),
            PresentKey::Previous => self.at = self.at.saturating_sub(1),
            PresentKey::First => self.at = 0,
            PresentKey::Last => self.at = last,
            PresentKey::Blank => self.blank = !self.blank,
            PresentKey::Notes => self.notes = !self.notes,
            PresentKey::NotesWindow => {
                self.notes_window = !self.notes_window;
                // The main window shows the slides again when the other one closes.
                self.swapped &= self.notes_window;
            }
            PresentKey::Theme => self.dark = !self.dark,
            PresentKey::SwapScreens => {
                self.swapped = !self.swapped
                    && self.notes_window
                    && matches!(self.placement, Placement::TwoScreens { .. });
            }
            PresentKey::Segment(0) => self.segment = None,
            PresentKey::Segment(n) => self.segment = Some(usize::from(n) - 1),
            PresentKey::Leave if self.open.is_some() => self.open = None,
            PresentKey::Leave => return true,
        }
        // Moving shows the slide again.
        if matches!(
            key,
            PresentKey::Next | PresentKey::Previous | PresentKey::First | PresentKey::Last
        ) {
            self.blank = false;
        }
        false
    }

    /// What the main window shows.
    pub fn main_window(&self) -> Shows {
        if self.swapped {
            Shows::Notes
        } else {
            Shows::Slides
        }
    }

    /// What the second window shows, when it is open.
    pub fn second_window(&self) -> Option<Shows> {
        match (self.notes_window, self.swapped) {
            (false, _) => None,
            (true, false) => Some(Shows::Notes),
            (true, true) => Some(Shows::Slides),
        }
    }

    /// The speaker notes of the slide shown: its section's comment on the scorecard.
    pub fn notes_text(&self) -> Option<&str> {
        let section = self.slide().section();
        self.page
            .comments
            .iter()
            .find(|(s, _)| s == section)
            .map(|(_, text)| text.as_str())
    }

    /// The title of the slide after the one shown, if any.
    pub fn next_title(&self) -> Option<&'static str> {
        self.slides.get(self.at + 1).map(|s| s.title())
    }

    /// The caption every slide carries: period, data as-of date, definitions version.
    pub fn caption(&self) -> String {
        let f = &self.page.footer;
        let state = match &self.page.published {
            Some(p) => format!("as published: \"{}\"", p.name),
            None => "DRAFT".to_owned(),
        };
        format!(
            "Revenue scorecard {} · data as of {} · definitions v{} · {state}",
            self.page.period,
            f.as_of.as_deref().unwrap_or("—"),
            f.definitions_version
        )
    }
}
