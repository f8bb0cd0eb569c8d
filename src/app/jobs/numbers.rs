//! The jobs that compute a view's numbers: each asks the library for them (the same
//! functions the command line calls) and shapes the answer for its view, the numbers
//! first and the records behind them after.

use std::sync::Arc;

use super::{JobError, JobOutcome, LeakLists};
use crate::definitions::versions;
use crate::leaks::from_store::workspace_as_of;
use crate::leaks::{Leads, count_leaks};
use crate::metrics::details::{DetailPositions, FunnelDetails};
use crate::metrics::from_store::FunnelTables;
use crate::view_model::funnel::{FunnelQuery, FunnelResult};
use crate::view_model::leaks::{LeaksQuery, LeaksResult};
use crate::view_model::maturity::{MaturityQuery, MaturityResult, QuarterLevels};
use crate::workspace::Workspace;

/// The Funnel's numbers for `query`, sent as soon as they are worked out, then the full
/// records behind them (a third of the job at a million contacts: 87,000 contacts and
/// 60,000 deals read by key), as the job's last outcome. `tables` are reused when they
/// are of the same records and definitions.
pub fn funnel(
    ws: &Workspace,
    query: FunnelQuery,
    tables: Option<Arc<FunnelTables>>,
    early: &dyn Fn(JobOutcome),
) -> JobOutcome {
    let tables = match tables {
        Some(tables) => tables,
        None => match FunnelTables::load(ws) {
            Ok(tables) => Arc::new(tables),
            Err(e) => return JobOutcome::Funnel(Err(e.into())),
        },
    };
    let report = tables.report(&query.question());
    let positions = DetailPositions::of(&report);
    let result = FunnelResult::new(query.clone(), report, tables.clone());
    early(JobOutcome::Funnel(Ok(Box::new(result))));
    JobOutcome::FunnelDetails {
        query: Box::new(query),
        details: FunnelDetails::read(ws, &tables.contacts, &tables.deals, positions)
            .map_err(JobError::from),
    }
}

/// The leak counts of `query`, sent as soon as they are worked out, then every leak's
/// records and breakdowns (the contacts and deals a leak names, 145,000 contacts at a
/// million, read by key) as the job's last outcome. `leads` are reused when they are of
/// the same records and definitions.
pub fn leaks(
    ws: &Workspace,
    query: LeaksQuery,
    leads: Option<Arc<Leads>>,
    early: &dyn Fn(JobOutcome),
) -> JobOutcome {
    let counted = (|| {
        let (_, defs) = versions::current(ws)?;
        let as_of = workspace_as_of(ws)?.ok_or(JobError::NoData)?;
        let (leads, found) = count_leaks(ws, &defs, query.period, as_of, leads)?;
        Ok::<_, JobError>((defs, as_of, leads, found))
    })();
    let (defs, as_of, leads, mut found) = match counted {
        Ok(counted) => counted,
        Err(e) => return JobOutcome::Leaks(Err(e)),
    };
    let result = LeaksResult {
        query: query.clone(),
        leads: leads.clone(),
        as_of: as_of.describe(),
        report: Arc::new(found.report.clone()),
        lists: std::collections::BTreeMap::new(),
        breakdowns: std::collections::BTreeMap::new(),
        lists_ready: false,
        numbers: 0,
        restated_under: None,
    };
    early(JobOutcome::Leaks(Ok(Box::new(result))));
    JobOutcome::LeakLists(
        found
            .lists(ws, &defs, &leads.keys)
            .map(|lists| Box::new(LeakLists { query, lists }))
            .map_err(JobError::from),
    )
}

/// The Pillar maturity view's numbers for `query`: the quarter's signals, answers and
/// assessment, sent as soon as they are worked out, then with each pillar's level in the
/// three quarters before (each quarter's leaks counted again: the most of the job's time)
/// as the job's last outcome. `tables`, `leads` and a quarter's leak report (`known`)
/// are reused when they are of the same records and definitions.
pub fn maturity(
    ws: &Workspace,
    query: MaturityQuery,
    tables: Option<Arc<FunnelTables>>,
    leads: Option<Arc<Leads>>,
    known: Option<(
        crate::definitions::fiscal::Quarter,
        Arc<crate::leaks::LeakReport>,
    )>,
    early: &dyn Fn(JobOutcome),
) -> Result<MaturityResult, JobError> {
    use crate::maturity::{assess, measure_quarters, stored_answers};
    let model = Arc::new(crate::maturity::model_of(ws)?);
    let tables = match tables {
        Some(tables) => tables,
        None => Arc::new(FunnelTables::load(ws)?),
    };
    let known = known.as_ref().map(|(q, r)| (*q, r.as_ref()));
    let quarter = |q, signals: Vec<crate::maturity::Signal>| -> Result<_, JobError> {
        let answers = stored_answers(ws, q)?;
        let report = assess(&model, &signals, &answers, q, tables.definitions_version);
        Ok(QuarterLevels {
            period: q,
            signals,
            answers,
            levels: report.pillars.iter().map(|p| p.level).collect(),
        })
    };
    let (mut now, leads) = measure_quarters(ws, &model, &[query.period], &tables, leads, known)?;
    let now = quarter(query.period, now.pop().unwrap_or_default())?;
    let earlier = ws
        .maturity_answer_periods()?
        .iter()
        .filter_map(|p| crate::definitions::fiscal::Quarter::parse(p))
        .filter(|p| *p < query.period)
        .max();
    let earlier_answers = match earlier {
        Some(q) => Some((q, stored_answers(ws, q)?)),
        None => None,
    };
    let mut result = MaturityResult {
        query: query.clone(),
        model: model.clone(),
        signals: now.signals.clone(),
        answers: now.answers.clone(),
        report: assess(
            &model,
            &now.signals,
            &now.answers,
            query.period,
            tables.definitions_version,
        ),
        trend: vec![now.clone()],
        tables: tables.clone(),
        earlier_answers,
        numbers: 0,
    };
    early(JobOutcome::Maturity(Ok(Box::new(result.clone()))));
    let mut before: Vec<_> =
        std::iter::successors(Some(query.period.previous()), |q| Some(q.previous()))
            .take(3)
            .collect();
    before.reverse();
    let (measured, _) = measure_quarters(ws, &model, &before, &tables, leads, None)?;
    let mut trend = before
        .into_iter()
        .zip(measured)
        .map(|(q, signals)| quarter(q, signals))
        .collect::<Result<Vec<_>, _>>()?;
    trend.push(now);
    result.trend = trend;
    Ok(result)
}
