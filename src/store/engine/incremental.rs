//! The change feed: an organization's requests created, changed or deleted after a cursor,
//! in the order of their change numbers. Numbers are taken under the organization's append
//! order and held to commit, so once a reader has seen number N, no change numbered N or
//! lower can still commit: reading on from N misses nothing and repeats nothing.

use std::collections::HashMap;

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
    let rows = conn.query(
        "SELECT c.seq, c.request_id, c.deleted_reason, c.deleted_at FROM request_changes c WHERE c.org_id = ?1 \
         AND (c.seq, c.request_id) > (?2, ?3) ORDER BY c.seq, c.request_id LIMIT ?4",
        &args![org_id, after.seq, row_id(org_id, after.request), i64::try_from(limit).unwrap_or(i64::MAX)],
    )?;
    let ids: Vec<i64> = rows.iter().filter(|r| r.0[2] == Value::Null).map(|r| r.i64(1)).collect::<StoreResult<_>>()?;
    let mut requests = Vec::new();
    if !ids.is_empty() {
        let mut sql = format!("{REQUEST_SELECT} WHERE r.org_id = ?");
        let mut values = args![org_id];
        push_in(&mut sql, &mut values, "r.id", ids.iter().copied());
        requests = rows::requests(conn, &sql, &values)?;
    }
    let mut exported: HashMap<i64, _> =
        with_history(conn, org_id, requests, Within::Ids(ids))?.into_iter().map(|e| (e.request.id, e)).collect();
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        let id = row.i64(1)?;
        let cursor = ChangeCursor { seq: row.i64(0)?, request: number(id) };
        match row.opt_str(2)? {
            Some(reason) => out.push(FeedChange::Deleted { cursor, reason, at: row.ts(3)? }),
            // A request changed again since its row was read is sent as it is now; its later
            // change is sent again, after that change's number.
            None => {
                if let Some(request) = exported.remove(&id) {
                    out.push(FeedChange::Changed(cursor, Box::new(request)));
                }
            }
        }
    }
    Ok(out)
}
