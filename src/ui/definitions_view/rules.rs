//! The qualification rules editor: for each term, all or any of (field, operator, value),
//! and the date field that says when the record reached it. No free-form code.

use eframe::egui::{self, RichText};

use crate::definitions::model::{Condition, Match, Op, Rule, RuleValue, ValueShape};
use crate::model::{Field, RecordObject, ValueKind};
use crate::ui::theme;
use crate::ui::widgets::named_button;
use crate::view_model::definitions::DefinitionsDraft;

const OPS: [(Op, &str); 7] = [
    (Op::IsSet, "is set"),
    (Op::IsNotSet, "is not set"),
    (Op::Equals, "equals"),
    (Op::NotEquals, "does not equal"),
    (Op::Contains, "contains"),
    (Op::In, "is one of"),
    (Op::NotIn, "is none of"),
];

fn op_label(op: Op) -> &'static str {
    OPS.iter().find(|(o, _)| *o == op).map_or("", |(_, l)| l)
}

pub(super) fn rules_ui(ui: &mut egui::Ui, draft: &mut DefinitionsDraft) {
    let mut terms: Vec<(String, String)> = draft
        .definitions
        .lifecycle_stages
        .iter()
        .map(|s| (s.key.clone(), s.name.clone()))
        .collect();
    terms.push((
        "churned".to_owned(),
        "Churned (customer accounts)".to_owned(),
    ));
    let mut remove_rule = None;
    for (i, rule) in draft.definitions.rules.iter_mut().enumerate() {
        crate::ui::widgets::card(ui, |ui| {
            rule_ui(ui, i, rule, &terms);
            if ui.button("Remove this rule").clicked() {
                remove_rule = Some(i);
            }
        });
    }
    if let Some(i) = remove_rule {
        draft.definitions.rules.remove(i);
    }
    if ui.button("Add a rule").clicked() {
        draft.definitions.rules.push(Rule {
            term: "mql".to_owned(),
            matches: Match::All,
            date: Field::MqlDate,
            conditions: vec![Condition {
                field: Field::MqlDate,
                op: Op::IsSet,
                value: None,
            }],
        });
    }
    ui.label(
        RichText::new("Without a rule, a stage is reached at its imported \"became a … date\".")
            .color(theme::MUTED),
    );
}

fn rule_ui(ui: &mut egui::Ui, i: usize, rule: &mut Rule, terms: &[(String, String)]) {
    let object = if rule.term == "churned" {
        RecordObject::Account
    } else {
        RecordObject::Contact
    };
    let fields: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| f.applies_to(object))
        .collect();
    ui.horizontal(|ui| {
        let l = ui.label("Counts as");
        egui::ComboBox::from_id_salt(("term", i))
            .selected_text(
                terms
                    .iter()
                    .find(|(k, _)| *k == rule.term)
                    .map_or(rule.term.as_str(), |(_, n)| n.as_str()),
            )
            .show_ui(ui, |ui| {
                for (key, name) in terms {
                    ui.selectable_value(&mut rule.term, key.clone(), name);
                }
            })
            .response
            .labelled_by(l.id);
        ui.label("when");
        ui.radio_value(&mut rule.matches, Match::All, "all");
        ui.radio_value(&mut rule.matches, Match::Any, "any");
        ui.label("of these hold, from the date in");
        egui::ComboBox::from_id_salt(("date", i))
            .selected_text(rule.date.label())
            .show_ui(ui, |ui| {
                for f in fields.iter().filter(|f| f.kind() == ValueKind::Timestamp) {
                    ui.selectable_value(&mut rule.date, *f, f.label());
                }
            })
            .response
            .on_hover_text("The date the record reached it");
    });
    let mut remove = None;
    for (j, c) in rule.conditions.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.add_space(16.0);
            egui::ComboBox::from_id_salt(("cond_field", i, j))
                .selected_text(c.field.label())
                .show_ui(ui, |ui| {
                    for f in &fields {
                        ui.selectable_value(&mut c.field, *f, f.label());
                    }
                })
                .response
                .on_hover_text("Field");
            let before = c.op;
            egui::ComboBox::from_id_salt(("cond_op", i, j))
                .selected_text(op_label(c.op))
                .show_ui(ui, |ui| {
                    for (op, label) in OPS {
                        ui.selectable_value(&mut c.op, op, label);
                    }
                })
                .response
                .on_hover_text("Operator");
            if c.op.takes() != before.takes() {
                c.value = match c.op.takes() {
                    ValueShape::None => None,
                    ValueShape::One => Some(RuleValue::One(String::new())),
                    ValueShape::List => Some(RuleValue::List(Vec::new())),
                };
            }
            value_ui(ui, c);
            if named_button(ui, true, "Remove", "Remove this condition").clicked() {
                remove = Some(j);
            }
        });
    }
    if let Some(j) = remove {
        rule.conditions.remove(j);
    }
    if ui.button("Add a condition").clicked() {
        rule.conditions.push(Condition {
            field: Field::Source,
            op: Op::IsSet,
            value: None,
        });
    }
}

/// One value, or a comma-separated list.
fn value_ui(ui: &mut egui::Ui, c: &mut Condition) {
    match &mut c.value {
        Some(RuleValue::One(text)) => {
            ui.add(
                egui::TextEdit::singleline(text)
                    .desired_width(220.0)
                    .hint_text("value"),
            )
            .on_hover_text("Value");
        }
        Some(RuleValue::List(items)) => {
            let mut text = items.join(",");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .desired_width(320.0)
                        .hint_text("Paid Search, Referrals"),
                )
                .on_hover_text("Values, separated by commas");
            if response.changed() {
                *items = text.split(',').map(str::to_owned).collect();
            }
        }
        None => {}
    }
}
