//! Data leaks: records that cannot be placed because their stage dates go backwards or a
//! field the definitions require is missing; every other number is less true for them.

use super::builder::LeakBuilder;
use super::stalled::StageLookup;
use super::{Context, Flagged, Leak, LeakKind, RecordRef};
use crate::definitions::apply::{RecordView, StageSource, has_value};
use crate::definitions::model::RequiredFields;
use crate::import::values::format_date_time;
use crate::metrics::deals::amount_in_reporting;
use crate::model::{DealStatus, RecordObject, Timestamp};

/// The fields `rules` require of a record of `object` at deal-stage position `position`
/// (contacts and accounts have none: only rules without a stage apply to them).
fn required<'a>(
    rules: &'a [(&'a RequiredFields, Option<usize>)],
    object: RecordObject,
    position: Option<usize>,
) -> impl Iterator<Item = crate::model::Field> + 'a {
    rules
        .iter()
        .filter(move |(r, from)| {
            r.object == object
                && match from {
                    None => r.from_stage.is_none(),
                    Some(from) => position.is_some_and(|p| p >= *from),
                }
        })
        .flat_map(|(r, _)| r.fields.iter().copied())
}

/// The data-gap leak.
pub fn detect(cx: &Context<'_>) -> Leak {
    let defs = cx.defs;
    let mut leak = LeakBuilder::new(LeakKind::DataGap, cx);
    let rules: Vec<(&RequiredFields, Option<usize>)> = defs
        .required_fields
        .iter()
        .map(|r| {
            let from = r
                .from_stage
                .as_ref()
                .and_then(|s| defs.deal_stages.iter().position(|d| &d.name == s));
            (r, from)
        })
        .filter(|(r, from)| r.from_stage.is_none() || from.is_some())
        .collect();
    let sources = StageSource::all(defs);
    let names: Vec<&str> = defs
        .lifecycle_stages
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let mut dates: Vec<Option<Timestamp>> = Vec::with_capacity(sources.len());
    for (index, c) in cx.records.contacts.iter().enumerate() {
        dates.clear();
        dates.extend(sources.iter().map(|s| s.date(c)));
        let Some(q) = c
            .created
            .or_else(|| dates.iter().flatten().copied().min())
            .and_then(|t| cx.quarter_of(t))
        else {
            continue;
        };
        let record = RecordRef {
            object: RecordObject::Contact,
            index,
        };
        leak.check(q, record);
        let mut problems = Vec::new();
        if let Some(text) = backwards(&dates, &names) {
            problems.push(text);
        }
        let missing: Vec<&str> = required(&rules, RecordObject::Contact, None)
            .filter(|f| !has_value(RecordView::Contact(c), *f))
            .map(|f| f.label())
            .collect();
        if !missing.is_empty() {
            problems.push(format!("no {}", missing.join(", no ")));
        }
        if !problems.is_empty() {
            leak.flag(q, || {
                flagged(record, &c.source_id, c.created, problems, None)
            });
        }
    }
    let mut lookup = StageLookup::new(defs);
    for (index, d) in cx.records.deals.iter().enumerate() {
        let (position, status) = lookup.outcome(d);
        // Open deals are part of the period's work whenever they were created.
        let q = if status == DealStatus::Open {
            cx.current()
        } else if let Some(q) = d.created.and_then(|t| cx.quarter_of(t)) {
            q
        } else {
            continue;
        };
        let record = RecordRef {
            object: RecordObject::Deal,
            index,
        };
        leak.check(q, record);
        // A lost deal's amount or close date no longer moves revenue: only its owner counts.
        let at = if status == DealStatus::Lost {
            None
        } else {
            position
        };
        let missing: Vec<&str> = required(&rules, RecordObject::Deal, at)
            .filter(|f| !has_value(RecordView::Deal(d), *f))
            .map(|f| f.label())
            .collect();
        if !missing.is_empty() {
            let stage = position
                .and_then(|p| defs.deal_stages.get(p))
                .map_or_else(|| "an unmapped stage".to_owned(), |s| s.name.clone());
            let problems = vec![format!("no {} (in {stage})", missing.join(", no "))];
            leak.flag(q, || {
                flagged(
                    record,
                    &d.source_id,
                    d.created,
                    problems,
                    amount_in_reporting(defs, d),
                )
            });
        }
    }
    for (index, a) in cx.records.accounts.iter().enumerate() {
        let Some(q) = a.closed_won.and_then(|t| cx.quarter_of(t)) else {
            continue;
        };
        let record = RecordRef {
            object: RecordObject::Account,
            index,
        };
        leak.check(q, record);
        let missing: Vec<&str> = required(&rules, RecordObject::Account, None)
            .filter(|f| !has_value(RecordView::Account(a), *f))
            .map(|f| f.label())
            .collect();
        if !missing.is_empty() {
            let problems = vec![format!("no {}", missing.join(", no "))];
            leak.flag(q, || {
                flagged(record, &a.source_id, a.closed_won, problems, None)
            });
        }
    }
    leak.finish(
        cx,
        None,
        "The amounts of the deals among these records, where known: the revenue whose numbers cannot be trusted until they are fixed.".to_owned(),
    )
}

/// "SQL (2025-03-02) before MQL (2025-03-05)" for the first pair of stage dates that go
/// backwards.
fn backwards(dates: &[Option<Timestamp>], names: &[&str]) -> Option<String> {
    let mut latest: Option<(usize, Timestamp)> = None;
    for (i, d) in dates.iter().enumerate() {
        let Some(t) = *d else { continue };
        if let Some((j, earlier)) = latest
            && t < earlier
        {
            let name = |k: usize| names.get(k).copied().unwrap_or("?");
            return Some(format!(
                "stage dates out of order: {} ({}) before {} ({})",
                name(i),
                format_date_time(t),
                name(j),
                format_date_time(earlier)
            ));
        }
        if latest.is_none_or(|(_, e)| t >= e) {
            latest = Some((i, t));
        }
    }
    None
}

fn flagged(
    record: RecordRef,
    source_id: &str,
    started: Option<Timestamp>,
    problems: Vec<String>,
    at_stake: Option<f64>,
) -> Flagged {
    Flagged {
        record,
        source_id: source_id.to_owned(),
        started: started.unwrap_or_default(),
        due: None,
        done: None,
        late_days: 0.0,
        at_stake,
        reason: problems.join("; "),
    }
}
