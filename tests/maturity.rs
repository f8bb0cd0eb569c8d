//! Pillar maturity on real workspaces: evidence levels from known numbers, forecast
//! accuracy from two exports a quarter apart, answers and the disagreement sentence, and
//! the answers file through the command line.

use chrono::NaiveDate;
use revops_cockpit::definitions::fiscal::Quarter;
use revops_cockpit::definitions::model::RevenueTarget;
use revops_cockpit::import::{ImportOptions, ImportOutcome, import_file};
use revops_cockpit::maturity::{MaturityReport, Model, Signal, assess_workspace};
use revops_cockpit::progress::WorkControl;
use revops_cockpit::workspace::Workspace;

use crate::common::fixture;

const Q3: Quarter = Quarter {
    year: 2025,
    quarter: 3,
};

fn import_as_of(ws: &mut Workspace, name: &str, y: i32, m: u32, d: u32) {
    let options = ImportOptions {
        as_of: NaiveDate::from_ymd_opt(y, m, d),
        ..ImportOptions::default()
    };
    match import_file(ws, &fixture(name), &options, &WorkControl::default()) {
        Ok(ImportOutcome::Imported(b)) => assert_eq!(b.rows_rejected, 0, "{name}"),
        other => panic!("{name}: {other:?}"),
    }
}

fn signal<'r>(r: &'r MaturityReport, key: &str) -> &'r Signal {
    r.pillars
        .iter()
        .flat_map(|p| &p.signals)
        .find(|s| s.key == key)
        .unwrap_or_else(|| panic!("no signal {key}"))
}

fn pillar<'r>(r: &'r MaturityReport, key: &str) -> &'r revops_cockpit::maturity::PillarAssessment {
    r.pillars
        .iter()
        .find(|p| p.key == key)
        .unwrap_or_else(|| panic!("no pillar {key}"))
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// The leaks fixture under its definitions (known SLA compliance and data gaps) with one
/// more deal created in the quarter's last month.
fn evidence_workspace() -> (tempfile::TempDir, Workspace) {
    let (dir, mut ws) = crate::leaks::leak_workspace();
    revops_cockpit::definitions::versions::save(
        &ws,
        &crate::leaks::leak_definitions(),
        "Test",
        "fixture calendar",
    )
    .expect("save definitions");
    import_as_of(&mut ws, "maturity/late-deal.csv", 2025, 9, 30);
    (dir, ws)
}

#[test]
fn known_sla_compliance_completeness_and_late_pipeline_give_the_documented_levels() {
    let (_dir, ws) = evidence_workspace();
    let r = assess_workspace(&ws, &Model::shipped(), Q3).expect("assess");
    // 3 of the 8 MQLs met both the first-touch and the decision SLA: under 50%, level 1.
    let sla = signal(&r, "sla_marketing_to_sales");
    assert!(close(sla.value, 3.0 / 8.0), "{sla:?}");
    assert_eq!(sla.level, Some(1));
    assert_eq!(sla.records, 5);
    // 3 of 22 records cannot be placed (d6, k10, k11): 19 of 22 complete, 86.4%, between
    // the 85% and 95% cut-offs: level 3.
    let fields = signal(&r, "required_fields");
    assert!(close(fields.value, 19.0 / 22.0), "{fields:?}");
    assert_eq!(fields.level, Some(3));
    // Created in Q3 with amounts: d2 20,000, d3 10,000, d4 30,000, and d8 45,000 in
    // September: 45,000 of 105,000 = 42.9%, over 40% and not over 50%: level 2.
    let late = signal(&r, "late_pipeline_share");
    assert!(close(late.value, 45_000.0 / 105_000.0), "{late:?}");
    assert_eq!(late.level, Some(2));
    assert_eq!(late.records, 1);
    // Won in Q3: d4 and d5, each entered Appointment Scheduled (Discovery, an early
    // stage) and then Closed Won: both jumped, 100%, level 1.
    let jumps = signal(&r, "stage_jumps");
    assert!(close(jumps.value, 1.0), "{jumps:?}");
    assert_eq!((jumps.level, jumps.records), (Some(1), 2));
    // No revenue target and no export near the quarter's start: said, not guessed.
    let plan = signal(&r, "plan_attainment");
    assert_eq!((plan.value, plan.level), (None, None));
    assert!(
        plan.basis.contains("revenue target for 2025-Q3"),
        "{}",
        plan.basis
    );
    let forecast = signal(&r, "forecast_accuracy");
    assert!(
        forecast.basis.contains("near the start of 2025-Q3"),
        "{}",
        forecast.basis
    );
    // Every pillar has a level from the data alone, and no answers yet.
    assert!(r.pillars.iter().all(|p| p.self_level.is_none()));
    assert!(r.pillars.iter().all(|p| p.disagreement.is_none()));
    assert_eq!(
        r.overall,
        r.pillars.iter().filter_map(|p| p.level).min(),
        "capped by the weakest pillar"
    );
}

#[test]
fn forecast_accuracy_compares_the_start_exports_pipeline_with_what_closed_won() {
    let dir = tempfile::tempdir().expect("dir");
    let mut ws = Workspace::open(&dir.path().join("ws.sqlite")).expect("workspace");
    import_as_of(&mut ws, "maturity/deals-july.csv", 2025, 7, 2);
    import_as_of(&mut ws, "maturity/deals-october.csv", 2025, 10, 3);
    let mut defs = revops_cockpit::definitions::file::defaults();
    defs.targets.push(RevenueTarget {
        period: "2025-Q3".to_owned(),
        segment: None,
        amount: 125_000.0,
    });
    revops_cockpit::definitions::versions::save(&ws, &defs, "Ana", "Q3 target")
        .expect("save definitions");
    let r = assess_workspace(&ws, &Model::shipped(), Q3).expect("assess");
    // The July export expected f1 100,000 × 80% and f2 40,000 × 25% (f3 is due in Q4):
    // 90,000. f1 closed won for 100,000: 10,000 off, 11.1%, within 15%: level 4.
    let f = signal(&r, "forecast_accuracy");
    assert!(close(f.value, 10_000.0 / 90_000.0), "{f:?}");
    assert_eq!(f.level, Some(4));
    assert!(f.basis.contains("2025-07-02 export"), "{}", f.basis);
    // 100,000 won of the 125,000 target: 80%, level 3.
    let plan = signal(&r, "plan_attainment");
    assert!(close(plan.value, 0.8), "{plan:?}");
    assert_eq!(plan.level, Some(3));
    // One change with a reason after the shipped defaults: level 2.
    assert_eq!(signal(&r, "definitions_governed").level, Some(2));
    // Strategy: the average of 3, 4 and 2, rounded down.
    assert_eq!(pillar(&r, "strategy").evidence_level, Some(3));
}

#[test]
fn the_disagreement_sentence_appears_when_and_only_when_answers_and_data_differ() {
    let (_dir, mut ws) = evidence_workspace();
    let model = Model::shipped();
    let answer_process = |ws: &mut Workspace, answer: &str| {
        let answers: Vec<(String, String)> = model
            .questions
            .iter()
            .filter(|q| q.pillar == "process")
            .map(|q| (q.key.clone(), answer.to_owned()))
            .collect();
        ws.set_maturity_answers("2025-Q3", &answers, "Ana", true)
            .expect("answers");
    };
    // Yes to all of Process: level 5 answered.
    answer_process(&mut ws, "yes");
    let r = assess_workspace(&ws, &model, Q3).expect("assess");
    let process = pillar(&r, "process");
    assert_eq!(process.self_level, Some(5));
    // MQLs within SLA 37.5% (level 1), kickoffs 33.3% (1), stalled 40% (2), both won
    // deals jumped from an early stage (1), stages all mapped (5): 10 / 5, level 2.
    assert_eq!(process.evidence_level, Some(2));
    assert_eq!(
        process.disagreement.as_deref(),
        Some(
            "You answered Optimized for Process & governance, but 37.5% of the 2025-Q3 MQLs were handed to sales within SLA (5 business days, 24 hours)."
        )
    );
    assert_eq!(process.answered, process.questions);
    assert_eq!(r.answered_by, "Ana");
    // More than a level apart: the lower of the two is stated.
    assert_eq!(process.level, Some(2));
    assert!(process.level_reason.contains("more than a level apart"));
    // "Sometimes" throughout is level 2, the evidence's own: no disagreement.
    answer_process(&mut ws, "sometimes");
    let r = assess_workspace(&ws, &model, Q3).expect("assess");
    let process = pillar(&r, "process");
    assert_eq!(process.self_level, Some(2));
    assert_eq!(process.disagreement, None);
    assert!(
        process.level_reason.contains("agree"),
        "{}",
        process.level_reason
    );
}

fn cockpit(db: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_revops-cockpit"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run binary");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_answers_file_goes_out_and_back_and_a_bad_one_changes_nothing() {
    let (dir, db) = crate::leaks::leak_workspace_file();
    let file = dir.path().join("answers.toml");
    let f = file.display().to_string();
    let (ok, out, err) = cockpit(
        &db,
        &["maturity", "answers", "export", &f, "--period", "2025-Q3"],
    );
    assert!(ok, "{out}{err}");
    assert!(out.contains("(0 of 25 answered)"), "{out}");
    // Fill in two answers as a person would, in the file.
    let text = std::fs::read_to_string(&file).expect("exported");
    let text = text
        .replace(
            "\"process.stage_criteria\" = \"\"",
            "\"process.stage_criteria\" = \"yes\"",
        )
        .replace(
            "\"process.handoff_slas\" = \"\"",
            "\"process.handoff_slas\" = \"sometimes\"",
        )
        .replace("answered_by = \"\"", "answered_by = \"Ana\"");
    std::fs::write(&file, text).expect("filled in");
    let (ok, out, err) = cockpit(&db, &["maturity", "answers", "import", &f]);
    assert!(ok, "{out}{err}");
    assert_eq!(
        out.trim(),
        format!("Saved 2 answers for 2025-Q3 from {f}, answered by Ana.")
    );

    let (ok, json, err) = cockpit(&db, &["maturity", "--period", "2025-Q3", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let process = v["pillars"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["pillar"] == "process"))
        .expect("process");
    assert_eq!(process["answered"], 2);
    assert_eq!(
        process["self_level"], 2,
        "one yes and one sometimes: level 2"
    );
    assert_eq!(v["answered_by"], "Ana");
    let sla = process["signals"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["name"] == "sla_marketing_to_sales"))
        .expect("signal");
    assert_eq!(sla["level"], 1);

    // An answer that is not one of the three: refused with its line, nothing changed.
    let bad = fixture("maturity/answers-bad.toml").display().to_string();
    let (ok, _, err) = cockpit(&db, &["maturity", "answers", "import", &bad]);
    assert!(!ok);
    assert!(
        err.contains("answers-bad.toml, line 4: \"absolutely\" is not an answer; write no, sometimes or yes. Nothing was changed."),
        "{err}"
    );
    let (_, json, _) = cockpit(&db, &["maturity", "--period", "2025-Q3", "--json"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json).expect("json")["pillars"][1]["answered"],
        2
    );
}

#[test]
fn with_no_data_every_signal_says_which_export_would_measure_it() {
    let dir = tempfile::tempdir().expect("dir");
    let ws = Workspace::open(&dir.path().join("ws.sqlite")).expect("workspace");
    let r = assess_workspace(&ws, &Model::shipped(), Q3).expect("assess");
    let signals: Vec<&Signal> = r.pillars.iter().flat_map(|p| &p.signals).collect();
    assert_eq!(signals.len(), 16);
    assert!(
        signals
            .iter()
            .all(|s| s.value.is_none() && s.basis.starts_with("Needs ")),
        "{signals:#?}"
    );
    assert_eq!(r.overall, None);
    assert_eq!(r.next_move, None);
}

#[test]
fn another_framework_regroups_the_same_answers_and_evidence() {
    let (_dir, db) = crate::leaks::leak_workspace_file();
    let (ok, out, err) = cockpit(&db, &["maturity", "framework", "ppdt-cadence"]);
    assert!(ok, "{out}{err}");
    assert_eq!(
        out.trim(),
        "The workspace now reads maturity as People, Process, Data, Technology + Cadence."
    );
    let (ok, json, err) = cockpit(&db, &["maturity", "--period", "2025-Q3", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let keys: Vec<&str> = v["pillars"]
        .as_array()
        .expect("pillars")
        .iter()
        .filter_map(|p| p["pillar"].as_str())
        .collect();
    assert_eq!(keys, ["people", "process", "data", "technology", "cadence"]);
    // Cadence draws on Strategy and Performance: their signals and their eight questions.
    let cadence = &v["pillars"][4];
    assert_eq!(cadence["questions"], 8);
    let signals: Vec<&str> = cadence["signals"]
        .as_array()
        .expect("signals")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(
        signals,
        [
            "plan_attainment",
            "forecast_accuracy",
            "definitions_governed",
            "late_pipeline_share",
            "aged_open_deals",
            "sla_renewal"
        ]
    );
    let (ok, _, err) = cockpit(&db, &["maturity", "framework", "nine-boxes"]);
    assert!(!ok);
    assert!(
        err.contains(
            "\"nine-boxes\" is not a framework; choose one of six-pillars, ppdt-cadence, four-roles"
        ),
        "{err}"
    );
}

#[test]
fn an_edited_model_is_checked_whole_and_its_cut_offs_used() {
    let (dir, db) = crate::leaks::leak_workspace_file();
    let file = dir.path().join("model.toml");
    let f = file.display().to_string();
    let (ok, out, err) = cockpit(&db, &["maturity", "model", "export", &f]);
    assert!(ok, "{out}{err}");
    let shipped = std::fs::read_to_string(&file).expect("exported");
    let sla = "cutoffs = [0.5, 0.75, 0.9, 0.97]";
    assert!(shipped.contains(sla));
    let level = || {
        let (_, json, _) = cockpit(&db, &["maturity", "--period", "2025-Q3", "--json"]);
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        v["pillars"][1]["signals"][0]["level"].clone()
    };
    assert_eq!(
        level(),
        1,
        "37.5% of MQLs within SLA is under the shipped 50%"
    );

    // Cut-offs out of order: refused with the key, and nothing changes.
    std::fs::write(&file, shipped.replacen(sla, "cutoffs = [0.9, 0.75]", 1)).expect("edit");
    let (ok, _, err) = cockpit(&db, &["maturity", "model", "import", &f]);
    assert!(!ok);
    assert!(
        err.contains("key signals[3].cutoffs: with better = \"higher\" each cut-off must be above the one before. Nothing was changed."),
        "{err}"
    );
    assert_eq!(level(), 1);

    // A lower bar for level 2: the same 37.5% now reaches it.
    std::fs::write(
        &file,
        shipped.replacen(sla, "cutoffs = [0.3, 0.75, 0.9, 0.97]", 1),
    )
    .expect("edit");
    let (ok, out, err) = cockpit(&db, &["maturity", "model", "import", &f]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("6 pillars, 25 questions, 16 signals"), "{out}");
    assert_eq!(level(), 2);
}
