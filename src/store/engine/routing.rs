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

use super::changes::{Effects, load_requests, lock_requests, write_locked};
use super::rows::query_member;
use crate::api::{BotRef, BotRouting, Member, Request, Routing};
use crate::domain::routing::{Seat, pick, seat_taken};
use crate::domain::{RoutingMode, RoutingOrder, State};
use crate::store::sql::{Conn, args};
use crate::store::{BotId, ChangeActor, ChangeRecord, MemberId, OrgId, StoreResult};

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

pub fn set_default_capacity(conn: &mut impl Conn, org_id: OrgId, capacity: u32) -> StoreResult<Routing> {
    conn.execute("UPDATE organizations SET default_capacity = ?1 WHERE id = ?2", &args![i64::from(capacity), org_id])?;
    routing(conn, org_id)
}

pub fn set_bot_routing(
    conn: &mut impl Conn,
    org_id: OrgId,
    bot_id: BotId,
    mode: Option<RoutingMode>,
    order: Option<RoutingOrder>,
) -> StoreResult<Option<BotRouting>> {
    conn.execute(
        "UPDATE bots SET routing_mode = coalesce(?1, routing_mode), routing_order = coalesce(?2, routing_order) \
         WHERE id = ?3 AND org_id = ?4",
        &args![mode.map(|m| m.as_str()), order.map(|o| o.as_str()), bot_id, org_id],
    )?;
    Ok(routing(conn, org_id)?.bots.into_iter().find(|b| b.bot.id == bot_id.0))
}

pub fn set_capacity(
    conn: &mut impl Conn,
    org_id: OrgId,
    member_id: MemberId,
    capacity: Option<u32>,
) -> StoreResult<Option<Member>> {
    conn.execute(
        "UPDATE members SET capacity = ?1 WHERE id = ?2 AND org_id = ?3",
        &args![capacity.map(i64::from), member_id, org_id],
    )?;
    let Some(member) = query_member(conn, org_id, "m.id = ?2", member_id.into())? else { return Ok(None) };
    let mut members = [member];
    with_load(conn, org_id, &mut members)?;
    let [member] = members;
    Ok(Some(member))
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

/// The members routing may give work to (active and online), with their loads: locked for
/// update if `lock`, so the loads stay true until the pass commits.
fn seats(conn: &mut impl Conn, org_id: OrgId, lock: bool) -> StoreResult<Vec<Seat>> {
    let lock = if lock { conn.dialect().lock_values("m") } else { String::new() };
    let rows = conn.query(
        &format!(
            "SELECT m.id, coalesce(m.capacity, o.default_capacity), m.last_routed FROM members m \
             JOIN organizations o ON o.id = m.org_id \
             WHERE m.org_id = ?1 AND m.removed_at IS NULL AND m.presence = 'online' ORDER BY m.id{lock}"
        ),
        &args![org_id],
    )?;
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

/// Up to `want` waiting requests, each bot's in its order, taken from the bots in turn.
fn waiting(
    conn: &mut impl Conn,
    org_id: OrgId,
    bots: &BTreeMap<i64, (RoutingMode, RoutingOrder)>,
    want: usize,
) -> StoreResult<Vec<i64>> {
    let mut queues = Vec::with_capacity(bots.len());
    for (bot, (_, order)) in bots {
        let direction = match order {
            RoutingOrder::Oldest => "ASC",
            RoutingOrder::Newest => "DESC",
        };
        let sql = format!(
            "SELECT id FROM requests WHERE org_id = ?1 AND state = {} AND bot_id = ?2 AND assignee_id IS NULL \
             ORDER BY created_at {direction}, id {direction} LIMIT ?3",
            State::New.rank()
        );
        let rows = conn.query(&sql, &args![org_id, *bot, want as i64])?;
        queues.push(rows.iter().map(|r| r.i64(0)).collect::<StoreResult<Vec<i64>>>()?.into_iter());
    }
    let mut ids = Vec::with_capacity(want);
    while ids.len() < want {
        let before = ids.len();
        for queue in &mut queues {
            ids.extend(queue.next());
        }
        if ids.len() == before {
            break;
        }
    }
    ids.truncate(want);
    Ok(ids)
}

/// One routing pass: the ids it gave out, and whether it stopped at its size.
fn pass(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<(Vec<i64>, bool)> {
    conn.write(|c| {
        c.serialize_routing(org_id.0)?;
        let bots = routed_bots(c, org_id)?;
        if bots.is_empty() {
            return Ok((Vec::new(), false));
        }
        // The room as last committed bounds what to lock; it is read again under the locks.
        let room: u32 = seats(c, org_id, false)?.iter().map(|s| s.capacity.saturating_sub(s.load)).sum();
        let want = (room as usize).min(PASS);
        if want == 0 {
            return Ok((Vec::new(), false));
        }
        let order = waiting(c, org_id, &bots, want)?;
        if order.is_empty() {
            return Ok((Vec::new(), false));
        }
        let mut ids = order.clone();
        ids.sort_unstable();
        let locked = lock_requests(c, org_id, &ids)?;
        let mut seats = seats(c, org_id, true)?;
        // Stamped under the locks: a request that opened while this pass waited for them
        // is never assigned before it was created.
        let now = Timestamp::now();
        let mut turn = c
            .query_one("SELECT max(last_routed) FROM members WHERE org_id = ?1", &args![org_id])?
            .opt_i64(0)?
            .unwrap_or(0);
        let mut effects = Effects::default();
        let mut given = Vec::new();
        let mut turns = BTreeMap::new();
        for id in &order {
            let Some(request) = locked.get(id) else { continue };
            // Taken, unassigned or closed since it was listed: the lock shows it as it is.
            let Some((mode, _)) = bots.get(&request.bot.id) else { continue };
            if request.state != State::New || request.assignee.is_some() {
                continue;
            }
            let Some(at) = pick(*mode, &seats) else { break };
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
            write_locked(c, org_id, request, &record, &mut effects)?;
            seat_taken(&mut seats, at, turn);
            turns.insert(seats[at].member_id, turn);
            given.push(*id);
        }
        for (member, turn) in turns {
            c.execute("UPDATE members SET last_routed = ?1 WHERE id = ?2", &args![turn, member])?;
        }
        effects.flush(c, org_id)?;
        let full = order.len() == want && !given.is_empty();
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
            let (ids, full) = pass(conn, org)?;
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
