//! The streaming pass's bookkeeping for one file: each row written into the batch,
//! rejected with its reason, or held back while it may still be the report's footer.

use super::bytes::cells_as_json;
use super::error::ImportError;
use super::row_reader::{ReadRow, RowKind};
use super::rows::BuiltRow;
use super::scan::FileScan;
use super::sniff::Layout;
use crate::workspace::{BatchTotals, BatchWriter, WriteOutcome};

/// Rows that do not fit the table held back in case they are the report's footer.
const MAX_PENDING: usize = 50;

/// The state of the streaming pass.
pub(super) struct Run<'a, 'ws> {
    pub(super) scan: &'a FileScan,
    pub(super) layout: &'a Layout,
    pub(super) writer: &'a mut BatchWriter<'ws>,
    pub(super) totals: BatchTotals,
    /// Rows that do not fit the table, held until it is clear whether they are footer.
    pub(super) pending: Vec<(u64, Vec<String>)>,
    pub(super) first_rejection: Option<String>,
    /// The last record's line and whether it could be an unterminated quote's doing.
    pub(super) last_record: Option<(u64, bool)>,
}

impl Run<'_, '_> {
    pub(super) fn wse(&self, source: crate::workspace::WorkspaceError) -> ImportError {
        ImportError::Workspace {
            file: self.scan.path.clone(),
            source,
        }
    }

    pub(super) fn row(&mut self, row: ReadRow) -> Result<(), ImportError> {
        let line = row.line;
        self.last_record = Some((line, row.suspicious));
        let (raw_json, built) = match row.kind {
            RowKind::Odd(cells) => {
                self.pending.push((line, cells));
                if self.pending.len() > MAX_PENDING {
                    self.reject_pending()?;
                }
                return Ok(());
            }
            RowKind::Data { raw_json, built } => (raw_json, built),
        };
        self.reject_pending()?;
        self.totals.rows_read += 1;
        match built {
            BuiltRow::Rejected(issue) => {
                self.reject(line, issue.column.as_deref(), &issue.reason, &raw_json)
            }
            BuiltRow::Record {
                record: built,
                warnings,
            } => {
                self.totals.newest_record = self.totals.newest_record.max(built.newest_event());
                let outcome = self
                    .writer
                    .write_record(line, *built, &raw_json)
                    .map_err(|e| self.wse(e))?;
                match outcome {
                    // Counted when the batch settles.
                    WriteOutcome::Pending => {}
                    WriteOutcome::Inserted => self.totals.rows_imported += 1,
                    WriteOutcome::Updated | WriteOutcome::KeptOlder => {
                        self.totals.rows_updated += 1
                    }
                    WriteOutcome::Repeated {
                        first_row,
                        same: true,
                        ..
                    } => {
                        self.totals.rows_skipped += 1;
                        let reason = format!("an exact copy of row {first_row}; skipped");
                        return self.warn(line, None, &reason, &raw_json);
                    }
                    WriteOutcome::Repeated {
                        first_row,
                        same: false,
                        id,
                    } => {
                        return Err(ImportError::DuplicateId {
                            file: self.scan.path.clone(),
                            id,
                            first_row,
                            row: line,
                        });
                    }
                }
                if !warnings.is_empty() {
                    self.totals.rows_warned += 1;
                }
                for w in warnings {
                    self.warn(line, w.column.as_deref(), &w.reason, &raw_json)?;
                }
                Ok(())
            }
        }
    }

    fn reject(
        &mut self,
        line: u64,
        column: Option<&str>,
        reason: &str,
        raw_json: &str,
    ) -> Result<(), ImportError> {
        self.totals.rows_rejected += 1;
        if self.first_rejection.is_none() {
            let at = column.map_or_else(String::new, |c| format!(", column \"{c}\""));
            self.first_rejection = Some(format!("row {line}{at}: {reason}"));
        }
        self.writer
            .write_issue(line, column, true, reason, raw_json)
            .map_err(|e| self.wse(e))
    }

    fn warn(
        &mut self,
        line: u64,
        column: Option<&str>,
        reason: &str,
        raw_json: &str,
    ) -> Result<(), ImportError> {
        self.writer
            .write_issue(line, column, false, reason, raw_json)
            .map_err(|e| self.wse(e))
    }

    /// Held rows followed by more data were not footer: each is rejected.
    pub(super) fn reject_pending(&mut self) -> Result<(), ImportError> {
        let width = self.layout.header.len();
        for (line, cells) in std::mem::take(&mut self.pending) {
            self.totals.rows_read += 1;
            let raw_json = cells_as_json(&cells);
            let reason = if cells.len() == width {
                "a totals or note line inside the data".to_owned()
            } else {
                format!(
                    "the row has {} cells but the header has {width}; a delimiter or quote is probably missing",
                    cells.len()
                )
            };
            self.reject(line, None, &reason, &raw_json)?;
        }
        Ok(())
    }

    /// At the end of the file, held rows that look like report footer lines are skipped;
    /// any other is rejected.
    pub(super) fn finish_pending(&mut self) -> Result<(), ImportError> {
        let before = self.pending.len();
        self.pending.retain(|(_, cells)| {
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            let filled = refs.iter().filter(|c| !c.trim().is_empty()).count();
            !(is_footer_like(&refs) || filled <= 1)
        });
        self.totals.footer_lines += (before - self.pending.len()) as u64;
        self.reject_pending()
    }
}

/// Lines reports add below the data: totals, confidentiality and copyright notices.
pub(super) fn is_footer_like(cells: &[&str]) -> bool {
    let Some(first) = cells.iter().map(|c| c.trim()).find(|c| !c.is_empty()) else {
        return true;
    };
    let starts = |p: &str| {
        first
            .as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    };
    [
        "grand total",
        "total",
        "subtotal",
        "confidential information",
        "copyright",
        "generated by",
        "filtered by",
        "count:",
    ]
    .iter()
    .any(|p| starts(p))
        && cells.iter().filter(|c| !c.trim().is_empty()).count() <= cells.len().div_ceil(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer_lines_are_recognised() {
        assert!(is_footer_like(&["Grand Totals (37 records)", "", "", ""]));
        assert!(is_footer_like(&[
            "Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved."
        ]));
        assert!(is_footer_like(&["", "", ""]));
        assert!(!is_footer_like(&[
            "Total Fitness Ltd",
            "Won",
            "1200",
            "2025-01-01"
        ]));
    }
}
