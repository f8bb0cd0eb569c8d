//! When each object's data was exported: the leaks of contacts are judged as of the
//! contacts' latest export, those of deals as of the deals', those of accounts as of the
//! accounts'. A small export of one object does not move the time the others are judged
//! at.

use serde::Serialize;

use crate::model::{RecordObject, Timestamp};

/// The time each object's leaks are judged at (the end of its latest export's as-of day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AsOf {
    pub contacts: Timestamp,
    pub deals: Timestamp,
    pub accounts: Timestamp,
}

impl AsOf {
    /// The time records of `object` are judged at.
    pub fn of(self, object: RecordObject) -> Timestamp {
        match object {
            RecordObject::Contact => self.contacts,
            RecordObject::Deal => self.deals,
            RecordObject::Account => self.accounts,
        }
    }

    /// The latest of the three.
    pub fn latest(self) -> Timestamp {
        self.contacts.max(self.deals).max(self.accounts)
    }

    /// Whether every object was exported on the same day.
    pub fn all_same(self) -> bool {
        self.contacts == self.deals && self.deals == self.accounts
    }

    /// Each object's as-of day, `YYYY-MM-DD`.
    pub fn days(self) -> [(RecordObject, String); 3] {
        // The time is the end of the day (the next one's midnight): the day is before it.
        let day = |t: Timestamp| crate::text::date_time(t - 86_400);
        [
            (RecordObject::Contact, day(self.contacts)),
            (RecordObject::Deal, day(self.deals)),
            (RecordObject::Account, day(self.accounts)),
        ]
    }

    /// The as-of day for people: one date when every object shares it, else each
    /// object's: "contacts 2025-12-31 · deals 2025-12-31 · accounts 2025-11-30".
    pub fn describe(self) -> String {
        let [(_, contacts), (_, deals), (_, accounts)] = self.days();
        if self.all_same() {
            contacts
        } else {
            format!("contacts {contacts} · deals {deals} · accounts {accounts}")
        }
    }
}

/// Every object judged at the same time.
impl From<Timestamp> for AsOf {
    fn from(at: Timestamp) -> Self {
        Self {
            contacts: at,
            deals: at,
            accounts: at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leaks::as_of_time;

    #[test]
    fn one_date_when_every_object_shares_it_else_each_objects() {
        let day =
            |d: u32| as_of_time(chrono::NaiveDate::from_ymd_opt(2025, 12, d).unwrap_or_default());
        assert_eq!(AsOf::from(day(31)).describe(), "2025-12-31");
        let mixed = AsOf {
            contacts: day(31),
            deals: day(31),
            accounts: day(1),
        };
        assert_eq!(
            mixed.describe(),
            "contacts 2025-12-31 · deals 2025-12-31 · accounts 2025-12-01"
        );
        assert_eq!(mixed.of(RecordObject::Account), day(1));
        assert_eq!(mixed.latest(), day(31));
    }
}
