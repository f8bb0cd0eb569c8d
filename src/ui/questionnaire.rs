//! The maturity questionnaire, one pillar a page: each statement answered No, Sometimes or
//! Yes, consistently, by mouse or keyboard alone (Tab to a choice, Space to pick it),
//! saved as it is given.

use eframe::egui::{self, RichText};

use super::theme;
use crate::maturity::Answer;
use crate::view_model::command::Command;
use crate::view_model::maturity::MaturityResult;

/// Draws the questionnaire at pillar `page`; the commands of the answers given.
pub fn questionnaire_ui(ui: &mut egui::Ui, r: &MaturityResult, page: usize) -> Vec<Command> {
    let mut commands = Vec::new();
    let model = &r.model;
    let pillars = &model.framework().pillars;
    let page = page.min(pillars.len().saturating_sub(1));
    let Some(pillar) = pillars.get(page) else {
        return commands;
    };
    let total: usize = pillars.iter().map(|p| model.questions_of(p).len()).sum();
    let answered: usize = pillars
        .iter()
        .flat_map(|p| model.questions_of(p))
        .filter(|q| r.answers.given.contains_key(&q.key))
        .count();
    super::widgets::card(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("Questionnaire · {}", r.query.period.label()))
                    .font(theme::SECTION)
                    .strong(),
            );
            ui.label(
                RichText::new(format!("{answered} of {total} answered · saved as you go"))
                    .color(theme::MUTED),
            );
        });
        ui.add(egui::ProgressBar::new(answered as f32 / total.max(1) as f32).desired_height(6.0));
        ui.horizontal_wrapped(|ui| {
            for (i, p) in pillars.iter().enumerate() {
                let qs = model.questions_of(p);
                let done = qs
                    .iter()
                    .filter(|q| r.answers.given.contains_key(&q.key))
                    .count();
                if ui
                    .selectable_label(i == page, format!("{} {done}/{}", p.name, qs.len()))
                    .clicked()
                {
                    commands.push(Command::OpenQuestionnaire(Some(i)));
                }
            }
        });
        ui.add_space(4.0);
        ui.label(
            RichText::new(format!(
                "Pillar {} of {}: {}",
                page + 1,
                pillars.len(),
                pillar.name
            ))
            .strong(),
        );
        ui.label(
            RichText::new(format!("From \"{}\" to \"{}\"", pillar.from, pillar.to))
                .small()
                .color(theme::MUTED),
        );
        ui.add_space(4.0);
        // The statement wraps in what the three choices leave of the row.
        let choices = 340.0;
        let text_width = (ui.available_width() - choices).max(240.0);
        for (n, q) in model.questions_of(pillar).into_iter().enumerate() {
            let given = r.answers.given.get(&q.key).copied();
            ui.separator();
            ui.horizontal(|ui| {
                ui.allocate_ui(egui::vec2(text_width, 0.0), |ui| {
                    ui.set_width(text_width);
                    ui.add(
                        egui::Label::new(format!("{}. {} (level {})", n + 1, q.text, q.level))
                            .wrap(),
                    );
                });
                for a in Answer::ALL {
                    let radio = ui.radio(given == Some(a), a.label());
                    let name = format!("{}: {}", q.text, a.label());
                    radio.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::accesskit::Role::RadioButton,
                            true,
                            given == Some(a),
                            &name,
                        )
                    });
                    if radio.clicked() {
                        let answer = (given != Some(a)).then_some(a);
                        commands.push(Command::SetMaturityAnswer {
                            question: q.key.clone(),
                            answer,
                        });
                    }
                }
            });
        }
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(page > 0, egui::Button::new("Previous pillar"))
                .clicked()
            {
                commands.push(Command::OpenQuestionnaire(Some(page - 1)));
            }
            if ui
                .add_enabled(page + 1 < pillars.len(), egui::Button::new("Next pillar"))
                .clicked()
            {
                commands.push(Command::OpenQuestionnaire(Some(page + 1)));
            }
            if ui.button("Close the questionnaire").clicked() {
                commands.push(Command::OpenQuestionnaire(None));
            }
        });
    });
    ui.add_space(8.0);
    commands
}
