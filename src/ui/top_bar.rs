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
        // The right end (sample marker) keeps its place; the as-of line is cut to what
        // is left, whole on hover, and the marker drops the company's name when tight.
        let sample = model.sample.then(|| SampleMarker::new(model.only_sample));
        let definitions = model.definitions_version.map(|v| format!("Definitions v{v}"));
        let gap = ui.spacing().item_spacing.x;
        let definitions_width = definitions
            .as_ref()
            .map_or(0.0, |d| text_width(ui, d) + 3.0 * gap + 1.0);
        let as_of = match &model.as_of {
            _ if model.damaged => RichText::new("File damaged").color(theme::BAD),
            Some(d) => RichText::new(format!("Data as of {d}")),
            None => RichText::new("No data yet").color(theme::MUTED),
        };
        let as_of_width = text_width(ui, as_of.text());
        let left = ui.available_width() - definitions_width - gap;
        let full = sample
            .as_ref()
            .is_none_or(|s| s.width(ui, true) + as_of_width <= left);
        let right = sample.as_ref().map_or(0.0, |s| s.width(ui, full));
        let as_of_hover = match &model.as_of {
            _ if model.damaged => "The notice below says what was found and what to do.".to_owned(),
            Some(d) => format!(
                "Data as of {d}\n\nThe as-of date of the latest export of each object: each object's numbers are judged as of it."
            ),
            None => "Import a quarter's CRM exports to see numbers.".to_owned(),
        };
        ui.allocate_ui(egui::vec2((left - right).max(80.0), ui.available_height()), |ui| {
            ui.add(egui::Label::new(as_of).truncate())
                .on_hover_text(as_of_hover);
        });
        if let Some(d) = &definitions {
            ui.separator();
            ui.label(d)
                .on_hover_text("Every number follows this version of the definitions.");
        }
        if let Some(sample) = sample {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let remove = sample.remove;
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
                    .inner_margin(egui::vec2(BADGE_MARGIN, 3.0))
                    .show(ui, |ui| {
                        ui.label(
                            RichText::new(sample.badge(full))
                                .color(theme::WARN)
                                .strong(),
                        )
                        .on_hover_text(SAMPLE_COMPANY);
                    });
            });
        }
    });
    ui.add_space(4.0);
    commands
}

const SAMPLE_COMPANY: &str = "Northwind Analytics, a fictional company";
const BADGE_MARGIN: f32 = 8.0;

/// The marker at the right end while sample batches are in the workspace.
struct SampleMarker {
    what: &'static str,
    remove: &'static str,
}

impl SampleMarker {
    fn new(only_sample: bool) -> Self {
        // With exports of their own beside it, the sample is removed and theirs stay.
        if only_sample {
            Self {
                what: "SAMPLE DATA",
                remove: "Start an empty workspace",
            }
        } else {
            Self {
                what: "INCLUDES SAMPLE DATA",
                remove: "Remove the sample data",
            }
        }
    }

    /// The badge's words, with the company's name when `full`.
    fn badge(&self, full: bool) -> String {
        if full {
            format!("{} — {SAMPLE_COMPANY}", self.what)
        } else {
            self.what.to_owned()
        }
    }

    /// The width the badge and its button take.
    fn width(&self, ui: &egui::Ui, full: bool) -> f32 {
        let s = ui.spacing();
        text_width(ui, &self.badge(full))
            + 2.0 * BADGE_MARGIN
            + text_width(ui, self.remove)
            + 2.0 * s.button_padding.x
            + 3.0 * s.item_spacing.x
    }
}

/// The width of `text` in the body font.
fn text_width(ui: &egui::Ui, text: &str) -> f32 {
    ui.fonts_mut(|f| {
        f.layout_no_wrap(text.to_owned(), theme::BODY, egui::Color32::PLACEHOLDER)
            .size()
            .x
    })
}
