//! Every metric by segment, owner, source, region, pipeline or deal type; a row with too
//! few records to mean anything is flagged, not hidden.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::contact_table::ContactTable;
use super::deal_table::DealTable;
use super::deals::{DealMetrics, deal_metrics_of};
use super::filter::{Dimension, Filter};
use super::funnel::{FunnelMode, LifecycleFunnel, funnels_by_value, lifecycle_funnel};
use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;

/// Fewer records than this in a row and its numbers are flagged as thin.
pub const THIN_BELOW: usize = 20;

/// One value of the dimension: its funnel and deal metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownRow {
    pub value: String,
    /// `None` when the dimension is not one contacts have (pipeline, deal type).
    pub funnel: Option<LifecycleFunnel>,
    pub deals: DealMetrics,
    /// The row's base (first funnel stage, or closed deals) is below [`THIN_BELOW`].
    pub thin: bool,
}

/// The breakdown of the period's funnel and deal metrics by `dimension`, within `filter`:
/// one pass over the contacts for every value's funnel, one over the deals to group them.
pub fn breakdown(
    defs: &Definitions,
    contacts: &ContactTable,
    deals: &DealTable,
    filter: &Filter,
    period: Quarter,
    mode: FunnelMode,
    dimension: Dimension,
) -> Vec<BreakdownRow> {
    let contact_dim = !matches!(dimension, Dimension::Pipeline | Dimension::DealType);
    // Every value any deal has gets a row, with the deals the filter keeps.
    let deal_values = deals.columns().values(dimension);
    let mut kept_of: Vec<Vec<usize>> = vec![Vec::new(); deal_values.len()];
    if let Some(slot) = deals.columns().slot_of(dimension) {
        for i in deals.kept(filter) {
            if let Some(list) = deals
                .columns()
                .value_id(i, slot)
                .and_then(|v| kept_of.get_mut(v))
            {
                list.push(i);
            }
        }
    }
    let deals_of: BTreeMap<&str, Vec<usize>> = deal_values
        .iter()
        .map(String::as_str)
        .zip(kept_of)
        .collect();
    let mut funnels: BTreeMap<String, LifecycleFunnel> = if contact_dim {
        funnels_by_value(defs, contacts, filter, period, mode, dimension)
            .into_iter()
            .collect()
    } else {
        BTreeMap::new()
    };
    let mut values: BTreeSet<String> = deals_of.keys().map(|v| (*v).to_owned()).collect();
    values.extend(funnels.keys().cloned());
    values
        .into_iter()
        .map(|value| {
            // A value only deals have still gets its (empty) funnel row.
            let funnel = contact_dim.then(|| {
                funnels.remove(&value).unwrap_or_else(|| {
                    lifecycle_funnel(defs, &ContactTable::default(), filter, period, mode)
                })
            });
            let positions = deals_of.get(value.as_str()).cloned().unwrap_or_default();
            let deals = deal_metrics_of(defs, deals, positions, period);
            let base = funnel
                .as_ref()
                .and_then(|x| x.stages.first())
                .map_or(deals.won + deals.lost, |s| s.count);
            BreakdownRow {
                value,
                funnel,
                deals,
                thin: base < THIN_BELOW,
            }
        })
        .collect()
}
