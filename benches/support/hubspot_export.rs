//! A HubSpot-style contacts export of any size, written row by row from a fixed seed (the
//! same file every run): 21 columns, stage dates in order, and a quoted notes column with
//! commas, quotes and line breaks, about 230 bytes a row.

use std::io::{self, BufWriter, Write as _};
use std::path::Path;

use super::Rng;

const HEADER: &str = "Record ID,First Name,Last Name,Email,Company Name,Phone Number,Job Title,\
Contact owner,Original Source,Segment,Region,Create Date,Lifecycle Stage,Became a Lead Date,\
Became a Marketing Qualified Lead Date,Became a Sales Qualified Lead Date,\
Became an Opportunity Date,Became a Customer Date,Date of first engagement,Lead Status,Notes";

const FIRST: [&str; 12] = [
    "Chloe", "Yara", "Jonas", "Priya", "Mateo", "Aiko", "Liam", "Sofia", "Omar", "Lena", "Noah",
    "Zoë",
];
const LAST: [&str; 10] = [
    "Young", "Rossi", "Schmidt", "Shah", "García", "Tanaka", "Murphy", "Novak", "Haddad", "Vogel",
];
const COMPANIES: [&str; 8] = [
    "Pine Health",
    "Umbra Logistics",
    "Northwind Traders",
    "Blue Harbor Bank",
    "Kestrel Software",
    "Atlas Foods",
    "Juniper Retail",
    "Orbit Media",
];
const TITLES: [&str; 6] = [
    "Head of Operations",
    "VP Sales",
    "Marketing Manager",
    "CFO",
    "IT Director",
    "Founder",
];
const SOURCES: [&str; 6] = [
    "Organic Search",
    "Paid Search",
    "Referrals",
    "Direct Traffic",
    "Social Media",
    "Email Marketing",
];
const SEGMENTS: [&str; 3] = ["SMB", "Mid-Market", "Enterprise"];
const REGIONS: [&str; 4] = ["EMEA", "North America", "APAC", "LATAM"];
const STAGES: [&str; 5] = [
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
];
const STATUSES: [&str; 4] = ["New", "Open", "In Progress", "Connected"];
const NOTES: [&str; 6] = [
    "Asked for pricing, follow up next week",
    "Met at the \"RevOps Summit\", wants a demo, budget in Q3",
    "Call back after the board meeting; decision maker is the CFO",
    "Trial user\nconverted from webinar, needs SSO, SOC 2 report",
    "Renewal risk: champion left, new contact, re-introduce",
    "Inbound chat, asked about integrations, Salesforce, HubSpot",
];

/// The owners: 40 reps.
fn owner(rng: &mut Rng) -> String {
    format!("Rep {:02}", rng.below(40))
}

fn pick<'a>(rng: &mut Rng, from: &[&'a str]) -> &'a str {
    from.get(usize::try_from(rng.below(from.len().try_into().unwrap_or(1))).unwrap_or(0))
        .copied()
        .unwrap_or_default()
}

/// `YYYY-MM-DD HH:MM` of `minutes` after 2024-01-01 00:00.
fn date(minutes: i64) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    (start + chrono::Duration::minutes(minutes))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Writes `rows` contacts to `path`; returns the file's size in bytes.
pub fn write(path: &Path, rows: usize) -> io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    writeln!(out, "{HEADER}")?;
    let mut rng = Rng(0x00c0_ffee_2025);
    const DAY: i64 = 24 * 60;
    for i in 0..rows {
        let first = pick(&mut rng, &FIRST);
        let last = pick(&mut rng, &LAST);
        let company = pick(&mut rng, &COMPANIES);
        let created = rng.below(700 * DAY);
        let mut dates: [Option<i64>; 5] = [Some(created), None, None, None, None];
        let mut t = created;
        let mut reached = 0;
        for (k, slot) in dates.iter_mut().enumerate().skip(1) {
            if !rng.chance(55) {
                break;
            }
            t += rng.below(25 * DAY);
            *slot = Some(t);
            reached = k;
        }
        let touch = dates[1]
            .filter(|_| rng.chance(75))
            .map(|m| m + rng.below(4 * DAY));
        let cell = |d: Option<i64>| d.map(date).unwrap_or_default();
        let notes = if rng.chance(45) {
            let note = pick(&mut rng, &NOTES).replace('"', "\"\"");
            format!("\"{note}, ref {}\"", rng.below(1_000_000))
        } else {
            String::new()
        };
        let email = format!(
            "{}.{}{i}@{}.example",
            first.to_lowercase(),
            last.to_lowercase(),
            company.split(' ').next().unwrap_or("mail").to_lowercase()
        );
        writeln!(
            out,
            "{id},{first},{last},{email},{company},+1 555 {phone:07},{title},{owner},{source},{segment},{region},{created},{stage},{lead},{mql},{sql},{opp},{customer},{touch},{status},{notes}",
            id = 100_000 + i,
            phone = rng.below(10_000_000),
            title = pick(&mut rng, &TITLES),
            owner = owner(&mut rng),
            source = pick(&mut rng, &SOURCES),
            segment = pick(&mut rng, &SEGMENTS),
            region = pick(&mut rng, &REGIONS),
            created = date(created),
            stage = STAGES.get(reached).copied().unwrap_or("lead"),
            lead = cell(dates[0]),
            mql = cell(dates[1]),
            sql = cell(dates[2]),
            opp = cell(dates[3]),
            customer = cell(dates[4]),
            touch = cell(touch),
            status = pick(&mut rng, &STATUSES),
        )?;
    }
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

const DEAL_HEADER: &str = "Record ID,Deal Name,Associated Company,Deal owner,Pipeline,Deal Stage,\
Amount,Close Date,Create Date,Deal Type,Closed Lost Reason,Segment,Region,Original Source,\
\"Date entered \"\"Appointment Scheduled (Sales Pipeline)\"\"\",\
\"Date entered \"\"Qualified To Buy (Sales Pipeline)\"\"\",\
\"Date entered \"\"Presentation Scheduled (Sales Pipeline)\"\"\",\
\"Date entered \"\"Decision Maker Bought-In (Sales Pipeline)\"\"\",\
\"Date entered \"\"Contract Sent (Sales Pipeline)\"\"\",\
\"Date entered \"\"Closed Won (Sales Pipeline)\"\"\",\
\"Date entered \"\"Closed Lost (Sales Pipeline)\"\"\"";

/// The open stages in order, then won and lost.
const DEAL_STAGES: [&str; 7] = [
    "Appointment Scheduled",
    "Qualified To Buy",
    "Presentation Scheduled",
    "Decision Maker Bought-In",
    "Contract Sent",
    "Closed Won",
    "Closed Lost",
];

/// Writes `rows` HubSpot deals with their stage history to `path`; returns the file's
/// size in bytes.
#[allow(dead_code, reason = "written on request only")]
pub fn write_deals(path: &Path, rows: usize) -> io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    writeln!(out, "{DEAL_HEADER}")?;
    let mut rng = Rng(0x0dea_1500_2025);
    const DAY: i64 = 24 * 60;
    for i in 0..rows {
        let company = pick(&mut rng, &COMPANIES);
        let created = rng.below(700 * DAY);
        // How far it got: an open stage, or closed won / lost after some of them.
        let reached = usize::try_from(rng.below(5)).unwrap_or(0);
        let outcome = rng.below(10);
        let mut entered = [None::<i64>; 7];
        let mut t = created;
        for slot in entered.iter_mut().take(reached + 1) {
            *slot = Some(t);
            t += rng.below(20 * DAY);
        }
        let stage = match outcome {
            0..=2 => 5,
            3..=6 => 6,
            _ => reached,
        };
        if stage >= 5 {
            entered[stage] = Some(t);
        }
        let cell = |d: Option<i64>| d.map(date).unwrap_or_default();
        let history: Vec<String> = entered.iter().map(|d| cell(*d)).collect();
        writeln!(
            out,
            "{id},{company} - Deal {i},{company},{owner},Sales Pipeline,{stage},{amount},{close},{created},New Business,{lost},{segment},{region},{source},{history}",
            id = 9_000_000 + i,
            owner = owner(&mut rng),
            stage = DEAL_STAGES.get(stage).copied().unwrap_or_default(),
            amount = rng.below(200) * 500,
            close = date(t + rng.below(60 * DAY)),
            created = date(created),
            lost = if stage == 6 { "Budget" } else { "" },
            segment = pick(&mut rng, &SEGMENTS),
            region = pick(&mut rng, &REGIONS),
            source = pick(&mut rng, &SOURCES),
            history = history.join(","),
        )?;
    }
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}
