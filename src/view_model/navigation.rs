//! The views in the navigation, and what the top bar shows.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::definitions::fiscal::Quarter;
use crate::workspace::BackupInfo;

/// The views in the left navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum View {
    #[default]
    Import,
    Funnel,
    Leaks,
    Maturity,
    Definitions,
    Scorecard,
}

impl View {
    /// In navigation order.
    pub const ALL: [Self; 6] = [
        Self::Import,
        Self::Funnel,
        Self::Leaks,
        Self::Maturity,
        Self::Definitions,
        Self::Scorecard,
    ];

    /// The name in the navigation.
    pub fn label(self) -> &'static str {
        match self {
            Self::Import => "Import",
            Self::Funnel => "Funnel",
            Self::Leaks => "Handoff leaks",
            Self::Maturity => "Pillar maturity",
            Self::Definitions => "Definitions",
            Self::Scorecard => "Scorecard",
        }
    }
}

/// What the top bar shows.
pub struct TopBarModel<'a> {
    pub workspace_path: &'a Path,
    pub recent: &'a [PathBuf],
    pub period: Option<Quarter>,
    /// The quarters offered, newest first.
    pub periods: Vec<Quarter>,
    /// The as-of date of the imported exports, each object's when they differ.
    pub as_of: Option<String>,
    /// The definitions version every number follows.
    pub definitions_version: Option<i64>,
    /// The workspace's backups, newest first.
    pub backups: &'a [BackupInfo],
    /// The workspace holds some of the bundled sample data.
    pub sample: bool,
    /// … and nothing else.
    pub only_sample: bool,
    pub busy: bool,
    /// The file is damaged: nothing is imported into it.
    pub damaged: bool,
}

/// The eight fiscal quarters up to the one `as_of` falls in, newest first.
pub fn quarters_up_to(as_of: Option<&str>, fiscal_start_month: u32) -> Vec<Quarter> {
    let Some(mut q) = as_of.and_then(|d| Quarter::of_text(d, fiscal_start_month)) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(8);
    for _ in 0..8 {
        out.push(q);
        q = q.previous();
    }
    out
}
