//! The maturity model as data: the five levels, the frameworks of pillars, the questions
//! and the signals with the cut-offs that place a value on a level. Read from TOML and
//! checked whole, naming the key of the first problem.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The signals the app knows how to measure; a model may use any of them.
pub const MEASURED: [&str; 16] = [
    "plan_attainment",
    "forecast_accuracy",
    "definitions_governed",
    "sla_marketing_to_sales",
    "sla_sales_to_success",
    "stalled_share",
    "stage_jumps",
    "raw_stages_mapped",
    "required_fields",
    "stage_dates_in_order",
    "first_touch_logged",
    "exports_every_period",
    "win_rate_spread",
    "late_pipeline_share",
    "aged_open_deals",
    "sla_renewal",
];

/// The build order a tie between equally weak pillars follows.
pub const STEPS: [&str; 6] = [
    "Align",
    "Define",
    "Instrument",
    "Enable",
    "Measure",
    "Optimize",
];

/// The model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// The framework in use, by key.
    pub framework: String,
    /// The level the team aims for, drawn as the target on the radar.
    #[serde(default = "default_target")]
    pub target: u8,
    pub levels: Vec<Level>,
    /// The first is the base: its pillars are the ones questions and signals belong to;
    /// another framework's pillar draws from them.
    pub frameworks: Vec<Framework>,
    pub questions: Vec<Question>,
    pub signals: Vec<SignalSpec>,
}

fn default_target() -> u8 {
    3
}

/// One of the five levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub level: u8,
    pub name: String,
    pub looks_like: String,
    /// The focus for the next step from this level.
    pub focus: String,
}

/// A set of pillars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub key: String,
    pub name: String,
    pub pillars: Vec<Pillar>,
}

/// One pillar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    pub key: String,
    pub name: String,
    /// Its place in the build order, one of [`STEPS`].
    pub step: String,
    pub owner: String,
    pub kpi_name: String,
    /// The signal shown as its KPI.
    pub kpi: String,
    pub from: String,
    pub to: String,
    /// In a framework other than the base: the base pillars whose questions and signals
    /// it takes. Empty in the base, where a pillar takes its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub draws_from: Vec<String>,
}

/// A statement answered No / Sometimes / Yes, consistently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub key: String,
    /// A base pillar.
    pub pillar: String,
    /// The level a consistent yes shows (2 to 5).
    pub level: u8,
    pub text: String,
}

/// Which way a signal improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Higher,
    Lower,
}

/// How a signal's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Percent,
    /// Percentage points (a spread between two rates).
    Points,
    Count,
}

/// A signal measured in the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalSpec {
    /// One of [`MEASURED`].
    pub key: String,
    /// A base pillar.
    pub pillar: String,
    pub name: String,
    pub unit: Unit,
    pub better: Better,
    /// The values at which it reaches levels 2, 3, 4 and 5 (fewer when it cannot show
    /// the higher ones).
    pub cutoffs: Vec<f64>,
    /// The export that would measure it.
    pub needs: String,
}

impl SignalSpec {
    /// The level `value` reaches.
    pub fn level_of(&self, value: f64) -> u8 {
        let reached = self
            .cutoffs
            .iter()
            .take_while(|&&c| match self.better {
                Better::Higher => value >= c,
                Better::Lower => value <= c,
            })
            .count();
        1 + u8::try_from(reached).unwrap_or(4)
    }

    /// `value` in the signal's unit: "58.0%", "12 pts", "3".
    pub fn show(&self, value: f64) -> String {
        match self.unit {
            Unit::Percent => crate::text::percent(Some(value)),
            Unit::Points => format!("{:.0} pts", value * 100.0),
            Unit::Count => crate::text::count(value.round() as usize),
        }
    }
}

/// Why a model file was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
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
}

impl Model {
    /// The shipped model (`assets/maturity-default.toml`).
    pub fn shipped() -> Self {
        const SHIPPED: &str = include_str!("../../assets/maturity-default.toml");
        // The shipped file is checked by a test; an error here is a build defect.
        parse(SHIPPED, Path::new("assets/maturity-default.toml")).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The framework in use.
    pub fn framework(&self) -> &Framework {
        self.frameworks
            .iter()
            .find(|f| f.key == self.framework)
            .unwrap_or(&self.frameworks[0])
    }

    /// The level numbered `level`.
    pub fn level(&self, level: u8) -> Option<&Level> {
        self.levels.iter().find(|l| l.level == level)
    }

    /// The level's name, e.g. "Integrated"; "—" for none.
    pub fn level_name(&self, level: Option<u8>) -> &str {
        level
            .and_then(|l| self.level(l))
            .map_or("—", |l| l.name.as_str())
    }

    /// The base pillars `pillar` takes its questions and signals from.
    pub fn base_pillars_of<'p>(&self, pillar: &'p Pillar) -> Vec<&'p str> {
        if pillar.draws_from.is_empty() {
            vec![pillar.key.as_str()]
        } else {
            pillar.draws_from.iter().map(String::as_str).collect()
        }
    }

    /// The questions of `pillar`, in the model's order.
    pub fn questions_of(&self, pillar: &Pillar) -> Vec<&Question> {
        let base = self.base_pillars_of(pillar);
        self.questions
            .iter()
            .filter(|q| base.contains(&q.pillar.as_str()))
            .collect()
    }

    /// The signals of `pillar`, in the model's order.
    pub fn signals_of(&self, pillar: &Pillar) -> Vec<&SignalSpec> {
        let base = self.base_pillars_of(pillar);
        self.signals
            .iter()
            .filter(|s| base.contains(&s.pillar.as_str()))
            .collect()
    }
}

/// Reads a model from TOML text; `file` names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<Model, ModelError> {
    let model: Model = toml::from_str(text).map_err(|e| ModelError::Parse {
        file: file.to_owned(),
        message: e.to_string().lines().collect::<Vec<_>>().join(" "),
    })?;
    if let Some((key, reason)) = problems(&model).into_iter().next() {
        return Err(ModelError::Invalid {
            file: file.to_owned(),
            key,
            reason,
        });
    }
    Ok(model)
}

/// Reads a model file.
pub fn read_file(path: &Path) -> Result<Model, ModelError> {
    let text = std::fs::read_to_string(path).map_err(|source| ModelError::Unreadable {
        file: path.to_owned(),
        source,
    })?;
    parse(&text, path)
}

/// Every problem in `m`, as (key, reason); empty when the model can be used.
pub fn problems(m: &Model) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut add = |key: String, reason: String| out.push((key, reason));
    for n in 1..=5u8 {
        match m.levels.iter().filter(|l| l.level == n).count() {
            1 => {}
            0 => add("levels".into(), format!("level {n} is missing")),
            _ => add("levels".into(), format!("level {n} is given twice")),
        }
    }
    if !(1..=5).contains(&m.target) {
        add(
            "target".into(),
            format!("{} is not a level (1 to 5)", m.target),
        );
    }
    if m.levels.len() != 5 {
        add(
            "levels".into(),
            format!("{} levels given; the model has five", m.levels.len()),
        );
    }
    let Some(base) = m.frameworks.first() else {
        add("frameworks".into(), "no framework is given".into());
        return out;
    };
    if !m.frameworks.iter().any(|f| f.key == m.framework) {
        add(
            "framework".into(),
            format!("\"{}\" is not one of the frameworks' keys", m.framework),
        );
    }
    let base_keys: Vec<&str> = base.pillars.iter().map(|p| p.key.as_str()).collect();
    for (fi, f) in m.frameworks.iter().enumerate() {
        if f.pillars.len() < 3 {
            add(
                format!("frameworks[{fi}].pillars"),
                "a framework needs three pillars or more".into(),
            );
        }
        for (pi, p) in f.pillars.iter().enumerate() {
            let at = format!("frameworks[{fi}].pillars[{pi}]");
            if f.pillars[..pi].iter().any(|o| o.key == p.key) {
                add(format!("{at}.key"), format!("\"{}\" is given twice", p.key));
            }
            if !STEPS.contains(&p.step.as_str()) {
                add(
                    format!("{at}.step"),
                    format!("\"{}\" is not one of {}", p.step, STEPS.join(", ")),
                );
            }
            if !m.signals.iter().any(|s| s.key == p.kpi) {
                add(
                    format!("{at}.kpi"),
                    format!("\"{}\" is not one of the signals' keys", p.kpi),
                );
            }
            if fi == 0 && !p.draws_from.is_empty() {
                add(
                    format!("{at}.draws_from"),
                    "the first framework's pillars are the base and draw from none".into(),
                );
            }
            if fi > 0 && p.draws_from.is_empty() {
                add(
                    format!("{at}.draws_from"),
                    "name the first framework's pillars this one takes from".into(),
                );
            }
            for d in &p.draws_from {
                if !base_keys.contains(&d.as_str()) {
                    add(
                        format!("{at}.draws_from"),
                        format!("\"{d}\" is not a pillar of the first framework"),
                    );
                }
            }
        }
    }
    for (i, q) in m.questions.iter().enumerate() {
        let at = format!("questions[{i}]");
        if m.questions[..i].iter().any(|o| o.key == q.key) {
            add(format!("{at}.key"), format!("\"{}\" is given twice", q.key));
        }
        if !base_keys.contains(&q.pillar.as_str()) {
            add(
                format!("{at}.pillar"),
                format!("\"{}\" is not a pillar of the first framework", q.pillar),
            );
        }
        if !(2..=5).contains(&q.level) {
            add(
                format!("{at}.level"),
                format!(
                    "{} is not a level a question can show (2 to 5; level 1 is where a pillar starts)",
                    q.level
                ),
            );
        }
    }
    for (i, s) in m.signals.iter().enumerate() {
        let at = format!("signals[{i}]");
        if !MEASURED.contains(&s.key.as_str()) {
            add(
                format!("{at}.key"),
                format!(
                    "\"{}\" is not a signal the app measures (one of {})",
                    s.key,
                    MEASURED.join(", ")
                ),
            );
        }
        if m.signals[..i].iter().any(|o| o.key == s.key) {
            add(format!("{at}.key"), format!("\"{}\" is given twice", s.key));
        }
        if !base_keys.contains(&s.pillar.as_str()) {
            add(
                format!("{at}.pillar"),
                format!("\"{}\" is not a pillar of the first framework", s.pillar),
            );
        }
        if s.cutoffs.is_empty() || s.cutoffs.len() > 4 {
            add(
                format!("{at}.cutoffs"),
                "give one to four cut-offs: the values of levels 2, 3, 4 and 5".into(),
            );
        }
        let ordered = s.cutoffs.windows(2).all(|w| match s.better {
            Better::Higher => w[0] < w[1],
            Better::Lower => w[0] > w[1],
        });
        if !ordered {
            add(
                format!("{at}.cutoffs"),
                match s.better {
                    Better::Higher => {
                        "with better = \"higher\" each cut-off must be above the one before"
                    }
                    Better::Lower => {
                        "with better = \"lower\" each cut-off must be below the one before"
                    }
                }
                .into(),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_is_valid_and_every_pillar_has_questions_and_signals() {
        let m = Model::shipped();
        for f in &m.frameworks {
            for p in &f.pillars {
                assert!(!m.questions_of(p).is_empty(), "{} {}", f.key, p.key);
                assert!(!m.signals_of(p).is_empty(), "{} {}", f.key, p.key);
            }
        }
        assert_eq!(m.framework().pillars.len(), 6);
    }

    #[test]
    fn a_value_reaches_the_level_of_the_cutoffs_it_passes() {
        let m = Model::shipped();
        let spec = |k: &str| m.signals.iter().find(|s| s.key == k).cloned();
        let sla = spec("sla_marketing_to_sales").unwrap_or_else(|| panic!("sla"));
        assert_eq!(
            [0.2, 0.5, 0.58, 0.75, 0.9, 0.97, 1.0].map(|v| sla.level_of(v)),
            [1, 2, 2, 3, 4, 5, 5]
        );
        let late = spec("late_pipeline_share").unwrap_or_else(|| panic!("late"));
        assert_eq!(
            [0.7, 0.5, 0.45, 0.36, 0.33, 0.1].map(|v| late.level_of(v)),
            [1, 2, 2, 3, 4, 4]
        );
    }
}
