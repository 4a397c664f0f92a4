//! The timeline of a window for analytics series: milestones read from the events and the
//! agents' first messages, through indexes on time, so a window costs what it holds rather
//! than what the archive holds.

use jiff::Timestamp;

use crate::domain::State;
use crate::store::sql::{Conn, Value, args, ts};
use crate::store::{Milestone, OrgId, SeriesScope, StoreResult, TimelinePoint, WindowTimeline};

/// Appends the scope's conditions on the requests `r` (or on `queue_counts` with `r` empty),
/// numbering each placeholder: the same scope appears more than once in a statement, in
/// places where SQLite's numbering of a bare `?` would take a number already in use.
fn push_scope(sql: &mut String, args: &mut Vec<Value>, scope: &SeriesScope, r: &str) {
    let mark = |args: &mut Vec<Value>, value: Value| {
        args.push(value);
        format!("?{}", args.len())
    };
    match &scope.bot_ids {
        Some(bots) if bots.is_empty() => sql.push_str(" AND 1 = 0"),
        Some(bots) => {
            let marks: Vec<String> = bots.iter().map(|&bot| mark(args, Value::Int(bot))).collect();
            sql.push_str(&format!(" AND {r}bot_id IN ({})", marks.join(", ")));
        }
        None => {}
    }
    if let Some(channel) = scope.channel {
        let at = mark(args, channel.as_str().into());
        sql.push_str(&format!(" AND {r}channel = {at}"));
    }
}

/// The creation time of the request of `{alias}.request_id`, or NULL when the request is not
/// the organization's (`?1`) or out of scope. A lookup by primary key for each row of the
/// window: a join would let a planner read the organization's every request instead, and the
/// window would cost what the archive holds.
fn push_created(sql: &mut String, args: &mut Vec<Value>, scope: &SeriesScope, alias: &str) {
    sql.push_str(&format!("(SELECT r.created_at FROM requests r WHERE r.id = {alias}.request_id AND r.org_id = ?1"));
    push_scope(sql, args, scope, "r.");
    sql.push(')');
}

const RESOLVED: i64 = State::Resolved as i64;
const ASSIGNED: i64 = State::Assigned as i64;
const CLOSED: i64 = State::Closed as i64;

/// +1 for a request entering the open queue, -1 for one leaving it, on events `e`:
/// `Milestone::open_delta`'s rule, summed in the database over what changed after a window.
const OPEN_DELTA: &str = "CASE WHEN e.from_state IS NULL THEN 1 \
     WHEN e.from_state >= ?4 AND e.to_state < ?4 THEN 1 \
     WHEN e.from_state < ?4 AND e.to_state >= ?4 THEN -1 ELSE 0 END";

pub fn window(
    conn: &mut impl Conn,
    org_id: OrgId,
    scope: &SeriesScope,
    since: Timestamp,
    until: Timestamp,
) -> StoreResult<WindowTimeline> {
    // One statement for the events and the open count at the window's end, so both come from
    // one snapshot: the count now, less what changed after the window.
    // Other organizations' events in the window come back with no creation time, and are
    // skipped here: a filter in SQL would look each request up twice.
    let mut sql = "SELECT 0, e.at, e.from_state, e.to_state, coalesce(e.assignee_id, e.actor_member_id), ".to_string();
    let mut args = args![org_id, since, until, RESOLVED, ASSIGNED, CLOSED, i64::MAX];
    push_created(&mut sql, &mut args, scope, "e");
    sql.push_str(
        ", CASE WHEN e.to_state = ?5 AND NOT EXISTS (SELECT 1 FROM events p \
         WHERE p.request_id = e.request_id AND p.to_state = ?5 AND p.id < e.id) THEN 1 ELSE 0 END \
         FROM events e WHERE e.at >= ?2 AND e.at < ?3 AND (e.from_state IS NULL OR e.to_state IN (?5, ?6) \
         OR (e.from_state < ?4 AND e.to_state >= ?4) OR (e.from_state >= ?4 AND e.to_state < ?4)) \
         UNION ALL SELECT 1, 0, NULL, 0, NULL, \
         CAST((SELECT coalesce(sum(q.n), 0) FROM queue_counts q WHERE q.org_id = ?1",
    );
    push_scope(&mut sql, &mut args, scope, "q.");
    // Bounded above too: PostgreSQL's generic plan takes an open-ended range for a third of
    // the table and would read every event, where a closed one sends it to the index.
    sql.push_str(&format!(
        ") - (SELECT coalesce(sum({OPEN_DELTA}), 0) FROM events e WHERE e.at >= ?3 AND e.at <= ?7 AND "
    ));
    push_created(&mut sql, &mut args, scope, "e");
    sql.push_str(" IS NOT NULL) AS BIGINT), 0");
    let mut timeline = WindowTimeline::default();
    for row in conn.query(&sql, &args)? {
        if row.i64(0)? == 1 {
            timeline.open_at_end = row.i64(5)?;
            continue;
        }
        let Some(created_at) = row.opt_i64(5)? else { continue };
        let (from, to) = (row.opt_i64(2)?, row.i64(3)?);
        let milestone = match from {
            None => Milestone::Created,
            Some(_) if to == ASSIGNED && row.i64(6)? == 1 => Milestone::FirstAssigned,
            Some(from) if from < RESOLVED && to == RESOLVED => Milestone::Resolved,
            Some(from) if from >= RESOLVED && to < RESOLVED => Milestone::Reopened,
            Some(_) if to == CLOSED => Milestone::Closed,
            Some(_) => continue,
        };
        timeline.points.push(TimelinePoint {
            at: ts(row.i64(1)?),
            milestone,
            created_at: ts(created_at),
            member: row.opt_i64(4)?,
        });
    }
    // The literal sender lets both databases use the partial index on agents' messages.
    let mut sql = "SELECT m.created_at, m.member_id, ".to_string();
    let mut args = args![org_id, since, until];
    push_created(&mut sql, &mut args, scope, "m");
    sql.push_str(
        " FROM messages m WHERE m.sender = 'agent' AND m.created_at >= ?2 AND m.created_at < ?3 \
         AND NOT EXISTS (SELECT 1 FROM messages p WHERE p.request_id = m.request_id AND p.sender = 'agent' \
         AND p.id < m.id)",
    );
    for row in conn.query(&sql, &args)? {
        let Some(created_at) = row.opt_i64(2)? else { continue };
        timeline.points.push(TimelinePoint {
            at: ts(row.i64(0)?),
            milestone: Milestone::FirstAgentMessage,
            created_at: ts(created_at),
            member: row.opt_i64(1)?,
        });
    }
    timeline.points.sort_by_key(|p| p.at);
    let mut sql = "SELECT q.assignee_id, CAST(sum(q.n) AS BIGINT) FROM queue_counts q WHERE q.org_id = ?1 \
                   AND q.assignee_id <> 0"
        .to_string();
    let mut args = args![org_id];
    push_scope(&mut sql, &mut args, scope, "q.");
    sql.push_str(" GROUP BY q.assignee_id");
    timeline.holding =
        conn.query(&sql, &args)?.iter().map(|r| Ok((r.i64(0)?, r.count(1)?))).collect::<StoreResult<_>>()?;
    Ok(timeline)
}
