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

use super::filter::Filter;
use super::stats::{days, percentile};
use crate::definitions::Definitions;
use crate::definitions::apply::StageSource;
use crate::definitions::fiscal::Quarter;
use crate::model::{Contact, Timestamp};

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
    pub median_days_to_next: Option<f64>,
    pub p75_days_to_next: Option<f64>,
    pub p90_days_to_next: Option<f64>,
    /// Indices (into the contacts given) of the records counted.
    pub records: Vec<usize>,
    /// Indices of the records counted that skipped the stage.
    pub skipped_records: Vec<usize>,
}

/// The funnel for one period, mode and filter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LifecycleFunnel {
    pub mode: FunnelMode,
    pub period: String,
    pub stages: Vec<StageRow>,
}

/// When a contact entered the funnel: its created date, or else its first stage date.
fn created(c: &Contact, dates: &[Option<Timestamp>]) -> Option<Timestamp> {
    c.created.or_else(|| dates.iter().flatten().copied().min())
}

/// Computes the funnel of `contacts` under `defs` for `period`.
pub fn lifecycle_funnel(
    defs: &Definitions,
    contacts: &[Contact],
    filter: &Filter,
    period: Quarter,
    mode: FunnelMode,
) -> LifecycleFunnel {
    let month = defs.fiscal_year_start_month;
    let stages = &defs.lifecycle_stages;
    let n = stages.len();
    let mut rows: Vec<StageRow> = stages
        .iter()
        .map(|s| StageRow {
            key: s.key.clone(),
            name: s.name.clone(),
            count: 0,
            skipped: 0,
            conversion_to_next: None,
            cumulative: None,
            days_to_next: Vec::new(),
            median_days_to_next: None,
            p75_days_to_next: None,
            p90_days_to_next: None,
            records: Vec::new(),
            skipped_records: Vec::new(),
        })
        .collect();
    let sources = StageSource::all(defs);
    let mut dates: Vec<Option<Timestamp>> = Vec::with_capacity(n);
    for (index, c) in contacts.iter().enumerate() {
        if !filter.keeps_contact(c) {
            continue;
        }
        dates.clear();
        dates.extend(sources.iter().map(|s| s.date(c)));
        let in_cohort = created(c, &dates).is_some_and(|t| period.contains(t, month));
        for i in 0..n {
            let here = dates.get(i).copied().flatten();
            let (counted, skipped) = match mode {
                FunnelMode::Cohort => {
                    let later = dates.iter().skip(i).any(Option::is_some);
                    (in_cohort && later, in_cohort && later && here.is_none())
                }
                FunnelMode::Strict => (in_cohort && in_order_up_to(&dates, i), false),
                FunnelMode::Any => (in_cohort && here.is_some(), false),
                FunnelMode::Period => (here.is_some_and(|t| period.contains(t, month)), false),
            };
            let Some(row) = rows.get_mut(i) else { continue };
            if counted {
                row.count += 1;
                row.records.push(index);
            }
            if skipped {
                row.skipped += 1;
                row.skipped_records.push(index);
            }
            if counted
                && let (Some(a), Some(b)) = (here, dates.get(i + 1).copied().flatten())
                && b >= a
            {
                row.days_to_next.push(days(b - a));
            }
        }
    }
    let first = rows.first().map_or(0, |r| r.count);
    let counts: Vec<usize> = rows.iter().map(|r| r.count).collect();
    for (i, row) in rows.iter_mut().enumerate() {
        row.conversion_to_next = counts.get(i + 1).and_then(|next| ratio(*next, row.count));
        row.cumulative = ratio(row.count, first);
        row.median_days_to_next = percentile(&row.days_to_next, 50.0);
        row.p75_days_to_next = percentile(&row.days_to_next, 75.0);
        row.p90_days_to_next = percentile(&row.days_to_next, 90.0);
    }
    LifecycleFunnel {
        mode,
        period: period.label(),
        stages: rows,
    }
}

/// Whether every stage up to `i` has a date and the dates never go backwards.
fn in_order_up_to(dates: &[Option<Timestamp>], i: usize) -> bool {
    let mut last = i64::MIN;
    for d in dates.iter().take(i + 1) {
        match d {
            Some(t) if *t >= last => last = *t,
            _ => return false,
        }
    }
    true
}

#[expect(clippy::cast_precision_loss, reason = "counts of records")]
fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}
