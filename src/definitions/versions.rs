//! Saving, reading and restoring definition versions. Every save is a new version with
//! who, when and a required reason; nothing is overwritten in place.

use super::diff::{Change, diff};
use super::file::{parse, to_toml};
use super::model::Definitions;
use super::validate::problems;
use crate::workspace::{DefinitionVersion, Workspace, WorkspaceError};

/// Why a version could not be saved or read. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    #[error("say why the definitions change, in one line (it is kept with the version)")]
    NoReason,
    #[error("nothing changed: these definitions are the same as version {0}")]
    Unchanged(i64),
    #[error("{key}: {reason}")]
    Invalid { key: String, reason: String },
    #[error("definitions version {0} does not exist in this workspace")]
    NoSuchVersion(i64),
    #[error("definitions version {id} in the workspace cannot be read: {reason}")]
    Damaged { id: i64, reason: String },
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

/// The definitions in force: the latest version, creating version 1 from the shipped
/// defaults in a workspace that has none.
pub fn current(ws: &Workspace) -> Result<(DefinitionVersion, Definitions), VersionError> {
    if let Some((version, body)) = ws.latest_definition_version()? {
        let defs =
            parse(&body, std::path::Path::new("workspace")).map_err(|e| VersionError::Damaged {
                id: version.id,
                reason: e.to_string(),
            })?;
        return Ok((version, defs));
    }
    let defaults = super::defaults();
    let version = ws.add_definition_version(
        "RevOps Cockpit",
        "The shipped defaults",
        &to_toml(&defaults),
    )?;
    Ok((version, defaults))
}

/// One stored version.
pub fn read(ws: &Workspace, id: i64) -> Result<(DefinitionVersion, Definitions), VersionError> {
    let (version, body) = ws
        .definition_version(id)?
        .ok_or(VersionError::NoSuchVersion(id))?;
    let defs =
        parse(&body, std::path::Path::new("workspace")).map_err(|e| VersionError::Damaged {
            id,
            reason: e.to_string(),
        })?;
    Ok((version, defs))
}

/// Saves `defs` as a new version after checking them.
pub fn save(
    ws: &Workspace,
    defs: &Definitions,
    author: &str,
    reason: &str,
) -> Result<DefinitionVersion, VersionError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(VersionError::NoReason);
    }
    if let Some(p) = problems(defs).into_iter().next() {
        return Err(VersionError::Invalid {
            key: p.key,
            reason: p.reason,
        });
    }
    let (latest, current_defs) = current(ws)?;
    if *defs == current_defs {
        return Err(VersionError::Unchanged(latest.id));
    }
    let author = if author.trim().is_empty() {
        "unnamed"
    } else {
        author.trim()
    };
    ws.backup("before-definitions-save")?;
    Ok(ws.add_definition_version(author, reason, &to_toml(defs))?)
}

/// Makes an older version current again, as a new version.
pub fn restore(
    ws: &Workspace,
    id: i64,
    author: &str,
    reason: &str,
) -> Result<DefinitionVersion, VersionError> {
    let (_, old) = read(ws, id)?;
    let reason = if reason.trim().is_empty() {
        format!("Restored version {id}")
    } else {
        format!("Restored version {id}: {}", reason.trim())
    };
    save(ws, &old, author, &reason)
}

/// The changes from version `a` to version `b`.
pub fn compare(ws: &Workspace, a: i64, b: i64) -> Result<Vec<Change>, VersionError> {
    Ok(diff(&read(ws, a)?.1, &read(ws, b)?.1))
}

/// What changed from version `a` to `b`, in plain words (see
/// [`super::change_words::describe`]).
pub fn compare_in_words(ws: &Workspace, a: i64, b: i64) -> Result<Vec<String>, VersionError> {
    let (before, after) = (read(ws, a)?.1, read(ws, b)?.1);
    Ok(super::change_words::describe(
        &diff(&before, &after),
        &before,
        &after,
    ))
}
