//! `revops-cockpit leaks [--period 2025-Q3] [--kind KIND [--by DIMENSION]] [--json]`

use super::CliError;
use std::path::Path;
use std::process::ExitCode;

use serde_json::json;

use crate::definitions::versions;
use crate::leaks::from_store::workspace_as_of;
use crate::leaks::{LeakDimension, LeakKind, LeakReport, leaks_from_store};
use crate::text::{date_time, money, percent};

/// Arguments of `leaks`.
#[derive(Debug, clap::Args)]
pub struct LeaksArgs {
    /// The fiscal quarter, e.g. 2025-Q3 (default: the quarter of the latest export).
    #[arg(long, value_name = "YYYY-QN")]
    pub period: Option<String>,
    /// List the records of one leak, most overdue first.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// With --kind: break the leak down by one dimension instead.
    #[arg(long, value_enum, requires = "kind")]
    pub by: Option<ByArg>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `--kind` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KindArg {
    NeverAccepted,
    SlowFirstTouch,
    SqlNoOpportunity,
    StalledDeal,
    NoKickoff,
    LateRenewal,
    DataGap,
}

/// `--by` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ByArg {
    Owner,
    Team,
    Segment,
    Region,
    Source,
}

fn kind(k: KindArg) -> LeakKind {
    match k {
        KindArg::NeverAccepted => LeakKind::NeverAccepted,
        KindArg::SlowFirstTouch => LeakKind::SlowFirstTouch,
        KindArg::SqlNoOpportunity => LeakKind::SqlNoOpportunity,
        KindArg::StalledDeal => LeakKind::StalledDeal,
        KindArg::NoKickoff => LeakKind::NoKickoff,
        KindArg::LateRenewal => LeakKind::LateRenewal,
        KindArg::DataGap => LeakKind::DataGap,
    }
}

fn dimension(b: ByArg) -> LeakDimension {
    match b {
        ByArg::Owner => LeakDimension::Owner,
        ByArg::Team => LeakDimension::Team,
        ByArg::Segment => LeakDimension::Segment,
        ByArg::Region => LeakDimension::Region,
        ByArg::Source => LeakDimension::Source,
    }
}

pub(super) fn run(db: &Path, args: &LeaksArgs) -> Result<ExitCode, CliError> {
    let ws = super::open(db)?;
    let (version, defs) = versions::current(&ws)?;
    let (period, _) = super::period_and_as_of(&ws, &defs, args.period.as_deref())?;
    let as_of = workspace_as_of(&ws)?
        .ok_or("the workspace has no imports yet; import a CRM export first")?;
    let found = leaks_from_store(&ws, &defs, period, as_of)?;
    let (records, report) = (found.records(), &found.report);
    let selected = args.kind.map(kind);
    let by = args.by.map(dimension);
    if args.json {
        let leaks: Vec<_> = report
            .leaks
            .iter()
            .filter(|l| selected.is_none_or(|k| k == l.kind))
            .map(|l| {
                json!({
                    "kind": l.kind.key(), "label": l.kind.label(), "handoff": l.kind.handoff().label(),
                    "count": l.count, "volume": l.volume, "share": l.share,
                    "revenue_at_stake": l.revenue_at_stake, "stake_formula": l.stake_formula,
                    "sla": l.sla, "trend": l.trend,
                    "known_only_as_of": l.known_only_as_of, "began_in_period": l.began_in_period,
                    "records": l.records.iter().map(|r| records.source_id(r.record)).collect::<Vec<_>>(),
                    "breakdown": by.map(|d| crate::leaks::leak_breakdown(&defs, records, l, d)),
                })
            })
            .collect();
        let json = json!({
            "period": report.period, "as_of": as_of.describe(),
            "as_of_by_object": as_of.days().iter().map(|(o, d)| (o.as_str(), d.clone())).collect::<std::collections::BTreeMap<_, _>>(),
            "definitions_version": version.id,
            "reporting_currency": report.reporting_currency, "leaks": leaks,
            "handoffs": report.handoffs, "response_times": report.response,
            "downstream": report.downstream,
        });
        return super::print(&serde_json::to_string_pretty(&json)?);
    }
    let mut out = Vec::new();
    out.push(format!(
        "Leaks {} · as of {} · definitions v{}",
        report.period,
        as_of.describe(),
        version.id
    ));
    match selected.and_then(|k| report.leak(k)) {
        None => print_summary(&mut out, report),
        Some(leak) => {
            out.push(format!(
                "{}: {} of {} ({}), SLA {}, revenue at stake {}",
                leak.kind.label(),
                leak.count,
                leak.volume,
                percent(leak.share),
                leak.sla.as_deref().unwrap_or("none"),
                leak.revenue_at_stake.map_or_else(
                    || "not priced".to_owned(),
                    |v| money(v, &report.reporting_currency)
                )
            ));
            out.push(leak.stake_formula.clone());
            match by {
                Some(d) => {
                    out.push(format!(
                        "{:<28} {:>7} {:>7} {:>8} {:>16}",
                        d.label(),
                        "leaked",
                        "of",
                        "share",
                        "at stake"
                    ));
                    for r in crate::leaks::leak_breakdown(&defs, records, leak, d) {
                        out.push(format!(
                            "{:<28} {:>7} {:>7} {:>8} {:>16}",
                            r.value,
                            r.count,
                            r.volume,
                            percent(r.share),
                            money(r.revenue_at_stake, &report.reporting_currency)
                        ));
                    }
                }
                None => {
                    for r in leak.most_overdue() {
                        let id = records.source_id(r.record);
                        let reason = r.reason(&defs, records, leak.as_of);
                        out.push(match r.due {
                            Some(due) => format!(
                                "{id:<14} due {:<17} {:>13} late  {reason}",
                                date_time(due),
                                crate::text::days(r.late_days(leak.as_of)),
                            ),
                            None => format!("{id:<14} {reason}"),
                        });
                    }
                }
            }
        }
    }
    super::print(&out.join("\n"))
}

fn print_summary(out: &mut Vec<String>, report: &LeakReport) {
    out.push(format!(
        "{:<40} {:>7} {:>8} {:>8} {:>18}  SLA",
        "leak", "count", "of", "share", "revenue at stake"
    ));
    for l in report.ranked() {
        if let Some(day) = &l.known_only_as_of {
            out.push(format!(
                "{:<40} known only as of {day}: no export was taken near the end of {}",
                l.kind.label(),
                report.period
            ));
            continue;
        }
        out.push(format!(
            "{:<40} {:>7} {:>8} {:>8} {:>18}  {}",
            l.kind.label(),
            l.count,
            l.volume,
            percent(l.share),
            l.revenue_at_stake.map_or_else(
                || "not priced".to_owned(),
                |v| money(v, &report.reporting_currency)
            ),
            l.sla.as_deref().unwrap_or("")
        ));
    }
    let r = &report.response;
    out.push(format!(
        "First sales touch: {} of {} within the SLA; median {} hours ({} by touch time, {} by SQL date, {} untouched)",
        r.within_sla,
        r.by_touch + r.by_sql_date + r.untouched,
        r.median_hours
            .map_or_else(|| "—".to_owned(), |h| format!("{h:.1}")),
        r.by_touch,
        r.by_sql_date,
        r.untouched
    ));
}
