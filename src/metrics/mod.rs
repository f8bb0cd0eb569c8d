//! The funnel's numbers: pure functions over compact contact and deal tables and a
//! definitions version — no SQL, no egui; every result is plain serialisable data that
//! names the records behind each count, so views, exports and the CLI show the same
//! numbers and can drill down. [`from_store`] and [`details`] fill the tables and the
//! records from a workspace, through its methods.

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
pub mod stage_table;
pub mod stats;
pub mod stored_tables;
pub mod value_columns;

pub use filter::{Dimension, Filter};
pub use funnel::{
    FunnelMode, LifecycleFunnel, StageRow, funnels_by_quarter, funnels_by_value, lifecycle_funnel,
};
