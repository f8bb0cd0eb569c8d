//! The workspace as every view sees it: its batches and record counts, saved mappings,
//! backups, and the definitions in force with their history.

use crate::definitions::Definitions;
use crate::workspace::{
    BackupInfo, BatchSummary, DefinitionVersion, MappingPreset, RawStageCount, RecordCounts,
};

/// The workspace as the views need it, read after every change.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceSnapshot {
    pub batches: Vec<BatchSummary>,
    pub counts: RecordCounts,
    /// The records' generation: new at every import, undo, restore and definitions
    /// save, and different in every workspace (see [`crate::workspace::Workspace::generation`]).
    pub generation: i64,
    pub presets: Vec<MappingPreset>,
    pub definitions: Option<DefinitionsState>,
    /// The workspace's rolling backups, newest first.
    pub backups: Vec<BackupInfo>,
}

/// The definitions in force, their history, and the raw stage values they do not map.
#[derive(Debug, Clone)]
pub struct DefinitionsState {
    pub version: DefinitionVersion,
    pub definitions: Definitions,
    pub history: Vec<DefinitionVersion>,
    pub unmapped: Vec<RawStageCount>,
}

impl WorkspaceSnapshot {
    /// The latest as-of date of the imported exports, `YYYY-MM-DD`.
    pub fn latest_as_of(&self) -> Option<&str> {
        self.batches.iter().map(|b| b.as_of.as_str()).max()
    }

    /// The latest day any record says something happened (`YYYY-MM-DD`), else the latest
    /// as-of: the quarter the views open on is the latest with records, whatever day the
    /// files were copied.
    pub fn latest_record_day(&self) -> Option<&str> {
        // An export describes nothing after its as-of date: a date beyond it is a stage
        // planned ahead, not data.
        self.batches
            .iter()
            .filter_map(|b| b.newest_record.as_deref().map(|d| d.min(b.as_of.as_str())))
            .max()
            .or_else(|| self.latest_as_of())
    }

    /// The fiscal quarter of [`Self::latest_record_day`].
    pub fn latest_period(&self) -> Option<crate::definitions::fiscal::Quarter> {
        crate::definitions::fiscal::Quarter::of_text(
            self.latest_record_day()?,
            self.fiscal_start_month(),
        )
    }

    /// The data's as-of for the top bar: one date when every object's latest export shares
    /// it, else each object's ("contacts 2025-12-31 · deals 2025-12-31 · accounts
    /// 2025-11-30"), as each object's numbers are judged as of its own.
    pub fn as_of_text(&self) -> Option<String> {
        let mut latest: Vec<(&str, &str)> = Vec::new();
        for object in ["contact", "deal", "account"] {
            if let Some(d) = self
                .batches
                .iter()
                .filter(|b| b.object == object)
                .map(|b| b.as_of.as_str())
                .max()
            {
                latest.push((object, d));
            }
        }
        let first = latest.first()?.1;
        if latest.iter().all(|(_, d)| *d == first) {
            return Some(first.to_owned());
        }
        Some(
            latest
                .iter()
                .map(|(object, d)| format!("{object}s {d}"))
                .collect::<Vec<_>>()
                .join(" · "),
        )
    }

    /// The month the fiscal year starts in (January before the definitions are read).
    pub fn fiscal_start_month(&self) -> u32 {
        self.definitions
            .as_ref()
            .map_or(1, |d| d.definitions.fiscal_year_start_month)
    }

    /// The definitions version in force, once read.
    pub fn definitions_version(&self) -> Option<i64> {
        self.definitions.as_ref().map(|d| d.version.id)
    }

    /// Whether any of the bundled sample batches is still in the workspace.
    pub fn has_sample(&self) -> bool {
        self.batches.iter().any(|b| b.is_sample)
    }

    /// Whether the workspace holds the bundled sample data and nothing else.
    pub fn only_sample(&self) -> bool {
        !self.batches.is_empty() && self.batches.iter().all(|b| b.is_sample)
    }

    /// Every batch's id, in order: with the definitions version, what a view's numbers
    /// follow.
    pub fn batch_ids(&self) -> Vec<i64> {
        self.batches.iter().map(|b| b.id).collect()
    }
}
