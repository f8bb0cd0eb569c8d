//! The canonical fields a CRM column can be mapped to, with the kind of value each holds.

use serde::{Deserialize, Serialize};

use super::RecordObject;

/// How a field's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Text,
    /// A date, or a date and time.
    Timestamp,
    /// A money amount, possibly with a currency symbol or code.
    Amount,
    /// A percentage, `45%` or `45`.
    Percent,
}

/// A canonical field. Each belongs to one object, except the shared ones
/// (id, name, owner, source, segment, region, created), which every object has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    SourceId,
    Name,
    FirstName,
    LastName,
    Email,
    Company,
    Owner,
    Source,
    Segment,
    Region,
    Created,
    LeadDate,
    MqlDate,
    SqlDate,
    OpportunityDate,
    CustomerDate,
    LifecycleStage,
    FirstTouch,
    Account,
    Pipeline,
    Stage,
    Amount,
    Currency,
    CloseDate,
    Status,
    WonTime,
    LostTime,
    LostReason,
    DealType,
    Probability,
    ClosedWonDate,
    KickoffDate,
    ContractStart,
    ContractEnd,
    Arr,
    RenewalOutreachDate,
    ChurnDate,
}

impl Field {
    /// Every field, in the order the mapping screen lists them.
    pub const ALL: [Self; 37] = [
        Self::SourceId,
        Self::Name,
        Self::FirstName,
        Self::LastName,
        Self::Email,
        Self::Company,
        Self::Owner,
        Self::Source,
        Self::Segment,
        Self::Region,
        Self::Created,
        Self::LeadDate,
        Self::MqlDate,
        Self::SqlDate,
        Self::OpportunityDate,
        Self::CustomerDate,
        Self::LifecycleStage,
        Self::FirstTouch,
        Self::Account,
        Self::Pipeline,
        Self::Stage,
        Self::Amount,
        Self::Currency,
        Self::CloseDate,
        Self::Status,
        Self::WonTime,
        Self::LostTime,
        Self::LostReason,
        Self::DealType,
        Self::Probability,
        Self::ClosedWonDate,
        Self::KickoffDate,
        Self::ContractStart,
        Self::ContractEnd,
        Self::Arr,
        Self::RenewalOutreachDate,
        Self::ChurnDate,
    ];

    /// How the field's text is read.
    pub fn kind(self) -> ValueKind {
        match self {
            Self::Created
            | Self::LeadDate
            | Self::MqlDate
            | Self::SqlDate
            | Self::OpportunityDate
            | Self::CustomerDate
            | Self::FirstTouch
            | Self::CloseDate
            | Self::WonTime
            | Self::LostTime
            | Self::ClosedWonDate
            | Self::KickoffDate
            | Self::ContractStart
            | Self::ContractEnd
            | Self::RenewalOutreachDate
            | Self::ChurnDate => ValueKind::Timestamp,
            Self::Amount | Self::Arr => ValueKind::Amount,
            Self::Probability => ValueKind::Percent,
            _ => ValueKind::Text,
        }
    }

    /// Whether the field applies to records of `object`.
    pub fn applies_to(self, object: RecordObject) -> bool {
        use RecordObject as O;
        match self {
            Self::SourceId | Self::Name | Self::Owner | Self::Segment | Self::Region => true,
            Self::Source | Self::Created => matches!(object, O::Contact | O::Deal),
            Self::FirstName
            | Self::LastName
            | Self::Email
            | Self::Company
            | Self::LeadDate
            | Self::MqlDate
            | Self::SqlDate
            | Self::OpportunityDate
            | Self::CustomerDate
            | Self::LifecycleStage
            | Self::FirstTouch => object == O::Contact,
            Self::Account
            | Self::Pipeline
            | Self::Stage
            | Self::Amount
            | Self::CloseDate
            | Self::Status
            | Self::WonTime
            | Self::LostTime
            | Self::LostReason
            | Self::DealType
            | Self::Probability => object == O::Deal,
            Self::Currency => matches!(object, O::Deal | O::Account),
            Self::ClosedWonDate
            | Self::KickoffDate
            | Self::ContractStart
            | Self::ContractEnd
            | Self::Arr
            | Self::RenewalOutreachDate
            | Self::ChurnDate => object == O::Account,
        }
    }

    /// Whether a row of `object` is rejected when this field is blank or unreadable.
    pub fn required_for(self, object: RecordObject) -> bool {
        match object {
            RecordObject::Contact | RecordObject::Deal => {
                matches!(self, Self::SourceId | Self::Created)
            }
            RecordObject::Account => self == Self::SourceId,
        }
    }

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::SourceId => "Record ID",
            Self::Name => "Name",
            Self::FirstName => "First name",
            Self::LastName => "Last name",
            Self::Email => "Email",
            Self::Company => "Company",
            Self::Owner => "Owner",
            Self::Source => "Source / channel",
            Self::Segment => "Segment",
            Self::Region => "Region",
            Self::Created => "Created",
            Self::LeadDate => "Became a lead",
            Self::MqlDate => "Became an MQL",
            Self::SqlDate => "Became an SQL",
            Self::OpportunityDate => "Became an opportunity",
            Self::CustomerDate => "Became a customer",
            Self::LifecycleStage => "Lifecycle stage",
            Self::FirstTouch => "First sales touch",
            Self::Account => "Account",
            Self::Pipeline => "Pipeline",
            Self::Stage => "Deal stage",
            Self::Amount => "Amount",
            Self::Currency => "Currency",
            Self::CloseDate => "Close date",
            Self::Status => "Status (open/won/lost)",
            Self::WonTime => "Won date",
            Self::LostTime => "Lost date",
            Self::LostReason => "Lost reason",
            Self::DealType => "Deal type",
            Self::Probability => "Probability",
            Self::ClosedWonDate => "Closed-won date",
            Self::KickoffDate => "Onboarding kickoff",
            Self::ContractStart => "Contract start",
            Self::ContractEnd => "Contract end",
            Self::Arr => "ARR",
            Self::RenewalOutreachDate => "Renewal outreach",
            Self::ChurnDate => "Churn date",
        }
    }
}
