//! Stalled deals: open on the as-of date and idle in their stage past its limit, or past
//! their close date. A snapshot: the exports hold each deal's current state only.

use super::builder::LeakBuilder;
use super::why::{IdleStage, Why};
use super::{Context, Flagged, Leak, LeakKind, RecordRef, Timeline};
use crate::definitions::apply::DealStageLookup;
use crate::definitions::sla_clock::SlaClock;
use crate::metrics::deals::amount_in_reporting;
use crate::model::{Deal, DealStatus, RecordObject, Timestamp};

/// When `deal` entered the stage at `position`: the latest stage entry that maps to it,
/// else its created date.
fn entered(
    lookup: &mut DealStageLookup<'_>,
    deal: &Deal,
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
    clocks: Vec<SlaClock>,
}

impl StalledDeals {
    /// Ready to count `deals` deals, with each deal stage's idle limit worked out once.
    pub fn new(cx: &Timeline<'_>, deals: usize) -> Self {
        let defs = cx.defs;
        Self {
            leak: LeakBuilder::snapshot(LeakKind::StalledDeal, cx, deals),
            clocks: defs
                .deal_stages
                .iter()
                .map(|s| {
                    SlaClock::new(
                        s.idle_limit.unwrap_or(defs.slas.idle_in_stage),
                        &defs.calendar,
                    )
                })
                .collect(),
        }
    }

    /// Adds what `later` counted over the deals after this one's.
    pub fn merge(&mut self, later: Self) {
        self.leak.merge(later.leak);
    }

    /// Counts one deal, at deal-stage `position` with `status` (from the lookup).
    pub fn observe(
        &mut self,
        cx: &Timeline<'_>,
        lookup: &mut DealStageLookup<'_>,
        index: usize,
        d: &Deal,
        (position, status): (Option<usize>, DealStatus),
    ) {
        if status != DealStatus::Open || d.created.is_some_and(|t| t >= cx.as_of.deals) {
            return;
        }
        let q = cx.current();
        let record = RecordRef::new(RecordObject::Deal, index);
        self.leak.check(q, record);
        // Idle past the stage's limit: since when, and when the limit ran out.
        let idle = position
            .and_then(|p| Some((p, self.clocks.get(p)?, entered(lookup, d, p)?)))
            .map(|(p, clock, (since, from_history))| {
                (p, since, from_history, clock.deadline(since))
            })
            .filter(|(_, _, _, limit)| *limit < cx.as_of.deals);
        let close = d
            .close_date
            .filter(|close| *close < cx.as_of.deals - 86_400);
        if idle.is_none() && close.is_none() {
            return;
        }
        // Due at whichever ran out first, so the days late are the longer of the two.
        let due = match (idle.map(|i| i.3), close) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let started = idle.map_or_else(|| d.created.unwrap_or(cx.as_of.deals), |i| i.1);
        self.leak.flag(q, || Flagged {
            record,
            started,
            due,
            done: None,
            at_stake: amount_in_reporting(cx.defs, d),
            why: Why::Stalled {
                idle: idle.map(|(p, _, from_history, _)| IdleStage {
                    stage: u16::try_from(p).unwrap_or(u16::MAX),
                    from_history,
                }),
                close_passed: close.is_some(),
            },
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
