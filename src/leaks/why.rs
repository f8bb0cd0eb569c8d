//! Why a record counts as a leak, kept as a few bytes while leaks are found (hundreds of
//! thousands of records must stay cheap) and put into words only when someone reads it,
//! from the record itself and the definitions.

use serde::Serialize;

use super::{Flagged, Records, days_between};
use crate::definitions::Definitions;
use crate::model::{Field, Timestamp};
use crate::text::{date_time, days};

/// What makes one record a leak; the dates are the flagged record's own (`started`,
/// `due`, `done`) or the record's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum Why {
    /// An MQL neither accepted nor rejected by the as-of date.
    NotAccepted,
    AcceptedLate,
    /// First touched (or accepted, `by_sql_date`, when the export has no touch time)
    /// after the SLA.
    TouchedLate {
        by_sql_date: bool,
    },
    Untouched,
    NoOpportunity,
    OpportunityLate,
    /// Idle in its stage since `started` past the stage's limit, and/or past its close date.
    Stalled {
        idle: Option<IdleStage>,
        close_passed: bool,
    },
    NoKickoff,
    KickoffLate,
    /// No renewal outreach though it was due; `churned` when the customer has since left.
    NoOutreach {
        churned: bool,
    },
    OutreachLate,
    /// Boxed: rare, and the other kinds stay small.
    DataGap(Box<Gap>),
}

/// The stage a stalled deal idles in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IdleStage {
    /// The deal stage's position in the definitions.
    pub stage: u16,
    /// `false` when the export has no stage history and the created date stood in.
    pub from_history: bool,
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
    /// A won deal nobody priced (no amount, or 0), left out of the average won deal.
    pub won_unpriced: bool,
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
    /// Days past the due time: to when the step happened, or to `as_of` when it has not
    /// (0 for data gaps, which have no due time).
    pub fn late_days(&self, as_of: Timestamp) -> f64 {
        self.due
            .map_or(0.0, |due| days_between(due, self.done.unwrap_or(as_of)))
    }

    /// Why the record counts, in plain words: stage names from `defs`, the record's own
    /// dates from `records`.
    pub fn reason(&self, defs: &Definitions, records: Records<'_>, as_of: Timestamp) -> String {
        let date = date_time;
        let late = self.late_days(as_of);
        let i = self.record.index();
        let account = || records.accounts.get(i);
        match &self.why {
            Why::NotAccepted => format!(
                "MQL on {}, not accepted or rejected by sales as of the as-of date",
                date(self.started)
            ),
            Why::AcceptedLate => format!("accepted {} after the SLA", days(late)),
            Why::TouchedLate { by_sql_date } => {
                let hours = self
                    .done
                    .map_or(0.0, |d| days_between(self.started, d).max(0.0) * 24.0);
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
            Why::OpportunityLate => {
                format!("opportunity opened {} after the SLA", days(late))
            }
            Why::Stalled { idle, close_passed } => {
                let mut parts = Vec::new();
                if let Some(idle) = idle {
                    let stage = defs.deal_stages.get(usize::from(idle.stage));
                    let limit = stage
                        .and_then(|s| s.idle_limit)
                        .unwrap_or(defs.slas.idle_in_stage);
                    parts.push(format!(
                        "{:.0} days in {} since {} (limit {limit}){}",
                        days_between(self.started, as_of),
                        stage.map_or("", |s| s.name.as_str()),
                        date(self.started),
                        if idle.from_history {
                            ""
                        } else {
                            "; no stage history, counted from the created date"
                        }
                    ));
                }
                if *close_passed
                    && let Some(close) = records.deals.get(i).and_then(|d| d.close_date)
                {
                    parts.push(format!(
                        "close date {} has passed and the deal is still open",
                        date(close)
                    ));
                }
                parts.join("; ")
            }
            Why::NoKickoff => format!(
                "won on {}, no onboarding kickoff as of the as-of date",
                date(self.started)
            ),
            Why::KickoffLate => format!("kickoff {} after the SLA", days(late)),
            Why::NoOutreach { churned } => {
                let end = account().and_then(|a| a.contract_end);
                let churn = account().and_then(|a| a.churned).filter(|_| *churned);
                format!(
                    "contract ends {}, no renewal outreach as of the as-of date{}",
                    end.map(date).unwrap_or_default(),
                    churn.map_or_else(String::new, |c| format!("; churned {}", date(c)))
                )
            }
            Why::OutreachLate => {
                let end = account().and_then(|a| a.contract_end);
                format!(
                    "outreach {} before the contract end ({}), {} late",
                    days(end.zip(self.done).map_or(0.0, |(e, o)| days_between(o, e))),
                    end.map(date).unwrap_or_default(),
                    days(late),
                )
            }
            Why::DataGap(gap) => {
                let Gap {
                    backwards,
                    missing,
                    stage,
                    is_deal,
                    won_unpriced,
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
                if *won_unpriced {
                    parts.push(
                        "won without an amount (blank or 0): left out of the average won deal"
                            .to_owned(),
                    );
                }
                parts.join("; ")
            }
        }
    }
}
