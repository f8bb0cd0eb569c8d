//! One path per number: the command line and the window show the same funnel and leak
//! numbers for the same workspace, quarter and definitions, number for number.

use std::process::Command;

use egui_kittest::kittest::Queryable as _;

use revops_cockpit::progress::WorkControl;
use revops_cockpit::workspace::Workspace;
use serde_json::{Value, json};

use crate::views::{on_the_funnel, settle};

/// `revops-cockpit --db DB ARGS…`'s JSON output.
fn cli_json(db: &std::path::Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_revops-cockpit"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run binary");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn value(x: impl serde::Serialize) -> Value {
    serde_json::to_value(x).expect("serialisable")
}

#[test]
fn the_command_line_prints_the_funnel_and_leak_numbers_the_window_shows() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("ws.sqlite");
    {
        let mut ws = Workspace::open(&db).expect("workspace");
        revops_cockpit::sample::load_sample_data(&mut ws, &WorkControl::default())
            .expect("sample data");
    }
    let mut harness = on_the_funnel(db.clone());

    // The Funnel, as the window holds it, beside `funnel --json` for its quarter.
    let r = harness
        .state()
        .funnel_result()
        .expect("the Funnel's numbers");
    let period = r.query.period.label();
    let cli = cli_json(
        &db,
        &["funnel", "--period", &period, "--by", "segment", "--json"],
    );
    assert_eq!(cli["period"], json!(period));
    assert_eq!(
        cli["definitions_version"],
        json!(r.query.definitions_version)
    );
    let stages: Vec<Value> = r
        .funnel
        .stages
        .iter()
        .map(|s| {
            json!({
                "stage": s.name, "key": s.key, "count": s.count, "skipped": s.skipped,
                "conversion_to_next": s.conversion_to_next, "cumulative": s.cumulative,
                "median_days_to_next": s.median_days_to_next,
            })
        })
        .collect();
    assert_eq!(cli["stages"], json!(stages));
    let counted: usize = r.funnel.stages.iter().map(|s| s.count).sum();
    assert!(counted > 0, "the sample's latest quarter has records");
    let d = &r.deals;
    for (key, window) in [
        ("win_rate", value(d.win_rate)),
        ("won", value(d.won)),
        ("lost", value(d.lost)),
        ("open_deals", value(d.open_deals)),
        ("avg_won_amount", value(d.avg_won_amount)),
        ("median_won_amount", value(d.median_won_amount)),
        ("median_cycle_days", value(d.median_cycle_days)),
        (
            "pipeline_velocity_per_day",
            value(d.pipeline_velocity_per_day),
        ),
        ("reporting_currency", value(&d.reporting_currency)),
    ] {
        assert_eq!(cli[key], window, "{key}");
    }
    assert!(d.won + d.lost > 0, "the sample closes deals in the quarter");
    // The breakdown by segment, the window's default, row for row.
    let rows: Vec<Value> = r
        .breakdown
        .iter()
        .map(|b| {
            json!({
                "value": b.value, "missing": b.missing, "role": b.owner_role(r.query.breakdown_by), "thin": b.thin,
                "counts": b.funnel.as_ref().map(|f| f.stages.iter().map(|s| s.count).collect::<Vec<_>>()),
                "win_rate": b.deals.win_rate, "won": b.deals.won, "lost": b.deals.lost,
            })
        })
        .collect();
    assert!(!rows.is_empty());
    assert_eq!(cli["breakdown"], json!(rows));

    // The Handoff leaks, as the window holds them once every list is read, beside
    // `leaks --json` for the same quarter.
    harness.get_by_label("Handoff leaks").click();
    settle(&mut harness);
    let r = harness.state().leaks_result().expect("the leaks");
    assert!(r.lists_ready);
    assert_eq!(r.query.period.label(), period);
    let cli = cli_json(&db, &["leaks", "--period", &period, "--json"]);
    assert_eq!(cli["as_of"], json!(r.as_of));
    assert_eq!(
        cli["definitions_version"],
        json!(r.query.definitions_version)
    );
    assert_eq!(cli["handoffs"], value(&r.report.handoffs));
    assert_eq!(cli["response_times"], value(&r.report.response));
    assert_eq!(cli["downstream"], value(&r.report.downstream));
    let leaks = cli["leaks"].as_array().expect("leaks");
    assert_eq!(leaks.len(), r.report.leaks.len());
    let mut leaked = 0;
    for (printed, leak) in leaks.iter().zip(&r.report.leaks) {
        let kind = leak.kind.key();
        assert_eq!(printed["kind"], json!(kind));
        assert_eq!(printed["count"], json!(leak.count), "{kind}");
        assert_eq!(printed["volume"], json!(leak.volume), "{kind}");
        assert_eq!(printed["share"], value(leak.share), "{kind}");
        assert_eq!(
            printed["revenue_at_stake"],
            value(leak.revenue_at_stake),
            "{kind}"
        );
        assert_eq!(printed["trend"], value(&leak.trend), "{kind}");
        // The records: the ids the command prints are those the window lists.
        let mut printed_ids: Vec<String> = printed["records"]
            .as_array()
            .expect("records")
            .iter()
            .map(|id| id.as_str().expect("an id").to_owned())
            .collect();
        let list = r.lists.get(&leak.kind).expect("a list");
        let mut shown: Vec<String> = list
            .in_order(revops_cockpit::leaks::WorkListColumn::Record, false)
            .map(|row| row.source_id.clone())
            .collect();
        printed_ids.sort();
        shown.sort();
        assert_eq!(printed_ids, shown, "{kind}");
        leaked += leak.count;
    }
    assert!(leaked > 0, "the sample leaks");
}
