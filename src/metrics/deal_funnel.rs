//! The deal-stage funnel of each pipeline: of the deals created in the period, how many
//! reached each canonical deal stage (by a recorded stage entry, or by being in that stage
//! or a later open one now), and how many were won.

use std::collections::BTreeMap;

use serde::Serialize;

use super::deals::outcome;
use super::filter::Filter;
use crate::definitions::Definitions;
use crate::definitions::apply::{deal_stage, deal_stage_of};
use crate::definitions::fiscal::Quarter;
use crate::definitions::model::StageOutcome;
use crate::model::{Deal, DealStatus};

/// One pipeline's deal-stage funnel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipelineFunnel {
    pub pipeline: String,
    /// The open deal stages in order, with how many deals reached each.
    pub stages: Vec<(String, usize)>,
    pub won: usize,
    pub lost: usize,
    /// Deals created in the period.
    pub created: usize,
}

/// The deal-stage funnel per pipeline for deals created in `period`.
pub fn deal_stage_funnels(
    defs: &Definitions,
    deals: &[Deal],
    filter: &Filter,
    period: Quarter,
) -> Vec<PipelineFunnel> {
    let month = defs.fiscal_year_start_month;
    let open: Vec<&str> = defs
        .deal_stages
        .iter()
        .filter(|s| s.outcome == StageOutcome::Open)
        .map(|s| s.name.as_str())
        .collect();
    let mut by_pipeline: BTreeMap<String, PipelineFunnel> = BTreeMap::new();
    for d in deals
        .iter()
        .filter(|d| filter.keeps_deal(d) && d.created.is_some_and(|t| period.contains(t, month)))
    {
        let name = d
            .pipeline
            .clone()
            .unwrap_or_else(|| format!("{} (no pipeline)", d.source_system));
        let f = by_pipeline
            .entry(name.clone())
            .or_insert_with(|| PipelineFunnel {
                pipeline: name,
                stages: open.iter().map(|s| ((*s).to_owned(), 0)).collect(),
                won: 0,
                lost: 0,
                created: 0,
            });
        f.created += 1;
        // The furthest open stage the deal is known to have reached.
        let mut furthest: Option<usize> = None;
        let mut note = |stage: Option<&str>| {
            if let Some(i) = stage.and_then(|s| open.iter().position(|o| *o == s)) {
                furthest = Some(furthest.map_or(i, |f: usize| f.max(i)));
            }
        };
        for e in &d.stage_entries {
            note(
                deal_stage(defs, &d.source_system, d.pipeline.as_deref(), &e.stage)
                    .map(|s| s.name.as_str()),
            );
        }
        note(deal_stage_of(defs, d).map(|s| s.name.as_str()));
        let status = outcome(defs, d);
        // A won deal passed every open stage; any deal that exists reached the first.
        let reached = match status {
            DealStatus::Won => open.len(),
            _ => furthest.map_or(1, |i| i + 1),
        };
        for stage in f.stages.iter_mut().take(reached) {
            stage.1 += 1;
        }
        match status {
            DealStatus::Won => f.won += 1,
            DealStatus::Lost => f.lost += 1,
            DealStatus::Open => {}
        }
    }
    by_pipeline.into_values().collect()
}
