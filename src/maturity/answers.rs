//! The team's answers: No, Sometimes or Yes (consistently) to each statement, the level
//! they show for a pillar, and the answers file people fill in before the meeting.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::{Model, Question};
use crate::definitions::fiscal::Quarter;

/// One answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    No,
    Sometimes,
    /// Yes, consistently.
    Yes,
}

impl Answer {
    pub const ALL: [Self; 3] = [Self::No, Self::Sometimes, Self::Yes];

    /// As written in the answers file and stored.
    pub fn key(self) -> &'static str {
        match self {
            Self::No => "no",
            Self::Sometimes => "sometimes",
            Self::Yes => "yes",
        }
    }

    /// As shown.
    pub fn label(self) -> &'static str {
        match self {
            Self::No => "No",
            Self::Sometimes => "Sometimes",
            Self::Yes => "Yes, consistently",
        }
    }

    /// Reads a written answer: "no", "sometimes", "yes" or "yes, consistently", in any case.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "no" => Some(Self::No),
            "sometimes" => Some(Self::Sometimes),
            "yes" | "yes, consistently" => Some(Self::Yes),
            _ => None,
        }
    }
}

/// A quarter's answers, by question key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Answers {
    pub given: BTreeMap<String, Answer>,
    /// Who answered last, and when (`YYYY-MM-DD HH:MM` UTC); empty before any answer.
    pub answered_by: String,
    pub answered_at: String,
}

/// The level the answers to `questions` show; `None` when none is answered.
///
/// The base rule: over the questions of levels 2 and 3, more than half "yes" is level 3,
/// more than half "yes" or "sometimes" is level 2, else level 1. Levels 4 and 5 need their
/// own questions: every answered question of level 4 "yes" (from level 3) reaches 4, then
/// every one of level 5 "yes" reaches 5.
pub fn self_level(questions: &[&Question], given: &BTreeMap<String, Answer>) -> Option<u8> {
    let answered: Vec<(u8, Answer)> = questions
        .iter()
        .filter_map(|q| given.get(&q.key).map(|a| (q.level, *a)))
        .collect();
    if answered.is_empty() {
        return None;
    }
    let base: Vec<Answer> = answered
        .iter()
        .filter(|(l, _)| *l <= 3)
        .map(|(_, a)| *a)
        .collect();
    let yes = base.iter().filter(|a| **a == Answer::Yes).count();
    let some = base.iter().filter(|a| **a != Answer::No).count();
    let mut level = if !base.is_empty() && yes * 2 > base.len() {
        3
    } else if !base.is_empty() && some * 2 > base.len() {
        2
    } else {
        1
    };
    for higher in 4..=5 {
        let at: Vec<Answer> = answered
            .iter()
            .filter(|(l, _)| *l == higher)
            .map(|(_, a)| *a)
            .collect();
        if level == higher - 1 && !at.is_empty() && at.iter().all(|a| *a == Answer::Yes) {
            level = higher;
        } else {
            break;
        }
    }
    Some(level)
}

/// Why an answers file was not accepted. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum AnswersError {
    #[error("{file}: cannot be read ({source})")]
    Unreadable {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Parse { file: PathBuf, message: String },
    #[error("{file}, line {line}: {reason}. Nothing was changed.")]
    Invalid {
        file: PathBuf,
        line: usize,
        reason: String,
    },
    #[error("{file}: cannot be written ({source})")]
    Unwritable {
        file: PathBuf,
        source: std::io::Error,
    },
}

/// An answers file as read: the quarter and who answered, when it says, and the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersFile {
    pub period: Option<Quarter>,
    pub answered_by: Option<String>,
    pub given: BTreeMap<String, Answer>,
}

/// Reads an answers file's text: `period` and `answered_by`, then one
/// `"question.key" = "no" | "sometimes" | "yes"` a line (blank: not answered). An unknown
/// question or answer is refused with its line.
pub fn parse_answers(text: &str, file: &Path, model: &Model) -> Result<AnswersFile, AnswersError> {
    let table: BTreeMap<toml::Spanned<String>, toml::Spanned<String>> = toml::from_str(text)
        .map_err(|e| AnswersError::Parse {
            file: file.to_owned(),
            message: e.to_string().lines().collect::<Vec<_>>().join(" "),
        })?;
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    let line = |at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
    let invalid = |at: usize, reason: String| AnswersError::Invalid {
        file: file.to_owned(),
        line: line(at),
        reason,
    };
    let mut out = AnswersFile {
        period: None,
        answered_by: None,
        given: BTreeMap::new(),
    };
    for (key, value) in entries {
        let at = key.span().start;
        match key.get_ref().as_str() {
            "period" => {
                out.period = Some(Quarter::parse(value.get_ref()).ok_or_else(|| {
                    invalid(
                        at,
                        format!(
                            "\"{}\" is not a quarter; write it as 2025-Q3",
                            value.get_ref()
                        ),
                    )
                })?);
            }
            "answered_by" => out.answered_by = Some(value.get_ref().trim().to_owned()),
            k => {
                if !model.questions.iter().any(|q| q.key == k) {
                    return Err(invalid(
                        at,
                        format!("\"{k}\" is not a question of the maturity model"),
                    ));
                }
                if value.get_ref().trim().is_empty() {
                    continue;
                }
                let answer = Answer::parse(value.get_ref()).ok_or_else(|| {
                    invalid(
                        at,
                        format!(
                            "\"{}\" is not an answer; write no, sometimes or yes",
                            value.get_ref()
                        ),
                    )
                })?;
                out.given.insert(k.to_owned(), answer);
            }
        }
    }
    Ok(out)
}

/// Reads an answers file.
pub fn read_answers_file(path: &Path, model: &Model) -> Result<AnswersFile, AnswersError> {
    let text = std::fs::read_to_string(path).map_err(|source| AnswersError::Unreadable {
        file: path.to_owned(),
        source,
    })?;
    parse_answers(&text, path, model)
}

/// The answers file for `period`: every question of the framework in use under its
/// pillar, with its statement and level as a comment and the answer given (blank when
/// none), ready to fill in.
pub fn answers_text(model: &Model, period: Quarter, answers: &Answers) -> String {
    let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let mut out = vec![
        "# RevOps Cockpit maturity answers. Answer each statement no, sometimes or yes".to_owned(),
        "# (yes, consistently); leave it blank when nobody knows. Import the file with".to_owned(),
        "# `revops-cockpit maturity answers import FILE`.".to_owned(),
        String::new(),
        format!("period = {}", quote(&period.label())),
        format!("answered_by = {}", quote(&answers.answered_by)),
    ];
    let mut written: Vec<&str> = Vec::new();
    for pillar in &model.framework().pillars {
        out.push(String::new());
        out.push(format!("# {}", pillar.name));
        for q in model.questions_of(pillar) {
            if written.contains(&q.key.as_str()) {
                continue;
            }
            written.push(&q.key);
            out.push(format!("# {} (level {})", q.text, q.level));
            let given = answers.given.get(&q.key).map_or("", |a| a.key());
            out.push(format!("{} = {}", quote(&q.key), quote(given)));
        }
    }
    out.push(String::new());
    out.join("\n")
}

/// Writes the answers file for `period` to `path`, whole or not at all.
pub fn write_answers_file(
    path: &Path,
    model: &Model,
    period: Quarter,
    answers: &Answers,
) -> Result<(), AnswersError> {
    let unwritable = |source| AnswersError::Unwritable {
        file: path.to_owned(),
        source,
    };
    let mut tmp = crate::export::temporary_beside(path).map_err(unwritable)?;
    std::io::Write::write_all(&mut tmp, answers_text(model, period, answers).as_bytes())
        .map_err(unwritable)?;
    tmp.persist(path).map_err(|e| unwritable(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(key: &str, level: u8) -> Question {
        Question {
            key: key.to_owned(),
            pillar: "p".to_owned(),
            level,
            text: String::new(),
        }
    }

    fn level(pairs: &[(&Question, Answer)]) -> Option<u8> {
        let questions: Vec<&Question> = pairs.iter().map(|(q, _)| *q).collect();
        let given = pairs
            .iter()
            .map(|(q, a)| (q.key.clone(), *a))
            .collect::<BTreeMap<_, _>>();
        self_level(&questions, &given)
    }

    #[test]
    fn mostly_sometimes_is_level_two_mostly_yes_three_and_higher_levels_need_their_own() {
        use Answer::{No, Sometimes, Yes};
        let (a, b, c, d, e) = (q("a", 2), q("b", 3), q("c", 3), q("d", 4), q("e", 5));
        assert_eq!(level(&[]), None);
        assert_eq!(level(&[(&a, No), (&b, No), (&c, Sometimes)]), Some(1));
        assert_eq!(
            level(&[(&a, Sometimes), (&b, Sometimes), (&c, No)]),
            Some(2)
        );
        assert_eq!(
            level(&[(&a, Yes), (&b, Sometimes), (&c, Sometimes)]),
            Some(2)
        );
        assert_eq!(level(&[(&a, Yes), (&b, Yes), (&c, Sometimes)]), Some(3));
        // Level 4 from its own statement, and only from level 3.
        assert_eq!(
            level(&[(&a, Yes), (&b, Yes), (&c, Yes), (&d, Yes)]),
            Some(4)
        );
        assert_eq!(
            level(&[(&a, Yes), (&b, Sometimes), (&c, Sometimes), (&d, Yes)]),
            Some(2)
        );
        assert_eq!(
            level(&[(&a, Yes), (&b, Yes), (&c, Yes), (&d, Sometimes), (&e, Yes)]),
            Some(3)
        );
        assert_eq!(
            level(&[(&a, Yes), (&b, Yes), (&c, Yes), (&d, Yes), (&e, Yes)]),
            Some(5)
        );
    }

    #[test]
    fn an_unknown_question_or_answer_is_refused_with_its_line() {
        let model = Model::shipped();
        let file = Path::new("answers.toml");
        let text = "period = \"2025-Q3\"\n\"strategy.ownership\" = \"yes\"\n\"strategy.nonsense\" = \"no\"\n";
        let e = parse_answers(text, file, &model).map(|_| ()).err();
        assert_eq!(
            e.map(|e| e.to_string()),
            Some("answers.toml, line 3: \"strategy.nonsense\" is not a question of the maturity model. Nothing was changed.".to_owned())
        );
        let text = "\"strategy.ownership\" = \"maybe\"\n";
        let e = parse_answers(text, file, &model).map(|_| ()).err();
        assert!(e.is_some_and(|e| e.to_string().contains("line 1: \"maybe\" is not an answer")),);
    }

    #[test]
    fn the_written_file_reads_back_as_the_same_answers() {
        let model = Model::shipped();
        let period = Quarter::parse("2025-Q3").unwrap_or_else(|| panic!("quarter"));
        let answers = Answers {
            given: [
                ("strategy.ownership".to_owned(), Answer::Yes),
                ("process.weekly_review".to_owned(), Answer::Sometimes),
            ]
            .into_iter()
            .collect(),
            answered_by: "Ana \"RevOps\" Silva".to_owned(),
            answered_at: String::new(),
        };
        let text = answers_text(&model, period, &answers);
        let back =
            parse_answers(&text, Path::new("a.toml"), &model).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.period, Some(period));
        assert_eq!(back.answered_by.as_deref(), Some("Ana \"RevOps\" Silva"));
        assert_eq!(back.given, answers.given);
    }
}
