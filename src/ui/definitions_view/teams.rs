//! The teams editor: which record owners make up which team, for leak breakdowns.

use eframe::egui::{self, RichText};

use super::super::widgets::named_button;
use crate::definitions::model::TeamDef;
use crate::ui::theme;
use crate::view_model::definitions::DefinitionsDraft;

pub(super) fn teams_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
    ui.label(
        RichText::new(
            "Owners as the CRM writes their names; leaks break down by these teams. An owner in no team shows as \"No team\".",
        )
        .color(theme::MUTED),
    );
    ui.horizontal(|ui| {
        let label = ui.label("Owner to add");
        ui.add(
            egui::TextEdit::singleline(&mut draft.member_input)
                .hint_text("Lena Vogel")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
    });
    let typed = draft.member_input.trim().to_owned();
    let mut remove_team = None;
    let mut added = false;
    for (i, team) in draft.definitions.teams.iter_mut().enumerate() {
        super::super::widgets::card(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Team");
                ui.add(egui::TextEdit::singleline(&mut team.name).desired_width(200.0))
                    .labelled_by(label.id);
                if named_button(
                    ui,
                    true,
                    "Remove",
                    &format!("Remove the team {}", team.name),
                )
                .clicked()
                {
                    remove_team = Some(i);
                }
            });
            ui.horizontal_wrapped(|ui| {
                let mut remove = None;
                for (j, m) in team.members.iter().enumerate() {
                    if named_button(ui, true, m, &format!("Remove {m} from {}", team.name))
                        .clicked()
                    {
                        remove = Some(j);
                    }
                }
                if let Some(j) = remove {
                    team.members.remove(j);
                }
                if named_button(
                    ui,
                    !typed.is_empty(),
                    "Add the owner",
                    &format!("Add the owner typed above to {}", team.name),
                )
                .clicked()
                {
                    team.members.push(typed.clone());
                    added = true;
                }
            });
        });
    }
    if let Some(i) = remove_team {
        draft.definitions.teams.remove(i);
    }
    if added {
        draft.member_input.clear();
    }
    if ui.button("Add a team").clicked() {
        let n = draft.definitions.teams.len() + 1;
        draft.definitions.teams.push(TeamDef {
            name: format!("Team {n}"),
            members: Vec::new(),
        });
    }
}
