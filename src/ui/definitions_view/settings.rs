//! Required fields per object and stage, the fiscal year and the reporting currency.

use eframe::egui::{self, RichText};

use crate::definitions::model::RequiredFields;
use crate::model::{Field, RecordObject};
use crate::ui::theme;
use crate::ui::widgets::named_button;
use crate::view_model::definitions::DefinitionsDraft;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const OBJECTS: [RecordObject; 3] = [
    RecordObject::Contact,
    RecordObject::Deal,
    RecordObject::Account,
];

pub(super) fn required_fields_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
    let stages: Vec<String> = draft
        .definitions
        .deal_stages
        .iter()
        .map(|s| s.name.clone())
        .collect();
    let mut remove = None;
    for (i, r) in draft.definitions.required_fields.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Every");
            egui::ComboBox::from_id_salt(("req_object", i))
                .selected_text(r.object.plural())
                .show_ui(ui, |ui| {
                    for o in OBJECTS {
                        ui.selectable_value(&mut r.object, o, o.plural());
                    }
                })
                .response
                .labelled_by(l.id);
            if r.object == RecordObject::Deal {
                egui::ComboBox::from_id_salt(("req_stage", i))
                    .selected_text(
                        r.from_stage
                            .as_deref()
                            .map_or_else(|| "at any stage".to_owned(), |s| format!("from {s} on")),
                    )
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut r.from_stage, None, "at any stage");
                        for s in &stages {
                            ui.selectable_value(
                                &mut r.from_stage,
                                Some(s.clone()),
                                format!("from {s} on"),
                            );
                        }
                    })
                    .response
                    .on_hover_text("From which deal stage on");
            } else {
                r.from_stage = None;
            }
            ui.label("must have");
            let mut drop = None;
            for (j, f) in r.fields.iter().enumerate() {
                if ui
                    .small_button(f.label())
                    .on_hover_text(format!("No longer require {}", f.label()))
                    .clicked()
                {
                    drop = Some(j);
                }
            }
            if let Some(j) = drop {
                r.fields.remove(j);
            }
            let mut add: Option<Field> = None;
            egui::ComboBox::from_id_salt(("req_add", i))
                .selected_text("add a field…")
                .show_ui(ui, |ui| {
                    for f in Field::ALL
                        .into_iter()
                        .filter(|f| f.applies_to(r.object) && !r.fields.contains(f))
                    {
                        ui.selectable_value(&mut add, Some(f), f.label());
                    }
                })
                .response
                .on_hover_text("Require another field");
            if let Some(f) = add {
                r.fields.push(f);
            }
            if named_button(ui, true, "Remove", "Remove this requirement").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        draft.definitions.required_fields.remove(i);
    }
    if ui.button("Add a requirement").clicked() {
        draft.definitions.required_fields.push(RequiredFields {
            object: RecordObject::Deal,
            from_stage: None,
            fields: vec![Field::Owner],
        });
    }
    ui.label(
        RichText::new(
            "Used by the data-quality evidence: records missing these make every number less true.",
        )
        .color(theme::MUTED),
    );
}

pub(super) fn fiscal_and_currency_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
    let defs = &mut draft.definitions;
    egui::Grid::new("fiscal")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("The fiscal year starts in");
            let month = usize::try_from(defs.fiscal_year_start_month).unwrap_or(1);
            egui::ComboBox::from_id_salt("fiscal_month")
                .selected_text(MONTHS.get(month.wrapping_sub(1)).copied().unwrap_or("?"))
                .show_ui(ui, |ui| {
                    for (m, name) in (1_u32..).zip(MONTHS) {
                        ui.selectable_value(&mut defs.fiscal_year_start_month, m, name);
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Reporting currency");
            ui.add(egui::TextEdit::singleline(&mut defs.currency.reporting).desired_width(60.0))
                .labelled_by(l.id);
            ui.end_row();
        });
    ui.checkbox(
        &mut defs.currency.zero_is_a_price,
        "A won deal at 0 is worth 0 (free pilots); otherwise it counts as not priced",
    )
    .on_hover_text(
        "Off: a won deal at 0, like one with no amount, is left out of the average and median won deal and listed as a data gap.",
    );
    ui.label("Fixed rates into the reporting currency (1 unit of the currency is worth):");
    let mut remove = None;
    for (code, rate) in &mut defs.currency.rates {
        ui.horizontal(|ui| {
            let l = ui.label(format!("1 {code} ="));
            ui.add(egui::DragValue::new(rate).speed(0.01).max_decimals(4))
                .labelled_by(l.id);
            ui.label(&defs.currency.reporting);
            if named_button(ui, true, "Remove", &format!("Remove the {code} rate")).clicked() {
                remove = Some(code.clone());
            }
        });
    }
    if let Some(code) = remove {
        defs.currency.rates.remove(&code);
    }
    ui.horizontal(|ui| {
        let l = ui.label("Add a currency");
        ui.add(
            egui::TextEdit::singleline(&mut draft.currency_input)
                .desired_width(60.0)
                .hint_text("CHF"),
        )
        .labelled_by(l.id);
        let upper = draft.currency_input.trim().to_uppercase();
        let rates = &mut draft.definitions.currency.rates;
        let ok = upper.len() == 3
            && upper.chars().all(|c| c.is_ascii_alphabetic())
            && !rates.contains_key(&upper);
        if ui.add_enabled(ok, egui::Button::new("Add")).clicked() {
            rates.insert(upper, 1.0);
            draft.currency_input.clear();
        }
    });
}

/// Revenue targets per quarter (and segment), for pipeline coverage.
pub(super) fn targets_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
    let currency = draft.definitions.currency.reporting.clone();
    let mut remove = None;
    for (i, t) in draft.definitions.targets.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let l = ui.label("Quarter");
            ui.add(
                egui::TextEdit::singleline(&mut t.period)
                    .desired_width(80.0)
                    .hint_text("2025-Q3"),
            )
            .labelled_by(l.id);
            let l = ui.label("segment");
            let mut segment = t.segment.clone().unwrap_or_default();
            if ui
                .add(
                    egui::TextEdit::singleline(&mut segment)
                        .desired_width(120.0)
                        .hint_text("all"),
                )
                .labelled_by(l.id)
                .changed()
            {
                t.segment = (!segment.trim().is_empty()).then(|| segment.trim().to_owned());
            }
            let l = ui.label("target");
            ui.add(
                egui::DragValue::new(&mut t.amount)
                    .speed(1000.0)
                    .range(0.0..=1e12),
            )
            .labelled_by(l.id);
            ui.label(&currency);
            if named_button(
                ui,
                true,
                "Remove",
                &format!("Remove the target for {}", t.period),
            )
            .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        draft.definitions.targets.remove(i);
    }
    if ui.button("Add a target").clicked() {
        draft
            .definitions
            .targets
            .push(crate::definitions::model::RevenueTarget {
                period: String::new(),
                segment: None,
                amount: 1_000_000.0,
            });
    }
    ui.label(RichText::new("Pipeline coverage in the Funnel view is open pipeline due in the quarter ÷ its target; 3× is the usual benchmark.").color(theme::MUTED));
}
