//! Funnel recompute over 1,000,000 contacts, against the same count as an SQL aggregate in
//! SQLite on the same data, in the same run.
//!
//! Run: `cargo bench --bench funnel`. The data is generated here with a fixed seed
//! (1,000,000 contacts over 2025 with the five stage dates, three segments); both sides
//! count the Q3 2025 cohort funnel of one segment (created in the quarter, reached the
//! stage or a later one), and the two results are checked equal before timing.
//! Targets (issue 7): the recompute is at least 10x faster than the SQL baseline and under
//! 50 ms on a 2-core laptop-class machine.

mod support;

use chrono::NaiveDate;
use revops_cockpit::definitions::defaults;
use revops_cockpit::definitions::fiscal::Quarter;
use revops_cockpit::metrics::{Dimension, Filter, FunnelMode, lifecycle_funnel};
use revops_cockpit::model::Contact;
use support::{Rng, best_of};

const CONTACTS: usize = 1_000_000;
const SEGMENTS: [&str; 3] = ["SMB", "Mid-Market", "Enterprise"];

fn generate() -> Vec<Contact> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0);
    let mut rng = Rng(0x5eed_2025);
    (0..CONTACTS)
        .map(|i| {
            let created = start + rng.below(365 * 86_400);
            let mut dates = [Some(created), None, None, None, None];
            let mut t = created;
            for slot in dates.iter_mut().skip(1) {
                if rng.below(100) >= 55 {
                    break;
                }
                t += rng.below(20 * 86_400);
                *slot = Some(t);
            }
            Contact {
                source_id: i.to_string(),
                segment: Some(SEGMENTS[usize::try_from(rng.below(3)).unwrap_or(0)].to_owned()),
                created: Some(created),
                stage_dates: dates,
                ..Contact::default()
            }
        })
        .collect()
}

fn sql_baseline(
    contacts: &[Contact],
    q: Quarter,
) -> (
    rusqlite::Connection,
    impl Fn(&rusqlite::Connection) -> Vec<usize>,
) {
    let conn = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch("CREATE TABLE c (created INTEGER, lead INTEGER, mql INTEGER, sql INTEGER, opp INTEGER, cust INTEGER, segment TEXT)")
        .unwrap_or_else(|e| panic!("{e}"));
    {
        let tx = conn
            .unchecked_transaction()
            .unwrap_or_else(|e| panic!("{e}"));
        let mut stmt = tx
            .prepare("INSERT INTO c VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .unwrap_or_else(|e| panic!("{e}"));
        for c in contacts {
            let d = c.stage_dates;
            stmt.execute(rusqlite::params![
                c.created, d[0], d[1], d[2], d[3], d[4], c.segment
            ])
            .unwrap_or_else(|e| panic!("{e}"));
        }
        drop(stmt);
        tx.commit().unwrap_or_else(|e| panic!("{e}"));
    }
    let (from, to) = q.dates(1);
    let ts = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .map(|x| x.and_utc().timestamp())
            .unwrap_or(0)
    };
    let (from, to) = (ts(from), ts(to));
    let query = move |conn: &rusqlite::Connection| -> Vec<usize> {
        conn.query_row(
            "SELECT count(*), \
             sum(coalesce(mql, sql, opp, cust) IS NOT NULL), sum(coalesce(sql, opp, cust) IS NOT NULL), \
             sum(coalesce(opp, cust) IS NOT NULL), sum(cust IS NOT NULL) \
             FROM c WHERE created >= ?1 AND created < ?2 AND segment = 'SMB'",
            [from, to],
            |r| Ok((0..5).map(|i| r.get::<_, i64>(i).map(|v| usize::try_from(v).unwrap_or(0))).collect::<Result<Vec<_>, _>>()),
        )
        .and_then(|v| v)
        .unwrap_or_else(|e| panic!("{e}"))
    };
    (conn, query)
}

fn main() {
    let contacts = generate();
    let defs = defaults();
    let q = Quarter {
        year: 2025,
        quarter: 3,
    };
    let filter = Filter::all().with(Dimension::Segment, "SMB");
    let ours = || {
        lifecycle_funnel(&defs, &contacts, &filter, q, FunnelMode::Cohort)
            .stages
            .iter()
            .map(|s| s.count)
            .collect::<Vec<_>>()
    };
    let (conn, sql) = sql_baseline(&contacts, q);
    assert_eq!(
        ours(),
        sql(&conn),
        "the funnel and the SQL baseline count the same"
    );
    let ours_time = best_of(5, ours);
    let sql_time = best_of(5, || sql(&conn));
    let ratio = sql_time.as_secs_f64() / ours_time.as_secs_f64();
    println!("funnel recompute, {CONTACTS} contacts, cohort, one segment filter:");
    println!(
        "  ours: {:>8.1} ms   (target: under 50 ms)",
        ours_time.as_secs_f64() * 1000.0
    );
    println!(
        "  SQL baseline (SQLite aggregate on the same data): {:>8.1} ms",
        sql_time.as_secs_f64() * 1000.0
    );
    println!("  speed-up over SQL: {ratio:.1}x   (target: at least 10x)");
    println!(
        "  in-memory contact: {} bytes per record plus its strings",
        std::mem::size_of::<Contact>()
    );
}
