//! A column mapping being made or edited: the form behind the mapping screen.

use std::path::PathBuf;

use crate::import::formats::{ColumnMapping, suggest_fields_from_values};
use crate::import::header_signature;
use crate::import::preview::FilePreview;
use crate::model::{Field, RecordObject};
use crate::workspace::MappingPreset;

/// The mapping screen's state.
#[derive(Debug, Clone, PartialEq)]
pub struct MappingDraft {
    /// The file to import once the mapping is saved; `None` when editing a saved preset.
    pub file: Option<PathBuf>,
    pub file_name: Option<String>,
    pub header: Vec<String>,
    /// The first rows of the file, for the preview.
    pub rows: Vec<Vec<String>>,
    pub object: RecordObject,
    /// The field each column feeds, `None` for not used.
    pub choices: Vec<Option<Field>>,
    pub name: String,
    /// The preset's name before editing, when editing one.
    pub editing: Option<String>,
}

impl MappingDraft {
    /// A new mapping for a file no format recognised, with guesses filled in.
    pub fn from_preview(preview: FilePreview) -> Self {
        let objects = [
            RecordObject::Deal,
            RecordObject::Contact,
            RecordObject::Account,
        ];
        let object = objects
            .into_iter()
            .max_by_key(|o| {
                suggest_fields_from_values(&preview.header, &preview.rows, *o)
                    .iter()
                    .filter(|c| c.is_some())
                    .count()
            })
            .unwrap_or(RecordObject::Deal);
        let stem = preview
            .file_name
            .rsplit_once('.')
            .map_or(preview.file_name.as_str(), |(s, _)| s)
            .to_owned();
        Self {
            choices: suggest_fields_from_values(&preview.header, &preview.rows, object),
            file: Some(preview.path),
            file_name: Some(preview.file_name),
            header: preview.header,
            rows: preview.rows,
            object,
            name: stem,
            editing: None,
        }
    }

    /// The form for editing a saved preset.
    pub fn from_preset(preset: &MappingPreset) -> Option<Self> {
        let mapping: ColumnMapping = serde_json::from_str(&preset.mapping_json).ok()?;
        let (header, choices) = mapping.to_choices();
        Some(Self {
            file: None,
            file_name: None,
            header,
            rows: Vec::new(),
            object: mapping.object,
            choices,
            name: preset.name.clone(),
            editing: Some(preset.name.clone()),
        })
    }

    /// Changes the object, dropping choices that do not apply to it and guessing again.
    pub fn set_object(&mut self, object: RecordObject) {
        if object == self.object {
            return;
        }
        self.object = object;
        let guesses = suggest_fields_from_values(&self.header, &self.rows, object);
        for (choice, guess) in self.choices.iter_mut().zip(guesses) {
            if choice.is_none_or(|f| !f.applies_to(object)) {
                *choice = guess;
            }
        }
    }

    /// The mapping as it stands.
    pub fn mapping(&self) -> ColumnMapping {
        ColumnMapping::from_choices(self.object, &self.header, &self.choices)
    }

    /// The header signature presets are found by.
    pub fn signature(&self) -> String {
        header_signature(&self.header)
    }

    /// What must be fixed before saving, in words.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = self.mapping().problems();
        if self.name.trim().is_empty() {
            problems.push("Give the mapping a name, such as \"Zoho deals export\".".to_owned());
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preview(header: &[&str]) -> FilePreview {
        FilePreview {
            path: PathBuf::from("/tmp/zoho-deals.csv"),
            file_name: "zoho-deals.csv".to_owned(),
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
            encoding: "UTF-8".to_owned(),
        }
    }

    #[test]
    fn guesses_the_object_and_fields_from_known_column_names() {
        let draft = MappingDraft::from_preview(preview(&[
            "Deal Id",
            "Deal Name",
            "Stage",
            "Amount",
            "Closing Date",
            "Notes",
        ]));
        assert_eq!(draft.object, RecordObject::Deal);
        assert_eq!(draft.name, "zoho-deals");
        assert_eq!(
            draft.choices,
            [
                Some(Field::SourceId),
                Some(Field::Name),
                Some(Field::Stage),
                Some(Field::Amount),
                Some(Field::CloseDate),
                None
            ]
        );
        assert!(draft.problems().is_empty());
    }

    #[test]
    fn a_mapping_without_an_id_cannot_be_saved() {
        let mut draft = MappingDraft::from_preview(preview(&["Title", "Value"]));
        draft.choices = vec![Some(Field::Name), None];
        assert_eq!(draft.problems().len(), 1);
        assert!(draft.problems()[0].contains("Record ID"));
    }

    #[test]
    fn a_saved_mapping_round_trips_into_the_form() {
        let mut draft = MappingDraft::from_preview(preview(&["Ref", "Title", "Created On"]));
        draft.set_object(RecordObject::Contact);
        draft.choices = vec![
            Some(Field::SourceId),
            Some(Field::Name),
            Some(Field::Created),
        ];
        let preset = MappingPreset {
            name: "x".into(),
            header_signature: draft.signature(),
            object: "contact".into(),
            mapping_json: serde_json::to_string(&draft.mapping()).unwrap_or_default(),
            updated_at: String::new(),
        };
        let back = MappingDraft::from_preset(&preset).expect("parses");
        assert_eq!(
            (back.header, back.choices, back.object),
            (draft.header, draft.choices, RecordObject::Contact)
        );
    }
}
