//! The versions: who saved each, when and why; what changed; restore.

use eframe::egui::{self, RichText};

use super::DefinitionsViewModel;
use crate::view_model::command::Command;

pub(super) fn history_ui(
    ui: &mut egui::Ui,
    model: &DefinitionsViewModel<'_>,
    compare: &mut (i64, i64),
) -> Vec<Command> {
    let mut commands = Vec::new();
    let latest = model.state.version.id;
    egui::Grid::new("history")
        .num_columns(5)
        .striped(true)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for title in ["Version", "Saved", "By", "Why", ""] {
                ui.strong(title);
            }
            ui.end_row();
            for v in model.state.history.iter().rev() {
                ui.label(format!(
                    "v{}{}",
                    v.id,
                    if v.id == latest { " (in force)" } else { "" }
                ));
                ui.label(v.created_at.get(..16).unwrap_or(&v.created_at));
                ui.label(&v.author);
                ui.label(&v.reason);
                ui.horizontal(|ui| {
                    if v.id > 1
                        && ui
                            .add_enabled(!model.busy, egui::Button::new("Changes"))
                            .on_hover_text(format!("What changed from v{} to v{}", v.id - 1, v.id))
                            .clicked()
                    {
                        commands.push(Command::CompareDefinitions {
                            a: v.id - 1,
                            b: v.id,
                        });
                    }
                    if v.id != latest
                        && crate::ui::widgets::named_button(
                            ui,
                            !model.busy,
                            "Restore",
                            &format!("Restore v{}: make it current again, as a new version", v.id),
                        )
                        .clicked()
                    {
                        commands.push(Command::RestoreDefinitions(v.id));
                    }
                });
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let last = model.state.history.last().map_or(1, |v| v.id);
        let l = ui.label("Compare version");
        ui.add(
            egui::DragValue::new(&mut compare.0)
                .range(1..=last)
                .prefix("v"),
        )
        .labelled_by(l.id);
        let l = ui.label("with version");
        ui.add(
            egui::DragValue::new(&mut compare.1)
                .range(1..=last)
                .prefix("v"),
        )
        .labelled_by(l.id);
        if ui
            .add_enabled(
                !model.busy && compare.0 != compare.1,
                egui::Button::new("Compare"),
            )
            .clicked()
        {
            commands.push(Command::CompareDefinitions {
                a: compare.0,
                b: compare.1,
            });
        }
    });
    if let Some((a, b, changes)) = model.comparison {
        ui.add_space(6.0);
        ui.label(RichText::new(format!("From v{a} to v{b}:")).strong());
        if changes.is_empty() {
            ui.label("No differences.");
        }
        for line in changes {
            ui.label(line);
        }
    }
    commands
}
