//! The Funnel's compact tables as bytes, kept in the workspace between sessions so the
//! next open reads them back rather than building them again from every record. Bytes
//! made by another version of the app or under other definitions are stale and not used;
//! bytes that do not make whole tables are refused.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::contact_table::ContactTable;
use super::deal_table::DealTable;
use crate::definitions::Definitions;

/// The layout of the bytes and the way the tables are built: bump it when either
/// changes between two releases of the same version number (a new version number makes
/// every kept table stale anyway).
const LAYOUT: u32 = 1;

/// What the bytes were made by and for, written before the tables and read first.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Made {
    layout: u32,
    /// The app's version: another may build the tables differently.
    app: String,
    /// SHA-256 of the definitions the tables were built under.
    definitions: [u8; 32],
}

impl Made {
    fn now(defs: &Definitions) -> Self {
        // Definitions hold no unordered maps, so the same definitions give the same text.
        let text = serde_json::to_vec(defs).unwrap_or_default();
        Self {
            layout: LAYOUT,
            app: env!("CARGO_PKG_VERSION").to_owned(),
            definitions: Sha256::digest(&text).into(),
        }
    }
}

#[derive(Serialize)]
struct TablesRef<'a> {
    contacts: &'a ContactTable,
    deals: &'a DealTable,
}

#[derive(Deserialize)]
struct Tables {
    contacts: ContactTable,
    deals: DealTable,
}

/// Why kept tables were not used.
#[derive(Debug, thiserror::Error)]
pub enum StoredTablesError {
    #[error("the kept tables were built by another version of the app or under other definitions")]
    Stale,
    #[error("the kept tables are damaged: {0}")]
    Damaged(String),
    #[error("the tables could not be written as bytes: {0}")]
    Unwritable(String),
}

/// `contacts` and `deals`, built under `defs`, as bytes for [`from_bytes`].
pub fn to_bytes(
    defs: &Definitions,
    contacts: &ContactTable,
    deals: &DealTable,
) -> Result<Vec<u8>, StoredTablesError> {
    let unwritable = |e: postcard::Error| StoredTablesError::Unwritable(e.to_string());
    let bytes = postcard::to_stdvec(&Made::now(defs)).map_err(unwritable)?;
    postcard::to_extend(&TablesRef { contacts, deals }, bytes).map_err(unwritable)
}

/// The tables in `bytes`, if they were made by this version of the app under `defs` and
/// are whole.
pub fn from_bytes(
    bytes: &[u8],
    defs: &Definitions,
) -> Result<(ContactTable, DealTable), StoredTablesError> {
    let damaged = |e: postcard::Error| StoredTablesError::Damaged(e.to_string());
    let (made, rest) = postcard::take_from_bytes::<Made>(bytes).map_err(damaged)?;
    if made != Made::now(defs) {
        return Err(StoredTablesError::Stale);
    }
    let (tables, left) = postcard::take_from_bytes::<Tables>(rest).map_err(damaged)?;
    if !left.is_empty() {
        return Err(StoredTablesError::Damaged(format!(
            "{} bytes after the tables",
            left.len()
        )));
    }
    if !tables.contacts.is_whole() || !tables.deals.is_whole() {
        return Err(StoredTablesError::Damaged(
            "a column does not hold one entry per record".to_owned(),
        ));
    }
    Ok((tables.contacts, tables.deals))
}
