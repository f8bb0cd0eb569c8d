//! The Funnel's stage table: each stage's count, conversion and days to the next stage,
//! beside the previous quarter and the same quarter last year, one column a header. The
//! window and the command line print the same columns from here.

use super::funnel::LifecycleFunnel;
use crate::text::{count, percent};

/// One stage's row; `None` where a number does not exist (no next stage, no days, a
/// quarter with no records).
#[derive(Debug, Clone, PartialEq)]
pub struct StageTableRow {
    pub name: String,
    pub count: usize,
    pub skipped: usize,
    pub to_next: Option<f64>,
    pub cumulative: Option<f64>,
    pub median_days: Option<f64>,
    pub p75_days: Option<f64>,
    pub p90_days: Option<f64>,
    /// The count in the previous quarter.
    pub previous: Option<usize>,
    /// This quarter's count minus the previous quarter's.
    pub change_records: Option<i64>,
    /// This quarter's conversion to the next stage minus the previous quarter's, in
    /// percentage points.
    pub change_conversion_pts: Option<f64>,
    /// The count in the same quarter last year.
    pub last_year: Option<usize>,
}

/// The table: its headers and a row a stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageTable {
    pub headers: Vec<String>,
    pub rows: Vec<StageTableRow>,
    /// Why a comparison column is blank, for its hover: "no records created in 2024-Q4".
    pub previous_note: Option<String>,
    pub last_year_note: Option<String>,
}

/// `f`, when its quarter has records; `None` when it has none.
fn with_records(f: &LifecycleFunnel) -> Option<&LifecycleFunnel> {
    f.stages.first().is_some_and(|s| s.count > 0).then_some(f)
}

impl StageTable {
    /// The table of `funnel`, beside `previous` (the quarter before) and `last_year` (the
    /// same quarter a year before), each labelled with its quarter.
    pub fn new(
        funnel: &LifecycleFunnel,
        (previous, previous_label): (&LifecycleFunnel, &str),
        (last_year, last_year_label): (&LifecycleFunnel, &str),
    ) -> Self {
        let before = with_records(previous);
        let year_ago = with_records(last_year);
        let rows = funnel
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let prev = before.and_then(|f| f.stages.get(i));
                StageTableRow {
                    name: s.name.clone(),
                    count: s.count,
                    skipped: s.skipped,
                    to_next: s.conversion_to_next,
                    cumulative: s.cumulative,
                    median_days: s.median_days_to_next,
                    p75_days: s.p75_days_to_next,
                    p90_days: s.p90_days_to_next,
                    previous: prev.map(|p| p.count),
                    change_records: prev.map(|p| signed(s.count) - signed(p.count)),
                    change_conversion_pts: match (s.conversion_to_next, prev) {
                        (Some(now), Some(p)) => p.conversion_to_next.map(|b| (now - b) * 100.0),
                        _ => None,
                    },
                    last_year: year_ago.and_then(|f| f.stages.get(i)).map(|p| p.count),
                }
            })
            .collect();
        let note =
            |has: bool, label: &str| (!has).then(|| format!("no records created in {label}"));
        Self {
            headers: [
                "Stage",
                "Records",
                "Skipped",
                "To next",
                "Cumulative",
                "Median days",
                "p75",
                "p90",
                previous_label,
                "Δ records",
                "Δ conversion",
                last_year_label,
            ]
            .map(str::to_owned)
            .to_vec(),
            rows,
            previous_note: note(before.is_some(), previous_label),
            last_year_note: note(year_ago.is_some(), last_year_label),
        }
    }
}

impl StageTableRow {
    /// The row's cells as people read them, one under each header; `—` where a number does
    /// not exist.
    pub fn cells(&self) -> Vec<String> {
        let dash = || "—".to_owned();
        let days = |d: Option<f64>| d.map_or_else(dash, |v| format!("{v:.1}"));
        vec![
            self.name.clone(),
            count(self.count),
            count(self.skipped),
            percent(self.to_next),
            percent(self.cumulative),
            days(self.median_days),
            days(self.p75_days),
            days(self.p90_days),
            self.previous.map_or_else(dash, count),
            self.change_records.map_or_else(dash, |d| {
                let n = crate::text::thousands(d);
                if d > 0 { format!("+{n}") } else { n }
            }),
            self.change_conversion_pts
                .map_or_else(dash, |p| format!("{p:+.1} pts")),
            self.last_year.map_or_else(dash, count),
        ]
    }
}

fn signed(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
