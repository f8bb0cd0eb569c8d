//! The save bar: unsaved changes, problems, the impact preview, who and why.

use eframe::egui::{self, RichText};

use super::DefinitionsViewModel;
use crate::definitions::diff::diff;
use crate::definitions::validate::problems;
use crate::ui::theme;
use crate::view_model::command::Command;
use crate::view_model::definitions::DefinitionsDraft;

pub(super) fn save_ui(
    ui: &mut egui::Ui,
    model: &DefinitionsViewModel<'_>,
    draft: &mut DefinitionsDraft,
    author: &mut String,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let changes = diff(&model.state.definitions, &draft.definitions);
    let found = problems(&draft.definitions);
    egui::Frame::new()
        .fill(theme::NOTICE_INFO_BG)
        .corner_radius(6.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            if changes.is_empty() {
                ui.label(RichText::new("No unsaved changes.").color(theme::MUTED));
                return;
            }
            ui.label(RichText::new(format!("Unsaved changes ({})", changes.len())).strong());
            let lines = crate::definitions::change_words::describe(
                &changes,
                &model.state.definitions,
                &draft.definitions,
            );
            for line in lines {
                ui.label(line);
            }
            for p in &found {
                ui.label(RichText::new(p.to_string()).color(theme::BAD));
            }
            ui.add_space(4.0);
            match model.impact {
                None => {
                    if ui
                        .add_enabled(found.is_empty() && !model.busy, egui::Button::new("Preview the impact"))
                        .clicked()
                    {
                        commands.push(Command::PreviewImpact);
                    }
                }
                Some(preview) if preview.is_empty() => {
                    ui.label(
                        "Impact: no contact, deal or account changes stage or status, and no conversion or \
                         handoff leak in the selected quarter changes.",
                    );
                }
                Some(preview) => {
                    ui.label(RichText::new("Impact on the imported records:").strong());
                    let lines = preview.moves.iter().map(ToString::to_string);
                    let lines = lines
                        .chain(preview.conversions.iter().map(ToString::to_string))
                        .chain(preview.leaks.iter().map(ToString::to_string));
                    for line in lines {
                        ui.label(line);
                    }
                }
            }
            ui.add_space(4.0);
            egui::Grid::new("save")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    let who = ui.label("Your name");
                    ui.add(
                        egui::TextEdit::singleline(author)
                            .desired_width(240.0)
                            .hint_text("remembered for next time"),
                    )
                    .labelled_by(who.id);
                    ui.end_row();
                    let why = ui.label("Why (one line)");
                    ui.add(
                        egui::TextEdit::singleline(&mut draft.reason)
                            .desired_width(480.0)
                            .hint_text("e.g. Sales agreed to a 4-hour MQL follow-up"),
                    )
                    .labelled_by(why.id);
                    ui.end_row();
                });
            ui.horizontal(|ui| {
                let ready = found.is_empty() && !draft.reason.trim().is_empty() && !model.busy;
                let next = model.state.history.last().map_or(1, |v| v.id + 1);
                let save = egui::Button::new(
                    RichText::new(format!("Save as version {next}")).color(egui::Color32::WHITE),
                )
                .fill(theme::ACCENT);
                let response = ui.add_enabled(ready, save);
                let response = if draft.reason.trim().is_empty() {
                    response.on_disabled_hover_text("Say why first")
                } else {
                    response
                };
                if response.clicked() {
                    commands.push(Command::SaveDefinitions);
                }
                if ui.button("Discard changes").clicked() {
                    commands.push(Command::DiscardDefinitionChanges);
                }
            });
        });
    commands
}
