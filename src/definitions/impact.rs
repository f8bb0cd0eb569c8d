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
