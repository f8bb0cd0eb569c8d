//! The kinds of CRM object the workspace holds.

use serde::{Deserialize, Serialize};

/// Which canonical object a file's rows become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordObject {
    /// People in the funnel: contacts and leads.
    Contact,
    /// Deals and opportunities.
    Deal,
    /// Customer accounts after the sale, for onboarding and renewal.
    Account,
}

impl RecordObject {
    /// The stable name stored in the workspace and printed by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Contact => "contact",
            Self::Deal => "deal",
            Self::Account => "account",
        }
    }

    /// Parses the stable name back.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "contact" => Some(Self::Contact),
            "deal" => Some(Self::Deal),
            "account" => Some(Self::Account),
            _ => None,
        }
    }

    /// A plain-language plural for people, e.g. "contacts".
    pub fn plural(self) -> &'static str {
        match self {
            Self::Contact => "contacts",
            Self::Deal => "deals",
            Self::Account => "customer accounts",
        }
    }
}
