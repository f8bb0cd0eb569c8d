//! Stalled deals: open on the as-of date and idle in their stage past its limit, or past
//! their close date. A snapshot: the exports hold each deal's current state only.

use std::collections::HashMap;

use super::builder::LeakBuilder;
use super::{Context, Flagged, Leak, LeakKind, RecordRef, days_between};
use crate::definitions::Definitions;
use crate::definitions::apply::deal_stage;
use crate::definitions::model::{Sla, StageOutcome};
use crate::definitions::sla_clock::SlaClock;
use crate::import::values::format_date_time;
use crate::metrics::deals::amount_in_reporting;
use crate::model::{Deal, DealStatus, RecordObject, Timestamp};

/// Maps raw stage values to deal stage positions, each distinct value worked out once.
pub(crate) struct StageLookup<'d, 'r> {
    defs: &'d Definitions,
    seen: HashMap<(&'r str, Option<&'r str>, &'r str), Option<usize>>,
}

impl<'d, 'r> StageLookup<'d, 'r> {
    pub fn new(defs: &'d Definitions) -> Self {
        Self {
            defs,
            seen: HashMap::new(),
        }
    }

    /// The position in the definitions' deal stages of `raw`, a stage value of `deal`.
    pub fn position(&mut self, deal: &'r Deal, raw: &'r str) -> Option<usize> {
        let key = (deal.source_system.as_str(), deal.pipeline.as_deref(), raw);
        if let Some(p) = self.seen.get(&key) {
            return *p;
        }
        let defs = self.defs;
        let p = deal_stage(defs, &deal.source_system, deal.pipeline.as_deref(), raw)
            .and_then(|stage| defs.deal_stages.iter().position(|s| s.name == stage.name));
        self.seen.insert(key, p);
        p
    }

    /// Whether `deal` is open, won or lost (as [`crate::metrics::deals::outcome`]).
    pub fn outcome(&mut self, deal: &'r Deal) -> (Option<usize>, DealStatus) {
        let position = deal
            .raw_stage
            .as_deref()
            .and_then(|r| self.position(deal, r));
        let status = match position
            .and_then(|p| self.defs.deal_stages.get(p))
            .map(|s| s.outcome)
        {
            Some(StageOutcome::Won) => DealStatus::Won,
            Some(StageOutcome::Lost) => DealStatus::Lost,
            Some(StageOutcome::Open) | None => deal.status,
        };
        (position, status)
    }
}

/// When `deal` entered the stage at `position`: the latest stage entry that maps to it,
/// else its created date.
fn entered<'r>(
    lookup: &mut StageLookup<'_, 'r>,
    deal: &'r Deal,
    position: usize,
) -> Option<(Timestamp, bool)> {
    let from_history = deal
        .stage_entries
        .iter()
        .filter(|e| lookup.position(deal, &e.stage) == Some(position))
        .map(|e| e.entered)
        .max();
    from_history
        .map(|t| (t, true))
        .or_else(|| deal.created.map(|t| (t, false)))
}

/// The stalled-deal leak.
pub fn detect(cx: &Context<'_>) -> Leak {
    let defs = cx.defs;
    let mut leak = LeakBuilder::snapshot(LeakKind::StalledDeal, cx);
    let q = cx.current();
    let clocks: Vec<(Sla, SlaClock)> = defs
        .deal_stages
        .iter()
        .map(|s| {
            let sla = s.idle_limit.unwrap_or(defs.slas.idle_in_stage);
            (sla, SlaClock::new(sla, &defs.calendar))
        })
        .collect();
    let mut lookup = StageLookup::new(defs);
    let as_of_day = cx.as_of - 86_400;
    for (index, d) in cx.records.deals.iter().enumerate() {
        let (position, status) = lookup.outcome(d);
        if status != DealStatus::Open || d.created.is_some_and(|t| t >= cx.as_of) {
            continue;
        }
        let record = RecordRef {
            object: RecordObject::Deal,
            index,
        };
        leak.check(q, record);
        let mut reasons = Vec::new();
        let mut late = f64::MIN;
        let mut started = d.created.unwrap_or(cx.as_of);
        let mut due = None;
        if let Some(p) = position
            && let Some((sla, clock)) = clocks.get(p)
            && let Some((since, from_history)) = entered(&mut lookup, d, p)
        {
            let limit = clock.deadline(since);
            if limit < cx.as_of {
                let stage = defs.deal_stages.get(p).map_or("", |s| s.name.as_str());
                reasons.push(format!(
                    "{:.0} days in {stage} since {} (limit {sla}){}",
                    days_between(since, cx.as_of),
                    format_date_time(since),
                    if from_history {
                        ""
                    } else {
                        "; no stage history, counted from the created date"
                    }
                ));
                late = late.max(days_between(limit, cx.as_of));
                started = since;
                due = Some(limit);
            }
        }
        if let Some(close) = d.close_date
            && close < as_of_day
        {
            reasons.push(format!(
                "close date {} has passed and the deal is still open",
                format_date_time(close)
            ));
            late = late.max(days_between(close, cx.as_of));
            if due.is_none() {
                due = Some(close);
                started = d.created.unwrap_or(close);
            }
        }
        if reasons.is_empty() {
            continue;
        }
        leak.flag(q, || Flagged {
            record,
            source_id: d.source_id.clone(),
            started,
            due,
            done: None,
            late_days: late,
            at_stake: amount_in_reporting(defs, d),
            reason: reasons.join("; "),
        });
    }
    leak.finish(
        cx,
        Some(format!(
            "{} (or the stage's own idle limit)",
            defs.slas.idle_in_stage
        )),
        "The amounts of the stalled deals, in the reporting currency (deals with no amount, or in a currency with no rate, add nothing).".to_owned(),
    )
}
