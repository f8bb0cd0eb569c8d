//! Saved column mappings for CSV files no built-in format recognises, keyed by the
//! file's header signature so next quarter's export of the same shape maps itself.

use rusqlite::{OptionalExtension as _, Row, params};
use serde::Serialize;

use super::{Workspace, WorkspaceError};

/// A saved column mapping. `mapping_json` is the importer's `ColumnMapping`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MappingPreset {
    pub name: String,
    pub header_signature: String,
    pub object: String,
    pub mapping_json: String,
    pub updated_at: String,
}

fn preset_from_row(r: &Row<'_>) -> rusqlite::Result<MappingPreset> {
    Ok(MappingPreset {
        name: r.get(0)?,
        header_signature: r.get(1)?,
        object: r.get(2)?,
        mapping_json: r.get(3)?,
        updated_at: r.get(4)?,
    })
}

const PRESET_COLUMNS: &str = "name, header_signature, object, mapping_json, updated_at";

impl Workspace {
    /// Saves (or replaces) a preset.
    pub fn save_preset(
        &self,
        name: &str,
        header_signature: &str,
        object: &str,
        mapping_json: &str,
    ) -> Result<(), WorkspaceError> {
        self.conn
            .execute(
                "INSERT INTO mapping_presets (name, header_signature, object, mapping_json, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO UPDATE SET header_signature = excluded.header_signature, \
                 object = excluded.object, mapping_json = excluded.mapping_json, updated_at = excluded.updated_at",
                params![name, header_signature, object, mapping_json, chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Every preset, by name.
    pub fn presets(&self) -> Result<Vec<MappingPreset>, WorkspaceError> {
        self.query_list(
            &format!("SELECT {PRESET_COLUMNS} FROM mapping_presets ORDER BY name"),
            [],
            preset_from_row,
        )
    }

    /// The preset called `name`.
    pub fn preset(&self, name: &str) -> Result<Option<MappingPreset>, WorkspaceError> {
        self.conn
            .query_row(
                &format!("SELECT {PRESET_COLUMNS} FROM mapping_presets WHERE name = ?1"),
                [name],
                preset_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The preset saved for files with this header signature.
    pub fn preset_for_signature(
        &self,
        header_signature: &str,
    ) -> Result<Option<MappingPreset>, WorkspaceError> {
        self.conn
            .query_row(
                &format!("SELECT {PRESET_COLUMNS} FROM mapping_presets WHERE header_signature = ?1 ORDER BY updated_at DESC LIMIT 1"),
                [header_signature],
                preset_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Deletes a preset; `Ok(false)` when there was none by that name.
    pub fn delete_preset(&self, name: &str) -> Result<bool, WorkspaceError> {
        let n = self
            .conn
            .execute("DELETE FROM mapping_presets WHERE name = ?1", [name])
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }
}
