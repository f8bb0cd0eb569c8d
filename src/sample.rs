//! The bundled sample data: a fictional company's exports, loaded on first launch.

use std::path::Path;

use chrono::NaiveDate;

use crate::import::{ImportError, ImportOptions, import_file};
use crate::progress::WorkControl;
use crate::workspace::Workspace;

/// Each sample file's name and contents, in import order.
pub const SAMPLE_FILES: [(&str, &[u8]); 4] = [
    (
        "hubspot-contacts.csv",
        include_bytes!("../sample-data/hubspot-contacts.csv"),
    ),
    (
        "hubspot-deals.csv",
        include_bytes!("../sample-data/hubspot-deals.csv"),
    ),
    (
        "salesforce-opportunities.csv",
        include_bytes!("../sample-data/salesforce-opportunities.csv"),
    ),
    (
        "cs-accounts.csv",
        include_bytes!("../sample-data/cs-accounts.csv"),
    ),
];

/// The date the sample exports describe.
pub fn sample_as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default()
}

/// Imports the bundled sample files as sample batches.
pub fn load_sample_data(ws: &mut Workspace, control: &WorkControl) -> Result<(), ImportError> {
    let dir = tempfile::Builder::new()
        .prefix("revops-cockpit-sample-")
        .tempdir()
        .map_err(|source| ImportError::Unreadable {
            file: std::env::temp_dir(),
            source,
        })?;
    for (name, bytes) in SAMPLE_FILES {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).map_err(|source| ImportError::Unreadable {
            file: path.clone(),
            source,
        })?;
        let options = ImportOptions {
            as_of: Some(sample_as_of()),
            is_sample: true,
            ..ImportOptions::default()
        };
        import_file(ws, &path, &options, control)?;
    }
    Ok(())
}

/// Whether `path` names a workspace that does not exist yet (a first launch).
pub fn is_first_launch(path: &Path) -> bool {
    !path.exists()
}
