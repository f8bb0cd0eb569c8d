//! The lifecycle funnel: how many records reach each stage, conversion between stages,
//! and the days from one stage to the next, in four counting modes.
//!
//! - **Cohort** (default): of the records created in the period, how many ever reached
//!   each stage. A record that skipped a stage counts as having passed it; how many did is
//!   shown per stage (`skipped`).
//! - **Period**: how many entered each stage during the period, whenever they were created.
//! - **Strict, in order** (HubSpot's sequential funnel): of the records created in the
//!   period, those that reached every stage up to this one, in order; a skip or an
//!   out-of-order date leaves the record out of every later stage.
//! - **Any stage** (HubSpot's "all" funnel): of the records created in the period, those
//!   with a date for the stage, in any order, with no skip inferred.

use serde::{Deserialize, Serialize};

use std::ops::Range;

use super::contact_table::ContactTable;
use super::filter::{Dimension, Filter};
use super::parallel::{chunks_for, ranges_in_parallel};
use super::stats::{days, percentiles};
use super::value_columns::Matcher;
use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::model::Timestamp;

/// How the funnel counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelMode {
    #[default]
    Cohort,
    Period,
    Strict,
    Any,
}

impl FunnelMode {
    /// Every mode, in the order the view offers them.
    pub const ALL: [Self; 4] = [Self::Cohort, Self::Period, Self::Strict, Self::Any];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Cohort => "Cohort",
            Self::Period => "Entered in period",
            Self::Strict => "Strict, in order",
            Self::Any => "Any stage",
        }
    }

    /// What the mode counts, in one sentence.
    pub fn explain(self) -> &'static str {
        match self {
            Self::Cohort => {
                "Of the records created in the period, how many ever reached each stage; a record that skipped a stage counts as having passed it."
            }
            Self::Period => {
                "How many records entered each stage during the period, whenever they were created."
            }
            Self::Strict => {
                "Of the records created in the period, those that reached every stage up to this one in order (HubSpot's sequential funnel)."
            }
            Self::Any => {
                "Of the records created in the period, those with a date for the stage, in any order (HubSpot's all-stages funnel)."
            }
        }
    }

    /// Parses the CLI name (`cohort`, `period`, `strict`, `any`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "cohort" => Some(Self::Cohort),
            "period" => Some(Self::Period),
            "strict" => Some(Self::Strict),
            "any" => Some(Self::Any),
            _ => None,
        }
    }
}

/// One stage of the funnel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageRow {
    pub key: String,
    pub name: String,
    pub count: usize,
    /// Counted without a date for this stage: they skipped it (cohort mode).
    pub skipped: usize,
    /// `count` of the next stage ÷ this `count`; `None` for the last stage or a zero count.
    pub conversion_to_next: Option<f64>,
    /// This `count` ÷ the first stage's count.
    pub cumulative: Option<f64>,
    /// Days from this stage to the next, for the records with both dates in order.
    pub days_to_next: Vec<f64>,
    pub p10_days_to_next: Option<f64>,
    pub p25_days_to_next: Option<f64>,
    pub median_days_to_next: Option<f64>,
    pub p75_days_to_next: Option<f64>,
    pub p90_days_to_next: Option<f64>,
    /// Positions (in the contact table) of the records counted, in order; empty for a
    /// funnel computed as counts only (comparison quarters, breakdown rows).
    pub records: Vec<usize>,
    /// Positions of the records counted that skipped the stage, in order.
    pub skipped_records: Vec<usize>,
}

/// The funnel for one period, mode and filter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LifecycleFunnel {
    pub mode: FunnelMode,
    pub period: String,
    pub stages: Vec<StageRow>,
}

/// Which stages one contact counts at, and which of those it skipped, as bit masks.
#[inline]
fn classify(
    mode: FunnelMode,
    dates: &[Timestamp],
    in_cohort: bool,
    period: &Range<Timestamp>,
) -> (u64, u64) {
    let present = dates
        .iter()
        .enumerate()
        .filter(|(_, d)| **d != Timestamp::MIN)
        .fold(0u64, |m, (i, _)| m | 1 << i);
    match mode {
        FunnelMode::Cohort if in_cohort && present != 0 => {
            // Every stage up to the furthest one reached: a skip counts as passed.
            let furthest = 63 - present.leading_zeros();
            let counted = u64::MAX >> (63 - furthest);
            (counted, counted & !present)
        }
        FunnelMode::Strict if in_cohort => {
            let mut last = Timestamp::MIN;
            let mut counted = 0;
            for (i, d) in dates.iter().enumerate() {
                if *d == Timestamp::MIN || *d < last {
                    break;
                }
                last = *d;
                counted |= 1 << i;
            }
            (counted, 0)
        }
        FunnelMode::Any if in_cohort => (present, 0),
        FunnelMode::Period => {
            let inside = dates
                .iter()
                .enumerate()
                .filter(|(_, d)| period.contains(d))
                .fold(0u64, |m, (i, _)| m | 1 << i);
            (inside, 0)
        }
        FunnelMode::Cohort | FunnelMode::Strict | FunnelMode::Any => (0, 0),
    }
}

/// The stage positions set in `mask`, lowest first.
fn bits(mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (mask != 0).then(|| {
            let i = mask.trailing_zeros();
            mask &= mask - 1;
            i as usize
        })
    })
}

/// What one chunk of contacts adds to a funnel.
#[derive(Default)]
struct Tally {
    counts: Vec<usize>,
    skipped: Vec<usize>,
    records: Vec<Vec<usize>>,
    skipped_records: Vec<Vec<usize>>,
    days_to_next: Vec<Vec<f64>>,
}

impl Tally {
    fn new(n: usize) -> Self {
        Self {
            counts: vec![0; n],
            skipped: vec![0; n],
            records: vec![Vec::new(); n],
            skipped_records: vec![Vec::new(); n],
            days_to_next: vec![Vec::new(); n],
        }
    }

    /// Appends a later chunk's tally.
    fn merge(mut self, later: Self) -> Self {
        let pairs = |a: &mut Vec<usize>, b: Vec<usize>| {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        };
        pairs(&mut self.counts, later.counts);
        pairs(&mut self.skipped, later.skipped);
        for (a, b) in self.records.iter_mut().zip(later.records) {
            a.extend(b);
        }
        for (a, b) in self.skipped_records.iter_mut().zip(later.skipped_records) {
            a.extend(b);
        }
        for (a, b) in self.days_to_next.iter_mut().zip(later.days_to_next) {
            a.extend(b);
        }
        self
    }
}

/// The stage rows of `defs` with these counts and records, conversions worked out.
fn assemble(defs: &Definitions, mode: FunnelMode, period: Quarter, t: Tally) -> LifecycleFunnel {
    let first = t.counts.first().copied().unwrap_or(0);
    let mut records = t.records.into_iter();
    let mut skipped_records = t.skipped_records.into_iter();
    let mut days_to_next = t.days_to_next.into_iter();
    let stages = defs
        .lifecycle_stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let count = t.counts.get(i).copied().unwrap_or(0);
            let days_to_next = days_to_next.next().unwrap_or_default();
            let [p10, p25, median, p75, p90] =
                percentiles(&days_to_next, [10.0, 25.0, 50.0, 75.0, 90.0]);
            StageRow {
                key: s.key.clone(),
                name: s.name.clone(),
                count,
                skipped: t.skipped.get(i).copied().unwrap_or(0),
                conversion_to_next: t.counts.get(i + 1).and_then(|next| ratio(*next, count)),
                cumulative: ratio(count, first),
                p10_days_to_next: p10,
                p25_days_to_next: p25,
                median_days_to_next: median,
                p75_days_to_next: p75,
                p90_days_to_next: p90,
                days_to_next,
                records: records.next().unwrap_or_default(),
                skipped_records: skipped_records.next().unwrap_or_default(),
            }
        })
        .collect();
    LifecycleFunnel {
        mode,
        period: period.label(),
        stages,
    }
}

/// Computes the funnel of the contacts in `table` under `defs` for `period`, with the
/// records behind every count and the days from each stage to the next.
pub fn lifecycle_funnel(
    defs: &Definitions,
    table: &ContactTable,
    filter: &Filter,
    period: Quarter,
    mode: FunnelMode,
) -> LifecycleFunnel {
    let n = table.stages();
    let Some(matcher) = table.matcher(filter) else {
        return assemble(defs, mode, period, Tally::new(n));
    };
    let range = period.bounds(defs.fiscal_year_start_month);
    let tally = ranges_in_parallel(table.len(), chunks_for(table.len()), |rows| {
        let mut t = Tally::new(n);
        for index in rows {
            if !matcher.keeps(table.columns(), index) {
                continue;
            }
            let dates = table.raw_dates(index);
            let in_cohort = table.entered(index).is_some_and(|e| range.contains(&e));
            let (counted, skipped) = classify(mode, dates, in_cohort, &range);
            for i in bits(counted) {
                t.counts[i] += 1;
                t.records[i].push(index);
                if let (Some(a), Some(b)) = (dates.get(i), dates.get(i + 1))
                    && *a != Timestamp::MIN
                    && *b >= *a
                {
                    t.days_to_next[i].push(days(b - a));
                }
            }
            for i in bits(skipped) {
                t.skipped[i] += 1;
                t.skipped_records[i].push(index);
            }
        }
        t
    })
    .into_iter()
    .reduce(Tally::merge)
    .unwrap_or_else(|| Tally::new(n));
    assemble(defs, mode, period, tally)
}

/// Per-stage counts of many funnels at once: one array of `stages` counts per group.
fn count_groups(
    table: &ContactTable,
    matcher: &Matcher,
    groups: usize,
    add: impl Fn(usize, &mut [usize]) + Sync,
) -> Vec<usize> {
    let n = table.stages();
    ranges_in_parallel(table.len(), chunks_for(table.len()), |rows| {
        let mut counts = vec![0; groups * n];
        for index in rows {
            if matcher.keeps(table.columns(), index) {
                add(index, &mut counts);
            }
        }
        counts
    })
    .into_iter()
    .reduce(|mut a, b| {
        for (x, y) in a.iter_mut().zip(b) {
            *x += y;
        }
        a
    })
    .unwrap_or_else(|| vec![0; groups * n])
}

/// Funnels of counts only (no records, no days), one per group, from flat counts.
fn counted_funnels(
    defs: &Definitions,
    mode: FunnelMode,
    periods: impl Iterator<Item = Quarter>,
    counts: &[usize],
) -> Vec<LifecycleFunnel> {
    let n = defs.lifecycle_stages.len().max(1);
    periods
        .zip(counts.chunks(n))
        .map(|(q, c)| {
            let mut t = Tally::new(n);
            t.counts = c.to_vec();
            assemble(defs, mode, q, t)
        })
        .collect()
}

/// The counts of the funnel in each of `quarters` in one pass: for trends and the
/// comparison with earlier quarters. Records and days are left empty.
pub fn funnels_by_quarter(
    defs: &Definitions,
    table: &ContactTable,
    filter: &Filter,
    quarters: &[Quarter],
    mode: FunnelMode,
) -> Vec<LifecycleFunnel> {
    let n = table.stages();
    let month = defs.fiscal_year_start_month;
    let bounds: Vec<Range<Timestamp>> = quarters.iter().map(|q| q.bounds(month)).collect();
    let slot = |t: Timestamp| bounds.iter().position(|b| b.contains(&t));
    let counts = match table.matcher(filter) {
        None => vec![0; quarters.len() * n],
        Some(matcher) => count_groups(table, &matcher, quarters.len(), |index, counts| {
            let dates = table.raw_dates(index);
            if mode == FunnelMode::Period {
                for (i, d) in dates.iter().enumerate() {
                    if let Some(s) = slot(*d) {
                        counts[s * n + i] += 1;
                    }
                }
            } else if let Some(s) = table.entered(index).and_then(slot) {
                let (counted, _) = classify(mode, dates, true, &(0..0));
                for i in bits(counted) {
                    counts[s * n + i] += 1;
                }
            }
        }),
    };
    counted_funnels(defs, mode, quarters.iter().copied(), &counts)
}

/// The counts of the period's funnel for each value of `dimension` among the contacts,
/// in one pass, sorted by value, then (as `None`) the contacts with no value when the
/// period has any. Records and days are left empty.
pub fn funnels_by_value(
    defs: &Definitions,
    table: &ContactTable,
    filter: &Filter,
    period: Quarter,
    mode: FunnelMode,
    dimension: Dimension,
) -> Vec<(Option<String>, LifecycleFunnel)> {
    let n = table.stages();
    let values = table.values(dimension);
    let slot = table.columns().slot_of(dimension);
    let range = period.bounds(defs.fiscal_year_start_month);
    // One group a value, and the last for no value.
    let none = values.len();
    let counts = match table.matcher(filter) {
        None => vec![0; (none + 1) * n],
        Some(matcher) => count_groups(table, &matcher, none + 1, |index, counts| {
            let v = slot
                .and_then(|s| table.columns().value_id(index, s))
                .unwrap_or(none);
            let in_cohort = table.entered(index).is_some_and(|e| range.contains(&e));
            let (counted, _) = classify(mode, table.raw_dates(index), in_cohort, &range);
            for i in bits(counted) {
                counts[v * n + i] += 1;
            }
        }),
    };
    let funnels = counted_funnels(defs, mode, std::iter::repeat(period), &counts);
    let mut rows: Vec<(Option<String>, LifecycleFunnel)> = values
        .iter()
        .cloned()
        .map(Some)
        .chain(std::iter::once(None))
        .zip(funnels)
        .collect();
    if rows
        .last()
        .is_some_and(|(_, f)| f.stages.iter().all(|s| s.count == 0))
    {
        rows.pop();
    }
    rows.sort_by(|a, b| (a.0.is_none(), &a.0).cmp(&(b.0.is_none(), &b.0)));
    rows
}

#[expect(clippy::cast_precision_loss, reason = "counts of records")]
fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_TIME: Range<Timestamp> = Timestamp::MIN + 1..Timestamp::MAX;
    const NO: Timestamp = Timestamp::MIN;

    #[test]
    fn cohort_counts_a_skip_as_passed() {
        let (counted, skipped) = classify(FunnelMode::Cohort, &[1, NO, 3, NO, NO], true, &ALL_TIME);
        assert_eq!((counted, skipped), (0b00111, 0b00010));
    }

    #[test]
    fn strict_stops_at_a_skip_or_a_date_going_back() {
        assert_eq!(
            classify(FunnelMode::Strict, &[1, NO, 3, NO, NO], true, &ALL_TIME).0,
            0b1
        );
        assert_eq!(
            classify(FunnelMode::Strict, &[1, 5, 3, 9, NO], true, &ALL_TIME).0,
            0b11
        );
    }

    #[test]
    fn outside_the_cohort_counts_nowhere_but_in_period_mode() {
        assert_eq!(
            classify(FunnelMode::Any, &[1, 2, NO, NO, NO], false, &ALL_TIME).0,
            0
        );
        assert_eq!(
            classify(FunnelMode::Period, &[1, 2, NO, NO, NO], false, &(2..3)).0,
            0b10
        );
    }

    #[test]
    fn bits_lists_positions_in_order() {
        assert_eq!(bits(0b10110).collect::<Vec<_>>(), vec![1, 2, 4]);
    }
}
