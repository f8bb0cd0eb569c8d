//! File dialogs: each names what follows once the user has chosen.

use std::path::PathBuf;

use crate::app::exports::RecordsExport;

/// A file dialog, by what the chosen path is for.
#[derive(Debug, Clone)]
pub enum Pick {
    /// CRM exports to import.
    FilesToImport,
    /// A workspace to open.
    Workspace,
    /// A definitions file to check and save as a new version.
    DefinitionsFile,
    /// Where to write the definitions in force.
    DefinitionsExportPath,
    /// Where to save a batch's rejected rows.
    IssuesExportPath(i64),
    /// Where to save a list of records.
    RecordsExportPath(Box<RecordsExport>),
}

impl Pick {
    /// Shows the native dialog and waits for the user: the paths chosen, none when
    /// cancelled.
    pub fn ask(&self) -> Vec<PathBuf> {
        let dialog = rfd::FileDialog::new();
        let one = |p: Option<PathBuf>| p.into_iter().collect();
        match self {
            Self::FilesToImport => dialog
                .set_title("Import CRM exports")
                .add_filter("CSV and text exports", &["csv", "txt", "tsv"])
                .add_filter("All files", &["*"])
                .pick_files()
                .unwrap_or_default(),
            Self::Workspace => one(dialog
                .set_title("Open a workspace")
                .add_filter("Workspace", &["sqlite", "db"])
                .pick_file()),
            Self::DefinitionsFile => one(dialog
                .set_title("Import definitions")
                .add_filter("Definitions (TOML)", &["toml"])
                .pick_file()),
            Self::DefinitionsExportPath => one(dialog
                .set_title("Export definitions")
                .set_file_name("revops-definitions.toml")
                .save_file()),
            Self::IssuesExportPath(batch_id) => one(dialog
                .set_title("Save rejected rows")
                .set_file_name(format!("batch-{batch_id}-rejected-rows.csv"))
                .save_file()),
            Self::RecordsExportPath(records) => one(dialog
                .set_title("Save the records")
                .set_file_name(&records.file_name)
                .save_file()),
        }
    }
}
