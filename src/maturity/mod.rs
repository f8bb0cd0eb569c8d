//! Pillar maturity: where the revenue engine stands on each RevOps pillar, from the team's
//! answers and from evidence measured in the data, where the two disagree, and the next
//! move. The model is data (`assets/maturity-default.toml`, see docs/maturity.md).

pub mod answers;
pub mod forecast;
pub mod levels;
pub mod model;
pub mod signals;
pub mod stage_jumps;

use std::sync::Arc;

use serde::Serialize;

pub use answers::{Answer, Answers};
pub use model::Model;
pub use signals::{Behind, Facts, Inputs, Signal};

use crate::definitions::fiscal::Quarter;
use crate::definitions::versions::VersionError;
use crate::leaks::from_store::{count_leaks, workspace_as_of};
use crate::leaks::{Leads, LeakReport};
use crate::metrics::FunnelMode;
use crate::metrics::deals::deal_metrics_of;
use crate::metrics::filter::{Dimension, Filter};
use crate::metrics::from_store::FunnelTables;
use crate::metrics::report::FunnelQuestion;
use crate::model::RecordObject;
use crate::workspace::{Workspace, WorkspaceError};

/// One pillar assessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarAssessment {
    pub key: String,
    pub name: String,
    pub owner: String,
    pub step: String,
    pub kpi_name: String,
    /// The KPI's signal, measured or not.
    pub kpi: Option<Signal>,
    /// The level the answers show.
    pub self_level: Option<u8>,
    /// The level the measured signals support.
    pub evidence_level: Option<u8>,
    /// The level stated, and why.
    pub level: Option<u8>,
    pub level_reason: String,
    /// The answers and the evidence a level or more apart, in one sentence.
    pub disagreement: Option<String>,
    pub signals: Vec<Signal>,
    pub questions: usize,
    pub answered: usize,
    /// The focus for the next step from its level.
    pub focus: String,
}

/// The engine's maturity in one quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaturityReport {
    pub period: String,
    pub framework: String,
    pub definitions_version: i64,
    pub pillars: Vec<PillarAssessment>,
    /// Capped by the weakest pillar.
    pub overall: Option<u8>,
    /// The pillars' levels averaged, shown beside the overall level.
    pub average: Option<f64>,
    /// The index in `pillars` of the one to work on next.
    pub next_move: Option<usize>,
    pub answered_by: String,
    pub answered_at: String,
}

impl MaturityReport {
    /// The pillar to work on next.
    pub fn next(&self) -> Option<&PillarAssessment> {
        self.next_move.and_then(|i| self.pillars.get(i))
    }
}

/// Why the maturity could not be assessed.
#[derive(Debug, thiserror::Error)]
pub enum MaturityError {
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error(transparent)]
    Definitions(#[from] VersionError),
}

/// Every signal of `model` measured in `inputs`; `None` before any import, when every
/// signal says what export would measure it.
pub fn measure(model: &Model, inputs: Option<&Inputs<'_>>) -> Vec<Signal> {
    match inputs {
        Some(i) => signals::measure_all(&model.signals, i),
        None => model
            .signals
            .iter()
            .map(|s| signals::not_measured(s, &s.needs))
            .collect(),
    }
}

/// The assessment of `period` under `model` from its measured signals and the quarter's
/// answers: cheap, so an answer changed on screen is assessed again at once.
pub fn assess(
    model: &Model,
    measured: &[Signal],
    answers: &Answers,
    period: Quarter,
    definitions_version: i64,
) -> MaturityReport {
    let pillars: Vec<PillarAssessment> = model
        .framework()
        .pillars
        .iter()
        .map(|p| {
            let questions = model.questions_of(p);
            let own = answers::self_level(&questions, &answers.given);
            let base = model.base_pillars_of(p);
            let mine: Vec<&Signal> = measured
                .iter()
                .filter(|s| base.contains(&s.pillar.as_str()))
                .collect();
            let evidence = levels::evidence_level(&mine);
            let stated = levels::stated(model, own, evidence);
            let focus = model
                .level(stated.level.unwrap_or(1))
                .map(|l| l.focus.clone())
                .unwrap_or_default();
            PillarAssessment {
                key: p.key.clone(),
                name: p.name.clone(),
                owner: p.owner.clone(),
                step: p.step.clone(),
                kpi_name: p.kpi_name.clone(),
                kpi: measured.iter().find(|s| s.key == p.kpi).cloned(),
                self_level: own,
                evidence_level: evidence,
                level: stated.level,
                level_reason: stated.reason,
                disagreement: levels::disagreement(model, &p.name, own, evidence, &mine),
                signals: mine.into_iter().cloned().collect(),
                answered: questions
                    .iter()
                    .filter(|q| answers.given.contains_key(&q.key))
                    .count(),
                questions: questions.len(),
                focus,
            }
        })
        .collect();
    let stated: Vec<u8> = pillars.iter().filter_map(|p| p.level).collect();
    let next_move = levels::next_move(
        &pillars
            .iter()
            .map(|p| (p.level, p.step.as_str()))
            .collect::<Vec<_>>(),
    );
    MaturityReport {
        period: period.label(),
        framework: model.framework().name.clone(),
        definitions_version,
        overall: stated.iter().min().copied(),
        average: (!stated.is_empty())
            .then(|| stated.iter().map(|l| f64::from(*l)).sum::<f64>() / stated.len() as f64),
        pillars,
        next_move,
        answered_by: answers.answered_by.clone(),
        answered_at: answers.answered_at.clone(),
    }
}

/// The model `ws` uses (one imported into it, else the shipped one) in the framework it
/// has chosen (the model's own when none was, or when the one chosen is not the model's).
pub fn model_of(ws: &Workspace) -> Result<Model, WorkspaceError> {
    // An imported model was checked whole before it was kept.
    let mut model = ws
        .maturity_model_text()?
        .and_then(|text| model::parse(&text, std::path::Path::new("the workspace's model")).ok())
        .unwrap_or_else(Model::shipped);
    if let Some(key) = ws.maturity_framework()?
        && model.frameworks.iter().any(|f| f.key == key)
    {
        model.framework = key;
    }
    Ok(model)
}

/// The answers of `period` kept in `ws`.
pub fn stored_answers(ws: &Workspace, period: Quarter) -> Result<Answers, WorkspaceError> {
    let stored = ws.maturity_answers(&period.label())?;
    let latest = stored
        .iter()
        .max_by(|a, b| a.answered_at.cmp(&b.answered_at));
    Ok(Answers {
        answered_by: latest.map(|a| a.answered_by.clone()).unwrap_or_default(),
        answered_at: latest
            .map(|a| a.answered_at.get(..16).unwrap_or(&a.answered_at).to_owned())
            .unwrap_or_default(),
        given: stored
            .iter()
            .filter_map(|a| Answer::parse(&a.answer).map(|x| (a.question.clone(), x)))
            .collect(),
    })
}

/// The win rate of the four quarters before `period` together (won ÷ closed), for
/// weighting deals exported without a probability; 0 when none closed.
pub fn prior_win_rate(tables: &FunnelTables, period: Quarter) -> f64 {
    let (mut won, mut closed) = (0, 0);
    let all: Vec<usize> = (0..tables.deals.len()).collect();
    for q in std::iter::successors(Some(period.previous()), |q| Some(q.previous())).take(4) {
        let m = deal_metrics_of(&tables.defs, &tables.deals, all.iter().copied(), q);
        won += m.won;
        closed += m.won + m.lost;
    }
    if closed == 0 {
        0.0
    } else {
        won as f64 / closed as f64
    }
}

/// The funnel question the evidence reads: the quarter, counted as cohorts, by owner.
pub fn funnel_question(period: Quarter) -> FunnelQuestion {
    FunnelQuestion {
        period,
        mode: FunnelMode::Cohort,
        filter: Filter::all(),
        breakdown_by: Dimension::Owner,
    }
}

/// Each quarter's signals, in the order asked, and the contacts the leaks read, for the
/// next call.
pub type Measured = (Vec<Vec<Signal>>, Option<Arc<Leads>>);

/// Every signal of `model` for each of `periods`, measured in `ws` over `tables` (the
/// funnel's, under the definitions in force) and `leads` (the leaks' contacts) when
/// given, else read; `known` is a quarter's leak report already worked out (the Handoff
/// leaks view's), used instead of counting that quarter again. The workspace's history
/// (definitions versions, batches, raw stage counts) is read once for all quarters.
pub fn measure_quarters(
    ws: &Workspace,
    model: &Model,
    periods: &[Quarter],
    tables: &FunnelTables,
    leads: Option<Arc<Leads>>,
    known: Option<(Quarter, &LeakReport)>,
) -> Result<Measured, MaturityError> {
    let Some(as_of) = workspace_as_of(ws)? else {
        return Ok((
            periods.iter().map(|_| measure(model, None)).collect(),
            leads,
        ));
    };
    let (versions, batches, raw_stages) = (
        ws.definition_versions()?,
        ws.batches()?,
        ws.raw_deal_stages()?,
    );
    let mut leads = leads;
    let mut out = Vec::new();
    for &period in periods {
        let funnel = tables.report(&funnel_question(period));
        let counted;
        let report = match known {
            Some((q, report)) if q == period => report,
            _ => {
                let (read, found) = count_leaks(ws, &tables.defs, period, as_of, leads.take())?;
                leads = Some(read);
                counted = found;
                &counted.report
            }
        };
        let (won, _) = signals::won_in_quarter(tables, &funnel);
        let facts = Facts {
            versions: versions.clone(),
            batches: batches.clone(),
            raw_stages: raw_stages.clone(),
            forecast: forecast::forecast(
                ws,
                &tables.defs,
                period,
                won,
                prior_win_rate(tables, period),
            )?,
            stage_jumps: Some(stage_jumps::stage_jumps(
                ws,
                tables,
                &funnel.deals.won_records,
            )?),
        };
        let inputs = Inputs {
            defs: &tables.defs,
            period,
            deals_as_of: as_of.of(RecordObject::Deal),
            tables,
            funnel: &funnel,
            leaks: report,
            facts: &facts,
        };
        out.push(measure(model, Some(&inputs)));
    }
    Ok((out, leads))
}

/// The maturity of `period` in `ws` under `model`, reading everything from the store:
/// what the command line prints.
pub fn assess_workspace(
    ws: &Workspace,
    model: &Model,
    period: Quarter,
) -> Result<MaturityReport, MaturityError> {
    let tables = FunnelTables::load(ws)?;
    let answers = stored_answers(ws, period)?;
    let (measured, _) = measure_quarters(ws, model, &[period], &tables, None, None)?;
    Ok(assess(
        model,
        measured.first().map_or(&[][..], Vec::as_slice),
        &answers,
        period,
        tables.definitions_version,
    ))
}
