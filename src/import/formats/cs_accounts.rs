//! A customer success platform's accounts export (Gainsight, ChurnZero, Vitally or a
//! spreadsheet): onboarding kickoff, contract dates, ARR, renewal outreach, churn.

use super::FormatSpec;
use crate::model::Field;

/// Customer success accounts export.
pub static ACCOUNTS: FormatSpec = FormatSpec {
    signature: &[
        &["accountid", "companyid", "customerid"],
        &[
            "onboardingkickoffdate",
            "kickoffdate",
            "contractenddate",
            "renewaldate",
        ],
    ],
    fields: &[
        (Field::SourceId, &["accountid", "companyid", "customerid"]),
        (
            Field::Name,
            &["accountname", "companyname", "customername", "name"],
        ),
        (
            Field::Owner,
            &["csm", "customersuccessmanager", "accountowner", "owner"],
        ),
        (Field::Segment, &["segment", "tier"]),
        (Field::Region, &["region"]),
        (
            Field::ClosedWonDate,
            &["closedwondate", "closedate", "customersince"],
        ),
        (
            Field::KickoffDate,
            &[
                "onboardingkickoffdate",
                "kickoffdate",
                "onboardingstartdate",
            ],
        ),
        (
            Field::ContractStart,
            &["contractstartdate", "contractstart"],
        ),
        (
            Field::ContractEnd,
            &["contractenddate", "contractend", "renewaldate"],
        ),
        (
            Field::Arr,
            &["arr", "annualrecurringrevenue", "contractvalue"],
        ),
        (Field::Currency, &["currency", "arrcurrency"]),
        (
            Field::RenewalOutreachDate,
            &[
                "renewaloutreachdate",
                "firstrenewaltouchdate",
                "renewalkickoffdate",
            ],
        ),
        (Field::ChurnDate, &["churndate", "churneddate"]),
    ],
    id_fallback: &[],
    stage_entry_columns: false,
};
