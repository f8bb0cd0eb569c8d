//! The top bar: workspace, period, the data's as-of date, and the sample-data marker.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use super::theme;
use crate::definitions::fiscal::Quarter;
use crate::view_model::command::Command;
use crate::view_model::navigation::TopBarModel;

/// Draws the top bar; returns what the user picked.
pub fn top_bar_ui(ui: &mut egui::Ui, model: &TopBarModel<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let name = model
            .workspace_path
            .file_name()
            .map_or_else(|| "workspace".into(), |n| n.to_string_lossy());
        ui.menu_button(RichText::new(format!("Workspace: {name}")).strong(), |ui| {
            ui.label(
                RichText::new(model.workspace_path.display().to_string())
                    .small()
                    .color(theme::MUTED),
            );
            if ui
                .add_enabled(
                    !model.busy && !model.damaged,
                    egui::Button::new("Import files…"),
                )
                .clicked()
            {
                commands.push(Command::PickFilesToImport);
            }
            if ui
                .add_enabled(!model.busy, egui::Button::new("Open workspace…"))
                .clicked()
            {
                commands.push(Command::PickWorkspaceToOpen);
            }
            if !model.backups.is_empty() {
                ui.separator();
                ui.menu_button("Restore a backup", |ui| {
                    ui.label(RichText::new("Taken before each import and definitions save; the current state is backed up before a restore.").small().color(theme::MUTED));
                    for b in model.backups {
                        if ui.add_enabled(!model.busy, egui::Button::new(&b.name)).clicked() {
                            commands.push(Command::RestoreBackup(b.path.clone()));
                        }
                    }
                });
            }
            let others: Vec<&PathBuf> = model
                .recent
                .iter()
                .filter(|p| p.as_path() != model.workspace_path)
                .collect();
            if !others.is_empty() {
                ui.separator();
                ui.label(RichText::new("Recent").small().color(theme::MUTED));
                for path in others {
                    if ui
                        .add_enabled(!model.busy, egui::Button::new(path.display().to_string()))
                        .clicked()
                    {
                        commands.push(Command::OpenWorkspace(path.clone()));
                    }
                }
            }
        })
        .response
        .on_hover_text(model.workspace_path.display().to_string());
        ui.separator();
        let period_label = ui.label("Period");
        let selected = model.period.map_or_else(|| "—".to_owned(), Quarter::label);
        egui::ComboBox::from_id_salt("period")
            .selected_text(selected)
            .show_ui(ui, |ui| {
                for q in &model.periods {
                    if ui
                        .selectable_label(Some(*q) == model.period, q.label())
                        .clicked()
                    {
                        commands.push(Command::SetPeriod(*q));
                    }
                }
            })
            .response
            .labelled_by(period_label.id);
        ui.separator();
        match &model.as_of {
            _ if model.damaged => ui
                .label(RichText::new("File damaged").color(theme::BAD))
                .on_hover_text("The notice below says what was found and what to do."),
            Some(d) => ui
                .label(format!("Data as of {d}"))
                .on_hover_text(
                    "The as-of date of the latest export of each object: each object's numbers are judged as of it.",
                ),
            None => ui.label(RichText::new("No data yet").color(theme::MUTED)),
        };
        if let Some(v) = model.definitions_version {
            ui.separator();
            ui.label(format!("Definitions v{v}"))
                .on_hover_text("Every number follows this version of the definitions.");
        }
        if model.sample {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                // With exports of their own beside it, the sample is removed and theirs stay.
                let remove = if model.only_sample {
                    "Start an empty workspace"
                } else {
                    "Remove the sample data"
                };
                if ui
                    .add_enabled(!model.busy, egui::Button::new(remove))
                    .on_hover_text("Removes the sample batches; batches of your own stay.")
                    .clicked()
                {
                    commands.push(Command::StartEmptyWorkspace);
                }
                egui::Frame::new()
                    .fill(theme::SAMPLE_BG)
                    .corner_radius(4.0)
                    .inner_margin(egui::vec2(8.0, 3.0))
                    .show(ui, |ui| {
                        let what = if model.only_sample {
                            "SAMPLE DATA"
                        } else {
                            "INCLUDES SAMPLE DATA"
                        };
                        ui.label(
                            RichText::new(format!(
                                "{what} — Northwind Analytics, a fictional company"
                            ))
                            .color(theme::WARN)
                            .strong(),
                        );
                    });
            });
        }
    });
    ui.add_space(4.0);
    commands
}
