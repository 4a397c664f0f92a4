//! The open queue's shape and the analytics rows, read from counts kept in step with every
//! change, so their cost does not grow with the archive.

use crate::store::OrgId;
use std::collections::HashMap;

use jiff::Timestamp;

use super::requests::push_filter;
use super::rows::load_members;
use crate::api::{AgentLoad, Backlog};
use crate::domain::{SenderKind, State};
use crate::store::sql::{Conn, Value, args, push_in};
use crate::store::{RequestFilter, StatsRow, StoreResult};

/// Folds per-(state, assignee) counts into the backlog's totals and each member's load.
/// Assignee 0 stands for nobody.
pub fn fold_counts(backlog: &mut Backlog, counts: &[(State, i64, u64)]) -> HashMap<i64, (u64, u64)> {
    let mut load = HashMap::<i64, (u64, u64)>::new();
    for &(state, assignee, count) in counts {
        if assignee == 0 {
            backlog.unassigned += count;
        }
        let slot = load.entry(assignee).or_default();
        match state {
            State::New => backlog.new += count,
            State::Assigned => {
                backlog.assigned += count;
                slot.0 += count;
            }
            State::Chatting => {
                backlog.chatting += count;
                slot.1 += count;
            }
            State::Resolved | State::Closed => {}
        }
    }
    load
}

pub fn backlog(conn: &mut impl Conn, org_id: OrgId, filter: &RequestFilter, now: Timestamp) -> StoreResult<Backlog> {
    // The counts are kept per bot and channel only, so those are the filters that apply.
    let scope_filter = RequestFilter { bot_id: filter.bot_id, channel: filter.channel, ..RequestFilter::default() };
    let mut scope = String::new();
    let mut scope_args: Vec<Value> = Vec::new();
    push_filter(&mut scope, &mut scope_args, &scope_filter, "");
    let mut backlog = Backlog {
        new: 0,
        assigned: 0,
        chatting: 0,
        unassigned: 0,
        oldest_new_created_at: None,
        oldest_new_age_seconds: None,
        agents: Vec::new(),
        generated_at: now,
    };
    let sql = format!(
        "SELECT state, assignee_id, CAST(sum(n) AS BIGINT) FROM queue_counts WHERE org_id = ?{scope} \
         GROUP BY state, assignee_id"
    );
    let mut args = args![org_id];
    args.extend(scope_args.iter().cloned());
    let counts = conn
        .query(&sql, &args)?
        .iter()
        .map(|r| Ok((r.state(0)?, r.i64(1)?, r.count(2)?)))
        .collect::<StoreResult<Vec<_>>>()?;
    let load = fold_counts(&mut backlog, &counts);
    let sql = format!("SELECT min(created_at) FROM requests WHERE org_id = ? AND state = ?{scope}");
    let mut args = args![org_id, State::New];
    args.extend(scope_args);
    let oldest = conn.query_one(&sql, &args)?.opt_ts(0)?;
    backlog.oldest_new_created_at = oldest;
    backlog.oldest_new_age_seconds = oldest.map(|o| now.duration_since(o).as_secs().max(0));
    backlog.agents = load_members(conn, org_id)?
        .into_iter()
        .map(|member| {
            let (assigned, chatting) = load.get(&member.id).copied().unwrap_or_default();
            AgentLoad { member, assigned, chatting }
        })
        .collect();
    backlog.agents.sort_by(|a, b| b.open().cmp(&a.open()).then(a.member.id.cmp(&b.member.id)));
    Ok(backlog)
}

/// Rebuilds the open-queue counts from the requests, after a bulk load that bypassed them.
pub fn recount(conn: &mut impl Conn) -> StoreResult<()> {
    conn.execute("DELETE FROM queue_counts", &[])?;
    let mut sql = "INSERT INTO queue_counts (org_id, bot_id, channel, state, assignee_id, n) \
                   SELECT org_id, bot_id, channel, state, coalesce(assignee_id, 0), count(*) FROM requests WHERE 1 = 1"
        .to_string();
    let mut args = Vec::new();
    crate::store::sql::push_in(&mut sql, &mut args, "state", State::OPEN.iter().map(|s| s.rank()));
    sql.push_str(" GROUP BY org_id, bot_id, channel, state, coalesce(assignee_id, 0)");
    conn.execute(&sql, &args)?;
    Ok(())
}

pub fn open_counts(conn: &mut impl Conn) -> StoreResult<Vec<(State, u64)>> {
    conn.query("SELECT state, CAST(sum(n) AS BIGINT) FROM queue_counts GROUP BY state", &[])?
        .iter()
        .map(|r| Ok((r.state(0)?, r.count(1)?)))
        .collect()
}

pub fn stats_rows(
    conn: &mut impl Conn,
    org_id: OrgId,
    since: Timestamp,
    bots: Option<&[i64]>,
) -> StoreResult<Vec<StatsRow>> {
    let mut sql = "SELECT r.channel, r.assignee_id, r.created_at, r.state, r.resolved_at, \
         (SELECT min(e.at) FROM events e WHERE e.request_id = r.id AND e.to_state = ?3), \
         (SELECT min(m.created_at) FROM messages m WHERE m.request_id = r.id AND m.sender = ?4) \
         FROM requests r WHERE r.org_id = ?1 AND r.created_at >= ?2 AND r.created_at <= ?5"
        .to_string();
    // Bounded above, so a generic plan expects a narrow window and walks the index.
    let mut args = args![org_id, since, State::Assigned, SenderKind::Agent.as_str(), i64::MAX];
    match bots {
        // No bots to see is nothing to see, not every bot.
        Some([]) => sql.push_str(" AND 1 = 0"),
        Some(bots) => push_in(&mut sql, &mut args, "r.bot_id", bots.iter().copied()),
        None => {}
    }
    conn.query(&sql, &args)?
        .iter()
        .map(|r| {
            let created = r.ts(2)?;
            let after = |v: Option<Timestamp>| v.map(|t| t.duration_since(created).as_secs().max(0));
            Ok(StatsRow {
                channel: r.word(0)?,
                assignee: r.opt_i64(1)?,
                state: r.state(3)?,
                to_resolve: after(r.opt_ts(4)?),
                to_assign: after(r.opt_ts(5)?),
                to_first_agent_message: after(r.opt_ts(6)?),
            })
        })
        .collect()
}
