//! The scorecard page as data: what every section shows, each number with its previous
//! quarter, last year, trend, target and status, and the footer that traces it. A
//! published page is kept as this, so it shows and exports again exactly as presented.

use serde::{Deserialize, Serialize};

use super::catalogue::{Better, Unit};
use super::status::Status;

/// One quarter's scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// `2025-Q3`.
    pub period: String,
    pub template: String,
    /// Set once published.
    pub published: Option<Published>,
    pub currency: String,
    pub north_star: Vec<MetricLine>,
    pub operational: Vec<MetricLine>,
    /// The leaks, most revenue at stake first.
    pub leaks: Vec<LeakLine>,
    /// How many leaks the quarter has in all (the page shows the first few).
    pub leaks_in_all: usize,
    /// `None` when the workspace has no maturity model to read.
    pub pillars: Option<PillarHealth>,
    /// Comment per section: (section name, text), in page order.
    pub comments: Vec<(String, String)>,
    pub footer: Footer,
}

/// Who published a scorecard, and as what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Published {
    pub name: String,
    pub at: String,
    pub by: String,
}

/// One metric on the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricLine {
    pub key: String,
    pub label: String,
    pub definition: String,
    pub unit: Unit,
    pub better: Better,
    pub value: Option<f64>,
    /// What the number needs when it has no value, in words.
    pub missing: String,
    /// `2025-Q2`.
    pub previous_period: String,
    /// As presented when the previous quarter was published, else as computed now.
    pub previous: Option<f64>,
    pub last_year_period: String,
    pub last_year: Option<f64>,
    /// The last four quarters, oldest first, this one last.
    pub trend: Vec<(String, Option<f64>)>,
    pub target: Option<f64>,
    pub status: Status,
    /// Set when the previous quarter computed today differs from what was presented.
    pub restated: Option<String>,
}

/// One leak on the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeakLine {
    /// The leak's key, as the Handoff leaks view names it.
    pub key: String,
    pub label: String,
    pub handoff: String,
    pub count: usize,
    pub volume: usize,
    pub at_stake: Option<f64>,
    /// The stake is an estimate (priced from averages, not the records' own amounts).
    pub estimate: bool,
}

/// The pillars' maturity as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PillarHealth {
    pub framework: String,
    pub target_level: u8,
    /// Level names, 1 to 5.
    pub level_names: Vec<String>,
    pub pillars: Vec<PillarLine>,
    pub overall: Option<u8>,
}

/// One pillar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PillarLine {
    pub name: String,
    pub owner: String,
    pub level: Option<u8>,
    pub answers_level: Option<u8>,
    pub evidence_level: Option<u8>,
}

/// What a printed page is traced by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footer {
    pub period: String,
    /// `YYYY-MM-DD`: the latest export's as-of date.
    pub as_of: Option<String>,
    /// `#3 deals.csv (as of 2025-09-30)`, oldest first.
    pub batches: Vec<String>,
    pub definitions_version: i64,
    /// `YYYY-MM-DD HH:MM UTC`.
    pub produced_at: String,
    pub produced_by: String,
}

impl Footer {
    /// The footer as one line.
    pub fn line(&self) -> String {
        format!(
            "{} · data as of {} · definitions v{} · produced {} by {} · built from {}",
            self.period,
            self.as_of.as_deref().unwrap_or("—"),
            self.definitions_version,
            self.produced_at,
            self.produced_by,
            if self.batches.is_empty() {
                "no imports".to_owned()
            } else {
                self.batches.join(", ")
            }
        )
    }
}

impl Scorecard {
    /// Every metric on the page, North Stars first.
    pub fn metrics(&self) -> impl Iterator<Item = &MetricLine> {
        self.north_star.iter().chain(&self.operational)
    }

    /// "Draft" or "Published as NAME".
    pub fn state(&self) -> String {
        match &self.published {
            Some(p) => format!("Published as \"{}\" on {} by {}", p.name, p.at, p.by),
            None => "Draft".to_owned(),
        }
    }
}

/// `value` in `unit` for people.
pub fn value_text(unit: Unit, value: Option<f64>, currency: &str) -> String {
    let Some(v) = value else {
        return "—".to_owned();
    };
    match unit {
        Unit::Money => crate::text::short_money(v, currency),
        // The currency is in the page's header; a rate reads shorter without it.
        Unit::MoneyPerDay => format!(
            "{}/day",
            crate::text::short_money(v, currency)
                .trim_end_matches(currency)
                .trim_end()
        ),
        Unit::Percent => crate::text::percent(Some(v)),
        Unit::Multiple => format!("{v:.1}×"),
        Unit::Days => crate::text::days(v),
        #[expect(clippy::cast_possible_truncation, reason = "a count")]
        Unit::Count => crate::text::thousands(v.round() as i64),
    }
}

/// The change from `previous` to `value`: shares in percentage points, everything else
/// as a percentage and the absolute difference.
pub fn change_text(
    unit: Unit,
    value: Option<f64>,
    previous: Option<f64>,
    currency: &str,
) -> String {
    let (Some(v), Some(p)) = (value, previous) else {
        return "—".to_owned();
    };
    let sign = |x: f64| if x < 0.0 { "−" } else { "+" };
    let d = v - p;
    if unit == Unit::Percent {
        return format!("{}{:.1} pp", sign(d), (d * 100.0).abs());
    }
    let absolute = value_text(unit, Some(d.abs()), currency);
    if p == 0.0 {
        return format!("{}{absolute}", sign(d));
    }
    let pct = d / p.abs() * 100.0;
    format!("{}{:.1}% ({}{absolute})", sign(pct), pct.abs(), sign(d))
}

/// Whether the change from `previous` to `value` is for the better, worse, or neither.
pub fn change_is_good(better: Better, value: Option<f64>, previous: Option<f64>) -> Option<bool> {
    let d = value? - previous?;
    if d.abs() < 1e-12 {
        return None;
    }
    Some((d > 0.0) == (better == Better::Higher))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_change_in_points_and_the_rest_in_percent_and_units() {
        assert_eq!(
            change_text(Unit::Percent, Some(0.412), Some(0.391), "USD"),
            "+2.1 pp"
        );
        assert_eq!(
            change_text(Unit::Money, Some(1_100_000.0), Some(1_000_000.0), "USD"),
            "+10.0% (+100k USD)"
        );
        assert_eq!(
            change_text(Unit::Count, Some(90.0), Some(100.0), "USD"),
            "−10.0% (−10)"
        );
        assert_eq!(change_text(Unit::Count, None, Some(1.0), "USD"), "—");
        assert_eq!(
            change_is_good(Better::Lower, Some(50.0), Some(60.0)),
            Some(true)
        );
    }
}
