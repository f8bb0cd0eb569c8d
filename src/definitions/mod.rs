//! The data dictionary: what the team's terms mean. For now the built-in defaults that
//! map CRM deal stage names to canonical stages and closed-won / closed-lost; the
//! editable, versioned definitions build on these.

mod stage_map;

pub use stage_map::{DEAL_STAGES, default_deal_stage, status_from_stage};
