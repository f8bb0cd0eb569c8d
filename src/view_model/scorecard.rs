//! What the Scorecard view reads: the quarter's gathered numbers, the page a template
//! makes of them, the page's picture as it prints, the template being edited, and the
//! scorecards published.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::command::Command;
use super::funnel::DealList;
use super::navigation::View;
use crate::definitions::fiscal::Quarter;
use crate::leaks::LeakKind;
use crate::scorecard::catalogue::{MetricSpec, Unit};
use crate::scorecard::draw::{Paper, Spot};
use crate::scorecard::from_store::Gathered;
use crate::scorecard::{Scorecard, Template};

/// What the view asks the background for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorecardQuery {
    pub period: Quarter,
    pub definitions_version: Option<i64>,
    pub batches: Vec<i64>,
    /// The records' generation the numbers follow.
    pub generation: i64,
}

/// A scorecard kept as published.
#[derive(Debug, Clone)]
pub struct PublishedPage {
    pub id: i64,
    pub name: String,
    pub page: Arc<Scorecard>,
}

/// The numbers for one query.
#[derive(Debug, Clone)]
pub struct ScorecardResult {
    pub query: ScorecardQuery,
    pub gathered: Arc<Gathered>,
    /// The lifecycle stages' keys, in order: a conversion's records are its stage's.
    pub stage_keys: Vec<String>,
    /// The template saved for the workspace, as read with the numbers.
    pub template: Template,
    /// Every published scorecard, newest first.
    pub published: Vec<PublishedPage>,
}

/// The page drawn as it prints, ready to show.
#[derive(Debug, Clone)]
pub struct PagePicture {
    /// The page it shows.
    pub page: Arc<Scorecard>,
    pub paper: Paper,
    /// The page's size in points, and where each number sits on it.
    pub size: (f32, f32),
    pub spots: Vec<([f32; 4], Spot)>,
}

/// The template as the lead edits it: the targets as typed, until they are read.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorecardDraft {
    pub template: Template,
    /// Each metric's target as typed, in the unit people read it in (40 for 40%).
    pub target_texts: BTreeMap<String, String>,
    /// The name a publish will keep the page as.
    pub publish_name: String,
}

impl ScorecardDraft {
    /// The draft of `template`, its targets written as people read them.
    pub fn new(template: Template, specs: &[MetricSpec], period: Quarter) -> Self {
        let target_texts = template
            .targets
            .iter()
            .filter_map(|(key, t)| {
                let spec = specs.iter().find(|s| &s.key == key)?;
                Some((key.clone(), target_text(spec.unit, *t)))
            })
            .collect();
        Self {
            template,
            target_texts,
            publish_name: format!("{} review", period.label()),
        }
    }

    /// Reads the typed targets into the template; the metrics whose text is not a number.
    pub fn read_targets(&mut self, specs: &[MetricSpec]) -> Vec<String> {
        let mut unread = Vec::new();
        for (key, text) in &self.target_texts {
            let Some(spec) = specs.iter().find(|s| &s.key == key) else {
                continue;
            };
            match parse_target(spec.unit, text) {
                Ok(Some(t)) => {
                    self.template.targets.insert(key.clone(), t);
                }
                Ok(None) => {
                    self.template.targets.remove(key);
                }
                Err(NotANumber) => unread.push(format!("{} (\"{}\")", spec.label, text.trim())),
            }
        }
        unread
    }
}

/// A target typed that is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a number")]
pub struct NotANumber;

/// A target as typed: a share in percent, money in whole units, days, a multiple; blank
/// for none. Separators and the unit's own signs are allowed ("40%", "1,200,000", "3x").
pub fn parse_target(unit: Unit, text: &str) -> Result<Option<f64>, NotANumber> {
    let cleaned: String = text
        .trim()
        .trim_end_matches(['%', '×', 'x', 'X'])
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let v: f64 = cleaned.parse().map_err(|_| NotANumber)?;
    if !v.is_finite() {
        return Err(NotANumber);
    }
    Ok(Some(if unit == Unit::Percent { v / 100.0 } else { v }))
}

/// A target written as people type it back.
pub fn target_text(unit: Unit, value: f64) -> String {
    let v = if unit == Unit::Percent {
        value * 100.0
    } else {
        value
    };
    let text = format!("{v:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The commands that open the records behind a place on the page, as the views that
/// list them do: a funnel number's records in the Funnel view, a leak's in Handoff
/// leaks, the pillars in Pillar maturity.
pub fn open_records(spot: &Spot, stage_keys: &[String]) -> Vec<Command> {
    match spot {
        Spot::Leak(key) => LeakKind::ALL
            .iter()
            .find(|k| k.key() == key)
            .map(|k| vec![Command::OpenLeak(*k)])
            .unwrap_or_default(),
        Spot::Pillars => vec![Command::ShowView(View::Maturity)],
        Spot::Metric(key) => {
            let deals = |list| {
                vec![
                    Command::ShowView(View::Funnel),
                    Command::SelectFunnelStage(None),
                    Command::SelectFunnelDeals(Some(list)),
                ]
            };
            let stage = key
                .strip_prefix("conversion:")
                .or_else(|| key.strip_prefix("stage:"))
                .and_then(|s| stage_keys.iter().position(|k| k == s));
            match key.as_str() {
                "win_rate" => deals(DealList::Closed),
                "new_arr_won" | "deals_won" | "median_cycle" => deals(DealList::Won),
                "velocity" => deals(DealList::Open),
                "pipeline_coverage" => deals(DealList::Due),
                k if k.starts_with("sla:") || k == "revenue_retention" => {
                    vec![Command::ShowView(View::Leaks)]
                }
                _ => match stage {
                    Some(i) => vec![
                        Command::ShowView(View::Funnel),
                        Command::SelectFunnelDeals(None),
                        Command::SelectFunnelStage(Some(i)),
                    ],
                    None => vec![Command::ShowView(View::Funnel)],
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_typed_as_people_read_them() {
        assert_eq!(parse_target(Unit::Percent, "40"), Ok(Some(0.4)));
        assert_eq!(parse_target(Unit::Percent, " 42.5% "), Ok(Some(0.425)));
        assert_eq!(
            parse_target(Unit::Money, "1,200,000"),
            Ok(Some(1_200_000.0))
        );
        assert_eq!(parse_target(Unit::Multiple, "3x"), Ok(Some(3.0)));
        assert_eq!(parse_target(Unit::Days, ""), Ok(None));
        assert_eq!(parse_target(Unit::Days, "soon"), Err(NotANumber));
        assert_eq!(target_text(Unit::Percent, 0.425), "42.5");
        assert_eq!(target_text(Unit::Money, 1_200_000.0), "1200000");
    }
}
