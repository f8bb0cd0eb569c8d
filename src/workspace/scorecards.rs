//! Scorecard templates (kept by name, as JSON the scorecard module reads) and published
//! scorecards (each page kept whole, as JSON, so it can be shown and exported again
//! exactly as it was presented).

use rusqlite::params;

use super::{Workspace, WorkspaceError};

/// One published scorecard as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedScorecard {
    pub id: i64,
    pub name: String,
    /// `2025-Q3`.
    pub period: String,
    /// `YYYY-MM-DD HH:MM:SS` UTC.
    pub published_at: String,
    pub published_by: String,
    pub definitions_version: i64,
    /// The page, as the scorecard module wrote it.
    pub page: String,
}

impl Workspace {
    /// The template saved as `name`, as JSON text.
    pub fn scorecard_template(&self, name: &str) -> Result<Option<String>, WorkspaceError> {
        Ok(self
            .query_list(
                "SELECT body FROM scorecard_templates WHERE name = ?1",
                [name],
                |r| r.get(0),
            )?
            .into_iter()
            .next())
    }

    /// The names of the saved templates, most recently saved first.
    pub fn scorecard_template_names(&self) -> Result<Vec<String>, WorkspaceError> {
        self.query_list(
            "SELECT name FROM scorecard_templates ORDER BY saved_at DESC, name",
            [],
            |r| r.get(0),
        )
    }

    /// Saves `body` (JSON text, checked by the caller) as the template `name`, replacing
    /// any saved under that name.
    pub fn save_scorecard_template(&self, name: &str, body: &str) -> Result<(), WorkspaceError> {
        let at = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string();
        self.conn
            .execute(
                "INSERT INTO scorecard_templates (name, body, saved_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (name) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
                params![name, body, at],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Keeps a published scorecard; returns its id.
    pub fn publish_scorecard(
        &self,
        name: &str,
        period: &str,
        by: &str,
        definitions_version: i64,
        page: &str,
    ) -> Result<i64, WorkspaceError> {
        let at = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string();
        self.conn
            .execute(
                "INSERT INTO published_scorecards \
                 (name, period, published_at, published_by, definitions_version, page) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![name, period, at, by, definitions_version, page],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every published scorecard, newest first (the pages included).
    pub fn published_scorecards(&self) -> Result<Vec<PublishedScorecard>, WorkspaceError> {
        self.query_list(
            "SELECT id, name, period, published_at, published_by, definitions_version, page \
             FROM published_scorecards ORDER BY id DESC",
            [],
            |r| {
                Ok(PublishedScorecard {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    period: r.get(2)?,
                    published_at: r.get(3)?,
                    published_by: r.get(4)?,
                    definitions_version: r.get(5)?,
                    page: r.get(6)?,
                })
            },
        )
    }

    /// The scorecard last published for `period`, if any.
    pub fn latest_published_scorecard(
        &self,
        period: &str,
    ) -> Result<Option<PublishedScorecard>, WorkspaceError> {
        Ok(self
            .published_scorecards()?
            .into_iter()
            .find(|p| p.period == period))
    }
}
