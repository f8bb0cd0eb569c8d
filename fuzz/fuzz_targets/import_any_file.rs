//! Any bytes as a CRM export: the import never panics, and a refused file leaves the
//! workspace exactly as it was (all or nothing), whatever the encoding, delimiter,
//! quoting or values.
//!
//! Run: `cargo +nightly fuzz run import_any_file -- -max_total_time=600` (see README).

#![no_main]

use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use revops_cockpit::import::{ImportControl, ImportOptions, ImportOutcome, import_file};
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

fuzz_target!(|data: &[u8]| {
    let mut s = scratch().lock().unwrap_or_else(|e| e.into_inner());
    let Scratch { file, ws, .. } = &mut *s;
    std::fs::write(&*file, data).expect("write the input");
    let before = ws.record_counts().expect("counts");
    let batches = ws.batches().expect("batches").len();
    let options = ImportOptions {
        is_sample: true, // no backup per input: the fuzzer runs thousands a second
        ..ImportOptions::default()
    };
    match import_file(ws, file, &options, &ImportControl::default()) {
        Ok(ImportOutcome::Imported(b)) => {
            // Keep the workspace small: undo what was imported.
            ws.undo_batch(b.id).expect("undo");
        }
        Ok(_) => {}
        Err(e) => {
            assert!(!e.to_string().is_empty(), "a refusal says why");
            assert_eq!(ws.batches().expect("batches").len(), batches, "{e}");
            assert_eq!(ws.record_counts().expect("counts"), before, "{e}");
        }
    }
});
