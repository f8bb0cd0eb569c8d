//! A definitions change in plain words, as the impact preview, the history and
//! `definitions diff` say it: "MQL to SQL decision: from 5 to 2 business days", not
//! `slas.mql_to_sql.amount: was 5.0, now 2.0`.

use super::diff::Change;
use super::model::Definitions;

/// Each change of `changes` (from `before` to `after`) as a line people read; an SLA's
/// amount and unit changed together are one line.
pub fn describe(changes: &[Change], before: &Definitions, after: &Definitions) -> Vec<String> {
    let mut lines = Vec::new();
    let mut said: Vec<String> = Vec::new();
    for c in changes {
        // An SLA's (or a stage's idle limit's) amount and unit are one line.
        if let Some(name) = sla_of(&c.key) {
            if !said.iter().any(|s| s == name) {
                said.push(name.to_owned());
                lines.extend(sla_line(name, before, after));
            }
            continue;
        }
        if let Some(i) = idle_limit_of(&c.key) {
            let key = format!("idle {i}");
            if !said.contains(&key) {
                said.push(key);
                lines.extend(idle_limit_line(i, before, after));
            }
            continue;
        }
        if c.key == "currency.zero_is_a_price" {
            // Left out of the file when off.
            let yes = |d: &Definitions| {
                if d.currency.zero_is_a_price {
                    "yes"
                } else {
                    "no"
                }
            };
            lines.push(format!(
                "Won deals at 0 count as worth 0: from {} to {}",
                yes(before),
                yes(after)
            ));
            continue;
        }
        if c.key == "fiscal_year_start_month" {
            let month = |d: &Definitions| {
                chrono::Month::try_from(u8::try_from(d.fiscal_year_start_month).unwrap_or(1))
                    .map_or_else(
                        |_| d.fiscal_year_start_month.to_string(),
                        |m| m.name().to_owned(),
                    )
            };
            lines.push(format!(
                "Fiscal year starts in: from {} to {}",
                month(before),
                month(after)
            ));
            continue;
        }
        lines.push(format!(
            "{}: from {} to {}",
            label(&c.key, before, after),
            value(c.before.as_deref()),
            value(c.after.as_deref())
        ));
    }
    lines
}

/// The SLA a key is part of (`slas.mql_to_sql.amount` → `mql_to_sql`).
fn sla_of(key: &str) -> Option<&str> {
    let rest = key.strip_prefix("slas.")?;
    rest.split('.').next()
}

/// The deal stage whose idle limit a key is part of (`deal_stages[2].idle_limit.amount`).
fn idle_limit_of(key: &str) -> Option<usize> {
    let rest = key.strip_prefix("deal_stages[")?;
    let (index, field) = rest.split_once(']')?;
    field
        .strip_prefix(".idle_limit")
        .and_then(|_| index.parse().ok())
}

/// "Deal stage Proposal, idle limit: from 30 to 45 calendar days", the stage's own limit or the
/// default one.
fn idle_limit_line(i: usize, before: &Definitions, after: &Definitions) -> Option<String> {
    let limit = |d: &Definitions| {
        let stage = d.deal_stages.get(i)?;
        Some(match &stage.idle_limit {
            Some(own) => own.to_string(),
            None => format!("{} (the default)", d.slas.idle_in_stage),
        })
    };
    let name = after
        .deal_stages
        .get(i)
        .or_else(|| before.deal_stages.get(i))?;
    Some(format!(
        "Deal stage {}, idle limit: from {} to {}",
        name.name,
        limit(before)?,
        limit(after)?
    ))
}

/// "MQL to SQL decision: from 5 to 2 business days", with both units when it changed.
fn sla_line(name: &str, before: &Definitions, after: &Definitions) -> Option<String> {
    let find = |d: &Definitions| {
        d.slas
            .named()
            .into_iter()
            .find(|(key, _, _)| *key == name)
            .map(|(_, label, sla)| (label, *sla))
    };
    let ((label, was), (_, now)) = (find(before)?, find(after)?);
    Some(if was.unit == now.unit {
        format!(
            "{label}: from {} to {} {}",
            number(was.amount),
            number(now.amount),
            now.unit.label()
        )
    } else {
        format!(
            "{label}: from {} {} to {} {}",
            number(was.amount),
            was.unit.label(),
            number(now.amount),
            now.unit.label()
        )
    })
}

/// `5` for 5.0, `0.5` for 0.5.
fn number(x: f64) -> String {
    let text = format!("{x}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

/// A value as the diff holds it (JSON), for people.
fn value(v: Option<&str>) -> String {
    match v {
        None | Some("null") => "(not set)".to_owned(),
        Some("true") => "yes".to_owned(),
        Some("false") => "no".to_owned(),
        Some(text) => {
            let plain = text.replace('"', "");
            let plain = plain
                .strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .map_or(plain.clone(), |t| t.replace(',', ", "));
            plain
                .strip_suffix(".0")
                .map_or(plain.clone(), str::to_owned)
        }
    }
}

/// What a key names, for people: the section, the item by its name, and the field.
fn label(key: &str, before: &Definitions, after: &Definitions) -> String {
    let fixed = match key {
        "currency.reporting" => Some("Reporting currency"),
        "calendar.working_days" => Some("Working days"),
        "calendar.holidays" => Some("Holidays"),
        "calendar.time_zone" => Some("Time zone of business days"),
        _ => None,
    };
    if let Some(fixed) = fixed {
        return fixed.to_owned();
    }
    if let Some(code) = key.strip_prefix("currency.rates.") {
        return format!("Rate of 1 {code} in {}", after.currency.reporting);
    }
    let Some((section, rest)) = key.split_once('[') else {
        return words(key);
    };
    let (index, field) = rest.split_once(']').unwrap_or((rest, ""));
    let field = words(field.trim_start_matches('.')).to_lowercase();
    let i: usize = index.parse().unwrap_or(usize::MAX);
    let item = name_of(section, i, after).or_else(|| name_of(section, i, before));
    let item = item.unwrap_or_else(|| format!("{} {}", words(section), i.saturating_add(1)));
    if field.is_empty() {
        item
    } else {
        format!("{item}, {field}")
    }
}

/// The `i`th item of a list of the definitions, by what people call it.
fn name_of(section: &str, i: usize, d: &Definitions) -> Option<String> {
    Some(match section {
        "lifecycle_stages" => format!("Lifecycle stage {}", d.lifecycle_stages.get(i)?.name),
        "deal_stages" => format!("Deal stage {}", d.deal_stages.get(i)?.name),
        "stage_mapping" => {
            let m = d.stage_mapping.get(i)?;
            format!("Mapping of {} \"{}\"", m.crm, m.raw.join("\", \""))
        }
        "rules" => format!("Rule for {}", d.rules.get(i)?.term),
        "required_fields" => {
            let r = d.required_fields.get(i)?;
            match &r.from_stage {
                Some(stage) => format!("Required fields of a {} from {stage}", r.object.as_str()),
                None => format!("Required fields of a {}", r.object.as_str()),
            }
        }
        "targets" => {
            let t = d.targets.get(i)?;
            match &t.segment {
                Some(segment) => format!("Revenue target {} {segment}", t.period),
                None => format!("Revenue target {}", t.period),
            }
        }
        "teams" => format!("Team {}", d.teams.get(i)?.name),
        _ => return None,
    })
}

/// A key's part in words: `idle_limit.amount` → `idle limit amount`.
fn words(part: &str) -> String {
    let text = part.replace(['_', '.'], " ");
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definitions::defaults;
    use crate::definitions::diff::diff;
    use crate::definitions::model::SlaUnit;

    #[test]
    fn changes_read_as_sentences_about_the_dictionary() {
        let before = defaults();
        let mut after = before.clone();
        after.slas.mql_to_sql.amount = 2.0;
        after.slas.won_to_kickoff.amount = 2.0;
        after.slas.won_to_kickoff.unit = SlaUnit::BusinessDays;
        after.fiscal_year_start_month = 2;
        after.currency.zero_is_a_price = true;
        after.deal_stages[2].idle_limit = Some(crate::definitions::model::Sla {
            amount: 45.0,
            unit: SlaUnit::Days,
        });
        let lines = describe(&diff(&before, &after), &before, &after);
        assert_eq!(
            lines,
            [
                "Won deals at 0 count as worth 0: from no to yes",
                "Deal stage Proposal, idle limit: from 30 calendar days (the default) to 45 calendar days",
                "Fiscal year starts in: from January to February",
                "MQL to SQL decision: from 5 to 2 business days",
                "Closed-won to onboarding kickoff: from 48 hours to 2 business days",
            ]
        );
    }
}
