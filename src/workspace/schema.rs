//! The workspace schema as an append-only list of migrations, tracked by `PRAGMA user_version`.
//!
//! Records are stored twice over: every batch's version of a record (`*_versions`, with
//! the raw row as imported, compressed with its neighbours in `raw_row_blocks`), and a
//! small `contacts`/`deals`/`accounts` table pointing at each record's current version
//! (the one from the export with the latest as-of date). So a newer export updates
//! records, an undone batch restores what it replaced, and what any batch said stays
//! queryable.

use rusqlite::Connection;

/// Each entry moves the schema one version forward. Never edit a released entry: add one.
pub const MIGRATIONS: &[&str] = &[
    // 1: batches, records and their versions, row issues, mapping presets, settings.
    r"
    CREATE TABLE workspace_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

    CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_path TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        crm TEXT NOT NULL,
        object TEXT NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT NOT NULL,
        delimiter TEXT NOT NULL,
        as_of TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_imported INTEGER NOT NULL DEFAULT 0,
        rows_updated INTEGER NOT NULL DEFAULT 0,
        rows_skipped INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        rows_warned INTEGER NOT NULL DEFAULT 0,
        preamble_lines INTEGER NOT NULL DEFAULT 0,
        footer_lines INTEGER NOT NULL DEFAULT 0,
        duration_ms INTEGER NOT NULL DEFAULT 0,
        header_json TEXT NOT NULL,
        mapping_json TEXT NOT NULL,
        notes_json TEXT NOT NULL DEFAULT '[]',
        is_sample INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX batches_sha ON batches(sha256);

    CREATE TABLE row_issues (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        row_number INTEGER NOT NULL,
        column_name TEXT,
        severity TEXT NOT NULL CHECK (severity IN ('rejected', 'warning')),
        reason TEXT NOT NULL,
        raw_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX row_issues_batch ON row_issues(batch_id, row_number);

    CREATE TABLE contact_versions (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        row_number INTEGER NOT NULL,
        as_of TEXT NOT NULL,
        source_system TEXT NOT NULL,
        source_id TEXT NOT NULL,
        name TEXT, email TEXT, company TEXT, owner TEXT, source TEXT, segment TEXT, region TEXT,
        created INTEGER, lead_at INTEGER, mql_at INTEGER, sql_at INTEGER, opportunity_at INTEGER,
        customer_at INTEGER, current_stage TEXT, first_touch_at INTEGER,
        raw_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX contact_versions_key ON contact_versions(source_system, source_id);
    CREATE INDEX contact_versions_batch ON contact_versions(batch_id);
    CREATE TABLE contacts (
        source_system TEXT NOT NULL,
        source_id TEXT NOT NULL,
        version_id INTEGER NOT NULL REFERENCES contact_versions(id),
        as_of TEXT NOT NULL,
        PRIMARY KEY (source_system, source_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX contacts_version ON contacts(version_id);

    CREATE TABLE deal_versions (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        row_number INTEGER NOT NULL,
        as_of TEXT NOT NULL,
        source_system TEXT NOT NULL,
        source_id TEXT NOT NULL,
        name TEXT, account TEXT, owner TEXT, pipeline TEXT, raw_stage TEXT, mapped_stage TEXT,
        amount_cents INTEGER, currency TEXT, created INTEGER, close_date INTEGER,
        status TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
        lost_reason TEXT, deal_type TEXT, source TEXT, segment TEXT, region TEXT, probability_pct REAL,
        raw_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX deal_versions_key ON deal_versions(source_system, source_id);
    CREATE INDEX deal_versions_batch ON deal_versions(batch_id);
    CREATE TABLE deal_stage_entries (
        version_id INTEGER NOT NULL REFERENCES deal_versions(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        entered_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX deal_stage_entries_version ON deal_stage_entries(version_id);
    CREATE TABLE deals (
        source_system TEXT NOT NULL,
        source_id TEXT NOT NULL,
        version_id INTEGER NOT NULL REFERENCES deal_versions(id),
        as_of TEXT NOT NULL,
        PRIMARY KEY (source_system, source_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX deals_version ON deals(version_id);

    CREATE TABLE account_versions (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        row_number INTEGER NOT NULL,
        as_of TEXT NOT NULL,
        source_system TEXT NOT NULL,
        source_id TEXT NOT NULL,
        name TEXT, owner TEXT, segment TEXT, region TEXT,
        closed_won_at INTEGER, kickoff_at INTEGER, contract_start INTEGER, contract_end INTEGER,
        arr_cents INTEGER, currency TEXT, renewal_outreach_at INTEGER, churned_at INTEGER,
        raw_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX account_versions_key ON account_versions(source_system, source_id);
    CREATE INDEX account_versions_batch ON account_versions(batch_id);
    CREATE TABLE accounts (
        source_system TEXT NOT NULL,
        source_id TEXT NOT NULL,
        version_id INTEGER NOT NULL REFERENCES account_versions(id),
        as_of TEXT NOT NULL,
        PRIMARY KEY (source_system, source_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX accounts_version ON accounts(version_id);

    CREATE TABLE mapping_presets (
        name TEXT PRIMARY KEY,
        header_signature TEXT NOT NULL,
        object TEXT NOT NULL,
        mapping_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;
    ",
    // 2: definition versions. A version is never changed: saving or restoring adds one.
    r"
    CREATE TABLE definition_versions (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        author TEXT NOT NULL,
        reason TEXT NOT NULL,
        body TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER definition_versions_are_never_changed BEFORE UPDATE ON definition_versions
    BEGIN SELECT RAISE(ABORT, 'definition versions are never changed; save a new version'); END;
    ",
    // 3: a batch's raw rows compressed together in blocks; a version written since has an
    // empty `raw_json` and its raw row in the block of its batch covering its row number.
    r"
    CREATE TABLE raw_row_blocks (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        first_row INTEGER NOT NULL,
        last_row INTEGER NOT NULL,
        rows BLOB NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX raw_row_blocks_batch ON raw_row_blocks(batch_id, first_row);
    ",
    // 4: the records' generation, a random number drawn again on every batch imported,
    // changed or undone and every definitions version added (the only ways the records the
    // views read or the definitions they read them under change; random, so a backup put
    // back, whose history may differ, never repeats a generation of other records), and
    // the views' compact tables kept for one generation, dropped when it changes.
    r"
    CREATE TABLE generation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        n INTEGER NOT NULL
    ) STRICT;
    INSERT INTO generation (id, n) VALUES (1, random());
    CREATE TABLE kept_tables (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL,
        tables BLOB NOT NULL
    ) STRICT;
    CREATE TRIGGER generation_on_batch_added AFTER INSERT ON batches
    BEGIN UPDATE generation SET n = random(); DELETE FROM kept_tables; END;
    CREATE TRIGGER generation_on_batch_changed AFTER UPDATE ON batches
    BEGIN UPDATE generation SET n = random(); DELETE FROM kept_tables; END;
    CREATE TRIGGER generation_on_batch_removed AFTER DELETE ON batches
    BEGIN UPDATE generation SET n = random(); DELETE FROM kept_tables; END;
    CREATE TRIGGER generation_on_definitions_added AFTER INSERT ON definition_versions
    BEGIN UPDATE generation SET n = random(); DELETE FROM kept_tables; END;
    CREATE TRIGGER generation_on_definitions_removed AFTER DELETE ON definition_versions
    BEGIN UPDATE generation SET n = random(); DELETE FROM kept_tables; END;
    ",
    // 5: each batch's newest event (the latest date its records say something happened),
    // so the quarter the views open on is the latest with records, whatever day a file
    // was copied; filled in for the batches already imported.
    r"
    ALTER TABLE batches ADD COLUMN newest_record TEXT;
    UPDATE batches SET newest_record = CASE object
        WHEN 'contact' THEN (SELECT date(nullif(max(max(coalesce(created, 0), coalesce(lead_at, 0),
            coalesce(mql_at, 0), coalesce(sql_at, 0), coalesce(opportunity_at, 0),
            coalesce(customer_at, 0), coalesce(first_touch_at, 0))), 0), 'unixepoch')
            FROM contact_versions WHERE batch_id = batches.id)
        WHEN 'deal' THEN (SELECT date(max(created), 'unixepoch')
            FROM deal_versions WHERE batch_id = batches.id)
        ELSE (SELECT date(nullif(max(max(coalesce(closed_won_at, 0), coalesce(kickoff_at, 0))), 0),
            'unixepoch') FROM account_versions WHERE batch_id = batches.id)
    END;
    ",
    // 6: the team's maturity answers, one a question a quarter, with who gave it and when;
    // and the maturity settings (the framework in use).
    r"
    CREATE TABLE maturity_answers (
        period TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        answered_by TEXT NOT NULL,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (period, question)
    ) STRICT;
    CREATE TABLE maturity_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    ",
    // 7: scorecard templates (which metrics, their order, targets and comments, as JSON)
    // and the scorecards published, each kept whole as the page that was presented.
    r"
    CREATE TABLE scorecard_templates (
        name TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        saved_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE published_scorecards (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        period TEXT NOT NULL,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL,
        definitions_version INTEGER NOT NULL,
        page TEXT NOT NULL
    ) STRICT;
    CREATE INDEX published_scorecards_by_period ON published_scorecards (period, id);
    ",
];

/// The schema version this build writes.
#[expect(clippy::cast_possible_wrap, reason = "a handful of migrations")]
pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

/// Why migrating stopped.
pub enum MigrateError {
    TooNew(i64),
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite(e)
    }
}

/// Brings the schema up to [`CURRENT_VERSION`] in one transaction; refuses a newer file
/// without touching it.
pub fn migrate(conn: &mut Connection) -> Result<(), MigrateError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > CURRENT_VERSION {
        return Err(MigrateError::TooNew(found));
    }
    if found == CURRENT_VERSION {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        tx.execute_batch(sql)?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(index + 1).unwrap_or(i64::MAX),
        )?;
    }
    tx.commit()?;
    Ok(())
}
