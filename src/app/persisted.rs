//! What the window remembers between launches.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::definitions::fiscal::Quarter;
use crate::view_model::navigation::View;

/// Remembered between launches (window size is remembered by eframe itself).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub last_view: View,
    pub period: Option<Quarter>,
    /// Most recent first.
    pub recent_workspaces: Vec<PathBuf>,
    /// The name saved with each definitions version, entered once.
    pub author_name: String,
}

impl Persisted {
    /// Puts `path` first in the recent list (at most eight kept).
    pub fn remember_workspace(&mut self, path: &std::path::Path) {
        self.recent_workspaces.retain(|p| p != path);
        self.recent_workspaces.insert(0, path.to_owned());
        self.recent_workspaces.truncate(8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_workspaces_keep_the_latest_first_without_repeats() {
        let mut p = Persisted::default();
        for name in ["a", "b", "a", "c"] {
            p.remember_workspace(std::path::Path::new(name));
        }
        let names: Vec<_> = p
            .recent_workspaces
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        assert_eq!(names, ["c", "a", "b"]);
        let text = serde_json::to_string(&p).unwrap_or_default();
        let back: Persisted = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back.recent_workspaces, p.recent_workspaces);
        let old: Persisted = serde_json::from_str("{\"last_view\":\"Import\"}").unwrap_or_default();
        assert!(
            old.recent_workspaces.is_empty() && old.author_name.is_empty(),
            "fields added later default"
        );
    }
}
