//! Default mapping from the deal stage names HubSpot, Salesforce and Pipedrive ship with
//! to the canonical deal stages, and which names mean closed-won or closed-lost.

use crate::import::formats::normalize_header;
use crate::model::DealStatus;

/// The canonical deal stages, in pipeline order.
pub const DEAL_STAGES: [&str; 6] = [
    "Discovery",
    "Demo",
    "Proposal",
    "Negotiation",
    "Closed Won",
    "Closed Lost",
];

/// The canonical stage a raw CRM stage maps to by default; `None` when unmapped.
pub fn default_deal_stage(raw: &str) -> Option<&'static str> {
    let n = normalize_header(raw);
    let stage = match n.as_str() {
        "closedwon" | "won" | "dealwon" => "Closed Won",
        "closedlost" | "lost" | "deallost" => "Closed Lost",
        "appointmentscheduled"
        | "discovery"
        | "qualification"
        | "prospecting"
        | "qualifiedtobuy"
        | "qualified"
        | "leadin"
        | "contactmade" => "Discovery",
        "presentationscheduled"
        | "demo"
        | "demoscheduled"
        | "needsanalysis"
        | "valueproposition"
        | "needsdefined" => "Demo",
        "decisionmakerboughtin"
        | "proposal"
        | "proposalpricequote"
        | "proposalmade"
        | "iddecisionmakers"
        | "perceptionanalysis" => "Proposal",
        "contractsent" | "negotiation" | "negotiationreview" | "negotiationsstarted" => {
            "Negotiation"
        }
        _ => return None,
    };
    Some(stage)
}

/// Whether a raw stage name itself says the deal is won or lost.
pub fn status_from_stage(raw: &str) -> DealStatus {
    match default_deal_stage(raw) {
        Some("Closed Won") => DealStatus::Won,
        Some("Closed Lost") => DealStatus::Lost,
        _ => DealStatus::Open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_stage_names_crms_ship_with() {
        assert_eq!(default_deal_stage("closedwon"), Some("Closed Won"));
        assert_eq!(default_deal_stage("Closed Won"), Some("Closed Won"));
        assert_eq!(default_deal_stage("Proposal/Price Quote"), Some("Proposal"));
        assert_eq!(default_deal_stage("Our custom stage"), None);
        assert_eq!(status_from_stage("Closed Lost"), DealStatus::Lost);
        assert_eq!(status_from_stage("Negotiation/Review"), DealStatus::Open);
    }
}
