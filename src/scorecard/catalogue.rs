//! The metrics a scorecard can show: each one's key, name, definition in words, unit and
//! which way is better. The keys are stable (templates and published pages name them).

use serde::{Deserialize, Serialize};

use crate::definitions::Definitions;
use crate::leaks::Handoff;

/// How a metric's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Reporting-currency units.
    Money,
    /// A share, 0 to 1, shown as a percentage; changes are in percentage points.
    Percent,
    /// A multiple, shown as `2.4×`.
    Multiple,
    Days,
    /// Reporting-currency units a day.
    MoneyPerDay,
    Count,
}

impl Unit {
    /// The unit's key, as the CSV writes it.
    pub fn key(self) -> &'static str {
        match self {
            Self::Money => "money",
            Self::MoneyPerDay => "money_per_day",
            Self::Percent => "share",
            Self::Multiple => "multiple",
            Self::Days => "days",
            Self::Count => "count",
        }
    }
}

/// Which way a metric is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
}

/// One metric a scorecard can show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricSpec {
    pub key: String,
    pub label: String,
    /// How it is counted, in words: the definition the CSV names beside the number.
    pub definition: String,
    pub unit: Unit,
    pub better: Better,
}

impl MetricSpec {
    /// What the metric needs when a quarter has no value for it.
    pub fn missing(&self) -> &'static str {
        match self.key.as_str() {
            "pipeline_coverage" => "Needs the quarter's revenue target (Definitions).",
            "revenue_retention" => "Needs a customer success export with ARR.",
            "new_arr_won" | "win_rate" | "median_cycle" | "velocity" => {
                "No deals closed in the quarter."
            }
            k if k.starts_with("sla:") => "No records reached this handoff in the quarter.",
            _ => "No records in the quarter.",
        }
    }
}

/// The handoffs whose SLA compliance a scorecard can show, with their keys.
/// and the short name a table row has room for.
pub const SLA_HANDOFFS: [(&str, Handoff, &str); 4] = [
    (
        "marketing_to_sales",
        Handoff::MarketingToSales,
        "SLA met: Marketing → Sales",
    ),
    ("within_sales", Handoff::WithinSales, "SLA met: SQL → close"),
    (
        "sales_to_success",
        Handoff::SalesToSuccess,
        "SLA met: Sales → CS",
    ),
    ("renewal", Handoff::Renewal, "SLA met: renewals"),
];

/// The handoff an `sla:` key names.
pub fn sla_handoff(key: &str) -> Option<Handoff> {
    let name = key.strip_prefix("sla:")?;
    SLA_HANDOFFS
        .iter()
        .find(|(k, _, _)| *k == name)
        .map(|(_, h, _)| *h)
}

/// Every metric a scorecard can show under `defs`, in the order the template editor
/// lists them.
pub fn catalogue(defs: &Definitions) -> Vec<MetricSpec> {
    let spec = |key: &str, label: &str, definition: &str, unit, better| MetricSpec {
        key: key.to_owned(),
        label: label.to_owned(),
        definition: definition.to_owned(),
        unit,
        better,
    };
    let mut all = vec![
        spec(
            "new_arr_won",
            "New ARR won",
            "Sum of the amounts of deals won (closed) in the quarter, in the reporting currency; won deals nobody priced are left out",
            Unit::Money,
            Better::Higher,
        ),
        spec(
            "win_rate",
            "Win rate",
            "Deals won ÷ deals won or lost, of the deals closed in the quarter",
            Unit::Percent,
            Better::Higher,
        ),
        spec(
            "pipeline_coverage",
            "Pipeline coverage",
            "Amount of open deals due to close in the quarter ÷ the quarter's revenue target (Definitions → targets)",
            Unit::Multiple,
            Better::Higher,
        ),
        spec(
            "revenue_retention",
            "Revenue retention",
            "ARR of the customers at the quarter's start that had not churned by its end ÷ their ARR at its start (gross: the customer success export holds one ARR per account, so expansion is not seen)",
            Unit::Percent,
            Better::Higher,
        ),
        spec(
            "deals_won",
            "Deals won",
            "Deals won (closed) in the quarter",
            Unit::Count,
            Better::Higher,
        ),
    ];
    let stages = &defs.lifecycle_stages;
    for pair in stages.windows(2) {
        let (from, to) = (&pair[0], &pair[1]);
        all.push(spec(
            &format!("conversion:{}", from.key),
            &format!("{} → {}", from.name, to.name),
            &format!(
                "Of the records that reached {} in the quarter (cohort), the share that reached {}",
                from.name, to.name
            ),
            Unit::Percent,
            Better::Higher,
        ));
    }
    for s in stages {
        all.push(spec(
            &format!("stage:{}", s.key),
            &format!("{}s", s.name),
            &format!("Records that reached {} in the quarter", s.name),
            Unit::Count,
            Better::Higher,
        ));
    }
    all.extend([
        spec(
            "median_cycle",
            "Median sales cycle",
            "Median days from created to won, of the deals won in the quarter",
            Unit::Days,
            Better::Lower,
        ),
        spec(
            "velocity",
            "Pipeline velocity",
            "Open deals × win rate × average won amount ÷ median cycle days, a day",
            Unit::MoneyPerDay,
            Better::Higher,
        ),
    ]);
    for (key, handoff, label) in SLA_HANDOFFS {
        all.push(spec(
            &format!("sla:{key}"),
            label,
            &format!(
                "Share of the records at the {} handoff handled within every SLA of it",
                handoff.label()
            ),
            Unit::Percent,
            Better::Higher,
        ));
    }
    all
}

/// The metric `key` names under `defs`.
pub fn spec(defs: &Definitions, key: &str) -> Option<MetricSpec> {
    catalogue(defs).into_iter().find(|m| m.key == key)
}
