//! The Funnel's tables kept in the workspace: read back equal to the tables built from
//! the records, dropped by every change to the records or the definitions, and refused
//! when stale or damaged.

use revops_cockpit::definitions::{Definitions, versions};
use revops_cockpit::metrics::contact_table::ContactTable;
use revops_cockpit::metrics::deal_table::DealTable;
use revops_cockpit::metrics::report::{FunnelQuestion, funnel_report};
use revops_cockpit::metrics::stored_tables::{StoredTablesError, from_bytes, to_bytes};
use revops_cockpit::metrics::{Dimension, Filter};
use revops_cockpit::workspace::Workspace;

use crate::common::{imported, workspace};

/// The funnel fixtures' workspace, its definitions and its tables built from the records.
fn funnel_tables() -> (
    tempfile::TempDir,
    Workspace,
    Definitions,
    ContactTable,
    DealTable,
) {
    let (dir, mut ws) = workspace();
    imported(&mut ws, "funnel-contacts.csv");
    imported(&mut ws, "funnel-deals.csv");
    let (_, defs) = versions::current(&ws).expect("definitions");
    let contacts = ContactTable::load(&ws, &defs).expect("contacts");
    let deals = DealTable::load(&ws, &defs).expect("deals");
    (dir, ws, defs, contacts, deals)
}

/// Every number the Funnel view shows for 2025-Q1, as text.
fn numbers(defs: &Definitions, contacts: &ContactTable, deals: &DealTable) -> String {
    let report = funnel_report(
        defs,
        contacts,
        deals,
        &FunnelQuestion {
            period: revops_cockpit::definitions::fiscal::Quarter::parse("2025-Q1")
                .expect("quarter"),
            mode: Default::default(),
            filter: Filter::all(),
            breakdown_by: Dimension::Owner,
        },
    );
    serde_json::to_string(&report).expect("json")
}

#[test]
fn kept_tables_read_back_give_the_numbers_of_the_tables_built_from_the_records() {
    let (_dir, mut ws, defs, contacts, deals) = funnel_tables();
    assert_eq!(ws.kept_tables().expect("read"), None, "nothing kept yet");
    let generation = ws.generation().expect("generation");
    let bytes = to_bytes(&defs, &contacts, &deals).expect("bytes");
    assert!(ws.keep_tables(generation, &bytes).expect("keep"));

    // Read back through a connection of its own, as the next session would.
    let again = Workspace::reopen(ws.path()).expect("reopen");
    let (kept_generation, kept) = again.kept_tables().expect("read").expect("kept");
    assert_eq!((kept_generation, &kept), (generation, &bytes));
    let (kept_contacts, kept_deals) = from_bytes(&kept, &defs).expect("whole");
    assert_eq!(
        (kept_contacts.len(), kept_deals.len()),
        (contacts.len(), deals.len())
    );
    assert_eq!((contacts.len(), deals.len()), (7, 7));
    for i in 0..contacts.len() {
        assert_eq!(kept_contacts.key(i), contacts.key(i));
        assert_eq!(kept_contacts.entered(i), contacts.entered(i));
        for stage in 0..contacts.stages() {
            assert_eq!(
                kept_contacts.stage_date(i, stage),
                contacts.stage_date(i, stage)
            );
        }
        assert_eq!(
            kept_contacts.value(i, Dimension::Owner),
            contacts.value(i, Dimension::Owner)
        );
    }
    assert_eq!(
        numbers(&defs, &kept_contacts, &kept_deals),
        numbers(&defs, &contacts, &deals)
    );
    assert!(numbers(&defs, &contacts, &deals).contains("\"count\":5"));
}

#[test]
fn every_change_to_the_records_or_the_definitions_drops_the_kept_tables() {
    let (_dir, mut ws, defs, contacts, deals) = funnel_tables();
    let bytes = to_bytes(&defs, &contacts, &deals).expect("bytes");
    let keep = |ws: &mut Workspace| {
        let generation = ws.generation().expect("generation");
        assert!(ws.keep_tables(generation, &bytes).expect("keep"));
        assert!(ws.kept_tables().expect("read").is_some());
        generation
    };

    // An import.
    let before = keep(&mut ws);
    let batch = imported(&mut ws, "hubspot-deals.csv");
    assert_ne!(ws.generation().expect("generation"), before);
    assert_eq!(
        ws.kept_tables().expect("read"),
        None,
        "dropped by an import"
    );
    // Tables read before the import are refused: they are not its records.
    assert!(!ws.keep_tables(before, &bytes).expect("keep"));
    assert_eq!(ws.kept_tables().expect("read"), None);

    // An undo, even of the batch just imported, back to the same records: a new
    // generation all the same, never one seen before.
    let after_import = keep(&mut ws);
    ws.undo_batch(batch.id).expect("undo");
    let after_undo = ws.generation().expect("generation");
    assert!(after_undo != after_import && after_undo != before);
    assert_eq!(ws.kept_tables().expect("read"), None, "dropped by an undo");

    // A definitions version saved.
    keep(&mut ws);
    let mut edited = defs.clone();
    edited.lifecycle_stages[0].definition.push_str(" Edited.");
    versions::save(&ws, &edited, "Ana", "clearer wording").expect("save");
    assert_eq!(
        ws.kept_tables().expect("read"),
        None,
        "dropped by new definitions"
    );

    // Forgetting them on purpose.
    keep(&mut ws);
    ws.forget_kept_tables().expect("forget");
    assert_eq!(ws.kept_tables().expect("read"), None);
}

#[test]
fn stale_or_damaged_kept_tables_are_refused() {
    let (_dir, _ws, defs, contacts, deals) = funnel_tables();
    let bytes = to_bytes(&defs, &contacts, &deals).expect("bytes");
    assert!(from_bytes(&bytes, &defs).is_ok());

    let mut edited = defs.clone();
    edited.lifecycle_stages[0].definition.push_str(" Edited.");
    assert!(matches!(
        from_bytes(&bytes, &edited),
        Err(StoredTablesError::Stale)
    ));

    let cut = bytes.get(..bytes.len() - 3).expect("shorter");
    assert!(matches!(
        from_bytes(cut, &defs),
        Err(StoredTablesError::Damaged(_))
    ));
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(
        from_bytes(&longer, &defs),
        Err(StoredTablesError::Damaged(_))
    ));
}

#[test]
fn a_backup_put_back_brings_the_kept_tables_of_its_own_records() {
    let (_dir, mut ws, defs, contacts, deals) = funnel_tables();
    let before = ws.generation().expect("generation");
    let kept_before = to_bytes(&defs, &contacts, &deals).expect("bytes");
    assert!(ws.keep_tables(before, &kept_before).expect("keep"));

    // The import keeps a backup of the state before it, kept tables and all.
    imported(&mut ws, "hubspot-deals.csv");
    let after = ws.generation().expect("generation");
    let built_after = |ws: &Workspace| {
        to_bytes(
            &defs,
            &ContactTable::load(ws, &defs).expect("contacts"),
            &DealTable::load(ws, &defs).expect("deals"),
        )
        .expect("bytes")
    };
    let kept_after = built_after(&ws);
    assert_ne!(kept_after, kept_before, "three more deals");
    assert!(ws.keep_tables(after, &kept_after).expect("keep"));

    let backups = revops_cockpit::workspace::list_backups(ws.path());
    ws.restore_backup(&backups[0].path).expect("restore");
    assert_eq!(ws.generation().expect("generation"), before);
    assert_eq!(
        ws.kept_tables().expect("read"),
        Some((before, kept_before.clone()))
    );
    assert_eq!(
        built_after(&ws),
        kept_before,
        "the tables the restored records build"
    );
    // Tables of the records the restore replaced are refused.
    assert!(!ws.keep_tables(after, &kept_after).expect("keep"));
}
