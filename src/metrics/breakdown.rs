//! Every metric by segment, owner, source, region, pipeline or deal type; a row with too
//! few records to mean anything is flagged, not hidden.

use std::collections::BTreeSet;

use serde::Serialize;

use super::deals::{DealMetrics, deal_metrics};
use super::filter::{Dimension, Filter};
use super::funnel::{FunnelMode, LifecycleFunnel, lifecycle_funnel};
use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::model::{Contact, Deal};

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

/// The breakdown of the period's funnel and deal metrics by `dimension`, within `filter`.
pub fn breakdown(
    defs: &Definitions,
    contacts: &[Contact],
    deals: &[Deal],
    filter: &Filter,
    period: Quarter,
    mode: FunnelMode,
    dimension: Dimension,
) -> Vec<BreakdownRow> {
    let contact_dim = !matches!(dimension, Dimension::Pipeline | Dimension::DealType);
    let mut values: BTreeSet<&str> = deals.iter().filter_map(|d| dimension.of_deal(d)).collect();
    if contact_dim {
        values.extend(contacts.iter().filter_map(|c| dimension.of_contact(c)));
    }
    values
        .into_iter()
        .map(|value| {
            let f = filter.clone().with(dimension, value);
            let funnel = contact_dim.then(|| lifecycle_funnel(defs, contacts, &f, period, mode));
            let deals = deal_metrics(defs, deals, &f, period);
            let base = funnel
                .as_ref()
                .and_then(|x| x.stages.first())
                .map_or(deals.won + deals.lost, |s| s.count);
            BreakdownRow {
                value: value.to_owned(),
                funnel,
                deals,
                thin: base < THIN_BELOW,
            }
        })
        .collect()
}
