//! Deal stages and the mapping of raw CRM stage values to them, including the values
//! seen in imports that no mapping covers yet.

use eframe::egui::{self, RichText};

use crate::definitions::Definitions;
use crate::definitions::apply::deal_stage;
use crate::definitions::model::{DealStageDef, StageMapping, StageOutcome};
use crate::ui::theme;
use crate::ui::widgets::named_button;
use crate::view_model::definitions::DefinitionsDraft;
use crate::view_model::workspace::DefinitionsState;

pub(super) fn mapping_ui(
    ui: &mut egui::Ui,
    state: &DefinitionsState,
    draft: &mut DefinitionsDraft,
) {
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
    deal_stages_ui(ui, draft);
    ui.add_space(8.0);
    ui.label(RichText::new("Which raw CRM values mean each deal stage").strong());
    mappings_ui(ui, draft);
}

/// The canonical deal stages: rename (mappings follow), outcome, add, remove (saying where
/// the mapped values go).
fn deal_stages_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
    let names: Vec<String> = draft
        .definitions
        .deal_stages
        .iter()
        .map(|s| s.name.clone())
        .collect();
    let mut remove_now = None;
    let mut renamed: Option<(String, String)> = None;
    egui::Grid::new("deal_stages")
        .num_columns(3)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for (i, stage) in draft.definitions.deal_stages.iter_mut().enumerate() {
                let old = stage.name.clone();
                let label = ui.label(format!("Deal stage {}", i + 1));
                if ui
                    .add(egui::TextEdit::singleline(&mut stage.name).desired_width(180.0))
                    .labelled_by(label.id)
                    .changed()
                {
                    renamed = Some((old, stage.name.clone()));
                }
                ui.horizontal(|ui| {
                    for (outcome, text) in [
                        (StageOutcome::Open, "open"),
                        (StageOutcome::Won, "closed-won"),
                        (StageOutcome::Lost, "closed-lost"),
                    ] {
                        ui.radio_value(&mut stage.outcome, outcome, text);
                    }
                    if named_button(
                        ui,
                        true,
                        "Remove",
                        &format!("Remove the deal stage {}", stage.name),
                    )
                    .clicked()
                    {
                        remove_now = Some(i);
                    }
                });
                ui.end_row();
            }
        });
    let defs = &mut draft.definitions;
    if let Some((old, new)) = renamed {
        for m in defs.stage_mapping.iter_mut().filter(|m| m.stage == old) {
            m.stage.clone_from(&new);
        }
        for r in defs
            .required_fields
            .iter_mut()
            .filter(|r| r.from_stage.as_deref() == Some(old.as_str()))
        {
            r.from_stage = Some(new.clone());
        }
    }
    if let Some(i) = remove_now {
        let name = names.get(i).cloned().unwrap_or_default();
        if defs.stage_mapping.iter().any(|m| m.stage == name) {
            draft.removing_deal_stage = Some((i, None));
        } else {
            defs.deal_stages.remove(i);
        }
    }
    if let Some((i, target)) = &mut draft.removing_deal_stage {
        let name = names.get(*i).cloned().unwrap_or_default();
        let pointing: usize = defs
            .stage_mapping
            .iter()
            .filter(|m| m.stage == name)
            .map(|m| m.raw.len())
            .sum();
        let mut done = false;
        let mut cancel = false;
        egui::Frame::new()
            .fill(theme::SAMPLE_BG)
            .corner_radius(4.0)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let l = ui.label(format!(
                        "{pointing} mapped value(s) point at {name}. Move them to"
                    ));
                    egui::ComboBox::from_id_salt("move_mapped_to")
                        .selected_text(target.as_deref().unwrap_or("choose a stage…"))
                        .show_ui(ui, |ui| {
                            for other in names.iter().filter(|n| **n != name) {
                                ui.selectable_value(target, Some(other.clone()), other);
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    if ui
                        .add_enabled(
                            target.is_some(),
                            egui::Button::new(format!("Remove {name} and move them")),
                        )
                        .clicked()
                    {
                        done = true;
                    }
                    if ui.button("Keep the stage").clicked() {
                        cancel = true;
                    }
                });
            });
        if done && let Some(to) = target.clone() {
            for m in defs.stage_mapping.iter_mut().filter(|m| m.stage == name) {
                m.stage.clone_from(&to);
            }
            if let Some(pos) = defs.deal_stages.iter().position(|s| s.name == name) {
                defs.deal_stages.remove(pos);
            }
        }
        if done || cancel {
            draft.removing_deal_stage = None;
        }
    }
    if ui.button("Add a deal stage").clicked() {
        let n = draft.definitions.deal_stages.len() + 1;
        draft.definitions.deal_stages.push(DealStageDef {
            name: format!("New stage {n}"),
            outcome: StageOutcome::Open,
            idle_limit: None,
        });
    }
}

/// Every mapping: its CRM, raw values (click one to remove it) and stage.
fn mappings_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
    let names: Vec<String> = draft
        .definitions
        .deal_stages
        .iter()
        .map(|s| s.name.clone())
        .collect();
    let mut remove_mapping = None;
    egui::Grid::new("mapping")
        .num_columns(4)
        .striped(true)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for title in [
                "CRM",
                "Raw values (click one to remove it)",
                "Deal stage",
                "",
            ] {
                ui.strong(title);
            }
            ui.end_row();
            for (i, m) in draft.definitions.stage_mapping.iter_mut().enumerate() {
                ui.label(
                    m.pipeline
                        .as_ref()
                        .map_or_else(|| m.crm.clone(), |p| format!("{} · {p}", m.crm)),
                );
                ui.horizontal_wrapped(|ui| {
                    ui.set_max_width(520.0);
                    let mut drop = None;
                    for (j, raw) in m.raw.iter().enumerate() {
                        if ui
                            .small_button(raw)
                            .on_hover_text(format!("Stop mapping \"{raw}\""))
                            .clicked()
                        {
                            drop = Some(j);
                        }
                    }
                    if let Some(j) = drop {
                        m.raw.remove(j);
                    }
                });
                egui::ComboBox::from_id_salt(("mapping_stage", i))
                    .selected_text(m.stage.as_str())
                    .show_ui(ui, |ui| {
                        for name in &names {
                            ui.selectable_value(&mut m.stage, name.clone(), name);
                        }
                    })
                    .response
                    .on_hover_text("The deal stage these values mean");
                if named_button(ui, true, "Remove", "Remove this mapping").clicked() {
                    remove_mapping = Some(i);
                }
                ui.end_row();
            }
        });
    if let Some(i) = remove_mapping {
        draft.definitions.stage_mapping.remove(i);
    }
}

/// Maps `raw` of `crm` (every pipeline) to `stage`: removed from any other mapping of
/// that CRM, added to the CRM's mapping for the stage (or a new one).
fn map_raw_value(defs: &mut Definitions, crm: &str, raw: &str, stage: &str) {
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
        None => defs.stage_mapping.push(StageMapping {
            crm: crm.to_owned(),
            pipeline: None,
            raw: vec![raw.to_owned()],
            stage: stage.to_owned(),
        }),
    }
}
