//! The definitions file: TOML in, TOML out, all or nothing.

use std::path::{Path, PathBuf};

use super::model::Definitions;
use super::validate::problems;

/// Why a definitions file was not accepted. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum DefinitionsError {
    #[error("{file}: cannot be read ({source})")]
    Unreadable {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Parse { file: PathBuf, message: String },
    #[error("{file}, key {key}: {reason}. Nothing was changed.")]
    Invalid {
        file: PathBuf,
        key: String,
        reason: String,
    },
    #[error("{file}: cannot be written ({source})")]
    Unwritable {
        file: PathBuf,
        source: std::io::Error,
    },
}

/// Reads a definition set from TOML text; `file` names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<Definitions, DefinitionsError> {
    let defs: Definitions = toml::from_str(text).map_err(|e| DefinitionsError::Parse {
        file: file.to_owned(),
        message: one_line(&e.to_string()),
    })?;
    if let Some(first) = problems(&defs).into_iter().next() {
        return Err(DefinitionsError::Invalid {
            file: file.to_owned(),
            key: first.key,
            reason: first.reason,
        });
    }
    Ok(defs)
}

/// Writes a definition set as TOML text.
pub fn to_toml(defs: &Definitions) -> String {
    let body = toml::to_string_pretty(defs).unwrap_or_default();
    format!("# RevOps Cockpit definitions. See docs/definitions.md for every key.\n\n{body}")
}

/// Reads a definitions file.
pub fn read_file(path: &Path) -> Result<Definitions, DefinitionsError> {
    let text = std::fs::read_to_string(path).map_err(|source| DefinitionsError::Unreadable {
        file: path.to_owned(),
        source,
    })?;
    parse(&text, path)
}

/// Writes a definitions file atomically (a temporary file renamed over the target).
pub fn write_file(path: &Path, defs: &Definitions) -> Result<(), DefinitionsError> {
    let unwritable = |source| DefinitionsError::Unwritable {
        file: path.to_owned(),
        source,
    };
    let mut tmp = crate::export::temporary_beside(path).map_err(unwritable)?;
    std::io::Write::write_all(&mut tmp, to_toml(defs).as_bytes()).map_err(unwritable)?;
    tmp.persist(path).map_err(|e| unwritable(e.error))?;
    Ok(())
}

/// The shipped defaults (`assets/definitions-default.toml`).
pub fn defaults() -> Definitions {
    const DEFAULTS: &str = include_str!("../../assets/definitions-default.toml");
    // The shipped file is checked by a test; an error here is a build defect.
    parse(DEFAULTS, Path::new("assets/definitions-default.toml")).unwrap_or_else(|e| panic!("{e}"))
}

/// The TOML crate's message spans several lines with a source excerpt; one line reads better.
fn one_line(message: &str) -> String {
    let mut lines = message.lines().filter(|l| !l.trim().is_empty());
    let first = lines
        .next()
        .unwrap_or_default()
        .trim()
        .trim_end_matches(':')
        .to_owned();
    let reason = message
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('|'))
        .unwrap_or_default()
        .trim();
    if reason.is_empty() || reason == first {
        first
    } else {
        format!("{first}: {reason}")
    }
}
