//! Where the deck goes when the computer has more than one screen: the slides on the
//! room's screen (a projector, a shared display), the speaker notes on the presenter's
//! (the one the window is on), as a presentation program does.

use eframe::egui::{Rect, Vec2};

/// A screen the window system reports, in its pixels on the desktop.
#[derive(Debug, Clone, PartialEq)]
pub struct Screen {
    pub name: Option<String>,
    pub rect: Rect,
    pub primary: bool,
}

/// Where the slides and the notes are shown while presenting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// One screen: the slides full screen where the window is; notes on N or W.
    OneScreen,
    /// The main window full screen on one screen with the slides, and a second window
    /// full screen on another with the notes (S swaps what they show), by the screens'
    /// places in the window system's list.
    TwoScreens { slides: usize, notes: usize },
}

/// Where the window is, as the window system tells it, in the screens' pixels.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WindowOnDesktop {
    /// The window's rectangle on the desktop (not told on Wayland).
    pub rect: Option<Rect>,
    /// The size of the screen the window is on (told on Wayland too).
    pub screen_size: Option<Vec2>,
}

/// Where to present, given the screens and where the window is.
///
/// The presenter's screen is the one the window is on: the one most of its rectangle is
/// on, else the only one of its screen's size, else the primary screen, else the first.
/// The room's screen is the largest of the others: a projector or a meeting-room display
/// is rarely smaller than the laptop beside it.
pub fn place(screens: &[Screen], window: WindowOnDesktop) -> Placement {
    if screens.len() < 2 {
        return Placement::OneScreen;
    }
    let overlap = |s: &Screen, w: Rect| {
        let i = s.rect.intersect(w);
        if i.is_positive() { i.area() } else { 0.0 }
    };
    let on_window = window.rect.and_then(|w| {
        screens
            .iter()
            .enumerate()
            .filter(|(_, s)| overlap(s, w) > 0.0)
            .max_by(|(_, a), (_, b)| overlap(a, w).total_cmp(&overlap(b, w)))
            .map(|(i, _)| i)
    });
    let of_its_size = window.screen_size.and_then(|size| {
        let close = |s: &&Screen| (s.rect.size() - size).length() < 2.0;
        match screens.iter().filter(close).count() {
            1 => screens.iter().position(|s| close(&s)),
            _ => None,
        }
    });
    let notes = on_window
        .or(of_its_size)
        .or_else(|| screens.iter().position(|s| s.primary))
        .unwrap_or(0);
    let slides = screens
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != notes)
        // The first of equals: `max_by` keeps the last, so compare the reversed list.
        .rev()
        .max_by(|(_, a), (_, b)| a.rect.area().total_cmp(&b.rect.area()))
        .map(|(i, _)| i)
        .unwrap_or(notes);
    Placement::TwoScreens { slides, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{pos2, vec2};

    fn screen(x: f32, w: f32, h: f32, primary: bool) -> Screen {
        Screen {
            name: None,
            rect: Rect::from_min_size(pos2(x, 0.0), vec2(w, h)),
            primary,
        }
    }

    #[test]
    fn one_screen_presents_where_the_window_is() {
        let nowhere = WindowOnDesktop::default();
        assert_eq!(place(&[], nowhere), Placement::OneScreen);
        assert_eq!(
            place(&[screen(0.0, 1920.0, 1080.0, true)], nowhere),
            Placement::OneScreen
        );
    }

    #[test]
    fn the_notes_stay_on_the_windows_screen_and_the_slides_go_to_the_other() {
        let laptop = screen(0.0, 1280.0, 720.0, true);
        let projector = screen(1280.0, 1920.0, 1080.0, false);
        let both = [laptop.clone(), projector.clone()];
        let at = |rect: Rect| WindowOnDesktop {
            rect: Some(rect),
            screen_size: None,
        };
        // The window on the laptop.
        let w = Rect::from_min_size(pos2(100.0, 50.0), vec2(900.0, 600.0));
        assert_eq!(
            place(&both, at(w)),
            Placement::TwoScreens {
                slides: 1,
                notes: 0
            }
        );
        // Dragged mostly onto the projector: the presenter works there.
        let w = Rect::from_min_size(pos2(1000.0, 50.0), vec2(900.0, 600.0));
        assert_eq!(
            place(&both, at(w)),
            Placement::TwoScreens {
                slides: 0,
                notes: 1
            }
        );
        // The window's place unknown (as on Wayland): the primary screen is the
        // presenter's, wherever it is in the list.
        let unknown = WindowOnDesktop::default();
        assert_eq!(
            place(&[projector.clone(), laptop.clone()], unknown),
            Placement::TwoScreens {
                slides: 0,
                notes: 1
            }
        );
        // No primary either (Wayland), but the window's screen is the only one of its
        // size: the window is on the laptop, listed second.
        let (mut projector, mut laptop) = (projector, laptop);
        (projector.primary, laptop.primary) = (false, false);
        let on_laptop = WindowOnDesktop {
            rect: None,
            screen_size: Some(vec2(1280.0, 720.0)),
        };
        assert_eq!(
            place(&[projector.clone(), laptop.clone()], on_laptop),
            Placement::TwoScreens {
                slides: 0,
                notes: 1
            }
        );
        // Two screens of that size: no telling, so the first is the presenter's.
        let twins = [projector, laptop.clone(), laptop];
        assert_eq!(
            place(&twins, on_laptop),
            Placement::TwoScreens {
                slides: 1,
                notes: 0
            }
        );
    }

    #[test]
    fn with_three_screens_the_room_gets_the_largest_other() {
        let screens = [
            screen(0.0, 1440.0, 900.0, true),
            screen(1440.0, 1920.0, 1080.0, false),
            screen(3360.0, 3840.0, 2160.0, false),
        ];
        let unknown = WindowOnDesktop::default();
        assert_eq!(
            place(&screens, unknown),
            Placement::TwoScreens {
                slides: 2,
                notes: 0
            }
        );
        // Two equal others: the first of them.
        let equal = [
            screen(0.0, 1440.0, 900.0, true),
            screen(1440.0, 1920.0, 1080.0, false),
            screen(3360.0, 1920.0, 1080.0, false),
        ];
        assert_eq!(
            place(&equal, unknown),
            Placement::TwoScreens {
                slides: 1,
                notes: 0
            }
        );
        // A window off every screen counts as not known.
        let off = WindowOnDesktop {
            rect: Some(Rect::from_min_size(pos2(-5000.0, 0.0), vec2(10.0, 10.0))),
            screen_size: None,
        };
        assert_eq!(place(&equal, off), place(&equal, unknown));
    }
}
