//! What a definitions change would do to the records before it is saved: which
//! contacts, deals and accounts change stage or status, and how many.

use std::collections::BTreeMap;

use super::apply::{churned, current_stage, deal_stage_of};
use super::model::Definitions;
use crate::model::{Account, Contact, Deal};

/// Records of one object moving from one stage (or status) to another.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Move {
    /// "contacts", "deals" or "customer accounts".
    pub object: &'static str,
    pub from: String,
    pub to: String,
    pub count: usize,
}

impl std::fmt::Display for Move {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} move from {} to {}",
            self.count, self.object, self.from, self.to
        )
    }
}

/// Every move from `before` to `after`, largest first.
pub fn impact(
    before: &Definitions,
    after: &Definitions,
    contacts: &[Contact],
    deals: &[Deal],
    accounts: &[Account],
) -> Vec<Move> {
    let mut moves: BTreeMap<(&'static str, String, String), usize> = BTreeMap::new();
    let mut count = |object, from: String, to: String| {
        if from != to {
            *moves.entry((object, from, to)).or_default() += 1;
        }
    };
    let stage_name = |d: &Definitions, c: &Contact| {
        current_stage(d, c).map_or_else(|| "no stage".to_owned(), |s| s.name.clone())
    };
    for c in contacts {
        count("contacts", stage_name(before, c), stage_name(after, c));
    }
    let deal_name = |d: &Definitions, x: &Deal| {
        deal_stage_of(d, x).map_or_else(|| "unmapped".to_owned(), |s| s.name.clone())
    };
    for x in deals {
        count("deals", deal_name(before, x), deal_name(after, x));
    }
    let status = |d: &Definitions, a: &Account| {
        if churned(d, a).is_some() {
            "churned"
        } else {
            "active"
        }
        .to_owned()
    };
    for a in accounts {
        count("customer accounts", status(before, a), status(after, a));
    }
    let mut out: Vec<Move> = moves
        .into_iter()
        .map(|((object, from, to), count)| Move {
            object,
            from,
            to,
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.object.cmp(b.object)));
    out
}

/// Of the contacts that reached one stage in a period, how many went on to the next.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StepConversion {
    pub from: String,
    pub to: String,
    /// Contacts that reached `from` in the period.
    pub entered: usize,
    /// Of those, how many reached `to` (at any time).
    pub converted: usize,
}

impl StepConversion {
    /// The conversion in percent, or `None` when nobody entered.
    #[expect(clippy::cast_precision_loss, reason = "counts of contacts")]
    pub fn percent(&self) -> Option<f64> {
        (self.entered > 0).then(|| self.converted as f64 * 100.0 / self.entered as f64)
    }
}

/// Stage-to-next-stage conversion of the cohort that reached each stage in `period`.
pub fn step_conversions(
    defs: &Definitions,
    contacts: &[Contact],
    period: super::fiscal::Quarter,
) -> Vec<StepConversion> {
    let month = defs.fiscal_year_start_month;
    defs.lifecycle_stages
        .windows(2)
        .filter_map(|pair| {
            let [from, to] = pair else { return None };
            let cohort = contacts.iter().filter(|c| {
                super::apply::reached(defs, c, &from.key).is_some_and(|t| period.contains(t, month))
            });
            let (entered, converted) = cohort.fold((0, 0), |(e, k), c| {
                (
                    e + 1,
                    k + usize::from(super::apply::reached(defs, c, &to.key).is_some()),
                )
            });
            Some(StepConversion {
                from: from.name.clone(),
                to: to.name.clone(),
                entered,
                converted,
            })
        })
        .collect()
}

/// A step whose conversion a definitions change would alter.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ConversionChange {
    pub period: String,
    pub before: StepConversion,
    pub after: StepConversion,
}

impl std::fmt::Display for ConversionChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |s: &StepConversion| {
            s.percent()
                .map_or_else(|| "no entries".to_owned(), |p| format!("{p:.1}%"))
        };
        write!(
            f,
            "{} {} to {} conversion changes from {} to {} ({} of {} before, {} of {} after)",
            self.period,
            self.after.from,
            self.after.to,
            pct(&self.before),
            pct(&self.after),
            self.before.converted,
            self.before.entered,
            self.after.converted,
            self.after.entered
        )
    }
}

/// The step conversions in `period` that differ between `before` and `after` (steps are
/// matched by position in the funnel).
pub fn conversion_changes(
    before: &Definitions,
    after: &Definitions,
    contacts: &[Contact],
    period: super::fiscal::Quarter,
) -> Vec<ConversionChange> {
    let (b, a) = (
        step_conversions(before, contacts, period),
        step_conversions(after, contacts, period),
    );
    b.into_iter()
        .zip(a)
        .filter(|(b, a)| (b.entered, b.converted) != (a.entered, a.converted))
        .map(|(before, after)| ConversionChange {
            period: period.label(),
            before,
            after,
        })
        .collect()
}

/// Everything the preview shows for one change.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct ImpactPreview {
    pub moves: Vec<Move>,
    pub conversions: Vec<ConversionChange>,
    /// The handoff leaks of the selected quarter the change would alter.
    pub leaks: Vec<crate::leaks::LeakChange>,
}

impl ImpactPreview {
    /// Whether the change moves nothing at all.
    pub fn is_empty(&self) -> bool {
        self.moves.is_empty() && self.conversions.is_empty() && self.leaks.is_empty()
    }
}

/// What saving `after` in place of the definitions in force in `ws` would move: every
/// record's stage or status, and in `period` the step conversions and the handoff leaks
/// as of the workspace's latest export.
pub fn preview(
    ws: &crate::workspace::Workspace,
    after: &Definitions,
    period: Option<super::fiscal::Quarter>,
) -> Result<ImpactPreview, super::versions::VersionError> {
    use crate::leaks::{Records, detect_leaks, leak_changes};
    let (_, before) = super::versions::current(ws)?;
    let contacts = ws.contacts()?;
    let deals = ws.deals()?;
    let accounts = ws.accounts()?;
    let conversions = period.map_or_else(Vec::new, |q| {
        conversion_changes(&before, after, &contacts, q)
    });
    let moves = impact(&before, after, &contacts, &deals, &accounts);
    let leaks = match (period, crate::leaks::from_store::workspace_as_of(ws)?) {
        (Some(q), Some(at)) => {
            let records = Records::all(&contacts, &deals, &accounts);
            leak_changes(
                &detect_leaks(&before, records, q, at),
                &detect_leaks(after, records, q, at),
            )
        }
        _ => Vec::new(),
    };
    Ok(ImpactPreview {
        moves,
        conversions,
        leaks,
    })
}
