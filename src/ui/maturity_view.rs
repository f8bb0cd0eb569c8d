//! The Pillar maturity view: the radar of answers against evidence, the overall level and
//! the next move, then each pillar (the next move first) with its KPI, disagreement,
//! evidence table, answers and levels across quarters.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::maturity_radar::{ANSWERS, EVIDENCE, TARGET, legend_item, radar_ui};
use super::theme;
use crate::maturity::{Behind, Model, PillarAssessment};
use crate::view_model::command::Command;
use crate::view_model::maturity::{MaturityResult, MaturityViewModel, SignalRecords};

/// Draws the view; returns what the user asked for.
pub fn maturity_view_ui(ui: &mut egui::Ui, model: &MaturityViewModel<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    super::widgets::view_heading(ui, "Pillar maturity", model.computing);
    let Some(r) = model.result else {
        ui.label(RichText::new("Measuring the pillars' evidence…").color(theme::MUTED));
        return commands;
    };
    let report = &r.report;
    let answered = if report.answered_by.is_empty() {
        "no answers yet".to_owned()
    } else {
        format!(
            "answers by {}, {} UTC",
            report.answered_by, report.answered_at
        )
    };
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "{} · definitions v{} · {answered} ·",
                report.period, report.definitions_version
            ))
            .color(theme::MUTED),
        );
        let label = ui.label(RichText::new("pillars:").color(theme::MUTED));
        egui::ComboBox::from_id_salt("maturity_framework")
            .selected_text(&report.framework)
            .width(330.0)
            .show_ui(ui, |ui| {
                for f in &r.model.frameworks {
                    if ui
                        .selectable_label(f.key == r.model.framework, &f.name)
                        .clicked()
                        && f.key != r.model.framework
                    {
                        commands.push(Command::SetMaturityFramework(f.key.clone()));
                    }
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("The same answers and evidence, grouped into another set of pillars");
    });
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some(page) = model.questionnaire {
                commands.extend(super::questionnaire::questionnaire_ui(ui, r, page));
            } else {
                commands.extend(invitation_ui(ui, r, model.has_data));
            }
            summary_ui(ui, r);
            ui.add_space(10.0);
            ui.label(
                RichText::new("Pillars, the next move first")
                    .font(theme::SECTION)
                    .strong(),
            );
            for i in pillar_order(r) {
                if let Some(p) = report.pillars.get(i) {
                    commands.extend(pillar_ui(ui, r, i, p, model.records));
                }
            }
        });
    commands
}

/// The questionnaire's button and progress; with no answers, why to answer, and the
/// earlier quarter's answers as a start.
fn invitation_ui(ui: &mut egui::Ui, r: &MaturityResult, has_data: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    let total = r.model.questions.len();
    let answered = r.answers.given.len();
    if !has_data {
        ui.label(
            RichText::new(
                "No data yet: every signal below says which export would measure it. The \
                 questionnaire works without data.",
            )
            .color(theme::ACCENT),
        );
    }
    ui.horizontal(|ui| {
        let label = if answered == 0 {
            "Answer the questions".to_owned()
        } else {
            format!("Answer the questions ({answered} of {total} answered)")
        };
        let answer = egui::Button::new(RichText::new(label).color(egui::Color32::WHITE))
            .fill(theme::ACCENT);
        if ui.add(answer).clicked() {
            commands.push(Command::OpenQuestionnaire(Some(0)));
        }
        if let Some((q, earlier)) = &r.earlier_answers
            && earlier.given.keys().any(|k| !r.answers.given.contains_key(k))
            && ui
                .button(format!(
                    "Start from {}'s answers ({})",
                    q.label(),
                    earlier.given.len()
                ))
                .on_hover_text("Copies the earlier quarter's answers to questions not answered yet; change any of them after.")
                .clicked()
        {
            commands.push(Command::StartFromEarlierAnswers);
        }
    });
    if answered == 0 {
        ui.label(
            RichText::new(format!(
                "No answers for {} yet: the levels come from the data alone. {total} statements, \
                 answered No, Sometimes or Yes, consistently, put the team's view beside the data's.",
                r.query.period.label()
            ))
            .color(theme::MUTED),
        );
    }
    ui.add_space(8.0);
    commands
}

/// The radar beside the overall level, the next move and the legend.
fn summary_ui(ui: &mut egui::Ui, r: &MaturityResult) {
    let report = &r.report;
    let model: &Model = &r.model;
    ui.horizontal_top(|ui| {
        let size = (ui.available_width() * 0.55 / 2.4).clamp(200.0, 300.0);
        radar_ui(ui, report, model.target, size);
        ui.vertical(|ui| {
            ui.add_space(12.0);
            let overall = match report.overall {
                Some(l) => format!("Overall: {} (level {l})", model.level_name(Some(l))),
                None => "Overall: no level yet".to_owned(),
            };
            ui.label(RichText::new(overall).font(theme::BIG_NUMBER).strong());
            if let Some(avg) = report.average {
                ui.label(
                    RichText::new(format!(
                        "Capped by the weakest pillar; the pillars average {avg:.1}."
                    ))
                    .color(theme::MUTED),
                );
            }
            ui.add_space(8.0);
            if let Some(p) = report.next() {
                ui.label(RichText::new("Next move").strong());
                ui.label(format!(
                    "{} ({}): {}",
                    p.name,
                    model.level_name(p.level),
                    p.focus
                ));
                ui.label(
                    RichText::new(format!(
                        "The weakest pillar; ties go by the build order Align, Define, Instrument, Enable, Measure, Optimize (this one: {}).",
                        p.step
                    ))
                    .small()
                    .color(theme::MUTED),
                );
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                legend_item(ui, ANSWERS, false, "Answers");
                legend_item(ui, EVIDENCE, false, "Evidence");
                legend_item(
                    ui,
                    TARGET,
                    true,
                    &format!("Target: {}", model.level_name(Some(model.target))),
                );
            });
            let differ = report
                .pillars
                .iter()
                .filter(|p| p.disagreement.is_some())
                .count();
            if differ > 0 {
                ui.label(
                    RichText::new(format!(
                        "Answers and evidence differ by a level or more on {differ} pillar{}.",
                        if differ == 1 { "" } else { "s" }
                    ))
                    .color(theme::WARN),
                );
            }
        });
    });
}

/// The pillars' indices, the next move first, then by level (lowest first) and build
/// order; pillars with no level last.
fn pillar_order(r: &MaturityResult) -> Vec<usize> {
    let step = |s: &str| {
        crate::maturity::model::STEPS
            .iter()
            .position(|x| *x == s)
            .unwrap_or(9)
    };
    let mut order: Vec<usize> = (0..r.report.pillars.len()).collect();
    order.sort_by_key(|&i| {
        let p = &r.report.pillars[i];
        (
            Some(i) != r.report.next_move,
            p.level.unwrap_or(9),
            step(&p.step),
        )
    });
    order
}

/// One pillar's card.
fn pillar_ui(
    ui: &mut egui::Ui,
    r: &MaturityResult,
    index: usize,
    p: &PillarAssessment,
    records: Option<&SignalRecords>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let model: &Model = &r.model;
    ui.add_space(6.0);
    super::widgets::card(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(&p.name).font(theme::SECTION).strong());
            ui.label(
                RichText::new(match p.level {
                    Some(l) => format!("{} (level {l})", model.level_name(Some(l))),
                    None => "no level yet".to_owned(),
                })
                .strong()
                .color(level_colour(p.level, model.target)),
            );
            ui.label(
                RichText::new(format!(
                    "answers: {} · evidence: {} · owner {}",
                    model.level_name(p.self_level),
                    model.level_name(p.evidence_level),
                    p.owner
                ))
                .color(theme::MUTED),
            );
        });
        if let Some(k) = &p.kpi {
            ui.label(format!("KPI · {}: {} {}", p.kpi_name, k.name, k.shown));
        }
        if let Some(d) = &p.disagreement {
            ui.label(RichText::new(d).color(theme::WARN).strong());
        }
        ui.label(RichText::new(format!("Level: {}.", p.level_reason)).color(theme::MUTED));
        ui.label(format!("Focus for the next step: {}", p.focus));
        let open = records.filter(|o| p.signals.iter().any(|s| s.key == o.signal));
        commands.extend(evidence_table_ui(
            ui,
            index,
            p,
            open.map(|o| o.signal.as_str()),
        ));
        if let Some(o) = open {
            let title = p
                .signals
                .iter()
                .find(|s| s.key == o.signal)
                .map_or("", |s| s.name.as_str());
            commands.extend(super::signal_records::signal_records_ui(ui, o, title));
        }
        answers_ui(ui, r, p);
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!(
                    "Answered {} of {} statements",
                    p.answered, p.questions
                ))
                .color(theme::MUTED),
            );
            if ui.small_button("Answer this pillar").clicked() {
                let page = model
                    .framework()
                    .pillars
                    .iter()
                    .position(|x| x.key == p.key);
                commands.push(Command::OpenQuestionnaire(page));
            }
        });
        trend_ui(ui, r, index);
    });
    commands
}

/// The pillar's statements with the answers given, folded away until opened.
fn answers_ui(ui: &mut egui::Ui, r: &MaturityResult, p: &PillarAssessment) {
    if p.answered == 0 {
        return;
    }
    let model: &Model = &r.model;
    let Some(pillar) = model.framework().pillars.iter().find(|x| x.key == p.key) else {
        return;
    };
    egui::CollapsingHeader::new(format!(
        "The answers ({}: {})",
        model.level_name(p.self_level),
        r.report.answered_by
    ))
    .id_salt(("answers", &p.key))
    .show(ui, |ui| {
        for q in model.questions_of(pillar) {
            let answer = r
                .answers
                .given
                .get(&q.key)
                .map_or("not answered", |a| a.label());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(answer).strong());
                ui.label(
                    RichText::new(format!("{} (level {})", q.text, q.level)).color(theme::MUTED),
                );
            });
        }
    });
}

fn level_colour(level: Option<u8>, target: u8) -> egui::Color32 {
    match level {
        Some(l) if l >= target => theme::GOOD,
        Some(l) if l + 1 == target => theme::WARN,
        Some(_) => theme::BAD,
        None => theme::MUTED,
    }
}

/// The pillar's signals: value, level supported, what it was measured on, and the
/// records behind it (a leak's open in the Handoff leaks view).
fn evidence_table_ui(
    ui: &mut egui::Ui,
    index: usize,
    p: &PillarAssessment,
    listed: Option<&str>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let gap = ui.spacing().item_spacing.x;
    let basis = (ui.available_width() - 320.0 - 80.0 - 60.0 - 110.0 - 5.0 * gap).max(200.0);
    ui.push_id(("evidence", index), |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .vscroll(false)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(320.0).clip(true))
            .column(Column::exact(80.0))
            .column(Column::exact(60.0))
            .column(Column::exact(basis).clip(true))
            .column(Column::exact(110.0))
            .header(22.0, |mut row| {
                for t in ["Signal", "Value", "Level", "Measured on", "Records"] {
                    row.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|mut body| {
                for s in &p.signals {
                    body.row(24.0, |mut row| {
                        row.col(|ui| {
                            ui.label(&s.name).on_hover_text(&s.name);
                        });
                        row.col(|ui| {
                            match s.value {
                                Some(_) => ui.label(&s.shown),
                                None => ui
                                    .label(RichText::new("—").color(theme::MUTED))
                                    .on_hover_text(
                                        "Not measured: the next column says what would measure it",
                                    ),
                            };
                        });
                        row.col(|ui| {
                            ui.label(s.level.map_or_else(|| "—".to_owned(), |l| l.to_string()));
                        });
                        row.col(|ui| {
                            ui.label(RichText::new(&s.basis).color(theme::MUTED))
                                .on_hover_text(&s.basis);
                        });
                        row.col(|ui| match &s.behind {
                            Behind::Leaks(kinds) if s.records > 0 => {
                                let open = ui
                                    .small_button(format!(
                                        "{} · open",
                                        crate::text::count(s.records)
                                    ))
                                    .on_hover_text(format!(
                                        "Show the records in Handoff leaks ({})",
                                        kinds
                                            .iter()
                                            .map(|k| k.label())
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    ));
                                if open.clicked()
                                    && let Some(k) = kinds.first()
                                {
                                    commands.push(Command::OpenLeak(*k));
                                }
                            }
                            Behind::Deals(_) | Behind::Contacts(_) if s.records > 0 => {
                                let shown = listed == Some(s.key.as_str());
                                let list = super::widgets::named_button(
                                    ui,
                                    true,
                                    &format!(
                                        "{} · {}",
                                        crate::text::count(s.records),
                                        if shown { "close" } else { "list" }
                                    ),
                                    &format!("List the records behind {}", s.name),
                                );
                                if list.clicked() {
                                    commands.push(Command::OpenSignalRecords(
                                        (!shown).then(|| s.key.clone()),
                                    ));
                                }
                            }
                            _ if s.value.is_some() => {
                                ui.label(crate::text::count(s.records));
                            }
                            _ => {
                                ui.label("—");
                            }
                        });
                    });
                }
            });
    });
    commands
}

/// The pillar's level in the quarters before and this one.
fn trend_ui(ui: &mut egui::Ui, r: &MaturityResult, index: usize) {
    let model: &Model = &r.model;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Across quarters:").color(theme::MUTED));
        for q in &r.trend {
            let level = q.levels.get(index).copied().flatten();
            ui.label(format!(
                "{} {}",
                q.period.label(),
                level.map_or_else(
                    || "—".to_owned(),
                    |l| format!("{} ({l})", model.level_name(Some(l)))
                )
            ));
        }
    });
}
