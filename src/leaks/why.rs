//! Why a record counts as a leak, kept as data while leaks are found (hundreds of
//! thousands of records must stay cheap) and put into words only when someone reads it.

use serde::Serialize;

use super::{Flagged, days_between};
use crate::definitions::Definitions;
use crate::definitions::model::Sla;
use crate::import::values::format_date_time;
use crate::model::{Field, Timestamp};

/// What makes one record a leak.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum Why {
    /// An MQL neither accepted nor rejected by the as-of date.
    NotAccepted,
    AcceptedLate,
    /// First touched (or accepted, `by_sql_date`) after the SLA.
    TouchedLate {
        hours: f64,
        by_sql_date: bool,
    },
    Untouched,
    NoOpportunity,
    OpportunityLate,
    /// Idle in the stage at `stage` (a deal-stage position) since `since`, and/or past
    /// its close date.
    Stalled {
        idle: Option<Idle>,
        close_passed: Option<Timestamp>,
    },
    NoKickoff,
    KickoffLate,
    /// No renewal outreach though the contract ends at `end`.
    NoOutreach {
        end: Timestamp,
        churned: Option<Timestamp>,
    },
    OutreachLate {
        end: Timestamp,
    },
    /// Boxed: rare, and the other kinds stay small.
    DataGap(Box<Gap>),
}

/// Stage dates going backwards (the stages' positions and dates), and fields the
/// definitions require that are missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub backwards: Option<Backwards>,
    pub missing: Vec<Field>,
    /// The deal's stage position, for deals.
    pub stage: Option<usize>,
    pub is_deal: bool,
}

/// How long a deal has sat in its stage.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Idle {
    pub stage: usize,
    pub since: Timestamp,
    /// `false` when the export has no stage history and the created date stood in.
    pub from_history: bool,
    pub limit: Sla,
}

/// A later stage dated before an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Backwards {
    pub later: usize,
    pub later_date: Timestamp,
    pub earlier: usize,
    pub earlier_date: Timestamp,
}

impl Flagged {
    /// Why the record counts, in plain words (stage names from `defs`).
    pub fn reason(&self, defs: &Definitions, as_of: Timestamp) -> String {
        let date = format_date_time;
        let late = |a: Option<Timestamp>, b: Option<Timestamp>| {
            a.zip(b).map_or(0.0, |(a, b)| days_between(a, b))
        };
        match &self.why {
            Why::NotAccepted => format!(
                "MQL on {}, not accepted or rejected by sales as of the as-of date",
                date(self.started)
            ),
            Why::AcceptedLate => format!(
                "accepted {:.1} days after the SLA",
                late(self.due, self.done)
            ),
            Why::TouchedLate { hours, by_sql_date } => {
                if *by_sql_date {
                    format!("accepted after {hours:.1} hours (measured by the SQL date)")
                } else {
                    format!("first touched after {hours:.1} hours (measured by the first touch)")
                }
            }
            Why::Untouched => "no sales touch as of the as-of date".to_owned(),
            Why::NoOpportunity => format!(
                "SQL on {}, no opportunity as of the as-of date",
                date(self.started)
            ),
            Why::OpportunityLate => format!(
                "opportunity opened {:.1} days after the SLA",
                late(self.due, self.done)
            ),
            Why::Stalled { idle, close_passed } => {
                let mut parts = Vec::new();
                if let Some(i) = idle {
                    let stage = defs
                        .deal_stages
                        .get(i.stage)
                        .map_or("", |s| s.name.as_str());
                    parts.push(format!(
                        "{:.0} days in {stage} since {} (limit {}){}",
                        days_between(i.since, as_of),
                        date(i.since),
                        i.limit,
                        if i.from_history {
                            ""
                        } else {
                            "; no stage history, counted from the created date"
                        }
                    ));
                }
                if let Some(c) = close_passed {
                    parts.push(format!(
                        "close date {} has passed and the deal is still open",
                        date(*c)
                    ));
                }
                parts.join("; ")
            }
            Why::NoKickoff => format!(
                "won on {}, no onboarding kickoff as of the as-of date",
                date(self.started)
            ),
            Why::KickoffLate => {
                format!(
                    "kickoff {:.1} days after the SLA",
                    late(self.due, self.done)
                )
            }
            Why::NoOutreach { end, churned } => format!(
                "contract ends {}, no renewal outreach as of the as-of date{}",
                date(*end),
                churned.map_or_else(String::new, |c| format!("; churned {}", date(c)))
            ),
            Why::OutreachLate { end } => format!(
                "outreach {:.0} days before the contract end ({}), {:.0} days late",
                self.done.map_or(0.0, |o| days_between(o, *end)),
                date(*end),
                late(self.due, self.done)
            ),
            Why::DataGap(gap) => {
                let Gap {
                    backwards,
                    missing,
                    stage,
                    is_deal,
                } = gap.as_ref();
                let mut parts = Vec::new();
                if let Some(b) = backwards {
                    let name = |k: usize| {
                        defs.lifecycle_stages
                            .get(k)
                            .map_or("?", |s| s.name.as_str())
                    };
                    parts.push(format!(
                        "stage dates out of order: {} ({}) before {} ({})",
                        name(b.later),
                        date(b.later_date),
                        name(b.earlier),
                        date(b.earlier_date)
                    ));
                }
                if !missing.is_empty() {
                    let fields: Vec<&str> = missing.iter().map(|f| f.label()).collect();
                    let at = if *is_deal {
                        format!(
                            " (in {})",
                            stage
                                .and_then(|p| defs.deal_stages.get(p))
                                .map_or("an unmapped stage", |s| s.name.as_str())
                        )
                    } else {
                        String::new()
                    };
                    parts.push(format!("no {}{at}", fields.join(", no ")));
                }
                parts.join("; ")
            }
        }
    }
}
