//! A past quarter's stalled deals, judged on the deals export taken nearest the quarter's
//! end rather than on the latest state, or given as "known only as of" the latest export
//! when none was taken near it (see [`super::Basis`]). The other leaks are dated events
//! (an MQL date, a contract's end, an outreach), which the latest export knows as well as
//! one taken at the quarter's end; a stall is a state: open, in a stage, since a day.

use chrono::NaiveDate;

use super::from_store::{StoredLeaks, detect, read_deals_from};
use super::snapshot_basis::{Basis, basis};
use super::{AsOf, LeadTable, Leak, LeakKind, RecordRef, as_of_time, handoff_summaries};
use crate::definitions::Definitions;
use crate::definitions::fiscal::Quarter;
use crate::model::RecordObject;
use crate::workspace::{Workspace, WorkspaceError};

impl StoredLeaks {
    /// Judges the period's stalled deals on the deals export its basis names.
    pub(super) fn judge_snapshots(
        &mut self,
        ws: &Workspace,
        defs: &Definitions,
        leads: &LeadTable,
        period: Quarter,
        as_of: AsOf,
    ) -> Result<(), WorkspaceError> {
        let exports = ws.as_of_dates_of(RecordObject::Deal)?;
        match basis(&exports, period, defs.fiscal_year_start_month) {
            None | Some(Basis::Latest) => return Ok(()),
            Some(Basis::Export(day)) => {
                let then_as_of = AsOf {
                    deals: as_of_time(day),
                    ..as_of
                };
                let on = day.format("%Y-%m-%d").to_string();
                let read = read_deals_from(ws, defs, period, then_as_of, Some(&on))?;
                let then = detect(leads, read);
                self.take_stalled(&then);
            }
            Some(Basis::KnownOnlyAsOf(latest)) => self.set_known_only(latest),
        }
        self.report.handoffs = handoff_summaries(&self.report.leaks);
        Ok(())
    }

    /// Puts `then`'s stalled deals in place of these, its deals' keys appended to the ones
    /// this holds and its records pointed at them.
    fn take_stalled(&mut self, then: &Self) {
        let Some(mut leak) = then.report.leak(LeakKind::StalledDeal).cloned() else {
            return;
        };
        let base = self.deal_keys.len();
        let moved = |r: RecordRef| RecordRef::new(r.object(), base + r.index());
        for f in &mut leak.records {
            f.record = moved(f.record);
        }
        for r in &mut leak.checked {
            *r = moved(*r);
        }
        self.deal_keys.extend_from_slice(&then.deal_keys);
        self.replace_leak(leak);
    }

    /// Gives the stalled deals no number: no export was taken near the period's end.
    fn set_known_only(&mut self, latest: NaiveDate) {
        let Some(leak) = self.report.leak(LeakKind::StalledDeal) else {
            return;
        };
        let known = Leak {
            count: 0,
            volume: 0,
            share: None,
            revenue_at_stake: None,
            stake_formula: format!(
                "No deals export was taken near the end of {}: which deals were stalled then is known only as of {latest}, the latest export, which says nothing of that quarter.",
                self.report.period
            ),
            records: Vec::new(),
            checked: Vec::new(),
            began_in_period: None,
            known_only_as_of: Some(latest.format("%Y-%m-%d").to_string()),
            ..leak.clone()
        };
        self.replace_leak(known);
    }

    fn replace_leak(&mut self, leak: Leak) {
        if let Some(slot) = self.report.leaks.iter_mut().find(|l| l.kind == leak.kind) {
            *slot = leak;
        }
    }
}
