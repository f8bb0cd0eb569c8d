//! The deals' part of a period's leaks — stalled deals, the deals' data gaps and the
//! period's won deals — found in one pass over the deals in order, one deal at a time, so
//! the deals can be counted as they stream from the store rather than held.

use std::ops::Range;

use super::Timeline;
use super::data_gaps::DataGaps;
use super::stake::WonDeals;
use super::stalled::StalledDeals;
use crate::definitions::apply::DealStageLookup;
use crate::metrics::parallel::in_parallel;
use crate::model::{Deal, Timestamp};

/// What the deals seen so far add to the leaks of a timeline's period.
pub struct DealFindings<'d> {
    stalled: StalledDeals,
    gaps: DataGaps<'d>,
    won: WonDeals,
    lookup: DealStageLookup<'d>,
    /// The period, for the won deals.
    period: Range<Timestamp>,
    /// The index the next deal has among all of them.
    next: usize,
}

impl std::fmt::Debug for DealFindings<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DealFindings")
            .field("deals", &self.next)
            .finish_non_exhaustive()
    }
}

impl<'d> DealFindings<'d> {
    /// Nothing found yet, the next deal being deal `first`; room is set aside for `deals`.
    pub(crate) fn new(timeline: &Timeline<'d>, first: usize, deals: usize) -> Self {
        Self {
            stalled: StalledDeals::new(timeline, deals),
            gaps: DataGaps::new(timeline, deals),
            won: WonDeals::default(),
            lookup: DealStageLookup::new(timeline.defs),
            period: timeline
                .period
                .bounds(timeline.defs.fiscal_year_start_month),
            next: first,
        }
    }

    /// Counts the next deal, `d`, its stage looked up once.
    pub(crate) fn observe(&mut self, timeline: &Timeline<'_>, d: &Deal) {
        let index = self.next;
        self.next += 1;
        let stage = self.lookup.outcome(d);
        self.stalled
            .observe(timeline, &mut self.lookup, index, d, stage);
        self.gaps.observe_deal(timeline, index, d, stage);
        self.won.observe(timeline.defs, &self.period, d, stage.1);
    }

    /// Adds what `later` found in the deals after these.
    pub(crate) fn merge(&mut self, later: Self) {
        self.stalled.merge(later.stalled);
        self.gaps.merge(later.gaps);
        self.won.merge(later.won);
        self.next = later.next;
    }

    /// Every deal of `deals`, split in `chunks` chunks worked on at once.
    pub(crate) fn of(timeline: &Timeline<'d>, deals: &[Deal], chunks: usize) -> Self {
        in_parallel(deals, chunks, |offset, chunk| {
            let mut found = Self::new(timeline, offset, chunk.len());
            for d in chunk {
                found.observe(timeline, d);
            }
            found
        })
        .into_iter()
        .reduce(|mut found, later| {
            found.merge(later);
            found
        })
        .unwrap_or_else(|| Self::new(timeline, 0, 0))
    }

    /// How many deals were counted.
    pub fn deals(&self) -> usize {
        self.next
    }

    /// The stalled deals, the deals' data gaps and the won deals.
    pub(crate) fn into_parts(self) -> (StalledDeals, DataGaps<'d>, WonDeals) {
        (self.stalled, self.gaps, self.won)
    }
}
