//! Salesforce opportunity and lead report exports.

use super::FormatSpec;
use crate::model::Field;

/// A Salesforce opportunity report. Reports often leave the id out; rows are then keyed
/// by opportunity name, account and created date, and the batch says so.
pub static OPPORTUNITIES: FormatSpec = FormatSpec {
    signature: &[&["opportunityname"], &["stage"]],
    fields: &[
        (
            Field::SourceId,
            &[
                "opportunityid",
                "opportunity18digitid",
                "18digitopportunityid",
                "id",
            ],
        ),
        (Field::Name, &["opportunityname"]),
        (Field::Account, &["accountname"]),
        (
            Field::Owner,
            &["opportunityowner", "owner", "ownerfullname"],
        ),
        (Field::Stage, &["stage"]),
        (Field::Amount, &["amount", "amountconverted"]),
        (
            Field::Currency,
            &["opportunitycurrency", "currency", "amountcurrency"],
        ),
        (Field::CloseDate, &["closedate"]),
        (Field::Created, &["createddate"]),
        (
            Field::LostReason,
            &["lossreason", "closedlostreason", "lostreason"],
        ),
        (Field::DealType, &["type", "opportunitytype"]),
        (Field::Source, &["leadsource", "source"]),
        (Field::Segment, &["segment", "customersegment"]),
        (Field::Region, &["region", "billingcountry"]),
        (Field::Probability, &["probability"]),
        (
            Field::Pipeline,
            &["recordtype", "opportunityrecordtype", "pipeline"],
        ),
    ],
    id_fallback: &[Field::Name, Field::Account, Field::Created],
    stage_entry_columns: false,
};

/// A Salesforce lead report. `Converted Date` is when sales accepted the lead (SQL).
pub static LEADS: FormatSpec = FormatSpec {
    signature: &[
        &["leadstatus", "leadowner"],
        &["lastname", "company", "companyaccount", "fullname"],
    ],
    fields: &[
        (Field::SourceId, &["leadid", "lead18digitid", "id"]),
        (Field::FirstName, &["firstname"]),
        (Field::LastName, &["lastname"]),
        (Field::Name, &["fullname", "name"]),
        (Field::Email, &["email"]),
        (Field::Company, &["companyaccount", "company"]),
        (Field::Owner, &["leadowner", "owner"]),
        (Field::Source, &["leadsource"]),
        (Field::Segment, &["segment"]),
        (Field::Region, &["region", "country", "state"]),
        (Field::Created, &["createddate", "createdate"]),
        (
            Field::MqlDate,
            &["mqldate", "marketingqualifieddate", "datebecamemql"],
        ),
        (Field::SqlDate, &["converteddate", "sqldate"]),
        (Field::LifecycleStage, &["leadstatus"]),
        (
            Field::FirstTouch,
            &["firstresponsedate", "firstactivitydate", "lastactivity"],
        ),
    ],
    id_fallback: &[Field::Email],
    stage_entry_columns: false,
};
