//! A full Funnel view recompute over 1,000,000 contacts and 200,000 deals with a filter
//! applied, against the same numbers as SQL aggregate queries in SQLite on the same data,
//! in the same run.
//!
//! Run: `cargo bench --bench funnel`. The data is generated here with a fixed seed: contacts
//! created over 2024–2025 with the five stage dates, three segments, four regions, forty
//! owners and six sources; deals over the same two years in two pipelines, open, won and
//! lost. The question is the one the view asks when a lead picks 2025-Q3, cohort mode,
//! segment SMB, breakdown by owner: the period's funnel (with every count's records and
//! the days between stages), the strict funnel beside it, the eight-quarter trend (which
//! holds the previous quarter and the same quarter last year), the breakdown by owner with
//! each owner's deals, win rate and deal metrics, pipeline coverage and the deal-stage
//! funnel of each pipeline.
//!
//! The SQL side answers the same with one aggregate query each (indexed on segment and
//! created date, as a store would be), and its counts are checked equal to ours before
//! timing. It computes no medians, percentiles or record lists, which ours does.
//!
//! Ours reads the contacts in the compact in-memory form the app keeps between
//! recomputes ([`ContactTable`]); building it once per workspace change is timed and
//! printed separately, with its size per contact.
//!
//! Targets: the recompute is at least 10x faster than the SQL baseline and under
//! 50 ms on a 2-core laptop-class machine.

mod support;

use std::time::Instant;

use chrono::NaiveDate;
use revops_cockpit::definitions::fiscal::Quarter;
use revops_cockpit::definitions::{Definitions, defaults};
use revops_cockpit::metrics::contact_table::ContactTable;
use revops_cockpit::metrics::deal_table::DealTable;
use revops_cockpit::metrics::report::{FunnelQuestion, FunnelReport, funnel_report};
use revops_cockpit::metrics::{Dimension, Filter, FunnelMode};
use revops_cockpit::model::{Contact, Deal, DealStatus, StageEntry};
use rusqlite::{Connection, params};
use support::{Rng, best_of};

const CONTACTS: usize = 1_000_000;
const DEALS: usize = 200_000;
const DAY: i64 = 86_400;
const SEGMENTS: [&str; 3] = ["SMB", "Mid-Market", "Enterprise"];
const REGIONS: [&str; 4] = ["EMEA", "NA", "APAC", "LATAM"];
const SOURCES: [&str; 6] = [
    "Organic Search",
    "Paid Search",
    "Referrals",
    "Events",
    "Email",
    "Direct",
];
const PIPELINES: [&str; 2] = ["Sales Pipeline", "Renewals"];
/// HubSpot raw stages under the defaults, with the status they mean.
const STAGES: [(&str, DealStatus); 6] = [
    ("appointmentscheduled", DealStatus::Open),
    ("presentationscheduled", DealStatus::Open),
    ("decisionmakerboughtin", DealStatus::Open),
    ("contractsent", DealStatus::Open),
    ("closedwon", DealStatus::Won),
    ("closedlost", DealStatus::Lost),
];

fn pick<'a>(rng: &mut Rng, from: &[&'a str]) -> &'a str {
    let n = i64::try_from(from.len()).unwrap_or(1);
    from[usize::try_from(rng.below(n)).unwrap_or(0)]
}

fn start() -> i64 {
    NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0)
}

fn generate() -> (Vec<Contact>, Vec<Deal>) {
    let t0 = start();
    let mut rng = Rng(0x5eed_2025);
    let contacts = (0..CONTACTS)
        .map(|i| {
            let created = t0 + rng.below(2 * 365 * DAY);
            let mut dates = [Some(created), None, None, None, None];
            let mut t = created;
            for slot in dates.iter_mut().skip(1) {
                if !rng.chance(55) {
                    break;
                }
                t += rng.below(20 * DAY);
                *slot = Some(t);
            }
            // One in ten skipped MQL: the strict funnel differs from the cohort one.
            if dates[2].is_some() && rng.chance(10) {
                dates[1] = None;
            }
            Contact {
                source_id: i.to_string(),
                owner: Some(format!("Rep {}", rng.below(40))),
                source: Some(pick(&mut rng, &SOURCES).to_owned()),
                segment: Some(pick(&mut rng, &SEGMENTS).to_owned()),
                region: Some(pick(&mut rng, &REGIONS).to_owned()),
                created: Some(created),
                stage_dates: dates,
                ..Contact::default()
            }
        })
        .collect();
    let deals = (0..DEALS)
        .map(|i| {
            let created = t0 + rng.below(2 * 365 * DAY);
            let (raw, status) = STAGES[usize::try_from(rng.below(6)).unwrap_or(0)];
            Deal {
                source_system: "hubspot".to_owned(),
                source_id: format!("d{i}"),
                owner: Some(format!("Rep {}", rng.below(40))),
                pipeline: Some(pick(&mut rng, &PIPELINES).to_owned()),
                segment: Some(pick(&mut rng, &SEGMENTS).to_owned()),
                raw_stage: Some(raw.to_owned()),
                amount_cents: Some(rng.below(100_000) * 100),
                created: Some(created),
                close_date: Some(created + rng.below(200 * DAY)),
                status,
                stage_entries: vec![StageEntry {
                    stage: raw.to_owned(),
                    entered: created + rng.below(60 * DAY),
                }],
                ..Deal::default()
            }
        })
        .collect();
    (contacts, deals)
}

fn ok<T>(r: rusqlite::Result<T>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// The same data in SQLite, indexed as a store would be.
fn sqlite(contacts: &[Contact], deals: &[Deal]) -> Connection {
    let conn = ok(Connection::open_in_memory());
    ok(conn.execute_batch(
        "CREATE TABLE c (created INTEGER, lead INTEGER, mql INTEGER, sql INTEGER, opp INTEGER, cust INTEGER, \
         segment TEXT, owner TEXT);
         CREATE TABLE d (created INTEGER, close INTEGER, status TEXT, amount REAL, segment TEXT, owner TEXT, pipeline TEXT);",
    ));
    let tx = ok(conn.unchecked_transaction());
    {
        let mut stmt = ok(tx.prepare("INSERT INTO c VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
        for c in contacts {
            let d = c.stage_dates;
            ok(stmt.execute(params![
                c.created, d[0], d[1], d[2], d[3], d[4], c.segment, c.owner
            ]));
        }
        let mut stmt = ok(tx.prepare("INSERT INTO d VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
        for d in deals {
            #[expect(clippy::cast_precision_loss, reason = "money")]
            let amount = d.amount_cents.map(|c| c as f64 / 100.0);
            ok(stmt.execute(params![
                d.created,
                d.close_date,
                d.status.as_str(),
                amount,
                d.segment,
                d.owner,
                d.pipeline
            ]));
        }
    }
    ok(tx.commit());
    ok(conn.execute_batch(
        "CREATE INDEX c_segment_created ON c (segment, created);
         CREATE INDEX d_segment ON d (segment, close);",
    ));
    conn
}

/// Cohort counts per stage: reached the stage or a later one.
const COHORT: &str = "count(*), sum(coalesce(mql, sql, opp, cust) IS NOT NULL), \
     sum(coalesce(sql, opp, cust) IS NOT NULL), sum(coalesce(opp, cust) IS NOT NULL), sum(cust IS NOT NULL)";

/// Strict counts per stage: every stage so far present and in date order.
const STRICT: &str = "sum(lead IS NOT NULL), sum(mql >= lead), sum(mql >= lead AND sql >= mql), \
     sum(mql >= lead AND sql >= mql AND opp >= sql), sum(mql >= lead AND sql >= mql AND opp >= sql AND cust >= opp)";

/// What the SQL side answers, in the shape both sides are compared in.
#[derive(Debug, PartialEq)]
struct Numbers {
    funnel: Vec<i64>,
    strict: Vec<i64>,
    trend: Vec<Vec<i64>>,
    by_owner: Vec<(String, Vec<i64>, i64, i64)>,
    won_lost_open: (i64, i64, i64),
    pipelines: Vec<(String, i64, i64, i64)>,
}

fn ints(r: &rusqlite::Row<'_>, from: usize, n: usize) -> rusqlite::Result<Vec<i64>> {
    (from..from + n)
        .map(|i| r.get::<_, Option<i64>>(i).map(Option::unwrap_or_default))
        .collect()
}

fn sql_numbers(conn: &Connection, quarters: &[(i64, i64)]) -> Numbers {
    let (from, to) = quarters[quarters.len() - 1];
    let (trend_from, _) = quarters[0];
    let funnel = ok(conn.query_row(
        &format!("SELECT {COHORT}, {STRICT} FROM c WHERE segment = 'SMB' AND created >= ?1 AND created < ?2"),
        [from, to],
        |r| Ok((ints(r, 0, 5)?, ints(r, 5, 5)?)),
    ));
    let mut stmt = ok(conn.prepare_cached(&format!(
        "SELECT (CAST(strftime('%Y', created, 'unixepoch') AS INT) * 4 + (CAST(strftime('%m', created, 'unixepoch') AS INT) - 1) / 3) AS q, \
         {COHORT} FROM c WHERE segment = 'SMB' AND created >= ?1 AND created < ?2 GROUP BY q ORDER BY q"
    )));
    let grouped: Vec<(i64, Vec<i64>)> = ok(ok(
        stmt.query_map([trend_from, to], |r| Ok((r.get(0)?, ints(r, 1, 5)?)))
    )
    .collect::<Result<_, _>>());
    // A quarter with no contacts has no group: it is a row of zeros. Quarters count as
    // year × 4 + quarter − 1, the asked one (2025-Q3) last.
    let first = 2025 * 4 + 2 - (as_i64(quarters.len()) - 1);
    let trend = (0..as_i64(quarters.len()))
        .map(|i| {
            grouped
                .iter()
                .find(|(q, _)| *q == first + i)
                .map_or_else(|| vec![0; 5], |(_, c)| c.clone())
        })
        .collect();
    let mut stmt = ok(conn.prepare_cached(&format!(
        "SELECT owner, {COHORT} FROM c WHERE segment = 'SMB' AND created >= ?1 AND created < ?2 GROUP BY owner"
    )));
    let contacts_by_owner: Vec<(String, Vec<i64>)> = ok(ok(
        stmt.query_map([from, to], |r| Ok((r.get(0)?, ints(r, 1, 5)?)))
    )
    .collect::<Result<_, _>>());
    let mut stmt = ok(conn.prepare_cached(
        "SELECT owner, sum(status = 'won' AND close >= ?1 AND close < ?2), sum(status = 'lost' AND close >= ?1 AND close < ?2), \
         avg(CASE WHEN status = 'won' AND close >= ?1 AND close < ?2 THEN amount END) FROM d WHERE segment = 'SMB' GROUP BY owner",
    ));
    let deals_by_owner: Vec<(String, i64, i64)> = ok(ok(
        stmt.query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    )
    .collect::<Result<_, _>>());
    let mut by_owner: Vec<(String, Vec<i64>, i64, i64)> = contacts_by_owner
        .into_iter()
        .map(|(owner, counts)| {
            let (won, lost) = deals_by_owner
                .iter()
                .find(|d| d.0 == owner)
                .map_or((0, 0), |d| (d.1, d.2));
            (owner, counts, won, lost)
        })
        .collect();
    by_owner.sort_by(|a, b| a.0.cmp(&b.0));
    let won_lost_open = ok(conn.query_row(
        "SELECT sum(status = 'won' AND close >= ?1 AND close < ?2), sum(status = 'lost' AND close >= ?1 AND close < ?2), \
         sum(status = 'open'), avg(CASE WHEN status = 'won' AND close >= ?1 AND close < ?2 THEN amount END), \
         sum(CASE WHEN status = 'open' AND close >= ?1 AND close < ?2 THEN amount END) FROM d WHERE segment = 'SMB'",
        [from, to],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    ));
    let mut stmt = ok(conn.prepare_cached(
        "SELECT pipeline, count(*), sum(status = 'won'), sum(status = 'lost') FROM d \
         WHERE segment = 'SMB' AND created >= ?1 AND created < ?2 GROUP BY pipeline ORDER BY pipeline",
    ));
    let pipelines = ok(ok(stmt.query_map([from, to], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    }))
    .collect::<Result<_, _>>());
    Numbers {
        funnel: funnel.0,
        strict: funnel.1,
        trend,
        by_owner,
        won_lost_open,
        pipelines,
    }
}

fn counts(f: &revops_cockpit::metrics::LifecycleFunnel) -> Vec<i64> {
    f.stages
        .iter()
        .map(|s| i64::try_from(s.count).unwrap_or(0))
        .collect()
}

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(0)
}

/// Our report in the SQL side's shape (owners only where contacts have them, as SQL's).
fn our_numbers(r: &FunnelReport) -> Numbers {
    Numbers {
        funnel: counts(&r.funnel),
        strict: counts(&r.strict),
        trend: r.trend.iter().map(|(_, f)| counts(f)).collect(),
        by_owner: r
            .breakdown
            .iter()
            .filter_map(|row| {
                let f = row.funnel.as_ref()?;
                (f.stages.first()?.count > 0).then(|| {
                    (
                        row.value.clone(),
                        counts(f),
                        as_i64(row.deals.won),
                        as_i64(row.deals.lost),
                    )
                })
            })
            .collect(),
        won_lost_open: (
            as_i64(r.deals.won),
            as_i64(r.deals.lost),
            as_i64(r.deals.open_deals),
        ),
        pipelines: r
            .pipelines
            .iter()
            .map(|p| {
                (
                    p.pipeline.clone(),
                    as_i64(p.created),
                    as_i64(p.won),
                    as_i64(p.lost),
                )
            })
            .collect(),
    }
}

/// Each part of the recompute on its own, so a regression shows where it is.
fn parts(defs: &Definitions, table: &ContactTable, deals: &DealTable, q: &FunnelQuestion) {
    use revops_cockpit::metrics::{
        breakdown::breakdown, deal_funnel::deal_stage_funnels, deals::deal_metrics,
        deals::pipeline_coverage, funnels_by_quarter, funnels_by_value, lifecycle_funnel,
        report::trend_quarters,
    };
    let quarters = trend_quarters(q.period);
    let (f, p, m) = (&q.filter, q.period, q.mode);
    let parts: [(&str, &dyn Fn()); 8] = [
        ("funnel with records", &|| {
            drop(lifecycle_funnel(defs, table, f, p, m))
        }),
        ("strict funnel", &|| {
            drop(lifecycle_funnel(defs, table, f, p, FunnelMode::Strict));
        }),
        ("eight-quarter trend", &|| {
            drop(funnels_by_quarter(defs, table, f, &quarters, m));
        }),
        ("funnel per owner", &|| {
            drop(funnels_by_value(defs, table, f, p, m, Dimension::Owner));
        }),
        ("breakdown by owner", &|| {
            drop(breakdown(defs, table, deals, f, p, m, Dimension::Owner));
        }),
        ("deal metrics", &|| drop(deal_metrics(defs, deals, f, p))),
        ("pipeline coverage", &|| {
            drop(pipeline_coverage(defs, deals, f, p))
        }),
        ("deal-stage funnels", &|| {
            drop(deal_stage_funnels(defs, deals, f, p))
        }),
    ];
    for (name, run) in parts {
        let d = best_of(5, run);
        println!("    {name:<24}{:>8.1} ms", d.as_secs_f64() * 1000.0);
    }
}

fn main() {
    let (contacts, deals) = generate();
    let defs = defaults();
    let question = FunnelQuestion {
        period: Quarter {
            year: 2025,
            quarter: 3,
        },
        mode: FunnelMode::Cohort,
        filter: Filter::all().with(Dimension::Segment, "SMB"),
        breakdown_by: Dimension::Owner,
    };
    let built = Instant::now();
    let table = ContactTable::from_contacts(&defs, &contacts);
    let contacts_build = built.elapsed();
    let built = Instant::now();
    let deal_table = DealTable::new(&defs, &deals);
    let deals_build = built.elapsed();
    let conn = sqlite(&contacts, &deals);
    let quarters: Vec<(i64, i64)> =
        revops_cockpit::metrics::report::trend_quarters(question.period)
            .iter()
            .map(|q| {
                let b = q.bounds(defs.fiscal_year_start_month);
                (b.start, b.end)
            })
            .collect();

    let report = funnel_report(&defs, &table, &deal_table, &question);
    let ours = our_numbers(&report);
    let sql = sql_numbers(&conn, &quarters);
    assert_eq!(
        ours, sql,
        "the recompute and the SQL baseline count the same"
    );
    assert_ne!(ours.funnel, ours.strict, "the data has skipped stages");

    let ours_time = best_of(7, || funnel_report(&defs, &table, &deal_table, &question));
    let sql_time = best_of(3, || sql_numbers(&conn, &quarters));
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let ratio = sql_time.as_secs_f64() / ours_time.as_secs_f64();
    println!(
        "funnel view recompute, {CONTACTS} contacts and {DEALS} deals, 2025-Q3 cohort, segment SMB, by owner:"
    );
    println!(
        "  ours:                       {:>8.1} ms   (target: under 50 ms)",
        ms(ours_time)
    );
    println!("  of which:");
    parts(&defs, &table, &deal_table, &question);
    println!("  SQL baseline (SQLite):      {:>8.1} ms", ms(sql_time));
    println!("  speed-up over SQL:          {ratio:>8.1}x   (target: at least 10x)");
    println!(
        "  contacts in memory:         {:>8} bytes per contact ({:.0} MB per million) plus each distinct segment, owner, source and region once",
        table.bytes_per_contact(),
        table.bytes_per_contact() as f64 * 1e6 / 1_048_576.0
    );
    println!(
        "  deals in memory:            {:>8} bytes per deal plus each distinct value once",
        deal_table.bytes_per_deal()
    );
    println!(
        "  building both once:         {:>8.1} ms contacts, {:.1} ms deals (from records already read; once per workspace or definitions change)",
        ms(contacts_build),
        ms(deals_build)
    );
}
