//! The Definitions view: the version in force and every part of the data dictionary as
//! a form that validates as you type — SLAs and the working week, lifecycle stages,
//! deal stages and their mapping (with raw values no mapping covers), qualification
//! rules, required fields, teams, fiscal year and currency — then the impact preview, save
//! with a reason, and the history with differences and restore.

mod history;
mod mapping;
mod rules;
mod save;
mod settings;
mod slas;
mod stages;
mod teams;

use eframe::egui::{self, RichText};

use super::theme;
use crate::view_model::command::Command;
use crate::view_model::definitions::{DefinitionsDraft, DefinitionsViewModel};

/// Draws the view over the form `draft` and the remembered `author` name.
pub fn definitions_view_ui(
    ui: &mut egui::Ui,
    model: &DefinitionsViewModel<'_>,
    draft: &mut DefinitionsDraft,
    author: &mut String,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let v = &model.state.version;
    ui.horizontal(|ui| {
        ui.heading("Definitions");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .add_enabled(!model.busy, egui::Button::new("Import from file…"))
                .on_hover_text("Check a definitions file (TOML) and save it as a new version")
                .clicked()
            {
                commands.push(Command::PickDefinitionsToImport);
            }
            if ui
                .add_enabled(!model.busy, egui::Button::new("Export to file…"))
                .on_hover_text("Write the version in force as a TOML file")
                .clicked()
            {
                commands.push(Command::PickDefinitionsExportPath);
            }
        });
    });
    ui.label(
        RichText::new(format!(
            "Version {} in force — saved {} by {}: {}",
            v.id,
            v.created_at.get(..16).unwrap_or(&v.created_at),
            v.author,
            v.reason
        ))
        .color(theme::MUTED),
    );
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            section(ui, "SLAs", true, |ui| {
                slas::slas_ui(ui, draft);
                ui.add_space(4.0);
                slas::idle_limits_ui(ui, draft);
                ui.add_space(4.0);
                slas::calendar_ui(ui, draft);
            });
            section(ui, "Lifecycle stages", false, |ui| {
                stages::stages_ui(ui, draft)
            });
            let unmapped = model.state.unmapped.len();
            let title = if unmapped == 0 {
                "Deal stages and mapping".to_owned()
            } else {
                format!("Deal stages and mapping — {unmapped} raw value(s) not mapped")
            };
            section(ui, &title, unmapped > 0, |ui| {
                mapping::mapping_ui(ui, model.state, draft)
            });
            section(ui, "Qualification rules", false, |ui| {
                rules::rules_ui(ui, draft)
            });
            section(ui, "Required fields", false, |ui| {
                settings::required_fields_ui(ui, draft)
            });
            section(ui, "Teams", false, |ui| teams::teams_ui(ui, draft));
            section(ui, "Fiscal year and currency", false, |ui| {
                settings::fiscal_and_currency_ui(ui, draft)
            });
            section(ui, "Revenue targets", false, |ui| {
                settings::targets_ui(ui, draft)
            });
            ui.add_space(8.0);
            commands.extend(save::save_ui(ui, model, draft, author));
            ui.add_space(8.0);
            let title = match model.state.history.len() {
                1 => "History (1 version)".to_owned(),
                n => format!("History ({n} versions)"),
            };
            section(ui, &title, true, |ui| {
                commands.extend(history::history_ui(ui, model, &mut draft.compare))
            });
        });
    commands
}

fn section(ui: &mut egui::Ui, title: &str, open: bool, add: impl FnOnce(&mut egui::Ui)) {
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt(title.split(" — ").next().unwrap_or(title))
        .default_open(open)
        .show(ui, add);
}
