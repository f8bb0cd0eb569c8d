//! The lifecycle stages editor: rename, describe, reorder, add and remove.

use eframe::egui::{self, RichText};

use crate::definitions::model::{LifecycleStageDef, Team};
use crate::ui::theme;
use crate::ui::widgets::named_button;
use crate::view_model::definitions::DefinitionsDraft;

const TEAMS: [(Team, &str); 4] = [
    (Team::Marketing, "Marketing"),
    (Team::Sales, "Sales"),
    (Team::CustomerSuccess, "Customer Success"),
    (Team::RevOps, "RevOps"),
];

pub(super) fn stages_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
    let stages = &mut draft.definitions.lifecycle_stages;
    let count = stages.len();
    let mut remove = None;
    let mut move_up = None;
    for (i, s) in stages.iter_mut().enumerate() {
        crate::ui::widgets::card(ui, |ui| {
            egui::Grid::new(("stage", i))
                .num_columns(2)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    let name = ui.label(format!("Stage {}", i + 1));
                    ui.horizontal(|ui| {
                        ui.add(egui::TextEdit::singleline(&mut s.name).desired_width(180.0))
                            .labelled_by(name.id);
                        ui.label(
                            RichText::new(format!("key: {}", s.key))
                                .small()
                                .color(theme::MUTED),
                        );
                        let owner = ui.label("owned by");
                        egui::ComboBox::from_id_salt(("owner", i))
                            .selected_text(
                                TEAMS
                                    .iter()
                                    .find(|(t, _)| *t == s.owner)
                                    .map_or("", |(_, l)| l),
                            )
                            .show_ui(ui, |ui| {
                                for (team, label) in TEAMS {
                                    ui.selectable_value(&mut s.owner, team, label);
                                }
                            })
                            .response
                            .labelled_by(owner.id);
                        if i > 0 && ui.button("Move up").clicked() {
                            move_up = Some(i);
                        }
                        if count > 2
                            && named_button(
                                ui,
                                true,
                                "Remove",
                                &format!("Remove the stage {}", s.name),
                            )
                            .clicked()
                        {
                            remove = Some(i);
                        }
                    });
                    ui.end_row();
                    for (label, text) in [
                        ("Definition", &mut s.definition),
                        ("Enters when", &mut s.entry_criteria),
                        ("Leaves when", &mut s.exit_criteria),
                        ("Handoff it starts", &mut s.handoff),
                    ] {
                        let l = ui.label(label);
                        ui.add(egui::TextEdit::singleline(text).desired_width(620.0))
                            .labelled_by(l.id);
                        ui.end_row();
                    }
                });
        });
    }
    if let Some(i) = move_up {
        stages.swap(i - 1, i);
    }
    if let Some(i) = remove {
        stages.remove(i);
    }
    if ui.button("Add a stage").clicked() {
        let key = unique_key(stages, "new_stage");
        stages.push(LifecycleStageDef {
            key,
            name: format!("New stage {}", stages.len() + 1),
            owner: Team::RevOps,
            definition: String::new(),
            entry_criteria: String::new(),
            exit_criteria: String::new(),
            handoff: String::new(),
        });
    }
    ui.label(
        RichText::new(
            "A stage with its own key is reached through a qualification rule for that key.",
        )
        .color(theme::MUTED),
    );
}

fn unique_key(stages: &[LifecycleStageDef], base: &str) -> String {
    (1..)
        .map(|n| format!("{base}_{n}"))
        .find(|k| stages.iter().all(|s| s.key != *k))
        .unwrap_or_else(|| base.to_owned())
}
