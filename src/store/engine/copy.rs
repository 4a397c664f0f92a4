//! Copies a whole database to another, of either kind: the way up from SQLite to
//! PostgreSQL. The target is written in one transaction and checked before it commits, so a
//! copy that fails or does not match leaves the target as empty as it was.

use sha2::{Digest, Sha256};

use super::history::export_page;
use super::queue::recount;
use crate::store::sql::{Conn, Value, args, insert_rows};
use crate::store::{ExportFilter, OrgId, StoreError, StoreResult};

/// How a table's rows are paged through, in a stable order.
#[derive(Clone, Copy)]
enum Order {
    Id,
    Hash,
    Whole(&'static str),
}

/// Every column of the tables that hold history, as bulk writers list them.
pub const VISITOR_COLUMNS: &[&str] = &["id", "bot_id", "user_id", "name", "email", "created_at"];
pub const REQUEST_COLUMNS: &[&str] = &[
    "id",
    "org_id",
    "bot_id",
    "channel",
    "visitor_id",
    "title",
    "state",
    "assignee_id",
    "created_at",
    "assigned_at",
    "resolved_at",
    "closed_at",
    "updated_at",
    "version",
    "origin",
    "visitor_name",
    "visitor_email",
    "visitor_user_id",
];
pub const NOTE_COLUMNS: &[&str] = &["id", "request_id", "kind", "author_member_id", "body", "fields", "created_at"];
pub const MESSAGE_COLUMNS: &[&str] = &["id", "request_id", "sender", "member_id", "body", "created_at"];
pub const EVENT_COLUMNS: &[&str] =
    &["id", "request_id", "at", "actor_member_id", "actor_kind", "from_state", "to_state", "assignee_id"];

/// Every table that holds data, parents first. `queue_counts` is derived, so it is rebuilt
/// on the target rather than copied.
const TABLES: &[(&str, &[&str], Order)] = &[
    (
        "organizations",
        &["id", "name", "created_at", "default_capacity", "retain_closed_days", "retain_after_export"],
        Order::Id,
    ),
    ("org_numbers", &["org_id", "requests", "notes", "messages", "events"], Order::Whole("org_id")),
    ("org_changes", &["org_id", "seq"], Order::Whole("org_id")),
    (
        "members",
        &["id", "org_id", "email", "name", "role", "presence", "created_at", "removed_at", "capacity", "last_routed"],
        Order::Id,
    ),
    (
        "bots",
        &[
            "id",
            "org_id",
            "name",
            "channels",
            "created_at",
            "texts",
            "form",
            "embed_origins",
            "routing_mode",
            "routing_order",
        ],
        Order::Id,
    ),
    ("bot_admins", &["member_id", "bot_id"], Order::Whole("member_id, bot_id")),
    (
        "tokens",
        &["id", "member_id", "hash", "label", "created_at", "expires_at", "last_used_at", "revoked_at"],
        Order::Id,
    ),
    (
        "invitations",
        &[
            "id",
            "org_id",
            "email",
            "name",
            "role",
            "bot_ids",
            "hash",
            "created_by",
            "created_at",
            "expires_at",
            "accepted_at",
            "member_id",
            "revoked_at",
        ],
        Order::Id,
    ),
    ("bot_keys", &["id", "bot_id", "hash", "name", "created_at", "last_used_at", "revoked_at"], Order::Id),
    (
        "webhooks",
        &["id", "org_id", "url", "events", "bot_id", "secret", "status", "disabled_reason", "created_at", "removed_at"],
        Order::Id,
    ),
    ("visitors", VISITOR_COLUMNS, Order::Id),
    ("conversations", &["hash", "visitor_id", "channel", "created_at"], Order::Hash),
    ("requests", REQUEST_COLUMNS, Order::Id),
    ("request_labels", &["request_id", "name"], Order::Whole("request_id, name")),
    ("notes", NOTE_COLUMNS, Order::Id),
    ("messages", MESSAGE_COLUMNS, Order::Id),
    ("events", EVENT_COLUMNS, Order::Id),
    (
        "webhook_deliveries",
        &[
            "id",
            "webhook_id",
            "event_type",
            "payload",
            "created_at",
            "state",
            "attempts",
            "next_at",
            "lease_until",
            "last_attempt_at",
            "last_status",
            "last_error",
            "delivered_at",
            "request_id",
        ],
        Order::Id,
    ),
    (
        "export_receipts",
        &[
            "id",
            "org_id",
            "member_id",
            "first_id",
            "last_id",
            "closed_since",
            "closed_until",
            "records",
            "sha256",
            "at",
        ],
        Order::Id,
    ),
    ("request_changes", &["request_id", "org_id", "seq", "deleted_reason", "deleted_at"], Order::Whole("request_id")),
    ("audit_log", &["id", "org_id", "at", "actor_member_id", "action", "target", "address", "summary"], Order::Id),
];

/// Tables the copy leaves out on purpose: counts it rebuilds, sign-in codes that live a
/// minute, and SQLite's search indexes (with their own tables), which the target's triggers
/// fill as rows arrive.
#[cfg(test)]
pub const DERIVED_TABLES: &[&str] =
    &["queue_counts", "sign_in_codes", "messages_search", "notes_search", "requests_search"];

const PAGE: i64 = 2_000;

/// What a copy found on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// Rows per table, the same on both sides.
    pub tables: Vec<(String, u64)>,
    /// SHA-256 of every request exported with its whole history, the same on both sides.
    pub archive_sha256: String,
}

/// The names of the tables `copy` moves, for a check that none is forgotten.
#[cfg(test)]
pub fn copied_tables() -> Vec<&'static str> {
    TABLES.iter().map(|(name, _, _)| *name).collect()
}

fn count(conn: &mut impl Conn, table: &str) -> StoreResult<u64> {
    conn.query_one(&format!("SELECT count(*) FROM {table}"), &[])?.count(0)
}

/// Counts each table and hashes the export of every request, organization by organization.
fn fingerprint(conn: &mut impl Conn) -> StoreResult<CopyReport> {
    let mut tables = Vec::new();
    for (table, _, _) in TABLES {
        tables.push((table.to_string(), count(conn, table)?));
    }
    let mut hash = Sha256::new();
    let orgs: Vec<i64> = conn
        .query("SELECT id FROM organizations ORDER BY id", &[])?
        .iter()
        .map(|r| r.i64(0))
        .collect::<StoreResult<_>>()?;
    for org in orgs {
        let mut after = 0;
        loop {
            let page = export_page(conn, OrgId(org), &ExportFilter::default(), after, 500)?;
            let Some(last) = page.last() else { break };
            after = last.request.id;
            for record in &page {
                let line = serde_json::to_vec(record).map_err(|e| StoreError::Database(e.to_string()))?;
                hash.update(&line);
                hash.update(b"\n");
            }
        }
    }
    Ok(CopyReport { tables, archive_sha256: hex::encode(hash.finalize()) })
}

/// Copies every row of `from` into `to`, which must hold no data, and returns what both sides
/// were checked to hold. `progress` hears of each table as it is done.
pub fn copy(from: &mut impl Conn, to: &mut impl Conn, progress: &mut dyn FnMut(&str, u64)) -> StoreResult<CopyReport> {
    for (table, _, _) in TABLES {
        if count(to, table)? > 0 {
            return Err(StoreError::Duplicate(format!(
                "the target already holds data (table `{table}` is not empty); copy into an empty database"
            )));
        }
    }
    // One read transaction on the source: the copy is a single moment of it.
    from.batch(from.dialect().begin_snapshot())?;
    let result = to.in_transaction(|to| {
        for (table, columns, order) in TABLES {
            let copied = copy_table(from, to, table, columns, *order)?;
            progress(table, copied);
        }
        recount(to)?;
        let source = fingerprint(from)?;
        let target = fingerprint(to)?;
        if source != target {
            return Err(StoreError::Database(format!(
                "the copy does not match its source (source {source:?}, copy {target:?}); nothing was written"
            )));
        }
        Ok(target)
    });
    let _ = from.batch("COMMIT");
    let report = result?;
    // Outside the transaction: SQLite cannot checkpoint inside one, and PostgreSQL's
    // sequences would move even if the copy rolled back.
    let with_ids: Vec<&str> =
        TABLES.iter().filter(|(_, _, order)| matches!(order, Order::Id)).map(|(name, _, _)| *name).collect();
    to.after_bulk_load(&with_ids)?;
    Ok(report)
}

fn copy_table(
    from: &mut impl Conn,
    to: &mut impl Conn,
    table: &str,
    columns: &[&str],
    order: Order,
) -> StoreResult<u64> {
    let list = columns.join(", ");
    let (sql, mut key) = match order {
        Order::Id => (format!("SELECT {list} FROM {table} WHERE id > ?1 ORDER BY id LIMIT {PAGE}"), Value::Int(0)),
        Order::Hash => {
            (format!("SELECT {list} FROM {table} WHERE hash > ?1 ORDER BY hash LIMIT {PAGE}"), Value::Blob(vec![]))
        }
        Order::Whole(by) => (format!("SELECT {list} FROM {table} ORDER BY {by}"), Value::Null),
    };
    let mut copied = 0;
    loop {
        let rows = match order {
            Order::Whole(_) => from.query(&sql, &[])?,
            _ => from.query(&sql, &args![key.clone()])?,
        };
        let Some(last) = rows.last() else { break };
        key = last.0[0].clone();
        let n = rows.len();
        let values: Vec<Value> = rows.into_iter().flat_map(|r| r.0).collect();
        insert_rows(to, table, columns, &values)?;
        copied += n as u64;
        if matches!(order, Order::Whole(_)) || (n as i64) < PAGE {
            break;
        }
    }
    Ok(copied)
}
