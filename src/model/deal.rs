//! A deal or opportunity.

use super::{AmountCents, Timestamp};

/// Whether a deal is still open, won or lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DealStatus {
    #[default]
    Open,
    Won,
    Lost,
}

impl DealStatus {
    /// The stable name stored in the workspace.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Won => "won",
            Self::Lost => "lost",
        }
    }

    /// Parses the stable name back.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(Self::Open),
            "won" => Some(Self::Won),
            "lost" => Some(Self::Lost),
            _ => None,
        }
    }
}

/// When a deal entered one of its pipeline's stages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageEntry {
    /// The stage as the CRM names it.
    pub stage: String,
    pub entered: Timestamp,
}

/// A deal or opportunity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deal {
    /// The system the deal came from (`hubspot`, `salesforce`, `pipedrive`, `mapped:<name>`):
    /// stage mappings are per system.
    pub source_system: String,
    pub source_id: String,
    pub name: Option<String>,
    pub account: Option<String>,
    pub owner: Option<String>,
    pub pipeline: Option<String>,
    /// The stage exactly as exported.
    pub raw_stage: Option<String>,
    /// The canonical deal stage the raw stage maps to, when it maps to one.
    pub mapped_stage: Option<String>,
    pub amount_cents: Option<AmountCents>,
    /// ISO 4217 code, when the export says.
    pub currency: Option<String>,
    pub created: Option<Timestamp>,
    pub close_date: Option<Timestamp>,
    pub status: DealStatus,
    pub lost_reason: Option<String>,
    /// new, expansion or renewal, as exported.
    pub deal_type: Option<String>,
    pub source: Option<String>,
    pub segment: Option<String>,
    pub region: Option<String>,
    /// Probability in percent (0–100), when exported.
    pub probability_pct: Option<f64>,
    pub stage_entries: Vec<StageEntry>,
}
