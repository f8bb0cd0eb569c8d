//! HubSpot's contacts and deals exports (English and German column names).

use super::FormatSpec;
use crate::model::Field;

/// HubSpot contacts export: `Record ID`, `Lifecycle Stage`, `Became a … Date` columns.
pub static CONTACTS: FormatSpec = FormatSpec {
    signature: &[
        &["recordid", "contactid", "datensatzid"],
        &[
            "lifecyclestage",
            "lebenszyklusphase",
            "becameamarketingqualifiedleaddate",
            "becamealeaddate",
        ],
    ],
    fields: &[
        (Field::SourceId, &["recordid", "contactid", "datensatzid"]),
        (Field::FirstName, &["firstname", "vorname"]),
        (Field::LastName, &["lastname", "nachname"]),
        (Field::Email, &["email", "emailaddress", "emailadresse"]),
        (
            Field::Company,
            &[
                "companyname",
                "associatedcompany",
                "company",
                "unternehmensname",
            ],
        ),
        (Field::Owner, &["contactowner", "owner", "kontaktinhaber"]),
        (
            Field::Source,
            &[
                "originalsource",
                "originaltrafficsource",
                "source",
                "ursprünglichequelle",
            ],
        ),
        (
            Field::Segment,
            &["segment", "companysize", "customersegment"],
        ),
        (
            Field::Region,
            &["region", "countryregion", "country", "land"],
        ),
        (
            Field::Created,
            &[
                "createdate",
                "createddate",
                "erstelltam",
                "erstellungsdatum",
            ],
        ),
        (
            Field::LeadDate,
            &[
                "becamealeaddate",
                "dateenteredleadlifecyclestagepipeline",
                "dateenteredlead",
            ],
        ),
        (
            Field::MqlDate,
            &[
                "becameamarketingqualifiedleaddate",
                "dateenteredmarketingqualifiedleadlifecyclestagepipeline",
                "dateenteredmarketingqualifiedlead",
            ],
        ),
        (
            Field::SqlDate,
            &[
                "becameasalesqualifiedleaddate",
                "dateenteredsalesqualifiedleadlifecyclestagepipeline",
                "dateenteredsalesqualifiedlead",
            ],
        ),
        (
            Field::OpportunityDate,
            &[
                "becameanopportunitydate",
                "dateenteredopportunitylifecyclestagepipeline",
                "dateenteredopportunity",
            ],
        ),
        (
            Field::CustomerDate,
            &[
                "becameacustomerdate",
                "dateenteredcustomerlifecyclestagepipeline",
                "dateenteredcustomer",
            ],
        ),
        (
            Field::LifecycleStage,
            &["lifecyclestage", "lebenszyklusphase"],
        ),
        (
            Field::FirstTouch,
            &[
                "firstsalestouchdate",
                "firstresponsedate",
                "dateoffirstengagement",
                "firstengagementdate",
            ],
        ),
    ],
    id_fallback: &[],
    stage_entry_columns: false,
};

/// HubSpot deals export: `Deal Name`, `Deal Stage`, `Pipeline`, `Date entered "…"` columns.
pub static DEALS: FormatSpec = FormatSpec {
    signature: &[
        &["recordid", "dealid", "datensatzid"],
        &["dealname"],
        &["dealstage", "dealphase"],
    ],
    fields: &[
        (Field::SourceId, &["recordid", "dealid", "datensatzid"]),
        (Field::Name, &["dealname"]),
        (
            Field::Account,
            &[
                "associatedcompany",
                "companyname",
                "associatedcompanyprimary",
            ],
        ),
        (Field::Owner, &["dealowner", "owner", "dealinhaber"]),
        (Field::Pipeline, &["pipeline"]),
        (Field::Stage, &["dealstage", "dealphase"]),
        (
            Field::Amount,
            &["amount", "amountincompanycurrency", "betrag"],
        ),
        (
            Field::Currency,
            &["currency", "dealcurrencycode", "währung"],
        ),
        (Field::CloseDate, &["closedate", "abschlussdatum"]),
        (Field::Created, &["createdate", "erstelltam"]),
        (Field::LostReason, &["closedlostreason", "lostreason"]),
        (Field::DealType, &["dealtype", "type"]),
        (
            Field::Source,
            &["originalsource", "source", "originaltrafficsource"],
        ),
        (Field::Segment, &["segment", "customersegment"]),
        (Field::Region, &["region"]),
        (Field::Probability, &["dealprobability", "probability"]),
    ],
    id_fallback: &[],
    stage_entry_columns: true,
};
