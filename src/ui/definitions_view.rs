//! The Definitions view: the version in force, the SLA editor with validation as you
//! type, the stages and mappings, raw stage values no mapping covers, and the history
//! with differences and restore.

use eframe::egui::{self, RichText};

use super::theme;
use crate::app::DefinitionsDraft;
use crate::app::command::Command;
use crate::app::jobs::DefinitionsState;
use crate::definitions::apply::deal_stage;
use crate::definitions::diff::{Change, diff};
use crate::definitions::model::{SlaUnit, Team};
use crate::definitions::validate::problems;

/// What the view shows besides the form.
pub struct DefinitionsViewModel<'a> {
    pub state: &'a DefinitionsState,
    /// The last comparison: versions a and b and what changed.
    pub comparison: Option<&'a (i64, i64, Vec<Change>)>,
    /// What the unsaved changes would move, once worked out for exactly these changes.
    pub impact: Option<&'a [crate::definitions::impact::Move]>,
    pub busy: bool,
}

/// Draws the view over the form `draft` and the remembered `author` name.
pub fn definitions_view_ui(
    ui: &mut egui::Ui,
    model: &DefinitionsViewModel<'_>,
    draft: &mut DefinitionsDraft,
    author: &mut String,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let v = &model.state.version;
    ui.heading("Definitions");
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
            egui::CollapsingHeader::new(RichText::new("SLAs").strong())
                .default_open(true)
                .show(ui, |ui| {
                    slas_ui(ui, draft);
                });
            egui::CollapsingHeader::new(RichText::new("Lifecycle stages").strong())
                .show(ui, |ui| stages_ui(ui, draft));
            let unmapped = &model.state.unmapped;
            let mapping_title = if unmapped.is_empty() {
                "Deal stage mapping".to_owned()
            } else {
                format!(
                    "Deal stage mapping — {} raw value(s) not mapped",
                    unmapped.len()
                )
            };
            egui::CollapsingHeader::new(RichText::new(mapping_title).strong())
                .default_open(!unmapped.is_empty())
                .show(ui, |ui| mapping_ui(ui, model.state, draft));
            ui.add_space(8.0);
            commands.extend(save_ui(ui, model, draft, author));
            ui.add_space(8.0);
            egui::CollapsingHeader::new(
                RichText::new(match model.state.history.len() {
                    1 => "History (1 version)".to_owned(),
                    n => format!("History ({n} versions)"),
                })
                .strong(),
            )
            .default_open(true)
            .show(ui, |ui| commands.extend(history_ui(ui, model)));
        });
    commands
}

fn slas_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
    let labels: Vec<&'static str> = draft
        .definitions
        .slas
        .named()
        .iter()
        .map(|(_, label, _)| *label)
        .collect();
    egui::Grid::new("slas")
        .num_columns(3)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            for ((key, sla), label) in draft.definitions.slas.named_mut().into_iter().zip(labels) {
                let name = ui.label(label);
                ui.horizontal(|ui| {
                    ui.add(
                        egui::DragValue::new(&mut sla.amount)
                            .speed(0.5)
                            .range(0.0..=100_000.0),
                    )
                    .labelled_by(name.id)
                    .on_hover_text(format!("{label}: amount"));
                    egui::ComboBox::from_id_salt(("sla_unit", key))
                        .selected_text(sla.unit.label())
                        .show_ui(ui, |ui| {
                            for unit in SlaUnit::ALL {
                                ui.selectable_value(&mut sla.unit, unit, unit.label());
                            }
                        })
                        .response
                        .on_hover_text(format!("{label}: unit"));
                });
                if sla.amount > 0.0 {
                    ui.label("");
                } else {
                    ui.label(RichText::new("must be more than zero").color(theme::BAD));
                }
                ui.end_row();
            }
        });
}

fn team_label(t: Team) -> &'static str {
    match t {
        Team::Marketing => "Marketing",
        Team::Sales => "Sales",
        Team::CustomerSuccess => "Customer Success",
        Team::RevOps => "RevOps",
    }
}

fn stages_ui(ui: &mut egui::Ui, draft: &DefinitionsDraft) {
    egui::Grid::new("stages")
        .num_columns(4)
        .striped(true)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for title in ["Stage", "Owner", "Definition", "Handoff it starts"] {
                ui.strong(title);
            }
            ui.end_row();
            for s in &draft.definitions.lifecycle_stages {
                ui.label(&s.name);
                ui.label(team_label(s.owner));
                ui.label(&s.definition).on_hover_text(format!(
                    "Enters: {}\nLeaves: {}",
                    s.entry_criteria, s.exit_criteria
                ));
                ui.label(if s.handoff.is_empty() {
                    "—"
                } else {
                    s.handoff.as_str()
                });
                ui.end_row();
            }
        });
    ui.label(RichText::new("Stages, mappings and rules are edited in the definitions file for now (Definitions export / import).").color(theme::MUTED));
}

fn mapping_ui(ui: &mut egui::Ui, state: &DefinitionsState, draft: &mut DefinitionsDraft) {
    if !state.unmapped.is_empty() {
        ui.label(RichText::new("Raw stage values in the imported deals that no mapping covers. Choose the deal stage each means:").color(theme::WARN));
        let stage_names: Vec<String> = draft
            .definitions
            .deal_stages
            .iter()
            .map(|s| s.name.clone())
            .collect();
        egui::Grid::new("unmapped")
            .num_columns(4)
            .striped(true)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for (i, u) in state.unmapped.iter().enumerate() {
                    ui.label(&u.source_system);
                    let raw = ui.label(RichText::new(&u.raw_stage).strong());
                    ui.label(format!(
                        "{} deal(s){}",
                        u.deals,
                        u.pipeline
                            .as_ref()
                            .map_or(String::new(), |p| format!(" in {p}"))
                    ));
                    let now = deal_stage(
                        &draft.definitions,
                        &u.source_system,
                        u.pipeline.as_deref(),
                        &u.raw_stage,
                    )
                    .map(|s| s.name.clone());
                    let mut chosen = now.clone();
                    egui::ComboBox::from_id_salt(("map_raw", i))
                        .selected_text(chosen.as_deref().unwrap_or("choose a stage…"))
                        .width(160.0)
                        .show_ui(ui, |ui| {
                            for name in &stage_names {
                                ui.selectable_value(&mut chosen, Some(name.clone()), name);
                            }
                        })
                        .response
                        .labelled_by(raw.id);
                    if chosen != now
                        && let Some(stage) = chosen
                    {
                        map_raw_value(
                            &mut draft.definitions,
                            &u.source_system,
                            &u.raw_stage,
                            &stage,
                        );
                    }
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
    }
    egui::Grid::new("mapping")
        .num_columns(3)
        .striped(true)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for title in ["CRM", "Raw values", "Deal stage"] {
                ui.strong(title);
            }
            ui.end_row();
            for m in &draft.definitions.stage_mapping {
                ui.label(
                    m.pipeline
                        .as_ref()
                        .map_or_else(|| m.crm.clone(), |p| format!("{} · {p}", m.crm)),
                );
                ui.label(m.raw.join(", "));
                ui.label(&m.stage);
                ui.end_row();
            }
        });
}

/// Maps `raw` of `crm` (every pipeline) to `stage`: removed from any other mapping of
/// that CRM, added to the CRM's mapping for the stage (or a new one).
fn map_raw_value(defs: &mut crate::definitions::Definitions, crm: &str, raw: &str, stage: &str) {
    for m in defs
        .stage_mapping
        .iter_mut()
        .filter(|m| m.crm.eq_ignore_ascii_case(crm) && m.pipeline.is_none())
    {
        m.raw.retain(|r| r != raw);
    }
    defs.stage_mapping.retain(|m| !m.raw.is_empty());
    match defs
        .stage_mapping
        .iter_mut()
        .find(|m| m.crm.eq_ignore_ascii_case(crm) && m.pipeline.is_none() && m.stage == stage)
    {
        Some(m) => m.raw.push(raw.to_owned()),
        None => defs
            .stage_mapping
            .push(crate::definitions::model::StageMapping {
                crm: crm.to_owned(),
                pipeline: None,
                raw: vec![raw.to_owned()],
                stage: stage.to_owned(),
            }),
    }
}

fn save_ui(
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
            for c in &changes {
                change_ui(ui, c);
            }
            for p in &found {
                ui.label(RichText::new(p.to_string()).color(theme::BAD));
            }
            ui.add_space(4.0);
            match model.impact {
                None => {
                    if ui
                        .add_enabled(
                            found.is_empty() && !model.busy,
                            egui::Button::new("Preview the impact"),
                        )
                        .clicked()
                    {
                        commands.push(Command::PreviewImpact);
                    }
                }
                Some([]) => {
                    ui.label(
                        "Impact: no contact, deal or account changes stage or status. \
                         (SLA changes show in the handoff-leak view.)",
                    );
                }
                Some(moves) => {
                    ui.label(RichText::new("Impact on the imported records:").strong());
                    for m in moves {
                        ui.label(m.to_string());
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

fn history_ui(ui: &mut egui::Ui, model: &DefinitionsViewModel<'_>) -> Vec<Command> {
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
                        && ui
                            .add_enabled(!model.busy, egui::Button::new("Restore"))
                            .on_hover_text(format!(
                                "Make v{} current again, as a new version",
                                v.id
                            ))
                            .clicked()
                    {
                        commands.push(Command::RestoreDefinitions(v.id));
                    }
                });
                ui.end_row();
            }
        });
    if let Some((a, b, changes)) = model.comparison {
        ui.add_space(6.0);
        ui.label(RichText::new(format!("From v{a} to v{b}:")).strong());
        if changes.is_empty() {
            ui.label("No differences.");
        }
        for c in changes {
            change_ui(ui, c);
        }
    }
    commands
}

fn change_ui(ui: &mut egui::Ui, c: &Change) {
    ui.label(format!(
        "{}: was {}, now {}",
        c.key,
        c.before.as_deref().unwrap_or("(not set)"),
        c.after.as_deref().unwrap_or("(not set)")
    ));
}
