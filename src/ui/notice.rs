//! The notice above a view: the result of the last action, in plain words.

use eframe::egui::{self, RichText};

use super::theme;
use crate::import::values::DateOrder;
use crate::view_model::command::Command;
use crate::view_model::notice::{Notice, NoticeAction, NoticeKind};

/// Draws a notice; returns Dismiss, or the user's answer to a date-order question.
pub fn notice_ui(ui: &mut egui::Ui, notice: &Notice) -> Option<Command> {
    let (bg, fg) = match notice.kind {
        NoticeKind::Success => (theme::NOTICE_GOOD_BG, theme::GOOD),
        NoticeKind::Info => (theme::NOTICE_INFO_BG, theme::ACCENT),
        NoticeKind::Error => (theme::NOTICE_BAD_BG, theme::BAD),
    };
    let mut command = None;
    egui::Frame::new()
        .fill(bg)
        .corner_radius(6.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
                if ui.button("Dismiss").clicked() {
                    command = Some(Command::DismissNotice);
                }
                ui.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
                    for line in &notice.lines {
                        ui.label(RichText::new(line).color(fg));
                    }
                    for action in &notice.actions {
                        if let Some(c) = action_ui(ui, action) {
                            command = Some(c);
                        }
                    }
                });
            });
        });
    ui.add_space(8.0);
    command
}

/// The button (or buttons) of one action a notice offers; the command of the one clicked.
fn action_ui(ui: &mut egui::Ui, action: &NoticeAction) -> Option<Command> {
    match action {
        NoticeAction::RestoreBackup(backup) => ui
            .button("Restore the latest backup")
            .clicked()
            .then(|| Command::ReplaceWithBackup(backup.clone())),
        NoticeAction::ReimportAsOf { batch, file, as_of } => ui
            .button(format!("Import it again as of {as_of}"))
            .on_hover_text("Undoes the batch and imports the same file with this as-of date")
            .clicked()
            .then(|| Command::ReimportAsOf {
                batch: *batch,
                file: file.clone(),
                as_of: *as_of,
            }),
        NoticeAction::ShowFolder(folder) => ui
            .button("Open the folder")
            .on_hover_text(folder.display().to_string())
            .clicked()
            .then(|| Command::ShowFolder(folder.clone())),
        NoticeAction::AskDateOrder(file) => {
            ui.horizontal(|ui| {
                ui.label("Read the dates as:");
                let mut chosen = None;
                for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
                    if ui.button(order.describe()).clicked() {
                        chosen = Some(Command::RetryWithDateOrder {
                            file: file.clone(),
                            order,
                        });
                    }
                }
                chosen
            })
            .inner
        }
    }
}
