//! A column mapping: which column of a header feeds which canonical field.

use serde::{Deserialize, Serialize};

use super::FormatSpec;
use crate::model::{Field, RecordObject};

/// Lowercases and keeps only letters and digits, so `Deal - Title`, `deal_title` and
/// `DealTitle` all read `dealtitle`.
pub fn normalize_header(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a column feeds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Field(Field),
    /// The time a deal entered the named stage.
    StageEntered(String),
}

/// One mapped column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    pub column: usize,
    pub header: String,
    pub target: Target,
}

/// How a file's columns map to an object's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub object: RecordObject,
    pub bindings: Vec<Binding>,
    /// Headers of the columns that feed nothing (kept in the raw row).
    pub ignored: Vec<String>,
}

impl ColumnMapping {
    /// The column feeding `field`, if any.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.bindings
            .iter()
            .find(|b| b.target == Target::Field(field))
            .map(|b| b.column)
    }

    /// The header of `column`.
    pub fn header_of(&self, column: usize) -> Option<&str> {
        self.bindings
            .iter()
            .find(|b| b.column == column)
            .map(|b| b.header.as_str())
    }
}

pub(super) fn map_columns(
    header: &[String],
    spec: &FormatSpec,
    object: RecordObject,
) -> ColumnMapping {
    let mut bindings: Vec<Binding> = Vec::new();
    let mut ignored = Vec::new();
    for (column, raw) in header.iter().enumerate() {
        let norm = normalize_header(raw);
        let field = spec
            .fields
            .iter()
            .find(|(field, names)| {
                names.contains(&norm.as_str())
                    && !bindings.iter().any(|b| b.target == Target::Field(*field))
            })
            .map(|(field, _)| Target::Field(*field));
        let target = field.or_else(|| {
            spec.stage_entry_columns
                .then(|| stage_entered(raw))
                .flatten()
        });
        match target {
            Some(target) => bindings.push(Binding {
                column,
                header: raw.clone(),
                target,
            }),
            None => ignored.push(raw.clone()),
        }
    }
    ColumnMapping {
        object,
        bindings,
        ignored,
    }
}

/// `Date entered "Contract Sent (Sales Pipeline)"` names the stage `Contract Sent`.
fn stage_entered(header: &str) -> Option<Target> {
    let lower = header.to_lowercase();
    let rest = lower.strip_prefix("date entered")?;
    let offset = header.len() - rest.len();
    let inner = header
        .get(offset..)?
        .trim()
        .trim_matches(['"', '\'', '“', '”', ' ', ':']);
    let stage = match inner.rfind(" (") {
        Some(pos) if inner.ends_with(')') => inner.get(..pos)?,
        _ => inner,
    };
    (!stage.is_empty()).then(|| Target::StageEntered(stage.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_headers() {
        assert_eq!(normalize_header("Deal - Title"), "dealtitle");
        assert_eq!(normalize_header(" Record ID "), "recordid");
        assert_eq!(normalize_header("Datensatz-ID"), "datensatzid");
    }

    #[test]
    fn reads_stage_entry_headers() {
        assert_eq!(
            stage_entered("Date entered \"Contract Sent (Sales Pipeline)\""),
            Some(Target::StageEntered("Contract Sent".into()))
        );
        assert_eq!(stage_entered("Date exited \"Contract Sent\""), None);
    }
}
