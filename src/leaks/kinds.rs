//! The leaks the app looks for, the handoff each belongs to, and how each is counted, in
//! the words the view, the CLI and docs/metrics.md use.

use serde::Serialize;

/// One kind of leak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeakKind {
    NeverAccepted,
    SlowFirstTouch,
    SqlNoOpportunity,
    StalledDeal,
    NoKickoff,
    LateRenewal,
    DataGap,
}

impl LeakKind {
    /// Every kind, in handoff order.
    pub const ALL: [Self; 7] = [
        Self::NeverAccepted,
        Self::SlowFirstTouch,
        Self::SqlNoOpportunity,
        Self::StalledDeal,
        Self::NoKickoff,
        Self::LateRenewal,
        Self::DataGap,
    ];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::NeverAccepted => "MQLs not accepted by sales in time",
            Self::SlowFirstTouch => "Slow first sales touch",
            Self::SqlNoOpportunity => "SQLs with no opportunity in time",
            Self::StalledDeal => "Stalled deals",
            Self::NoKickoff => "New customers without a timely kickoff",
            Self::LateRenewal => "Renewals approached too late",
            Self::DataGap => "Records that cannot be placed",
        }
    }

    /// The stable name of the CLI and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Self::NeverAccepted => "never_accepted",
            Self::SlowFirstTouch => "slow_first_touch",
            Self::SqlNoOpportunity => "sql_no_opportunity",
            Self::StalledDeal => "stalled_deal",
            Self::NoKickoff => "no_kickoff",
            Self::LateRenewal => "late_renewal",
            Self::DataGap => "data_gap",
        }
    }

    /// The handoff the leak happens at.
    /// When the leak's records are judged: their object's export time (the latest of
    /// all for the data gaps, which mix objects).
    pub fn judged_at(self, as_of: super::AsOf) -> crate::model::Timestamp {
        use crate::model::RecordObject;
        match self {
            Self::NeverAccepted | Self::SlowFirstTouch | Self::SqlNoOpportunity => {
                as_of.of(RecordObject::Contact)
            }
            Self::StalledDeal => as_of.of(RecordObject::Deal),
            Self::NoKickoff | Self::LateRenewal => as_of.of(RecordObject::Account),
            Self::DataGap => as_of.latest(),
        }
    }

    /// Whether the leak's revenue at stake is an estimate (the expected value of leaked
    /// leads), not amounts the records hold.
    pub fn is_estimate(self) -> bool {
        matches!(self, Self::NeverAccepted | Self::SqlNoOpportunity)
    }

    pub fn handoff(self) -> Handoff {
        match self {
            Self::NeverAccepted | Self::SlowFirstTouch => Handoff::MarketingToSales,
            Self::SqlNoOpportunity | Self::StalledDeal => Handoff::WithinSales,
            Self::NoKickoff => Handoff::SalesToSuccess,
            Self::LateRenewal => Handoff::Renewal,
            Self::DataGap => Handoff::Data,
        }
    }

    /// How the leak is counted, in one paragraph.
    pub fn explain(self) -> &'static str {
        match self {
            Self::NeverAccepted => {
                "MQLs of the period whose MQL to SQL SLA ran out by the as-of date without sales accepting them (an SQL date, or any later stage) or rejecting them (the rejected rule). Accepted late is listed too, with how late; only those still not accepted put revenue at stake."
            }
            Self::SlowFirstTouch => {
                "MQLs of the period whose first sales touch came after the first-touch SLA. Where the export has no touch time, the SQL date stands in, and each record says which was used. MQLs still untouched when the SLA ran out count as late."
            }
            Self::SqlNoOpportunity => {
                "SQLs of the period whose SQL to opportunity SLA ran out by the as-of date without an opportunity date (or a customer date). Opened late is listed too; only those with none put revenue at stake."
            }
            Self::StalledDeal => {
                "Deals open on the as-of date that have sat in their current stage longer than the stage's idle limit (the idle-in-stage SLA, unless the stage has its own limit in the definitions), or whose close date has passed while still open. The time in stage counts from the date the deal entered its current stage, or from its created date when the export has no stage history."
            }
            Self::NoKickoff => {
                "Customers won in the period with no onboarding kickoff within the closed-won to kickoff SLA, or none at all by the as-of date."
            }
            Self::LateRenewal => {
                "Contracts ending in or after the period whose renewal outreach was due (the end date minus the renewal SLA) by the as-of date and started late or not at all. Churned customers are listed with their kickoff and renewal history."
            }
            Self::DataGap => {
                "Records of the period that cannot be placed: contacts whose stage dates go backwards, and contacts, deals and accounts missing a field the definitions require (an amount past the stage that needs one, an owner)."
            }
        }
    }

    /// The SLA the leak is measured against, by its name in the definitions file.
    pub fn sla_key(self) -> Option<&'static str> {
        match self {
            Self::NeverAccepted => Some("mql_to_sql"),
            Self::SlowFirstTouch => Some("mql_first_touch"),
            Self::SqlNoOpportunity => Some("sql_to_opportunity"),
            Self::StalledDeal => Some("idle_in_stage"),
            Self::NoKickoff => Some("won_to_kickoff"),
            Self::LateRenewal => Some("renewal_outreach_before_end"),
            Self::DataGap => None,
        }
    }
}

/// A handoff between teams, as the handoff map draws it left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Handoff {
    MarketingToSales,
    WithinSales,
    SalesToSuccess,
    Renewal,
    Data,
}

impl Handoff {
    /// The handoffs of the flow, in order (data gaps are not a step of it).
    pub const FLOW: [Self; 4] = [
        Self::MarketingToSales,
        Self::WithinSales,
        Self::SalesToSuccess,
        Self::Renewal,
    ];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::MarketingToSales => "Marketing to Sales",
            Self::WithinSales => "Sales: SQL to close",
            Self::SalesToSuccess => "Sales to Customer Success",
            Self::Renewal => "Customer Success to Renewal",
            Self::Data => "Data",
        }
    }
}
