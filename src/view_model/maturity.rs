//! What the Pillar maturity view reads: the quarter's assessment, each pillar's level in
//! the quarters before, and the questionnaire's state.

use std::sync::Arc;

use crate::definitions::fiscal::Quarter;
use crate::maturity::{Answers, MaturityReport, Model, Signal};
use crate::metrics::details::FunnelDetails;

/// What the view asks the background for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaturityQuery {
    pub period: Quarter,
    pub definitions_version: Option<i64>,
    pub batches: Vec<i64>,
    /// The records' generation the numbers follow.
    pub generation: i64,
}

impl MaturityQuery {
    /// Whether `other` asks about the same records under the same definitions.
    pub fn same_records(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.definitions_version == other.definitions_version
            && self.batches == other.batches
    }
}

/// One quarter's signals and answers, and the levels they give each pillar (in the
/// report's order), assessed again when the framework or an answer changes.
#[derive(Debug, Clone, PartialEq)]
pub struct QuarterLevels {
    pub period: Quarter,
    pub signals: Vec<Signal>,
    pub answers: Answers,
    pub levels: Vec<Option<u8>>,
}

/// The numbers for one query.
#[derive(Debug, Clone)]
pub struct MaturityResult {
    pub query: MaturityQuery,
    pub model: Arc<Model>,
    /// The quarter's signals, measured once; the report is assessed again from them
    /// whenever an answer changes.
    pub signals: Vec<Signal>,
    pub answers: Answers,
    pub report: MaturityReport,
    /// The three quarters before, oldest first, then this one.
    pub trend: Vec<QuarterLevels>,
    /// The funnel's tables the signals' deals and contacts are positions in.
    pub tables: Arc<crate::metrics::from_store::FunnelTables>,
    /// The latest earlier quarter with answers, and how many, offered as a start.
    pub earlier_answers: Option<(Quarter, Answers)>,
    /// Counts the numbers taken in, so the view knows they are new.
    pub numbers: u64,
}

impl MaturityResult {
    /// Assesses the report and the quarters before again from their signals, with
    /// `self.answers` for this quarter, in the model's framework.
    pub fn reassess(&mut self) {
        let version = self.report.definitions_version;
        self.report = crate::maturity::assess(
            &self.model,
            &self.signals,
            &self.answers,
            self.query.period,
            version,
        );
        for q in &mut self.trend {
            if q.period == self.query.period {
                q.answers = self.answers.clone();
            }
            let report =
                crate::maturity::assess(&self.model, &q.signals, &q.answers, q.period, version);
            q.levels = report.pillars.iter().map(|p| p.level).collect();
        }
    }
}

/// The records behind one signal, read from the store.
#[derive(Debug, Clone)]
pub struct SignalRecords {
    /// The signal's key.
    pub signal: String,
    /// `None` while they are read.
    pub details: Option<Arc<FunnelDetails>>,
    /// Their positions in the funnel's tables, in the signal's order.
    pub deals: Vec<usize>,
    pub contacts: Vec<usize>,
}

/// What the Pillar maturity view draws.
pub struct MaturityViewModel<'a> {
    pub result: Option<&'a MaturityResult>,
    pub computing: bool,
    pub has_data: bool,
    /// The questionnaire's page (a pillar's index), when it is open.
    pub questionnaire: Option<usize>,
    /// The signal whose records are listed.
    pub records: Option<&'a SignalRecords>,
}
