//! File dialogs: each names what follows once the user has chosen.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::app::exports::RecordsExport;
use crate::view_model::file_box::{FileBox, FileBoxKind};

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
    /// Where to write a scorecard.
    ScorecardExportPath(Box<super::ScorecardExport>),
}

/// What a native dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The paths chosen; none when cancelled or when no dialog was shown.
    pub paths: Vec<PathBuf>,
    /// Whether a dialog was shown at all. On a Linux desktop without an
    /// xdg-desktop-portal the dialog returns nothing at once, exactly as a cancel.
    pub shown: bool,
}

/// A dialog that returns nothing sooner than this was never on screen: nobody finds and
/// presses Cancel that fast.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

impl Pick {
    /// Shows the native dialog and waits for the user.
    pub fn ask(&self) -> Answer {
        let started = Instant::now();
        let paths = self.ask_native();
        let shown = !paths.is_empty() || started.elapsed() >= NO_DIALOG_WITHIN;
        Answer { paths, shown }
    }

    fn ask_native(&self) -> Vec<PathBuf> {
        let dialog = rfd::FileDialog::new().set_title(self.title());
        let one = |p: Option<PathBuf>| p.into_iter().collect();
        match self {
            Self::FilesToImport => dialog
                .add_filter("CSV and text exports", &["csv", "txt", "tsv"])
                .add_filter("All files", &["*"])
                .pick_files()
                .unwrap_or_default(),
            Self::Workspace => one(dialog
                .add_filter("Workspace", &["sqlite", "db"])
                .pick_file()),
            Self::DefinitionsFile => one(dialog
                .add_filter("Definitions (TOML)", &["toml"])
                .pick_file()),
            Self::DefinitionsExportPath
            | Self::IssuesExportPath(_)
            | Self::RecordsExportPath(_)
            | Self::ScorecardExportPath(_) => {
                one(dialog.set_file_name(self.file_name()).save_file())
            }
        }
    }

    /// The dialog's title.
    pub fn title(&self) -> &'static str {
        match self {
            Self::FilesToImport => "Import CRM exports",
            Self::Workspace => "Open a workspace",
            Self::DefinitionsFile => "Import definitions",
            Self::DefinitionsExportPath => "Export definitions",
            Self::IssuesExportPath(_) => "Save rejected rows",
            Self::RecordsExportPath(_) => "Save the records",
            Self::ScorecardExportPath(_) => "Export the scorecard",
        }
    }

    /// The name a save suggests; empty for an open.
    fn file_name(&self) -> String {
        match self {
            Self::DefinitionsExportPath => "revops-definitions.toml".to_owned(),
            Self::IssuesExportPath(batch_id) => format!("batch-{batch_id}-rejected-rows.csv"),
            Self::RecordsExportPath(records) => records.file_name.clone(),
            Self::ScorecardExportPath(export) => export.file_name(),
            Self::FilesToImport | Self::Workspace | Self::DefinitionsFile => String::new(),
        }
    }

    /// The app's own box asking the same question, for when no native dialog is shown:
    /// a save starts at `~/Documents/<suggested name>`, an import in `~/Downloads`, where
    /// browsers put CRM exports.
    pub fn file_box(&self, workspace_folder: Option<PathBuf>) -> FileBox {
        let dirs = directories::UserDirs::new();
        let home = dirs.as_ref().map(|d| d.home_dir().to_path_buf());
        // Without the desktop's user-dirs file the folders are known by their usual names.
        let usual = |name: &str| home.as_ref().map(|h| h.join(name)).filter(|p| p.is_dir());
        let documents = dirs
            .as_ref()
            .and_then(|d| d.document_dir().map(PathBuf::from))
            .or_else(|| usual("Documents"));
        let downloads = dirs
            .as_ref()
            .and_then(|d| d.download_dir().map(PathBuf::from))
            .or_else(|| usual("Downloads"));
        let folder = match self {
            Self::FilesToImport => downloads.or(documents).or(home),
            Self::Workspace => workspace_folder.or(documents).or(home),
            _ => documents.or(home),
        }
        .unwrap_or_default();
        let kind = match self {
            Self::FilesToImport => FileBoxKind::OpenMany,
            Self::Workspace | Self::DefinitionsFile => FileBoxKind::Open,
            _ => FileBoxKind::Save,
        };
        FileBox::new(self.title(), kind, folder.join(self.file_name()))
    }
}
