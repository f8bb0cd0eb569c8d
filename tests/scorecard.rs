//! Scorecards on a real workspace: the PDF read back with poppler (one landscape page of
//! the paper asked, fonts embedded, the period, definitions version and North Star values
//! in its text), the PNG's size and colours, the CSV round-tripped, targets and
//! comments from a saved template, and a previous quarter restated after publishing.

use std::path::{Path, PathBuf};
use std::process::Command;

use revops_cockpit::definitions::fiscal::Quarter;
use revops_cockpit::metrics::from_store::FunnelTables;
use revops_cockpit::metrics::report::FunnelQuestion;
use revops_cockpit::metrics::{Dimension, Filter, FunnelMode};
use revops_cockpit::scorecard::page::value_text;
use revops_cockpit::scorecard::{Scorecard, Template, from_store, template};
use revops_cockpit::workspace::Workspace;

const Q3: Quarter = Quarter {
    year: 2025,
    quarter: 3,
};
const Q4: Quarter = Quarter {
    year: 2025,
    quarter: 4,
};

fn cockpit(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_revops-cockpit"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("USER", "tester")
        .output()
        .expect("run binary");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{args:?}: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// `scorecard ARGS --out OUT` on `db`; what it printed.
fn scorecard_to(db: &Path, args: &[&str], out: &Path) -> String {
    let out = out.to_str().expect("a path in UTF-8");
    let mut all = vec!["scorecard"];
    all.extend_from_slice(args);
    all.extend(["--out", out]);
    cockpit(db, &all)
}

/// A poppler tool's output on `file`.
fn poppler(tool: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils, which .ci/run installs): {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The page the library builds for Q3 on the fixture workspace under `template`.
fn page(db: &Path, template: &Template) -> Scorecard {
    page_of(db, template, Q3)
}

/// The page of `period`.
fn page_of(db: &Path, template: &Template, period: Quarter) -> Scorecard {
    let ws = Workspace::open(db).expect("open");
    let tables = FunnelTables::load(&ws).expect("tables");
    from_store::build(&ws, &tables, period, template, "tester").expect("build")
}

/// A scorecard CSV's header and rows.
pub(crate) fn exported_csv(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).expect("csv");
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader.records().map(|r| r.expect("row")).collect();
    (header, rows)
}

fn out_file(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

#[test]
fn the_pdf_is_one_landscape_page_with_embedded_fonts_and_the_north_star_values() {
    let (dir, db) = crate::leaks::leak_workspace_file();
    for (paper, size) in [
        ("a4", "841.89 x 595.28 pts (A4)"),
        ("letter", "792 x 612 pts (letter)"),
    ] {
        let pdf = out_file(dir.path(), &format!("q3-{paper}.pdf"));
        let said = scorecard_to(&db, &["--period", "2025-Q3", "--paper", paper], &pdf);
        assert!(said.contains("Wrote the 2025-Q3 scorecard (PDF"), "{said}");
        let bytes = std::fs::metadata(&pdf).expect("pdf").len();
        assert!(bytes < 300_000, "a few hundred KB at most: {bytes}");
        let info = poppler("pdfinfo", &[], &pdf);
        assert!(info.contains("Pages:           1"), "{info}");
        assert!(info.contains(size), "{info}");
        assert!(
            info.contains("Title:           Revenue scorecard 2025-Q3"),
            "{info}"
        );
        let fonts = poppler("pdffonts", &[], &pdf);
        let faces: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(faces.len(), 2, "{fonts}");
        for face in faces {
            // Name, then type and encoding; "yes yes" is embedded and subset.
            assert!(
                face.contains("Inter") && face.contains("yes yes"),
                "{fonts}"
            );
        }
    }
    let pdf = out_file(dir.path(), "q3-a4.pdf");
    let text = poppler("pdftotext", &["-layout"], &pdf);
    assert!(text.contains("Revenue scorecard · 2025-Q3"), "{text}");
    assert!(text.contains("definitions v2"), "{text}");
    // The North Star values, worked out by the Funnel's own report.
    let ws = Workspace::open(&db).expect("open");
    let tables = FunnelTables::load(&ws).expect("tables");
    let report = tables.report(&FunnelQuestion {
        period: Q3,
        mode: FunnelMode::Cohort,
        filter: Filter::all(),
        breakdown_by: Dimension::Segment,
    });
    let win_rate = revops_cockpit::text::percent(report.deals.win_rate);
    assert!(report.deals.win_rate.is_some());
    assert!(text.contains(&win_rate), "win rate {win_rate} in {text}");
    let mql = report
        .funnel
        .stages
        .iter()
        .find(|s| s.key == "mql")
        .expect("mql");
    let mql_to_sql = revops_cockpit::text::percent(mql.conversion_to_next);
    assert!(
        text.contains(&mql_to_sql),
        "MQL → SQL {mql_to_sql} in {text}"
    );
    let page = page(&db, &Template::default());
    for m in &page.north_star {
        let shown = value_text(m.unit, m.value, &page.currency);
        assert!(text.contains(&shown), "{}: {shown} in {text}", m.label);
    }
    // Hand-worked: 3 of the 8 MQLs met both the first-touch and the decision SLA.
    let sla = page
        .operational
        .iter()
        .find(|m| m.key == "sla:marketing_to_sales")
        .expect("sla");
    assert_eq!(sla.value, Some(3.0 / 8.0));
    assert!(text.contains("37.5%"), "{text}");
    // The footer traces the page.
    assert!(text.contains("data as of 2025-09-30"), "{text}");
    assert!(text.contains("by tester"), "{text}");
    assert!(text.contains("contacts.csv"), "{text}");
}

#[test]
fn the_png_is_twice_the_page_and_not_one_colour() {
    let (dir, db) = crate::leaks::leak_workspace_file();
    let png = out_file(dir.path(), "q3.png");
    scorecard_to(&db, &["--period", "2025-Q3"], &png);
    let pixmap = resvg::tiny_skia::Pixmap::load_png(&png).expect("png");
    assert_eq!((pixmap.width(), pixmap.height()), (1684, 1191));
    let pixels = pixmap.pixels();
    let first = pixels[0];
    let different = pixels.iter().filter(|p| **p != first).count();
    assert!(
        different > pixels.len() / 50,
        "{different} of {} differ",
        pixels.len()
    );
    // Ink, not only background: some pixels are dark (text) and some blue-ish (charts).
    assert!(
        pixels
            .iter()
            .any(|p| p.red() < 60 && p.green() < 60 && p.blue() < 80)
    );
}

#[test]
fn the_csv_round_trips_with_the_same_numbers_and_neutralises_a_formula_owner() {
    let (dir, db) = crate::leaks::leak_workspace_file();
    // A pillar owner that a spreadsheet would run as a formula.
    let model = out_file(dir.path(), "model.toml");
    cockpit(
        &db,
        &["maturity", "model", "export", model.to_str().expect("path")],
    );
    let text = std::fs::read_to_string(&model).expect("model");
    let owner_line = text
        .lines()
        .find(|l| l.starts_with("owner = "))
        .expect("an owner")
        .to_owned();
    let text = text.replacen(&owner_line, "owner = \"=1+2 RevOps\"", 1);
    std::fs::write(&model, text).expect("write model");
    cockpit(
        &db,
        &["maturity", "model", "import", model.to_str().expect("path")],
    );

    let csv_path = out_file(dir.path(), "q3.csv");
    scorecard_to(&db, &["--period", "2025-Q3"], &csv_path);
    let page = page(&db, &Template::default());
    let (header, rows) = exported_csv(&csv_path);
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    for m in page.metrics() {
        let row = rows
            .iter()
            .find(|r| &r[col("key")] == m.key.as_str())
            .expect(&m.key);
        let number = |cell: &str| (!cell.is_empty()).then(|| cell.parse::<f64>().expect(cell));
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-6 * b.abs().max(1.0),
            (a, b) => a == b,
        };
        assert!(
            close(number(&row[col("value")]), m.value),
            "{}: {row:?}",
            m.key
        );
        assert!(
            close(number(&row[col("previous")]), m.previous),
            "{}: {row:?}",
            m.key
        );
        assert!(
            close(number(&row[col("target")]), m.target),
            "{}: {row:?}",
            m.key
        );
        assert_eq!(&row[col("period")], "2025-Q3");
        assert_eq!(&row[col("status")], m.status.key());
        assert_eq!(&row[col("definition")], m.definition.as_str());
    }
    let coverage = rows
        .iter()
        .find(|r| &r[col("key")] == "pipeline_coverage")
        .expect("coverage");
    assert_eq!(&coverage[col("target")], "3");
    let owners: Vec<&str> = rows
        .iter()
        .filter(|r| &r[col("section")] == "Pillar health")
        .map(|r| r.get(col("owner")).expect("owner"))
        .collect();
    assert!(owners.contains(&"'=1+2 RevOps"), "{owners:?}");
    assert!(!owners.iter().any(|o| o.starts_with('=')), "{owners:?}");
}

#[test]
fn a_saved_templates_targets_and_comments_set_the_status_and_print() {
    let (dir, db) = crate::leaks::leak_workspace_file();
    let base = page(&db, &Template::default());
    let win = base
        .north_star
        .iter()
        .find(|m| m.key == "win_rate")
        .expect("win rate");
    let value = win.value.expect("a win rate");
    let mut t = Template {
        name: "Board".to_owned(),
        ..Template::default()
    };
    // Exactly at the target is on track; 10% short of it is still at risk.
    t.targets.insert("win_rate".to_owned(), value);
    t.targets.insert("conversion:mql".to_owned(), 0.99);
    t.targets
        .insert("sla:marketing_to_sales".to_owned(), 0.375 / 0.9);
    t.comments.insert(
        "leaks".to_owned(),
        "Sales accepts MQLs within a day".to_owned(),
    );
    {
        let ws = Workspace::open(&db).expect("open");
        template::save(&ws, &t).expect("save");
    }
    let csv_path = out_file(dir.path(), "board.csv");
    scorecard_to(
        &db,
        &["--period", "2025-Q3", "--template", "Board"],
        &csv_path,
    );
    let text = std::fs::read_to_string(&csv_path).expect("csv");
    let row = |key: &str| {
        text.lines()
            .find(|l| l.split(',').nth(2) == Some(key))
            .unwrap_or_else(|| panic!("{key} in {text}"))
            .to_owned()
    };
    assert!(
        row("win_rate").contains(",on_track,"),
        "{}",
        row("win_rate")
    );
    assert!(
        row("sla:marketing_to_sales").contains(",at_risk,"),
        "{}",
        row("sla:marketing_to_sales")
    );
    assert!(
        row("conversion:mql").contains(",off_track,"),
        "{}",
        row("conversion:mql")
    );
    assert!(
        row("median_cycle").contains(",no_target,") || row("median_cycle").contains(",no_data,")
    );
    assert!(text.contains("Actions,Leaks,"), "{text}");
    assert!(text.contains("Sales accepts MQLs within a day"), "{text}");
    let pdf = out_file(dir.path(), "board.pdf");
    scorecard_to(&db, &["--period", "2025-Q3", "--template", "Board"], &pdf);
    let words = poppler("pdftotext", &[], &pdf);
    assert!(words.contains("Sales accepts MQLs within a day"), "{words}");
    assert!(
        words.contains("On track") && words.contains("At risk") && words.contains("Off track"),
        "{words}"
    );
    // A template that does not exist is named in the refusal.
    let out = Command::new(env!("CARGO_BIN_EXE_revops-cockpit"))
        .arg("--db")
        .arg(&db)
        .args(["scorecard", "--template", "Nope"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no scorecard template named \"Nope\""));
}

#[test]
fn a_previous_quarter_that_changed_since_it_was_published_is_flagged_restated() {
    let (dir, db) = crate::leaks::leak_workspace_file();
    // Q3 published as presented; then the deals export is undone, so Q3 recomputed
    // today differs from what the room saw.
    let said = cockpit(
        &db,
        &["scorecard", "--period", "2025-Q3", "--publish", "Q3 review"],
    );
    assert!(
        said.contains("Revenue scorecard 2025-Q3 · Published as \"Q3 review\""),
        "{said}"
    );
    let presented = {
        let ws = Workspace::open(&db).expect("open");
        let kept = ws
            .latest_published_scorecard("2025-Q3")
            .expect("read")
            .expect("kept");
        revops_cockpit::scorecard::publish::read(&kept).expect("page")
    };
    let listed = cockpit(&db, &["scorecard", "--list"]);
    assert!(listed.contains("2025-Q3  \"Q3 review\""), "{listed}");
    let batches = cockpit(&db, &["batches"]);
    let deals_batch = batches
        .lines()
        .find(|l| l.contains("deals.csv"))
        .and_then(|l| l.split_whitespace().next())
        .map(|id| id.trim_start_matches('#').to_owned())
        .expect("the deals batch");
    cockpit(&db, &["undo", "--batch", &deals_batch]);
    let page = page_of(&db, &Template::default(), Q4);
    let restated: Vec<_> = page.metrics().filter(|m| m.restated.is_some()).collect();
    assert!(!restated.is_empty(), "{page:#?}");
    for m in &restated {
        let then = presented
            .metrics()
            .find(|p| p.key == m.key)
            .expect("presented");
        // The previous column shows what was presented; the note says what it is now.
        assert_eq!(m.previous, then.value, "{}", m.key);
        let note = m.restated.as_deref().expect("note");
        assert!(
            note.starts_with("restated: ") && note.contains("as presented"),
            "{note}"
        );
        assert!(note.contains("the records changed since"), "{note}");
    }
    let csv_path = out_file(dir.path(), "q4.csv");
    scorecard_to(&db, &["--period", "2025-Q4"], &csv_path);
    assert!(
        std::fs::read_to_string(&csv_path)
            .expect("csv")
            .contains("restated: ")
    );
    // Re-exported from the store, the published page is the page presented.
    let again = out_file(dir.path(), "q3-again.csv");
    let id = listed.split_whitespace().next().expect("id");
    scorecard_to(&db, &["--published", id], &again);
    let text = std::fs::read_to_string(&again).expect("csv");
    assert!(text.contains("2025-Q3"), "{text}");
    let win = presented
        .north_star
        .iter()
        .find(|m| m.key == "win_rate")
        .expect("win");
    if let Some(v) = win.value {
        assert!(
            text.contains(&format!("{v:.6}").trim_end_matches('0').to_owned()),
            "{text}"
        );
    }
}

#[test]
fn a_definitions_change_since_publishing_is_named_in_the_restatement() {
    let (_dir, db) = crate::leaks::leak_workspace_file();
    cockpit(
        &db,
        &["scorecard", "--period", "2025-Q3", "--publish", "Q3 review"],
    );
    // The fiscal year now starts in February: every quarter's bounds move, and with
    // them the numbers of the quarter presented.
    {
        let ws = Workspace::open(&db).expect("open");
        let mut defs = crate::leaks::leak_definitions();
        defs.fiscal_year_start_month = 2;
        revops_cockpit::definitions::versions::save(
            &ws,
            &defs,
            "Test",
            "fiscal year from February",
        )
        .expect("save definitions");
    }
    let page = page_of(&db, &Template::default(), Q4);
    let notes: Vec<&str> = page
        .metrics()
        .filter_map(|m| m.restated.as_deref())
        .collect();
    assert!(!notes.is_empty(), "{page:#?}");
    for note in notes {
        assert!(note.ends_with("definitions v2 → v3"), "{note}");
    }
}
