//! A customer account after the sale: onboarding, contract and renewal dates.

use super::{AmountCents, Timestamp};

/// A customer account.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Account {
    pub source_id: String,
    pub name: Option<String>,
    /// The account owner or customer success manager.
    pub owner: Option<String>,
    pub segment: Option<String>,
    pub region: Option<String>,
    pub closed_won: Option<Timestamp>,
    pub kickoff: Option<Timestamp>,
    pub contract_start: Option<Timestamp>,
    pub contract_end: Option<Timestamp>,
    pub arr_cents: Option<AmountCents>,
    pub currency: Option<String>,
    pub renewal_outreach: Option<Timestamp>,
    pub churned: Option<Timestamp>,
}
