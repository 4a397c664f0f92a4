//! Retention: an organization's closed requests are deleted, with everything that belongs to
//! them, once they are older than its policy. A sweep works in bounded batches, each its own
//! transaction: a crash loses at most the batch in flight, which the next sweep takes again.
//! On PostgreSQL a batch claims its requests with `SKIP LOCKED`, so servers sweeping at once
//! delete disjoint batches and each request exactly once.

use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use super::audit;
use super::changes::Effects;
use super::numbers;
use crate::api::{RetentionCounts, RetentionPolicy, RetentionPreview};
use crate::domain::State;
use crate::store::sql::{Conn, Value, args, insert_rows, push_in};
use crate::store::{Audit, OrgId, StoreResult};

const DAY: SignedDuration = SignedDuration::from_hours(24);

fn days_ago(now: Timestamp, days: u32) -> Timestamp {
    now.checked_sub(DAY * i32::try_from(days).unwrap_or(i32::MAX)).unwrap_or(Timestamp::MIN)
}

pub fn policy(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<RetentionPolicy> {
    let row = conn.query_one("SELECT retain_closed_days FROM organizations WHERE id = ?1", &args![org_id])?;
    Ok(RetentionPolicy::of(row.opt_i64(0)?.and_then(|d| u32::try_from(d).ok())))
}

pub fn set_policy(conn: &mut impl Conn, org_id: OrgId, days: Option<u32>, by: Audit) -> StoreResult<RetentionPolicy> {
    conn.write(|c| {
        let before = policy(c, org_id)?;
        c.execute(
            "UPDATE organizations SET retain_closed_days = ?1 WHERE id = ?2",
            &args![days.map(i64::from), org_id],
        )?;
        let summary = json!({"from": before.closed_after_days, "to": days});
        audit::record(c, org_id, by, "retention.set", "retention", summary)?;
        policy(c, org_id)
    })
}

/// The due requests' condition on `r`, for an organization, closed before `?2`. The state is
/// a literal: a generic plan then walks the closed requests' index.
fn due_clause() -> String {
    format!("r.org_id = ?1 AND r.state = {} AND r.closed_at < ?2", State::Closed.rank())
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
        return Ok(RetentionPreview { policy, cutoff: None, oldest_closed_at: None, due });
    };
    let cutoff = days_ago(now, days);
    let due = due_clause();
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
                     (SELECT 1 FROM requests k WHERE k.visitor_id = r.visitor_id AND NOT \
                     (k.state = {} AND k.closed_at < ?2))",
                    State::Closed.rank()
                ),
                &args![org_id, cutoff],
            )?
            .count(0)?,
        audit_records,
    };
    Ok(RetentionPreview { policy, cutoff: Some(cutoff), oldest_closed_at: head.opt_ts(1)?, due: counts })
}

/// Deletes one batch of at most `limit` due requests of each organization that has a policy,
/// with their history, and audit records past their time. Returns what it deleted, per
/// organization that had something to delete.
pub fn sweep(conn: &mut impl Conn, now: Timestamp, limit: usize) -> StoreResult<Vec<(OrgId, RetentionCounts)>> {
    let orgs = conn.query("SELECT id, retain_closed_days FROM organizations ORDER BY id", &[])?;
    let mut swept = Vec::new();
    for row in orgs {
        let org_id = OrgId(row.i64(0)?);
        let days = row.opt_i64(1)?.and_then(|d| u32::try_from(d).ok());
        let counts = conn.write(|c| sweep_org(c, org_id, days, now, limit))?;
        if counts != RetentionCounts::default() {
            swept.push((org_id, counts));
        }
    }
    Ok(swept)
}

fn sweep_org(
    conn: &mut impl Conn,
    org_id: OrgId,
    days: Option<u32>,
    now: Timestamp,
    limit: usize,
) -> StoreResult<RetentionCounts> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    // The database refuses to delete a record younger than 400 days by its own clock, so the
    // records' cutoff is taken from the real clock too.
    let kept = RetentionPolicy::of(days).audit_kept_days;
    let audit_cutoff = days_ago(Timestamp::now(), kept);
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
    let Some(days) = days else { return Ok(counts) };
    let claim = conn.dialect().claim_rows("r");
    let sql = format!("SELECT r.id, r.visitor_id FROM requests r WHERE {} ORDER BY r.id LIMIT ?3{claim}", due_clause());
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
    // The change feed tells of each deletion, numbered with the organization's changes.
    let seq = numbers::next_change(conn, &mut Effects::default(), org_id)?;
    let at = Timestamp::now();
    let rows: Vec<Value> = ids.iter().flat_map(|id| args![org_id, seq, *id, "retention", at]).collect();
    insert_rows(conn, "request_tombstones", &["org_id", "seq", "request_id", "reason", "at"], &rows)?;
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
