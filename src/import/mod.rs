//! From a CRM export file to typed records in the workspace, all or nothing.
//!
//! One file goes through: [`scan`] (size, SHA-256, encoding, refusing empty and binary
//! files), decoding to UTF-8, [`sniff`] (delimiter, report preamble, header), format
//! recognition ([`formats`], or a saved column mapping), a look at the first rows to
//! decide each date column's day/month order, then a streaming pass: one thread reads
//! and builds each row ([`rows`]) while another writes them into one workspace
//! transaction. Memory stays flat: only a bounded prefix, a sample of rows and a few
//! chunks of built rows are held at once, and repeated ids are found in the store.

mod bytes;
mod decode;
mod error;
pub mod formats;
mod pipeline;
pub mod preview;
mod resolve;
mod row_reader;
pub mod rows;
mod run;
mod scan;
mod sniff;
pub mod values;

pub use error::ImportError;
pub use pipeline::{
    ImportOptions, ImportOutcome, default_as_of, header_signature, import_file, read_header,
};
pub use scan::TextEncoding;
