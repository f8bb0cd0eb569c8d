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

impl ColumnMapping {
    /// A mapping from a choice per column (`None`: not used).
    pub fn from_choices(
        object: RecordObject,
        header: &[String],
        choices: &[Option<Field>],
    ) -> Self {
        let mut bindings = Vec::new();
        let mut ignored = Vec::new();
        for (column, name) in header.iter().enumerate() {
            match choices.get(column).copied().flatten() {
                Some(field) => bindings.push(Binding {
                    column,
                    header: name.clone(),
                    target: Target::Field(field),
                }),
                None => ignored.push(name.clone()),
            }
        }
        Self {
            object,
            bindings,
            ignored,
        }
    }

    /// The header the mapping was made for, in column order, and the field each column
    /// feeds: the inverse of [`ColumnMapping::from_choices`].
    pub fn to_choices(&self) -> (Vec<String>, Vec<Option<Field>>) {
        let width = self.bindings.len() + self.ignored.len();
        let mut header = vec![None; width];
        let mut choices = vec![None; width];
        for b in &self.bindings {
            if let Some(slot) = header.get_mut(b.column) {
                *slot = Some(b.header.clone());
            }
            if let (Some(slot), Target::Field(f)) = (choices.get_mut(b.column), &b.target) {
                *slot = Some(*f);
            }
        }
        let mut ignored = self.ignored.iter();
        let header = header
            .into_iter()
            .map(|h| h.or_else(|| ignored.next().cloned()).unwrap_or_default())
            .collect();
        (header, choices)
    }

    /// What is wrong with the mapping as a preset, in words; empty when it can be saved.
    /// What identifies a record when no column holds its id: a contact's email, as the
    /// CRMs themselves deduplicate contacts on it; nothing for other objects.
    pub fn id_fallback(&self) -> &'static [Field] {
        if self.object == RecordObject::Contact && self.column_of(Field::Email).is_some() {
            &[Field::Email]
        } else {
            &[]
        }
    }

    /// Whether records are identified by their email, for want of an id column.
    pub fn keyed_by_email(&self) -> bool {
        self.column_of(Field::SourceId).is_none() && !self.id_fallback().is_empty()
    }

    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.column_of(Field::SourceId).is_none() && self.id_fallback().is_empty() {
            problems.push(format!(
                "Choose the column that holds the {}: every row needs one (contacts may be identified by their email instead).",
                Field::SourceId.label()
            ));
        }
        let mut seen: Vec<Field> = Vec::new();
        for b in &self.bindings {
            if let Target::Field(f) = &b.target {
                if seen.contains(f) {
                    problems.push(format!("{} is chosen for more than one column.", f.label()));
                }
                if !f.applies_to(self.object) {
                    problems.push(format!(
                        "{} does not apply to {}.",
                        f.label(),
                        self.object.plural()
                    ));
                }
                seen.push(*f);
            }
        }
        problems
    }
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
