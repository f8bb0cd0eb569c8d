//! Levels combined: each pillar's level from its answers and from its evidence, the level
//! stated with its reason, the sentence naming a disagreement, and the next move.

use serde::Serialize;

use super::model::{Model, STEPS};
use super::signals::Signal;

/// The level a pillar's measured signals support: the average of their levels, rounded
/// down; `None` when none could be measured.
pub fn evidence_level(signals: &[&Signal]) -> Option<u8> {
    let levels: Vec<u8> = signals.iter().filter_map(|s| s.level).collect();
    if levels.is_empty() {
        return None;
    }
    let sum: u32 = levels.iter().map(|l| u32::from(*l)).sum();
    u8::try_from(sum / u32::try_from(levels.len()).unwrap_or(1)).ok()
}

/// A pillar's stated level and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stated {
    pub level: Option<u8>,
    pub reason: String,
}

/// The level stated from the answers' and the evidence's: within a level of each other
/// the evidence's (people over-score themselves by half a level to a level; the data
/// does not), further apart the lower of the two until they agree; either alone when
/// the other is missing.
pub fn stated(model: &Model, own: Option<u8>, evidence: Option<u8>) -> Stated {
    let name = |l: u8| model.level_name(Some(l)).to_owned();
    match (own, evidence) {
        (Some(s), Some(e)) if s == e => Stated {
            level: Some(e),
            reason: format!("the answers and the data agree on {}", name(e)),
        },
        (Some(s), Some(e)) if s.abs_diff(e) == 1 => Stated {
            level: Some(e),
            reason: format!(
                "the data's {} holds: answers and data are a level apart, and answers tend to run high",
                name(e)
            ),
        },
        (Some(s), Some(e)) => Stated {
            level: Some(s.min(e)),
            reason: format!(
                "the lower of the two ({}) holds: the answers ({}) and the data ({}) are more than a level apart",
                name(s.min(e)),
                name(s),
                name(e)
            ),
        },
        (None, Some(e)) => Stated {
            level: Some(e),
            reason: format!(
                "from the data alone ({}): answer the questions to compare",
                name(e)
            ),
        },
        (Some(s), None) => Stated {
            level: Some(s),
            reason: format!(
                "from the answers alone ({}): no signal of this pillar could be measured",
                name(s)
            ),
        },
        (None, None) => Stated {
            level: None,
            reason: "no answers and no signal measured yet".to_owned(),
        },
    }
}

/// The sentence naming a disagreement of a level or more between the answers and the
/// evidence, with the number behind it; `None` when they agree or one is missing.
pub fn disagreement(
    model: &Model,
    pillar: &str,
    own: Option<u8>,
    evidence: Option<u8>,
    signals: &[&Signal],
) -> Option<String> {
    let (s, e) = (own?, evidence?);
    if s == e {
        return None;
    }
    let measured = signals.iter().filter(|x| x.level.is_some());
    let answered = model.level_name(Some(s));
    if s > e {
        let weakest = measured.min_by_key(|x| x.level)?;
        Some(format!(
            "You answered {answered} for {pillar}, but {}.",
            weakest.sentence
        ))
    } else {
        let strongest = measured.max_by_key(|x| x.level)?;
        Some(format!(
            "You answered {answered} for {pillar}, but the data shows {}: {}.",
            model.level_name(Some(e)),
            strongest.sentence
        ))
    }
}

/// The pillar to work on next: the lowest stated level, ties broken by the build order
/// Align → Define → Instrument → Enable → Measure → Optimize; as (index, level).
pub fn next_move(levels: &[(Option<u8>, &str)]) -> Option<usize> {
    let step = |s: &str| STEPS.iter().position(|x| *x == s).unwrap_or(STEPS.len());
    levels
        .iter()
        .enumerate()
        .filter_map(|(i, (l, s))| l.map(|l| (i, l, step(s))))
        .min_by_key(|(_, l, s)| (*l, *s))
        .map(|(i, _, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_a_level_the_data_holds_further_apart_the_lower() {
        let m = Model::shipped();
        let level = |s, e| stated(&m, s, e).level;
        assert_eq!(level(Some(3), Some(3)), Some(3));
        assert_eq!(level(Some(4), Some(3)), Some(3));
        assert_eq!(level(Some(2), Some(3)), Some(3));
        assert_eq!(level(Some(4), Some(2)), Some(2));
        assert_eq!(level(Some(1), Some(4)), Some(1));
        assert_eq!(level(None, Some(2)), Some(2));
        assert_eq!(level(Some(2), None), Some(2));
        assert_eq!(level(None, None), None);
        assert!(
            stated(&m, Some(4), Some(2))
                .reason
                .contains("more than a level apart")
        );
    }

    #[test]
    fn the_weakest_pillar_is_next_and_the_build_order_breaks_ties() {
        assert_eq!(
            next_move(&[
                (Some(3), "Align"),
                (Some(2), "Measure"),
                (Some(2), "Define")
            ]),
            Some(2)
        );
        assert_eq!(
            next_move(&[(None, "Align"), (Some(4), "Optimize")]),
            Some(1)
        );
        assert_eq!(next_move(&[(None, "Align")]), None);
    }
}
