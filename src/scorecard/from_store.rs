//! A quarter's scorecard worked out from a workspace, in two steps: [`gather`] reads and
//! counts everything the page can show (every metric asked in this quarter and the four
//! before it, the leaks ranked by revenue at stake, the pillars' maturity, what was
//! presented for the quarter before, the batches behind it all), which is the heavy part;
//! [`assemble`] puts a template's page together from that at once, so a target or a
//! comment edited on screen shows without counting anything again.

use std::sync::Arc;

use super::ScorecardError;
use super::catalogue::{MetricSpec, catalogue, sla_handoff};
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

/// Everything a quarter's page can show, read and counted once.
#[derive(Debug, Clone)]
pub struct Gathered {
    /// Last year's quarter, then the four of the trend, the page's own last.
    pub quarters: Vec<Quarter>,
    /// Each quarter's values, in the order of `quarters`.
    pub figures: Vec<QuarterFigures>,
    /// Every metric the definitions allow.
    pub specs: Vec<MetricSpec>,
    pub currency: String,
    pub definitions_version: i64,
    /// Every leak of the quarter that flagged a record, most revenue at stake first.
    pub leaks: Vec<LeakLine>,
    pub pillars: Option<PillarHealth>,
    /// The page last published for the quarter before, with the definitions version it
    /// was built under.
    pub presented: Option<(Scorecard, i64)>,
    /// The latest export's as-of date, `YYYY-MM-DD`.
    pub as_of: Option<String>,
    pub batches: Vec<String>,
}

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
/// the definitions in force), produced by `by`: what the command line writes.
pub fn build(
    ws: &Workspace,
    tables: &FunnelTables,
    period: Quarter,
    template: &Template,
    by: &str,
) -> Result<Scorecard, ScorecardError> {
    let gathered = gather(ws, tables, period, &template.keys())?;
    Ok(assemble(&gathered, template, by))
}

/// Reads and counts what the metrics in `keys` need for `period` (and the leaks, the
/// pillars and the footer, which every page shows).
pub fn gather(
    ws: &Workspace,
    tables: &FunnelTables,
    period: Quarter,
    keys: &[String],
) -> Result<Gathered, ScorecardError> {
    let quarters = quarters_read(period);
    let accounts = ws.accounts()?;
    let as_of = workspace_as_of(ws)?;
    // Leaks are counted for each quarter only when a handoff's SLA compliance is asked
    // for; the page's own quarter always (its leaks are ranked on it). The deals are read
    // once for all of them.
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
    let funnels = funnels_of(tables, &quarters, keys);
    let figures: Vec<QuarterFigures> = quarters
        .iter()
        .enumerate()
        .map(|(i, &q)| {
            let funnel = funnels.as_ref().and_then(|f| f.get(i));
            quarter_figures(tables, funnel, report_of(q), &accounts, q, keys)
        })
        .collect();
    let this_quarter = counted
        .iter()
        .position(|c| *c == period)
        .filter(|&i| i < reports.len())
        .map(|i| reports.swap_remove(i));
    let (pillars, leads) = pillar_maturity(ws, tables, period, leads, this_quarter.as_ref())?;
    let leaks = this_quarter.as_ref().map_or_else(Vec::new, ranked_leaks);
    // Five quarters' leak reports and the lead table are millions of small allocations:
    // freeing them took about a second at a million contacts, which the page need not
    // wait for. A thread of the caller's (lowered) priority frees them instead.
    let heavy = (reports, this_quarter, leads);
    let _ = std::thread::Builder::new()
        .name("drop-scorecard-inputs".to_owned())
        .spawn(move || drop(heavy));
    Ok(Gathered {
        quarters,
        figures,
        specs: catalogue(&tables.defs),
        currency: tables.defs.currency.reporting.clone(),
        definitions_version: tables.definitions_version,
        leaks,
        pillars,
        presented: previously_presented(ws, period)?,
        as_of: ws.latest_as_of()?.map(|d| d.format("%Y-%m-%d").to_string()),
        batches: ws
            .batches()?
            .iter()
            .map(|b| format!("#{} {} (as of {})", b.id, b.file, b.as_of))
            .collect(),
    })
}

/// The quarter's leaks that flagged a record, most revenue at stake first.
fn ranked_leaks(report: &LeakReport) -> Vec<LeakLine> {
    report
        .ranked()
        .into_iter()
        .filter(|l| l.count > 0)
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

/// The page of `template` from what was gathered, produced by `by` now.
pub fn assemble(g: &Gathered, template: &Template, by: &str) -> Scorecard {
    let period = g.quarters.last().map(|q| q.label()).unwrap_or_default();
    let line = |key: &String| metric_line(g, template, key);
    Scorecard {
        period: period.clone(),
        template: template.name.clone(),
        published: None,
        currency: g.currency.clone(),
        north_star: template.north_star.iter().filter_map(line).collect(),
        operational: template.operational.iter().filter_map(line).collect(),
        leaks: g.leaks.iter().take(template.leaks_shown).cloned().collect(),
        leaks_in_all: g.leaks.len(),
        pillars: g.pillars.clone(),
        comments: SECTIONS
            .iter()
            .filter_map(|(key, name)| {
                template
                    .comment(key)
                    .map(|c| ((*name).to_owned(), c.to_owned()))
            })
            .collect(),
        footer: Footer {
            period,
            as_of: g.as_of.clone(),
            batches: g.batches.clone(),
            definitions_version: g.definitions_version,
            produced_at: chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
            produced_by: by.to_owned(),
        },
    }
}

/// One metric's line: this quarter, the previous (as presented when it was published),
/// last year, the trend, the target and the status.
fn metric_line(g: &Gathered, template: &Template, key: &String) -> Option<MetricLine> {
    let spec = g.specs.iter().find(|s| &s.key == key)?;
    let at = |i: usize| g.figures.get(i).and_then(|f| f.get(key));
    let label = |i: usize| g.quarters.get(i).map(|q| q.label()).unwrap_or_default();
    let now_previous = at(3);
    let then = g.presented.as_ref().and_then(|(page, version)| {
        let m = page.metrics().find(|m| &m.key == key)?;
        Some((m.value, *version))
    });
    let (previous, restated) = match then {
        Some((then, version_then)) => {
            let (a, b) = (
                value_text(spec.unit, then, &g.currency),
                value_text(spec.unit, now_previous, &g.currency),
            );
            let why = if version_then == g.definitions_version {
                "the records changed since (a later export)".to_owned()
            } else {
                format!("definitions v{version_then} → v{}", g.definitions_version)
            };
            let restated = (a != b).then(|| format!("restated: {a} as presented, {b} now — {why}"));
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
        previous_period: label(3),
        previous,
        last_year_period: label(0),
        last_year: at(0),
        trend: (1..5).map(|i| (label(i), at(i))).collect(),
        target,
        status: status(value, target, spec.better),
        restated,
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
    Ok(Some((
        super::publish::read(&published)?,
        published.definitions_version,
    )))
}
