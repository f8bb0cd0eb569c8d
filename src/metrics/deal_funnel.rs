//! The deal-stage funnel of each pipeline: of the deals created in the period, how many
//! reached each canonical deal stage (by a recorded stage entry, or by being in that stage
//! or a later open one now), and how many were won.

use serde::Serialize;

use super::deal_table::DealTable;
use super::filter::Filter;
use crate::definitions::Definitions;
use crate::definitions::apply::DealStageLookup;
use crate::definitions::fiscal::Quarter;
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
    deals: &DealTable,
    filter: &Filter,
    period: Quarter,
) -> Vec<PipelineFunnel> {
    let range = period.bounds(defs.fiscal_year_start_month);
    let names = deals.funnel_pipeline_names();
    let open = deals.open_stages();
    let mut funnels: Vec<Option<PipelineFunnel>> = vec![None; names.len()];
    for i in deals.kept(filter) {
        if !deals.created(i).is_some_and(|t| range.contains(&t)) {
            continue;
        }
        let Some((slot, name)) = deals
            .funnel_pipeline(i)
            .and_then(|p| Some((funnels.get_mut(p)?, names.get(p)?)))
        else {
            continue;
        };
        let f = slot.get_or_insert_with(|| PipelineFunnel {
            pipeline: name.clone(),
            stages: open.iter().map(|s| (s.clone(), 0)).collect(),
            won: 0,
            lost: 0,
            created: 0,
        });
        f.created += 1;
        for stage in f.stages.iter_mut().take(deals.reached(i)) {
            stage.1 += 1;
        }
        match deals.status(i) {
            DealStatus::Won => f.won += 1,
            DealStatus::Lost => f.lost += 1,
            DealStatus::Open => {}
        }
    }
    let mut funnels: Vec<PipelineFunnel> = funnels.into_iter().flatten().collect();
    funnels.sort_by(|a, b| a.pipeline.cmp(&b.pipeline));
    funnels
}

/// How many of the open deal stages `d` reached: all when won; else up to the furthest
/// one a stage entry or its current stage shows, and at least the first, since it exists.
/// `open_rank` gives each of the definitions' deal stages its place among the open ones.
pub(super) fn stages_reached(
    lookup: &mut DealStageLookup<'_>,
    open_rank: &[Option<usize>],
    d: &Deal,
    status: DealStatus,
) -> usize {
    let open = open_rank.iter().flatten().count();
    if status == DealStatus::Won {
        return open;
    }
    let current = d.raw_stage.as_deref().and_then(|r| lookup.position(d, r));
    d.stage_entries
        .iter()
        .filter_map(|e| lookup.position(d, &e.stage))
        .chain(current)
        .filter_map(|p| open_rank.get(p).copied().flatten())
        .max()
        .map_or(1, |i| i + 1)
}
