//! The embedded store: SQLite in WAL mode through a small connection pool. Every call runs on
//! tokio's blocking threads so a slow disk never stalls the async runtime.

use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;
use r2d2::Pool;
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params, params_from_iter};

use super::{
    AssigneeFilter, ChangeActor, ChangeRecord, Conversation, Decide, ExportFilter, FeedCursor, FeedScope, NewMember,
    NewMessage, NewNote, NewRequest, QueuePosition, RequestFilter, StatsRow, Store, StoreError, StoreResult,
};
use crate::api::{
    AgentLoad, Author, Backlog, Bot, BotRef, EarlierConversation, ExportedRequest, LiveEvent, Me, Member, Message,
    Note, Organization, QueueEvent, Request, RequestDetail, TimelineEvent, Visitor,
};
use crate::domain::{Channel, NoteKind, Presence, Role, State};

/// Schema changes, applied in order; `PRAGMA user_version` records how many have run.
/// A handful of embedded scripts needs no migration framework.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_queue_counts.sql"),
    include_str!("migrations/0003_created_index.sql"),
];

pub struct SqliteStore {
    pool: Pool<SqliteConnectionManager>,
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match err {
            rusqlite::Error::SqliteFailure(e, ref msg) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                StoreError::Duplicate(msg.clone().unwrap_or_else(|| e.to_string()))
            }
            other => StoreError::Database(other.to_string()),
        }
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(err: r2d2::Error) -> Self {
        StoreError::Database(format!("no database connection: {err}"))
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> StoreResult<SqliteStore> {
        let manager = SqliteConnectionManager::file(path).with_init(|conn| {
            conn.busy_timeout(Duration::from_secs(10))?;
            conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        });
        Self::with_manager(manager, 8)
    }

    /// A private in-memory database. Each in-memory connection is its own database, so the
    /// pool holds exactly one.
    pub fn in_memory() -> StoreResult<SqliteStore> {
        let manager =
            SqliteConnectionManager::memory().with_init(|conn| conn.execute_batch("PRAGMA foreign_keys = ON;"));
        Self::with_manager(manager, 1)
    }

    fn with_manager(manager: SqliteConnectionManager, size: u32) -> StoreResult<SqliteStore> {
        let pool = Pool::builder().max_size(size).min_idle(Some(1)).build(manager)?;
        migrate(&mut *pool.get()?)?;
        Ok(SqliteStore { pool })
    }

    async fn run<T, F>(&self, work: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> StoreResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        let started = std::time::Instant::now();
        let result = tokio::task::spawn_blocking(move || work(&mut *pool.get()?))
            .await
            .map_err(|e| StoreError::Database(format!("database task failed: {e}")))?;
        crate::server::metrics::observe_store(operation::<F>(), started.elapsed());
        result
    }

    /// Runs `work` in a write transaction taken up front, so concurrent writers queue
    /// instead of failing on a lock upgrade.
    async fn write<T, F>(&self, work: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> StoreResult<T> + Send + 'static,
    {
        self.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = work(&tx)?;
            tx.commit()?;
            Ok(value)
        })
        .await
    }
}

/// The store method a closure belongs to, read from its type name
/// (`…<SqliteStore as …::Store>::list_requests<'_>::{{closure}}…`), to label the store's
/// metrics without naming every call by hand. Type names are not a stable format, so
/// anything unexpected is reported as `other`.
fn operation<F>() -> &'static str {
    let name = std::any::type_name::<F>();
    let after = |marker: &str| {
        let start = name.find(marker)? + marker.len();
        let len = name[start..].find(|c: char| !(c.is_ascii_lowercase() || c == '_')).unwrap_or(name.len() - start);
        (len > 0).then(|| &name[start..start + len])
    };
    after("Store>::").or_else(|| after("SqliteStore::")).unwrap_or("other")
}

fn migrate(conn: &mut Connection) -> StoreResult<()> {
    let applied: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (index, script) in MIGRATIONS.iter().enumerate().skip(usize::try_from(applied).unwrap_or(0)) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(script)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

fn ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Converts a stored spelling back into its vocabulary, or reports a corrupt row.
fn parse_col<T: std::str::FromStr>(row: &Row, idx: usize) -> rusqlite::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(idx)?;
    text.parse().map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

fn state_col(row: &Row, idx: usize) -> rusqlite::Result<State> {
    let rank: i64 = row.get(idx)?;
    State::from_rank(rank).ok_or(rusqlite::Error::IntegralValueOutOfRange(idx, rank))
}

fn count_col(row: &Row, idx: usize) -> rusqlite::Result<u64> {
    Ok(u64::try_from(row.get::<_, i64>(idx)?).unwrap_or(0))
}

fn bot_ids(text: Option<String>) -> Vec<i64> {
    let mut ids: Vec<i64> = text.unwrap_or_default().split(',').filter_map(|s| s.parse().ok()).collect();
    ids.sort_unstable();
    ids
}

const MEMBER_COLUMNS: &str = "m.id, m.email, m.name, m.role, m.presence, \
     (SELECT group_concat(ba.bot_id) FROM bot_admins ba WHERE ba.member_id = m.id)";

fn member_at(row: &Row, at: usize) -> rusqlite::Result<Member> {
    Ok(Member {
        id: row.get(at)?,
        email: row.get(at + 1)?,
        name: row.get(at + 2)?,
        role: parse_col(row, at + 3)?,
        presence: parse_col(row, at + 4)?,
        bot_ids: bot_ids(row.get(at + 5)?),
    })
}

fn optional_member_at(row: &Row, at: usize) -> rusqlite::Result<Option<Member>> {
    match row.get::<_, Option<i64>>(at)? {
        Some(_) => member_at(row, at).map(Some),
        None => Ok(None),
    }
}

fn query_member(conn: &Connection, org_id: i64, clause: &str, key: Value) -> StoreResult<Option<Member>> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.org_id = ?1 AND {clause}");
    Ok(conn.query_row(&sql, params![org_id, key], |r| member_at(r, 0)).optional()?)
}

const REQUEST_SELECT: &str = "SELECT r.id, r.state, r.title, r.bot_id, b.name, r.channel, \
     v.id, v.user_id, v.name, v.email, \
     r.created_at, r.assigned_at, r.resolved_at, r.closed_at, r.updated_at, r.version, \
     m.id, m.email, m.name, m.role, m.presence, \
     (SELECT group_concat(ba.bot_id) FROM bot_admins ba WHERE ba.member_id = m.id) \
     FROM requests r JOIN bots b ON b.id = r.bot_id JOIN visitors v ON v.id = r.visitor_id \
     LEFT JOIN members m ON m.id = r.assignee_id";

fn request_row(row: &Row) -> rusqlite::Result<Request> {
    let created_at: i64 = row.get(10)?;
    let resolved_at: Option<i64> = row.get(12)?;
    Ok(Request {
        id: row.get(0)?,
        state: state_col(row, 1)?,
        title: row.get(2)?,
        bot: BotRef { id: row.get(3)?, name: row.get(4)? },
        channel: parse_col(row, 5)?,
        visitor: Visitor { id: row.get(6)?, user_id: row.get(7)?, name: row.get(8)?, email: row.get(9)? },
        created_at: ts(created_at),
        assigned_at: row.get::<_, Option<i64>>(11)?.map(ts),
        resolved_at: resolved_at.map(ts),
        closed_at: row.get::<_, Option<i64>>(13)?.map(ts),
        time_to_resolve_seconds: resolved_at.map(|r| (r - created_at) / 1000),
        updated_at: ts(row.get(14)?),
        version: row.get(15)?,
        assignee: optional_member_at(row, 16)?,
    })
}

fn load_request(conn: &Connection, org_id: i64, id: i64) -> StoreResult<Option<Request>> {
    let sql = format!("{REQUEST_SELECT} WHERE r.id = ?1 AND r.org_id = ?2");
    Ok(conn.query_row(&sql, params![id, org_id], request_row).optional()?)
}

fn load_bot(conn: &Connection, clause: &str, key: i64) -> StoreResult<Vec<(i64, Bot)>> {
    let sql = format!("SELECT id, name, channels, org_id FROM bots WHERE {clause} ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([key], |r| {
        let channels: String = r.get(2)?;
        let channels = channels.split(',').filter_map(|c| c.parse::<Channel>().ok()).collect();
        Ok((r.get(3)?, Bot { id: r.get(0)?, name: r.get(1)?, channels }))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The display name of a transcript sender: the visitor's, the bot's, or the agent's.
const MESSAGE_SELECT: &str = "SELECT msg.id, msg.request_id, msg.sender, msg.body, msg.created_at, \
     CASE msg.sender WHEN 'visitor' THEN coalesce(v.name, v.user_id) WHEN 'bot' THEN b.name \
          WHEN 'agent' THEN coalesce(m.name, 'agent') ELSE 'livechat' END \
     FROM messages msg JOIN requests r ON r.id = msg.request_id JOIN visitors v ON v.id = r.visitor_id \
     JOIN bots b ON b.id = r.bot_id LEFT JOIN members m ON m.id = msg.member_id";

fn message_row(row: &Row) -> rusqlite::Result<Message> {
    Ok(Message {
        id: row.get(0)?,
        request_id: row.get(1)?,
        sender: parse_col(row, 2)?,
        body: row.get(3)?,
        created_at: ts(row.get(4)?),
        sender_name: row.get(5)?,
    })
}

fn load_messages(conn: &Connection, request_id: i64) -> StoreResult<Vec<Message>> {
    let mut stmt = conn.prepare_cached(&format!("{MESSAGE_SELECT} WHERE msg.request_id = ?1 ORDER BY msg.id"))?;
    let rows = stmt.query_map([request_id], message_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn insert_messages(conn: &Connection, request_id: i64, messages: &[NewMessage]) -> StoreResult<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO messages (request_id, sender, member_id, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut ids = Vec::with_capacity(messages.len());
    for m in messages {
        stmt.execute(params![request_id, m.sender.as_str(), m.member_id, m.body, ms(m.at)])?;
        ids.push(conn.last_insert_rowid());
    }
    Ok(ids)
}

fn load_messages_by_id(conn: &Connection, ids: &[i64]) -> StoreResult<Vec<Message>> {
    let mut out = Vec::with_capacity(ids.len());
    let mut stmt = conn.prepare_cached(&format!("{MESSAGE_SELECT} WHERE msg.id = ?1"))?;
    for id in ids {
        out.push(stmt.query_row([id], message_row)?);
    }
    Ok(out)
}

fn author(kind: &str, member: Option<(i64, String, String)>, visitor_name: String) -> Author {
    match (kind, member) {
        (_, Some((id, name, email))) => Author::Member { id, name, email },
        ("visitor", None) => Author::Visitor { name: visitor_name },
        _ => Author::Server,
    }
}

const NOTE_SELECT: &str = "SELECT n.id, n.kind, n.body, n.fields, n.created_at, m.id, m.name, m.email, \
     coalesce(v.name, v.user_id), n.request_id FROM notes n JOIN requests r ON r.id = n.request_id \
     JOIN visitors v ON v.id = r.visitor_id LEFT JOIN members m ON m.id = n.author_member_id";

fn note_row(row: &Row) -> rusqlite::Result<Note> {
    let kind: NoteKind = parse_col(row, 1)?;
    let fields: Option<String> = row.get(3)?;
    let member = match row.get::<_, Option<i64>>(5)? {
        Some(id) => Some((id, row.get(6)?, row.get(7)?)),
        None => None,
    };
    let author_kind = if kind == NoteKind::Form { "visitor" } else { "server" };
    Ok(Note {
        id: row.get(0)?,
        kind,
        body: row.get(2)?,
        fields: fields.and_then(|f| serde_json::from_str(&f).ok()),
        created_at: ts(row.get(4)?),
        author: author(author_kind, member, row.get(8)?),
    })
}

fn insert_note(conn: &Connection, request_id: i64, note: &NewNote) -> StoreResult<i64> {
    let fields = note.fields.as_ref().map(|f| serde_json::to_string(f).unwrap_or_default());
    conn.prepare_cached(
        "INSERT INTO notes (request_id, kind, author_member_id, body, fields, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![request_id, note.kind.as_str(), note.author_member_id, note.body, fields, ms(note.at)])?;
    Ok(conn.last_insert_rowid())
}

fn insert_event(
    conn: &Connection,
    request_id: i64,
    at: Timestamp,
    actor: ChangeActor,
    from: Option<State>,
    to: State,
    assignee: Option<i64>,
) -> StoreResult<()> {
    let (kind, member) = match actor {
        ChangeActor::Member(id) => ("member", Some(id)),
        ChangeActor::Visitor => ("visitor", None),
        ChangeActor::Server => ("server", None),
    };
    conn.prepare_cached(
        "INSERT INTO events (request_id, at, actor_member_id, actor_kind, from_state, to_state, assignee_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![request_id, ms(at), member, kind, from.map(State::rank), to.rank(), assignee])?;
    Ok(())
}

const EVENT_SELECT: &str = "SELECT e.id, e.request_id, e.at, e.actor_kind, e.from_state, e.to_state, e.assignee_id, \
     a.id, a.name, a.email, coalesce(v.name, v.user_id) FROM events e JOIN requests r ON r.id = e.request_id \
     JOIN visitors v ON v.id = r.visitor_id LEFT JOIN members a ON a.id = e.actor_member_id";

/// Every member of an organization, in id order.
fn load_members(conn: &Connection, org_id: i64) -> StoreResult<Vec<Member>> {
    let sql = format!("SELECT {MEMBER_COLUMNS} FROM members m WHERE m.org_id = ?1 ORDER BY m.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([org_id], |r| member_at(r, 0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Reads timeline events; `clause` follows `WHERE` and may use `?1` and `?2`.
fn load_events(conn: &Connection, org_id: i64, clause: &str, a: i64, b: i64) -> StoreResult<Vec<TimelineEvent>> {
    let members: std::collections::HashMap<i64, Member> =
        load_members(conn, org_id)?.into_iter().map(|m| (m.id, m)).collect();
    let mut stmt = conn.prepare_cached(&format!("{EVENT_SELECT} WHERE {clause}"))?;
    let mut rows = stmt.query(params![a, b])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(3)?;
        let actor_member = match r.get::<_, Option<i64>>(7)? {
            Some(id) => Some((id, r.get(8)?, r.get(9)?)),
            None => None,
        };
        let from = match r.get::<_, Option<i64>>(4)? {
            Some(_) => Some(state_col(r, 4)?),
            None => None,
        };
        out.push(TimelineEvent {
            id: r.get(0)?,
            request_id: r.get(1)?,
            at: ts(r.get(2)?),
            actor: author(&kind, actor_member, r.get(10)?),
            from,
            to: state_col(r, 5)?,
            assignee: r.get::<_, Option<i64>>(6)?.and_then(|id| members.get(&id).cloned()),
        });
    }
    Ok(out)
}

/// The timelines of the requests with ids in `first..=last`, keyed by request id.
fn timelines(
    conn: &Connection,
    org_id: i64,
    first: i64,
    last: i64,
) -> StoreResult<std::collections::HashMap<i64, Vec<TimelineEvent>>> {
    let mut out = std::collections::HashMap::<i64, Vec<TimelineEvent>>::new();
    for event in load_events(conn, org_id, "e.request_id BETWEEN ?1 AND ?2 ORDER BY e.id", first, last)? {
        out.entry(event.request_id).or_default().push(event);
    }
    Ok(out)
}

/// Runs a history query over a range of request ids and groups its rows by request id,
/// which the query returns in column `key`.
fn group<T>(
    conn: &Connection,
    sql: &str,
    first: i64,
    last: i64,
    key: usize,
    row: fn(&Row) -> rusqlite::Result<T>,
) -> StoreResult<std::collections::HashMap<i64, Vec<T>>> {
    let mut out = std::collections::HashMap::<i64, Vec<T>>::new();
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(key)?).or_default().push(row(r)?);
    }
    Ok(out)
}

/// Appends ` AND …` clauses for the filters the list and backlog share; `r` names the
/// table's alias (empty when the columns need none).
fn push_filter(sql: &mut String, args: &mut Vec<Value>, filter: &RequestFilter, r: &str) {
    match filter.assignee {
        AssigneeFilter::Any => {}
        AssigneeFilter::Nobody => sql.push_str(&format!(" AND {r}assignee_id IS NULL")),
        AssigneeFilter::Member(id) => {
            sql.push_str(&format!(" AND {r}assignee_id = ?"));
            args.push(Value::Integer(id));
        }
    }
    if let Some(bot) = filter.bot_id {
        sql.push_str(&format!(" AND {r}bot_id = ?"));
        args.push(Value::Integer(bot));
    }
    if let Some(channel) = filter.channel {
        sql.push_str(&format!(" AND {r}channel = ?"));
        args.push(Value::Text(channel.as_str().to_string()));
    }
    if let Some(before) = filter.created_before {
        sql.push_str(&format!(" AND {r}created_at <= ?"));
        args.push(Value::Integer(ms(before)));
    }
    if let Some(after) = filter.created_after {
        sql.push_str(&format!(" AND {r}created_at >= ?"));
        args.push(Value::Integer(ms(after)));
    }
}

fn push_in(sql: &mut String, args: &mut Vec<Value>, column: &str, values: impl ExactSizeIterator<Item = i64>) {
    if values.len() == 0 {
        return;
    }
    let marks = vec!["?"; values.len()].join(", ");
    sql.push_str(&format!(" AND {column} IN ({marks})"));
    args.extend(values.map(Value::Integer));
}

fn find_or_create_visitor(conn: &Connection, req: &NewRequest) -> StoreResult<i64> {
    conn.prepare_cached(
        "INSERT INTO visitors (bot_id, user_id, name, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (bot_id, user_id) DO UPDATE SET name = coalesce(excluded.name, name), \
         email = coalesce(excluded.email, email)",
    )?
    .execute(params![req.bot_id, req.user_id, req.name, req.email, ms(req.at)])?;
    Ok(conn.query_row(
        "SELECT id FROM visitors WHERE bot_id = ?1 AND user_id = ?2",
        params![req.bot_id, req.user_id],
        |r| r.get(0),
    )?)
}

#[async_trait]
impl Store for SqliteStore {
    async fn authenticate(&self, token_hash: [u8; 32]) -> StoreResult<Option<Me>> {
        self.run(move |conn| {
            let sql = format!(
                "SELECT {MEMBER_COLUMNS}, o.id, o.name FROM tokens t JOIN members m ON m.id = t.member_id \
                 JOIN organizations o ON o.id = m.org_id WHERE t.hash = ?1"
            );
            Ok(conn
                .query_row(&sql, [&token_hash[..]], |r| {
                    Ok(Me { member: member_at(r, 0)?, organization: Organization { id: r.get(6)?, name: r.get(7)? } })
                })
                .optional()?)
        })
        .await
    }

    async fn create_organization(&self, name: &str, admin: NewMember) -> StoreResult<Me> {
        let name = name.to_string();
        self.write(move |conn| {
            let now = ms(Timestamp::now());
            conn.execute("INSERT INTO organizations (name, created_at) VALUES (?1, ?2)", params![name, now])?;
            let org_id = conn.last_insert_rowid();
            let member = insert_member(conn, org_id, &admin)?;
            Ok(Me { member, organization: Organization { id: org_id, name } })
        })
        .await
    }

    async fn add_member(&self, org_id: i64, member: NewMember) -> StoreResult<Member> {
        self.write(move |conn| insert_member(conn, org_id, &member)).await
    }

    async fn add_token(&self, member_id: i64, token_hash: [u8; 32], label: &str) -> StoreResult<()> {
        let label = label.to_string();
        self.write(move |conn| {
            conn.execute(
                "INSERT INTO tokens (member_id, hash, label, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![member_id, &token_hash[..], label, ms(Timestamp::now())],
            )?;
            Ok(())
        })
        .await
    }

    async fn add_bot(&self, org_id: i64, name: &str, channels: &[Channel]) -> StoreResult<Bot> {
        let name = name.to_string();
        let channels = channels.to_vec();
        self.write(move |conn| {
            let list = channels.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",");
            conn.execute(
                "INSERT INTO bots (org_id, name, channels, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![org_id, name, list, ms(Timestamp::now())],
            )?;
            Ok(Bot { id: conn.last_insert_rowid(), name, channels })
        })
        .await
    }

    async fn members(&self, org_id: i64) -> StoreResult<Vec<Member>> {
        self.run(move |conn| load_members(conn, org_id)).await
    }

    async fn member(&self, org_id: i64, member_id: i64) -> StoreResult<Option<Member>> {
        self.run(move |conn| query_member(conn, org_id, "m.id = ?2", Value::Integer(member_id))).await
    }

    async fn member_by_email(&self, org_id: i64, email: &str) -> StoreResult<Option<Member>> {
        let email = Value::Text(email.to_string());
        self.run(move |conn| query_member(conn, org_id, "lower(m.email) = lower(?2)", email)).await
    }

    async fn set_role(&self, org_id: i64, member_id: i64, role: Role, bots: &[i64]) -> StoreResult<Option<Member>> {
        let bots = bots.to_vec();
        self.write(move |conn| {
            let n = conn.execute(
                "UPDATE members SET role = ?1 WHERE id = ?2 AND org_id = ?3",
                params![role.as_str(), member_id, org_id],
            )?;
            if n == 0 {
                return Ok(None);
            }
            conn.execute("DELETE FROM bot_admins WHERE member_id = ?1", [member_id])?;
            for bot in &bots {
                conn.execute("INSERT INTO bot_admins (member_id, bot_id) VALUES (?1, ?2)", params![member_id, bot])?;
            }
            query_member(conn, org_id, "m.id = ?2", Value::Integer(member_id))
        })
        .await
    }

    async fn set_presence(&self, org_id: i64, member_id: i64, presence: Presence) -> StoreResult<Option<Member>> {
        self.write(move |conn| {
            conn.execute(
                "UPDATE members SET presence = ?1 WHERE id = ?2 AND org_id = ?3",
                params![presence.as_str(), member_id, org_id],
            )?;
            query_member(conn, org_id, "m.id = ?2", Value::Integer(member_id))
        })
        .await
    }

    async fn bots(&self, org_id: i64) -> StoreResult<Vec<Bot>> {
        self.run(move |conn| Ok(load_bot(conn, "org_id = ?1", org_id)?.into_iter().map(|(_, b)| b).collect())).await
    }

    async fn public_bot(&self, bot_id: i64) -> StoreResult<Option<(i64, Bot)>> {
        self.run(move |conn| Ok(load_bot(conn, "id = ?1", bot_id)?.into_iter().next())).await
    }

    async fn list_requests(
        &self,
        org_id: i64,
        filter: &RequestFilter,
        after: Option<QueuePosition>,
        limit: usize,
    ) -> StoreResult<Vec<Request>> {
        let filter = filter.clone();
        self.run(move |conn| {
            let mut sql = format!("{REQUEST_SELECT} WHERE r.org_id = ?");
            let mut args: Vec<Value> = vec![Value::Integer(org_id)];
            push_in(&mut sql, &mut args, "r.state", filter.states.iter().map(|s| s.rank()));
            push_filter(&mut sql, &mut args, &filter, "r.");
            if let Some(pos) = after {
                sql.push_str(
                    " AND (r.state > ? OR (r.state = ? AND (r.created_at < ? OR (r.created_at = ? AND r.id < ?))))",
                );
                let rank = Value::Integer(pos.state.rank());
                let created = Value::Integer(pos.created_at_ms);
                args.extend([rank.clone(), rank, created.clone(), created, Value::Integer(pos.id)]);
            }
            sql.push_str(" ORDER BY r.state ASC, r.created_at DESC, r.id DESC LIMIT ?");
            args.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(args), request_row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }

    async fn request(&self, org_id: i64, id: i64) -> StoreResult<Option<Request>> {
        self.run(move |conn| load_request(conn, org_id, id)).await
    }

    async fn request_detail(&self, org_id: i64, id: i64) -> StoreResult<Option<RequestDetail>> {
        self.run(move |conn| {
            let Some(request) = load_request(conn, org_id, id)? else {
                return Ok(None);
            };
            let mut stmt = conn.prepare_cached(&format!("{NOTE_SELECT} WHERE n.request_id = ?1 ORDER BY n.id"))?;
            let notes = stmt.query_map([id], note_row)?.collect::<Result<_, _>>()?;
            let messages = load_messages(conn, id)?;
            let earlier: Vec<(i64, State, i64)> = conn
                .prepare_cached(
                    "SELECT id, state, created_at FROM requests WHERE visitor_id = ?1 \
                     AND (created_at < ?2 OR (created_at = ?2 AND id < ?3)) ORDER BY created_at, id",
                )?
                .query_map(params![request.visitor.id, ms(request.created_at), id], |r| {
                    Ok((r.get(0)?, state_col(r, 1)?, r.get(2)?))
                })?
                .collect::<Result<_, _>>()?;
            let mut earlier_conversations = Vec::with_capacity(earlier.len());
            for (request_id, state, created_at) in earlier {
                let messages = load_messages(conn, request_id)?;
                earlier_conversations.push(EarlierConversation {
                    request_id,
                    state,
                    created_at: ts(created_at),
                    messages,
                });
            }
            let timeline = timelines(conn, org_id, id, id)?.remove(&id).unwrap_or_default();
            Ok(Some(RequestDetail { request, notes, messages, earlier_conversations, timeline }))
        })
        .await
    }

    async fn apply_change(
        &self,
        org_id: i64,
        id: i64,
        expected_version: i64,
        change: ChangeRecord,
    ) -> StoreResult<Option<Request>> {
        self.write(move |conn| {
            if !write_change(conn, org_id, id, expected_version, &change)? {
                return Ok(None);
            }
            load_request(conn, org_id, id)
        })
        .await
    }

    async fn decide_each(&self, org_id: i64, items: Vec<(i64, Decide)>) -> StoreResult<Vec<Option<Request>>> {
        self.run(move |conn| {
            let mut out = Vec::with_capacity(items.len());
            for (id, decide) in items {
                // Each item is its own transaction: decided on the row as it is under the
                // write lock, and committed before the next item starts.
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let after = match load_request(&tx, org_id, id)? {
                    None => None,
                    Some(current) => match decide(&current) {
                        None => Some(current),
                        Some(change) => {
                            write_change(&tx, org_id, id, current.version, &change)?;
                            load_request(&tx, org_id, id)?
                        }
                    },
                };
                tx.commit()?;
                out.push(after);
            }
            Ok(out)
        })
        .await
    }

    async fn add_note(&self, org_id: i64, id: i64, note: NewNote) -> StoreResult<Option<Note>> {
        self.write(move |conn| {
            let open: Option<i64> = conn
                .query_row("SELECT state FROM requests WHERE id = ?1 AND org_id = ?2", params![id, org_id], |r| {
                    r.get(0)
                })
                .optional()?;
            if open.is_none_or(|s| s == State::Closed.rank()) {
                return Ok(None);
            }
            let note_id = insert_note(conn, id, &note)?;
            let sql = format!("{NOTE_SELECT} WHERE n.id = ?1");
            Ok(Some(conn.query_row(&sql, [note_id], note_row)?))
        })
        .await
    }

    async fn add_messages(
        &self,
        id: i64,
        expected_version: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<Option<Vec<Message>>> {
        self.write(move |conn| {
            let current: Option<i64> =
                conn.query_row("SELECT version FROM requests WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            if current != Some(expected_version) {
                return Ok(None);
            }
            let ids = insert_messages(conn, id, &messages)?;
            if let Some(last) = messages.last() {
                conn.execute("UPDATE requests SET updated_at = ?1 WHERE id = ?2", params![ms(last.at), id])?;
            }
            Ok(Some(load_messages_by_id(conn, &ids)?))
        })
        .await
    }

    async fn open_request(&self, org_id: i64, req: NewRequest) -> StoreResult<Request> {
        self.write(move |conn| {
            let visitor_id = find_or_create_visitor(conn, &req)?;
            let (name, user_id): (Option<String>, String) =
                conn.query_row("SELECT name, user_id FROM visitors WHERE id = ?1", [visitor_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let title = name.filter(|n| !n.trim().is_empty()).unwrap_or(user_id);
            let at = ms(req.at);
            conn.prepare_cached(
                "INSERT INTO requests (org_id, bot_id, channel, visitor_id, title, state, created_at, updated_at, version) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1)",
            )?
            .execute(params![org_id, req.bot_id, req.channel.as_str(), visitor_id, title, State::New.rank(), at])?;
            let id = conn.last_insert_rowid();
            insert_event(conn, id, req.at, ChangeActor::Visitor, None, State::New, None)?;
            if let Some(form) = &req.form {
                insert_note(conn, id, form)?;
            }
            insert_messages(conn, id, &req.transcript)?;
            if let Some(hash) = req.conversation_hash {
                conn.execute(
                    "INSERT INTO conversations (hash, visitor_id, channel, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![&hash[..], visitor_id, req.channel.as_str(), at],
                )?;
            }
            load_request(conn, org_id, id)?.ok_or_else(|| StoreError::Database("new request vanished".into()))
        })
        .await
    }

    async fn conversation(&self, token_hash: [u8; 32]) -> StoreResult<Option<Conversation>> {
        self.run(move |conn| {
            let found: Option<(i64, String, i64, i64, i64)> = conn
                .query_row(
                    "SELECT c.visitor_id, c.channel, v.bot_id, b.org_id, \
                     (SELECT id FROM requests WHERE visitor_id = c.visitor_id ORDER BY created_at DESC, id DESC LIMIT 1) \
                     FROM conversations c JOIN visitors v ON v.id = c.visitor_id JOIN bots b ON b.id = v.bot_id \
                     WHERE c.hash = ?1",
                    [&token_hash[..]],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?;
            let Some((visitor_id, channel, bot_id, org_id, request_id)) = found else {
                return Ok(None);
            };
            let bot = load_bot(conn, "id = ?1", bot_id)?.into_iter().next().map(|(_, b)| b);
            let request = load_request(conn, org_id, request_id)?;
            let channel = channel.parse().map_err(|e: crate::domain::ParseError| StoreError::Database(e.to_string()))?;
            Ok(bot.zip(request).map(|(bot, request)| Conversation { org_id, bot, channel, visitor_id, request }))
        })
        .await
    }

    async fn backlog(&self, org_id: i64, filter: &RequestFilter, now: Timestamp) -> StoreResult<Backlog> {
        let filter = filter.clone();
        self.run(move |conn| {
            // The counts are kept per bot and channel only, so those are the filters that apply.
            let scope_filter = RequestFilter { bot_id: filter.bot_id, channel: filter.channel, ..RequestFilter::default() };
            let mut scope = String::new();
            let mut args: Vec<Value> = vec![Value::Integer(org_id)];
            push_filter(&mut scope, &mut args, &scope_filter, "");
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
            let mut load = std::collections::HashMap::<i64, (u64, u64)>::new();
            let sql = format!(
                "SELECT state, assignee_id, sum(n) FROM queue_counts WHERE org_id = ?{scope} GROUP BY state, assignee_id"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params_from_iter(args.iter()))?;
            while let Some(row) = rows.next()? {
                let assignee: i64 = row.get(1)?;
                let count = count_col(row, 2)?;
                if assignee == 0 {
                    backlog.unassigned += count;
                }
                let slot = load.entry(assignee).or_default();
                match state_col(row, 0)? {
                    State::New => backlog.new += count,
                    State::Assigned => {
                        backlog.assigned += count;
                        slot.0 += count;
                    }
                    _ => {
                        backlog.chatting += count;
                        slot.1 += count;
                    }
                }
            }
            let sql = format!("SELECT min(created_at) FROM requests WHERE org_id = ? AND state = 0{scope}");
            let oldest: Option<i64> = conn.prepare_cached(&sql)?.query_row(params_from_iter(args.iter()), |r| r.get(0))?;
            backlog.oldest_new_created_at = oldest.map(ts);
            backlog.oldest_new_age_seconds = oldest.map(|o| (ms(now) - o).max(0) / 1000);
            backlog.agents = load_members(conn, org_id)?
                .into_iter()
                .map(|member| {
                    let (assigned, chatting) = load.get(&member.id).copied().unwrap_or_default();
                    AgentLoad { member, assigned, chatting }
                })
                .collect();
            backlog.agents.sort_by(|a, b| b.open().cmp(&a.open()).then(a.member.id.cmp(&b.member.id)));
            Ok(backlog)
        })
        .await
    }

    async fn export_page(
        &self,
        org_id: i64,
        filter: &ExportFilter,
        after_id: i64,
        limit: usize,
    ) -> StoreResult<Vec<ExportedRequest>> {
        let filter = filter.clone();
        self.run(move |conn| {
            let mut sql = format!("{REQUEST_SELECT} WHERE r.org_id = ? AND r.id > ?");
            let mut args = vec![Value::Integer(org_id), Value::Integer(after_id)];
            push_in(&mut sql, &mut args, "r.state", filter.states.iter().map(|s| s.rank()));
            push_in(&mut sql, &mut args, "r.bot_id", filter.bot_ids.iter().copied());
            if let Some(since) = filter.closed_since {
                sql.push_str(" AND r.closed_at >= ?");
                args.push(Value::Integer(ms(since)));
            }
            if let Some(until) = filter.closed_until {
                sql.push_str(" AND r.closed_at < ?");
                args.push(Value::Integer(ms(until)));
            }
            sql.push_str(" ORDER BY r.id LIMIT ?");
            args.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
            let requests: Vec<Request> =
                conn.prepare_cached(&sql)?.query_map(params_from_iter(args), request_row)?.collect::<Result<_, _>>()?;
            let (Some(first), Some(last)) = (requests.first().map(|r| r.id), requests.last().map(|r| r.id)) else {
                return Ok(Vec::new());
            };
            // One range query per kind of history instead of three queries per request.
            let mut notes = group(
                conn,
                &format!("{NOTE_SELECT} WHERE n.request_id BETWEEN ?1 AND ?2 ORDER BY n.id"),
                first,
                last,
                9,
                note_row,
            )?;
            let mut messages = group(
                conn,
                &format!("{MESSAGE_SELECT} WHERE msg.request_id BETWEEN ?1 AND ?2 ORDER BY msg.id"),
                first,
                last,
                1,
                message_row,
            )?;
            let mut timelines = timelines(conn, org_id, first, last)?;
            Ok(requests
                .into_iter()
                .map(|request| {
                    let id = request.id;
                    ExportedRequest {
                        request,
                        notes: notes.remove(&id).unwrap_or_default(),
                        messages: messages.remove(&id).unwrap_or_default(),
                        timeline: timelines.remove(&id).unwrap_or_default(),
                    }
                })
                .collect())
        })
        .await
    }

    async fn feed(
        &self,
        org_id: i64,
        scope: FeedScope,
        after: FeedCursor,
        limit: usize,
    ) -> StoreResult<Vec<LiveEvent>> {
        self.run(move |conn| {
            let (requests, key) = match scope {
                FeedScope::Request(id) => ("?1", id),
                FeedScope::Visitor(visitor) => ("(SELECT id FROM requests WHERE visitor_id = ?1)", visitor),
            };
            let sql = format!(
                "{MESSAGE_SELECT} WHERE msg.request_id IN ({requests}) AND msg.id > ?2 ORDER BY msg.id LIMIT {limit}"
            );
            let messages: Vec<Message> = conn
                .prepare_cached(&sql)?
                .query_map(params![key, after.message], message_row)?
                .collect::<Result<_, _>>()?;
            let clause = format!("e.request_id IN ({requests}) AND e.id > ?2 ORDER BY e.id LIMIT {limit}");
            let events = load_events(conn, org_id, &clause, key, after.event)?;
            // State changes sort before messages of the same instant: "joined the chat"
            // follows the change to chatting that it announces.
            let mut items: Vec<(i64, u8, LiveEvent)> = events
                .into_iter()
                .map(|e| (ms(e.at), 0, LiveEvent::State(e)))
                .chain(messages.into_iter().map(|m| (ms(m.created_at), 1, LiveEvent::Message(m))))
                .collect();
            items.sort_by_key(|(at, kind, item)| {
                let id = match item {
                    LiveEvent::Message(m) => m.id,
                    LiveEvent::State(e) => e.id,
                };
                (*at, *kind, id)
            });
            Ok(items.into_iter().map(|(_, _, item)| item).collect())
        })
        .await
    }

    async fn queue_feed(&self, org_id: i64, after: i64, limit: usize) -> StoreResult<Vec<QueueEvent>> {
        self.run(move |conn| {
            let clause = format!("r.org_id = ?1 AND e.id > ?2 ORDER BY e.id LIMIT {limit}");
            let events = load_events(conn, org_id, &clause, org_id, after)?;
            let mut current = std::collections::HashMap::<i64, Request>::new();
            let mut out = Vec::with_capacity(events.len());
            for event in events {
                if !current.contains_key(&event.request_id) {
                    if let Some(request) = load_request(conn, org_id, event.request_id)? {
                        current.insert(request.id, request);
                    }
                }
                if let Some(request) = current.get(&event.request_id) {
                    out.push(QueueEvent { request: request.clone(), event });
                }
            }
            Ok(out)
        })
        .await
    }

    async fn stats_rows(&self, org_id: i64, since: Timestamp, bot_id: Option<i64>) -> StoreResult<Vec<StatsRow>> {
        self.run(move |conn| {
            let sql = "SELECT r.channel, r.assignee_id, r.created_at, r.state, r.resolved_at, \
                 (SELECT min(e.at) FROM events e WHERE e.request_id = r.id AND e.to_state = 1), \
                 (SELECT min(m.created_at) FROM messages m WHERE m.request_id = r.id AND m.sender = 'agent') \
                 FROM requests r WHERE r.org_id = ?1 AND r.created_at >= ?2 AND (?3 IS NULL OR r.bot_id = ?3)";
            let rows = conn
                .prepare_cached(sql)?
                .query_map(params![org_id, ms(since), bot_id], |r| {
                    let created: i64 = r.get(2)?;
                    let after = |v: Option<i64>| v.map(|t| (t - created).max(0) / 1000);
                    Ok(StatsRow {
                        channel: parse_col(r, 0)?,
                        assignee: r.get(1)?,
                        state: state_col(r, 3)?,
                        to_resolve: after(r.get(4)?),
                        to_assign: after(r.get(5)?),
                        to_first_agent_message: after(r.get(6)?),
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
        .await
    }

    async fn open_counts(&self) -> StoreResult<Vec<(State, u64)>> {
        self.run(|conn| {
            let rows = conn
                .prepare_cached("SELECT state, sum(n) FROM queue_counts GROUP BY state")?
                .query_map([], |r| Ok((state_col(r, 0)?, count_col(r, 1)?)))?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
        .await
    }

    async fn queue_head(&self) -> StoreResult<i64> {
        self.run(|conn| Ok(conn.query_row("SELECT coalesce(max(id), 0) FROM events", [], |r| r.get(0))?)).await
    }

    async fn archive_resolved(&self, cutoff: Timestamp, now: Timestamp) -> StoreResult<u64> {
        self.write(move |conn| {
            let due: Vec<(i64, Option<i64>)> = conn
                .prepare_cached("SELECT id, assignee_id FROM requests WHERE state = ?1 AND resolved_at <= ?2")?
                .query_map(params![State::Resolved.rank(), ms(cutoff)], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            for (id, assignee) in &due {
                conn.execute(
                    "UPDATE requests SET state = ?1, closed_at = ?2, updated_at = ?2, version = version + 1 WHERE id = ?3",
                    params![State::Closed.rank(), ms(now), id],
                )?;
                insert_event(conn, *id, now, ChangeActor::Server, Some(State::Resolved), State::Closed, *assignee)?;
            }
            Ok(due.len() as u64)
        })
        .await
    }
}

/// Writes a decided change if the request still has `expected_version`: the new state and
/// stamps, a timeline event, the resolution note and transcript lines. False if it moved on.
fn write_change(
    conn: &Connection,
    org_id: i64,
    id: i64,
    expected_version: i64,
    change: &ChangeRecord,
) -> StoreResult<bool> {
    let at = ms(change.at);
    // Each timestamp follows the state it records: a new assignee restamps `assigned_at`,
    // and going back to new or reopening clears the later stamps.
    let resolved_at = match change.to {
        State::Resolved => "?1",
        State::Closed => "resolved_at",
        _ => "NULL",
    };
    let closed_at = if change.to == State::Closed { "?1" } else { "NULL" };
    let sql = format!(
        "UPDATE requests SET state = ?2, assignee_id = ?3, updated_at = ?1, version = version + 1, \
         assigned_at = CASE WHEN ?2 = 0 THEN NULL WHEN ?3 IS NOT assignee_id THEN ?1 ELSE assigned_at END, \
         resolved_at = {resolved_at}, closed_at = {closed_at} \
         WHERE id = ?4 AND org_id = ?5 AND version = ?6"
    );
    let n = conn.prepare_cached(&sql)?.execute(params![
        at,
        change.to.rank(),
        change.assignee,
        id,
        org_id,
        expected_version
    ])?;
    if n == 0 {
        return Ok(false);
    }
    insert_event(conn, id, change.at, change.actor, Some(change.from), change.to, change.assignee)?;
    if let Some(body) = &change.resolution_note {
        let author = match change.actor {
            ChangeActor::Member(m) => Some(m),
            _ => None,
        };
        let note = NewNote {
            kind: NoteKind::Resolution,
            author_member_id: author,
            body: body.clone(),
            fields: None,
            at: change.at,
        };
        insert_note(conn, id, &note)?;
    }
    insert_messages(conn, id, &change.transcript)?;
    Ok(true)
}

fn insert_member(conn: &Connection, org_id: i64, m: &NewMember) -> StoreResult<Member> {
    conn.execute(
        "INSERT INTO members (org_id, email, name, role, presence, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![org_id, m.email, m.name, m.role.as_str(), m.presence.as_str(), ms(Timestamp::now())],
    )
    .map_err(|e| match StoreError::from(e) {
        StoreError::Duplicate(_) => StoreError::Duplicate(format!("a member with email {} already exists", m.email)),
        other => other,
    })?;
    let id = conn.last_insert_rowid();
    for bot in &m.bot_ids {
        conn.execute("INSERT INTO bot_admins (member_id, bot_id) VALUES (?1, ?2)", params![id, bot])?;
    }
    query_member(conn, org_id, "m.id = ?2", Value::Integer(id))?
        .ok_or_else(|| StoreError::Database("new member vanished".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_operations_are_named_after_their_method() {
        fn name_of<F>(_: &F) -> &'static str {
            operation::<F>()
        }
        assert_eq!(name_of(&|| ()), "other");
        assert_eq!(operation::<SqliteStore>(), "other");
    }

    #[tokio::test]
    async fn migrations_run_once_and_record_their_count() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        drop(SqliteStore::open(&path).unwrap());
        let store = SqliteStore::open(&path).unwrap();
        let version: i64 = store.run(|c| Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?)).await.unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        let mode: String = store.run(|c| Ok(c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?)).await.unwrap();
        assert_eq!(mode, "wal");
    }
}

/// How many requests of each state a bulk seed writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedPlan {
    pub new: u64,
    pub assigned: u64,
    pub chatting: u64,
    pub resolved: u64,
    pub closed: u64,
}

impl SeedPlan {
    pub fn total(&self) -> u64 {
        self.new + self.assigned + self.chatting + self.resolved + self.closed
    }
}

/// Requests per transaction while seeding: keeps the WAL small without slowing the writes.
const SEED_BATCH: u64 = 20_000;

impl SqliteStore {
    /// Writes realistic requests in bulk for benchmarks and load tests: each with a visitor,
    /// a form note, a transcript and a timeline, oldest (archived) first, the open queue
    /// newest. Rows go straight in with prepared statements, which is what makes a million
    /// requests take seconds.
    pub async fn bulk_seed(
        &self,
        org_id: i64,
        bots: Vec<(i64, Channel)>,
        agents: Vec<i64>,
        plan: SeedPlan,
        now: Timestamp,
    ) -> StoreResult<()> {
        self.run(move |conn| {
            let total = plan.total();
            let segments = [
                (State::Closed, plan.closed),
                (State::Resolved, plan.resolved),
                (State::Chatting, plan.chatting),
                (State::Assigned, plan.assigned),
                (State::New, plan.new),
            ];
            let state_of = |i: u64| {
                let mut end = 0;
                for (state, count) in segments {
                    end += count;
                    if i < end {
                        return state;
                    }
                }
                State::New
            };
            let now_ms = ms(now);
            let mut i = 0;
            while i < total {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let end = (i + SEED_BATCH).min(total);
                {
                    let mut visitor = tx.prepare_cached(
                        "INSERT INTO visitors (bot_id, user_id, name, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?;
                    let mut request = tx.prepare_cached(
                        "INSERT INTO requests (org_id, bot_id, channel, visitor_id, title, state, assignee_id, created_at, \
                         assigned_at, resolved_at, closed_at, updated_at, version) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    )?;
                    let mut note = tx.prepare_cached(
                        "INSERT INTO notes (request_id, kind, author_member_id, body, fields, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )?;
                    let mut message = tx.prepare_cached(
                        "INSERT INTO messages (request_id, sender, member_id, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?;
                    let mut event = tx.prepare_cached(
                        "INSERT INTO events (request_id, at, actor_member_id, actor_kind, from_state, to_state, assignee_id) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    )?;
                    for n in i..end {
                        let state = state_of(n);
                        let (bot, channel) = bots[(n % bots.len() as u64) as usize];
                        let agent = agents[(n % agents.len() as u64) as usize];
                        // Archived requests spread over the last 90 days, the open queue over the last 6 hours.
                        let created = match state {
                            State::Closed => now_ms - 90 * 86_400_000 + (n as i64) * (89 * 86_400_000 / plan.closed.max(1) as i64),
                            State::Resolved => now_ms - 20 * 3_600_000 + (n as i64 % 1000) * 60_000,
                            _ => now_ms - 6 * 3_600_000 + (n as i64) * (6 * 3_600_000 / total.max(1) as i64),
                        };
                        let name = format!("Visitor {n}");
                        let email = format!("visitor{n}@example.com");
                        visitor.execute(params![bot, format!("seed-{n}"), name, email, created])?;
                        let visitor_id = tx.last_insert_rowid();
                        let held = state != State::New;
                        let assigned_at = held.then_some(created + 120_000);
                        let resolved_at = matches!(state, State::Resolved | State::Closed).then_some(created + 900_000);
                        let closed_at = (state == State::Closed).then_some(created + 86_400_000);
                        let version = match state {
                            State::New => 1,
                            State::Assigned => 2,
                            State::Chatting | State::Resolved => 3,
                            State::Closed => 4,
                        };
                        let updated = closed_at.or(resolved_at).or(assigned_at).unwrap_or(created);
                        request.execute(params![
                            org_id, bot, channel.as_str(), visitor_id, name, state.rank(), held.then_some(agent),
                            created, assigned_at, resolved_at, closed_at, updated, version
                        ])?;
                        let id = tx.last_insert_rowid();
                        let question = "My order has not arrived and the tracking page is blank.";
                        let fields = format!(
                            r#"[{{"name":"name","value":"{name}"}},{{"name":"email","value":"{email}"}},{{"name":"message","value":"{question}"}}]"#
                        );
                        note.execute(params![id, "form", None::<i64>, format!("name: {name}\nemail: {email}\nmessage: {question}"), fields, created])?;
                        message.execute(params![id, "visitor", None::<i64>, question, created - 60_000])?;
                        message.execute(params![id, "bot", None::<i64>, "I can help with orders. Could you tell me more?", created - 60_000])?;
                        message.execute(params![id, "visitor", None::<i64>, "I'd like to speak with a live agent, please.", created])?;
                        message.execute(params![id, "bot", None::<i64>, "Thanks for your message. You are in the queue.", created])?;
                        event.execute(params![id, created, None::<i64>, "visitor", None::<i64>, State::New.rank(), None::<i64>])?;
                        if let Some(at) = assigned_at {
                            event.execute(params![id, at, agent, "member", State::New.rank(), State::Assigned.rank(), agent])?;
                        }
                        if state == State::Chatting {
                            event.execute(params![id, created + 180_000, agent, "member", State::Assigned.rank(), State::Chatting.rank(), agent])?;
                            message.execute(params![id, "agent", agent, "Hi, I'm looking into this now.", created + 200_000])?;
                        }
                        if let Some(at) = resolved_at {
                            event.execute(params![id, at, agent, "member", State::Assigned.rank(), State::Resolved.rank(), agent])?;
                            if n % 2 == 0 {
                                note.execute(params![id, "resolution", agent, "Reissued the order, with tracking.", None::<String>, at])?;
                            }
                        }
                        if let Some(at) = closed_at {
                            event.execute(params![id, at, None::<i64>, "server", State::Resolved.rank(), State::Closed.rank(), agent])?;
                        }
                    }
                }
                tx.commit()?;
                i = end;
            }
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")?;
            Ok(())
        })
        .await
    }
}
