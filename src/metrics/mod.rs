//! The numbers: pure functions over the canonical records and a definitions version. No
//! SQL, no egui; every result is plain serialisable data that names the records behind
//! each count, so views, exports and the CLI show the same numbers and can drill down.

pub mod breakdown;
pub mod contact_table;
pub mod deal_funnel;
pub mod deal_table;
pub mod deals;
pub mod details;
pub mod filter;
pub mod from_store;
pub mod funnel;
pub mod parallel;
pub mod report;
pub mod stats;
pub mod stored_tables;
pub mod value_columns;

pub use filter::{Dimension, Filter};
pub use funnel::{
    FunnelMode, LifecycleFunnel, StageRow, funnels_by_quarter, funnels_by_value, lifecycle_funnel,
};
