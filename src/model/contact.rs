//! A person in the funnel: a contact or lead with the dates they reached each stage.

use super::Timestamp;

/// The canonical lifecycle stages, in funnel order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LifecycleStage {
    Lead,
    Mql,
    Sql,
    Opportunity,
    Customer,
}

impl LifecycleStage {
    /// All stages, in funnel order.
    pub const ALL: [Self; 5] = [
        Self::Lead,
        Self::Mql,
        Self::Sql,
        Self::Opportunity,
        Self::Customer,
    ];

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Lead => "Lead",
            Self::Mql => "MQL",
            Self::Sql => "SQL",
            Self::Opportunity => "Opportunity",
            Self::Customer => "Customer",
        }
    }

    /// Position in the funnel, 0 for Lead.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A contact or lead.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contact {
    pub source_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub company: Option<String>,
    pub owner: Option<String>,
    pub source: Option<String>,
    pub segment: Option<String>,
    pub region: Option<String>,
    pub created: Option<Timestamp>,
    /// When the record reached each stage, indexed by [`LifecycleStage::index`].
    pub stage_dates: [Option<Timestamp>; 5],
    /// The CRM's current stage value, as exported.
    pub current_stage: Option<String>,
    /// First sales touch or first response, where the export has it.
    pub first_touch: Option<Timestamp>,
}

impl Contact {
    /// When the record reached `stage`, if it did.
    pub fn reached(&self, stage: LifecycleStage) -> Option<Timestamp> {
        self.stage_dates.get(stage.index()).copied().flatten()
    }
}
