//! Turns one row's cells into a typed record, or says why it cannot be used.
//!
//! The rule, shown to users in the Import view: a row is **rejected** when its record id
//! is blank, when it has a different number of cells than the header, or when a
//! required field (the id, and the created date where the file has one) is blank or
//! unreadable. Any other value that cannot be read is left blank and the row is kept
//! with a **warning** naming the column.

use crate::definitions::{default_deal_stage, status_from_stage};
use crate::import::formats::{Binding, ColumnMapping, Target};
use crate::import::values::{DateOrder, parse_amount, parse_percent, parse_timestamp};
use crate::model::{
    Account, Contact, Deal, DealStatus, Field, LifecycleStage, Record, RecordObject, StageEntry,
    ValueKind,
};

/// The rule above, as the Import view shows it.
pub const ROW_RULES: &str = "A row is rejected when its record ID is blank, when it has a different number of cells \
     than the header, or when a required value (the record ID, and the created date where the file has that column) \
     is blank or cannot be read. Any other value that cannot be read is left blank and the row is kept with a \
     warning naming the column. A file is refused whole when it is empty, not text, has no data rows, ends inside \
     an open quote, has a value over 1 MB, or repeats a record ID with different values.";

/// A problem with one cell or row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellIssue {
    pub column: Option<String>,
    pub reason: String,
}

/// What building a row produced.
#[derive(Debug, Clone, PartialEq)]
pub enum BuiltRow {
    /// A record, with warnings about values left blank.
    Record {
        record: Box<Record>,
        warnings: Vec<CellIssue>,
    },
    Rejected(CellIssue),
}

/// Builds records of one object from rows of one file.
#[derive(Debug, Clone)]
pub struct RowBuilder {
    mapping: ColumnMapping,
    /// The day/month order decided for each column, by column index.
    date_orders: Vec<Option<DateOrder>>,
    /// Columns combined into the key when the file has no id column.
    id_fallback: Vec<usize>,
    /// The source system the records come from.
    source_system: String,
}

struct Cells<'a> {
    cells: &'a [&'a str],
    mapping: &'a ColumnMapping,
    date_orders: &'a [Option<DateOrder>],
    object: RecordObject,
    warnings: Vec<CellIssue>,
    rejection: Option<CellIssue>,
}

impl<'a> Cells<'a> {
    fn text(&self, field: Field) -> Option<String> {
        let column = self.mapping.column_of(field)?;
        let cell = self.cells.get(column)?;
        crate::import::values::non_blank(cell).map(str::to_owned)
    }

    fn header(&self, field: Field) -> Option<String> {
        self.mapping
            .column_of(field)
            .and_then(|c| self.mapping.header_of(c))
            .map(str::to_owned)
    }

    fn problem(&mut self, field: Field, reason: String) {
        let issue = CellIssue {
            column: self.header(field),
            reason,
        };
        if field.required_for(self.object) {
            self.rejection.get_or_insert(issue);
        } else {
            self.warnings.push(issue);
        }
    }

    fn timestamp(&mut self, field: Field) -> Option<i64> {
        let column = self.mapping.column_of(field)?;
        let cell = *self.cells.get(column)?;
        let order = self.date_orders.get(column).copied().flatten();
        match parse_timestamp(cell, order) {
            Ok(Some(ts)) => Some(ts),
            Ok(None) => {
                if field.required_for(self.object) {
                    self.problem(field, format!("{} is blank", field.label()));
                }
                None
            }
            Err(e) => {
                self.problem(field, e.to_string());
                None
            }
        }
    }

    fn amount(&mut self, field: Field) -> (Option<i64>, Option<String>) {
        let Some(column) = self.mapping.column_of(field) else {
            return (None, None);
        };
        let Some(cell) = self.cells.get(column) else {
            return (None, None);
        };
        match parse_amount(cell) {
            Ok(Some(m)) => (Some(m.cents), m.currency),
            Ok(None) => (None, None),
            Err(e) => {
                self.problem(field, e.to_string());
                (None, None)
            }
        }
    }

    fn percent(&mut self, field: Field) -> Option<f64> {
        let cell = self.cells.get(self.mapping.column_of(field)?)?;
        match parse_percent(cell) {
            Ok(v) => v,
            Err(e) => {
                self.problem(field, e.to_string());
                None
            }
        }
    }
}

impl RowBuilder {
    /// A builder for files mapped by `mapping`.
    pub fn new(
        mapping: ColumnMapping,
        date_orders: Vec<Option<DateOrder>>,
        id_fallback: &[Field],
        source_system: &str,
    ) -> Self {
        let id_fallback = if mapping.column_of(Field::SourceId).is_some() {
            Vec::new()
        } else {
            id_fallback
                .iter()
                .filter_map(|f| mapping.column_of(*f))
                .collect()
        };
        Self {
            mapping,
            date_orders,
            id_fallback,
            source_system: source_system.to_owned(),
        }
    }

    /// Whether records are keyed by a combination of columns because the file has no id.
    pub fn uses_fallback_key(&self) -> bool {
        !self.id_fallback.is_empty()
    }

    /// The mapping in use.
    pub fn mapping(&self) -> &ColumnMapping {
        &self.mapping
    }

    /// Builds one row. `cells` has exactly the header's number of cells.
    pub fn build(&self, cells: &[&str]) -> BuiltRow {
        let object = self.mapping.object;
        let mut c = Cells {
            cells,
            mapping: &self.mapping,
            date_orders: &self.date_orders,
            object,
            warnings: Vec::new(),
            rejection: None,
        };
        let source_id = if self.id_fallback.is_empty() {
            c.text(Field::SourceId)
        } else {
            let parts: Vec<&str> = self
                .id_fallback
                .iter()
                .filter_map(|i| cells.get(*i).map(|s| s.trim()))
                .collect();
            parts
                .iter()
                .any(|p| !p.is_empty())
                .then(|| parts.join(" | "))
        };
        let Some(source_id) = source_id else {
            let column = self
                .mapping
                .column_of(Field::SourceId)
                .and_then(|i| self.mapping.header_of(i))
                .map(str::to_owned);
            return BuiltRow::Rejected(CellIssue {
                column,
                reason: "the record ID is blank".to_owned(),
            });
        };
        let record = match object {
            RecordObject::Contact => Record::Contact(contact(&mut c, source_id)),
            RecordObject::Deal => Record::Deal(deal(
                &mut c,
                &self.source_system,
                source_id,
                &self.mapping.bindings,
            )),
            RecordObject::Account => Record::Account(account(&mut c, source_id)),
        };
        match c.rejection {
            Some(issue) => BuiltRow::Rejected(issue),
            None => BuiltRow::Record {
                record: Box::new(record),
                warnings: c.warnings,
            },
        }
    }

    /// The columns holding dates, for deciding their day/month order.
    pub fn date_columns(mapping: &ColumnMapping) -> Vec<usize> {
        mapping
            .bindings
            .iter()
            .filter(|b| match &b.target {
                Target::Field(f) => f.kind() == ValueKind::Timestamp,
                Target::StageEntered(_) => true,
            })
            .map(|b| b.column)
            .collect()
    }
}

fn contact(c: &mut Cells<'_>, source_id: String) -> Contact {
    let name = c.text(Field::Name).or_else(|| {
        let full = [c.text(Field::FirstName), c.text(Field::LastName)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        (!full.is_empty()).then_some(full)
    });
    let mut stage_dates = [None; 5];
    for (stage, field) in LifecycleStage::ALL.into_iter().zip([
        Field::LeadDate,
        Field::MqlDate,
        Field::SqlDate,
        Field::OpportunityDate,
        Field::CustomerDate,
    ]) {
        if let Some(slot) = stage_dates.get_mut(stage.index()) {
            *slot = c.timestamp(field);
        }
    }
    Contact {
        source_id,
        name,
        email: c.text(Field::Email),
        company: c.text(Field::Company),
        owner: c.text(Field::Owner),
        source: c.text(Field::Source),
        segment: c.text(Field::Segment),
        region: c.text(Field::Region),
        created: c.timestamp(Field::Created),
        stage_dates,
        current_stage: c.text(Field::LifecycleStage),
        first_touch: c.timestamp(Field::FirstTouch),
    }
}

fn deal(c: &mut Cells<'_>, source_system: &str, source_id: String, bindings: &[Binding]) -> Deal {
    let raw_stage = c.text(Field::Stage);
    let (amount_cents, amount_currency) = c.amount(Field::Amount);
    let won = c.timestamp(Field::WonTime);
    let lost = c.timestamp(Field::LostTime);
    let status = match c.text(Field::Status).map(|s| s.to_lowercase()) {
        Some(s) if s.contains("won") => DealStatus::Won,
        Some(s) if s.contains("lost") => DealStatus::Lost,
        _ if won.is_some() => DealStatus::Won,
        _ if lost.is_some() => DealStatus::Lost,
        _ => raw_stage
            .as_deref()
            .map_or(DealStatus::Open, status_from_stage),
    };
    let mut stage_entries = Vec::new();
    for binding in bindings {
        if let Target::StageEntered(stage) = &binding.target {
            let cell = c.cells.get(binding.column).copied().unwrap_or_default();
            let order = c.date_orders.get(binding.column).copied().flatten();
            match parse_timestamp(cell, order) {
                Ok(Some(entered)) => stage_entries.push(StageEntry {
                    stage: stage.clone(),
                    entered,
                }),
                Ok(None) => {}
                Err(e) => c.warnings.push(CellIssue {
                    column: Some(binding.header.clone()),
                    reason: e.to_string(),
                }),
            }
        }
    }
    stage_entries.sort_by_key(|e| e.entered);
    let close_date = c.timestamp(Field::CloseDate).or(won).or(lost);
    Deal {
        source_system: source_system.to_owned(),
        source_id,
        name: c.text(Field::Name),
        account: c.text(Field::Account),
        owner: c.text(Field::Owner),
        pipeline: c.text(Field::Pipeline),
        mapped_stage: raw_stage
            .as_deref()
            .and_then(default_deal_stage)
            .map(str::to_owned),
        raw_stage,
        amount_cents,
        currency: c
            .text(Field::Currency)
            .map(|s| s.to_uppercase())
            .or(amount_currency),
        created: c.timestamp(Field::Created),
        close_date,
        status,
        lost_reason: c.text(Field::LostReason),
        deal_type: c.text(Field::DealType),
        source: c.text(Field::Source),
        segment: c.text(Field::Segment),
        region: c.text(Field::Region),
        probability_pct: c.percent(Field::Probability),
        stage_entries,
    }
}

fn account(c: &mut Cells<'_>, source_id: String) -> Account {
    let (arr_cents, arr_currency) = c.amount(Field::Arr);
    Account {
        source_id,
        name: c.text(Field::Name),
        owner: c.text(Field::Owner),
        segment: c.text(Field::Segment),
        region: c.text(Field::Region),
        closed_won: c.timestamp(Field::ClosedWonDate),
        kickoff: c.timestamp(Field::KickoffDate),
        contract_start: c.timestamp(Field::ContractStart),
        contract_end: c.timestamp(Field::ContractEnd),
        arr_cents,
        currency: c
            .text(Field::Currency)
            .map(|s| s.to_uppercase())
            .or(arr_currency),
        renewal_outreach: c.timestamp(Field::RenewalOutreachDate),
        churned: c.timestamp(Field::ChurnDate),
    }
}
