//! CSV files that are safe to open in a spreadsheet and never left half-written.
//!
//! A cell starting with `=`, `+`, `-`, `@`, tab or carriage return would run as a
//! formula in Excel or Sheets, so it is prefixed with `'`. The file is written to a
//! temporary file beside the target and renamed over it only when complete.

use std::path::Path;

use crate::workspace::RowIssueRecord;

/// Makes a cell inert in a spreadsheet.
pub fn neutralize_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Writes a batch's rejected rows and warnings: row, column, severity, reason, then the
/// row's original cells; how many rows it wrote.
pub fn write_row_issues_csv(to: &Path, issues: &[RowIssueRecord]) -> std::io::Result<usize> {
    let rows = issues.iter().map(|issue| {
        vec![
            issue.row.to_string(),
            issue.column.clone().unwrap_or_default(),
            issue.severity.clone(),
            issue.reason.clone(),
            // Each original cell is made safe too, should someone split the column again.
            issue
                .raw
                .iter()
                .map(|c| neutralize_formula(c).into_owned())
                .collect::<Vec<_>>()
                .join(" | "),
        ]
    });
    write_rows_atomically(
        to,
        &["row", "column", "severity", "reason", "original row"],
        rows,
    )
}

/// Writes a header and rows to `to`: every cell made formula-safe, the file written
/// beside the target and renamed over it only when complete. Returns how many rows (the
/// header aside) it wrote.
pub fn write_rows_atomically(
    to: &Path,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> std::io::Result<usize> {
    let mut tmp = temporary_beside(to)?;
    let mut written = 0;
    {
        let mut w = csv::Writer::from_writer(&mut tmp);
        w.write_record(header)?;
        for row in rows {
            w.write_record(row.iter().map(|c| neutralize_formula(c).into_owned()))?;
            written += 1;
        }
        w.flush()?;
    }
    tmp.as_file_mut().sync_all()?;
    tmp.persist(to).map_err(|e| e.error)?;
    Ok(written)
}

/// A temporary file in `to`'s folder, to be renamed over `to` once complete. It is the
/// user's file, readable as any file they save: a temporary file is created readable by
/// its owner alone.
pub fn temporary_beside(to: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = to
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::NamedTempFile::new_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized() {
        assert_eq!(
            neutralize_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralize_formula("-5"), "'-5");
        assert_eq!(neutralize_formula("Acme"), "Acme");
    }
}
