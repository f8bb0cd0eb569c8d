//! Stalled deals: open on the as-of date and idle in their stage past its limit, or past
//! their close date. A snapshot: the exports hold each deal's current state only.

use super::builder::LeakBuilder;
use super::why::{Idle, Why};
use super::{Context, Flagged, Leak, LeakKind, RecordRef, days_between};
use crate::definitions::apply::DealStageLookup;
use crate::definitions::model::Sla;
use crate::definitions::sla_clock::SlaClock;
use crate::metrics::deals::amount_in_reporting;
use crate::model::{Deal, DealStatus, RecordObject, Timestamp};

/// When `deal` entered the stage at `position`: the latest stage entry that maps to it,
/// else its created date.
fn entered<'r>(
    lookup: &mut DealStageLookup<'_, 'r>,
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

/// The stalled-deal leak being counted.
pub struct StalledDeals {
    leak: LeakBuilder,
    clocks: Vec<(Sla, SlaClock)>,
}

impl StalledDeals {
    /// Ready to count, with each deal stage's idle limit worked out once.
    pub fn new(cx: &Context<'_>) -> Self {
        let defs = cx.defs;
        Self {
            leak: LeakBuilder::snapshot(LeakKind::StalledDeal, cx),
            clocks: defs
                .deal_stages
                .iter()
                .map(|s| {
                    let sla = s.idle_limit.unwrap_or(defs.slas.idle_in_stage);
                    (sla, SlaClock::new(sla, &defs.calendar))
                })
                .collect(),
        }
    }

    /// Adds what `later` counted over the deals after this one's.
    pub fn merge(&mut self, later: Self) {
        self.leak.merge(later.leak);
    }

    /// Counts one deal, at deal-stage `position` with `status` (from the lookup).
    pub fn observe<'r>(
        &mut self,
        cx: &Context<'_>,
        lookup: &mut DealStageLookup<'_, 'r>,
        index: usize,
        d: &'r Deal,
        (position, status): (Option<usize>, DealStatus),
    ) {
        if status != DealStatus::Open || d.created.is_some_and(|t| t >= cx.as_of) {
            return;
        }
        let q = cx.current();
        let record = RecordRef::new(RecordObject::Deal, index);
        self.leak.check(q, record);
        let mut idle = None;
        let mut late = f64::MIN;
        let mut due = None;
        if let Some(p) = position
            && let Some((sla, clock)) = self.clocks.get(p)
            && let Some((since, from_history)) = entered(lookup, d, p)
        {
            let limit = clock.deadline(since);
            if limit < cx.as_of {
                idle = Some(Idle {
                    stage: p,
                    since,
                    from_history,
                    limit: *sla,
                });
                late = days_between(limit, cx.as_of);
                due = Some(limit);
            }
        }
        let close_passed = d.close_date.filter(|close| *close < cx.as_of - 86_400);
        if let Some(close) = close_passed {
            late = late.max(days_between(close, cx.as_of));
            due = due.or(Some(close));
        }
        if idle.is_none() && close_passed.is_none() {
            return;
        }
        let started = idle.map_or_else(|| d.created.unwrap_or(cx.as_of), |i| i.since);
        self.leak.flag(q, || Flagged {
            record,
            started,
            due,
            done: None,
            late_days: late,
            at_stake: amount_in_reporting(cx.defs, d),
            why: Why::Stalled { idle, close_passed },
        });
    }

    /// The leak.
    pub fn finish(self, cx: &Context<'_>) -> Leak {
        self.leak.finish(
            cx,
            Some(cx.defs.slas.idle_in_stage.to_string()),
            "The amounts of the stalled deals, in the reporting currency (deals with no amount, or in a currency with no rate, add nothing).".to_owned(),
        )
    }
}
