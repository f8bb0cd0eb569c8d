//! The revenue data the leaks and maturity benchmarks share: 1,000,000 contacts over 2025
//! with the five stage dates and first touches, 200,000 deals in six HubSpot stages with a
//! stage entry each, and 50,000 customer accounts with kickoffs, contract ends and renewal
//! outreach; generated with a fixed seed.

use chrono::NaiveDate;
use revops_cockpit::model::{Account, Contact, Deal, DealStatus, StageEntry};

use super::Rng;

pub const CONTACTS: usize = 1_000_000;
pub const DEALS: usize = 200_000;
pub const ACCOUNTS: usize = 50_000;
pub const DAY: i64 = 86_400;
/// HubSpot raw stages and the canonical stage index each maps to under the defaults.
pub const STAGES: [(&str, i64); 6] = [
    ("appointmentscheduled", 0),
    ("presentationscheduled", 1),
    ("decisionmakerboughtin", 2),
    ("contractsent", 3),
    ("closedwon", 4),
    ("closedlost", 5),
];

pub fn start() -> i64 {
    NaiveDate::from_ymd_opt(2025, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0)
}

pub fn generate() -> (Vec<Contact>, Vec<Deal>, Vec<Account>) {
    let t0 = start();
    let mut rng = Rng(0x1ea4_2025);
    let contacts = (0..CONTACTS)
        .map(|i| {
            let created = t0 + rng.below(365 * DAY);
            let mut dates = [Some(created), None, None, None, None];
            let mut t = created;
            for slot in dates.iter_mut().skip(1) {
                if !rng.chance(55) {
                    break;
                }
                t += rng.below(20 * DAY);
                *slot = Some(t);
            }
            let first_touch = dates[1]
                .filter(|_| rng.chance(80))
                .map(|m| m + rng.below(3 * DAY));
            Contact {
                source_id: i.to_string(),
                owner: Some(format!("Rep {}", rng.below(40))),
                source: Some("Paid Search".to_owned()),
                segment: Some("SMB".to_owned()),
                created: Some(created),
                stage_dates: dates,
                first_touch,
                ..Contact::default()
            }
        })
        .collect();
    let deals = (0..DEALS)
        .map(|i| {
            let created = t0 + rng.below(365 * DAY);
            let (raw, _) = STAGES[usize::try_from(rng.below(6)).unwrap_or(0)];
            let entered = created + rng.below(60 * DAY);
            let status = match raw {
                "closedwon" => DealStatus::Won,
                "closedlost" => DealStatus::Lost,
                _ => DealStatus::Open,
            };
            Deal {
                source_system: "hubspot".to_owned(),
                source_id: format!("d{i}"),
                owner: Some(format!("Rep {}", rng.below(40))),
                pipeline: Some("Sales Pipeline".to_owned()),
                raw_stage: Some(raw.to_owned()),
                amount_cents: Some(rng.below(100_000) * 100),
                created: Some(created),
                close_date: Some(created + rng.below(200 * DAY)),
                status,
                stage_entries: vec![StageEntry {
                    stage: raw.to_owned(),
                    entered,
                }],
                ..Deal::default()
            }
        })
        .collect();
    let accounts = (0..ACCOUNTS)
        .map(|i| {
            let won = t0 - 365 * DAY + rng.below(2 * 365 * DAY);
            let end = won + 372 * DAY;
            Account {
                source_id: format!("a{i}"),
                owner: Some(format!("CSM {}", rng.below(10))),
                closed_won: Some(won),
                kickoff: rng.chance(85).then(|| won + rng.below(5 * DAY)),
                contract_end: Some(end),
                arr_cents: Some(rng.below(100_000) * 100),
                renewal_outreach: rng.chance(80).then(|| end - rng.below(150 * DAY)),
                ..Account::default()
            }
        })
        .collect();
    (contacts, deals, accounts)
}
