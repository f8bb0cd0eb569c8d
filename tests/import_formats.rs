//! Each supported export imports from a fixture written the way the CRM writes it,
//! with exact counts and correctly typed values.

use revops_cockpit::model::{DealStatus, LifecycleStage};

use crate::common::{imported, ts, workspace};

#[test]
fn hubspot_contacts_with_bom_crlf_and_multiline_notes() {
    let (_dir, mut ws) = workspace();
    let b = imported(&mut ws, "hubspot-contacts.csv");
    assert_eq!((b.crm.as_str(), b.object.as_str()), ("hubspot", "contact"));
    assert_eq!(b.format, "HubSpot contacts export");
    assert_eq!(b.encoding, "UTF-8 (BOM)");
    assert_eq!(
        (
            b.rows_read,
            b.rows_imported,
            b.rows_updated,
            b.rows_rejected,
            b.rows_warned
        ),
        (6, 4, 0, 2, 1)
    );

    let issues = ws.row_issues(b.id, 100).expect("issues");
    let rejected: Vec<(i64, Option<&str>, &str)> = issues
        .iter()
        .filter(|i| i.severity == "rejected")
        .map(|i| (i.row, i.column.as_deref(), i.reason.as_str()))
        .collect();
    assert_eq!(rejected.len(), 2);
    assert_eq!(
        rejected[0].0, 5,
        "rows are numbered as a spreadsheet shows them: the multi-line note is one row"
    );
    assert_eq!(rejected[0].1, Some("Record ID"));
    assert_eq!(rejected[1].0, 7);
    assert_eq!(rejected[1].1, Some("Create Date"));
    assert!(rejected[1].2.contains("last week"), "{}", rejected[1].2);
    let warning = issues
        .iter()
        .find(|i| i.severity == "warning")
        .expect("a warning");
    assert_eq!(
        (warning.row, warning.column.as_deref()),
        (6, Some("Became a Marketing Qualified Lead Date"))
    );
    assert_eq!(warning.raw.first().map(String::as_str), Some("105"));

    let contacts = ws.contacts().expect("contacts");
    let ids: Vec<&str> = contacts.iter().map(|c| c.source_id.as_str()).collect();
    assert_eq!(ids, ["101", "102", "103", "105"]);
    let ana = &contacts[0];
    assert_eq!(ana.name.as_deref(), Some("Ana Silva"));
    assert_eq!(ana.owner.as_deref(), Some("Jordan Blake"));
    assert_eq!(ana.region.as_deref(), Some("EMEA"));
    assert_eq!(
        ana.reached(LifecycleStage::Mql),
        Some(ts(2025, 1, 7, 10, 0))
    );
    assert_eq!(
        ana.reached(LifecycleStage::Customer),
        Some(ts(2025, 2, 20, 16, 0))
    );
    assert_eq!(ana.current_stage.as_deref(), Some("customer"));
    let raw = ws
        .raw_row(
            revops_cockpit::model::RecordObject::Contact,
            "hubspot",
            "102",
        )
        .expect("raw")
        .expect("row");
    assert_eq!(
        raw.last().map(String::as_str),
        Some("Asked about SSO, \"audit log\"\nfollow up in March")
    );
    assert_eq!(
        contacts[3].reached(LifecycleStage::Mql),
        None,
        "the unreadable MQL date is left blank"
    );
}

#[test]
fn hubspot_deals_with_stage_entry_columns() {
    let (_dir, mut ws) = workspace();
    let b = imported(&mut ws, "hubspot-deals.csv");
    assert_eq!((b.rows_read, b.rows_imported, b.rows_rejected), (3, 3, 0));
    let deals = ws.deals().expect("deals");
    let won = &deals[0];
    assert_eq!(won.status, DealStatus::Won);
    assert_eq!(won.mapped_stage.as_deref(), Some("Closed Won"));
    assert_eq!(won.amount_cents, Some(2_400_000));
    let stages: Vec<(&str, i64)> = won
        .stage_entries
        .iter()
        .map(|e| (e.stage.as_str(), e.entered))
        .collect();
    assert_eq!(
        stages,
        [
            ("Appointment Scheduled", ts(2025, 1, 10, 8, 0)),
            ("Contract Sent", ts(2025, 3, 1, 12, 0)),
            ("Closed Won", ts(2025, 3, 30, 9, 0))
        ]
    );
    assert_eq!(deals[1].status, DealStatus::Open);
    assert_eq!(deals[1].amount_cents, Some(1_250_050));
    assert_eq!(deals[1].mapped_stage.as_deref(), Some("Negotiation"));
    assert_eq!(deals[2].status, DealStatus::Lost);
    assert_eq!(deals[2].amount_cents, None);
}

#[test]
fn salesforce_report_with_preamble_footer_and_us_formats() {
    let (_dir, mut ws) = workspace();
    let b = imported(&mut ws, "salesforce-opportunities.csv");
    assert_eq!(b.format, "Salesforce opportunity report");
    assert_eq!((b.rows_read, b.rows_imported, b.rows_rejected), (4, 4, 0));
    assert_eq!((b.preamble_lines, b.footer_lines), (3, 3));
    let deals = ws.deals().expect("deals");
    let granite = deals
        .iter()
        .find(|d| d.source_id == "0065g00000AAAA1AAA")
        .expect("granite");
    assert_eq!(granite.amount_cents, Some(4_800_000));
    assert_eq!(granite.currency.as_deref(), Some("USD"));
    assert_eq!(granite.close_date, Some(ts(2025, 3, 14, 0, 0)));
    assert_eq!(granite.status, DealStatus::Won);
    assert_eq!(granite.probability_pct, Some(100.0));
    let iron = deals
        .iter()
        .find(|d| d.source_id == "0065g00000AAAA3AAA")
        .expect("iron");
    assert_eq!(iron.amount_cents, Some(-120_000));
    assert_eq!(iron.status, DealStatus::Lost);
    let juniper = deals
        .iter()
        .find(|d| d.source_id == "0065g00000AAAA4AAA")
        .expect("juniper");
    assert_eq!(juniper.created, Some(ts(2025, 1, 20, 10, 22)));
}

#[test]
fn salesforce_leads_as_utf16_tab_separated_unicode_text() {
    let (_dir, mut ws) = workspace();
    let b = imported(&mut ws, "salesforce-leads-unicode.txt");
    assert_eq!(
        (b.format.as_str(), b.encoding.as_str(), b.delimiter.as_str()),
        ("Salesforce lead report", "UTF-16 LE", "tab")
    );
    assert_eq!((b.rows_read, b.rows_imported), (3, 3));
    let contacts = ws.contacts().expect("contacts");
    assert_eq!(contacts[0].name.as_deref(), Some("Zoë Müller"));
    assert_eq!(contacts[0].company.as_deref(), Some("Köln Analytics GmbH"));
    // 14/03/2025 proves the column is day first, so 02/04/2025 is the 2nd of April.
    assert_eq!(contacts[1].created, Some(ts(2025, 4, 2, 0, 0)));
    assert_eq!(
        contacts[1].reached(LifecycleStage::Sql),
        Some(ts(2025, 4, 20, 0, 0))
    );
}

#[test]
fn pipedrive_semicolons_european_dates_and_amounts() {
    let (_dir, mut ws) = workspace();
    let b = imported(&mut ws, "pipedrive-deals.csv");
    assert_eq!(
        (b.crm.as_str(), b.delimiter.as_str(), b.rows_imported),
        ("pipedrive", "semicolon", 3)
    );
    let deals = ws.deals().expect("deals");
    assert_eq!(deals[0].amount_cents, Some(1_250_000));
    assert_eq!(deals[0].currency.as_deref(), Some("EUR"));
    assert_eq!(deals[0].status, DealStatus::Won);
    assert_eq!(deals[0].created, Some(ts(2025, 1, 3, 9, 15)));
    assert_eq!(deals[0].close_date, Some(ts(2025, 3, 14, 16, 0)));
    assert_eq!(deals[1].amount_cents, Some(320_050));
    assert_eq!(deals[2].status, DealStatus::Lost);
    assert_eq!(deals[2].lost_reason.as_deref(), Some("Price"));
}

#[test]
fn customer_success_accounts() {
    let (_dir, mut ws) = workspace();
    let b = imported(&mut ws, "cs-accounts.csv");
    assert_eq!((b.object.as_str(), b.rows_imported), ("account", 2));
    let accounts = ws.accounts().expect("accounts");
    assert_eq!(accounts[0].arr_cents, Some(4_800_000));
    assert_eq!(accounts[0].kickoff, Some(ts(2025, 3, 15, 0, 0)));
    assert_eq!(accounts[1].arr_cents, Some(1_250_000));
    assert_eq!(accounts[1].currency.as_deref(), Some("EUR"));
    assert_eq!(accounts[1].kickoff, None);
    assert_eq!(accounts[1].churned, Some(ts(2025, 3, 31, 0, 0)));
}

#[test]
fn windows_1252_bytes_are_decoded() {
    let (_dir, mut ws) = workspace();
    let b = imported(&mut ws, "hubspot-contacts-windows-1252.csv");
    assert_eq!((b.encoding.as_str(), b.rows_imported), ("Windows-1252", 2));
    let contacts = ws.contacts().expect("contacts");
    assert_eq!(contacts[0].name.as_deref(), Some("Zoë Müller"));
    assert_eq!(contacts[0].company.as_deref(), Some("Café Señor"));
    assert_eq!(contacts[1].company.as_deref(), Some("Crème – Brûlée Ltd"));
}

#[test]
fn the_bundled_sample_data_imports_whole() {
    let (_dir, mut ws) = workspace();
    revops_cockpit::sample::load_sample_data(
        &mut ws,
        &revops_cockpit::progress::WorkControl::default(),
    )
    .expect("sample");
    let batches = ws.batches().expect("batches");
    assert_eq!(batches.len(), 4);
    assert!(
        batches
            .iter()
            .all(|b| b.is_sample && b.rows_rejected == 0 && b.rows_read > 0)
    );
    let counts = ws.record_counts().expect("counts");
    assert_eq!(counts.contacts, batches[0].rows_imported);
    assert_eq!(
        counts.deals,
        batches[1].rows_imported + batches[2].rows_imported
    );
    assert_eq!(counts.accounts, batches[3].rows_imported);
    assert!(ws.holds_only_sample_data().expect("sample?"));
}

#[test]
fn a_saved_column_mapping_imports_an_unknown_export_and_the_next_one_by_itself() {
    use revops_cockpit::import::formats::ColumnMapping;
    use revops_cockpit::import::{ImportError, header_signature, read_header};
    use revops_cockpit::model::{Field, RecordObject};

    let (_dir, mut ws) = workspace();
    let err = crate::common::import(&mut ws, "zoho-deals.csv").expect_err("not recognised");
    assert!(matches!(err, ImportError::Unrecognised { .. }));

    let header = read_header(&crate::common::fixture("zoho-deals.csv")).expect("header");
    let choices = [
        Some(Field::SourceId),
        Some(Field::Name),
        Some(Field::Account),
        Some(Field::Stage),
        Some(Field::Amount),
        Some(Field::CloseDate),
        Some(Field::Created),
        Some(Field::Owner),
    ];
    let mapping = ColumnMapping::from_choices(RecordObject::Deal, &header, &choices);
    assert!(mapping.problems().is_empty());
    let json = serde_json::to_string(&mapping).expect("json");
    ws.save_preset("Zoho deals", &header_signature(&header), "deal", &json)
        .expect("save");

    let options = revops_cockpit::import::ImportOptions {
        preset: Some("Zoho deals".into()),
        ..crate::common::as_of(2025, 3, 31)
    };
    let outcome = revops_cockpit::import::import_file(
        &mut ws,
        &crate::common::fixture("zoho-deals.csv"),
        &options,
        &Default::default(),
    );
    let Ok(revops_cockpit::import::ImportOutcome::Imported(b)) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(
        (b.crm.as_str(), b.format.as_str()),
        ("mapped:Zoho deals", "Mapped with \"Zoho deals\"")
    );
    assert_eq!(
        (b.rows_imported, b.rows_rejected, b.rows_warned),
        (3, 0, 1),
        "the unreadable close date only warns"
    );

    // Next quarter's export of the same shape finds the mapping by its header.
    let b2 = imported(&mut ws, "zoho-deals-q2.csv");
    assert_eq!(
        (b2.crm.as_str(), b2.rows_imported, b2.rows_updated),
        ("mapped:Zoho deals", 1, 1)
    );
    let deals = ws.deals().expect("deals");
    let orbit = deals
        .iter()
        .find(|d| d.source_id == "Z-1002")
        .expect("orbit");
    assert_eq!(
        (orbit.status, orbit.amount_cents),
        (DealStatus::Won, Some(800_000))
    );
    assert_eq!(orbit.created, Some(ts(2025, 2, 2, 15, 40)));
}

#[test]
fn a_contacts_file_without_ids_is_keyed_by_email_and_its_stage_column_guessed_from_its_values() {
    use revops_cockpit::import::preview::preview_file;
    use revops_cockpit::import::{ImportOptions, ImportOutcome, header_signature, import_file};
    use revops_cockpit::model::{Field, RecordObject};
    use revops_cockpit::view_model::mapping::MappingDraft;

    let file = crate::common::fixture("event-leads.csv");
    let draft = MappingDraft::from_preview(preview_file(&file, 12).expect("preview"));
    assert_eq!(draft.object, RecordObject::Contact);
    // "Funnel step" names nothing known; its values are lifecycle stages.
    assert_eq!(
        draft.choices,
        [
            Some(Field::Name),
            Some(Field::Email),
            Some(Field::Company),
            Some(Field::LifecycleStage),
            None,
        ]
    );
    let mapping = draft.mapping();
    assert!(mapping.keyed_by_email() && draft.problems().is_empty());

    let (_dir, mut ws) = workspace();
    let json = serde_json::to_string(&mapping).expect("json");
    ws.save_preset(
        "Event leads",
        &header_signature(&draft.header),
        "contact",
        &json,
    )
    .expect("preset");
    let options = ImportOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2025, 5, 31),
        ..ImportOptions::default()
    };
    let first = match import_file(&mut ws, &file, &options, &Default::default()) {
        Ok(ImportOutcome::Imported(b)) => b,
        other => panic!("{other:?}"),
    };
    assert_eq!(first.rows_imported, 4);
    assert!(
        first
            .notes
            .iter()
            .any(|n| n.contains("each contact is identified by its email")),
        "{:?}",
        first.notes
    );
    let ids: Vec<String> = ws
        .contacts()
        .expect("contacts")
        .into_iter()
        .map(|c| c.source_id)
        .collect();
    assert!(ids.contains(&"ada@lumen.example".to_owned()), "{ids:?}");
}
