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
    /// The value, or "(no owner)" and the like for the records without one.
    pub value: String,
    /// The row of the records that have no value of the dimension.
    pub missing: bool,
    /// Whether contacts have this value (a contact owner is a lead owner), and deals.
    pub in_contacts: bool,
    pub in_deals: bool,
    /// `None` when the dimension is not one contacts have (pipeline, deal type).
    pub funnel: Option<LifecycleFunnel>,
    pub deals: DealMetrics,
    /// The row's base (first funnel stage, or closed deals) is below [`THIN_BELOW`].
    pub thin: bool,
}

impl BreakdownRow {
    /// The row of the totals: the breakdown's rows add up to it.
    pub fn total(funnel: Option<&LifecycleFunnel>, deals: &DealMetrics) -> Self {
        Self {
            value: "Total".to_owned(),
            missing: false,
            in_contacts: true,
            in_deals: true,
            funnel: funnel.cloned(),
            deals: deals.clone(),
            thin: false,
        }
    }

    /// Each of `stages` stages' count as people read it, with the conversion from the
    /// stage before: `264 · 45.8%`; `—` where the dimension is not one contacts have, or
    /// no contact has this value (a deal owner works no leads).
    pub fn stage_cells(&self, stages: usize) -> Vec<String> {
        (0..stages)
            .map(|i| {
                let Some(f) = self
                    .funnel
                    .as_ref()
                    .filter(|_| self.in_contacts || self.missing)
                else {
                    return "—".to_owned();
                };
                let count = f.stages.get(i).map_or(0, |s| s.count);
                let from_before = i
                    .checked_sub(1)
                    .and_then(|b| f.stages.get(b))
                    .and_then(|s| s.conversion_to_next);
                match from_before {
                    Some(c) => format!(
                        "{} · {}",
                        crate::text::count(count),
                        crate::text::percent(Some(c))
                    ),
                    None => crate::text::count(count),
                }
            })
            .collect()
    }

    /// Who an owner is in the exports: contact owners work leads and deal owners deals,
    /// and they are often different people. `None` for other dimensions and the row of
    /// records without an owner.
    pub fn owner_role(&self, dimension: Dimension) -> Option<&'static str> {
        if dimension != Dimension::Owner || self.missing {
            return None;
        }
        match (self.in_contacts, self.in_deals) {
            (true, true) => Some("lead and deal owner"),
            (true, false) => Some("lead owner"),
            (false, true) => Some("deal owner"),
            (false, false) => None,
        }
    }
}

/// The breakdown of the period's funnel and deal metrics by `dimension`, within `filter`:
/// one pass over the contacts for every value's funnel, one over the deals to group them.
/// Records without a value get a row of their own, so the rows add up to the totals.
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
    // Every value any deal has gets a row, with the deals the filter keeps; the last list
    // is of the deals with no value.
    let deal_values = deals.columns().values(dimension);
    let none = deal_values.len();
    let mut kept_of: Vec<Vec<usize>> = vec![Vec::new(); none + 1];
    if let Some(slot) = deals.columns().slot_of(dimension) {
        for i in deals.kept(filter) {
            let v = deals.columns().value_id(i, slot).unwrap_or(none);
            if let Some(list) = kept_of.get_mut(v) {
                list.push(i);
            }
        }
    }
    let no_value_deals = kept_of.pop().unwrap_or_default();
    let deals_of: BTreeMap<&str, Vec<usize>> = deal_values
        .iter()
        .map(String::as_str)
        .zip(kept_of)
        .collect();
    let mut funnels: BTreeMap<Option<String>, LifecycleFunnel> = if contact_dim {
        funnels_by_value(defs, contacts, filter, period, mode, dimension)
            .into_iter()
            .collect()
    } else {
        BTreeMap::new()
    };
    let contact_values: BTreeSet<&str> = if contact_dim {
        contacts
            .values(dimension)
            .iter()
            .map(String::as_str)
            .collect()
    } else {
        BTreeSet::new()
    };
    let mut values: BTreeSet<String> = deals_of.keys().map(|v| (*v).to_owned()).collect();
    values.extend(funnels.keys().flatten().cloned());
    let row =
        |value: String, missing: bool, funnel: Option<LifecycleFunnel>, positions: Vec<usize>| {
            let in_contacts = !missing && contact_values.contains(value.as_str());
            let in_deals = !missing && deals_of.contains_key(value.as_str());
            let deals = deal_metrics_of(defs, deals, positions, period);
            let base = funnel
                .as_ref()
                .and_then(|x| x.stages.first())
                .map_or(deals.won + deals.lost, |s| s.count);
            BreakdownRow {
                value,
                missing,
                in_contacts,
                in_deals,
                funnel,
                deals,
                thin: base < THIN_BELOW,
            }
        };
    // A value only deals have still gets its (empty) funnel row.
    let empty = || lifecycle_funnel(defs, &ContactTable::default(), filter, period, mode);
    let mut rows: Vec<BreakdownRow> = values
        .into_iter()
        .map(|value| {
            let funnel =
                contact_dim.then(|| funnels.remove(&Some(value.clone())).unwrap_or_else(empty));
            let positions = deals_of.get(value.as_str()).cloned().unwrap_or_default();
            row(value, false, funnel, positions)
        })
        .collect();
    let no_value_funnel = funnels.remove(&None);
    if no_value_funnel.is_some() || !no_value_deals.is_empty() {
        let funnel = contact_dim.then(|| no_value_funnel.unwrap_or_else(empty));
        let label = format!("(no {})", dimension.label().to_lowercase());
        rows.push(row(label, true, funnel, no_value_deals));
    }
    rows
}
