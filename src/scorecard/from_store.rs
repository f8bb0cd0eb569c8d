//! A quarter's scorecard worked out from a workspace: every metric of the template in
//! this quarter and the four before it (the previous quarter, last year's, the trend),
//! the leaks ranked by revenue at stake, the pillars' maturity, the previous quarter's
//! published numbers beside today's, and the footer that traces the page.

use std::sync::Arc;

use super::ScorecardError;
use super::catalogue::{catalogue, sla_handoff};
use super::figures::{QuarterFigures, funnels_of, quarter_figures};
use super::page::{Footer, LeakLine, MetricLine, PillarHealth, PillarLine, Scorecard, value_text};
use super::status::status;
use super::template::{SECTIONS, Template};
use crate::definitions::fiscal::Quarter;
use crate::leaks::from_store::workspace_as_of;
use crate::leaks::{Leads, LeakReport, count_leaks_of};
use crate::maturity::{MaturityReport, assess, measure_quarters, model_of, stored_answers};
use crate::metrics::from_store::FunnelTables;
use crate::workspace::Workspace;

/// The quarters a page reads, oldest first: last year's, then the four of the trend
/// (the previous quarter among them), this one last.
fn quarters_read(period: Quarter) -> Vec<Quarter> {
    let mut q = vec![period];
    for _ in 0..4 {
        let before = q.last().map_or(period, |x| x.previous());
        q.push(before);
    }
    q.reverse();
    q
}

/// The scorecard of `period` in `ws` under `template`, over `tables` (the funnel's, under
/// the definitions in force), produced by `by`.
pub fn build(
    ws: &Workspace,
    tables: &FunnelTables,
    period: Quarter,
    template: &Template,
    by: &str,
) -> Result<Scorecard, ScorecardError> {
    let keys = template.keys();
    let quarters = quarters_read(period);
    let accounts = ws.accounts()?;
    let as_of = workspace_as_of(ws)?;
    // Leaks are counted for each quarter only when a handoff's SLA compliance shows; the
    // page's own quarter always (its leaks are ranked on it). The deals are read once for
    // all of them.
    let counted: Vec<Quarter> = if keys.iter().any(|k| sla_handoff(k).is_some()) {
        quarters.clone()
    } else {
        vec![period]
    };
    let (leads, mut reports): (Option<Arc<Leads>>, Vec<LeakReport>) = match as_of {
        Some(as_of) => {
            let (leads, found) = count_leaks_of(ws, &tables.defs, &counted, as_of, None)?;
            (Some(leads), found.into_iter().map(|f| f.report).collect())
        }
        None => (None, Vec::new()),
    };
    let report_of = |q: Quarter| {
        counted
            .iter()
            .position(|c| *c == q)
            .and_then(|i| reports.get(i))
    };
    let funnels = funnels_of(tables, &quarters, &keys);
    let figures: Vec<QuarterFigures> = quarters
        .iter()
        .enumerate()
        .map(|(i, &q)| {
            let funnel = funnels.as_ref().and_then(|f| f.get(i));
            quarter_figures(tables, funnel, report_of(q), &accounts, q, &keys)
        })
        .collect();
    let this_quarter = counted
        .iter()
        .position(|c| *c == period)
        .filter(|&i| i < reports.len())
        .map(|i| reports.swap_remove(i));
    let (maturity, maturity_leads) =
        pillar_maturity(ws, tables, period, leads, this_quarter.as_ref())?;
    let presented = previously_presented(ws, period)?;
    let currency = tables.defs.currency.reporting.clone();
    let specs = catalogue(&tables.defs);
    let line = |key: &String| -> Option<MetricLine> {
        let spec = specs.iter().find(|s| &s.key == key)?;
        let at = |i: usize| figures.get(i).and_then(|f| f.get(key));
        let now_previous = at(3);
        let then = presented.as_ref().and_then(|(page, version)| {
            let m = page.metrics().find(|m| &m.key == key)?;
            Some((m.value, *version))
        });
        let (previous, restated) = match then {
            Some((then, version_then)) => {
                let (a, b) = (
                    value_text(spec.unit, then, &currency),
                    value_text(spec.unit, now_previous, &currency),
                );
                let why = if version_then == tables.definitions_version {
                    "the records changed since (a later export)".to_owned()
                } else {
                    format!(
                        "definitions v{version_then} → v{}",
                        tables.definitions_version
                    )
                };
                let restated =
                    (a != b).then(|| format!("restated: {a} as presented, {b} now — {why}"));
                (then, restated)
            }
            None => (now_previous, None),
        };
        let value = at(4);
        let target = template.targets.get(key).copied();
        Some(MetricLine {
            key: key.clone(),
            label: spec.label.clone(),
            definition: spec.definition.clone(),
            unit: spec.unit,
            better: spec.better,
            value,
            missing: spec.missing().to_owned(),
            previous_period: quarters[3].label(),
            previous,
            last_year_period: quarters[0].label(),
            last_year: at(0),
            trend: (1..5).map(|i| (quarters[i].label(), at(i))).collect(),
            target,
            status: status(value, target, spec.better),
            restated,
        })
    };
    let leaks_in_all;
    let leaks = match &this_quarter {
        Some(report) => {
            let ranked = report.ranked();
            leaks_in_all = ranked.iter().filter(|l| l.count > 0).count();
            ranked
                .into_iter()
                .filter(|l| l.count > 0)
                .take(template.leaks_shown)
                .map(|l| LeakLine {
                    key: l.kind.key().to_owned(),
                    label: l.kind.label().to_owned(),
                    handoff: l.kind.handoff().label().to_owned(),
                    count: l.count,
                    volume: l.volume,
                    at_stake: l.revenue_at_stake,
                    estimate: l.kind.is_estimate(),
                })
                .collect()
        }
        None => {
            leaks_in_all = 0;
            Vec::new()
        }
    };
    // Five quarters' leak reports and the lead table are millions of small allocations:
    // freeing them took about a second at a million contacts, which the page need not
    // wait for. A thread of the caller's (lowered) priority frees them instead.
    let heavy = (reports, this_quarter, maturity_leads);
    let _ = std::thread::Builder::new()
        .name("drop-scorecard-inputs".to_owned())
        .spawn(move || drop(heavy));
    let batches = ws
        .batches()?
        .iter()
        .map(|b| format!("#{} {} (as of {})", b.id, b.file, b.as_of))
        .collect();
    Ok(Scorecard {
        period: period.label(),
        template: template.name.clone(),
        published: None,
        currency: currency.clone(),
        north_star: template.north_star.iter().filter_map(line).collect(),
        operational: template.operational.iter().filter_map(line).collect(),
        leaks,
        leaks_in_all,
        pillars: maturity,
        comments: SECTIONS
            .iter()
            .filter_map(|(key, name)| {
                template
                    .comment(key)
                    .map(|c| ((*name).to_owned(), c.to_owned()))
            })
            .collect(),
        footer: Footer {
            period: period.label(),
            as_of: ws.latest_as_of()?.map(|d| d.format("%Y-%m-%d").to_string()),
            batches,
            definitions_version: tables.definitions_version,
            produced_at: chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
            produced_by: by.to_owned(),
        },
    })
}

/// The pillars' maturity in `period`, measured over the tables and the quarter's leaks
/// already counted; the contacts as the leaks read them are handed back.
fn pillar_maturity(
    ws: &Workspace,
    tables: &FunnelTables,
    period: Quarter,
    leads: Option<Arc<Leads>>,
    leaks: Option<&LeakReport>,
) -> Result<(Option<PillarHealth>, Option<Arc<Leads>>), ScorecardError> {
    let model = model_of(ws)?;
    let answers = stored_answers(ws, period)?;
    let (measured, leads) = measure_quarters(
        ws,
        &model,
        &[period],
        tables,
        leads,
        leaks.map(|r| (period, r)),
    )?;
    let report: MaturityReport = assess(
        &model,
        measured.first().map_or(&[][..], Vec::as_slice),
        &answers,
        period,
        tables.definitions_version,
    );
    let health = PillarHealth {
        framework: report.framework.clone(),
        target_level: model.target,
        level_names: model.levels.iter().map(|l| l.name.clone()).collect(),
        overall: report.overall,
        pillars: report
            .pillars
            .iter()
            .map(|p| PillarLine {
                name: p.name.clone(),
                owner: p.owner.clone(),
                level: p.level,
                answers_level: p.self_level,
                evidence_level: p.evidence_level,
            })
            .collect(),
    };
    Ok((Some(health), leads))
}

/// The scorecard last published for the quarter before `period`, with the definitions
/// version it was built under.
fn previously_presented(
    ws: &Workspace,
    period: Quarter,
) -> Result<Option<(Scorecard, i64)>, ScorecardError> {
    let Some(published) = ws.latest_published_scorecard(&period.previous().label())? else {
        return Ok(None);
    };
    let page: Scorecard =
        serde_json::from_str(&published.page).map_err(|e| ScorecardError::DamagedPublished {
            name: published.name.clone(),
            reason: e.to_string(),
        })?;
    Ok(Some((page, published.definitions_version)))
}
