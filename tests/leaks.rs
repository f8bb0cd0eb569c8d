//! The handoff leaks on a fixture whose every leak is worked out by hand below.
//!
//! tests/fixtures/leaks/{contacts,deals,accounts}.csv, imported as of 2025-09-30 (leaks are
//! judged at the end of that day, 2025-10-01 00:00 UTC); period 2025-Q3 (July to September).
//! Definitions: the defaults (MQL→SQL 5 business days, first touch 24 hours, SQL→opportunity
//! 14 days, kickoff 48 hours, renewal outreach 90 days before the end, idle 30 days), with
//! 2025-07-04 a holiday, business days counted in America/New_York, and a `rejected` rule
//! (lifecycle stage "other").
//!
//! Contacts:
//! - k1: MQL Tue Jul 1 10:00Z, SQL Jul 8 12:00Z. Five business days skip the Jul 4 holiday,
//!   so the SLA ends Wed Jul 9 10:00Z: in time (without the holiday, or with 4 days, late).
//! - k2: MQL Thu Jul 3 21:30 New York (Fri Jul 4 01:30Z). In New York that is a Thursday, so
//!   the SLA ends Fri Jul 11 21:30 NY = Jul 12 01:30Z; SQL Jul 12 12:00Z is late (accepted
//!   late). Counted in UTC the start would be the Jul 4 holiday and k2 in time.
//! - k3: MQL Jul 14, never accepted, never touched: not accepted (priced) and untouched.
//! - k4: MQL Jul 15, lifecycle stage "other": rejected by sales, not a leak.
//! - k5: MQL Aug 5 09:00, first touch Aug 7 09:00 (48 h): slow touch. Customer Sep 15.
//! - k6: MQL Aug 11, no touch time, SQL 48 h later: slow, measured by the SQL date; no
//!   opportunity 14 days after the SQL: SQL with no opportunity (priced).
//! - k7: SQL Sep 1 (sales-sourced), opportunity Sep 20: 5 days past the 14-day SLA (late).
//! - k8: SQL Sep 25: its SLA runs out Oct 9, after the as-of date: not counted.
//! - k9: MQL Mon Sep 29 09:00: first-touch SLA ran out Sep 30 09:00, untouched: slow; its
//!   MQL→SQL SLA runs out in October: not counted there.
//! - k10: MQL Jul 20 but SQL Jul 18: stage dates out of order (data gap).
//! - k11: a lead with no owner (data gap).
//! - k12: MQL in May, never accepted: Q2's leak, in the trend only.
//!
//! Deals: d1 open in Proposal since Aug 1 (61 days, stalled, 50,000); d2 open, close date
//! Sep 15 passed (stalled, 20,000); d3 and d6 open and recent; d6 in Proposal with no amount
//! (data gap); d4 and d5 won in Q3 (30,000 and 60,000: average won 45,000); d7 lost with no
//! amount (no gap: a lost deal's amount moves nothing).
//!
//! Accounts: a2 won Sep 10, no kickoff (60,000 ARR at stake); a3 won Jul 7, kickoff Jul 14
//! (late); a1 on time; a4 won Sep 30, its SLA runs out after the as-of date. Renewals: a5
//! approached in time; a6 approached 18 days before its Oct 8 end (late, 24,000 at stake);
//! a7 ends Dec 15, no outreach though due Sep 16 (36,000); a8 approached late and churned
//! Aug 15 (listed, nothing at stake: already lost); a9 ends next March (not due).

use chrono::NaiveDate;
use revops_cockpit::definitions::defaults;
use revops_cockpit::definitions::fiscal::Quarter;
use revops_cockpit::definitions::model::{
    Condition, Definitions, Match, Op, Rule, RuleValue, SlaUnit,
};
use revops_cockpit::import::{ImportOptions, ImportOutcome, import_file};
use revops_cockpit::leaks::{
    Flagged, LeakDimension, LeakKind, LeakReport, Records, as_of_time, detect_leaks,
    leak_breakdown, leak_breakdowns,
};
use revops_cockpit::model::{Field, RecordObject};
use revops_cockpit::progress::WorkControl;
use revops_cockpit::workspace::Workspace;

use crate::common::{fixture, workspace};

const Q3: Quarter = Quarter {
    year: 2025,
    quarter: 3,
};

/// The workspace with the three fixture files imported as of 2025-09-30.
pub fn leak_workspace() -> (tempfile::TempDir, Workspace) {
    let (dir, mut ws) = workspace();
    for name in ["contacts.csv", "deals.csv", "accounts.csv"] {
        let options = ImportOptions {
            as_of: NaiveDate::from_ymd_opt(2025, 9, 30),
            ..ImportOptions::default()
        };
        match import_file(
            &mut ws,
            &fixture(&format!("leaks/{name}")),
            &options,
            &WorkControl::default(),
        ) {
            Ok(ImportOutcome::Imported(b)) => assert_eq!(b.rows_rejected, 0, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    (dir, ws)
}

/// The fixture workspace with the fixture's definitions saved as version 2, closed, as a
/// file for the binary or the app to open.
pub fn leak_workspace_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, ws) = leak_workspace();
    revops_cockpit::definitions::versions::save(
        &ws,
        &leak_definitions(),
        "Test",
        "fixture calendar",
    )
    .expect("save definitions");
    let db = ws.path().to_path_buf();
    drop(ws);
    (dir, db)
}

/// The fixture's definitions: defaults with a holiday, a time zone and a rejected rule.
pub fn leak_definitions() -> Definitions {
    let mut d = defaults();
    d.calendar.holidays = vec![NaiveDate::from_ymd_opt(2025, 7, 4).expect("date")];
    d.calendar.time_zone = Some("America/New_York".to_owned());
    d.rules.push(Rule {
        term: "rejected".to_owned(),
        matches: Match::Any,
        date: Field::SqlDate,
        conditions: vec![Condition {
            field: Field::LifecycleStage,
            op: Op::In,
            value: Some(RuleValue::List(vec!["other".to_owned()])),
        }],
    });
    assert!(
        revops_cockpit::definitions::validate::problems(&d).is_empty(),
        "{:?}",
        revops_cockpit::definitions::validate::problems(&d)
    );
    d
}

/// A report with the records it indexes into, so each record's id can be read.
struct Run {
    report: LeakReport,
    contacts: Vec<revops_cockpit::model::Contact>,
    deals: Vec<revops_cockpit::model::Deal>,
    accounts: Vec<revops_cockpit::model::Account>,
}

impl std::ops::Deref for Run {
    type Target = LeakReport;
    fn deref(&self) -> &LeakReport {
        &self.report
    }
}

impl Run {
    fn records(&self) -> Records<'_> {
        Records::all(&self.contacts, &self.deals, &self.accounts)
    }

    fn id(&self, f: &Flagged) -> &str {
        self.records().source_id(f.record)
    }

    fn find(&self, kind: LeakKind, id: &str) -> Flagged {
        self.leak(kind)
            .and_then(|l| l.records.iter().find(|x| self.id(x) == id))
            .cloned()
            .unwrap_or_else(|| panic!("{id} in {kind:?}"))
    }
}

fn report_with(defs: &Definitions) -> Run {
    let (_dir, ws) = leak_workspace();
    let (contacts, deals, accounts) = (
        ws.contacts().expect("contacts"),
        ws.deals().expect("deals"),
        ws.accounts().expect("accounts"),
    );
    let report = detect_leaks(
        defs,
        Records::all(&contacts, &deals, &accounts),
        Q3,
        as_of_time(NaiveDate::from_ymd_opt(2025, 9, 30).expect("date")),
    );
    Run {
        report,
        contacts,
        deals,
        accounts,
    }
}

fn ids(run: &Run, kind: LeakKind) -> Vec<String> {
    let mut ids: Vec<String> = run
        .leak(kind)
        .expect("leak")
        .records
        .iter()
        .map(|r| run.id(r).to_owned())
        .collect();
    ids.sort();
    ids
}

fn counts(report: &LeakReport, kind: LeakKind) -> (usize, usize) {
    let l = report.leak(kind).expect("leak");
    (l.count, l.volume)
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 0.01)
}

#[test]
fn every_leak_of_the_fixture_is_found_with_the_records_behind_it() {
    let r = report_with(&leak_definitions());
    assert_eq!(counts(&r, LeakKind::NeverAccepted), (2, 7));
    assert_eq!(ids(&r, LeakKind::NeverAccepted), ["k2", "k3"]);
    assert_eq!(counts(&r, LeakKind::SlowFirstTouch), (4, 8));
    assert_eq!(ids(&r, LeakKind::SlowFirstTouch), ["k3", "k5", "k6", "k9"]);
    assert_eq!(counts(&r, LeakKind::SqlNoOpportunity), (2, 6));
    assert_eq!(ids(&r, LeakKind::SqlNoOpportunity), ["k6", "k7"]);
    assert_eq!(counts(&r, LeakKind::StalledDeal), (2, 4));
    assert_eq!(ids(&r, LeakKind::StalledDeal), ["d1", "d2"]);
    assert_eq!(counts(&r, LeakKind::NoKickoff), (2, 3));
    assert_eq!(ids(&r, LeakKind::NoKickoff), ["a2", "a3"]);
    assert_eq!(counts(&r, LeakKind::LateRenewal), (3, 4));
    assert_eq!(ids(&r, LeakKind::LateRenewal), ["a6", "a7", "a8"]);
    assert_eq!(counts(&r, LeakKind::DataGap), (3, 21));
    assert_eq!(ids(&r, LeakKind::DataGap), ["d6", "k10", "k11"]);
    assert_eq!(r.churned.len(), 1);
    assert_eq!(r.churned[0].source_id, "a8");
    assert_eq!(
        r.churned[0].kickoff_late_days, None,
        "a8 never had a kickoff"
    );
}

#[test]
fn each_record_says_why_it_counts_and_how_late_it_is() {
    let defs = leak_definitions();
    let r = report_with(&defs);
    let as_of = r.as_of.latest();
    let find = |kind, id: &str| r.find(kind, id);
    let k2 = find(LeakKind::NeverAccepted, "k2");
    // Due Jul 12 01:30Z, accepted Jul 12 12:00Z: 10.5 hours late.
    assert!(
        (k2.late_days(as_of) - 10.5 / 24.0).abs() < 1e-9,
        "{}",
        k2.late_days(as_of)
    );
    assert_eq!(k2.at_stake, None, "accepted late: nothing lost");
    assert!(
        k2.reason(&defs, r.records(), as_of).contains("accepted"),
        "{}",
        k2.reason(&defs, r.records(), as_of)
    );
    let k6 = find(LeakKind::SlowFirstTouch, "k6");
    assert!(
        k6.reason(&defs, r.records(), as_of).contains("SQL date"),
        "{}",
        k6.reason(&defs, r.records(), as_of)
    );
    let k5 = find(LeakKind::SlowFirstTouch, "k5");
    assert!(
        k5.reason(&defs, r.records(), as_of).contains("first touch"),
        "{}",
        k5.reason(&defs, r.records(), as_of)
    );
    let d1 = find(LeakKind::StalledDeal, "d1");
    assert!(
        d1.reason(&defs, r.records(), as_of)
            .contains("61 days in Proposal"),
        "{}",
        d1.reason(&defs, r.records(), as_of)
    );
    let d2 = find(LeakKind::StalledDeal, "d2");
    assert!(
        d2.reason(&defs, r.records(), as_of)
            .contains("close date 2025-09-15"),
        "{}",
        d2.reason(&defs, r.records(), as_of)
    );
    let a6 = find(LeakKind::LateRenewal, "a6");
    assert!(
        a6.reason(&defs, r.records(), as_of)
            .contains("18 days before"),
        "{}",
        a6.reason(&defs, r.records(), as_of)
    );
    assert!(
        (a6.late_days(as_of) - 72.0).abs() < 1e-9,
        "{}",
        a6.late_days(as_of)
    );
    let k10 = find(LeakKind::DataGap, "k10");
    assert!(
        k10.reason(&defs, r.records(), as_of)
            .contains("out of order"),
        "{}",
        k10.reason(&defs, r.records(), as_of)
    );
    let k11 = find(LeakKind::DataGap, "k11");
    assert!(
        k11.reason(&defs, r.records(), as_of).contains("no Owner"),
        "{}",
        k11.reason(&defs, r.records(), as_of)
    );
    assert_eq!(k11.record.object(), RecordObject::Contact);
}

#[test]
fn revenue_at_stake_is_amounts_for_open_items_and_expected_value_for_leads() {
    let r = report_with(&leak_definitions());
    let d = &r.downstream;
    assert_eq!((d.sqls, d.opportunities, d.customers), (7, 5, 1));
    assert!(close(d.avg_won, 45_000.0));
    // k3: 1 × 1/7 SQL→Customer × 45,000.
    let na = r.leak(LeakKind::NeverAccepted).expect("leak");
    assert!(close(na.revenue_at_stake, 45_000.0 / 7.0));
    assert!(
        na.stake_formula
            .contains("1 leaked × 14.3% SQL to Customer"),
        "{}",
        na.stake_formula
    );
    // k6: 1 × 1/5 Opportunity→Customer × 45,000.
    let sq = r.leak(LeakKind::SqlNoOpportunity).expect("leak");
    assert!(close(sq.revenue_at_stake, 9_000.0));
    assert!(close(
        r.leak(LeakKind::StalledDeal).expect("l").revenue_at_stake,
        70_000.0
    ));
    assert!(close(
        r.leak(LeakKind::NoKickoff).expect("l").revenue_at_stake,
        60_000.0
    ));
    assert!(close(
        r.leak(LeakKind::LateRenewal).expect("l").revenue_at_stake,
        60_000.0
    ));
    assert_eq!(
        r.leak(LeakKind::SlowFirstTouch)
            .expect("l")
            .revenue_at_stake,
        None
    );
    let ranked: Vec<LeakKind> = r.ranked().iter().map(|l| l.kind).collect();
    assert_eq!(ranked[0], LeakKind::StalledDeal);
}

#[test]
fn response_times_say_how_each_was_measured() {
    let r = report_with(&leak_definitions());
    let t = &r.response;
    assert_eq!((t.by_touch, t.by_sql_date, t.untouched), (5, 1, 2));
    assert_eq!(t.within_sla, 4);
    let bands: Vec<usize> = t.bands.iter().map(|b| b.1).collect();
    // k1 2 h, k4 2 h, k10 1 h | k2 8.5 h | k5 48 h, k6 48 h.
    assert_eq!(bands, [0, 3, 1, 2, 0, 0]);
    assert_eq!(t.median_hours, Some(5.25));
}

#[test]
fn business_days_follow_the_holiday_and_the_time_zone() {
    // Without the holiday k1's five business days end Tue Jul 8 10:00Z: its SQL at 12:00 is late.
    let mut no_holiday = leak_definitions();
    no_holiday.calendar.holidays.clear();
    let r = report_with(&no_holiday);
    assert_eq!(ids(&r, LeakKind::NeverAccepted), ["k1", "k2", "k3"]);
    // Counted in UTC, k2's MQL falls on the Jul 4 holiday: the clock starts Monday and its
    // SQL on Saturday Jul 12 is in time.
    let mut utc = leak_definitions();
    utc.calendar.time_zone = None;
    let r = report_with(&utc);
    assert_eq!(ids(&r, LeakKind::NeverAccepted), ["k3"]);
}

#[test]
fn changing_an_sla_changes_the_count_exactly() {
    let base = report_with(&leak_definitions());
    // Four business days instead of five: k1 (SQL 2 hours after Jul 8 10:00Z) becomes late.
    let mut tighter = leak_definitions();
    tighter.slas.mql_to_sql.amount = 4.0;
    let r = report_with(&tighter);
    assert_eq!(
        counts(&r, LeakKind::NeverAccepted).0,
        counts(&base, LeakKind::NeverAccepted).0 + 1
    );
    assert_eq!(ids(&r, LeakKind::NeverAccepted), ["k1", "k2", "k3"]);
    // 90 idle days instead of 30: d1 (61 days) is no longer idle; d2 is still past its close.
    let mut looser = leak_definitions();
    looser.slas.idle_in_stage.amount = 90.0;
    let r = report_with(&looser);
    assert_eq!(ids(&r, LeakKind::StalledDeal), ["d2"]);
    // A stage's own limit wins: Negotiation at 5 days flags d2 for idling too.
    let mut per_stage = leak_definitions();
    if let Some(s) = per_stage
        .deal_stages
        .iter_mut()
        .find(|s| s.name == "Negotiation")
    {
        s.idle_limit = Some(revops_cockpit::definitions::model::Sla {
            amount: 5.0,
            unit: SlaUnit::Days,
        });
    }
    let r = report_with(&per_stage);
    let (defs, as_of) = (per_stage.clone(), r.as_of.latest());
    let d2 = r.find(LeakKind::StalledDeal, "d2");
    assert!(
        d2.reason(&defs, r.records(), as_of)
            .contains("in Negotiation"),
        "{}",
        d2.reason(&defs, r.records(), as_of)
    );
    assert!(
        d2.reason(&defs, r.records(), as_of).contains("close date"),
        "{}",
        d2.reason(&defs, r.records(), as_of)
    );
}

#[test]
fn the_trend_covers_four_quarters_and_the_handoffs_add_up() {
    let r = report_with(&leak_definitions());
    let trend = &r.leak(LeakKind::NeverAccepted).expect("l").trend;
    let labels: Vec<&str> = trend.iter().map(|t| t.period.as_str()).collect();
    assert_eq!(labels, ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"]);
    assert_eq!((trend[2].count, trend[2].volume), (1, 1), "k12 in Q2");
    assert_eq!((trend[3].count, trend[3].volume), (2, 7));
    assert!(r.leak(LeakKind::StalledDeal).expect("l").trend.is_empty());
    // Marketing to Sales, each record once: never accepted k2 k3 (of 7), slow first touch
    // k3 k5 k6 k9 (of 8); together k2 k3 k5 k6 k9 of the MQLs k1-k6, k9, k10; k3 in both.
    let m2s = &r.handoffs[0];
    assert_eq!((m2s.count, m2s.volume), (5, 8));
    assert!(close(m2s.compliance, 3.0 / 8.0));
    assert_eq!(
        m2s.shared_with(LeakKind::NeverAccepted),
        [(LeakKind::SlowFirstTouch, 1)]
    );
    assert_eq!(
        m2s.shared_with(LeakKind::SlowFirstTouch),
        [(LeakKind::NeverAccepted, 1)]
    );
    // Slow touches are not priced: the handoff's stake is the never-accepted leads', once.
    let never = r.leak(LeakKind::NeverAccepted).expect("l");
    assert!(close(never.revenue_at_stake, m2s.revenue_at_stake));
}

#[test]
fn breakdowns_show_whose_habit_a_leak_is() {
    let mut defs = leak_definitions();
    defs.teams = vec![revops_cockpit::definitions::model::TeamDef {
        name: "EMEA Sales".to_owned(),
        members: vec!["Lena Vogel".to_owned()],
    }];
    let (_dir, ws) = leak_workspace();
    let (contacts, deals, accounts) = (
        ws.contacts().expect("c"),
        ws.deals().expect("d"),
        ws.accounts().expect("a"),
    );
    let records = Records::all(&contacts, &deals, &accounts);
    let as_of = as_of_time(NaiveDate::from_ymd_opt(2025, 9, 30).expect("date"));
    let r = detect_leaks(&defs, records, Q3, as_of);
    let touch = r.leak(LeakKind::SlowFirstTouch).expect("l");
    let rows = leak_breakdown(&defs, records, touch, LeakDimension::Owner);
    let row = |v: &str| rows.iter().find(|x| x.value == v).cloned().expect("row");
    // Marcus Reed: k3 k4 k5 checked, k3 k5 late. Lena Vogel: k1 k2 k6 k9 k10, k6 k9 late.
    assert_eq!(
        (row("Marcus Reed").count, row("Marcus Reed").volume),
        (2, 3)
    );
    assert_eq!((row("Lena Vogel").count, row("Lena Vogel").volume), (2, 5));
    let teams = leak_breakdown(&defs, records, touch, LeakDimension::Team);
    let names: Vec<(&str, usize)> = teams.iter().map(|t| (t.value.as_str(), t.count)).collect();
    assert_eq!(names, [("EMEA Sales", 2), ("No team", 2)]);
    // A team's volume and stake are its members' (Lena Vogel's 5 checked); "No team"
    // gathers every other owner and the records with none.
    let team = |v: &str| teams.iter().find(|t| t.value == v).cloned().expect("team");
    assert_eq!(team("EMEA Sales").volume, row("Lena Vogel").volume);
    let others: usize = rows
        .iter()
        .filter(|r| r.value != "Lena Vogel")
        .map(|r| r.volume)
        .sum();
    assert_eq!(team("No team").volume, others);
    assert!(
        (team("EMEA Sales").revenue_at_stake - row("Lena Vogel").revenue_at_stake).abs() < 1e-9
    );
    let stalled = r.leak(LeakKind::StalledDeal).expect("l");
    let seg = leak_breakdown(&defs, records, stalled, LeakDimension::Segment);
    let ent = seg.iter().find(|x| x.value == "Enterprise").expect("row");
    assert!((ent.revenue_at_stake - 50_000.0).abs() < 0.01);
}

#[test]
fn leaks_found_in_the_store_are_those_found_in_every_record_reading_only_the_records_named() {
    use revops_cockpit::leaks::{leaks_from_store, work_list};
    let defs = leak_definitions();
    let (_dir, ws) = leak_workspace();
    let all = report_with(&defs);
    let as_of = all.as_of;
    for period in [Q3, Q3.previous(), Q3.previous().previous()] {
        let mut every = if period == Q3 {
            all.report.clone()
        } else {
            detect_leaks(&defs, all.records(), period, as_of)
        };
        let found = leaks_from_store(&ws, &defs, period, as_of).expect("leaks from the store");
        if period != Q3 {
            // The only deals export is of Sep 30: which deals were stalled at the end of an
            // earlier quarter, the store knows it does not know; every other leak is the same.
            let stalled = found
                .report
                .leak(LeakKind::StalledDeal)
                .expect("stalled deals");
            assert_eq!(stalled.known_only_as_of.as_deref(), Some("2025-09-30"));
            assert_eq!((stalled.count, stalled.volume), (0, 0));
            for slot in &mut every.leaks {
                if slot.kind == LeakKind::StalledDeal {
                    *slot = stalled.clone();
                }
            }
            every.handoffs = revops_cockpit::leaks::handoff_summaries(&every.leaks);
        }
        assert_eq!(found.report, every, "{period:?}");
        for leak in &every.leaks {
            assert_eq!(
                work_list(&defs, found.records(), leak),
                work_list(&defs, all.records(), leak),
                "{:?} {period:?}",
                leak.kind
            );
            for d in LeakDimension::ALL {
                assert_eq!(
                    leak_breakdown(&defs, found.records(), leak, d),
                    leak_breakdown(&defs, all.records(), leak, d),
                    "{:?} by {d:?} {period:?}",
                    leak.kind
                );
            }
            // Every dimension in one pass, as the app reads them, is each one on its own.
            let each: Vec<_> = LeakDimension::ALL
                .iter()
                .map(|d| (*d, leak_breakdown(&defs, all.records(), leak, *d)))
                .collect();
            assert_eq!(leak_breakdowns(&defs, found.records(), leak), each);
        }
        assert!(
            found.contacts_read() < all.contacts.len(),
            "{period:?}: {} of {} contacts read in full",
            found.contacts_read(),
            all.contacts.len()
        );
        assert!(
            found.deals_read() < all.deals.len(),
            "{period:?}: {} of {} deals read in full",
            found.deals_read(),
            all.deals.len()
        );
    }
}

#[test]
fn each_object_is_judged_as_of_its_own_latest_export() {
    use revops_cockpit::leaks::from_store::workspace_as_of;
    use revops_cockpit::leaks::leaks_from_store;
    let defs = leak_definitions();
    let (_dir, mut ws) = leak_workspace();
    let judged = |ws: &Workspace| {
        let as_of = workspace_as_of(ws).expect("read").expect("imports");
        let found = leaks_from_store(ws, &defs, Q3, as_of).expect("leaks");
        (as_of, found)
    };
    let (as_of, before) = judged(&ws);
    assert_eq!(as_of.describe(), "2025-09-30");
    // A tiny contacts export, its as-of a year later (the day it was saved).
    let options = ImportOptions {
        as_of: NaiveDate::from_ymd_opt(2026, 12, 6),
        ..ImportOptions::default()
    };
    import_file(
        &mut ws,
        &fixture("hubspot-contacts.csv"),
        &options,
        &WorkControl::default(),
    )
    .expect("import");
    let (as_of, after) = judged(&ws);
    assert_eq!(
        as_of.describe(),
        "contacts 2026-12-06 · deals 2025-09-30 · accounts 2025-09-30"
    );
    // The deals and the accounts are judged as before: a contacts export says nothing of
    // them (judged a year later, every open deal would look stalled).
    for kind in [
        LeakKind::StalledDeal,
        LeakKind::NoKickoff,
        LeakKind::LateRenewal,
    ] {
        let (b, a) = (
            before.report.leak(kind).expect("leak"),
            after.report.leak(kind).expect("leak"),
        );
        assert_eq!(
            (a.count, a.volume, a.revenue_at_stake, a.as_of),
            (b.count, b.volume, b.revenue_at_stake, b.as_of),
            "{kind:?}"
        );
        let late = |l: &revops_cockpit::leaks::Leak| -> Vec<f64> {
            l.most_overdue()
                .iter()
                .map(|f| f.late_days(l.as_of))
                .collect()
        };
        assert_eq!(late(a), late(b), "{kind:?}: as late as before");
    }
    // d1, idle in Proposal since Aug 1: 61 days at 2025-10-01, not 492.
    let stalled = after.report.leak(LeakKind::StalledDeal).expect("stalled");
    assert_eq!(stalled.count, 2);
}

#[test]
fn a_past_quarters_stalled_deals_are_judged_on_the_export_taken_at_its_end() {
    use revops_cockpit::leaks::from_store::workspace_as_of;
    use revops_cockpit::leaks::leaks_from_store;
    // Two exports of the same deals, at the end of June and of September (idle limit 30
    // days, counted from the created date: these exports carry no stage history):
    //
    // | deal | June 30 | Sep 30 |
    // |---|---|---|
    // | x | open since Mar 1, close date May 15 passed: stalled since Mar 31 (Q1) | won Jul 10 |
    // | y | open since Jun 20: 10 days | open, stalled since Jul 20 (Q3) |
    // | w | open since Apr 1: stalled since May 1 (Q2) | lost Sep 5 |
    let (_dir, mut ws) = workspace();
    for (name, month) in [("deals-june.csv", 6), ("deals-september.csv", 9)] {
        let options = ImportOptions {
            as_of: NaiveDate::from_ymd_opt(2025, month, 30),
            ..ImportOptions::default()
        };
        import_file(
            &mut ws,
            &fixture(&format!("stalls/{name}")),
            &options,
            &WorkControl::default(),
        )
        .expect("import");
    }
    let defs = defaults();
    let as_of = workspace_as_of(&ws).expect("read").expect("imports");
    let stalled = |period: Quarter| {
        let found = leaks_from_store(&ws, &defs, period, as_of).expect("leaks");
        let leak = found
            .report
            .leak(LeakKind::StalledDeal)
            .expect("stalled")
            .clone();
        let records = found.records();
        let mut ids: Vec<String> = leak
            .records
            .iter()
            .map(|f| records.source_id(f.record).to_owned())
            .collect();
        ids.sort();
        (leak, ids)
    };
    let (q3, ids) = stalled(Q3);
    assert_eq!(ids, ["y"]);
    assert_eq!((q3.count, q3.volume, q3.began_in_period), (1, 1, Some(1)));
    let (q2, ids) = stalled(Q3.previous());
    assert_eq!(ids, ["w", "x"], "as the June export had them");
    assert_eq!((q2.count, q2.volume), (2, 3));
    assert_eq!(
        q2.began_in_period,
        Some(1),
        "w began in Q2; x carried over from Q1"
    );
    assert_eq!(q2.revenue_at_stake, Some(50_000.0));
    assert_eq!(
        q2.as_of,
        as_of_time(NaiveDate::from_ymd_opt(2025, 6, 30).expect("date"))
    );
    // No export was taken near the end of Q1: not a number that would be September's.
    let (q1, ids) = stalled(Q3.previous().previous());
    assert!(ids.is_empty());
    assert_eq!(q1.known_only_as_of.as_deref(), Some("2025-09-30"));
}
