//! Applying definitions to records: which deal stage a raw CRM stage means, and when a
//! contact reached each lifecycle stage under the qualification rules.

use super::model::{
    Condition, DealStageDef, Definitions, LifecycleStageDef, Match, Op, Rule, RuleValue,
    StageOutcome,
};
use crate::import::formats::normalize_header;
use crate::model::{Account, Contact, Deal, DealStatus, Field, LifecycleStage, Timestamp};

/// The deal stage a raw stage value of `crm` (and `pipeline`) maps to; a mapping for the
/// pipeline wins over one for every pipeline.
pub fn deal_stage<'d>(
    defs: &'d Definitions,
    crm: &str,
    pipeline: Option<&str>,
    raw: &str,
) -> Option<&'d DealStageDef> {
    let raw = normalize_header(raw);
    let matching = |m: &&super::model::StageMapping| {
        m.crm.eq_ignore_ascii_case(crm) && m.raw.iter().any(|r| normalize_header(r) == raw)
    };
    let for_pipeline = defs.stage_mapping.iter().filter(matching).find(|m| {
        m.pipeline
            .as_deref()
            .is_some_and(|p| pipeline.is_some_and(|q| p.eq_ignore_ascii_case(q)))
    });
    let any_pipeline = || {
        defs.stage_mapping
            .iter()
            .filter(matching)
            .find(|m| m.pipeline.is_none())
    };
    let mapping = for_pipeline.or_else(any_pipeline)?;
    defs.deal_stages.iter().find(|s| s.name == mapping.stage)
}

/// The deal stage of a deal under these definitions.
pub fn deal_stage_of<'d>(defs: &'d Definitions, deal: &Deal) -> Option<&'d DealStageDef> {
    deal.raw_stage
        .as_deref()
        .and_then(|raw| deal_stage(defs, &deal.source_system, deal.pipeline.as_deref(), raw))
}

/// Maps raw stage values to deal stage positions, each distinct value worked out once.
/// It keeps its own copy of each value, so deals can be handed to it one at a time in a
/// reused record.
pub struct DealStageLookup<'d> {
    defs: &'d Definitions,
    /// Keyed by system, pipeline and raw value in one key ([`crate::model::write_stage_key`]).
    seen: rustc_hash::FxHashMap<Vec<u8>, Option<usize>>,
    key: Vec<u8>,
}

impl<'d> DealStageLookup<'d> {
    /// An empty lookup under `defs`.
    pub fn new(defs: &'d Definitions) -> Self {
        Self {
            defs,
            seen: rustc_hash::FxHashMap::default(),
            key: Vec::new(),
        }
    }

    /// The position in the definitions' deal stages of `raw`, a stage value of `deal`.
    pub fn position(&mut self, deal: &Deal, raw: &str) -> Option<usize> {
        crate::model::write_stage_key(
            &mut self.key,
            &deal.source_system,
            deal.pipeline.as_deref(),
            raw,
        );
        if let Some(p) = self.seen.get(self.key.as_slice()) {
            return *p;
        }
        let defs = self.defs;
        let p = deal_stage(defs, &deal.source_system, deal.pipeline.as_deref(), raw)
            .and_then(|stage| defs.deal_stages.iter().position(|s| s.name == stage.name));
        self.seen.insert(self.key.clone(), p);
        p
    }

    /// The position of `deal`'s stage and whether it is open, won or lost: its mapped
    /// stage's outcome, else its exported status.
    pub fn outcome(&mut self, deal: &Deal) -> (Option<usize>, DealStatus) {
        let position = deal
            .raw_stage
            .as_deref()
            .and_then(|r| self.position(deal, r));
        let status = match position
            .and_then(|p| self.defs.deal_stages.get(p))
            .map(|s| s.outcome)
        {
            Some(StageOutcome::Won) => DealStatus::Won,
            Some(StageOutcome::Lost) => DealStatus::Lost,
            Some(StageOutcome::Open) | None => deal.status,
        };
        (position, status)
    }
}

/// When `contact` reached the lifecycle stage `key`: by its rule if the definitions have
/// one, else by the imported stage date.
pub fn reached(defs: &Definitions, contact: &Contact, key: &str) -> Option<Timestamp> {
    StageSource::of(defs, key).date(contact)
}

/// Where a stage's date comes from, worked out once per definitions rather than per record.
#[derive(Debug, Clone, Copy)]
pub enum StageSource<'d> {
    Rule(&'d Rule),
    Imported(LifecycleStage),
    Never,
}

impl<'d> StageSource<'d> {
    /// The source of stage `key` under `defs`.
    pub fn of(defs: &'d Definitions, key: &str) -> Self {
        match defs.rules.iter().find(|r| r.term == key) {
            // "Reached when its date is set, at that date" is the imported date itself:
            // read it directly rather than interpret the rule for every record.
            Some(rule) if only_requires_its_date(rule) => {
                date_stage(rule.date).map_or(Self::Rule(rule), Self::Imported)
            }
            Some(rule) => Self::Rule(rule),
            None => imported_stage(key).map_or(Self::Never, Self::Imported),
        }
    }

    /// The sources of every lifecycle stage, in funnel order.
    pub fn all(defs: &'d Definitions) -> Vec<Self> {
        defs.lifecycle_stages
            .iter()
            .map(|s| Self::of(defs, &s.key))
            .collect()
    }

    /// The contact fields [`Self::date`] reads.
    pub fn fields(self) -> Vec<Field> {
        match self {
            Self::Rule(rule) => rule_fields(rule),
            Self::Imported(stage) => vec![stage_date_field(stage)],
            Self::Never => Vec::new(),
        }
    }

    /// When `contact` reached the stage.
    pub fn date(self, contact: &Contact) -> Option<Timestamp> {
        match self {
            Self::Rule(rule) => rule_date(rule, |f| contact_value(contact, f)),
            Self::Imported(stage) => contact.reached(stage),
            Self::Never => None,
        }
    }
}

/// The furthest lifecycle stage `contact` has reached, in the definitions' order.
pub fn current_stage<'d>(
    defs: &'d Definitions,
    contact: &Contact,
) -> Option<&'d LifecycleStageDef> {
    defs.lifecycle_stages
        .iter()
        .rev()
        .find(|s| reached(defs, contact, &s.key).is_some())
}

/// When `account` churned under the `churned` rule (or its churn date when there is none).
pub fn churned(defs: &Definitions, account: &Account) -> Option<Timestamp> {
    match defs.rules.iter().find(|r| r.term == "churned") {
        Some(rule) => rule_date(rule, |f| account_value(account, f)),
        None => account.churned,
    }
}

/// The `rejected` rule, if the definitions have one, so it is looked up once per run.
pub fn rejected_rule(defs: &Definitions) -> Option<&Rule> {
    defs.rules.iter().find(|r| r.term == "rejected")
}

/// Whether `contact` meets `rule`'s conditions, whatever its date.
pub fn contact_meets(rule: &Rule, contact: &Contact) -> bool {
    rule_holds(rule, |f| contact_value(contact, f))
}

/// The fields `rule` reads: its date and every condition's field.
pub fn rule_fields(rule: &Rule) -> Vec<Field> {
    std::iter::once(rule.date)
        .chain(rule.conditions.iter().map(|c| c.field))
        .collect()
}

/// Whether `rule` holds exactly when its own date field is set.
fn only_requires_its_date(rule: &Rule) -> bool {
    matches!(rule.conditions.as_slice(), [c] if c.field == rule.date && c.op == Op::IsSet)
}

/// The lifecycle stage whose imported date `field` is.
fn date_stage(field: Field) -> Option<LifecycleStage> {
    match field {
        Field::LeadDate => Some(LifecycleStage::Lead),
        Field::MqlDate => Some(LifecycleStage::Mql),
        Field::SqlDate => Some(LifecycleStage::Sql),
        Field::OpportunityDate => Some(LifecycleStage::Opportunity),
        Field::CustomerDate => Some(LifecycleStage::Customer),
        _ => None,
    }
}

/// The imported date field of lifecycle `stage`.
fn stage_date_field(stage: LifecycleStage) -> Field {
    match stage {
        LifecycleStage::Lead => Field::LeadDate,
        LifecycleStage::Mql => Field::MqlDate,
        LifecycleStage::Sql => Field::SqlDate,
        LifecycleStage::Opportunity => Field::OpportunityDate,
        LifecycleStage::Customer => Field::CustomerDate,
    }
}

fn imported_stage(key: &str) -> Option<LifecycleStage> {
    LifecycleStage::ALL
        .into_iter()
        .find(|s| s.label().eq_ignore_ascii_case(key))
}

/// A field's value as text, or a date as seconds.
enum Value<'a> {
    Text(&'a str),
    Time(Timestamp),
}

fn rule_holds<'a>(rule: &Rule, value: impl Fn(Field) -> Option<Value<'a>>) -> bool {
    let holds = |c: &Condition| condition_holds(c, value(c.field).as_ref());
    match rule.matches {
        Match::All => rule.conditions.iter().all(holds),
        Match::Any => rule.conditions.iter().any(holds),
    }
}

fn rule_date<'a>(rule: &Rule, value: impl Fn(Field) -> Option<Value<'a>>) -> Option<Timestamp> {
    if !rule_holds(rule, &value) {
        return None;
    }
    match value(rule.date) {
        Some(Value::Time(t)) => Some(t),
        _ => None,
    }
}

fn condition_holds(c: &Condition, value: Option<&Value<'_>>) -> bool {
    let text = || match value {
        Some(Value::Text(t)) => Some((*t).to_owned()),
        Some(Value::Time(t)) => Some(t.to_string()),
        None => None,
    };
    let one = || match &c.value {
        Some(RuleValue::One(v)) => v.as_str(),
        _ => "",
    };
    let in_list = |t: &str| match &c.value {
        Some(RuleValue::List(v)) => v.iter().any(|x| same_text(x, t)),
        _ => false,
    };
    match c.op {
        Op::IsSet => value.is_some(),
        Op::IsNotSet => value.is_none(),
        Op::Equals => text().is_some_and(|t| same_text(&t, one())),
        Op::NotEquals => text().is_none_or(|t| !same_text(&t, one())),
        Op::Contains => {
            text().is_some_and(|t| t.to_lowercase().contains(&one().trim().to_lowercase()))
        }
        Op::In => text().is_some_and(|t| in_list(&t)),
        Op::NotIn => text().is_none_or(|t| !in_list(&t)),
    }
}

/// Text equal ignoring case and surrounding spaces.
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a.eq_ignore_ascii_case(b)
        || (!(a.is_ascii() && b.is_ascii()) && a.to_lowercase() == b.to_lowercase())
}

fn text(v: Option<&String>) -> Option<Value<'_>> {
    v.map(|s| Value::Text(s.as_str()))
}

fn time(v: Option<Timestamp>) -> Option<Value<'static>> {
    v.map(Value::Time)
}

fn contact_value(c: &Contact, f: Field) -> Option<Value<'_>> {
    match f {
        Field::SourceId => Some(Value::Text(&c.source_id)),
        Field::Name => text(c.name.as_ref()),
        Field::Email => text(c.email.as_ref()),
        Field::Company => text(c.company.as_ref()),
        Field::Owner => text(c.owner.as_ref()),
        Field::Source => text(c.source.as_ref()),
        Field::Segment => text(c.segment.as_ref()),
        Field::Region => text(c.region.as_ref()),
        Field::LifecycleStage => text(c.current_stage.as_ref()),
        Field::Created => time(c.created),
        Field::FirstTouch => time(c.first_touch),
        Field::LeadDate => time(c.reached(LifecycleStage::Lead)),
        Field::MqlDate => time(c.reached(LifecycleStage::Mql)),
        Field::SqlDate => time(c.reached(LifecycleStage::Sql)),
        Field::OpportunityDate => time(c.reached(LifecycleStage::Opportunity)),
        Field::CustomerDate => time(c.reached(LifecycleStage::Customer)),
        _ => None,
    }
}

fn account_value(a: &Account, f: Field) -> Option<Value<'_>> {
    match f {
        Field::SourceId => Some(Value::Text(&a.source_id)),
        Field::Name => text(a.name.as_ref()),
        Field::Owner => text(a.owner.as_ref()),
        Field::Segment => text(a.segment.as_ref()),
        Field::Region => text(a.region.as_ref()),
        Field::ClosedWonDate => time(a.closed_won),
        Field::KickoffDate => time(a.kickoff),
        Field::ContractStart => time(a.contract_start),
        Field::ContractEnd => time(a.contract_end),
        Field::RenewalOutreachDate => time(a.renewal_outreach),
        Field::ChurnDate => time(a.churned),
        _ => None,
    }
}

/// Whether a record of `object` has a value for `field` (a field the object does not
/// have counts as missing).
pub fn has_value(record: RecordView<'_>, field: Field) -> bool {
    match record {
        RecordView::Contact(c) => contact_value(c, field).is_some(),
        RecordView::Account(a) => match field {
            Field::Arr => a.arr_cents.is_some(),
            Field::Currency => a.currency.is_some(),
            _ => account_value(a, field).is_some(),
        },
        RecordView::Deal(d) => match field {
            Field::SourceId => true,
            Field::Name => d.name.is_some(),
            Field::Account | Field::Company => d.account.is_some(),
            Field::Owner => d.owner.is_some(),
            Field::Pipeline => d.pipeline.is_some(),
            Field::Stage => d.raw_stage.is_some(),
            Field::Amount => d.amount_cents.is_some(),
            Field::Currency => d.currency.is_some(),
            Field::Created => d.created.is_some(),
            Field::CloseDate => d.close_date.is_some(),
            Field::Status => true,
            Field::LostReason => d.lost_reason.is_some(),
            Field::DealType => d.deal_type.is_some(),
            Field::Source => d.source.is_some(),
            Field::Segment => d.segment.is_some(),
            Field::Region => d.region.is_some(),
            Field::Probability => d.probability_pct.is_some(),
            _ => false,
        },
    }
}

/// A record of any object, borrowed.
#[derive(Debug, Clone, Copy)]
pub enum RecordView<'a> {
    Contact(&'a Contact),
    Deal(&'a Deal),
    Account(&'a Account),
}

/// The raw stage values seen in imports that no mapping covers.
pub fn unmapped(
    defs: &Definitions,
    seen: &[crate::workspace::RawStageCount],
) -> Vec<crate::workspace::RawStageCount> {
    seen.iter()
        .filter(|s| {
            deal_stage(defs, &s.source_system, s.pipeline.as_deref(), &s.raw_stage).is_none()
        })
        .cloned()
        .collect()
}
