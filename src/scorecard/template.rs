//! A scorecard template: which metrics show and in what order, their targets, and the
//! lead's comment per section ("what we will change"), kept by name in the workspace and
//! reused next quarter.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::workspace::{Workspace, WorkspaceError};

/// The template a scorecard uses when none is named.
pub const DEFAULT_NAME: &str = "Default";

/// At most this many North Star metrics: a page people read, not a dump.
pub const MAX_NORTH_STARS: usize = 5;

/// The sections of the page, by key, in the order they print.
pub const SECTIONS: [(&str, &str); 5] = [
    ("north_star", "North Star"),
    ("operational", "Operational"),
    ("leaks", "Leaks"),
    ("pillars", "Pillar health"),
    ("actions", "Actions"),
];

/// What a scorecard shows, as the lead set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Template {
    pub name: String,
    /// Metric keys, in order (at most [`MAX_NORTH_STARS`]).
    pub north_star: Vec<String>,
    /// Metric keys, in order.
    pub operational: Vec<String>,
    /// Target per metric key, in the metric's unit (a share as 0.4).
    pub targets: BTreeMap<String, f64>,
    /// Comment per section key.
    pub comments: BTreeMap<String, String>,
    /// How many leaks the page ranks.
    pub leaks_shown: usize,
}

impl Default for Template {
    fn default() -> Self {
        let keys = |k: &[&str]| k.iter().map(|s| (*s).to_owned()).collect();
        Self {
            name: DEFAULT_NAME.to_owned(),
            north_star: keys(&[
                "new_arr_won",
                "win_rate",
                "pipeline_coverage",
                "revenue_retention",
                "conversion:mql",
            ]),
            operational: keys(&[
                "conversion:lead",
                "conversion:sql",
                "conversion:opportunity",
                "median_cycle",
                "velocity",
                "sla:marketing_to_sales",
                "sla:within_sales",
                "sla:sales_to_success",
                "sla:renewal",
            ]),
            // The usual benchmark for coverage; every other target is the team's to set.
            targets: BTreeMap::from([("pipeline_coverage".to_owned(), 3.0)]),
            comments: BTreeMap::new(),
            leaks_shown: 5,
        }
    }
}

impl Template {
    /// Every metric key the page shows, North Stars first.
    pub fn keys(&self) -> Vec<String> {
        self.north_star
            .iter()
            .chain(&self.operational)
            .cloned()
            .collect()
    }

    /// The comment of `section`, if one is written.
    pub fn comment(&self, section: &str) -> Option<&str> {
        self.comments
            .get(section)
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
    }
}

/// Why a template could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("there is no scorecard template named \"{0}\"")]
    Missing(String),
    #[error("the scorecard template \"{name}\" is damaged ({reason})")]
    Damaged { name: String, reason: String },
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

/// The template `name` from `ws`; the default when `name` is the default's and none was
/// saved under it.
pub fn load(ws: &Workspace, name: &str) -> Result<Template, TemplateError> {
    match ws.scorecard_template(name)? {
        Some(body) => {
            let mut t: Template =
                serde_json::from_str(&body).map_err(|e| TemplateError::Damaged {
                    name: name.to_owned(),
                    reason: e.to_string(),
                })?;
            t.name = name.to_owned();
            Ok(t)
        }
        None if name == DEFAULT_NAME => Ok(Template::default()),
        None => Err(TemplateError::Missing(name.to_owned())),
    }
}

/// Saves `template` in `ws` under its name.
pub fn save(ws: &Workspace, template: &Template) -> Result<(), WorkspaceError> {
    // A template is plain data: it always serialises.
    let body = serde_json::to_string(template).unwrap_or_default();
    ws.save_scorecard_template(&template.name, &body)
}
