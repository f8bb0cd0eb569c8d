//! The data dictionary: what the team's terms mean — lifecycle stages, deal stage
//! mapping, qualification rules, SLAs, required fields, fiscal calendar and currency —
//! as a versioned set every number is computed under.

pub mod apply;
pub mod change_words;
pub mod diff;
pub mod file;
pub mod fiscal;
pub mod impact;
pub mod model;
pub mod sla_clock;
mod stage_map;
pub mod validate;
pub mod versions;

pub use file::{DefinitionsError, defaults};
pub use model::Definitions;
pub use stage_map::{DEAL_STAGES, default_deal_stage, status_from_stage};
