//! The notice above a view: the result of the last action, in plain words.

use eframe::egui::{self, RichText};

use super::theme;
use crate::app::command::Command;
use crate::app::notice::{Notice, NoticeKind};
use crate::import::values::DateOrder;

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
                    if let Some(backup) = &notice.restore_backup
                        && ui.button("Restore the latest backup").clicked()
                    {
                        command = Some(Command::ReplaceWithBackup(backup.clone()));
                    }
                    if let Some(file) = &notice.map_columns_for
                        && ui.button("Map the columns…").clicked()
                    {
                        command = Some(Command::MapColumns(file.clone()));
                    }
                    if let Some(file) = &notice.ask_date_order_for {
                        ui.horizontal(|ui| {
                            ui.label("Read the dates as:");
                            for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
                                if ui.button(order.describe()).clicked() {
                                    command = Some(Command::RetryWithDateOrder {
                                        file: file.clone(),
                                        order,
                                    });
                                }
                            }
                        });
                    }
                });
            });
        });
    ui.add_space(8.0);
    command
}
