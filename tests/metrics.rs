//! The metrics on a small fixture whose every number is worked out by hand below.
//!
//! funnel-contacts.csv, fiscal = calendar, Q1 2025 = January to March:
//!
//! | id | created | lead | MQL | SQL | opp | customer | note |
//! |---|---|---|---|---|---|---|---|
//! | c1 | 01-10 | 01-10 | 01-15 | 01-20 | 02-01 | 03-01 | every stage, in order |
//! | c2 | 02-01 | 02-01 | 02-05 | | | | stops at MQL |
//! | c3 | 02-10 | 02-10 | | 02-20 | | | skipped MQL |
//! | c4 | 03-05 | 03-05 | 03-06 | 04-10 | 04-20 | | SQL and opp in Q2 |
//! | c5 | 2024-12-20 | 12-20 | 01-05 | 01-10 | | | created in Q4 2024 |
//! | c6 | 03-20 | 03-20 | 03-25 | 03-22 | | | SQL dated before MQL |
//! | c7 | 04-02 | 04-02 | 04-03 | | | | created in Q2 |

use revops_cockpit::definitions::Definitions;
use revops_cockpit::definitions::defaults;
use revops_cockpit::definitions::fiscal::Quarter;
use revops_cockpit::metrics::contact_table::ContactTable;
use revops_cockpit::metrics::deal_table::DealTable;
use revops_cockpit::metrics::deals::deal_metrics;
use revops_cockpit::metrics::{Dimension, Filter, FunnelMode, lifecycle_funnel};

use crate::common::{imported, workspace};

const Q1: Quarter = Quarter {
    year: 2025,
    quarter: 1,
};
const Q2: Quarter = Quarter {
    year: 2025,
    quarter: 2,
};

fn contacts() -> Vec<revops_cockpit::model::Contact> {
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "funnel-contacts.csv");
    ws.contacts().expect("contacts")
}

/// The fixture's contacts in memory as the app holds them, streamed from a real workspace.
fn table(defs: &Definitions) -> ContactTable {
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "funnel-contacts.csv");
    ContactTable::load(&ws, defs).expect("table")
}

fn counts(mode: FunnelMode, filter: &Filter) -> Vec<usize> {
    lifecycle_funnel(&defaults(), &table(&defaults()), filter, Q1, mode)
        .stages
        .iter()
        .map(|s| s.count)
        .collect()
}

#[test]
fn cohort_counts_the_q1_cohort_and_lets_skippers_pass() {
    // Cohort = created in Q1: c1 c2 c3 c4 c6. A record counts at a stage it reached or
    // passed: MQL counts c3 (skipped it, reached SQL); SQL counts c4 (reached it in Q2).
    let f = lifecycle_funnel(
        &defaults(),
        &table(&defaults()),
        &Filter::all(),
        Q1,
        FunnelMode::Cohort,
    );
    let c: Vec<usize> = f.stages.iter().map(|s| s.count).collect();
    assert_eq!(c, [5, 5, 4, 2, 1]);
    assert_eq!(f.stages[1].skipped, 1, "c3 skipped MQL");
    let conv: Vec<Option<f64>> = f.stages.iter().map(|s| s.conversion_to_next).collect();
    assert_eq!(conv, [Some(1.0), Some(0.8), Some(0.5), Some(0.5), None]);
    assert_eq!(f.stages[4].cumulative, Some(0.2));
    // Lead to MQL days: c1 5, c2 4, c4 1, c6 5 (c3 has no MQL date) → median of 1 4 5 5 = 4.5.
    assert_eq!(f.stages[0].median_days_to_next, Some(4.5));
    // MQL to SQL days: c1 5, c4 35 (March 6 to April 10); c6 went backwards, left out.
    assert_eq!(f.stages[1].days_to_next, [5.0, 35.0]);
    assert_eq!(f.stages[1].median_days_to_next, Some(20.0));
}

#[test]
fn period_mode_counts_who_entered_each_stage_in_q1_whenever_created() {
    // Lead in Q1: c1 c2 c3 c4 c6. MQL in Q1: c1 c2 c4 c5 c6 (c5 was created in December).
    // SQL in Q1: c1 c3 c5 c6 (c4's is in April). Opp and customer in Q1: c1 only.
    assert_eq!(counts(FunnelMode::Period, &Filter::all()), [5, 5, 4, 1, 1]);
}

#[test]
fn strict_and_any_stage_modes_match_hubspots_two_funnel_types() {
    // Strict: c3 skipped MQL so is out from MQL on; c6's SQL is dated before its MQL so it is
    // out from SQL on. MQL: c1 c2 c4 c6; SQL: c1 c4; opp: c1 c4; customer: c1.
    assert_eq!(counts(FunnelMode::Strict, &Filter::all()), [5, 4, 2, 2, 1]);
    // Any stage: a record counts where it has a date. MQL: c1 c2 c4 c6; SQL: c1 c3 c4 c6.
    assert_eq!(counts(FunnelMode::Any, &Filter::all()), [5, 4, 4, 2, 1]);
}

#[test]
fn a_filter_narrows_the_cohort_and_each_count_names_its_records() {
    // Enterprise in the Q1 cohort: c3 and c4.
    let contacts = contacts();
    let filter = Filter::all().with(Dimension::Segment, "Enterprise");
    let table = ContactTable::from_contacts(&defaults(), &contacts);
    let f = lifecycle_funnel(&defaults(), &table, &filter, Q1, FunnelMode::Cohort);
    assert_eq!(
        f.stages.iter().map(|s| s.count).collect::<Vec<_>>(),
        [2, 2, 2, 1, 0]
    );
    let opp_ids: Vec<&str> = f.stages[3]
        .records
        .iter()
        .map(|i| contacts[*i].source_id.as_str())
        .collect();
    assert_eq!(opp_ids, ["c4"]);
    assert_eq!(
        f.stages[4].conversion_to_next, None,
        "a stage nobody reached is 0, not NaN"
    );
    assert_eq!(f.stages[3].conversion_to_next, Some(0.0));
}

#[test]
fn a_definitions_change_moves_the_funnel_as_predicted() {
    // MQL now also needs paid search: of the cohort only c2 is paid search, so MQL = c2
    // plus those passing MQL by reaching SQL or later (c1 c3 c4 c6) = 5 still in cohort
    // mode, but 1 in any-stage mode.
    let mut d = defaults();
    d.rules
        .iter_mut()
        .find(|r| r.term == "mql")
        .expect("mql")
        .conditions
        .push(revops_cockpit::definitions::model::Condition {
            field: revops_cockpit::model::Field::Source,
            op: revops_cockpit::definitions::model::Op::Equals,
            value: Some(revops_cockpit::definitions::model::RuleValue::One(
                "Paid Search".into(),
            )),
        });
    let any = lifecycle_funnel(&d, &table(&d), &Filter::all(), Q1, FunnelMode::Any);
    assert_eq!(
        any.stages.iter().map(|s| s.count).collect::<Vec<_>>(),
        [5, 1, 4, 2, 1]
    );
    let cohort = lifecycle_funnel(&d, &table(&d), &Filter::all(), Q1, FunnelMode::Cohort);
    assert_eq!(cohort.stages[1].count, 5);
    assert_eq!(
        cohort.stages[1].skipped, 4,
        "everyone but c2 now passes MQL without an MQL date"
    );
}

#[test]
fn deal_metrics_by_hand() {
    // Closed in Q1: won d1 (10,000; 30 days), d2 (20,000; 60 days), d5 (30,000; 65 days);
    // lost d3. Open: d4 and d7. d6 was won in Q2.
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "funnel-deals.csv");
    let deals = ws.deals().expect("deals");
    let table = DealTable::new(&defaults(), &deals);
    let m = deal_metrics(&defaults(), &table, &Filter::all(), Q1);
    assert_eq!((m.won, m.lost, m.open_deals), (3, 1, 2));
    assert_eq!(m.win_rate, Some(0.75));
    assert_eq!(m.avg_won_amount, Some(20_000.0));
    assert_eq!(m.median_won_amount, Some(20_000.0));
    assert_eq!(m.median_cycle_days, Some(60.0));
    // (2 open × 0.75 × 20,000) ÷ 60 days = 500 a day; × 91.25 = 45,625 a quarter.
    assert_eq!(m.pipeline_velocity_per_day, Some(500.0));
    assert_eq!(m.pipeline_velocity_per_quarter, Some(45_625.0));
    let won: Vec<&str> = m
        .won_records
        .iter()
        .map(|i| deals[*i].source_id.as_str())
        .collect();
    assert_eq!(won, ["d1", "d2", "d5"]);
    let closed: Vec<&str> = m
        .closed_records
        .iter()
        .map(|i| deals[*i].source_id.as_str())
        .collect();
    assert_eq!(
        closed,
        ["d1", "d2", "d3", "d5"],
        "won and lost, in the table's order"
    );
    // SMB only: won d1 d5, lost d3; open d7.
    let smb = deal_metrics(
        &defaults(),
        &table,
        &Filter::all().with(Dimension::Segment, "SMB"),
        Q1,
    );
    assert_eq!((smb.won, smb.lost, smb.open_deals), (2, 1, 1));
}

#[test]
fn the_deal_stage_funnel_of_each_pipeline_by_hand() {
    // hubspot-deals.csv, all created in Q1 2025 in "Sales Pipeline":
    // 9001 won (entered Appointment Scheduled, Contract Sent, Closed Won) → passes every open stage;
    // 9002 open in Contract Sent (Negotiation) → Discovery, Demo, Proposal, Negotiation;
    // 9003 lost, entered Appointment Scheduled only → Discovery.
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "hubspot-deals.csv");
    let deals = ws.deals().expect("deals");
    let funnels = revops_cockpit::metrics::deal_funnel::deal_stage_funnels(
        &defaults(),
        &DealTable::new(&defaults(), &deals),
        &Filter::all(),
        Q1,
    );
    assert_eq!(funnels.len(), 1);
    let f = &funnels[0];
    assert_eq!(f.pipeline, "Sales Pipeline");
    let counts: Vec<(&str, usize)> = f.stages.iter().map(|(s, n)| (s.as_str(), *n)).collect();
    assert_eq!(
        counts,
        [
            ("Discovery", 3),
            ("Demo", 2),
            ("Proposal", 2),
            ("Negotiation", 2)
        ]
    );
    assert_eq!((f.created, f.won, f.lost), (3, 1, 1));
}

#[test]
fn pipeline_coverage_against_the_quarters_target() {
    // Open deals due in Q2 2025: d4 (40,000, closes May 1) and d7 (12,000, closes June 30).
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "funnel-deals.csv");
    let deals = ws.deals().expect("deals");
    let q2 = Quarter {
        year: 2025,
        quarter: 2,
    };
    let mut d = defaults();
    let none = revops_cockpit::metrics::deals::pipeline_coverage(
        &d,
        &DealTable::new(&d, &deals),
        &Filter::all(),
        q2,
    );
    assert_eq!(
        (none.open_due, none.target, none.coverage),
        (52_000.0, None, None)
    );
    d.targets
        .push(revops_cockpit::definitions::model::RevenueTarget {
            period: "2025-Q2".into(),
            segment: None,
            amount: 26_000.0,
        });
    d.targets
        .push(revops_cockpit::definitions::model::RevenueTarget {
            period: "2025-Q2".into(),
            segment: Some("SMB".into()),
            amount: 24_000.0,
        });
    let deals = DealTable::new(&d, &deals);
    let all = revops_cockpit::metrics::deals::pipeline_coverage(&d, &deals, &Filter::all(), q2);
    assert_eq!(all.coverage, Some(2.0));
    // SMB: only d7 (12,000) against 24,000 → 0.5×.
    let smb = revops_cockpit::metrics::deals::pipeline_coverage(
        &d,
        &deals,
        &Filter::all().with(Dimension::Segment, "SMB"),
        q2,
    );
    assert_eq!((smb.open_due, smb.coverage), (12_000.0, Some(0.5)));
    assert!(revops_cockpit::definitions::validate::problems(&d).is_empty());
    d.targets
        .push(revops_cockpit::definitions::model::RevenueTarget {
            period: "Q2".into(),
            segment: None,
            amount: -1.0,
        });
    let keys: Vec<String> = revops_cockpit::definitions::validate::problems(&d)
        .into_iter()
        .map(|p| p.key)
        .collect();
    assert_eq!(keys, ["targets[2].period", "targets[2].amount"]);
}

#[test]
fn the_table_in_memory_leads_back_to_each_contacts_full_record() {
    // The app keeps only the compact table and fetches the records behind a count by key.
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "funnel-contacts.csv");
    let table = ContactTable::load(&ws, &defaults()).expect("table");
    assert_eq!(table.len(), 7);
    let f = lifecycle_funnel(&defaults(), &table, &Filter::all(), Q1, FunnelMode::Cohort);
    // Opportunity in the Q1 cohort: c1 and c4.
    let keys: Vec<i64> = f.stages[3]
        .records
        .iter()
        .filter_map(|i| table.key(*i))
        .collect();
    let ids: Vec<String> = ws
        .contacts_by_keys(&keys)
        .expect("by keys")
        .into_iter()
        .map(|c| c.expect("every key is there").source_id)
        .collect();
    assert_eq!(ids, ["c1", "c4"]);
    assert_eq!(ws.contacts_by_keys(&[-1]).expect("by keys"), [None]);
}

#[test]
fn the_funnels_of_many_quarters_in_one_pass_count_each_cohort() {
    // Cohort by quarter of creation: Q4 2024 is c5 (lead, MQL, SQL); Q1 2025 as above;
    // Q2 2025 is c7 (lead, MQL); Q3 2025 nobody.
    let quarters = [
        Quarter {
            year: 2024,
            quarter: 4,
        },
        Q1,
        Q2,
        Quarter {
            year: 2025,
            quarter: 3,
        },
    ];
    let d = defaults();
    let by = revops_cockpit::metrics::funnels_by_quarter(
        &d,
        &table(&d),
        &Filter::all(),
        &quarters,
        FunnelMode::Cohort,
    );
    let counts: Vec<Vec<usize>> = by
        .iter()
        .map(|f| f.stages.iter().map(|s| s.count).collect())
        .collect();
    assert_eq!(
        counts,
        [
            vec![1, 1, 1, 0, 0],
            vec![5, 5, 4, 2, 1],
            vec![1, 1, 0, 0, 0],
            vec![0, 0, 0, 0, 0]
        ]
    );
    assert_eq!(by[3].stages[0].conversion_to_next, None, "empty, not NaN");
    // Period mode in Q2: lead and MQL c7 (April 2 and 3), SQL and opp c4 (April 10, 20).
    let period = revops_cockpit::metrics::funnels_by_quarter(
        &d,
        &table(&d),
        &Filter::all(),
        &[Q2],
        FunnelMode::Period,
    );
    assert_eq!(
        period[0].stages.iter().map(|s| s.count).collect::<Vec<_>>(),
        [1, 1, 1, 1, 0]
    );
}

#[test]
fn the_funnel_of_each_segment_in_one_pass() {
    // Q1 cohort by segment. Enterprise: c3 c4 → lead 2, MQL 2 (c3 passed it), SQL 2,
    // opp 1 (c4). SMB: c1 c2 c6 → lead 3, MQL 3, SQL 2 (c1 c6), opp 1, customer 1 (c1).
    let d = defaults();
    let rows = revops_cockpit::metrics::funnels_by_value(
        &d,
        &table(&d),
        &Filter::all(),
        Q1,
        FunnelMode::Cohort,
        Dimension::Segment,
    );
    let counts: Vec<(&str, Vec<usize>)> = rows
        .iter()
        .map(|(v, f)| {
            (
                v.as_deref().unwrap_or("no segment"),
                f.stages.iter().map(|s| s.count).collect(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("Enterprise", vec![2, 2, 2, 1, 0]),
            ("SMB", vec![3, 3, 2, 1, 1])
        ]
    );
}

#[test]
fn a_funnel_of_more_stages_than_anyone_can_read_is_refused_in_plain_words() {
    // Stage keys "extra0".."extra16" on top of the five defaults: 22 stages.
    let mut d = defaults();
    let template = d.lifecycle_stages[0].clone();
    for i in 0..17 {
        let mut s = template.clone();
        s.key = format!("extra{i}");
        s.name = format!("Extra {i}");
        d.lifecycle_stages.push(s);
    }
    let found: Vec<(String, String)> = revops_cockpit::definitions::validate::problems(&d)
        .into_iter()
        .map(|p| (p.key, p.reason))
        .filter(|(k, _)| k == "lifecycle_stages")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("more than 20 stages"), "{}", found[0].1);
    // Even so, the funnel still counts the stages it can without failing.
    let f = lifecycle_funnel(&d, &table(&d), &Filter::all(), Q1, FunnelMode::Cohort);
    assert_eq!(f.stages.len(), 22);
    assert_eq!(f.stages[0].count, 5);
}

#[test]
fn the_stage_table_has_a_header_for_every_column_and_no_zeros_for_a_quarter_without_records() {
    use revops_cockpit::metrics::stage_table::StageTable;
    let defs = defaults();
    let t = table(&defs);
    let funnel = |q| lifecycle_funnel(&defs, &t, &Filter::all(), q, FunnelMode::Cohort);
    // Q1 beside Q4 2024 (c5 alone: lead, MQL and SQL) and Q1 2024 (no records at all).
    let q4 = Quarter {
        year: 2024,
        quarter: 4,
    };
    let year_ago = Quarter {
        year: 2024,
        quarter: 1,
    };
    let table = StageTable::new(
        &funnel(Q1),
        (&funnel(q4), "2024-Q4"),
        (&funnel(year_ago), "2024-Q1"),
    );
    assert_eq!(
        table.headers,
        [
            "Stage",
            "Records",
            "Skipped",
            "To next",
            "Cumulative",
            "Median days",
            "p75",
            "p90",
            "2024-Q4",
            "Δ records",
            "Δ conversion",
            "2024-Q1"
        ]
    );
    for row in &table.rows {
        assert_eq!(row.cells().len(), table.headers.len(), "{}", row.name);
    }
    let column =
        |i: usize| -> Vec<String> { table.rows.iter().map(|r| r.cells()[i].clone()).collect() };
    assert_eq!(column(1), ["5", "5", "4", "2", "1"]);
    assert_eq!(column(8), ["1", "1", "1", "0", "0"], "Q4 2024: c5");
    assert_eq!(column(9), ["+4", "+4", "+3", "+2", "+1"]);
    // MQL to SQL: 4 of 5 now, 1 of 1 in Q4 2024; Opportunity to Customer: none then.
    assert_eq!(column(10), ["+0.0 pts", "-20.0 pts", "+50.0 pts", "—", "—"]);
    assert_eq!(column(11), ["—", "—", "—", "—", "—"], "no records, not 0");
    assert_eq!(
        table.last_year_note.as_deref(),
        Some("no records created in 2024-Q1")
    );
    assert_eq!(table.previous_note, None);
}

/// The won-unpriced fixtures imported as of 2025-09-30 (the table below).
fn won_unpriced_workspace() -> (tempfile::TempDir, revops_cockpit::workspace::Workspace) {
    let (dir, mut ws) = workspace();
    for f in [
        "hubspot-deals",
        "salesforce-opportunities",
        "pipedrive-deals",
    ] {
        revops_cockpit::import::import_file(
            &mut ws,
            &crate::common::fixture(&format!("won-unpriced/{f}.csv")),
            &crate::common::as_of(2025, 9, 30),
            &Default::default(),
        )
        .expect("import");
    }
    (dir, ws)
}

/// A workspace of the won-unpriced fixtures (HubSpot, Salesforce with an Amount Currency
/// column and a `USD 12,500.00` amount, Pipedrive), as of 2025-09-30, with `zero_is_a_price`.
///
/// | deal | CRM | won in Q3 | amount |
/// |---|---|---|---|
/// | h1 | HubSpot | yes | 10,000 |
/// | h2 | HubSpot | yes | 0 |
/// | h3 | HubSpot | yes | blank |
/// | h4 | HubSpot | lost | 5,000 |
/// | 006A1 | Salesforce | yes | 20,000.00 USD |
/// | 006A2 | Salesforce | yes | 0.00 USD |
/// | 006A3 | Salesforce | yes | USD 12,500.00 |
/// | 006A4 | Salesforce | yes | blank |
/// | p1 | Pipedrive | yes | 8.000,00 USD |
/// | p2 | Pipedrive | yes | 0 (Pipedrive's "no value") |
fn won_unpriced(zero_is_a_price: bool) -> revops_cockpit::metrics::report::FunnelReport {
    use revops_cockpit::metrics::from_store::FunnelTables;
    let (_dir, ws) = won_unpriced_workspace();
    let (_, mut defs) = revops_cockpit::definitions::versions::current(&ws).expect("v1");
    if zero_is_a_price {
        defs.currency.zero_is_a_price = true;
        revops_cockpit::definitions::versions::save(&ws, &defs, "Dana", "Pilots are free")
            .expect("v2");
    }
    FunnelTables::load(&ws).expect("tables").report(
        &revops_cockpit::metrics::report::FunnelQuestion {
            period: Quarter {
                year: 2025,
                quarter: 3,
            },
            mode: FunnelMode::Cohort,
            filter: Filter::all(),
            breakdown_by: Dimension::Owner,
        },
    )
}

#[test]
fn a_won_deal_at_zero_or_blank_is_left_out_of_the_won_size_and_counted() {
    let d = won_unpriced(false).deals;
    assert_eq!((d.won, d.lost), (9, 1));
    assert_eq!(
        d.win_rate,
        Some(0.9),
        "every won deal counts towards the win rate"
    );
    // Priced: 10,000 + 20,000 + 12,500 + 8,000 = 50,500 over 4.
    assert_eq!(d.avg_won_amount, Some(12_625.0));
    assert_eq!(d.median_won_amount, Some(11_250.0));
    assert_eq!(d.won_without_amount, 5, "h2 h3 006A2 006A4 p2");
    assert_eq!(
        d.won_records.len(),
        9,
        "the list behind the card has them all"
    );
    assert_eq!(d.won_without_amount_records.len(), 5);
}

#[test]
fn a_team_that_books_free_pilots_at_zero_can_count_them() {
    let d = won_unpriced(true).deals;
    // Priced now: the three zeros too; 50,500 over 7, the median of
    // 0 0 0 8,000 10,000 12,500 20,000.
    assert_eq!(d.avg_won_amount, Some(50_500.0 / 7.0));
    assert_eq!(d.median_won_amount, Some(8_000.0));
    assert_eq!(
        d.won_without_amount, 2,
        "h3 and 006A4 have no amount at all"
    );
}

#[test]
fn the_data_gap_leak_lists_the_won_deals_nobody_priced() {
    use revops_cockpit::leaks::{LeakKind, as_of_time, leaks_from_store};
    let (_dir, ws) = won_unpriced_workspace();
    let (_, defs) = revops_cockpit::definitions::versions::current(&ws).expect("v1");
    let q3 = Quarter {
        year: 2025,
        quarter: 3,
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 9, 30).expect("date");
    let found = leaks_from_store(&ws, &defs, q3, as_of_time(as_of)).expect("leaks");
    let gap = found
        .report
        .leak(LeakKind::DataGap)
        .expect("the data-gap leak");
    let records = found.records();
    let mut why: Vec<(String, String)> = gap
        .records
        .iter()
        .map(|f| {
            (
                records.source_id(f.record).to_owned(),
                f.reason(&defs, records, found.report.as_of.latest()),
            )
        })
        .collect();
    why.sort();
    let unpriced = "won without an amount (blank or 0): left out of the average won deal";
    // The blank ones lack an amount the definitions require from Proposal on; the zeros
    // have one, which nobody set.
    assert_eq!(
        why,
        [
            ("006A2".to_owned(), unpriced.to_owned()),
            ("006A4".to_owned(), "no Amount (in Closed Won)".to_owned()),
            ("h2".to_owned(), unpriced.to_owned()),
            ("h3".to_owned(), "no Amount (in Closed Won)".to_owned()),
            ("p2".to_owned(), unpriced.to_owned()),
        ]
    );
}

#[test]
fn the_owner_breakdown_names_lead_and_deal_owners_and_adds_up_to_the_totals() {
    use revops_cockpit::metrics::breakdown::{BreakdownRow, breakdown};
    let defs = defaults();
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "funnel-contacts.csv");
    imported(&mut ws, "funnel-deals.csv");
    let contacts = ContactTable::load(&ws, &defs).expect("contacts");
    let deals = DealTable::load(&ws, &defs).expect("deals");
    let rows = breakdown(
        &defs,
        &contacts,
        &deals,
        &Filter::all(),
        Q1,
        FunnelMode::Cohort,
        Dimension::Owner,
    );
    // Contacts are Jordan's and Priya's (leads); deals are Sofia's and Daniel's.
    // Q1 cohort: Jordan c1 c2 (lead 2, MQL 2, SQL 1, opp 1, customer 1); Priya c3 c4 c6
    // (lead 3, MQL 3: c3 passed it, SQL 3: c4 reached it in Q2, opp 1). Closed in Q1:
    // Sofia d1 d2 d5 won, Daniel d3 lost.
    type Shown<'a> = (String, Option<&'a str>, Vec<String>, usize, usize);
    let shown: Vec<Shown<'_>> = rows
        .iter()
        .map(|r| {
            (
                r.value.clone(),
                r.owner_role(Dimension::Owner),
                r.stage_cells(5),
                r.deals.won,
                r.deals.lost,
            )
        })
        .collect();
    let cells = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        shown,
        [
            (
                "Daniel".to_owned(),
                Some("deal owner"),
                cells(&["—", "—", "—", "—", "—"]),
                0,
                1
            ),
            (
                "Jordan".to_owned(),
                Some("lead owner"),
                cells(&["2", "2 · 100.0%", "1 · 50.0%", "1 · 100.0%", "1 · 100.0%"]),
                0,
                0
            ),
            (
                "Priya".to_owned(),
                Some("lead owner"),
                cells(&["3", "3 · 100.0%", "3 · 100.0%", "1 · 33.3%", "0 · 0.0%"]),
                0,
                0
            ),
            (
                "Sofia".to_owned(),
                Some("deal owner"),
                cells(&["—", "—", "—", "—", "—"]),
                3,
                0
            ),
        ]
    );
    // The rows add up to the totals the view shows above them.
    let total = lifecycle_funnel(&defs, &contacts, &Filter::all(), Q1, FunnelMode::Cohort);
    let dm = deal_metrics(&defs, &deals, &Filter::all(), Q1);
    for (i, stage) in total.stages.iter().enumerate() {
        let sum: usize = rows
            .iter()
            .filter_map(|r| r.funnel.as_ref())
            .map(|f| f.stages[i].count)
            .sum();
        assert_eq!(sum, stage.count, "{}", stage.name);
    }
    let won: usize = rows.iter().map(|r| r.deals.won).sum();
    let lost: usize = rows.iter().map(|r| r.deals.lost).sum();
    assert_eq!((won, lost), (dm.won, dm.lost));
    let t = BreakdownRow::total(Some(&total), &dm);
    assert_eq!(t.stage_cells(5)[0], "5");
    assert_eq!(t.deals.win_rate, Some(0.75));
}

#[test]
fn deals_with_no_pipeline_get_their_own_row() {
    use revops_cockpit::metrics::breakdown::breakdown;
    // HubSpot deals name a pipeline; a Salesforce opportunity report has none.
    let defs = defaults();
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "funnel-deals.csv");
    imported(&mut ws, "salesforce-opportunities.csv");
    let contacts = ContactTable::load(&ws, &defs).expect("contacts");
    let deals = DealTable::load(&ws, &defs).expect("deals");
    let rows = breakdown(
        &defs,
        &contacts,
        &deals,
        &Filter::all(),
        Q1,
        FunnelMode::Cohort,
        Dimension::Pipeline,
    );
    let values: Vec<(&str, bool)> = rows.iter().map(|r| (r.value.as_str(), r.missing)).collect();
    assert_eq!(values, [("Sales", false), ("(no pipeline)", true)]);
    let all = deal_metrics(&defs, &deals, &Filter::all(), Q1);
    let won: usize = rows.iter().map(|r| r.deals.won).sum();
    let lost: usize = rows.iter().map(|r| r.deals.lost).sum();
    assert_eq!((won, lost), (all.won, all.lost), "no deal left out");
    assert!(
        rows[1].deals.won + rows[1].deals.lost > 0,
        "the Salesforce deals closed in Q1"
    );
}
