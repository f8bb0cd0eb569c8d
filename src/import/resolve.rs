//! Which column mapping a file's header gets: a built-in format's, the saved mapping for
//! exactly these columns, or the one named on import; refused in words when none fits.

use super::error::ImportError;
use super::formats::{self, ColumnMapping, normalize_header};
use super::pipeline::{ImportOptions, header_signature};
use super::scan::FileScan;
use crate::model::Field;
use crate::workspace::Workspace;

/// The mapping for a file, where it came from, and notes about it.
pub(super) struct Resolved {
    pub(super) mapping: ColumnMapping,
    pub(super) crm: String,
    pub(super) label: String,
    pub(super) id_fallback: &'static [Field],
    pub(super) notes: Vec<String>,
}

pub(super) fn resolve_mapping(
    ws: &Workspace,
    scan: &FileScan,
    header: &[String],
    options: &ImportOptions,
) -> Result<Resolved, ImportError> {
    let file = || scan.path.clone();
    let wse = |source| ImportError::Workspace {
        file: scan.path.clone(),
        source,
    };
    let preset = match &options.preset {
        Some(name) => Some(ws.preset(name).map_err(wse)?.ok_or_else(|| ImportError::BadPreset {
            file: file(),
            preset: name.clone(),
            reason: "does not exist in this workspace. Saved mappings are listed in the Import view.".to_owned(),
        })?),
        None => match formats::recognise(header) {
            Some((format, mapping)) => {
                return Ok(Resolved {
                    mapping,
                    crm: format.crm().to_owned(),
                    label: format.label().to_owned(),
                    id_fallback: format.id_fallback(),
                    notes: Vec::new(),
                });
            }
            None => ws.preset_for_signature(&header_signature(header)).map_err(wse)?,
        },
    };
    let Some(preset) = preset else {
        let mut columns: Vec<String> = header.iter().take(8).map(|h| format!("\"{h}\"")).collect();
        if header.len() > 8 {
            columns.push(format!("and {} more", header.len() - 8));
        }
        return Err(ImportError::Unrecognised {
            file: file(),
            columns: columns.join(", "),
        });
    };
    let bad = |reason: String| ImportError::BadPreset {
        file: file(),
        preset: preset.name.clone(),
        reason,
    };
    let saved: ColumnMapping = serde_json::from_str(&preset.mapping_json).map_err(|e| {
        bad(format!(
            "is damaged ({e}); delete it and map the columns again."
        ))
    })?;
    let mapping = rebind(&saved, header).map_err(|missing| {
        bad(format!(
            "expects a column \"{missing}\" that this file does not have."
        ))
    })?;
    if mapping.column_of(Field::SourceId).is_none() && mapping.id_fallback().is_empty() {
        return Err(bad("does not map any column to Record ID.".to_owned()));
    }
    Ok(Resolved {
        id_fallback: mapping.id_fallback(),
        mapping,
        crm: format!("mapped:{}", preset.name),
        label: format!("Mapped with \"{}\"", preset.name),
        notes: vec![format!(
            "Columns mapped with the saved mapping \"{}\".",
            preset.name
        )],
    })
}

/// Points a saved mapping's bindings at this header's columns, by header name.
fn rebind(saved: &ColumnMapping, header: &[String]) -> Result<ColumnMapping, String> {
    let normalized: Vec<String> = header.iter().map(|h| normalize_header(h)).collect();
    let mut mapping = saved.clone();
    for binding in &mut mapping.bindings {
        let want = normalize_header(&binding.header);
        binding.column = normalized
            .iter()
            .position(|h| *h == want)
            .ok_or_else(|| binding.header.clone())?;
    }
    mapping.ignored = header
        .iter()
        .enumerate()
        .filter(|(i, _)| !mapping.bindings.iter().any(|b| b.column == *i))
        .map(|(_, h)| h.clone())
        .collect();
    Ok(mapping)
}
