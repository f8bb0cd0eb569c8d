//! Answers to the maturity questions, given on screen: assessed again at once, and kept
//! in the workspace in the background as they are given.

use super::CockpitApp;
use super::jobs::Job;
use crate::maturity::Answer;

impl CockpitApp {
    /// Sets `answers` (question, answer; `None` clears one) for the quarter shown.
    pub(super) fn answer_maturity(&mut self, answers: Vec<(String, Option<Answer>)>) {
        let by = self.answerer();
        let Some(result) = self.maturity.result.as_mut() else {
            return;
        };
        for (question, answer) in &answers {
            match answer {
                Some(a) => result.answers.given.insert(question.clone(), *a),
                None => result.answers.given.remove(question),
            };
        }
        result.answers.answered_by = by.clone();
        result.answers.answered_at = chrono::Utc::now().format("%Y-%m-%d %H:%M").to_string();
        result.reassess();
        self.jobs.push(Job::SaveMaturityAnswers {
            period: result.query.period,
            answers: answers
                .into_iter()
                .map(|(q, a)| (q, a.map_or_else(String::new, |a| a.key().to_owned())))
                .collect(),
            by,
        });
    }

    /// Starts this quarter's answers from the latest earlier quarter's, leaving the ones
    /// already given.
    pub(super) fn start_from_earlier_answers(&mut self) {
        let Some(result) = &self.maturity.result else {
            return;
        };
        let Some((_, earlier)) = &result.earlier_answers else {
            return;
        };
        let missing: Vec<(String, Option<Answer>)> = earlier
            .given
            .iter()
            .filter(|(q, _)| !result.answers.given.contains_key(*q))
            .map(|(q, a)| (q.clone(), Some(*a)))
            .collect();
        self.answer_maturity(missing);
    }

    /// Reads the maturity in the framework `key` at once, and keeps the choice.
    pub(super) fn set_maturity_framework(&mut self, key: String) {
        if let Some(result) = self.maturity.result.as_mut() {
            std::sync::Arc::make_mut(&mut result.model).framework = key.clone();
            result.reassess();
        }
        self.maturity.questionnaire = None;
        self.jobs.push(Job::SaveMaturityFramework(key));
    }

    /// Lists the deals or contacts behind the signal `signal` (or closes the list),
    /// reading them in the background.
    pub(super) fn open_signal_records(&mut self, signal: Option<String>) {
        self.maturity.records = None;
        let (Some(signal), Some(result)) = (signal, &self.maturity.result) else {
            return;
        };
        let Some(s) = result.signals.iter().find(|s| s.key == signal) else {
            return;
        };
        let (deals, contacts) = match &s.behind {
            crate::maturity::Behind::Deals(d) => (d.clone(), Vec::new()),
            crate::maturity::Behind::Contacts(c) => (Vec::new(), c.clone()),
            _ => return,
        };
        self.jobs.push(Job::ReadSignalRecords {
            signal: signal.clone(),
            tables: result.tables.clone(),
            positions: crate::metrics::details::DetailPositions {
                contacts: contacts.clone(),
                deals: deals.clone(),
            },
        });
        self.maturity.records = Some(crate::view_model::maturity::SignalRecords {
            signal,
            details: None,
            deals,
            contacts,
        });
    }

    /// Who is answering: the name given in Definitions, else the login name.
    pub(super) fn answerer(&self) -> String {
        Some(self.persisted.author_name.trim().to_owned())
            .filter(|n| !n.is_empty())
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_else(|| "unnamed".to_owned())
    }
}
