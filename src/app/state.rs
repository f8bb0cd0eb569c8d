//! What the window remembers between launches, and the choices it offers.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

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

    /// Whether the view is built yet.
    pub fn is_available(self) -> bool {
        matches!(self, Self::Import | Self::Definitions)
    }
}

/// A fiscal quarter, the period every view reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub quarter: u8,
}

impl Quarter {
    /// The quarter a `YYYY-MM-DD` date falls in.
    pub fn of_date(date: &str) -> Option<Self> {
        let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        use chrono::Datelike as _;
        Some(Self {
            year: d.year(),
            quarter: u8::try_from((d.month() - 1) / 3 + 1).ok()?,
        })
    }

    /// The quarter before.
    pub fn previous(self) -> Self {
        if self.quarter == 1 {
            Self {
                year: self.year - 1,
                quarter: 4,
            }
        } else {
            Self {
                year: self.year,
                quarter: self.quarter - 1,
            }
        }
    }

    /// `2025-Q3`, as the CLI takes it.
    pub fn label(self) -> String {
        format!("{}-Q{}", self.year, self.quarter)
    }
}

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
    fn quarters() {
        assert_eq!(
            Quarter::of_date("2025-12-31"),
            Some(Quarter {
                year: 2025,
                quarter: 4
            })
        );
        assert_eq!(
            Quarter::of_date("2025-01-01").map(Quarter::previous),
            Some(Quarter {
                year: 2024,
                quarter: 4
            })
        );
        assert_eq!(
            Quarter {
                year: 2025,
                quarter: 3
            }
            .label(),
            "2025-Q3"
        );
    }
}
