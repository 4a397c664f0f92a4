//! Retention: an organization's closed requests are deleted, with everything that belongs to
//! them, once they are older than its policy. A sweep works in bounded batches, each its own
//! transaction: a crash loses at most the batch in flight, which the next sweep takes again.
//! On PostgreSQL a batch claims its requests with `SKIP LOCKED`, so servers sweeping at once
//! delete disjoint batches and each request exactly once.

use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use super::audit;
use super::changes::{Effects, write};
use crate::api::{ExportReceipt, RetentionCounts, RetentionPolicy, RetentionPreview};
use crate::domain::State;
use crate::store::sql::{Conn, Value, args, push_in};
use crate::store::{Audit, NewReceipt, OrgId, StoreResult, number};

const DAY: SignedDuration = SignedDuration::from_hours(24);

fn days_ago(now: Timestamp, days: u32) -> Timestamp {
    now.checked_sub(DAY * i32::try_from(days).unwrap_or(i32::MAX)).unwrap_or(Timestamp::MIN)
}

pub fn policy(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<RetentionPolicy> {
    let row = conn
        .query_one("SELECT retain_closed_days, retain_after_export FROM organizations WHERE id = ?1", &args![org_id])?;
    Ok(RetentionPolicy::of(row.opt_i64(0)?.and_then(|d| u32::try_from(d).ok()), row.i64(1)? != 0))
}

pub fn set_policy(
    conn: &mut impl Conn,
    org_id: OrgId,
    days: Option<u32>,
    require_export: bool,
    by: Audit,
) -> StoreResult<RetentionPolicy> {
    write(conn, org_id, |c, _| {
        let before = policy(c, org_id)?;
        c.execute(
            "UPDATE organizations SET retain_closed_days = ?1, retain_after_export = ?2 WHERE id = ?3",
            &args![days.map(i64::from), i64::from(require_export), org_id],
        )?;
        let summary = json!({
            "from": {"closed_after_days": before.closed_after_days, "require_export": before.require_export},
            "to": {"closed_after_days": days, "require_export": require_export},
        });
        audit::record(c, org_id, by, "retention.set", "retention", summary)?;
        policy(c, org_id)
    })
}

/// The condition on `r` of the organization's requests old enough to go: closed before `?2`.
/// The state is a literal: a generic plan then walks the closed requests' index.
fn old_clause() -> String {
    format!("r.org_id = ?1 AND r.state = {} AND r.closed_at < ?2", State::Closed.rank())
}

/// A request on `r` that an export with a receipt holds: its id in the receipt's range,
/// closed within the export's window and before the receipt.
const EXPORTED: &str = "EXISTS (SELECT 1 FROM export_receipts x WHERE x.org_id = r.org_id \
     AND r.id BETWEEN x.first_id AND x.last_id AND r.closed_at <= x.at \
     AND (x.closed_since IS NULL OR r.closed_at >= x.closed_since) \
     AND (x.closed_until IS NULL OR r.closed_at < x.closed_until))";

/// The due requests' condition on `r`: old enough, and exported if the policy asks.
fn due_clause(policy: &RetentionPolicy) -> String {
    if policy.require_export { format!("{} AND {EXPORTED}", old_clause()) } else { old_clause() }
}

/// What the next sweep of the organization would delete if it ran at `now`.
pub fn preview(conn: &mut impl Conn, org_id: OrgId, now: Timestamp) -> StoreResult<RetentionPreview> {
    let policy = policy(conn, org_id)?;
    let audit_cutoff = days_ago(Timestamp::now(), policy.audit_kept_days);
    let audit_records = conn
        .query_one("SELECT count(*) FROM audit_log WHERE org_id = ?1 AND at < ?2", &args![org_id, audit_cutoff])?
        .count(0)?;
    let Some(days) = policy.closed_after_days else {
        let due = RetentionCounts { audit_records, ..Default::default() };
        return Ok(RetentionPreview { policy, cutoff: None, oldest_closed_at: None, due, unexported: 0 });
    };
    let cutoff = days_ago(now, days);
    let due = due_clause(&policy);
    let old =
        conn.query_one(&format!("SELECT count(*) FROM requests r WHERE {}", old_clause()), &args![org_id, cutoff])?;
    let sql = format!("SELECT count(*), min(r.closed_at) FROM requests r WHERE {due}");
    let head = conn.query_one(&sql, &args![org_id, cutoff])?;
    let count = |conn: &mut _, table: &str| -> StoreResult<u64> {
        let sql =
            format!("SELECT count(*) FROM {table} x WHERE x.request_id IN (SELECT r.id FROM requests r WHERE {due})");
        Conn::query_one(conn, &sql, &args![org_id, cutoff])?.count(0)
    };
    let counts = RetentionCounts {
        requests: head.count(0)?,
        messages: count(conn, "messages")?,
        notes: count(conn, "notes")?,
        events: count(conn, "events")?,
        deliveries: count(conn, "webhook_deliveries")?,
        visitors: conn
            .query_one(
                &format!(
                    "SELECT count(DISTINCT r.visitor_id) FROM requests r WHERE {due} AND NOT EXISTS \
                     (SELECT 1 FROM requests k WHERE k.visitor_id = r.visitor_id AND NOT ({}))",
                    // The same condition on `k`: an anti-join, where `NOT IN` over every due
                    // request took PostgreSQL minutes on a million.
                    due.replace("r.", "k.")
                ),
                &args![org_id, cutoff],
            )?
            .count(0)?,
        audit_records,
    };
    let unexported = old.count(0)? - counts.requests;
    Ok(RetentionPreview { policy, cutoff: Some(cutoff), oldest_closed_at: head.opt_ts(1)?, due: counts, unexported })
}

/// Deletes one batch of at most `limit` due requests of each organization that has a policy,
/// with their history, and audit records past their time. Returns what it deleted, per
/// organization that had something to delete.
pub fn sweep(conn: &mut impl Conn, now: Timestamp, limit: usize) -> StoreResult<Vec<(OrgId, RetentionCounts)>> {
    let orgs = conn.query("SELECT id, retain_closed_days, retain_after_export FROM organizations ORDER BY id", &[])?;
    let mut swept = Vec::new();
    for row in orgs {
        let org_id = OrgId(row.i64(0)?);
        let policy = RetentionPolicy::of(row.opt_i64(1)?.and_then(|d| u32::try_from(d).ok()), row.i64(2)? != 0);
        let counts = write(conn, org_id, |c, effects| {
            let counts = sweep_org(c, effects, org_id, &policy, now, limit)?;
            if counts == RetentionCounts::default() {
                effects.wrote_nothing();
            }
            Ok(counts)
        })?;
        if counts != RetentionCounts::default() {
            swept.push((org_id, counts));
        }
    }
    Ok(swept)
}

fn sweep_org(
    conn: &mut impl Conn,
    effects: &mut Effects,
    org_id: OrgId,
    policy: &RetentionPolicy,
    now: Timestamp,
    limit: usize,
) -> StoreResult<RetentionCounts> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    // The database refuses to delete a record younger than 400 days by its own clock, so the
    // records' cutoff is taken from the real clock too.
    let audit_cutoff = days_ago(Timestamp::now(), policy.audit_kept_days);
    let old = conn.query(
        "SELECT id FROM audit_log WHERE org_id = ?1 AND at < ?2 ORDER BY id LIMIT ?3",
        &args![org_id, audit_cutoff, limit],
    )?;
    let mut counts = RetentionCounts::default();
    if !old.is_empty() {
        let mut sql = "DELETE FROM audit_log WHERE org_id = ?".to_string();
        let mut values = args![org_id];
        push_in(
            &mut sql,
            &mut values,
            "id",
            old.iter().map(|r| r.i64(0)).collect::<StoreResult<Vec<_>>>()?.into_iter(),
        );
        counts.audit_records = conn.execute(&sql, &values)?;
    }
    let Some(days) = policy.closed_after_days else { return Ok(counts) };
    let claim = conn.dialect().claim_rows("r");
    let sql =
        format!("SELECT r.id, r.visitor_id FROM requests r WHERE {} ORDER BY r.id LIMIT ?3{claim}", due_clause(policy));
    let due = conn.query(&sql, &args![org_id, days_ago(now, days), limit])?;
    if due.is_empty() {
        return Ok(counts);
    }
    let ids: Vec<i64> = due.iter().map(|r| r.i64(0)).collect::<StoreResult<_>>()?;
    let mut visitors: Vec<i64> = due.iter().map(|r| r.i64(1)).collect::<StoreResult<_>>()?;
    visitors.sort_unstable();
    visitors.dedup();
    counts.deliveries = delete(conn, "webhook_deliveries", "request_id", &ids)?;
    delete(conn, "request_labels", "request_id", &ids)?;
    counts.notes = delete(conn, "notes", "request_id", &ids)?;
    counts.messages = delete(conn, "messages", "request_id", &ids)?;
    counts.events = delete(conn, "events", "request_id", &ids)?;
    counts.requests = delete(conn, "requests", "id", &ids)?;
    // A visitor left with no request is forgotten too, with their conversation tokens.
    let orphans = "NOT EXISTS (SELECT 1 FROM requests k WHERE k.visitor_id = v.id)";
    let mut sql = format!("SELECT v.id FROM visitors v WHERE {orphans}");
    let mut values: Vec<Value> = Vec::new();
    push_in(&mut sql, &mut values, "v.id", visitors.iter().copied());
    let gone: Vec<i64> = conn.query(&sql, &values)?.iter().map(|r| r.i64(0)).collect::<StoreResult<_>>()?;
    if !gone.is_empty() {
        delete(conn, "conversations", "visitor_id", &gone)?;
        counts.visitors = delete(conn, "visitors", "id", &gone)?;
    }
    // Last, as every writer takes the change number last: the change feed tells of each
    // deletion, numbered with the organization's changes.
    let seq = effects.change_number(conn, org_id)?;
    let mut sql =
        "UPDATE request_changes SET seq = ?, deleted_reason = 'retention', deleted_at = ? WHERE 1 = 1".to_string();
    let mut values = args![seq, Timestamp::now()];
    push_in(&mut sql, &mut values, "request_id", ids.iter().copied());
    conn.execute(&sql, &values)?;
    Ok(counts)
}

/// Deletes the rows of `table` whose `column` is one of `ids`; none when `ids` is empty.
fn delete(conn: &mut impl Conn, table: &str, column: &str, ids: &[i64]) -> StoreResult<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let mut sql = format!("DELETE FROM {table} WHERE 1 = 1");
    let mut values: Vec<Value> = Vec::new();
    push_in(&mut sql, &mut values, column, ids.iter().copied());
    conn.execute(&sql, &values)
}

/// Takes an export's receipt if the organization's archive holds, in the export's range and
/// window, exactly as many closed requests as the export does: `Err` with the number it
/// holds when it does not (the archive changed, or the export is not what it says).
pub fn take_receipt(
    conn: &mut impl Conn,
    org_id: OrgId,
    receipt: &NewReceipt,
    by: Audit,
) -> StoreResult<Result<ExportReceipt, u64>> {
    write(conn, org_id, |c, _| {
        let now = Timestamp::now();
        let mut sql = format!(
            "SELECT count(*) FROM requests r WHERE r.org_id = ?1 AND r.state = {} AND r.id BETWEEN ?2 AND ?3",
            State::Closed.rank()
        );
        let mut values = args![org_id, receipt.first_id, receipt.last_id];
        if let Some(since) = receipt.since {
            sql.push_str(" AND r.closed_at >= ?");
            values.push(since.into());
        }
        if let Some(until) = receipt.until {
            sql.push_str(" AND r.closed_at < ?");
            values.push(until.into());
        }
        let held = c.query_one(&sql, &values)?.count(0)?;
        if held != receipt.records {
            return Ok(Err(held));
        }
        let id = c
            .query_one(
                "INSERT INTO export_receipts (org_id, member_id, first_id, last_id, closed_since, closed_until, \
                 records, sha256, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
                &args![
                    org_id,
                    by.actor,
                    receipt.first_id,
                    receipt.last_id,
                    receipt.since,
                    receipt.until,
                    i64::try_from(receipt.records).unwrap_or(i64::MAX),
                    receipt.sha256.as_str(),
                    now
                ],
            )?
            .i64(0)?;
        let taken = ExportReceipt {
            id,
            first_id: receipt.first_id,
            last_id: receipt.last_id,
            records: i64::try_from(receipt.records).unwrap_or(i64::MAX),
            sha256: receipt.sha256.clone(),
            since: receipt.since,
            until: receipt.until,
            at: now,
        };
        let summary = json!({
            "first": number(taken.first_id), "last": number(taken.last_id), "records": taken.records,
            "sha256": taken.sha256,
        });
        audit::record(c, org_id, by, "export.receipt", format_args!("export_receipt:{id}"), summary)?;
        Ok(Ok(taken))
    })
}
