//! The CRM exports recognised from their header row alone, and the column mapping
//! (recognised or saved by the user) that turns a header into canonical fields.

mod cs_accounts;
mod hubspot;
mod mapping;
mod pipedrive;
mod salesforce;

pub use mapping::{Binding, ColumnMapping, Target, normalize_header};

use crate::model::{Field, RecordObject};

/// A known export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    HubspotContacts,
    HubspotDeals,
    SalesforceOpportunities,
    SalesforceLeads,
    PipedriveDeals,
    CsAccounts,
}

impl Format {
    /// Every format, in the order they are tried (most specific first).
    pub const ALL: [Self; 6] = [
        Self::HubspotDeals,
        Self::HubspotContacts,
        Self::PipedriveDeals,
        Self::SalesforceOpportunities,
        Self::SalesforceLeads,
        Self::CsAccounts,
    ];

    /// The source system, used to key records: ids are unique within one system.
    pub fn crm(self) -> &'static str {
        match self {
            Self::HubspotContacts | Self::HubspotDeals => "hubspot",
            Self::SalesforceOpportunities | Self::SalesforceLeads => "salesforce",
            Self::PipedriveDeals => "pipedrive",
            Self::CsAccounts => "customer-success",
        }
    }

    /// What the rows become.
    pub fn object(self) -> RecordObject {
        match self {
            Self::HubspotContacts | Self::SalesforceLeads => RecordObject::Contact,
            Self::HubspotDeals | Self::SalesforceOpportunities | Self::PipedriveDeals => {
                RecordObject::Deal
            }
            Self::CsAccounts => RecordObject::Account,
        }
    }

    /// A name for people, e.g. "HubSpot contacts export".
    pub fn label(self) -> &'static str {
        match self {
            Self::HubspotContacts => "HubSpot contacts export",
            Self::HubspotDeals => "HubSpot deals export",
            Self::SalesforceOpportunities => "Salesforce opportunity report",
            Self::SalesforceLeads => "Salesforce lead report",
            Self::PipedriveDeals => "Pipedrive deals export",
            Self::CsAccounts => "Customer success accounts export",
        }
    }

    fn spec(self) -> &'static FormatSpec {
        match self {
            Self::HubspotContacts => &hubspot::CONTACTS,
            Self::HubspotDeals => &hubspot::DEALS,
            Self::SalesforceOpportunities => &salesforce::OPPORTUNITIES,
            Self::SalesforceLeads => &salesforce::LEADS,
            Self::PipedriveDeals => &pipedrive::DEALS,
            Self::CsAccounts => &cs_accounts::ACCOUNTS,
        }
    }

    /// Fields combined into a record key when the export has no id column.
    pub fn id_fallback(self) -> &'static [Field] {
        self.spec().id_fallback
    }
}

/// What identifies a format and how its columns map.
pub struct FormatSpec {
    /// Groups of normalized header names; each group needs one of its names present.
    pub signature: &'static [&'static [&'static str]],
    /// Each canonical field with the normalized header names that mean it.
    pub fields: &'static [(Field, &'static [&'static str])],
    /// Fields that key a record when the export has no id column (empty: id required).
    pub id_fallback: &'static [Field],
    /// Whether `Date entered "<stage>"` columns hold deal stage entry times.
    pub stage_entry_columns: bool,
}

/// Finds the format whose signature the header carries, with its column mapping.
pub fn recognise(header: &[String]) -> Option<(Format, ColumnMapping)> {
    let normalized: Vec<String> = header.iter().map(|h| normalize_header(h)).collect();
    Format::ALL.into_iter().find_map(|format| {
        let spec = format.spec();
        let matches = spec.signature.iter().all(|group| {
            group
                .iter()
                .any(|name| normalized.iter().any(|h| h == name))
        });
        matches.then(|| (format, mapping::map_columns(header, spec, format.object())))
    })
}

/// Column names other CRMs (Zoho, Close, Freshsales, Copper, spreadsheets) use, for
/// guessing a mapping.
const OTHER_NAMES: &[(Field, &[&str])] = &[
    (
        Field::SourceId,
        &["id", "recordid", "externalid", "ref", "reference"],
    ),
    (
        Field::Created,
        &[
            "createdtime",
            "createdon",
            "createdat",
            "datecreated",
            "creationdate",
        ],
    ),
    (
        Field::CloseDate,
        &[
            "closingdate",
            "expectedclosedate",
            "expectedclose",
            "dateclosed",
            "closedon",
        ],
    ),
    (
        Field::Owner,
        &["owner", "ownername", "assignedto", "salesrep", "rep"],
    ),
    (Field::Email, &["emailaddress", "workemail"]),
    (
        Field::Amount,
        &["value", "dealvalue", "opportunityvalue", "revenue"],
    ),
    (Field::Source, &["leadsource", "source", "channel"]),
];

/// The values CRMs write for a lifecycle stage (normalised: lowercase, letters only).
const LIFECYCLE_VALUES: [&str; 12] = [
    "subscriber",
    "lead",
    "mql",
    "marketingqualifiedlead",
    "sql",
    "salesqualifiedlead",
    "opportunity",
    "customer",
    "evangelist",
    "other",
    "prospect",
    "qualified",
];

/// [`suggest_fields`], and for a column its name does not place, a guess from its values:
/// a column of contacts whose values are mostly lifecycle stages (Lead, MQL, SQL,
/// Customer, or a CRM's own words for them) holds the lifecycle stage.
pub fn suggest_fields_from_values(
    header: &[String],
    rows: &[Vec<String>],
    object: RecordObject,
) -> Vec<Option<Field>> {
    let mut guesses = suggest_fields(header, object);
    let stage = Field::LifecycleStage;
    if !stage.applies_to(object) || guesses.contains(&Some(stage)) {
        return guesses;
    }
    let is_stage = |v: &str| {
        let norm: String = v
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_lowercase();
        LIFECYCLE_VALUES.contains(&norm.as_str())
    };
    let column = (0..header.len()).find(|&i| {
        let values: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.get(i).map(|v| v.trim()))
            .filter(|v| !v.is_empty())
            .collect();
        let stages = values.iter().filter(|v| is_stage(v)).count();
        guesses.get(i).is_some_and(Option::is_none)
            && !values.is_empty()
            && stages * 5 >= values.len() * 4
    });
    if let Some(slot) = column.and_then(|i| guesses.get_mut(i)) {
        *slot = Some(stage);
    }
    guesses
}

/// A guess at the field each column of `header` holds for `object`, from the column
/// names every known format uses. Each field is guessed for one column at most.
pub fn suggest_fields(header: &[String], object: RecordObject) -> Vec<Option<Field>> {
    let mut taken: Vec<Field> = Vec::new();
    header
        .iter()
        .map(|h| {
            let norm = normalize_header(h);
            let guess = Format::ALL
                .iter()
                .flat_map(|f| f.spec().fields.iter())
                .chain(OTHER_NAMES.iter())
                .find(|(field, names)| {
                    field.applies_to(object)
                        && !taken.contains(field)
                        && names.contains(&norm.as_str())
                })
                .map(|(field, _)| *field)
                .or_else(|| {
                    Field::ALL.into_iter().find(|f| {
                        f.applies_to(object)
                            && !taken.contains(f)
                            && normalize_header(f.label()) == norm
                    })
                });
            if let Some(f) = guess {
                taken.push(f);
            }
            guess
        })
        .collect()
}
