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
    /// pipeline, with how many deals have each.
    pub fn raw_deal_stages(&self) -> Result<Vec<RawStageCount>, WorkspaceError> {
        self.query_list(
            "SELECT d.source_system, v.pipeline, v.raw_stage, count(*) FROM deals d JOIN deal_versions v ON v.id = d.version_id \
             WHERE v.raw_stage IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 4 DESC",
            [],
            |r| Ok(RawStageCount { source_system: r.get(0)?, pipeline: r.get(1)?, raw_stage: r.get(2)?, deals: r.get(3)? }),
        )
    }
}
