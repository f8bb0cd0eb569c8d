//! The app's own file box, above the view, where the system shows no file dialog.

use eframe::egui::{self, RichText};

use super::theme;
use crate::view_model::command::Command;
use crate::view_model::file_box::{FileBox, FileBoxKind};

/// Draws the box over `file_box` (its own state); returns Confirm or Cancel.
pub fn file_box_ui(ui: &mut egui::Ui, file_box: &mut FileBox) -> Option<Command> {
    let mut command = None;
    super::widgets::card(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(file_box.title).font(theme::SECTION).strong());
        ui.label(
            RichText::new(match file_box.kind {
                FileBoxKind::Save => {
                    "This desktop shows no file dialog: type where to save the file."
                }
                FileBoxKind::Open => "This desktop shows no file dialog: type the file's path.",
                FileBoxKind::OpenMany => {
                    "This desktop shows no file dialog: type the path of each export, one a \
                     line, or drop the files on this window."
                }
            })
            .color(theme::MUTED),
        );
        ui.add_space(4.0);
        let label = ui.label("Path");
        let edit = match file_box.kind {
            FileBoxKind::OpenMany => egui::TextEdit::multiline(&mut file_box.path_text)
                .desired_rows(3)
                .font(theme::MONO),
            FileBoxKind::Open | FileBoxKind::Save => {
                egui::TextEdit::singleline(&mut file_box.path_text).font(theme::MONO)
            }
        };
        let field = ui
            .add(
                edit.desired_width(ui.available_width())
                    .id_salt("file_box_path"),
            )
            .labelled_by(label.id);
        if file_box.take_fresh() {
            // Ready to type the file's name after the folder filled in.
            field.request_focus();
            if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id) {
                let end = egui::text::CCursor::new(file_box.path_text.chars().count());
                state
                    .cursor
                    .set_char_range(Some(egui::text::CCursorRange::one(end)));
                state.store(ui.ctx(), field.id);
            }
        }
        if field.changed() {
            file_box.edited();
        }
        let entered = file_box.kind != FileBoxKind::OpenMany
            && field.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(problem) = &file_box.problem {
            ui.label(RichText::new(problem).color(theme::BAD));
        }
        let escaped = ui.input(|i| i.key_pressed(egui::Key::Escape));
        ui.horizontal(|ui| {
            if ui.button(file_box.action()).clicked() || entered {
                command = Some(Command::ConfirmFileBox);
            }
            if ui.button("Cancel").clicked() || escaped {
                command = Some(Command::CancelFileBox);
            }
        });
    });
    ui.add_space(8.0);
    command
}
