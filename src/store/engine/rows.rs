//! The SELECTs both databases run and the assembly of their rows into the API's types.

use crate::store::OrgId;
use std::collections::HashMap;

use crate::api::{Assignee, Author, Bot, BotRef, Member, Message, Note, Request, TimelineEvent, Visitor};
use crate::domain::{Channel, NoteKind, SenderKind};
use crate::store::sql::{Conn, Row, Value, args, map_rows, push_in};
use crate::store::{FeedScope, RequestId, StoreResult};

/// A member's columns on `m`, with the bots they administer as `1,2,3`. Only a bot admin
/// administers bots: the lookup is skipped for everyone else, most rows of a page.
macro_rules! member_columns {
    () => {
        "m.id, m.email, m.name, m.role, m.presence, \
         CASE WHEN m.role = 'bot-admin' THEN (SELECT string_agg(CAST(ba.bot_id AS TEXT), ',') \
         FROM bot_admins ba WHERE ba.member_id = m.id) END, m.removed_at"
    };
}

pub const MEMBER_COLUMNS: &str = member_columns!();
/// How many columns `MEMBER_COLUMNS` reads.
pub const MEMBER_WIDTH: usize = 7;

fn bot_ids(text: Option<String>) -> Vec<i64> {
    let mut ids: Vec<i64> = text.unwrap_or_default().split(',').filter_map(|s| s.parse().ok()).collect();
    ids.sort_unstable();
    ids
}

pub fn member_at(row: &mut Row, at: usize) -> StoreResult<Member> {
    Ok(Member {
        id: row.i64(at)?,
        email: row.str(at + 1)?,
        name: row.str(at + 2)?,
        role: row.word(at + 3)?,
        presence: row.word(at + 4)?,
        bot_ids: bot_ids(row.opt_str(at + 5)?),
        removed_at: row.opt_ts(at + 6)?,
        load: None,
        capacity: None,
    })
}

/// A member by a condition on `m` that uses `?2`; `?1` is the organization.
pub fn query_member(conn: &mut impl Conn, org_id: OrgId, clause: &str, key: Value) -> StoreResult<Option<Member>> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.org_id = ?1 AND {clause}");
    conn.query_opt(&sql, &[org_id.into(), key])?.map(|mut r| member_at(&mut r, 0)).transpose()
}

/// Every member of an organization, in id order.
pub fn load_members(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<Vec<Member>> {
    members_among(conn, org_id, &[])
}

/// The organization's members with these ids, or all of them if `ids` is empty, in id order.
fn members_among(conn: &mut impl Conn, org_id: OrgId, ids: &[i64]) -> StoreResult<Vec<Member>> {
    let mut sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.org_id = ?");
    let mut values = args![org_id];
    push_in(&mut sql, &mut values, "m.id", ids.iter().copied());
    sql.push_str(" ORDER BY m.id");
    map_rows(conn.query(&sql, &values)?, |mut r| member_at(&mut r, 0))
}

/// A request's columns, read by [`request_row`]: on `r`, with its bot `b` and assignee `m`
/// joined as [`REQUEST_JOINS`] does. The visitor's are the request's own.
macro_rules! request_columns {
    () => {
        concat!(
            "r.id, r.state, r.title, r.bot_id, b.name, r.channel, \
             r.visitor_id, r.visitor_user_id, r.visitor_name, r.visitor_email, \
             r.created_at, r.assigned_at, r.resolved_at, r.closed_at, r.updated_at, r.version, \
             m.id, m.name, m.email, \
             (SELECT string_agg(l.name, ',' ORDER BY l.name) FROM request_labels l WHERE l.request_id = r.id)"
        )
    };
}

/// How many columns `request_columns!` reads.
pub const REQUEST_WIDTH: usize = 20;

macro_rules! request_joins {
    () => {
        "JOIN bots b ON b.id = r.bot_id LEFT JOIN members m ON m.id = r.assignee_id"
    };
}

pub const REQUEST_SELECT_COLUMNS: &str = request_columns!();
pub const REQUEST_JOINS: &str = request_joins!();
pub const REQUEST_SELECT: &str = concat!("SELECT ", request_columns!(), " FROM requests r ", request_joins!());

pub fn request_row(mut row: Row) -> StoreResult<Request> {
    let created_at = row.ts(10)?;
    let assigned_at = row.opt_ts(11)?;
    let resolved_at = row.opt_ts(12)?;
    Ok(Request {
        id: row.i64(0)?,
        state: row.state(1)?,
        title: row.str(2)?,
        bot: BotRef { id: row.i64(3)?, name: row.str(4)? },
        channel: row.word(5)?,
        visitor: Visitor { id: row.i64(6)?, user_id: row.str(7)?, name: row.opt_str(8)?, email: row.opt_str(9)? },
        created_at,
        assigned_at,
        resolved_at,
        closed_at: row.opt_ts(13)?,
        time_to_assign_seconds: assigned_at.map(|a| a.duration_since(created_at).as_secs()),
        time_to_resolve_seconds: resolved_at.map(|r| r.duration_since(created_at).as_secs()),
        updated_at: row.ts(14)?,
        version: row.i64(15)?,
        labels: match row.opt_str(19)? {
            Some(names) => names.split(',').map(str::to_string).collect(),
            None => Vec::new(),
        },
        assignee: match row.opt_i64(16)? {
            Some(id) => Some(Assignee { id, name: row.str(17)?, email: row.str(18)? }),
            None => None,
        },
    })
}

pub fn load_request(conn: &mut impl Conn, org_id: OrgId, id: i64) -> StoreResult<Option<Request>> {
    let sql = format!("{REQUEST_SELECT} WHERE r.id = ?1 AND r.org_id = ?2");
    conn.query_opt(&sql, &args![id, org_id])?.map(request_row).transpose()
}

pub fn requests(conn: &mut impl Conn, sql: &str, args: &[Value]) -> StoreResult<Vec<Request>> {
    map_rows(conn.query(sql, args)?, request_row)
}

/// As [`requests`], for a statement that holds a search's literals and will not come again.
pub fn requests_once(conn: &mut impl Conn, sql: &str, args: &[Value]) -> StoreResult<Vec<Request>> {
    map_rows(conn.query_once(sql, args)?, request_row)
}

/// A bot's columns on `b`, read by [`bot_at`].
pub const BOT_COLUMNS: &str = "b.id, b.name, b.channels, b.org_id, b.texts, b.form, b.embed_origins";

/// The bot in `BOT_COLUMNS` from `at`, with its organization.
pub fn bot_at(row: &mut Row, at: usize) -> StoreResult<(i64, Bot)> {
    let channels = row.str(at + 2)?.split(',').filter_map(|c| c.parse::<Channel>().ok()).collect();
    let bot = Bot {
        id: row.i64(at)?,
        name: row.str(at + 1)?,
        channels,
        texts: json_or_default(row, at + 4)?,
        form: json_or_default(row, at + 5)?,
        embed_origins: json_or_default(row, at + 6)?,
    };
    Ok((row.i64(at + 3)?, bot))
}

/// Bots matching `clause` on `b` (which uses `?1`, and `?2` if `more` is given), each with
/// its organization.
pub fn load_bots(conn: &mut impl Conn, clause: &str, key: i64, more: Option<i64>) -> StoreResult<Vec<(i64, Bot)>> {
    let sql = format!("SELECT {BOT_COLUMNS} FROM bots b WHERE {clause} ORDER BY b.id");
    let mut values = args![key];
    values.extend(more.map(Value::Int));
    map_rows(conn.query(&sql, &values)?, |mut r| bot_at(&mut r, 0))
}

/// A JSON column, or the type's default where it is NULL.
fn json_or_default<T: serde::de::DeserializeOwned + Default>(row: &mut Row, idx: usize) -> StoreResult<T> {
    match row.opt_str(idx)? {
        None => Ok(T::default()),
        Some(text) => serde_json::from_str(&text)
            .map_err(|e| crate::store::StoreError::Database(format!("column {idx} holds bad JSON: {e}"))),
    }
}

/// Who the people around some requests are, to name senders, authors and actors without
/// joining every history row to its request, visitor, bot and member.
pub struct Names {
    members: HashMap<i64, Member>,
    /// Request id → (the visitor's display name, the bot's name).
    requests: HashMap<i64, (String, String)>,
    /// For requests not listed: a visitor's feed spans all their requests, of one bot.
    fallback: Option<(String, String)>,
}

fn display_names(request: &Request) -> (String, String) {
    let visitor = request.visitor.name.clone().unwrap_or_else(|| request.visitor.user_id.clone());
    (visitor, request.bot.name.clone())
}

impl Names {
    pub fn of<'a>(
        conn: &mut impl Conn,
        org_id: OrgId,
        requests: impl IntoIterator<Item = &'a Request>,
    ) -> StoreResult<Names> {
        let requests: HashMap<i64, (String, String)> = requests.into_iter().map(|r| (r.id, display_names(r))).collect();
        let fallback = requests.values().next().cloned();
        let members = load_members(conn, org_id)?.into_iter().map(|m| (m.id, m)).collect();
        Ok(Names { members, requests, fallback })
    }

    /// Names for one request, without reading the whole request.
    pub fn of_request(conn: &mut impl Conn, org_id: OrgId, request_id: i64) -> StoreResult<Option<Names>> {
        Names::of_scope(conn, org_id, FeedScope::Request(RequestId(request_id)), None)
    }

    /// Names for one request, or for every request of one visitor (all of one bot), with
    /// only the members in `members` (all if `None`).
    pub fn of_scope(
        conn: &mut impl Conn,
        org_id: OrgId,
        scope: FeedScope,
        members: Option<&[i64]>,
    ) -> StoreResult<Option<Names>> {
        match scope {
            FeedScope::Request(id) => {
                let from = "requests r JOIN bots b ON b.id = r.bot_id WHERE r.id = ?1";
                Names::of_one(conn, org_id, "r.title", from, id.0, members)
            }
            FeedScope::Visitor(visitor) => {
                let from = "visitors v JOIN bots b ON b.id = v.bot_id WHERE v.id = ?1";
                Names::of_one(conn, org_id, "coalesce(v.name, v.user_id)", from, visitor.0, members)
            }
        }
    }

    /// Names read from `from` (with bots `b`, keyed by `?1`): the visitor's is `visitor`;
    /// `None` if it finds nothing in the organization. Members are read only if `members`
    /// names some, or is `None` for all of them.
    fn of_one(
        conn: &mut impl Conn,
        org_id: OrgId,
        visitor: &str,
        from: &str,
        key: i64,
        members: Option<&[i64]>,
    ) -> StoreResult<Option<Names>> {
        let sql = format!("SELECT {visitor}, b.name FROM {from} AND b.org_id = ?2");
        let Some(mut row) = conn.query_opt(&sql, &args![key, org_id])? else { return Ok(None) };
        let members = match members {
            None => load_members(conn, org_id)?,
            Some([]) => Vec::new(),
            Some(ids) => members_among(conn, org_id, ids)?,
        };
        let members = members.into_iter().map(|m| (m.id, m)).collect();
        Ok(Some(Names { members, requests: HashMap::new(), fallback: Some((row.str(0)?, row.str(1)?)) }))
    }

    fn request(&self, id: i64) -> (String, String) {
        self.requests.get(&id).or(self.fallback.as_ref()).cloned().unwrap_or_default()
    }

    /// Who wrote or did something: a member if one is recorded, else the visitor or routing
    /// as `kind` says, else the server.
    fn author(&self, kind: &str, member: Option<i64>, request: i64) -> Author {
        match (kind, member.and_then(|id| self.members.get(&id))) {
            (_, Some(m)) => Author::Member { id: m.id, name: m.name.clone(), email: m.email.clone() },
            ("visitor", None) => Author::Visitor { name: self.request(request).0 },
            ("routing", None) => Author::Routing,
            _ => Author::Server,
        }
    }
}

/// Transcript rows matching `clause`, to be named by [`message`].
pub fn message_rows(conn: &mut impl Conn, clause: &str, args: &[Value]) -> StoreResult<Vec<Row>> {
    let sql = format!(
        "SELECT msg.id, msg.request_id, msg.sender, msg.body, msg.created_at, msg.member_id FROM messages msg WHERE {clause}"
    );
    conn.query(&sql, args)
}

/// A transcript row as a message, with its sender's name.
pub fn message(mut row: Row, names: &Names) -> StoreResult<Message> {
    let request_id = row.i64(1)?;
    let sender: SenderKind = row.word(2)?;
    let sender_name = match sender {
        SenderKind::Visitor => names.request(request_id).0,
        SenderKind::Bot => names.request(request_id).1,
        SenderKind::Agent => row
            .opt_i64(5)?
            .and_then(|id| names.members.get(&id))
            .map_or_else(|| "agent".to_string(), |m| m.name.clone()),
        SenderKind::System => "livechat".to_string(),
    };
    Ok(Message { id: row.i64(0)?, request_id, sender, body: row.str(3)?, created_at: row.ts(4)?, sender_name })
}

pub fn messages(conn: &mut impl Conn, names: &Names, clause: &str, args: &[Value]) -> StoreResult<Vec<Message>> {
    map_rows(message_rows(conn, clause, args)?, |row| message(row, names))
}

/// The members that transcript and timeline rows name: agents who wrote, actors, assignees.
pub fn named_members(messages: &[Row], events: &[Row]) -> StoreResult<Vec<i64>> {
    let mut ids = Vec::new();
    for row in messages {
        ids.extend(row.opt_i64(5)?);
    }
    for row in events {
        ids.extend(row.opt_i64(6)?);
        ids.extend(row.opt_i64(7)?);
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Notes matching `clause`, each with its request's id.
pub fn notes(conn: &mut impl Conn, names: &Names, clause: &str, args: &[Value]) -> StoreResult<Vec<(i64, Note)>> {
    let sql = format!(
        "SELECT n.id, n.kind, n.body, n.fields, n.created_at, n.author_member_id, n.request_id FROM notes n WHERE {clause}"
    );
    conn.query(&sql, args)?
        .iter_mut()
        .map(|row| {
            let kind: NoteKind = row.word(1)?;
            let request_id = row.i64(6)?;
            let note = Note {
                id: row.i64(0)?,
                kind,
                body: row.str(2)?,
                fields: row.opt_str(3)?.and_then(|f| serde_json::from_str(&f).ok()),
                created_at: row.ts(4)?,
                author: names.author(
                    if kind == NoteKind::Form { "visitor" } else { "member" },
                    row.opt_i64(5)?,
                    request_id,
                ),
            };
            Ok((request_id, note))
        })
        .collect()
}

/// Timeline rows; `tail` follows `FROM events e`, and joins the request only where it needs
/// it: a join PostgreSQL's generic plan cannot see past costs a scan of every request.
pub fn event_rows(conn: &mut impl Conn, tail: &str, args: &[Value]) -> StoreResult<Vec<Row>> {
    let sql = format!(
        "SELECT e.id, e.request_id, e.at, e.actor_kind, e.from_state, e.to_state, e.assignee_id, e.actor_member_id \
         FROM events e {tail}"
    );
    conn.query(&sql, args)
}

/// A timeline row as an event.
pub fn event(row: &Row, names: &Names) -> StoreResult<TimelineEvent> {
    let request_id = row.i64(1)?;
    Ok(TimelineEvent {
        id: row.i64(0)?,
        request_id,
        at: row.ts(2)?,
        actor: names.author(&row.text(3)?, row.opt_i64(7)?, request_id),
        from: row.opt_state(4)?,
        to: row.state(5)?,
        assignee: row.opt_i64(6)?.and_then(|id| names.members.get(&id)).map(Assignee::from),
    })
}

pub fn events(conn: &mut impl Conn, names: &Names, tail: &str, args: &[Value]) -> StoreResult<Vec<TimelineEvent>> {
    map_rows(event_rows(conn, tail, args)?, |row| event(&row, names))
}

/// Groups items by the request they belong to.
pub fn by_request<T>(items: impl IntoIterator<Item = (i64, T)>) -> HashMap<i64, Vec<T>> {
    let mut out = HashMap::<i64, Vec<T>>::new();
    for (id, item) in items {
        out.entry(id).or_default().push(item);
    }
    out
}
