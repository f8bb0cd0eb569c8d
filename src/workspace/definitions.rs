//! Definition versions as stored: the text of each version with who saved it, when and why.

use rusqlite::{OptionalExtension as _, Row, params};
use serde::Serialize;

use super::{Workspace, WorkspaceError};

/// One saved version of the definitions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DefinitionVersion {
    pub id: i64,
    pub created_at: String,
    pub author: String,
    pub reason: String,
}

/// A raw deal stage value seen in the current records and how many deals carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawStageCount {
    pub source_system: String,
    pub pipeline: Option<String>,
    pub raw_stage: String,
    pub deals: i64,
}

fn version_from_row(r: &Row<'_>) -> rusqlite::Result<DefinitionVersion> {
    Ok(DefinitionVersion {
        id: r.get(0)?,
        created_at: r.get(1)?,
        author: r.get(2)?,
        reason: r.get(3)?,
    })
}

impl Workspace {
    /// Every version, oldest first.
    pub fn definition_versions(&self) -> Result<Vec<DefinitionVersion>, WorkspaceError> {
        self.query_list(
            "SELECT id, created_at, author, reason FROM definition_versions ORDER BY id",
            [],
            version_from_row,
        )
    }

    /// One version and its text.
    pub fn definition_version(
        &self,
        id: i64,
    ) -> Result<Option<(DefinitionVersion, String)>, WorkspaceError> {
        self.conn
            .query_row(
                "SELECT id, created_at, author, reason, body FROM definition_versions WHERE id = ?1",
                [id],
                |r| Ok((version_from_row(r)?, r.get(4)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The latest version and its text.
    pub fn latest_definition_version(
        &self,
    ) -> Result<Option<(DefinitionVersion, String)>, WorkspaceError> {
        self.conn
            .query_row(
                "SELECT id, created_at, author, reason, body FROM definition_versions ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((version_from_row(r)?, r.get(4)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Adds a version; returns it.
    pub fn add_definition_version(
        &self,
        author: &str,
        reason: &str,
        body: &str,
    ) -> Result<DefinitionVersion, WorkspaceError> {
        let created_at = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string();
        self.conn
            .execute(
                "INSERT INTO definition_versions (created_at, author, reason, body) VALUES (?1, ?2, ?3, ?4)",
                params![created_at, author, reason, body],
            )
            .map_err(|e| self.err(e))?;
        Ok(DefinitionVersion {
            id: self.conn.last_insert_rowid(),
            created_at,
            author: author.to_owned(),
            reason: reason.to_owned(),
        })
    }

    /// The distinct raw deal stages in the current records, per source system and
    /// pipeline, with how many deals have each: by system, then pipeline (none first),
    /// then the most deals first.
    pub fn raw_deal_stages(&self) -> Result<Vec<RawStageCount>, WorkspaceError> {
        // Counted here rather than by SQL's GROUP BY, which sorted every deal: at 200,000
        // deals 130 ms of the workspace read every view waits for.
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT d.source_system, v.pipeline, v.raw_stage FROM deals d \
                 JOIN deal_versions v ON v.id = d.version_id WHERE v.raw_stage IS NOT NULL",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        let mut found: Vec<RawStageCount> = Vec::new();
        let mut at: rustc_hash::FxHashMap<Vec<u8>, usize> = rustc_hash::FxHashMap::default();
        let mut key = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let text = |i| row.get_ref(i).and_then(|v| Ok(v.as_str_or_null()?));
            let (system, pipeline, stage) = (|| Ok((text(0)?, text(1)?, text(2)?)))()
                .map_err(|e: rusqlite::Error| self.err(e))?;
            let (Some(system), Some(stage)) = (system, stage) else {
                continue;
            };
            crate::model::write_stage_key(&mut key, system, pipeline, stage);
            match at.get(key.as_slice()).and_then(|i| found.get_mut(*i)) {
                Some(seen) => seen.deals += 1,
                None => {
                    at.insert(key.clone(), found.len());
                    found.push(RawStageCount {
                        source_system: system.to_owned(),
                        pipeline: pipeline.map(str::to_owned),
                        raw_stage: stage.to_owned(),
                        deals: 1,
                    });
                }
            }
        }
        found.sort_by(|a, b| {
            (&a.source_system, &a.pipeline, b.deals, &a.raw_stage).cmp(&(
                &b.source_system,
                &b.pipeline,
                a.deals,
                &b.raw_stage,
            ))
        });
        Ok(found)
    }
}
