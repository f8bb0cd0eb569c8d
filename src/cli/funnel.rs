//! `revops-cockpit funnel [--period 2025-Q3] [--mode MODE] [--by DIMENSION] [--json]`

use super::CliError;
use std::path::Path;
use std::process::ExitCode;

use serde_json::json;

use crate::metrics::breakdown::BreakdownRow;
use crate::metrics::from_store::FunnelTables;
use crate::metrics::report::FunnelQuestion;
use crate::metrics::stage_table::StageTable;
use crate::metrics::{Dimension, Filter, FunnelMode};

/// Arguments of `funnel`.
#[derive(Debug, clap::Args)]
pub struct FunnelArgs {
    /// The fiscal quarter, e.g. 2025-Q3 (default: the quarter of the latest export).
    #[arg(long, value_name = "YYYY-QN")]
    pub period: Option<String>,
    /// How the funnel counts.
    #[arg(long, value_enum, default_value = "cohort")]
    pub mode: ModeArg,
    /// Break the numbers down by one dimension.
    #[arg(long, value_enum)]
    pub by: Option<ByArg>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `--mode` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ModeArg {
    Cohort,
    Period,
    Strict,
    Any,
}

/// `--by` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ByArg {
    Segment,
    Owner,
    Source,
    Region,
    Pipeline,
    DealType,
}

fn mode(m: ModeArg) -> FunnelMode {
    match m {
        ModeArg::Cohort => FunnelMode::Cohort,
        ModeArg::Period => FunnelMode::Period,
        ModeArg::Strict => FunnelMode::Strict,
        ModeArg::Any => FunnelMode::Any,
    }
}

fn dimension(b: ByArg) -> Dimension {
    match b {
        ByArg::Segment => Dimension::Segment,
        ByArg::Owner => Dimension::Owner,
        ByArg::Source => Dimension::Source,
        ByArg::Region => Dimension::Region,
        ByArg::Pipeline => Dimension::Pipeline,
        ByArg::DealType => Dimension::DealType,
    }
}

fn pct(x: Option<f64>) -> String {
    crate::text::percent(x)
}

fn num(x: Option<f64>, decimals: usize) -> String {
    x.map_or_else(|| "—".to_owned(), |v| format!("{v:.decimals$}"))
}

pub(super) fn run(db: &Path, args: &FunnelArgs) -> Result<ExitCode, CliError> {
    let ws = super::open(db)?;
    let tables = FunnelTables::load(&ws)?;
    let (period, _) = super::period_and_as_of(&ws, &tables.defs, args.period.as_deref())?;
    let mode = mode(args.mode);
    let report = tables.report(&FunnelQuestion {
        period,
        mode,
        filter: Filter::all(),
        breakdown_by: args.by.map_or(Dimension::Segment, dimension),
    });
    let (funnel, dm) = (&report.funnel, &report.deals);
    let rows = args.by.map(|_| &report.breakdown);
    if args.json {
        let stages: Vec<_> = funnel
            .stages
            .iter()
            .map(|s| {
                json!({
                    "stage": s.name, "key": s.key, "count": s.count, "skipped": s.skipped,
                    "conversion_to_next": s.conversion_to_next, "cumulative": s.cumulative,
                    "median_days_to_next": s.median_days_to_next,
                })
            })
            .collect();
        let by = args.by.map_or(Dimension::Segment, dimension);
        let breakdown: Option<Vec<_>> = rows.as_ref().map(|rows| {
            rows.iter()
                .map(|r| {
                    json!({
                        "value": r.value, "missing": r.missing, "role": r.owner_role(by), "thin": r.thin,
                        "counts": r.funnel.as_ref().map(|f| f.stages.iter().map(|s| s.count).collect::<Vec<_>>()),
                        "win_rate": r.deals.win_rate, "won": r.deals.won, "lost": r.deals.lost,
                    })
                })
                .collect()
        });
        let out = json!({
            "period": period.label(), "mode": mode, "definitions_version": tables.definitions_version,
            "reporting_currency": dm.reporting_currency, "stages": stages,
            "win_rate": dm.win_rate, "won": dm.won, "lost": dm.lost, "open_deals": dm.open_deals,
            "avg_won_amount": dm.avg_won_amount, "median_won_amount": dm.median_won_amount,
            "won_without_amount": dm.won_without_amount,
            "median_cycle_days": dm.median_cycle_days, "pipeline_velocity_per_day": dm.pipeline_velocity_per_day,
            "breakdown": breakdown,
        });
        return super::print(&serde_json::to_string_pretty(&out)?);
    }
    let mut out = vec![format!(
        "Funnel {} · {} · definitions v{}",
        period.label(),
        mode.label(),
        tables.definitions_version
    )];
    let table = StageTable::new(
        funnel,
        (&report.previous, &period.previous().label()),
        (&report.last_year, &period.year_before().label()),
    );
    let line = |cells: &[String]| {
        let mut line = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i == 0 {
                line.push_str(&format!("{cell:<14}"));
            } else {
                line.push_str(&format!("  {cell:>12}"));
            }
        }
        line
    };
    out.push(line(&table.headers));
    out.extend(table.rows.iter().map(|row| line(&row.cells())));
    for note in [&table.previous_note, &table.last_year_note]
        .into_iter()
        .flatten()
    {
        out.push(format!("—: {note}"));
    }
    let cur = &dm.reporting_currency;
    let money = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |v| crate::text::money(v, cur));
    let average = match dm.avg_won_amount {
        None if dm.won > 0 => "no priced won deals".to_owned(),
        x => money(x),
    };
    let unpriced = match dm.won_without_amount {
        0 => String::new(),
        n => format!(" ({n} won without an amount, not in it)"),
    };
    out.push(format!(
        "Deals closed in {}: {} won, {} lost, win rate {}; average won {average}{unpriced}; median cycle {} days; {} open; velocity {} a day",
        period.label(),
        dm.won,
        dm.lost,
        pct(dm.win_rate),
        num(dm.median_cycle_days, 1),
        dm.open_deals,
        money(dm.pipeline_velocity_per_day),
    ));
    if let Some(rows) = rows {
        let by = args.by.map_or(Dimension::Segment, dimension);
        let stages = funnel.stages.len();
        let total = BreakdownRow::total(
            rows.iter().any(|b| b.funnel.is_some()).then_some(funnel),
            dm,
        );
        for r in rows.iter().chain(std::iter::once(&total)) {
            let value = match r.owner_role(by) {
                Some(role) => format!("{} ({role})", r.value),
                None => r.value.clone(),
            };
            out.push(format!(
                "  {:<36} {:<56} win rate {}{}",
                value,
                r.stage_cells(stages).join(" / "),
                pct(r.deals.win_rate),
                if r.thin {
                    "  (thin: fewer than 20 records)"
                } else {
                    ""
                }
            ));
        }
    }
    super::print(&out.join("\n"))
}
