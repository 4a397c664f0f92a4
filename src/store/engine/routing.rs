//! Routing: the server gives routed bots' waiting requests to online members with room.
//!
//! A pass takes the organization's routing turn first (so passes on every server take turns),
//! then the waiting requests' rows, then the online members' rows, in the order every writer
//! takes rows: requests, members, the append order. The members' rows are held against
//! changes and shared locks but not against rows that refer to them, so a writer that holds
//! the append order can still add an event naming a member this pass holds. It decides on what it reads
//! under those locks, so no request is given twice and nobody is given more than their
//! capacity, however many servers route at once. A manual assignment holds its member's row
//! shared until it commits, so a pass counts it.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;

use serde_json::json;

use super::audit;
use super::changes::{load_requests, lock_requests, write, write_locked};
use super::rows::query_member;
use crate::api::{BotRef, BotRouting, Member, Request, Routing};
use crate::domain::routing::{Seat, pick, seat_taken};
use crate::domain::{RoutingMode, RoutingOrder, State};
use crate::store::sql::{Conn, args, push_in};
use crate::store::{Audit, BotId, ChangeActor, ChangeRecord, MemberId, OrgId, StoreResult};

/// Requests one pass locks and gives out at most; a pass that fills it runs again.
const PASS: usize = 200;

pub fn routing(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<Routing> {
    let default_capacity =
        conn.query_one("SELECT default_capacity FROM organizations WHERE id = ?1", &args![org_id])?.i64(0)?;
    let rows = conn.query(
        "SELECT id, name, routing_mode, routing_order FROM bots WHERE org_id = ?1 ORDER BY id",
        &args![org_id],
    )?;
    let mut bots = Vec::with_capacity(rows.len());
    for mut row in rows {
        bots.push(BotRouting {
            bot: BotRef { id: row.i64(0)?, name: row.str(1)? },
            mode: row.word(2)?,
            order: row.word(3)?,
        });
    }
    Ok(Routing { default_capacity: u32::try_from(default_capacity).unwrap_or(0), bots })
}

pub fn set_default_capacity(conn: &mut impl Conn, org_id: OrgId, capacity: u32, by: Audit) -> StoreResult<Routing> {
    write(conn, org_id, |c, _| {
        c.execute("UPDATE organizations SET default_capacity = ?1 WHERE id = ?2", &args![i64::from(capacity), org_id])?;
        audit::record(
            c,
            org_id,
            by,
            "routing.default_capacity",
            format_args!("organization:{org_id}"),
            json!({"capacity": capacity}),
        )?;
        routing(c, org_id)
    })
}

pub fn set_bot_routing(
    conn: &mut impl Conn,
    org_id: OrgId,
    bot_id: BotId,
    mode: Option<RoutingMode>,
    order: Option<RoutingOrder>,
    by: Audit,
) -> StoreResult<Option<BotRouting>> {
    write(conn, org_id, |c, _| {
        let changed = c.execute(
            "UPDATE bots SET routing_mode = coalesce(?1, routing_mode), routing_order = coalesce(?2, routing_order) \
             WHERE id = ?3 AND org_id = ?4",
            &args![mode.map(|m| m.as_str()), order.map(|o| o.as_str()), bot_id, org_id],
        )?;
        let now = routing(c, org_id)?.bots.into_iter().find(|b| b.bot.id == bot_id.0);
        if let Some(policy) = now.as_ref().filter(|_| changed > 0) {
            let summary = json!({"mode": policy.mode, "order": policy.order});
            audit::record(c, org_id, by, "bot.routing", format_args!("bot:{bot_id}"), summary)?;
        }
        Ok(now)
    })
}

pub fn set_capacity(
    conn: &mut impl Conn,
    org_id: OrgId,
    member_id: MemberId,
    capacity: Option<u32>,
    by: Audit,
) -> StoreResult<Option<Member>> {
    write(conn, org_id, |c, _| {
        c.execute(
            "UPDATE members SET capacity = ?1 WHERE id = ?2 AND org_id = ?3",
            &args![capacity.map(i64::from), member_id, org_id],
        )?;
        let Some(member) = query_member(c, org_id, "m.id = ?2", member_id.into())? else { return Ok(None) };
        // `null`: the organization's default.
        audit::record(
            c,
            org_id,
            by,
            "member.capacity",
            format_args!("member:{member_id}"),
            json!({"capacity": capacity}),
        )?;
        let mut members = [member];
        with_load(c, org_id, &mut members)?;
        let [member] = members;
        Ok(Some(member))
    })
}

/// Fills in each member's load and capacity.
pub fn with_load(conn: &mut impl Conn, org_id: OrgId, members: &mut [Member]) -> StoreResult<()> {
    let loads = loads(conn, org_id)?;
    let rows = conn.query(
        "SELECT m.id, coalesce(m.capacity, o.default_capacity) FROM members m \
         JOIN organizations o ON o.id = m.org_id WHERE m.org_id = ?1",
        &args![org_id],
    )?;
    let mut capacities = HashMap::new();
    for row in rows {
        capacities.insert(row.i64(0)?, row.i64(1)?);
    }
    for member in members {
        member.load = Some(loads.get(&member.id).copied().unwrap_or(0));
        member.capacity = capacities.get(&member.id).and_then(|c| u32::try_from(*c).ok());
    }
    Ok(())
}

/// Open requests (assigned or chatting) each member holds, from the counts every change
/// keeps in its own transaction.
fn loads(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<HashMap<i64, u32>> {
    let rows = conn.query(
        "SELECT assignee_id, CAST(sum(n) AS BIGINT) FROM queue_counts \
         WHERE org_id = ?1 AND state IN (?2, ?3) AND assignee_id <> 0 GROUP BY assignee_id",
        &args![org_id, State::Assigned.rank(), State::Chatting.rank()],
    )?;
    let mut loads = HashMap::with_capacity(rows.len());
    for row in rows {
        loads.insert(row.i64(0)?, u32::try_from(row.i64(1)?).unwrap_or(0));
    }
    Ok(loads)
}

/// The members routing may give work to (active and online), with their loads; with
/// `among`, only those members, locked so that their loads stay true until the pass commits.
fn seats(conn: &mut impl Conn, org_id: OrgId, among: Option<&[i64]>) -> StoreResult<Vec<Seat>> {
    let mut sql = "SELECT m.id, coalesce(m.capacity, o.default_capacity), m.last_routed FROM members m \
         JOIN organizations o ON o.id = m.org_id \
         WHERE m.org_id = ? AND m.removed_at IS NULL AND m.presence = 'online'"
        .to_string();
    let mut values = args![org_id];
    if let Some(ids) = among {
        push_in(&mut sql, &mut values, "m.id", ids.iter().copied());
    }
    let lock = if among.is_some() { conn.dialect().lock_values("m") } else { String::new() };
    sql.push_str(&format!(" ORDER BY m.id{lock}"));
    let rows = conn.query(&sql, &values)?;
    let loads = loads(conn, org_id)?;
    let mut seats = Vec::with_capacity(rows.len());
    for row in rows {
        let member_id = row.i64(0)?;
        seats.push(Seat {
            member_id,
            load: loads.get(&member_id).copied().unwrap_or(0),
            capacity: u32::try_from(row.i64(1)?).unwrap_or(0),
            last_routed: row.i64(2)?,
        });
    }
    Ok(seats)
}

/// The organization's routed bots: mode and order by bot id.
fn routed_bots(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<BTreeMap<i64, (RoutingMode, RoutingOrder)>> {
    let rows = conn.query(
        "SELECT id, routing_mode, routing_order FROM bots WHERE org_id = ?1 AND routing_mode <> 'off'",
        &args![org_id],
    )?;
    let mut bots = BTreeMap::new();
    for row in rows {
        bots.insert(row.i64(0)?, (row.word(1)?, row.word(2)?));
    }
    Ok(bots)
}

/// Up to `want` waiting requests, each bot's in its own order: every bot's first before any
/// bot's second, and among those the one that has waited longest first, so one bot's long
/// queue never keeps another's requests waiting while seats free up one at a time.
fn waiting(
    conn: &mut impl Conn,
    org_id: OrgId,
    bots: &BTreeMap<i64, (RoutingMode, RoutingOrder)>,
    want: usize,
) -> StoreResult<Vec<i64>> {
    let mut queues = Vec::new();
    for (bot, (_, order)) in bots {
        let direction = match order {
            RoutingOrder::Oldest => "ASC",
            RoutingOrder::Newest => "DESC",
        };
        let sql = format!(
            "SELECT id, created_at FROM requests WHERE org_id = ?1 AND state = {} AND bot_id = ?2 \
             AND assignee_id IS NULL ORDER BY created_at {direction}, id {direction} LIMIT ?3",
            State::New.rank()
        );
        for (place, row) in conn.query(&sql, &args![org_id, *bot, want as i64])?.iter().enumerate() {
            queues.push((place, row.i64(1)?, row.i64(0)?));
        }
    }
    queues.sort_unstable();
    Ok(queues.into_iter().take(want).map(|(_, _, id)| id).collect())
}

/// For each request, the member who last put it back in the queue, if one did: routing
/// never hands a request straight back to whoever gave it up.
fn given_up_by(conn: &mut impl Conn, ids: &[i64]) -> StoreResult<HashMap<i64, i64>> {
    let mut sql = format!(
        "SELECT e.request_id, e.actor_member_id FROM events e WHERE e.to_state = {} AND e.from_state IS NOT NULL \
         AND e.actor_member_id IS NOT NULL AND e.id = (SELECT max(l.id) FROM events l WHERE l.request_id = e.request_id)",
        State::New.rank()
    );
    let mut values = Vec::new();
    push_in(&mut sql, &mut values, "e.request_id", ids.iter().copied());
    let mut given_up = HashMap::new();
    for row in conn.query(&sql, &values)? {
        given_up.insert(row.i64(0)?, row.i64(1)?);
    }
    Ok(given_up)
}

/// One routing pass: the ids it gave out, and whether it stopped at its size.
fn pass(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<(Vec<i64>, bool)> {
    write(conn, org_id, |c, effects| {
        c.serialize_routing(org_id.0)?;
        let bots = routed_bots(c, org_id)?;
        if bots.is_empty() {
            effects.wrote_nothing();
            return Ok((Vec::new(), false));
        }
        // The room as last committed bounds what to lock; it is read again under the locks,
        // of the members who had room: one who had none is given nothing by this pass.
        let open: Vec<Seat> = seats(c, org_id, None)?.into_iter().filter(|s| s.load < s.capacity).collect();
        let room: u32 = open.iter().map(|s| s.capacity - s.load).sum();
        let want = (room as usize).min(PASS);
        if want == 0 {
            effects.wrote_nothing();
            return Ok((Vec::new(), false));
        }
        // More than the seats: a request given up by the only member with room waits, and
        // the ones behind it go instead.
        let order = waiting(c, org_id, &bots, (2 * want + 16).min(PASS))?;
        if order.is_empty() {
            effects.wrote_nothing();
            return Ok((Vec::new(), false));
        }
        let mut ids = order.clone();
        ids.sort_unstable();
        let locked = lock_requests(c, org_id, &ids)?;
        let given_up = given_up_by(c, &ids)?;
        let open: Vec<i64> = open.iter().map(|s| s.member_id).collect();
        let mut seats = seats(c, org_id, Some(&open))?;
        // Stamped under the locks: a request that opened while this pass waited for them
        // is never assigned before it was created.
        let now = Timestamp::now();
        let mut turn = c
            .query_one("SELECT max(last_routed) FROM members WHERE org_id = ?1", &args![org_id])?
            .opt_i64(0)?
            .unwrap_or(0);
        let mut given = Vec::new();
        let mut turns = BTreeMap::new();
        for id in &order {
            let Some(request) = locked.get(id) else { continue };
            // Taken, unassigned or closed since it was listed: the lock shows it as it is.
            let Some((mode, _)) = bots.get(&request.bot.id) else { continue };
            if request.state != State::New || request.assignee.is_some() {
                continue;
            }
            if given.len() == want {
                break;
            }
            let Some(at) = pick(*mode, &seats, given_up.get(id).copied()) else { continue };
            turn += 1;
            let record = ChangeRecord {
                from: State::New,
                to: State::Assigned,
                assignee: Some(seats[at].member_id),
                actor: ChangeActor::Routing,
                at: now,
                resolution_note: None,
                transcript: Vec::new(),
            };
            write_locked(c, org_id, request, &record, effects)?;
            seat_taken(&mut seats, at, turn);
            turns.insert(seats[at].member_id, turn);
            given.push(*id);
        }
        for (member, turn) in turns {
            c.execute("UPDATE members SET last_routed = ?1 WHERE id = ?2", &args![turn, member])?;
        }
        if given.is_empty() {
            effects.wrote_nothing();
        }
        // A pass that gave out all it may leaves the rest to another.
        let full = given.len() == PASS;
        Ok((given, full))
    })
}

/// Routes the organization, or every organization with a routed bot.
pub fn route(conn: &mut impl Conn, org_id: Option<OrgId>) -> StoreResult<Vec<(OrgId, Request)>> {
    let orgs = match org_id {
        Some(org) => vec![org],
        None => conn
            .query("SELECT DISTINCT org_id FROM bots WHERE routing_mode <> 'off' ORDER BY org_id", &[])?
            .iter()
            .map(|r| r.i64(0).map(OrgId))
            .collect::<StoreResult<_>>()?,
    };
    let mut routed = Vec::new();
    for org in orgs {
        // Most organizations route nothing: a plain read says so without taking a writer's turn.
        if org_id.is_some() && routed_bots(conn, org)?.is_empty() {
            continue;
        }
        let mut given = Vec::new();
        loop {
            // What earlier passes committed is reported even when a later one fails.
            let (ids, full) = match pass(conn, org) {
                Ok(done) => done,
                Err(err) if given.is_empty() && routed.is_empty() => return Err(err),
                Err(err) => {
                    tracing::warn!(%err, org = org.0, "a routing pass failed after others committed");
                    (Vec::new(), false)
                }
            };
            given.extend(ids);
            if !full {
                break;
            }
        }
        if given.is_empty() {
            continue;
        }
        let mut requests = load_requests(conn, org, &given)?;
        routed.extend(given.iter().filter_map(|id| requests.remove(id)).map(|r| (org, r)));
    }
    Ok(routed)
}
