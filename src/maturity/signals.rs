//! The evidence: each signal of the model measured in a quarter's funnel and leak numbers
//! and the workspace's own history, with the records behind it, or what export would
//! measure it.

use serde::Serialize;

use super::forecast::{Forecast, NoForecast};
use super::model::SignalSpec;
use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::leaks::{Handoff, LeakKind, LeakReport};
use crate::metrics::from_store::FunnelTables;
use crate::metrics::report::FunnelReport;
use crate::model::{DealStatus, Timestamp};
use crate::text::{count, money};
use crate::workspace::{BatchSummary, DefinitionVersion, RawStageCount};

/// An owner's win rate counts toward the spread from this many closed deals.
pub const SPREAD_MIN_CLOSED: usize = 5;

/// What the workspace says of itself, beside the numbers.
#[derive(Debug, Clone)]
pub struct Facts {
    pub versions: Vec<DefinitionVersion>,
    pub batches: Vec<BatchSummary>,
    pub raw_stages: Vec<RawStageCount>,
    pub forecast: Result<Forecast, NoForecast>,
    /// The quarter's won deals that jumped from an early stage; `None` when not read.
    pub stage_jumps: Option<super::stage_jumps::StageJumps>,
}

/// What one quarter's evidence is measured from.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub defs: &'a Definitions,
    pub period: Quarter,
    /// When the deals are judged (the end of their latest export's as-of day).
    pub deals_as_of: Timestamp,
    pub tables: &'a FunnelTables,
    /// The quarter's funnel, broken down by owner.
    pub funnel: &'a FunnelReport,
    pub leaks: &'a LeakReport,
    pub facts: &'a Facts,
}

/// The records behind a signal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Behind {
    /// The records of these leaks.
    Leaks(Vec<LeakKind>),
    /// Deals, by position in the funnel's deal table.
    Deals(Vec<usize>),
    /// Contacts, by position in the funnel's contact table.
    Contacts(Vec<usize>),
    /// Workspace facts (definitions versions, batches), not records.
    Workspace,
}

/// One signal measured, or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub key: String,
    /// The base pillar it belongs to.
    pub pillar: String,
    pub name: String,
    /// `None` when it could not be measured.
    pub value: Option<f64>,
    /// The value in its unit, or "not measured".
    pub shown: String,
    /// The level the value supports.
    pub level: Option<u8>,
    /// What it was measured on ("73 of 97 open deals"), or what export would measure it.
    pub basis: String,
    /// The sentence a disagreement quotes ("58.0% of the 2025-Q3 MQLs …").
    pub sentence: String,
    /// How many records are behind it.
    pub records: usize,
    pub behind: Behind,
}

/// A measurement before the model places it.
struct Measured {
    value: f64,
    basis: String,
    sentence: String,
    records: usize,
    behind: Behind,
}

/// Every signal of `specs`, measured in `inputs`.
pub fn measure_all(specs: &[SignalSpec], inputs: &Inputs<'_>) -> Vec<Signal> {
    specs.iter().map(|spec| measure(spec, inputs)).collect()
}

fn measure(spec: &SignalSpec, i: &Inputs<'_>) -> Signal {
    let found = match spec.key.as_str() {
        "plan_attainment" => plan_attainment(i),
        "forecast_accuracy" => forecast_accuracy(i),
        "definitions_governed" => definitions_governed(i),
        "sla_marketing_to_sales" => {
            handoff(i, Handoff::MarketingToSales, "MQLs were handed to sales")
        }
        "sla_sales_to_success" => {
            handoff(i, Handoff::SalesToSuccess, "new customers were kicked off")
        }
        "sla_renewal" => handoff(i, Handoff::Renewal, "renewals were approached"),
        "stalled_share" => stalled_share(i),
        "stage_jumps" => stage_jumps(i),
        "raw_stages_mapped" => raw_stages_mapped(i),
        "required_fields" => required_fields(i),
        "stage_dates_in_order" => stage_dates_in_order(i),
        "first_touch_logged" => first_touch_logged(i),
        "exports_every_period" => exports_every_period(i),
        "win_rate_spread" => win_rate_spread(i),
        "late_pipeline_share" => late_pipeline_share(i),
        "aged_open_deals" => aged_open_deals(i),
        _ => Err(spec.needs.clone()),
    };
    match found {
        Ok(m) => Signal {
            key: spec.key.clone(),
            pillar: spec.pillar.clone(),
            name: spec.name.clone(),
            value: Some(m.value),
            shown: spec.show(m.value),
            level: Some(spec.level_of(m.value)),
            basis: m.basis,
            sentence: m.sentence,
            records: m.records,
            behind: m.behind,
        },
        Err(why) => not_measured(spec, &why),
    }
}

/// `spec` not measured, for lack of `needs` (what export or setting would measure it).
pub fn not_measured(spec: &SignalSpec, needs: &str) -> Signal {
    Signal {
        key: spec.key.clone(),
        pillar: spec.pillar.clone(),
        name: spec.name.clone(),
        value: None,
        shown: "not measured".to_owned(),
        level: None,
        sentence: format!("{} could not be measured", spec.name),
        basis: format!("Needs {needs}."),
        records: 0,
        behind: Behind::Workspace,
    }
}

type Found = Result<Measured, String>;

fn pct(v: f64) -> String {
    crate::text::percent(Some(v))
}

/// The amount won in the quarter, in the reporting currency, and the deals behind it.
pub fn won_in_quarter(tables: &FunnelTables, funnel: &FunnelReport) -> (f64, Vec<usize>) {
    let amount = crate::metrics::deals::won_amount(&tables.deals, &funnel.deals);
    (amount, funnel.deals.won_records.clone())
}

fn plan_attainment(i: &Inputs<'_>) -> Found {
    let currency = &i.defs.currency.reporting;
    let target = i
        .funnel
        .coverage
        .target
        .filter(|t| *t > 0.0)
        .ok_or_else(|| {
            format!(
                "a revenue target for {} (Definitions, Revenue targets)",
                i.period.label()
            )
        })?;
    let (won, deals) = won_in_quarter(i.tables, i.funnel);
    let value = won / target;
    Ok(Measured {
        value,
        basis: format!(
            "{} won against a {} target",
            money(won, currency),
            money(target, currency)
        ),
        sentence: format!(
            "{} of the {} target was won ({} of {})",
            pct(value),
            i.period.label(),
            money(won, currency),
            money(target, currency)
        ),
        records: deals.len(),
        behind: Behind::Deals(deals),
    })
}

fn forecast_accuracy(i: &Inputs<'_>) -> Found {
    let currency = &i.defs.currency.reporting;
    let f = match &i.facts.forecast {
        Ok(f) => f,
        Err(NoForecast::NotEnded) => {
            return Err(format!(
                "a deals export taken after {} ends, to know what closed",
                i.period.label()
            ));
        }
        Err(NoForecast::NoStartExport) => {
            return Err(format!(
                "a deals export taken near the start of {} (within a month), beside one after its end",
                i.period.label()
            ));
        }
        Err(NoForecast::NothingDue) => {
            return Err(format!(
                "open deals due in {} in the export taken near its start",
                i.period.label()
            ));
        }
    };
    let value = f.variance().unwrap_or(0.0);
    Ok(Measured {
        value,
        basis: format!(
            "{} won against {} expected by the {} export ({} open deals due, weighted by probability or the {} win rate)",
            money(f.won, currency),
            money(f.expected, currency),
            f.from_export,
            count(f.deals),
            pct(f.win_rate)
        ),
        sentence: format!(
            "{} closed won against the {} the {} export expected, {} off",
            money(f.won, currency),
            money(f.expected, currency),
            f.from_export,
            pct(value)
        ),
        records: f.deals,
        behind: Behind::Workspace,
    })
}

fn definitions_governed(i: &Inputs<'_>) -> Found {
    // The first version is the shipped defaults; each later one is a change someone made.
    let changed = i
        .facts
        .versions
        .iter()
        .skip(1)
        .filter(|v| !v.reason.trim().is_empty())
        .count();
    Ok(Measured {
        value: changed as f64,
        basis: format!(
            "{} of {} versions saved with a reason after the shipped defaults",
            count(changed),
            count(i.facts.versions.len().saturating_sub(1))
        ),
        sentence: format!(
            "the definitions were changed {} times with a reason",
            count(changed)
        ),
        records: changed,
        behind: Behind::Workspace,
    })
}

fn handoff(i: &Inputs<'_>, handoff: Handoff, what: &str) -> Found {
    let s = i
        .leaks
        .handoffs
        .iter()
        .find(|s| s.handoff == handoff)
        .filter(|s| s.volume > 0);
    let (Some(s), Some(value)) = (s, s.and_then(|s| s.compliance)) else {
        return Err(match handoff {
            Handoff::MarketingToSales => "a contacts export with MQL and SQL dates",
            Handoff::SalesToSuccess => "won deals and a customer success export with kickoff dates",
            _ => "a customer success export with contract end and outreach dates",
        }
        .to_owned());
    };
    let kinds: Vec<LeakKind> = LeakKind::ALL
        .into_iter()
        .filter(|k| k.handoff() == handoff)
        .collect();
    let slas: Vec<String> = kinds
        .iter()
        .filter_map(|k| i.leaks.leak(*k).and_then(|l| l.sla.clone()))
        .collect();
    let within = s.volume - s.count;
    Ok(Measured {
        value,
        basis: format!(
            "{} of {} within SLA ({})",
            count(within),
            count(s.volume),
            slas.join(", ")
        ),
        sentence: format!(
            "{} of the {} {what} within SLA ({})",
            pct(value),
            i.period.label(),
            slas.join(", ")
        ),
        records: s.count,
        behind: Behind::Leaks(kinds),
    })
}

fn stalled_share(i: &Inputs<'_>) -> Found {
    let leak = i
        .leaks
        .leak(LeakKind::StalledDeal)
        .filter(|l| l.volume > 0)
        .ok_or("a deals export with open deals and their stage entry dates")?;
    if let Some(day) = &leak.known_only_as_of {
        return Err(format!(
            "a deals export taken near the end of {} (stalled deals are known only as of {day})",
            i.period.label()
        ));
    }
    let value = leak.share.unwrap_or(0.0);
    Ok(Measured {
        value,
        basis: format!("{} of {} open deals", count(leak.count), count(leak.volume)),
        sentence: format!(
            "{} of the open deals had stalled ({} of {})",
            pct(value),
            count(leak.count),
            count(leak.volume)
        ),
        records: leak.count,
        behind: Behind::Leaks(vec![LeakKind::StalledDeal]),
    })
}

fn stage_jumps(i: &Inputs<'_>) -> Found {
    let jumps = i.facts.stage_jumps.as_ref();
    if let Some(needs) = super::stage_jumps::unmeasured(jumps) {
        return Err(format!("{needs} in {}", i.period.label()));
    }
    let Some(j) = jumps else {
        return Err(String::new());
    };
    let value = j.jumped.len() as f64 / j.with_history as f64;
    Ok(Measured {
        value,
        basis: format!(
            "{} of {} won deals with a stage history never entered the later half of the open stages",
            count(j.jumped.len()),
            count(j.with_history)
        ),
        sentence: format!(
            "{} of the deals won in {} jumped from an early stage straight to closed-won",
            pct(value),
            i.period.label()
        ),
        records: j.jumped.len(),
        behind: Behind::Deals(j.jumped.clone()),
    })
}

fn raw_stages_mapped(i: &Inputs<'_>) -> Found {
    let all: i64 = i.facts.raw_stages.iter().map(|s| s.deals).sum();
    if all == 0 {
        return Err("a deals export with the CRM's stage".to_owned());
    }
    let unmapped: i64 = crate::definitions::apply::unmapped(i.defs, &i.facts.raw_stages)
        .iter()
        .map(|s| s.deals)
        .sum();
    let mapped = all - unmapped;
    let value = mapped as f64 / all as f64;
    let n = |v: i64| count(usize::try_from(v).unwrap_or(0));
    Ok(Measured {
        value,
        basis: format!("{} of {} deals", n(mapped), n(all)),
        sentence: format!(
            "{} of the deals carry a CRM stage the definitions map ({} not mapped)",
            pct(value),
            n(unmapped)
        ),
        records: usize::try_from(unmapped).unwrap_or(0),
        behind: Behind::Workspace,
    })
}

fn required_fields(i: &Inputs<'_>) -> Found {
    let leak = i
        .leaks
        .leak(LeakKind::DataGap)
        .filter(|l| l.volume > 0)
        .ok_or("a contacts or deals export")?;
    let value = 1.0 - leak.share.unwrap_or(0.0);
    Ok(Measured {
        value,
        basis: format!(
            "{} of {} records",
            count(leak.volume - leak.count),
            count(leak.volume)
        ),
        sentence: format!(
            "{} of the {} records have every required field ({} cannot be placed)",
            pct(value),
            i.period.label(),
            count(leak.count)
        ),
        records: leak.count,
        behind: Behind::Leaks(vec![LeakKind::DataGap]),
    })
}

fn stage_dates_in_order(i: &Inputs<'_>) -> Found {
    let contacts = &i.tables.contacts;
    let period = i.period.bounds(i.defs.fiscal_year_start_month);
    let mut checked = 0;
    let mut out_of_order = Vec::new();
    for c in 0..contacts.len() {
        if !contacts.entered(c).is_some_and(|t| period.contains(&t)) {
            continue;
        }
        let dates: Vec<Timestamp> = (0..contacts.stages())
            .filter_map(|s| contacts.stage_date(c, s))
            .collect();
        if dates.len() < 2 {
            continue;
        }
        checked += 1;
        if dates.windows(2).any(|w| w[1] < w[0]) {
            out_of_order.push(c);
        }
    }
    if checked == 0 {
        return Err(format!(
            "contacts created in {} with two lifecycle stage dates or more",
            i.period.label()
        ));
    }
    let value = (checked - out_of_order.len()) as f64 / checked as f64;
    Ok(Measured {
        value,
        basis: format!(
            "{} of {} contacts with two stage dates or more",
            count(checked - out_of_order.len()),
            count(checked)
        ),
        sentence: format!(
            "{} of the {} contacts have their stage dates in order ({} do not)",
            pct(value),
            i.period.label(),
            count(out_of_order.len())
        ),
        records: out_of_order.len(),
        behind: Behind::Contacts(out_of_order),
    })
}

fn first_touch_logged(i: &Inputs<'_>) -> Found {
    let r = &i.leaks.response;
    let all = r.by_touch + r.by_sql_date + r.untouched;
    if all == 0 {
        return Err(format!(
            "MQLs in {} and a contacts export with a first-touch date",
            i.period.label()
        ));
    }
    let value = r.by_touch as f64 / all as f64;
    Ok(Measured {
        value,
        basis: format!("{} of {} MQLs", count(r.by_touch), count(all)),
        sentence: format!(
            "{} of the {} MQLs have a first sales touch logged",
            pct(value),
            i.period.label()
        ),
        records: all - r.by_touch,
        behind: Behind::Leaks(vec![LeakKind::SlowFirstTouch]),
    })
}

fn exports_every_period(i: &Inputs<'_>) -> Found {
    let start = i.defs.fiscal_year_start_month;
    let quarters: Vec<Quarter> = std::iter::successors(Some(i.period), |q| Some(q.previous()))
        .take(4)
        .collect();
    let loaded = |q: Quarter, object: &str| {
        i.facts
            .batches
            .iter()
            .any(|b| b.object == object && Quarter::of_text(&b.as_of, start) == Some(q))
    };
    let covered = quarters
        .iter()
        .filter(|q| loaded(**q, "contact") && loaded(**q, "deal"))
        .count();
    let value = covered as f64 / quarters.len() as f64;
    Ok(Measured {
        value,
        basis: format!(
            "{covered} of the {} quarters to {} have contacts and deals exports",
            quarters.len(),
            i.period.label()
        ),
        sentence: format!(
            "contacts and deals exports were loaded in {covered} of the last {} quarters",
            quarters.len()
        ),
        records: covered,
        behind: Behind::Workspace,
    })
}

fn win_rate_spread(i: &Inputs<'_>) -> Found {
    let rated: Vec<(&str, f64)> = i
        .funnel
        .breakdown
        .iter()
        .filter(|r| !r.missing && r.deals.won + r.deals.lost >= SPREAD_MIN_CLOSED)
        .filter_map(|r| r.deals.win_rate.map(|w| (r.value.as_str(), w)))
        .collect();
    if rated.len() < 2 {
        return Err(format!(
            "two deal owners with {SPREAD_MIN_CLOSED} or more deals closed in {}",
            i.period.label()
        ));
    }
    let best = rated
        .iter()
        .copied()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or(("", 0.0));
    let worst = rated
        .iter()
        .copied()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or(("", 0.0));
    let value = best.1 - worst.1;
    Ok(Measured {
        value,
        basis: format!(
            "{} {} against {} {} ({} owners with {SPREAD_MIN_CLOSED}+ closed deals)",
            best.0,
            pct(best.1),
            worst.0,
            pct(worst.1),
            rated.len()
        ),
        sentence: format!(
            "win rates in {} ran from {} ({}) to {} ({})",
            i.period.label(),
            pct(worst.1),
            worst.0,
            pct(best.1),
            best.0
        ),
        records: i.funnel.deals.closed_records.len(),
        behind: Behind::Deals(i.funnel.deals.closed_records.clone()),
    })
}

fn late_pipeline_share(i: &Inputs<'_>) -> Found {
    let (first, after) = i.period.dates(i.defs.fiscal_year_start_month);
    let secs = |d: chrono::NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
    let last_month = first
        .checked_add_months(chrono::Months::new(2))
        .map_or(secs(after), secs);
    let (start, end) = (secs(first), secs(after));
    let deals = &i.tables.deals;
    let (mut all, mut late, mut late_deals, mut created) = (0.0, 0.0, Vec::new(), 0);
    for d in 0..deals.len() {
        let Some(t) = deals.created(d).filter(|t| (start..end).contains(t)) else {
            continue;
        };
        let Some(amount) = deals.amount(d) else {
            continue;
        };
        created += 1;
        all += amount;
        if t >= last_month {
            late += amount;
            late_deals.push(d);
        }
    }
    if all <= 0.0 {
        return Err(format!(
            "deals created in {} with amounts",
            i.period.label()
        ));
    }
    let value = late / all;
    let currency = &i.defs.currency.reporting;
    Ok(Measured {
        value,
        basis: format!(
            "{} of {} created in the quarter ({} of {} deals)",
            money(late, currency),
            money(all, currency),
            count(late_deals.len()),
            count(created)
        ),
        sentence: format!(
            "{} of the pipeline created in {} was created in its last month",
            pct(value),
            i.period.label()
        ),
        records: late_deals.len(),
        behind: Behind::Deals(late_deals),
    })
}

fn aged_open_deals(i: &Inputs<'_>) -> Found {
    let cycle = i
        .funnel
        .deals
        .median_cycle_days
        .filter(|d| *d > 0.0)
        .ok_or_else(|| {
            format!(
                "deals won in {} (for the median sales cycle)",
                i.period.label()
            )
        })?;
    let deals = &i.tables.deals;
    let limit = i.deals_as_of - (2.0 * cycle * 86_400.0) as Timestamp;
    let open: Vec<usize> = (0..deals.len())
        .filter(|&d| deals.status(d) == DealStatus::Open)
        .collect();
    if open.is_empty() {
        return Err("open deals in the latest deals export".to_owned());
    }
    let aged: Vec<usize> = open
        .iter()
        .copied()
        .filter(|&d| deals.created(d).is_some_and(|t| t < limit))
        .collect();
    let value = aged.len() as f64 / open.len() as f64;
    Ok(Measured {
        value,
        basis: format!(
            "{} of {} open deals older than {:.0} days (twice the median cycle)",
            count(aged.len()),
            count(open.len()),
            2.0 * cycle
        ),
        sentence: format!(
            "{} of the open deals are older than twice the {:.0}-day median sales cycle",
            pct(value),
            cycle
        ),
        records: aged.len(),
        behind: Behind::Deals(aged),
    })
}
