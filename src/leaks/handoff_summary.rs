//! A handoff of the map: its leaks together, each record counted once. A record two of a
//! handoff's checks flag (an MQL both never accepted and never touched) is one leaked
//! record, not two; how many are in both is kept for the leak's detail.

use serde::Serialize;

use super::{Handoff, Leak, LeakKind, RecordRef, ratio};

/// A handoff's leaked records, the records that went through it, and their revenue at
/// stake, each record counted once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoffSummary {
    pub handoff: Handoff,
    /// Distinct records any of the handoff's leaks flagged.
    pub count: usize,
    /// Distinct records any of its checks looked at.
    pub volume: usize,
    /// Share of the volume handled within every SLA of the handoff.
    pub compliance: Option<f64>,
    /// Each leaked record's stake once (the largest any of its leaks priced it at).
    pub revenue_at_stake: f64,
    /// Records two of the handoff's leaks both flagged.
    pub overlaps: Vec<Overlap>,
}

/// How many records two leaks of one handoff both flagged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlap {
    pub a: LeakKind,
    pub b: LeakKind,
    pub count: usize,
}

impl HandoffSummary {
    /// The summary of `handoff` over the period's `leaks`.
    pub fn of(handoff: Handoff, leaks: &[Leak]) -> Self {
        let mine: Vec<&Leak> = leaks
            .iter()
            .filter(|l| l.kind.handoff() == handoff)
            .collect();
        let mut leaked: Vec<(RecordRef, f64)> = mine
            .iter()
            .flat_map(|l| l.records.iter())
            .map(|f| (f.record, f.at_stake.unwrap_or(0.0)))
            .collect();
        // Each record once, at the largest stake any leak gave it.
        leaked.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        leaked.dedup_by_key(|(r, _)| *r);
        let mut checked: Vec<RecordRef> = mine
            .iter()
            .flat_map(|l| l.checked.iter().copied())
            .collect();
        checked.sort_unstable();
        checked.dedup();
        let mut overlaps = Vec::new();
        for (i, a) in mine.iter().enumerate() {
            for b in mine.iter().skip(i + 1) {
                let count = in_both(a, b);
                if count > 0 {
                    overlaps.push(Overlap {
                        a: a.kind,
                        b: b.kind,
                        count,
                    });
                }
            }
        }
        let (count, volume) = (leaked.len(), checked.len().max(leaked.len()));
        Self {
            handoff,
            count,
            volume,
            compliance: ratio(volume - count, volume),
            revenue_at_stake: leaked.iter().map(|(_, stake)| stake).sum(),
            overlaps,
        }
    }

    /// The leaks that share records with `kind`, and how many.
    pub fn shared_with(&self, kind: LeakKind) -> Vec<(LeakKind, usize)> {
        self.overlaps
            .iter()
            .filter_map(|o| match (o.a == kind, o.b == kind) {
                (true, _) => Some((o.b, o.count)),
                (_, true) => Some((o.a, o.count)),
                _ => None,
            })
            .collect()
    }
}

/// The map's handoffs, in the flow's order and the data last, over the period's `leaks`.
pub fn handoff_summaries(leaks: &[Leak]) -> Vec<HandoffSummary> {
    Handoff::FLOW
        .iter()
        .chain(std::iter::once(&Handoff::Data))
        .map(|h| HandoffSummary::of(*h, leaks))
        .collect()
}

/// How many records both `a` and `b` flagged.
fn in_both(a: &Leak, b: &Leak) -> usize {
    let mut of_a: Vec<RecordRef> = a.records.iter().map(|f| f.record).collect();
    of_a.sort_unstable();
    of_a.dedup();
    let mut of_b: Vec<RecordRef> = b.records.iter().map(|f| f.record).collect();
    of_b.sort_unstable();
    of_b.dedup();
    of_b.iter()
        .filter(|r| of_a.binary_search(r).is_ok())
        .count()
}
