//! Pipedrive's deals export (`Deal - Title`, `Deal - Value`, …).

use super::FormatSpec;
use crate::model::Field;

/// Pipedrive deals export.
pub static DEALS: FormatSpec = FormatSpec {
    signature: &[&["dealtitle"], &["dealstage", "dealstatus"]],
    fields: &[
        (Field::SourceId, &["dealid"]),
        (Field::Name, &["dealtitle"]),
        (
            Field::Account,
            &["dealorganization", "organizationname", "dealorganisation"],
        ),
        (Field::Owner, &["dealowner", "dealuser"]),
        (Field::Pipeline, &["dealpipeline", "pipeline"]),
        (Field::Stage, &["dealstage"]),
        (Field::Status, &["dealstatus"]),
        (Field::Amount, &["dealvalue"]),
        (Field::Currency, &["dealcurrency", "dealcurrencyofvalue"]),
        (
            Field::Created,
            &["dealdealcreated", "dealcreated", "dealaddtime"],
        ),
        (
            Field::CloseDate,
            &["dealexpectedclosedate", "dealclosedate"],
        ),
        (Field::WonTime, &["dealwontime"]),
        (Field::LostTime, &["deallosttime"]),
        (Field::LostReason, &["deallostreason"]),
        (Field::DealType, &["dealtype", "dealdealtype"]),
        (
            Field::Source,
            &["dealsource", "dealleadsource", "dealsourcechannel"],
        ),
        (Field::Segment, &["dealsegment", "segment"]),
        (Field::Region, &["dealregion", "region"]),
        (Field::Probability, &["dealprobability"]),
    ],
    id_fallback: &[],
    stage_entry_columns: false,
};
