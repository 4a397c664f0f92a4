//! The audit log: a row per administrative change, written by the change's own transaction,
//! so a change is never made without its record or recorded without being made.

use std::fmt::Display;

use jiff::Timestamp;
use serde_json::Value as Json;

use crate::api::{AuditRecord, Author};
use crate::store::sql::{Conn, Value, args};
use crate::store::{Audit, AuditFilter, OrgId, StoreError, StoreResult};

/// Appends a record of `action` on `target` by `by`. Must run inside the change's write.
pub fn record(
    conn: &mut impl Conn,
    org_id: OrgId,
    by: Audit,
    action: &str,
    target: impl Display,
    summary: Json,
) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO audit_log (org_id, at, actor_member_id, action, target, address, summary) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &args![
            org_id,
            Timestamp::now(),
            by.actor,
            action,
            target.to_string(),
            by.address.as_ref().map(|a| &a[..]),
            summary.to_string()
        ],
    )?;
    Ok(())
}

/// The organization's records matching `filter`, newest first.
pub fn list(conn: &mut impl Conn, org_id: OrgId, filter: &AuditFilter, limit: usize) -> StoreResult<Vec<AuditRecord>> {
    let mut sql = "SELECT a.id, a.at, a.actor_member_id, m.name, m.email, a.action, a.target, a.address, a.summary \
                   FROM audit_log a LEFT JOIN members m ON m.id = a.actor_member_id WHERE a.org_id = ?"
        .to_string();
    let mut values = args![org_id];
    let mut conditions: Vec<(&str, Value)> = Vec::new();
    if let Some(actor) = filter.actor {
        conditions.push((" AND a.actor_member_id = ?", actor.into()));
    }
    match filter.action.as_deref() {
        Some(action) if action.contains('.') => conditions.push((" AND a.action = ?", action.into())),
        // A family: `bot` is `bot.create`, `bot.update`, `bot.key.create`, …. Only letters
        // reach here, so the pattern holds no wildcard of the caller's.
        Some(family) if family.bytes().all(|b| b.is_ascii_lowercase()) => {
            conditions.push((" AND a.action LIKE ?", format!("{family}.%").into()));
        }
        Some(_) => return Ok(Vec::new()),
        None => {}
    }
    if let Some(target) = &filter.target {
        conditions.push((" AND a.target = ?", target.as_str().into()));
    }
    if let Some(since) = filter.since {
        conditions.push((" AND a.at >= ?", since.into()));
    }
    if let Some(until) = filter.until {
        conditions.push((" AND a.at < ?", until.into()));
    }
    if let Some(before) = filter.before {
        conditions.push((" AND a.id < ?", before.into()));
    }
    for (clause, value) in conditions {
        sql.push_str(clause);
        values.push(value);
    }
    sql.push_str(" ORDER BY a.id DESC LIMIT ?");
    values.push(Value::Int(i64::try_from(limit).unwrap_or(i64::MAX)));
    conn.query(&sql, &values)?
        .iter_mut()
        .map(|r| {
            let actor = match r.opt_i64(2)? {
                Some(id) => Author::Member { id, name: r.str(3)?, email: r.str(4)? },
                None => Author::Server,
            };
            let address = match r.0.get(7) {
                Some(Value::Blob(bytes)) => Some(hex::encode(bytes)),
                _ => None,
            };
            let summary = serde_json::from_str(r.text(8)?).map_err(|e| StoreError::Database(e.to_string()))?;
            Ok(AuditRecord {
                id: r.i64(0)?,
                at: r.ts(1)?,
                actor,
                action: r.str(5)?,
                target: r.str(6)?,
                address,
                summary,
            })
        })
        .collect()
}
