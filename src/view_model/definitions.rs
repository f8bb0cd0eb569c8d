//! What the Definitions view shows: the version in force, the form over a copy of it, the
//! impact preview of unsaved changes, and the last comparison of two versions.

use super::workspace::DefinitionsState;
use crate::definitions::Definitions;
use crate::definitions::impact::ImpactPreview;

/// The Definitions view's form: an editable copy of the version in force.
#[derive(Debug, Clone, PartialEq)]
pub struct DefinitionsDraft {
    pub based_on: i64,
    pub definitions: Definitions,
    pub reason: String,
    /// A holiday date being typed.
    pub holiday_input: String,
    /// A currency code being typed.
    pub currency_input: String,
    /// An owner's name being typed, to add to a team.
    pub member_input: String,
    /// A deal stage the user asked to remove while mappings point at it, and the stage
    /// chosen to receive them.
    pub removing_deal_stage: Option<(usize, Option<String>)>,
    /// The two versions picked for comparison in the history.
    pub compare: (i64, i64),
}

impl DefinitionsDraft {
    /// A form over `definitions` of version `based_on`.
    pub fn new(based_on: i64, definitions: Definitions) -> Self {
        Self {
            based_on,
            definitions,
            reason: String::new(),
            holiday_input: String::new(),
            currency_input: String::new(),
            member_input: String::new(),
            removing_deal_stage: None,
            compare: (1, based_on),
        }
    }
}

/// What the view shows besides the form.
pub struct DefinitionsViewModel<'a> {
    pub state: &'a DefinitionsState,
    /// The last comparison: versions a and b and what changed, in plain words.
    pub comparison: Option<&'a (i64, i64, Vec<String>)>,
    /// What the unsaved changes would move, once worked out for exactly these changes.
    pub impact: Option<&'a ImpactPreview>,
    pub busy: bool,
}
