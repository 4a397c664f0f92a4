//! Numbers an organization gives its own rows: requests count #1, #2, … in each
//! organization, and so do its notes, transcript lines and timeline events, so no id shows
//! one organization another's volume. Numbers are taken under the organization's append
//! order, so they also commit in order: a live stream that read up to #N never misses a
//! lower number committed later.

use super::changes::Effects;
use crate::store::sql::{Conn, args};
use crate::store::{OrgId, StoreError, StoreResult, number, row_id};
use crate::store::ids::LAST_NUMBER;

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
    effects.appending(conn, org_id)?;
    let column = counter.table();
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    let last = conn
        .query_one(
            &format!(
                "INSERT INTO org_numbers (org_id, {column}) VALUES (?1, ?2) ON CONFLICT (org_id) \
                 DO UPDATE SET {column} = org_numbers.{column} + excluded.{column} RETURNING {column}"
            ),
            &args![org_id, count],
        )?
        .i64(0)?;
    if last > LAST_NUMBER {
        return Err(StoreError::Database(format!(
            "organization {org_id} has used every number its {column} can have ({LAST_NUMBER})"
        )));
    }
    Ok(row_id(org_id, last - count + 1))
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
