//! The canonical records every view reads, whatever CRM they came from.

mod account;
mod contact;
mod deal;
mod fields;
mod object;

pub use account::Account;
pub use contact::{Contact, LifecycleStage};
pub use deal::{Deal, DealStatus, StageEntry, write_stage_key};
pub use fields::{Field, ValueKind};
pub use object::RecordObject;

/// A point in time, as seconds since 1970-01-01 00:00:00 UTC.
/// A date without a time of day is stored as midnight UTC of that date.
pub type Timestamp = i64;

/// A money amount in the currency's minor unit (cents), so sums stay exact.
pub type AmountCents = i64;

/// One typed record of any object, as the importer hands it to the workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Contact(Contact),
    Deal(Deal),
    Account(Account),
}

impl Record {
    /// The CRM's own id of the record.
    /// Which object this record is.
    pub fn object(&self) -> RecordObject {
        match self {
            Self::Contact(_) => RecordObject::Contact,
            Self::Deal(_) => RecordObject::Deal,
            Self::Account(_) => RecordObject::Account,
        }
    }

    pub fn source_id(&self) -> &str {
        match self {
            Self::Contact(c) => &c.source_id,
            Self::Deal(d) => &d.source_id,
            Self::Account(a) => &a.source_id,
        }
    }
}
