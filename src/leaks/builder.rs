//! Collects one leak over the trend's quarters in a single pass: volume and count per
//! quarter, and the records themselves for the period only.

use super::{Context, Flagged, Leak, LeakKind, RecordRef, Timeline, TrendPoint, ratio};

/// A leak being counted.
pub(crate) struct LeakBuilder {
    kind: LeakKind,
    current: usize,
    counts: Vec<usize>,
    volumes: Vec<usize>,
    records: Vec<Flagged>,
    checked: Vec<RecordRef>,
    with_trend: bool,
}

impl LeakBuilder {
    /// A builder for `kind` over the context's quarters, for a pass over `records`
    /// records. Room for half of them to be checked and a quarter to leak is set aside at
    /// once: growing the lists a step at a time was a seventh of a large recompute (memory
    /// set aside but never written costs nothing).
    pub fn new(kind: LeakKind, cx: &Timeline<'_>, records: usize) -> Self {
        let n = cx.quarters.len();
        Self {
            kind,
            current: cx.current(),
            counts: vec![0; n],
            volumes: vec![0; n],
            records: Vec::with_capacity(records / 4),
            checked: Vec::with_capacity(records / 2),
            with_trend: true,
        }
    }

    /// A leak measured only as of the as-of date, with no trend.
    pub fn snapshot(kind: LeakKind, cx: &Timeline<'_>, records: usize) -> Self {
        Self {
            with_trend: false,
            ..Self::new(kind, cx, records)
        }
    }

    /// Counts `record` in quarter `q`'s volume.
    pub fn check(&mut self, q: usize, record: RecordRef) {
        if let Some(v) = self.volumes.get_mut(q) {
            *v += 1;
        }
        if q == self.current {
            self.checked.push(record);
        }
    }

    /// Counts a leaked record in quarter `q`; `flagged` is only built for the period.
    pub fn flag(&mut self, q: usize, flagged: impl FnOnce() -> Flagged) {
        if let Some(c) = self.counts.get_mut(q) {
            *c += 1;
        }
        if q == self.current {
            self.records.push(flagged());
        }
    }

    /// Adds what `later` counted over the records after this builder's.
    pub fn merge(&mut self, later: Self) {
        for (a, b) in self.counts.iter_mut().zip(later.counts) {
            *a += b;
        }
        for (a, b) in self.volumes.iter_mut().zip(later.volumes) {
            *a += b;
        }
        self.records.extend(later.records);
        self.checked.extend(later.checked);
    }

    /// Sets each period record's revenue at stake, once the numbers to price it are known.
    pub fn price(&mut self, value: impl Fn(&Flagged) -> Option<f64>) {
        for r in &mut self.records {
            r.at_stake = value(r);
        }
    }

    /// How many of the period's records `keep` holds for.
    pub fn count_where(&self, keep: impl Fn(&Flagged) -> bool) -> usize {
        self.records.iter().filter(|r| keep(r)).count()
    }

    /// The leak, with `sla` and the formula its revenue at stake was priced by.
    pub fn finish(self, cx: &Context<'_>, sla: Option<String>, stake_formula: String) -> Leak {
        let count = self.counts.get(self.current).copied().unwrap_or(0);
        let volume = self.volumes.get(self.current).copied().unwrap_or(0);
        let priced: Vec<f64> = self.records.iter().filter_map(|r| r.at_stake).collect();
        let revenue_at_stake = (!priced.is_empty()).then(|| priced.iter().sum());
        let trend = if self.with_trend {
            cx.quarters
                .iter()
                .zip(self.counts.iter().zip(&self.volumes))
                .map(|((q, _), (c, v))| TrendPoint {
                    period: q.label(),
                    count: *c,
                    volume: *v,
                    share: ratio(*c, *v),
                })
                .collect()
        } else {
            Vec::new()
        };
        Leak {
            kind: self.kind,
            as_of: self.kind.judged_at(cx.as_of),
            count,
            volume,
            share: ratio(count, volume),
            sla,
            revenue_at_stake,
            stake_formula,
            records: self.records,
            known_only_as_of: None,
            began_in_period: None,
            checked: self.checked,
            trend,
        }
    }
}
