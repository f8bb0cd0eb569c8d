//! The definition set: every term the revenue team agreed on, as plain data that
//! serialises to the TOML file people keep in version control.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Field, RecordObject};

/// The whole data dictionary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definitions {
    /// 1 for January: the month the company's fiscal year starts, so Q1 is its Q1.
    pub fiscal_year_start_month: u32,
    pub currency: CurrencySettings,
    pub calendar: WorkCalendar,
    pub slas: Slas,
    /// The funnel, in order.
    pub lifecycle_stages: Vec<LifecycleStageDef>,
    /// The canonical deal stages, in pipeline order.
    pub deal_stages: Vec<DealStageDef>,
    /// Which raw CRM stage values mean which deal stage.
    pub stage_mapping: Vec<StageMapping>,
    /// Who counts as having reached a stage (or churned), and when.
    pub rules: Vec<Rule>,
    pub required_fields: Vec<RequiredFields>,
    /// Revenue targets per quarter (and segment), for pipeline coverage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<RevenueTarget>,
    /// Which owners make up which team, for breaking leaks down by team.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<TeamDef>,
}

/// A named team and the record owners in it, as the CRM writes their names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamDef {
    pub name: String,
    pub members: Vec<String>,
}

impl Definitions {
    /// The team `owner` belongs to, matched ignoring case and surrounding spaces.
    pub fn team_of(&self, owner: &str) -> Option<&str> {
        let owner = owner.trim();
        self.teams
            .iter()
            .find(|t| {
                t.members
                    .iter()
                    .any(|m| m.trim().eq_ignore_ascii_case(owner))
            })
            .map(|t| t.name.as_str())
    }
}

/// The revenue a quarter (optionally one segment) is to close, in the reporting currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevenueTarget {
    /// A fiscal quarter, e.g. `2025-Q3`.
    pub period: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    pub amount: f64,
}

/// The reporting currency and fixed rates from other currencies into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrencySettings {
    /// ISO 4217 code, e.g. `USD`.
    pub reporting: String,
    /// Units of the reporting currency per one unit of each other currency.
    #[serde(default)]
    pub rates: BTreeMap<String, f64>,
    /// Whether a won deal at 0 is worth 0 (a team that books free pilots at 0). Off by
    /// default: a won deal at 0 is one nobody priced, and is left out of the average and
    /// median won deal like one with no amount.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub zero_is_a_price: bool,
}

/// Which days count as business days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkCalendar {
    pub working_days: Vec<WeekDay>,
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// The IANA time zone business days are counted in, e.g. `America/New_York`; UTC
    /// when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekDay {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// The service levels each handoff is held to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slas {
    /// MQL to the first sales touch.
    pub mql_first_touch: Sla,
    /// MQL to sales' accept-or-reject decision.
    pub mql_to_sql: Sla,
    pub sql_to_opportunity: Sla,
    /// Closed-won to the onboarding kickoff.
    pub won_to_kickoff: Sla,
    /// How long before the contract end renewal outreach must start, at the least.
    pub renewal_outreach_before_end: Sla,
    /// How long an open deal may sit in one stage.
    pub idle_in_stage: Sla,
}

impl Slas {
    /// Each SLA with its name in the file and a label for people.
    pub fn named(&self) -> [(&'static str, &'static str, &Sla); 6] {
        [
            (
                "mql_first_touch",
                "MQL to first sales touch",
                &self.mql_first_touch,
            ),
            ("mql_to_sql", "MQL to SQL decision", &self.mql_to_sql),
            (
                "sql_to_opportunity",
                "SQL to opportunity",
                &self.sql_to_opportunity,
            ),
            (
                "won_to_kickoff",
                "Closed-won to onboarding kickoff",
                &self.won_to_kickoff,
            ),
            (
                "renewal_outreach_before_end",
                "Renewal outreach before contract end",
                &self.renewal_outreach_before_end,
            ),
            (
                "idle_in_stage",
                "Idle in one deal stage",
                &self.idle_in_stage,
            ),
        ]
    }

    /// The same, mutable, for the editor.
    pub fn named_mut(&mut self) -> [(&'static str, &mut Sla); 6] {
        [
            ("mql_first_touch", &mut self.mql_first_touch),
            ("mql_to_sql", &mut self.mql_to_sql),
            ("sql_to_opportunity", &mut self.sql_to_opportunity),
            ("won_to_kickoff", &mut self.won_to_kickoff),
            (
                "renewal_outreach_before_end",
                &mut self.renewal_outreach_before_end,
            ),
            ("idle_in_stage", &mut self.idle_in_stage),
        ]
    }
}

/// A time limit: an amount of minutes, hours, calendar days or business days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sla {
    pub amount: f64,
    pub unit: SlaUnit,
}

/// The unit an SLA is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaUnit {
    Minutes,
    Hours,
    Days,
    BusinessDays,
}

impl SlaUnit {
    /// Every unit, for the editor.
    pub const ALL: [Self; 4] = [Self::Minutes, Self::Hours, Self::Days, Self::BusinessDays];

    /// The unit in words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Minutes => "minutes",
            Self::Hours => "hours",
            Self::Days => "calendar days",
            Self::BusinessDays => "business days",
        }
    }
}

impl std::fmt::Display for Sla {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.unit.label())
    }
}

/// The team that owns a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Team {
    Marketing,
    Sales,
    CustomerSuccess,
    #[serde(rename = "revops")]
    RevOps,
}

/// One stage of the funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifecycleStageDef {
    /// Stable key; `lead`, `mql`, `sql`, `opportunity` and `customer` read the imported stage dates.
    pub key: String,
    pub name: String,
    pub owner: Team,
    pub definition: String,
    pub entry_criteria: String,
    pub exit_criteria: String,
    /// The handoff this stage starts, e.g. "Marketing to Sales"; empty for none.
    #[serde(default)]
    pub handoff: String,
}

/// What a deal stage means for the deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageOutcome {
    Open,
    Won,
    Lost,
}

/// One canonical deal stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealStageDef {
    pub name: String,
    pub outcome: StageOutcome,
    /// How long an open deal may sit in this stage; `slas.idle_in_stage` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_limit: Option<Sla>,
}

/// Raw stage values of one CRM (and optionally one pipeline) that mean one deal stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageMapping {
    /// The source system as imports record it: `hubspot`, `salesforce`, `pipedrive`, `mapped:<name>`.
    pub crm: String,
    /// Only deals of this pipeline; absent for every pipeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<String>,
    /// The values as the CRM exports them (matched ignoring case, spaces and punctuation).
    pub raw: Vec<String>,
    /// A deal stage name.
    pub stage: String,
}

/// A qualification rule: a record reaches `term` when its conditions hold, at `date`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// A lifecycle stage key, `rejected` (sales turned the lead down; its date is not
    /// needed) or `churned`.
    pub term: String,
    #[serde(rename = "match")]
    pub matches: Match,
    /// The field whose date says when the record reached the term.
    pub date: Field,
    pub conditions: Vec<Condition>,
}

/// Whether all or any of a rule's conditions must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    All,
    Any,
}

/// One condition: field, operator, value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: Field,
    pub op: Op,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<RuleValue>,
}

/// The operators a condition can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    IsSet,
    IsNotSet,
    Equals,
    NotEquals,
    In,
    NotIn,
    Contains,
}

impl Op {
    /// Whether the operator takes a list, one value, or none.
    pub fn takes(self) -> ValueShape {
        match self {
            Self::IsSet | Self::IsNotSet => ValueShape::None,
            Self::Equals | Self::NotEquals | Self::Contains => ValueShape::One,
            Self::In | Self::NotIn => ValueShape::List,
        }
    }
}

/// What value an operator needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueShape {
    None,
    One,
    List,
}

/// A condition's value: one text or a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RuleValue {
    One(String),
    List(Vec<String>),
}

/// Fields an object must have, from a deal stage on (or always).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredFields {
    pub object: RecordObject,
    /// A deal stage name: required from this stage on; absent for always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_stage: Option<String>,
    pub fields: Vec<Field>,
}
