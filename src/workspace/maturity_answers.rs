//! The team's maturity answers, kept per quarter with who gave each and when, and the
//! framework the workspace reads them in.

use rusqlite::params;

use super::{Workspace, WorkspaceError};

/// One stored answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    pub question: String,
    /// `no`, `sometimes` or `yes`.
    pub answer: String,
    pub answered_by: String,
    /// `YYYY-MM-DD HH:MM:SS` UTC.
    pub answered_at: String,
}

impl Workspace {
    /// The answers of `period` (`2025-Q3`), by question.
    pub fn maturity_answers(&self, period: &str) -> Result<Vec<StoredAnswer>, WorkspaceError> {
        self.query_list(
            "SELECT question, answer, answered_by, answered_at FROM maturity_answers \
             WHERE period = ?1 ORDER BY question",
            [period],
            |r| {
                Ok(StoredAnswer {
                    question: r.get(0)?,
                    answer: r.get(1)?,
                    answered_by: r.get(2)?,
                    answered_at: r.get(3)?,
                })
            },
        )
    }

    /// The maturity framework chosen for this workspace, by key; `None` for the model's
    /// own.
    pub fn maturity_framework(&self) -> Result<Option<String>, WorkspaceError> {
        self.maturity_setting("framework")
    }

    /// Chooses the maturity framework for this workspace.
    pub fn set_maturity_framework(&self, key: &str) -> Result<(), WorkspaceError> {
        self.set_maturity_setting("framework", key)
    }

    /// The maturity model this workspace uses instead of the shipped one, as TOML text.
    pub fn maturity_model_text(&self) -> Result<Option<String>, WorkspaceError> {
        self.maturity_setting("model")
    }

    /// Keeps a maturity model (TOML text, checked by the caller) for this workspace.
    pub fn set_maturity_model_text(&self, text: &str) -> Result<(), WorkspaceError> {
        self.set_maturity_setting("model", text)
    }

    fn maturity_setting(&self, key: &str) -> Result<Option<String>, WorkspaceError> {
        Ok(self
            .query_list(
                "SELECT value FROM maturity_settings WHERE key = ?1",
                [key],
                |r| r.get(0),
            )?
            .into_iter()
            .next())
    }

    fn set_maturity_setting(&self, key: &str, value: &str) -> Result<(), WorkspaceError> {
        self.conn
            .execute(
                "INSERT INTO maturity_settings (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The quarters with answers, oldest first.
    pub fn maturity_answer_periods(&self) -> Result<Vec<String>, WorkspaceError> {
        self.query_list(
            "SELECT DISTINCT period FROM maturity_answers ORDER BY period",
            [],
            |r| r.get(0),
        )
    }

    /// Sets the answers of `period` to `answers` (question, answer) by `by`, all or
    /// nothing: with `replace_all` the quarter's other answers are removed (an imported
    /// file is the whole questionnaire), otherwise only these questions change; an empty
    /// answer removes the question's.
    pub fn set_maturity_answers(
        &mut self,
        period: &str,
        answers: &[(String, String)],
        by: &str,
        replace_all: bool,
    ) -> Result<(), WorkspaceError> {
        let at = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| WorkspaceError::from_sqlite(&self.path, e))?;
        let run = || -> rusqlite::Result<()> {
            if replace_all {
                tx.execute("DELETE FROM maturity_answers WHERE period = ?1", [period])?;
            }
            for (question, answer) in answers {
                if answer.is_empty() {
                    tx.execute(
                        "DELETE FROM maturity_answers WHERE period = ?1 AND question = ?2",
                        params![period, question],
                    )?;
                } else {
                    tx.execute(
                        "INSERT INTO maturity_answers (period, question, answer, answered_by, answered_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (period, question) DO UPDATE SET \
                         answer = excluded.answer, answered_by = excluded.answered_by, \
                         answered_at = excluded.answered_at",
                        params![period, question, answer, by, at],
                    )?;
                }
            }
            Ok(())
        };
        run().map_err(|e| WorkspaceError::from_sqlite(&self.path, e))?;
        tx.commit()
            .map_err(|e| WorkspaceError::from_sqlite(&self.path, e))
    }
}
