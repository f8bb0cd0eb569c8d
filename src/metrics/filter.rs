//! Filters and breakdown dimensions shared by the metrics.

use serde::{Deserialize, Serialize};

use crate::model::{Contact, Deal, Field};

/// A way to break a metric down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Segment,
    Owner,
    Source,
    Region,
    Pipeline,
    DealType,
}

impl Dimension {
    /// Every dimension.
    pub const ALL: [Self; 6] = [
        Self::Segment,
        Self::Owner,
        Self::Source,
        Self::Region,
        Self::Pipeline,
        Self::DealType,
    ];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Segment => "Segment",
            Self::Owner => "Owner",
            Self::Source => "Source",
            Self::Region => "Region",
            Self::Pipeline => "Pipeline",
            Self::DealType => "Deal type",
        }
    }

    /// The record field that holds this dimension's value.
    pub fn field(self) -> Field {
        match self {
            Self::Segment => Field::Segment,
            Self::Owner => Field::Owner,
            Self::Source => Field::Source,
            Self::Region => Field::Region,
            Self::Pipeline => Field::Pipeline,
            Self::DealType => Field::DealType,
        }
    }

    /// A contact's value for this dimension; contacts have no pipeline or deal type.
    pub fn of_contact(self, c: &Contact) -> Option<&str> {
        match self {
            Self::Segment => c.segment.as_deref(),
            Self::Owner => c.owner.as_deref(),
            Self::Source => c.source.as_deref(),
            Self::Region => c.region.as_deref(),
            Self::Pipeline | Self::DealType => None,
        }
    }

    /// A deal's value for this dimension.
    pub fn of_deal(self, d: &Deal) -> Option<&str> {
        match self {
            Self::Segment => d.segment.as_deref(),
            Self::Owner => d.owner.as_deref(),
            Self::Source => d.source.as_deref(),
            Self::Region => d.region.as_deref(),
            Self::Pipeline => d.pipeline.as_deref(),
            Self::DealType => d.deal_type.as_deref(),
        }
    }
}

/// Only records whose value for each dimension is the one given (combinable).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub equals: Vec<(Dimension, String)>,
}

impl Filter {
    /// No filter.
    pub fn all() -> Self {
        Self::default()
    }

    /// Adds a condition.
    #[must_use]
    pub fn with(mut self, dimension: Dimension, value: impl Into<String>) -> Self {
        self.equals.push((dimension, value.into()));
        self
    }

    /// The value the filter requires for `dimension`, if any.
    pub fn value(&self, dimension: Dimension) -> Option<&str> {
        self.equals
            .iter()
            .find(|(d, _)| *d == dimension)
            .map(|(_, v)| v.as_str())
    }

    /// Requires `value` for `dimension` (replacing what it required), or nothing for it.
    pub fn set(&mut self, dimension: Dimension, value: Option<String>) {
        self.equals.retain(|(d, _)| *d != dimension);
        if let Some(v) = value {
            self.equals.push((dimension, v));
            self.equals
                .sort_by_key(|(d, _)| Dimension::ALL.iter().position(|x| x == d));
        }
    }

    /// Whether a contact passes (a dimension contacts do not have does not filter them).
    pub fn keeps_contact(&self, c: &Contact) -> bool {
        self.equals.iter().all(|(d, v)| {
            matches!(d, Dimension::Pipeline | Dimension::DealType)
                || d.of_contact(c) == Some(v.as_str())
        })
    }

    /// Whether a deal passes.
    pub fn keeps_deal(&self, d: &Deal) -> bool {
        self.equals
            .iter()
            .all(|(dim, v)| dim.of_deal(d) == Some(v.as_str()))
    }
}
