//! The data dictionary: the file format, validation, versions, and definitions changing
//! what imported records compute to.

use std::path::Path;

use revops_cockpit::definitions::apply::{current_stage, deal_stage_of, reached};
use revops_cockpit::definitions::model::{Condition, Op, RuleValue};
use revops_cockpit::definitions::{defaults, file, versions};

use revops_cockpit::progress::WorkControl;

use crate::common::{imported, snapshot, workspace};

#[test]
fn the_shipped_defaults_round_trip_through_the_file_format() {
    let d = defaults();
    assert_eq!(d.lifecycle_stages.len(), 5);
    assert_eq!(d.slas.mql_first_touch.to_string(), "24 hours");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("defs.toml");
    file::write_file(&path, &d).expect("write");
    assert_eq!(
        file::read_file(&path).expect("read"),
        d,
        "export then import is identical"
    );
}

#[test]
fn a_malformed_file_names_the_key_and_changes_nothing() {
    let (_dir, ws) = workspace();
    let (v1, _) = versions::current(&ws).expect("current");
    let before = snapshot(&ws);
    let good = file::to_toml(&defaults());
    let cases = [
        (
            good.replace(
                "fiscal_year_start_month = 1",
                "fiscal_year_start_month = 1\nfiscal_colour = \"blue\"",
            ),
            "unknown field `fiscal_colour`",
        ),
        (
            good.replacen("amount = 24.0", "amount = \"a day\"", 1),
            "invalid type",
        ),
        (
            good.replacen("stage = \"Demo\"", "stage = \"Demos\"", 1),
            "stage_mapping[1].stage: \"Demos\" is not one of the deal stages",
        ),
        (
            good.replacen("amount = 24.0", "amount = -1.0", 1),
            "slas.mql_first_touch.amount",
        ),
        (
            good.replacen("term = \"mql\"", "term = \"marketing\"", 1),
            "rules[0].term",
        ),
    ];
    for (text, expected) in cases {
        let err = file::parse(&text, Path::new("team.toml")).expect_err("refused");
        let message = err.to_string();
        assert!(
            message.starts_with("team.toml") && message.contains(expected),
            "{message}"
        );
    }
    assert_eq!(snapshot(&ws), before);
    assert_eq!(versions::current(&ws).expect("current").0, v1);
}

#[test]
fn every_save_is_a_new_version_with_a_reason_and_history_compares_them() {
    let (_dir, ws) = workspace();
    let (v1, mut d) = versions::current(&ws).expect("current");
    assert_eq!((v1.id, v1.author.as_str()), (1, "RevOps Cockpit"));
    assert!(matches!(
        versions::save(&ws, &d, "Dana", "no change"),
        Err(versions::VersionError::Unchanged(1))
    ));
    d.slas.mql_first_touch.amount = 5.0;
    d.slas.mql_first_touch.unit = revops_cockpit::definitions::model::SlaUnit::Minutes;
    assert!(matches!(
        versions::save(&ws, &d, "Dana", "  "),
        Err(versions::VersionError::NoReason)
    ));
    let v2 = versions::save(&ws, &d, "Dana", "The five-minute rule").expect("save");
    assert_eq!(
        (v2.id, v2.author.as_str(), v2.reason.as_str()),
        (2, "Dana", "The five-minute rule")
    );
    let changes = versions::compare(&ws, 1, 2).expect("diff");
    let keys: Vec<&str> = changes.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        ["slas.mql_first_touch.amount", "slas.mql_first_touch.unit"]
    );
    assert_eq!(changes[1].after.as_deref(), Some("\"minutes\""));
    let v3 = versions::restore(&ws, 1, "Dana", "back to 24 hours").expect("restore");
    assert_eq!(v3.id, 3);
    assert_eq!(versions::current(&ws).expect("current").1, defaults());
    assert_eq!(
        ws.definition_versions().expect("list").len(),
        3,
        "nothing was overwritten"
    );
}

#[test]
fn a_stage_mapping_change_moves_deals_and_a_restore_brings_the_numbers_back() {
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "hubspot-deals.csv");
    let deals = ws.deals().expect("deals");
    let stages = |d: &revops_cockpit::definitions::Definitions| -> Vec<String> {
        deals
            .iter()
            .map(|x| deal_stage_of(d, x).map_or("unmapped".to_owned(), |s| s.name.clone()))
            .collect()
    };
    let (_, v1) = versions::current(&ws).expect("v1");
    assert_eq!(stages(&v1), ["Closed Won", "Negotiation", "Closed Lost"]);

    let mut changed = v1.clone();
    for m in &mut changed.stage_mapping {
        m.raw
            .retain(|r| r != "contractsent" && r != "Contract Sent");
    }
    changed.stage_mapping.retain(|m| !m.raw.is_empty());
    changed
        .stage_mapping
        .push(revops_cockpit::definitions::model::StageMapping {
            crm: "hubspot".into(),
            pipeline: None,
            raw: vec!["contractsent".into()],
            stage: "Proposal".into(),
        });
    versions::save(
        &ws,
        &changed,
        "Dana",
        "Contract sent is still proposal for us",
    )
    .expect("v2");
    assert_eq!(
        stages(&versions::current(&ws).expect("v2").1),
        ["Closed Won", "Proposal", "Closed Lost"]
    );

    versions::restore(&ws, 1, "Dana", "undo").expect("v3");
    assert_eq!(stages(&versions::current(&ws).expect("v3").1), stages(&v1));
}

#[test]
fn a_qualification_rule_change_changes_who_counts_as_an_mql() {
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "hubspot-contacts.csv");
    let contacts = ws.contacts().expect("contacts");
    let d = defaults();
    let mqls = |d: &revops_cockpit::definitions::Definitions| -> Vec<&str> {
        contacts
            .iter()
            .filter(|c| reached(d, c, "mql").is_some())
            .map(|c| c.source_id.as_str())
            .collect()
    };
    assert_eq!(mqls(&d), ["101", "102"], "105's MQL date could not be read");
    let mut paid_only = d.clone();
    let rule = paid_only
        .rules
        .iter_mut()
        .find(|r| r.term == "mql")
        .expect("mql rule");
    rule.conditions.push(Condition {
        field: revops_cockpit::model::Field::Source,
        op: Op::In,
        value: Some(RuleValue::List(vec![
            "Paid Search".into(),
            "Paid Social".into(),
        ])),
    });
    assert_eq!(mqls(&paid_only), ["102"]);
    let ana = &contacts[0];
    assert_eq!(
        current_stage(&d, ana).map(|s| s.name.as_str()),
        Some("Customer")
    );
}

#[test]
fn raw_stage_values_seen_in_imports_are_listed() {
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "pipedrive-deals.csv");
    let seen = ws.raw_deal_stages().expect("seen");
    let values: Vec<&str> = seen.iter().map(|s| s.raw_stage.as_str()).collect();
    assert_eq!(values.len(), 3);
    assert!(values.contains(&"Proposal made"));
}

#[test]
fn raw_stages_are_counted_per_system_and_pipeline_as_sql_groups_them() {
    let (_dir, mut ws) = workspace();
    revops_cockpit::sample::load_sample_data(&mut ws, &WorkControl::default())
        .expect("sample data");
    // Pipedrive deals have no pipeline: a group of its own, listed before named ones.
    imported(&mut ws, "pipedrive-deals.csv");
    let seen = ws.raw_deal_stages().expect("seen");
    let conn = rusqlite::Connection::open(ws.path()).expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT d.source_system, v.pipeline, v.raw_stage, count(*) FROM deals d \
             JOIN deal_versions v ON v.id = d.version_id WHERE v.raw_stage IS NOT NULL \
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 4 DESC, 3",
        )
        .expect("prepare");
    let grouped: Vec<(String, Option<String>, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let listed: Vec<(String, Option<String>, String, i64)> = seen
        .into_iter()
        .map(|s| (s.source_system, s.pipeline, s.raw_stage, s.deals))
        .collect();
    assert_eq!(listed, grouped);
    assert!(
        listed.iter().any(|s| s.1.is_none()),
        "a stage with no pipeline"
    );
    assert!(
        listed
            .iter()
            .map(|s| &s.0)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            > 1,
        "more than one system"
    );
    assert!(
        listed
            .windows(2)
            .any(|w| w[0].0 == w[1].0 && w[0].1 == w[1].1 && w[0].3 > w[1].3),
        "stages of one pipeline by how many deals"
    );
}

#[test]
fn the_impact_preview_counts_the_records_a_change_moves() {
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "hubspot-deals.csv");
    imported(&mut ws, "hubspot-contacts.csv");
    imported(&mut ws, "cs-accounts.csv");
    let (contacts, deals, accounts) = (
        ws.contacts().expect("c"),
        ws.deals().expect("d"),
        ws.accounts().expect("a"),
    );
    let before = defaults();
    let mut after = before.clone();
    // Contract sent counts as proposal; MQL needs paid traffic; nobody churns by date alone.
    for m in &mut after.stage_mapping {
        if m.raw.iter().any(|r| r == "contractsent") {
            m.stage = "Proposal".into();
        }
    }
    after
        .rules
        .iter_mut()
        .find(|r| r.term == "mql")
        .expect("mql")
        .conditions
        .push(Condition {
            field: revops_cockpit::model::Field::Source,
            op: Op::Equals,
            value: Some(RuleValue::One("Paid Search".into())),
        });
    after.rules.retain(|r| r.term != "churned");
    after.rules.push(revops_cockpit::definitions::model::Rule {
        term: "churned".into(),
        matches: revops_cockpit::definitions::model::Match::All,
        date: revops_cockpit::model::Field::ChurnDate,
        conditions: vec![
            Condition {
                field: revops_cockpit::model::Field::ChurnDate,
                op: Op::IsSet,
                value: None,
            },
            Condition {
                field: revops_cockpit::model::Field::RenewalOutreachDate,
                op: Op::IsNotSet,
                value: None,
            },
        ],
    });
    let moves =
        revops_cockpit::definitions::impact::impact(&before, &after, &contacts, &deals, &accounts);
    let lines: Vec<String> = moves.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "1 customer accounts move from churned to active",
            "1 deals move from Negotiation to Proposal"
        ]
    );
    // The MQL rule moves no contact's current stage here: 102 is still an MQL by paid search,
    // and 101 is a customer whatever marketing counted.
    assert!(
        revops_cockpit::definitions::impact::impact(&before, &before, &contacts, &deals, &accounts)
            .is_empty()
    );
}

#[test]
fn the_impact_preview_shows_how_a_rule_change_moves_a_quarters_conversion() {
    use revops_cockpit::definitions::fiscal::Quarter;
    use revops_cockpit::definitions::impact::{conversion_changes, step_conversions};
    let (_dir, mut ws) = workspace();
    imported(&mut ws, "hubspot-contacts.csv");
    let contacts = ws.contacts().expect("contacts");
    let before = defaults();
    let q1 = Quarter {
        year: 2025,
        quarter: 1,
    };
    let steps = step_conversions(&before, &contacts, q1);
    let mql_sql = &steps[1];
    assert_eq!(
        (
            mql_sql.from.as_str(),
            mql_sql.to.as_str(),
            mql_sql.entered,
            mql_sql.converted
        ),
        ("MQL", "SQL", 2, 1)
    );
    assert_eq!(mql_sql.percent(), Some(50.0));
    // Marketing tightens MQL to paid search only: Ana (organic) no longer counts.
    let mut after = before.clone();
    after
        .rules
        .iter_mut()
        .find(|r| r.term == "mql")
        .expect("mql")
        .conditions
        .push(Condition {
            field: revops_cockpit::model::Field::Source,
            op: Op::Equals,
            value: Some(RuleValue::One("Paid Search".into())),
        });
    let changes = conversion_changes(&before, &after, &contacts, q1);
    let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "2025-Q1 Lead to MQL conversion changes from 50.0% to 25.0% (2 of 4 before, 1 of 4 after)",
            "2025-Q1 MQL to SQL conversion changes from 50.0% to 0.0% (1 of 2 before, 0 of 1 after)"
        ]
    );
}
