//! A deal or opportunity.

use super::{AmountCents, Timestamp};

/// Whether a deal is still open, won or lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
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

/// Overwrites `key` with one key for a raw stage value of a source system and pipeline,
/// each part tagged and with its length first so no two triples share a key: for looking
/// stages up by all three without allocating three strings a deal.
pub fn write_stage_key(key: &mut Vec<u8>, system: &str, pipeline: Option<&str>, stage: &str) {
    key.clear();
    for part in [Some(system), pipeline, Some(stage)] {
        match part {
            Some(p) => {
                key.push(b'S');
                key.extend_from_slice(&p.len().to_le_bytes());
                key.extend_from_slice(p.as_bytes());
            }
            None => key.push(b'N'),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_keys_of_different_triples_differ() {
        let key = |system, pipeline, stage| {
            let mut k = b"left over".to_vec();
            write_stage_key(&mut k, system, pipeline, stage);
            k
        };
        let all = [
            key("hubspot", None, "demo"),
            key("hubspot", Some(""), "demo"),
            key("hubspot", Some("-"), "demo"),
            key("hub", Some("spot"), "demo"),
            key("hubspot", Some("sales"), "demo"),
            key("hubspot", Some("sales:4"), "demo"),
            key("hubspot", Some("sales"), "4:demo"),
        ];
        for (i, a) in all.iter().enumerate() {
            for b in all.get(i + 1..).unwrap_or_default() {
                assert_ne!(a, b);
            }
        }
        assert_eq!(key("hubspot", None, "demo"), key("hubspot", None, "demo"));
    }
}
