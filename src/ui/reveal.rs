//! Draws a long view's new numbers a few sections a frame, top first, so no single frame
//! lays out all of their text.
//!
//! egui keeps a laid-out text only while it is drawn every frame, so the frame that first
//! draws new numbers (or draws a view again after another) lays out every label of the
//! view, on screen or not: a few milliseconds for the Funnel at a million contacts, and
//! several times that on a machine whose cores are busy. So each frame draws the sections
//! already drawn with these numbers (laid out before: cheap), then new ones until
//! [`BUDGET`] is spent; the rest follow in the next frames. A section is never split, so a
//! frame's new work is at most the budget plus one section. Until all are drawn the held
//! sections are not there: not on screen, and the scroll bar is shorter. A view says which
//! numbers it shows with the result's `numbers` value, new at each arrival.

use std::hash::{Hash, Hasher as _};
use std::time::{Duration, Instant};

use eframe::egui::{Context, Id, Ui};

/// How long a frame may spend laying out new sections before the rest wait for the next.
pub const BUDGET: Duration = Duration::from_millis(2);

/// The sections of one scrolled view in one frame.
pub struct Reveal {
    ctx: Context,
    id: Id,
    numbers: u64,
    /// How many sections the last pass drew with these numbers: those are drawn again.
    drawn_before: usize,
    budget: Duration,
    /// Sections met so far this pass, and how many of them were drawn.
    met: usize,
    drawn: usize,
    /// When this pass's first new section started.
    new_since: Option<Instant>,
}

/// What a view remembers between passes: the numbers it drew, in which pass (a frame may
/// take two, when a widget asks egui to lay it out again; the second is the one shown),
/// and how many sections.
#[derive(Clone, Copy)]
struct Drawn {
    numbers: u64,
    pass: u64,
    sections: usize,
}

impl Reveal {
    /// For the content of a scroll area (`ui`) showing `numbers`.
    pub fn new(ui: &Ui, id_salt: &str, numbers: impl Hash) -> Self {
        Self::with_budget(ui, id_salt, numbers, BUDGET)
    }

    /// [`Self::new`] with another budget: zero draws one new section a frame.
    pub fn with_budget(ui: &Ui, id_salt: &str, numbers: impl Hash, budget: Duration) -> Self {
        let id = ui.make_persistent_id(("reveal", id_salt));
        let mut hasher = std::hash::DefaultHasher::new();
        numbers.hash(&mut hasher);
        let numbers = hasher.finish();
        let pass = ui.ctx().cumulative_pass_nr();
        let before = ui.data(|d| d.get_temp::<Drawn>(id));
        // Sections drawn in the pass before with the same numbers are laid out already; a
        // view not drawn in it starts afresh.
        let drawn_before = before
            .filter(|b| b.numbers == numbers && b.pass + 1 == pass)
            .map_or(0, |b| b.sections);
        Self {
            ctx: ui.ctx().clone(),
            id,
            numbers,
            drawn_before,
            budget,
            met: 0,
            drawn: 0,
            new_since: None,
        }
    }

    /// Draws `add` after `space` points, unless it is new and this pass's budget for new
    /// sections is spent (or a section before it waits): then it waits for the next frame.
    pub fn section(&mut self, ui: &mut Ui, space: f32, add: impl FnOnce(&mut Ui)) {
        let index = self.met;
        self.met += 1;
        if self.drawn < index {
            return;
        }
        if index >= self.drawn_before {
            let since = *self.new_since.get_or_insert_with(Instant::now);
            if index > self.drawn_before && since.elapsed() >= self.budget {
                self.ctx.request_repaint();
                return;
            }
        }
        ui.add_space(space);
        add(ui);
        self.drawn += 1;
    }
}

impl Drop for Reveal {
    fn drop(&mut self) {
        let drawn = Drawn {
            numbers: self.numbers,
            pass: self.ctx.cumulative_pass_nr(),
            sections: self.drawn,
        };
        self.ctx.data_mut(|d| d.insert_temp(self.id, drawn));
    }
}

#[cfg(test)]
mod tests {
    use eframe::egui;

    use super::*;

    /// Draws three sections showing `numbers` with `budget`, in two passes when `discard`;
    /// says which the frame shows, and whether the view asked for it (when the frame
    /// before held a section back).
    fn frame_of(
        ctx: &egui::Context,
        numbers: u32,
        budget: Duration,
        discard: bool,
    ) -> (Vec<usize>, bool) {
        let mut drawn = Vec::new();
        let mut asked = false;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            drawn.clear();
            if ui.ctx().current_pass_index() == 0 {
                // egui asks for frames of its own around new widgets: only the view's count.
                asked = ui
                    .ctx()
                    .repaint_causes()
                    .iter()
                    .any(|c| c.file.ends_with("reveal.rs"));
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                let mut reveal = Reveal::with_budget(ui, "test", numbers, budget);
                for i in 0..3 {
                    reveal.section(ui, 0.0, |ui| {
                        drawn.push(i);
                        ui.label(format!("section {i}"));
                    });
                }
            });
            if discard && ui.ctx().current_pass_index() == 0 {
                ui.ctx().request_discard("a widget's sizing pass");
            }
        });
        // No painter here takes the font atlas's updates.
        output.textures_delta.clear();
        (drawn, asked)
    }

    fn frame(ctx: &egui::Context, numbers: u32) -> (Vec<usize>, bool) {
        frame_of(ctx, numbers, Duration::ZERO, false)
    }

    #[test]
    fn new_numbers_come_a_section_a_frame_when_the_budget_is_spent() {
        let ctx = egui::Context::default();
        assert_eq!(frame(&ctx, 1), (vec![0], false), "one new section a frame");
        assert_eq!(
            frame(&ctx, 1),
            (vec![0, 1], true),
            "the next frame asked for"
        );
        assert_eq!(frame(&ctx, 1), (vec![0, 1, 2], true));
        assert_eq!(
            frame(&ctx, 1),
            (vec![0, 1, 2], false),
            "all drawn: none asked"
        );
        assert_eq!(frame(&ctx, 2), (vec![0], false), "new numbers start afresh");
        assert_eq!(frame(&ctx, 2), (vec![0, 1], true));
        // A frame without the view: drawn again, it lays everything out again.
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        assert_eq!(frame(&ctx, 2).0, [0], "so does a view drawn again");
    }

    #[test]
    fn a_budget_not_spent_draws_every_new_section_at_once() {
        let ctx = egui::Context::default();
        let hour = Duration::from_secs(3_600);
        assert_eq!(frame_of(&ctx, 1, hour, false), (vec![0, 1, 2], false));
        assert_eq!(frame_of(&ctx, 2, hour, false), (vec![0, 1, 2], false));
        assert_eq!(frame_of(&ctx, 2, hour, false), (vec![0, 1, 2], false));
    }

    #[test]
    fn a_frame_laid_out_twice_shows_what_its_first_pass_drew_and_more() {
        let ctx = egui::Context::default();
        assert_eq!(frame_of(&ctx, 1, Duration::ZERO, true).0, [0, 1]);
        assert_eq!(frame_of(&ctx, 1, Duration::ZERO, true).0, [0, 1, 2]);
        assert_eq!(frame(&ctx, 1), (vec![0, 1, 2], false));
    }
}
