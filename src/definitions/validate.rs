//! Checks a definition set's references and values, naming the key of every problem.

use super::model::{Definitions, Op, RuleValue, ValueShape};
use crate::model::RecordObject;

/// The most lifecycle stages a funnel may have.
pub const MAX_LIFECYCLE_STAGES: usize = 20;

/// One problem, at a key path such as `stage_mapping[3].stage`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.key, self.reason)
    }
}

/// Every problem in `d`; empty when the set can be saved.
pub fn problems(d: &Definitions) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut add = |key: String, reason: String| out.push(Problem { key, reason });
    if !(1..=12).contains(&d.fiscal_year_start_month) {
        add(
            "fiscal_year_start_month".into(),
            format!("{} is not a month (1 to 12)", d.fiscal_year_start_month),
        );
    }
    if !is_currency_code(&d.currency.reporting) {
        add(
            "currency.reporting".into(),
            format!(
                "\"{}\" is not a three-letter currency code such as USD",
                d.currency.reporting
            ),
        );
    }
    for (code, rate) in &d.currency.rates {
        if !is_currency_code(code) {
            add(
                format!("currency.rates.{code}"),
                "is not a three-letter currency code".into(),
            );
        }
        if !(rate.is_finite() && *rate > 0.0) {
            add(
                format!("currency.rates.{code}"),
                format!("the rate must be a positive number, not {rate}"),
            );
        }
    }
    if let Some(zone) = &d.calendar.time_zone
        && zone.parse::<chrono_tz::Tz>().is_err()
    {
        add(
            "calendar.time_zone".into(),
            format!("\"{zone}\" is not a time zone name such as Europe/Berlin or America/New_York"),
        );
    }
    for (i, s) in d.deal_stages.iter().enumerate() {
        if let Some(limit) = s.idle_limit
            && !(limit.amount.is_finite() && limit.amount > 0.0)
        {
            add(
                format!("deal_stages[{i}].idle_limit.amount"),
                format!(
                    "an idle limit must be a positive number, not {}",
                    limit.amount
                ),
            );
        }
    }
    for (i, t) in d.teams.iter().enumerate() {
        if t.name.trim().is_empty() {
            add(format!("teams[{i}].name"), "every team needs a name".into());
        }
        for m in &t.members {
            if let Some(other) = d.teams.iter().take(i).find(|o| {
                o.members
                    .iter()
                    .any(|x| x.trim().eq_ignore_ascii_case(m.trim()))
            }) {
                add(
                    format!("teams[{i}].members"),
                    format!("{m} is already in the team {}", other.name),
                );
            }
        }
    }
    if d.calendar.working_days.is_empty() {
        add(
            "calendar.working_days".into(),
            "at least one working day is needed for business-day SLAs".into(),
        );
    }
    for (name, _, sla) in d.slas.named() {
        if !(sla.amount.is_finite() && sla.amount > 0.0) {
            add(
                format!("slas.{name}.amount"),
                format!("an SLA must be a positive number, not {}", sla.amount),
            );
        }
    }
    if d.lifecycle_stages.len() < 2 {
        add(
            "lifecycle_stages".into(),
            "a funnel needs at least two stages".into(),
        );
    }
    if d.lifecycle_stages.len() > MAX_LIFECYCLE_STAGES {
        add(
            "lifecycle_stages".into(),
            format!(
                "a funnel of more than {MAX_LIFECYCLE_STAGES} stages cannot be read at a glance; merge some of the {}",
                d.lifecycle_stages.len()
            ),
        );
    }
    for (i, s) in d.lifecycle_stages.iter().enumerate() {
        if s.key.trim().is_empty() || s.name.trim().is_empty() {
            add(
                format!("lifecycle_stages[{i}]"),
                "every stage needs a key and a name".into(),
            );
        }
        if d.lifecycle_stages.iter().take(i).any(|o| o.key == s.key) {
            add(
                format!("lifecycle_stages[{i}].key"),
                format!("\"{}\" is used by another stage", s.key),
            );
        }
        if d.lifecycle_stages
            .iter()
            .take(i)
            .any(|o| o.name.eq_ignore_ascii_case(&s.name))
        {
            add(
                format!("lifecycle_stages[{i}].name"),
                format!("\"{}\" is used by another stage", s.name),
            );
        }
    }
    let deal_stage_names: Vec<&str> = d.deal_stages.iter().map(|s| s.name.as_str()).collect();
    if d.deal_stages.is_empty() {
        add(
            "deal_stages".into(),
            "at least one deal stage is needed".into(),
        );
    }
    for (i, s) in d.deal_stages.iter().enumerate() {
        if s.name.trim().is_empty() {
            add(
                format!("deal_stages[{i}].name"),
                "every deal stage needs a name".into(),
            );
        }
        if deal_stage_names
            .iter()
            .take(i)
            .any(|o| o.eq_ignore_ascii_case(&s.name))
        {
            add(
                format!("deal_stages[{i}].name"),
                format!("\"{}\" is used by another deal stage", s.name),
            );
        }
    }
    let known_stages = || deal_stage_names.join(", ");
    for (i, m) in d.stage_mapping.iter().enumerate() {
        if !deal_stage_names.contains(&m.stage.as_str()) {
            add(
                format!("stage_mapping[{i}].stage"),
                format!(
                    "\"{}\" is not one of the deal stages ({})",
                    m.stage,
                    known_stages()
                ),
            );
        }
        if m.raw.is_empty() {
            add(
                format!("stage_mapping[{i}].raw"),
                "list at least one raw stage value".into(),
            );
        }
        if m.crm.trim().is_empty() {
            add(
                format!("stage_mapping[{i}].crm"),
                "say which CRM the values come from (hubspot, salesforce, pipedrive, …)".into(),
            );
        }
    }
    for (i, r) in d.rules.iter().enumerate() {
        let object = if r.term == "churned" {
            RecordObject::Account
        } else if r.term == "rejected" || d.lifecycle_stages.iter().any(|s| s.key == r.term) {
            RecordObject::Contact
        } else {
            let keys: Vec<&str> = d.lifecycle_stages.iter().map(|s| s.key.as_str()).collect();
            add(
                format!("rules[{i}].term"),
                format!(
                    "\"{}\" is not a lifecycle stage key ({}), \"rejected\" or \"churned\"",
                    r.term,
                    keys.join(", ")
                ),
            );
            continue;
        };
        if !r.date.applies_to(object) || r.date.kind() != crate::model::ValueKind::Timestamp {
            add(
                format!("rules[{i}].date"),
                format!(
                    "\"{}\" is not a date field of {}",
                    r.date.label(),
                    object.plural()
                ),
            );
        }
        if r.conditions.is_empty() {
            add(
                format!("rules[{i}].conditions"),
                "a rule needs at least one condition".into(),
            );
        }
        for (j, c) in r.conditions.iter().enumerate() {
            let key = format!("rules[{i}].conditions[{j}]");
            if !c.field.applies_to(object) {
                add(
                    format!("{key}.field"),
                    format!("{} is not a field of {}", c.field.label(), object.plural()),
                );
            }
            let shape_ok = matches!(
                (c.op.takes(), &c.value),
                (ValueShape::None, None)
                    | (ValueShape::One, Some(RuleValue::One(_)))
                    | (ValueShape::List, Some(RuleValue::List(_)))
            );
            if !shape_ok {
                add(format!("{key}.value"), value_shape_reason(c.op));
            }
        }
    }
    for (i, r) in d.required_fields.iter().enumerate() {
        if let Some(stage) = &r.from_stage
            && !deal_stage_names.contains(&stage.as_str())
        {
            add(
                format!("required_fields[{i}].from_stage"),
                format!(
                    "\"{stage}\" is not one of the deal stages ({})",
                    known_stages()
                ),
            );
        }
        for (j, f) in r.fields.iter().enumerate() {
            if !f.applies_to(r.object) {
                add(
                    format!("required_fields[{i}].fields[{j}]"),
                    format!("{} is not a field of {}", f.label(), r.object.plural()),
                );
            }
        }
    }
    for (i, t) in d.targets.iter().enumerate() {
        if crate::definitions::fiscal::Quarter::parse(&t.period).is_none() {
            add(
                format!("targets[{i}].period"),
                format!("\"{}\" is not a quarter; write it as 2025-Q3", t.period),
            );
        }
        if !(t.amount.is_finite() && t.amount > 0.0) {
            add(
                format!("targets[{i}].amount"),
                format!("a target must be a positive amount, not {}", t.amount),
            );
        }
        if d.targets
            .iter()
            .take(i)
            .any(|o| o.period == t.period && o.segment == t.segment)
        {
            add(
                format!("targets[{i}]"),
                "the same quarter and segment has another target".into(),
            );
        }
    }
    out
}

fn value_shape_reason(op: Op) -> String {
    match op.takes() {
        ValueShape::None => format!("\"{op:?}\" takes no value"),
        ValueShape::One => format!("\"{op:?}\" needs one value, e.g. value = \"Paid Search\""),
        ValueShape::List => {
            format!("\"{op:?}\" needs a list, e.g. value = [\"Paid Search\", \"Referrals\"]")
        }
    }
}

fn is_currency_code(s: &str) -> bool {
    s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase())
}
