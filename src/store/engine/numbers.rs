//! Numbers an organization gives its own rows: requests count #1, #2, … in each
//! organization, and so do its notes, transcript lines and timeline events, so no id shows
//! one organization another's volume. Numbers are taken under the organization's append
//! order, so they also commit in order: a live stream that read up to #N never misses a
//! lower number committed later.

use super::changes::Effects;
use crate::store::ids::LAST_NUMBER;
use crate::store::sql::{Conn, ROWS_PER_INSERT, Value, args};
use crate::store::{OrgId, StoreError, StoreResult, number, row_id};

/// What an organization numbers, each counted on its own.
#[derive(Debug, Clone, Copy)]
pub enum Counter {
    Requests,
    Notes,
    Messages,
    Events,
}

impl Counter {
    /// Its column in `org_numbers`, and the table whose rows it numbers.
    pub fn table(self) -> &'static str {
        match self {
            Counter::Requests => "requests",
            Counter::Notes => "notes",
            Counter::Messages => "messages",
            Counter::Events => "events",
        }
    }
}

/// Takes the next `count` numbers of `counter` and returns the row id of the first; the
/// rest follow it one by one.
pub fn take(
    conn: &mut impl Conn,
    effects: &mut Effects,
    org_id: OrgId,
    counter: Counter,
    count: usize,
) -> StoreResult<i64> {
    let column = counter.table();
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    let add = format!(
        "ON CONFLICT (org_id) DO UPDATE SET {column} = org_numbers.{column} + excluded.{column} RETURNING {column}"
    );
    // The append order and the numbers in one round trip where the lock can go along: the
    // lock's CTE is read before the row is inserted.
    let row = match conn.append_lock_keys(org_id.0).filter(|_| !effects.is_appending()) {
        Some((lock, key)) => {
            effects.appended();
            let sql = format!(
                "WITH ordered AS (SELECT pg_advisory_xact_lock(?3, ?4)) \
                 INSERT INTO org_numbers (org_id, {column}) SELECT ?1, ?2 FROM ordered {add}"
            );
            conn.query_one(&sql, &args![org_id, count, lock, key])?
        }
        None => {
            effects.appending(conn, org_id)?;
            let sql = format!("INSERT INTO org_numbers (org_id, {column}) VALUES (?1, ?2) {add}");
            conn.query_one(&sql, &args![org_id, count])?
        }
    };
    let last = row.i64(0)?;
    if last > LAST_NUMBER {
        return Err(StoreError::Database(format!(
            "organization {org_id} has used every number its {column} can have ({LAST_NUMBER})"
        )));
    }
    Ok(row_id(org_id, last - count + 1))
}

/// Takes the organization's next change number for this transaction, under its append
/// order: the change feed's numbers then commit in order, as the rows' numbers do.
pub fn next_change(conn: &mut impl Conn, effects: &mut Effects, org_id: OrgId) -> StoreResult<i64> {
    effects.appending(conn, org_id)?;
    next_generation(conn, org_id)
}

/// Moves the organization's write generation, which its change numbers count too, and
/// holds its row to commit: so generations commit in order. Every writer takes it last,
/// and nothing waits while holding it.
pub fn next_generation(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<i64> {
    conn.query_one(
        "INSERT INTO org_changes (org_id, seq) VALUES (?1, 1) ON CONFLICT (org_id) \
         DO UPDATE SET seq = org_changes.seq + 1 RETURNING seq",
        &args![org_id],
    )?
    .i64(0)
}

/// The organization's write generation as last committed; 0 before its first write.
pub fn generation(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<i64> {
    let row = conn.query_opt("SELECT seq FROM org_changes WHERE org_id = ?1", &args![org_id])?;
    Ok(row.map(|r| r.i64(0)).transpose()?.unwrap_or(0))
}

/// Records that this transaction, numbered `seq`, changed these requests of the organization.
pub fn record_changes(conn: &mut impl Conn, org_id: OrgId, seq: i64, requests: &[i64]) -> StoreResult<()> {
    for chunk in requests.chunks(ROWS_PER_INSERT) {
        let marks = vec!["(?, ?, ?)"; chunk.len()].join(", ");
        let values: Vec<Value> = chunk.iter().flat_map(|id| args![*id, org_id, seq]).collect();
        conn.execute(
            &format!(
                "INSERT INTO request_changes (request_id, org_id, seq) VALUES {marks} \
                 ON CONFLICT (request_id) DO UPDATE SET seq = excluded.seq"
            ),
            &values,
        )?;
    }
    Ok(())
}

/// The last number of `counter` given out, for writers that number rows themselves.
pub fn last(conn: &mut impl Conn, org_id: OrgId, counter: Counter) -> StoreResult<i64> {
    let column = counter.table();
    let sql = format!("SELECT {column} FROM org_numbers WHERE org_id = ?1");
    Ok(conn.query_opt(&sql, &args![org_id])?.map(|r| r.i64(0)).transpose()?.unwrap_or(0))
}

/// Records that numbers up to the one of `row_id` were given out by a bulk writer.
pub fn catch_up(conn: &mut impl Conn, org_id: OrgId, counter: Counter, row_id: i64) -> StoreResult<()> {
    let column = counter.table();
    conn.execute(
        &format!(
            "INSERT INTO org_numbers (org_id, {column}) VALUES (?1, ?2) ON CONFLICT (org_id) \
             DO UPDATE SET {column} = CASE WHEN excluded.{column} > org_numbers.{column} \
             THEN excluded.{column} ELSE org_numbers.{column} END"
        ),
        &args![org_id, number(row_id)],
    )?;
    Ok(())
}

/// Rows written before numbers were per organization: two organizations whose requests,
/// notes, messages and events took turns at the server-wide ids.
#[cfg(test)]
pub const ROWS_BEFORE_NUMBERING: &str = "
    INSERT INTO organizations (id, name, created_at) VALUES (1, 'One', 0), (2, 'Two', 0);
    INSERT INTO bots (id, org_id, name, channels, created_at) VALUES (1, 1, 'B1', 'web', 0), (2, 2, 'B2', 'web', 0);
    INSERT INTO visitors (id, bot_id, user_id, created_at) VALUES (1, 1, 'u1', 0), (2, 2, 'u2', 0);
    INSERT INTO requests (id, org_id, bot_id, channel, visitor_id, title, state, created_at, updated_at, version)
    VALUES (1, 1, 1, 'web', 1, 'a', 4, 0, 0, 1), (2, 2, 2, 'web', 2, 'b', 4, 0, 0, 1),
           (3, 1, 1, 'web', 1, 'c', 4, 0, 0, 1);
    INSERT INTO notes (id, request_id, kind, body, created_at) VALUES (1, 1, 'staff', 'x', 0), (2, 2, 'staff', 'y', 0);
    INSERT INTO messages (id, request_id, sender, body, created_at)
    VALUES (1, 2, 'visitor', 'hi', 0), (2, 3, 'visitor', 'hi', 0);
    INSERT INTO events (id, request_id, at, actor_kind, to_state)
    VALUES (1, 1, 0, 'visitor', 0), (2, 2, 0, 'visitor', 0), (3, 3, 0, 'visitor', 0);";

/// Checks what the numbering migration made of `ROWS_BEFORE_NUMBERING`: every row keeps its
/// old id as its number, under its own organization, and each organization counts on from
/// its own largest.
#[cfg(test)]
pub fn check_numbered(conn: &mut impl Conn) {
    let mut pairs = |sql: &str| -> Vec<(i64, i64)> {
        conn.query(sql, &[]).unwrap().iter().map(|r| (r.i64(0).unwrap(), r.i64(1).unwrap())).collect()
    };
    let requests = pairs("SELECT org_id, id FROM requests ORDER BY id");
    let by_org: Vec<(i64, i64)> = requests.iter().map(|&(org, id)| (org, number(id))).collect();
    assert_eq!(by_org, [(1, 1), (1, 3), (2, 2)]);
    for (org, id) in requests {
        assert_eq!(id >> 32, org, "request {id} sits in its organization's range");
    }
    for table in ["notes", "messages", "events"] {
        let rows =
            pairs(&format!("SELECT t.id, r.id FROM {table} t JOIN requests r ON r.id = t.request_id ORDER BY t.id"));
        let rows: Vec<(i64, i64)> = rows
            .into_iter()
            .map(|(id, request)| {
                assert_eq!(id >> 32, request >> 32, "{table}");
                (number(id), number(request))
            })
            .collect();
        let expected: &[(i64, i64)] = match table {
            "notes" => &[(1, 1), (2, 2)],
            "messages" => &[(2, 3), (1, 2)],
            _ => &[(1, 1), (3, 3), (2, 2)],
        };
        assert_eq!(rows, expected, "{table} keep their numbers and their requests");
    }
    let counters =
        conn.query("SELECT org_id, requests, notes, messages, events FROM org_numbers ORDER BY org_id", &[]).unwrap();
    let counters: Vec<Vec<i64>> = counters.iter().map(|r| (0..5).map(|i| r.i64(i).unwrap()).collect()).collect();
    assert_eq!(counters, [vec![1, 3, 1, 2, 3], vec![2, 2, 2, 1, 2]]);
}
