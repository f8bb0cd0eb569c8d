//! The first rows of a file and how each cell would be read, for the column-mapping
//! screen: people see problems before they commit an import.

use std::path::{Path, PathBuf};

use super::ImportError;
use super::pipeline::open_table;
use super::scan::scan_file;
use super::values::{DateOrder, DateOrderVote, parse_amount, parse_percent, parse_timestamp};
use crate::model::{Field, ValueKind};
use crate::progress::WorkControl;

/// The start of a file: its header and first rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePreview {
    pub path: PathBuf,
    pub file_name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub encoding: String,
}

/// Reads the header and up to `max_rows` data rows of a file.
pub fn preview_file(path: &Path, max_rows: usize) -> Result<FilePreview, ImportError> {
    let scan = scan_file(path)?;
    let (layout, mut reader, _) = open_table(&scan, &WorkControl::default())?;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while rows.len() < max_rows {
        match reader.read_record(&mut record) {
            Ok(true) => rows.push(record.iter().map(str::to_owned).collect()),
            Ok(false) | Err(_) => break,
        }
    }
    Ok(FilePreview {
        path: scan.path.clone(),
        file_name: scan.file_name.clone(),
        header: layout.header,
        rows,
        encoding: scan.encoding.label().to_owned(),
    })
}

/// The day/month order the preview's values prove for `column`, if any.
pub fn column_date_order(rows: &[Vec<String>], column: usize) -> Option<DateOrder> {
    let mut vote = DateOrderVote::default();
    for row in rows {
        if let Some(cell) = row.get(column) {
            vote.observe(cell);
        }
    }
    vote.decide().ok().flatten()
}

/// How a cell reads as `field`: the value as the app will show it, `Ok("")` for a
/// blank, or the problem.
pub fn read_cell(field: Field, text: &str, order: Option<DateOrder>) -> Result<String, String> {
    match field.kind() {
        ValueKind::Text => Ok(text.trim().to_owned()),
        ValueKind::Timestamp => parse_timestamp(text, order)
            .map(|ts| ts.map(crate::text::date_time).unwrap_or_default())
            .map_err(|e| e.to_string()),
        ValueKind::Amount => parse_amount(text)
            .map(|m| {
                m.map(|m| {
                    let amount = crate::text::cents(m.cents);
                    m.currency
                        .map_or(amount.clone(), |c| format!("{amount} {c}"))
                })
                .unwrap_or_default()
            })
            .map_err(|e| e.to_string()),
        ValueKind::Percent => parse_percent(text)
            .map(|p| p.map(|p| format!("{p}%")).unwrap_or_default())
            .map_err(|e| e.to_string()),
    }
}
