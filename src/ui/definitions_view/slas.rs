//! The SLA editor: amount and unit per handoff, idle limits per deal stage, and the
//! working week, holidays and time zone behind business days.

use eframe::egui::{self, RichText};

use crate::definitions::model::{SlaUnit, WeekDay};
use crate::ui::theme;
use crate::view_model::definitions::DefinitionsDraft;

pub(super) fn slas_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
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
                            .custom_formatter(amount_text)
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

/// Each open deal stage's own idle limit, where it differs from the idle-in-stage SLA.
pub(super) fn idle_limits_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
    let default = draft.definitions.slas.idle_in_stage;
    ui.label(
        RichText::new(format!(
            "Idle limit per deal stage (a deal longer in the stage counts as stalled; {default} unless set)"
        ))
        .color(theme::MUTED),
    );
    egui::Grid::new("idle_limits")
        .num_columns(2)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for stage in draft
                .definitions
                .deal_stages
                .iter_mut()
                .filter(|s| s.outcome == crate::definitions::model::StageOutcome::Open)
            {
                let mut own = stage.idle_limit.is_some();
                let label = format!("{}: own idle limit", stage.name);
                let check = ui.checkbox(&mut own, &label);
                if check.changed() {
                    stage.idle_limit = own.then_some(default);
                }
                ui.horizontal(|ui| {
                    if let Some(limit) = &mut stage.idle_limit {
                        ui.add(
                            egui::DragValue::new(&mut limit.amount)
                                .speed(0.5)
                                .custom_formatter(amount_text)
                                .range(0.0..=100_000.0),
                        )
                        .labelled_by(check.id)
                        .on_hover_text(format!("{}: idle limit amount", stage.name));
                        egui::ComboBox::from_id_salt(("idle_unit", stage.name.as_str()))
                            .selected_text(limit.unit.label())
                            .show_ui(ui, |ui| {
                                for unit in SlaUnit::ALL {
                                    ui.selectable_value(&mut limit.unit, unit, unit.label());
                                }
                            })
                            .response
                            .labelled_by(check.id)
                            .on_hover_text(format!("{}: idle limit unit", stage.name));
                    } else {
                        ui.label(RichText::new(default.to_string()).color(theme::MUTED));
                    }
                });
                ui.end_row();
            }
        });
}

const DAYS: [(WeekDay, &str); 7] = [
    (WeekDay::Mon, "Mon"),
    (WeekDay::Tue, "Tue"),
    (WeekDay::Wed, "Wed"),
    (WeekDay::Thu, "Thu"),
    (WeekDay::Fri, "Fri"),
    (WeekDay::Sat, "Sat"),
    (WeekDay::Sun, "Sun"),
];

/// The working week and holidays business-day SLAs count with.
pub(super) fn calendar_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
    let holiday_text = &mut draft.holiday_input;
    let cal = &mut draft.definitions.calendar;
    ui.horizontal(|ui| {
        ui.label("Working days");
        for (day, label) in DAYS {
            let mut on = cal.working_days.contains(&day);
            if ui.checkbox(&mut on, label).changed() {
                if on {
                    cal.working_days.push(day);
                    cal.working_days
                        .sort_by_key(|d| DAYS.iter().position(|(x, _)| x == d));
                } else {
                    cal.working_days.retain(|d| *d != day);
                }
            }
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Time zone");
        let mut zone = cal.time_zone.clone().unwrap_or_default();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut zone)
                    .hint_text("UTC")
                    .desired_width(180.0),
            )
            .labelled_by(label.id)
            .on_hover_text("The IANA time zone business days are counted in, e.g. Europe/Berlin");
        if edit.changed() {
            cal.time_zone = (!zone.trim().is_empty()).then(|| zone.trim().to_owned());
        }
        match cal.time_zone.as_deref() {
            Some(z) if z.parse::<chrono_tz::Tz>().is_err() => {
                ui.label(
                    RichText::new("not a time zone name such as America/New_York")
                        .color(theme::BAD),
                );
            }
            Some(_) => {}
            None => {
                ui.label(RichText::new("business days counted in UTC").color(theme::MUTED));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Holidays");
        let mut remove = None;
        for (i, day) in cal.holidays.iter().enumerate() {
            if ui
                .button(day.to_string())
                .on_hover_text("Click to remove this holiday")
                .clicked()
            {
                remove = Some(i);
            }
        }
        if let Some(i) = remove {
            cal.holidays.remove(i);
        }
        let label = ui.label("add");
        ui.add(
            egui::TextEdit::singleline(holiday_text)
                .hint_text("2025-12-25")
                .desired_width(100.0),
        )
        .labelled_by(label.id);
        let parsed = chrono::NaiveDate::parse_from_str(holiday_text.trim(), "%Y-%m-%d");
        if ui
            .add_enabled(parsed.is_ok(), egui::Button::new("Add holiday"))
            .clicked()
            && let Ok(day) = parsed
        {
            if !cal.holidays.contains(&day) {
                cal.holidays.push(day);
                cal.holidays.sort();
            }
            holiday_text.clear();
        }
        if !holiday_text.trim().is_empty() && parsed.is_err() {
            ui.label(RichText::new("write the date as 2025-12-25").color(theme::BAD));
        }
    });
}

/// An SLA's amount as people say it: "24", or "1.5" when it has a fraction.
fn amount_text(amount: f64, _: std::ops::RangeInclusive<usize>) -> String {
    if amount.fract() == 0.0 {
        format!("{amount:.0}")
    } else {
        format!("{amount:.1}")
    }
}
