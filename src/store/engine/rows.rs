//! The SELECTs both databases run and the assembly of their rows into the API's types.

use crate::store::OrgId;
use std::collections::HashMap;

use crate::api::{Author, Bot, BotRef, Member, Message, Note, Request, TimelineEvent, Visitor};
use crate::domain::{Channel, NoteKind};
use crate::store::StoreResult;
use crate::store::sql::{Conn, Row, Value, args};

/// A member's columns, with the bots they administer as `1,2,3`.
pub const MEMBER_COLUMNS: &str = "m.id, m.email, m.name, m.role, m.presence, \
     (SELECT string_agg(CAST(ba.bot_id AS TEXT), ',') FROM bot_admins ba WHERE ba.member_id = m.id)";

fn bot_ids(text: Option<String>) -> Vec<i64> {
    let mut ids: Vec<i64> = text.unwrap_or_default().split(',').filter_map(|s| s.parse().ok()).collect();
    ids.sort_unstable();
    ids
}

pub fn member_at(row: &Row, at: usize) -> StoreResult<Member> {
    Ok(Member {
        id: row.i64(at)?,
        email: row.str(at + 1)?,
        name: row.str(at + 2)?,
        role: row.word(at + 3)?,
        presence: row.word(at + 4)?,
        bot_ids: bot_ids(row.opt_str(at + 5)?),
    })
}

/// A member by a condition on `m` that uses `?2`; `?1` is the organization.
pub fn query_member(conn: &mut impl Conn, org_id: OrgId, clause: &str, key: Value) -> StoreResult<Option<Member>> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.org_id = ?1 AND {clause}");
    conn.query_opt(&sql, &[org_id.into(), key])?.map(|r| member_at(&r, 0)).transpose()
}

/// Every member of an organization, in id order.
pub fn load_members(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<Vec<Member>> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.org_id = ?1 ORDER BY m.id");
    conn.query(&sql, &args![org_id])?.iter().map(|r| member_at(r, 0)).collect()
}

pub const REQUEST_SELECT: &str = "SELECT r.id, r.state, r.title, r.bot_id, b.name, r.channel, \
     v.id, v.user_id, v.name, v.email, \
     r.created_at, r.assigned_at, r.resolved_at, r.closed_at, r.updated_at, r.version, \
     m.id, m.email, m.name, m.role, m.presence, \
     (SELECT string_agg(CAST(ba.bot_id AS TEXT), ',') FROM bot_admins ba WHERE ba.member_id = m.id) \
     FROM requests r JOIN bots b ON b.id = r.bot_id JOIN visitors v ON v.id = r.visitor_id \
     LEFT JOIN members m ON m.id = r.assignee_id";

pub fn request_row(row: &Row) -> StoreResult<Request> {
    let created_at = row.ts(10)?;
    let resolved_at = row.opt_ts(12)?;
    Ok(Request {
        id: row.i64(0)?,
        state: row.state(1)?,
        title: row.str(2)?,
        bot: BotRef { id: row.i64(3)?, name: row.str(4)? },
        channel: row.word(5)?,
        visitor: Visitor { id: row.i64(6)?, user_id: row.str(7)?, name: row.opt_str(8)?, email: row.opt_str(9)? },
        created_at,
        assigned_at: row.opt_ts(11)?,
        resolved_at,
        closed_at: row.opt_ts(13)?,
        time_to_resolve_seconds: resolved_at.map(|r| r.duration_since(created_at).as_secs()),
        updated_at: row.ts(14)?,
        version: row.i64(15)?,
        assignee: match row.opt_i64(16)? {
            Some(_) => Some(member_at(row, 16)?),
            None => None,
        },
    })
}

pub fn load_request(conn: &mut impl Conn, org_id: OrgId, id: i64) -> StoreResult<Option<Request>> {
    let sql = format!("{REQUEST_SELECT} WHERE r.id = ?1 AND r.org_id = ?2");
    conn.query_opt(&sql, &args![id, org_id])?.map(|r| request_row(&r)).transpose()
}

pub fn requests(conn: &mut impl Conn, sql: &str, args: &[Value]) -> StoreResult<Vec<Request>> {
    conn.query(sql, args)?.iter().map(request_row).collect()
}

/// Bots matching `clause` (which uses `?1`), each with its organization.
pub fn load_bots(conn: &mut impl Conn, clause: &str, key: i64) -> StoreResult<Vec<(i64, Bot)>> {
    let sql = format!("SELECT id, name, channels, org_id FROM bots WHERE {clause} ORDER BY id");
    conn.query(&sql, &args![key])?
        .iter()
        .map(|r| {
            let channels = r.str(2)?.split(',').filter_map(|c| c.parse::<Channel>().ok()).collect();
            Ok((r.i64(3)?, Bot { id: r.i64(0)?, name: r.str(1)?, channels }))
        })
        .collect()
}

/// A transcript line with its sender's display name: the visitor's, the bot's or the agent's.
pub const MESSAGE_SELECT: &str = "SELECT msg.id, msg.request_id, msg.sender, msg.body, msg.created_at, \
     CASE msg.sender WHEN 'visitor' THEN coalesce(v.name, v.user_id) WHEN 'bot' THEN b.name \
          WHEN 'agent' THEN coalesce(m.name, 'agent') ELSE 'livechat' END \
     FROM messages msg JOIN requests r ON r.id = msg.request_id JOIN visitors v ON v.id = r.visitor_id \
     JOIN bots b ON b.id = r.bot_id LEFT JOIN members m ON m.id = msg.member_id";

pub fn message_row(row: &Row) -> StoreResult<Message> {
    Ok(Message {
        id: row.i64(0)?,
        request_id: row.i64(1)?,
        sender: row.word(2)?,
        body: row.str(3)?,
        created_at: row.ts(4)?,
        sender_name: row.str(5)?,
    })
}

pub fn messages(conn: &mut impl Conn, clause: &str, args: &[Value]) -> StoreResult<Vec<Message>> {
    conn.query(&format!("{MESSAGE_SELECT} WHERE {clause}"), args)?.iter().map(message_row).collect()
}

/// Who wrote a note or made a change: a member if one is recorded, else the visitor for
/// what the visitor did, else the server.
pub fn author(by_visitor: bool, member: Option<(i64, String, String)>, visitor_name: String) -> Author {
    match (by_visitor, member) {
        (_, Some((id, name, email))) => Author::Member { id, name, email },
        (true, None) => Author::Visitor { name: visitor_name },
        _ => Author::Server,
    }
}

fn member_triple(row: &Row, at: usize) -> StoreResult<Option<(i64, String, String)>> {
    Ok(match row.opt_i64(at)? {
        Some(id) => Some((id, row.str(at + 1)?, row.str(at + 2)?)),
        None => None,
    })
}

pub const NOTE_SELECT: &str = "SELECT n.id, n.kind, n.body, n.fields, n.created_at, m.id, m.name, m.email, \
     coalesce(v.name, v.user_id), n.request_id FROM notes n JOIN requests r ON r.id = n.request_id \
     JOIN visitors v ON v.id = r.visitor_id LEFT JOIN members m ON m.id = n.author_member_id";

pub fn note_row(row: &Row) -> StoreResult<Note> {
    let kind: NoteKind = row.word(1)?;
    Ok(Note {
        id: row.i64(0)?,
        kind,
        body: row.str(2)?,
        fields: row.opt_str(3)?.and_then(|f| serde_json::from_str(&f).ok()),
        created_at: row.ts(4)?,
        author: author(kind == NoteKind::Form, member_triple(row, 5)?, row.str(8)?),
    })
}

pub fn notes(conn: &mut impl Conn, clause: &str, args: &[Value]) -> StoreResult<Vec<(i64, Note)>> {
    conn.query(&format!("{NOTE_SELECT} WHERE {clause}"), args)?.iter().map(|r| Ok((r.i64(9)?, note_row(r)?))).collect()
}

const EVENT_SELECT: &str = "SELECT e.id, e.request_id, e.at, e.actor_kind, e.from_state, e.to_state, e.assignee_id, \
     a.id, a.name, a.email, coalesce(v.name, v.user_id) FROM events e JOIN requests r ON r.id = e.request_id \
     JOIN visitors v ON v.id = r.visitor_id LEFT JOIN members a ON a.id = e.actor_member_id";

/// Timeline events matching `clause`, with each assignee as a whole member.
pub fn events(conn: &mut impl Conn, org_id: OrgId, clause: &str, args: &[Value]) -> StoreResult<Vec<TimelineEvent>> {
    let rows = conn.query(&format!("{EVENT_SELECT} WHERE {clause}"), args)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let members: HashMap<i64, Member> = load_members(conn, org_id)?.into_iter().map(|m| (m.id, m)).collect();
    rows.iter()
        .map(|r| {
            Ok(TimelineEvent {
                id: r.i64(0)?,
                request_id: r.i64(1)?,
                at: r.ts(2)?,
                actor: author(r.str(3)? == "visitor", member_triple(r, 7)?, r.str(10)?),
                from: r.opt_state(4)?,
                to: r.state(5)?,
                assignee: r.opt_i64(6)?.and_then(|id| members.get(&id).cloned()),
            })
        })
        .collect()
}

/// Groups items by the request they belong to.
pub fn by_request<T>(items: impl IntoIterator<Item = (i64, T)>) -> HashMap<i64, Vec<T>> {
    let mut out = HashMap::<i64, Vec<T>>::new();
    for (id, item) in items {
        out.entry(id).or_default().push(item);
    }
    out
}
