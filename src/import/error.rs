//! Why a whole file was not imported, in words a RevOps lead can act on.

use std::path::PathBuf;

/// A file-level failure. Every variant names the file; the import changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "{file}: cannot be read ({source}). Check that the file exists and is not open in another program."
    )]
    Unreadable {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: the file is empty. Export the report again from your CRM.")]
    Empty { file: PathBuf },
    #[error(
        "{file}: this is not a text or CSV file (it holds binary data). Export the data as CSV from your CRM and import that file."
    )]
    NotText { file: PathBuf },
    #[error(
        "{file}: no table was found in the file: no line has two or more columns separated by commas, semicolons or tabs."
    )]
    NoTable { file: PathBuf },
    #[error(
        "{file}: the header has {columns} columns, more than the {limit} any CRM export has. Is this the right file?"
    )]
    TooManyColumns {
        file: PathBuf,
        columns: usize,
        limit: usize,
    },
    #[error("{file}: the file has a header row but no data rows. Nothing was imported.")]
    HeaderOnly { file: PathBuf },
    #[error(
        "{file}: these columns do not match any known export (HubSpot, Salesforce, Pipedrive, customer success accounts) or saved column mapping: {columns}. Map its columns once (in the app: Map the columns…; on the command line: --preset NAME) and the mapping is kept for files of the same shape."
    )]
    Unrecognised { file: PathBuf, columns: String },
    #[error("{file}: the column mapping \"{preset}\" {reason}")]
    BadPreset {
        file: PathBuf,
        preset: String,
        reason: String,
    },
    #[error(
        "{file}: the file ends inside a quoted value that starts on line {line}: a closing quote (\") is missing. Open the file in a text editor, add the quote, and import it again."
    )]
    UnterminatedQuote { file: PathBuf, line: u64 },
    #[error(
        "{file}, row {row}, column \"{column}\": one value is {size_mb:.1} MB, more than the {limit_mb} MB limit. The file is probably damaged (a missing quote swallows the rest of the file)."
    )]
    FieldTooLarge {
        file: PathBuf,
        row: u64,
        column: String,
        size_mb: f64,
        limit_mb: u64,
    },
    #[error(
        "{file}, column \"{column}\": dates such as \"{example}\" can be read as day/month or month/day, and no value in the column says which. Choose the order (--date-order day-first or month-first) and import again."
    )]
    AmbiguousDateOrder {
        file: PathBuf,
        column: String,
        example: String,
    },
    #[error(
        "{file}, column \"{column}\": some dates only make sense day first (\"{day_first}\") and others only month first (\"{month_first}\"). Fix the column in the file so it uses one order."
    )]
    MixedDateOrder {
        file: PathBuf,
        column: String,
        day_first: String,
        month_first: String,
    },
    #[error(
        "{file}: record ID \"{id}\" appears on row {first_row} and again on row {row} with different values, so it is not clear which is true. Fix the export so each record appears once; nothing was imported."
    )]
    DuplicateId {
        file: PathBuf,
        id: String,
        first_row: u64,
        row: u64,
    },
    #[error(
        "{file}: every one of its {rows} data rows was rejected; nothing was imported. The first problem: {first}"
    )]
    EveryRowRejected {
        file: PathBuf,
        rows: u64,
        first: String,
    },
    #[error("{file}: the CSV could not be read near line {line}: {reason}")]
    Malformed {
        file: PathBuf,
        line: u64,
        reason: String,
    },
    #[error("{file}: import cancelled; the workspace is unchanged.")]
    Cancelled { file: PathBuf },
    #[error("{file}: {source}")]
    Workspace {
        file: PathBuf,
        source: crate::workspace::WorkspaceError,
    },
}
