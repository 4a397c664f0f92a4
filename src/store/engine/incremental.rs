//! The change feed: an organization's requests created, changed or deleted after a cursor,
//! in the order of their change numbers. Numbers are taken under the organization's append
//! order and held to commit, so once a reader has seen number N, no change numbered N or
//! lower can still commit: reading on from N misses nothing and repeats nothing.

use super::history::{Within, with_history};
use super::rows::{self, REQUEST_SELECT};
use crate::store::sql::{Conn, Value, args, push_in};
use crate::store::{ChangeCursor, FeedChange, OrgId, StoreResult, number, row_id};

pub fn changes_after(
    conn: &mut impl Conn,
    org_id: OrgId,
    after: ChangeCursor,
    limit: usize,
) -> StoreResult<Vec<FeedChange>> {
    let limit_value = Value::Int(i64::try_from(limit).unwrap_or(i64::MAX));
    let after_id = row_id(org_id, after.request);
    let changed = conn.query(
        "SELECT r.changed_seq, r.id FROM requests r WHERE r.org_id = ?1 AND (r.changed_seq, r.id) > (?2, ?3) \
         ORDER BY r.changed_seq, r.id LIMIT ?4",
        &[org_id.into(), after.seq.into(), after_id.into(), limit_value.clone()],
    )?;
    let deleted = conn.query(
        "SELECT t.seq, t.request_id, t.reason, t.at FROM request_tombstones t WHERE t.org_id = ?1 \
         AND (t.seq, t.request_id) > (?2, ?3) ORDER BY t.seq, t.request_id LIMIT ?4",
        &[org_id.into(), after.seq.into(), after_id.into(), limit_value],
    )?;
    let cursor = |seq: i64, id: i64| ChangeCursor { seq, request: number(id) };
    // Both lists are in cursor order; the first `limit` of the two together are the page.
    let mut items: Vec<(ChangeCursor, Option<usize>)> = Vec::with_capacity(changed.len() + deleted.len());
    for row in &changed {
        items.push((cursor(row.i64(0)?, row.i64(1)?), None));
    }
    for (i, row) in deleted.iter().enumerate() {
        items.push((cursor(row.i64(0)?, row.i64(1)?), Some(i)));
    }
    items.sort_by_key(|(cursor, _)| *cursor);
    items.truncate(limit);

    let ids: Vec<i64> = items.iter().filter(|(_, d)| d.is_none()).map(|(c, _)| row_id(org_id, c.request)).collect();
    let mut requests = Vec::new();
    if !ids.is_empty() {
        let mut sql = format!("{REQUEST_SELECT} WHERE r.org_id = ?");
        let mut values = args![org_id];
        push_in(&mut sql, &mut values, "r.id", ids.iter().copied());
        requests = rows::requests(conn, &sql, &values)?;
    }
    let mut exported: std::collections::HashMap<i64, _> =
        with_history(conn, org_id, requests, Within::Ids(ids))?.into_iter().map(|e| (e.request.id, e)).collect();
    let mut out = Vec::with_capacity(items.len());
    for (cursor, deleted_row) in items {
        match deleted_row {
            None => {
                // A request changed again since its row was read is sent as it is now; its
                // later change will be sent again, after that change's number.
                if let Some(request) = exported.remove(&row_id(org_id, cursor.request)) {
                    out.push(FeedChange::Changed(cursor, Box::new(request)));
                }
            }
            Some(i) => {
                let mut row = deleted[i].clone();
                out.push(FeedChange::Deleted { cursor, reason: row.str(2)?, at: row.ts(3)? });
            }
        }
    }
    Ok(out)
}
