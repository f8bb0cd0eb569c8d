//! Any bytes as a CRM export: the import never panics, and a refused file leaves the
//! workspace exactly as it was (all or nothing), whatever the encoding, delimiter,
//! quoting or values. Each input goes through the recognised formats, then through the
//! column-mapping screen's reader (preview, field guesses, every cell read as its field)
//! and an import with the guessed mapping saved as a preset.
//!
//! Run: `cargo +nightly fuzz run import_any_file -- -max_total_time=600` (see README).

#![no_main]

use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use revops_cockpit::import::formats::{Binding, ColumnMapping, Target, suggest_fields};
use revops_cockpit::import::preview::{column_date_order, preview_file, read_cell};
use revops_cockpit::import::{ImportOptions, ImportOutcome, header_signature, import_file};
use revops_cockpit::progress::WorkControl;
use revops_cockpit::model::{Field, RecordObject};
use revops_cockpit::workspace::Workspace;

struct Scratch {
    _dir: tempfile::TempDir,
    file: std::path::PathBuf,
    ws: Workspace,
}

fn scratch() -> &'static Mutex<Scratch> {
    static SCRATCH: OnceLock<Mutex<Scratch>> = OnceLock::new();
    SCRATCH.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let ws = Workspace::open(&dir.path().join("fuzz.sqlite")).expect("workspace");
        Mutex::new(Scratch {
            file: dir.path().join("export.csv"),
            _dir: dir,
            ws,
        })
    })
}

/// Imports the file with `options`: an accepted file is undone (keeping the workspace
/// small), a refused one must say why and leave no batch and no record behind.
fn import_checked(ws: &mut Workspace, file: &std::path::Path, options: &ImportOptions) {
    let before = ws.record_counts().expect("counts");
    let batches = ws.batches().expect("batches").len();
    match import_file(ws, file, options, &WorkControl::default()) {
        Ok(ImportOutcome::Imported(b)) => {
            ws.undo_batch(b.id).expect("undo");
        }
        Ok(_) => {}
        Err(e) => {
            assert!(!e.to_string().is_empty(), "a refusal says why");
            assert_eq!(ws.batches().expect("batches").len(), batches, "{e}");
            assert_eq!(ws.record_counts().expect("counts"), before, "{e}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut s = scratch().lock().unwrap_or_else(|e| e.into_inner());
    let Scratch { file, ws, .. } = &mut *s;
    std::fs::write(&*file, data).expect("write the input");
    let options = ImportOptions {
        is_sample: true, // no backup per input: the fuzzer runs thousands
        ..ImportOptions::default()
    };
    import_checked(ws, file, &options);
    // The mapping screen: its preview reads every cell as the field guessed for it.
    let Ok(preview) = preview_file(file, 20) else {
        return;
    };
    if preview.header.is_empty() {
        return;
    }
    let guesses = suggest_fields(&preview.header, RecordObject::Deal);
    let mut bindings: Vec<Binding> = Vec::new();
    for (column, field) in guesses.iter().enumerate() {
        let Some(field) = *field else { continue };
        let order = column_date_order(&preview.rows, column);
        for row in &preview.rows {
            if let Some(cell) = row.get(column) {
                let _ = read_cell(field, cell, order);
            }
        }
        bindings.push(Binding {
            column,
            header: preview.header.get(column).cloned().unwrap_or_default(),
            target: Target::Field(field),
        });
    }
    if !bindings
        .iter()
        .any(|b| b.target == Target::Field(Field::SourceId))
    {
        bindings.insert(
            0,
            Binding {
                column: 0,
                header: preview.header.first().cloned().unwrap_or_default(),
                target: Target::Field(Field::SourceId),
            },
        );
    }
    let mapping = ColumnMapping {
        object: RecordObject::Deal,
        bindings,
        ignored: Vec::new(),
    };
    let Ok(json) = serde_json::to_string(&mapping) else {
        return;
    };
    ws.save_preset("fuzz", &header_signature(&preview.header), "deal", &json)
        .expect("save preset");
    import_checked(
        ws,
        file,
        &ImportOptions {
            preset: Some("fuzz".to_owned()),
            ..options
        },
    );
});
