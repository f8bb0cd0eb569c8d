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

    /// The latest date the record says something happened (created, a stage reached, a
    /// win or a kickoff): how recent the data in an export is. Dates ahead, such as an
    /// expected close or a contract's end, do not count.
    pub fn newest_event(&self) -> Option<Timestamp> {
        match self {
            Self::Contact(c) => c
                .created
                .into_iter()
                .chain(c.stage_dates.iter().flatten().copied())
                .chain(c.first_touch)
                .max(),
            Self::Deal(d) => d.created,
            Self::Account(a) => a.closed_won.max(a.kickoff),
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
