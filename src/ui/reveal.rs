//! Draws a long view's new numbers over two frames: the sections on screen in the first,
//! the ones below the fold in the next, so no single frame lays out all of their text.
//!
//! egui keeps a laid-out text only while it is drawn every frame, so the frame that first
//! draws new numbers (or draws a view again after another) lays out every label of the
//! view, on screen or not. Measured at a million contacts on a 2-core Intel Xeon, stepping
//! the app as the Funnel's numbers arrive: that frame took 4.8 to 7.3 ms (and 22 to 32 ms
//! on a CPU in two of six frames-benchmark runs, while the reads ran on both cores); drawn
//! in two, 3.2 to 4.3 ms and then 3.0 to 3.9 ms. For one frame the held sections are not
//! there: not on screen, and the scroll bar is shorter.

use std::hash::{Hash, Hasher as _};

use eframe::egui::Ui;

/// The sections of one scrolled view in one frame.
pub struct Reveal {
    /// Whether sections below the fold wait for the next frame.
    holding: bool,
    /// Whether one did, so the rest wait too (they follow it on the page).
    held: bool,
}

/// What a view remembers between frames: what it drew, and in which pass (a frame may
/// take two, when a widget asks egui to lay it out again; the second is the one shown).
#[derive(Clone, Copy)]
struct Drawn {
    numbers: u64,
    pass: u64,
}

impl Reveal {
    /// For the content of a scroll area (`ui`) showing `numbers`; sections wait when the
    /// numbers differ from the last pass's or the view was not drawn in it.
    pub fn new(ui: &Ui, id_salt: &str, numbers: impl Hash) -> Self {
        let id = ui.make_persistent_id(("reveal", id_salt));
        let mut hasher = std::hash::DefaultHasher::new();
        numbers.hash(&mut hasher);
        let now = Drawn {
            numbers: hasher.finish(),
            pass: ui.ctx().cumulative_pass_nr(),
        };
        // A view not drawn before reads `now` back, which is not the pass before.
        let before = ui.data_mut(|d| std::mem::replace(d.get_temp_mut_or(id, now), now));
        let holding = !(before.numbers == now.numbers && before.pass + 1 == now.pass);
        Self {
            holding,
            held: false,
        }
    }

    /// Draws `add` after `space` points, unless the numbers are new and the section starts
    /// below the fold: then it, and every section after it, waits for the next frame.
    pub fn section(&mut self, ui: &mut Ui, space: f32, add: impl FnOnce(&mut Ui)) {
        if !self.held && self.holding && ui.cursor().top() > ui.clip_rect().bottom() {
            self.held = true;
            ui.ctx().request_repaint();
        }
        if !self.held {
            ui.add_space(space);
            add(ui);
        }
    }
}

#[cfg(test)]
mod tests {
    use eframe::egui;

    use super::*;

    /// Draws three sections of 400 points in a 300-point scroll area showing `numbers`,
    /// in two passes when `discard`, and says which the frame shows.
    fn frame_of(ctx: &egui::Context, numbers: u32, discard: bool) -> Vec<usize> {
        let mut drawn = Vec::new();
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(400.0, 300.0),
            )),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            drawn.clear();
            egui::ScrollArea::vertical().show(ui, |ui| {
                let mut reveal = Reveal::new(ui, "test", numbers);
                for i in 0..3 {
                    reveal.section(ui, 0.0, |ui| {
                        drawn.push(i);
                        ui.allocate_space(egui::vec2(100.0, 400.0));
                    });
                }
            });
            if discard && ui.ctx().current_pass_index() == 0 {
                ui.ctx().request_discard("a widget's sizing pass");
            }
        });
        // No painter here takes the font atlas's updates.
        output.textures_delta.clear();
        drawn
    }

    fn frame(ctx: &egui::Context, numbers: u32) -> Vec<usize> {
        frame_of(ctx, numbers, false)
    }

    #[test]
    fn new_numbers_wait_below_the_fold_for_one_frame() {
        let ctx = egui::Context::default();
        assert_eq!(
            frame(&ctx, 1),
            [0],
            "the first frame draws what is on screen"
        );
        assert_eq!(frame(&ctx, 1), [0, 1, 2], "the next draws the rest");
        assert_eq!(frame(&ctx, 1), [0, 1, 2]);
        assert_eq!(frame(&ctx, 2), [0], "new numbers wait again");
        assert_eq!(frame(&ctx, 2), [0, 1, 2]);
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        assert_eq!(
            frame(&ctx, 2),
            [0],
            "so does a view drawn again after another"
        );
        assert_eq!(frame(&ctx, 2), [0, 1, 2]);
    }

    #[test]
    fn a_frame_laid_out_twice_shows_every_section() {
        let ctx = egui::Context::default();
        assert_eq!(frame(&ctx, 1), [0]);
        assert_eq!(frame_of(&ctx, 2, true), [0, 1, 2]);
        assert_eq!(frame_of(&ctx, 2, true), [0, 1, 2]);
        assert_eq!(frame(&ctx, 2), [0, 1, 2]);
    }
}
