//! What the views show of the workspace itself, read after every change: batches, counts,
//! mappings, backups, the definitions in force, and one batch's rejected rows.

use crate::definitions::apply::unmapped;
use crate::definitions::versions;
use crate::import::formats::{ColumnMapping, Target};
use crate::view_model::import::BatchDetail;
use crate::view_model::workspace::{DefinitionsState, WorkspaceSnapshot};
use crate::workspace::{Workspace, WorkspaceError, list_backups};

use super::JobError;

/// Reads what the views show.
pub fn snapshot(ws: &Workspace) -> Result<WorkspaceSnapshot, JobError> {
    // First: reading the definitions in force writes version 1 into a workspace that has
    // none, which draws a new generation.
    let definitions = definitions_state(ws)?;
    Ok(WorkspaceSnapshot {
        batches: ws.batches()?,
        counts: ws.record_counts()?,
        generation: ws.generation()?,
        presets: ws.presets()?,
        definitions: Some(definitions),
        backups: list_backups(ws.path()),
    })
}

fn definitions_state(ws: &Workspace) -> Result<DefinitionsState, JobError> {
    let (version, definitions) = versions::current(ws)?;
    let seen = ws.raw_deal_stages()?;
    Ok(DefinitionsState {
        unmapped: unmapped(&definitions, &seen),
        history: ws.definition_versions()?,
        version,
        definitions,
    })
}

/// A batch's rejected rows and warnings (at most 5,000), and which field each of its
/// file's columns fed.
pub fn batch_detail(ws: &Workspace, batch_id: i64) -> Result<BatchDetail, WorkspaceError> {
    let issues = ws.row_issues(batch_id, 5_000)?;
    let mapping: Option<ColumnMapping> =
        serde_json::from_str(&ws.batch_mapping_json(batch_id)?).ok();
    let columns = mapping.map_or_else(Vec::new, |m| {
        let mut columns: Vec<(usize, String, Option<String>)> = m
            .bindings
            .iter()
            .map(|b| {
                let target = match &b.target {
                    Target::Field(f) => f.label().to_owned(),
                    Target::StageEntered(stage) => format!("Entered stage \"{stage}\""),
                };
                (b.column, b.header.clone(), Some(target))
            })
            .collect();
        columns.sort_by_key(|c| c.0);
        let mut out: Vec<(String, Option<String>)> =
            columns.into_iter().map(|(_, h, t)| (h, t)).collect();
        out.extend(m.ignored.into_iter().map(|h| (h, None)));
        out
    });
    Ok(BatchDetail { issues, columns })
}
