//! Requests: the queue, notes and messages, new requests and conversations, written once
//! for both databases. State changes are in `changes`.

use jiff::Timestamp;

use super::changes::{Effects, write};
use super::copy::MESSAGE_COLUMNS;
use super::numbers::{self, Counter};
use super::rows::{self, Names, REQUEST_SELECT, load_request};
use super::search::push_search;
use crate::api::{Note, Request};
use crate::domain::{self, Label, State};
use crate::store::sql::{Conn, Value, args, insert_rows, ms, push_in};
use crate::store::{
    AssigneeFilter, ChangeActor, Conversation, NewMessage, NewNote, NewRequest, Opened, OrgId, QueuePosition,
    RequestFilter, StoreError, StoreResult, VisitorId,
};

/// Appends ` AND …` clauses for the filters the list and backlog share; `r` names the table's
/// alias, with its dot (empty when the columns need none).
pub fn push_filter(sql: &mut String, args: &mut Vec<Value>, filter: &RequestFilter, r: &str) {
    match filter.assignee {
        AssigneeFilter::Any => {}
        AssigneeFilter::Nobody => sql.push_str(&format!(" AND {r}assignee_id IS NULL")),
        AssigneeFilter::Member(id) => {
            sql.push_str(&format!(" AND {r}assignee_id = ?"));
            args.push(Value::Int(id));
        }
    }
    if let Some(bot) = filter.bot_id {
        sql.push_str(&format!(" AND {r}bot_id = ?"));
        args.push(Value::Int(bot));
    }
    if let Some(channel) = filter.channel {
        sql.push_str(&format!(" AND {r}channel = ?"));
        args.push(channel.as_str().into());
    }
    if let Some(before) = filter.created_before {
        sql.push_str(&format!(" AND {r}created_at <= ?"));
        args.push(before.into());
    }
    if let Some(after) = filter.created_after {
        sql.push_str(&format!(" AND {r}created_at >= ?"));
        args.push(after.into());
    }
    if let Some(label) = &filter.label {
        push_label(sql, args, label, r);
    }
}

/// Appends ` AND {r}id IN (…)`: the requests with `label`.
pub fn push_label(sql: &mut String, args: &mut Vec<Value>, label: &Label, r: &str) {
    sql.push_str(&format!(" AND {r}id IN (SELECT request_id FROM request_labels WHERE name = ?)"));
    args.push(label.as_str().into());
}

pub fn list(
    conn: &mut impl Conn,
    org_id: OrgId,
    filter: &RequestFilter,
    after: Option<QueuePosition>,
    limit: usize,
) -> StoreResult<Vec<Request>> {
    let mut sql = format!("{REQUEST_SELECT} WHERE r.org_id = ?");
    let mut args = args![org_id];
    let mut ranks: Vec<i64> = filter.states.iter().map(|s| s.rank()).collect();
    ranks.sort_unstable();
    ranks.dedup();
    match (ranks.first(), ranks.last()) {
        // Consecutive states (the open queue) as a range: the index then yields the queue
        // order directly, where a list of values would be a filter over it.
        (Some(&low), Some(&high)) if ranks.len() > 1 && high - low + 1 == ranks.len() as i64 => {
            sql.push_str(" AND r.state >= ? AND r.state <= ?");
            args.extend(args![low, high]);
        }
        _ => push_in(&mut sql, &mut args, "r.state", ranks.into_iter()),
    }
    push_filter(&mut sql, &mut args, filter, "r.");
    if let Some(terms) = &filter.search {
        push_search(&mut sql, &mut args, conn.dialect(), org_id, terms);
    }
    if let Some(pos) = after {
        // Queue order is state rank, then newest first.
        sql.push_str(" AND (r.state > ? OR (r.state = ? AND (r.created_at < ? OR (r.created_at = ? AND r.id < ?))))");
        args.extend(args![pos.state, pos.state, pos.created_at_ms, pos.created_at_ms, pos.id]);
    }
    sql.push_str(" ORDER BY r.state ASC, r.created_at DESC, r.id DESC LIMIT ?");
    args.push(Value::Int(i64::try_from(limit).unwrap_or(i64::MAX)));
    match filter.search {
        Some(_) => rows::requests_once(conn, &sql, &args),
        None => rows::requests(conn, &sql, &args),
    }
}

pub fn insert_note(
    conn: &mut impl Conn,
    effects: &mut Effects,
    org_id: OrgId,
    request_id: i64,
    note: &NewNote,
) -> StoreResult<i64> {
    let id = numbers::take(conn, effects, org_id, Counter::Notes, 1)?;
    effects.touch(request_id);
    let fields = note.fields.as_ref().map(|f| serde_json::to_string(f).unwrap_or_default());
    conn.execute(
        "INSERT INTO notes (id, request_id, kind, author_member_id, body, fields, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &args![id, request_id, note.kind.as_str(), note.author_member_id, note.body.as_str(), fields, note.at],
    )?;
    Ok(id)
}

pub fn insert_messages(
    conn: &mut impl Conn,
    effects: &mut Effects,
    org_id: OrgId,
    request_id: i64,
    messages: &[NewMessage],
) -> StoreResult<Vec<i64>> {
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let first = numbers::take(conn, effects, org_id, Counter::Messages, messages.len())?;
    effects.touch(request_id);
    let ids: Vec<i64> = (first..).take(messages.len()).collect();
    let mut values = Vec::with_capacity(messages.len() * MESSAGE_COLUMNS.len());
    for (id, m) in ids.iter().zip(messages) {
        values.extend(args![*id, request_id, m.sender.as_str(), m.member_id, m.body.as_str(), m.at]);
    }
    insert_rows(conn, "messages", MESSAGE_COLUMNS, &values)?;
    Ok(ids)
}

/// Appends a note unless the domain says the request is past taking notes.
pub fn add_note(conn: &mut impl Conn, org_id: OrgId, id: i64, note: &NewNote) -> StoreResult<Option<Note>> {
    write(conn, org_id, |c, effects| {
        let sql =
            format!("SELECT r.state FROM requests r WHERE r.id = ?1 AND r.org_id = ?2{}", c.dialect().lock_rows("r"));
        let Some(row) = c.query_opt(&sql, &args![id, org_id])? else { return Ok(None) };
        if !domain::can_add_note(row.state(0)?) {
            return Ok(None);
        }
        let note_id = insert_note(c, effects, org_id, id, note)?;
        effects.flush(c, org_id)?;
        let Some(names) = Names::of_request(c, org_id, id)? else { return Ok(None) };
        Ok(rows::notes(c, &names, "n.id = ?1", &args![note_id])?.into_iter().next().map(|(_, n)| n))
    })
}

/// Appends transcript lines to a request still at `expected_version`, and returns their
/// ids. Nothing is read back: the transaction commits, and streams are rung, that much
/// sooner.
pub fn add_messages(
    conn: &mut impl Conn,
    id: i64,
    expected_version: i64,
    messages: &[NewMessage],
) -> StoreResult<Option<Vec<i64>>> {
    write(conn, crate::store::RequestId(id).org(), |c, effects| {
        // Checks the version, locks the row, stamps it and asks whether any webhook listens, in
        // one round trip.
        let found = c.query_opt(
            "UPDATE requests SET updated_at = coalesce(?3, updated_at) WHERE id = ?1 AND version = ?2 \
             RETURNING org_id, visitor_id, EXISTS (SELECT 1 FROM webhooks w WHERE w.org_id = requests.org_id \
             AND w.removed_at IS NULL AND w.status = 'active')",
            &args![id, expected_version, messages.last().map(|m| m.at)],
        )?;
        let Some(row) = found else { return Ok(None) };
        let (org_id, visitor_id) = (OrgId(row.i64(0)?), row.i64(1)?);
        if row.i64(2)? == 0 {
            effects.no_hooks();
        }
        let ids = insert_messages(c, effects, org_id, id, messages)?;
        effects.said(id, &ids, messages);
        effects.notice(id, visitor_id);
        effects.flush(c, org_id)?;
        Ok(Some(ids))
    })
}

/// Creates the visitor if needed, the request, its form note, transcript and first event,
/// unless one of the checks in `Opened` refuses it; then nothing is written.
pub fn open_request(conn: &mut impl Conn, org_id: OrgId, req: &NewRequest) -> StoreResult<Opened> {
    write(conn, org_id, |c, effects| {
        let visitor = c.query_one(
            // A visitor's record keeps what they first said; each request keeps what its own
            // form said, so no form rewrites what another request shows.
            "INSERT INTO visitors (bot_id, user_id, name, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (bot_id, user_id) DO UPDATE SET user_id = excluded.user_id RETURNING id",
            &args![req.bot_id, req.user_id.as_str(), req.name.clone(), req.email.clone(), req.at],
        )?;
        let visitor_id = visitor.i64(0)?;
        // The upsert holds the visitor's row, so these checks cannot race another opening for
        // the same visitor: two messages after the archive cannot both start a new request.
        if let Some(follows) = req.follows {
            let newest =
                c.query_one("SELECT max(id) FROM requests WHERE visitor_id = ?1", &args![visitor_id])?.opt_i64(0)?;
            if newest != Some(follows) {
                return Ok(Opened::Superseded);
            }
        }
        let mut sql = String::from("SELECT min(id) FROM requests WHERE visitor_id = ?1");
        let mut open = args![visitor_id];
        push_in(&mut sql, &mut open, "state", State::OPEN.iter().map(|s| s.rank()));
        if let Some(id) = c.query_one(&sql, &open)?.opt_i64(0)? {
            return Ok(Opened::VisitorHasOpen(id));
        }
        if let Some(cap) = req.origin {
            // Under the organization's append order, so concurrent forms from one address
            // count each other.
            effects.appending(c, org_id)?;
            let mut sql = String::from("SELECT count(*) FROM requests WHERE org_id = ?1 AND origin = ?2");
            let mut by_origin = args![org_id, &cap.digest[..]];
            push_in(&mut sql, &mut by_origin, "state", State::OPEN.iter().map(|s| s.rank()));
            if c.query_one(&sql, &by_origin)?.i64(0)? >= i64::from(cap.most_open) {
                return Ok(Opened::OriginFull);
            }
        }
        let title = req.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| req.user_id.clone());
        let channel = req.channel.as_str();
        let origin = req.origin.map(|cap| Value::from(&cap.digest[..]));
        let id = numbers::take(c, effects, org_id, Counter::Requests, 1)?;
        c.execute(
            "INSERT INTO requests (id, org_id, bot_id, channel, visitor_id, title, state, created_at, updated_at, \
             version, origin, visitor_name, visitor_email, visitor_user_id) \
             VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1, ?8, ?9, ?10, ?12)",
            &args![
                org_id,
                req.bot_id,
                channel,
                visitor_id,
                title,
                State::New,
                req.at,
                origin,
                req.name.clone(),
                req.email.clone(),
                id,
                req.user_id.as_str()
            ],
        )?;
        effects.count(req.bot_id, channel, State::New, None, 1);
        effects.event(id, req.at, ChangeActor::Visitor, None, State::New, None);
        if let Some(form) = &req.form {
            insert_note(c, effects, org_id, id, form)?;
        }
        let ids = insert_messages(c, effects, org_id, id, &req.transcript)?;
        effects.said(id, &ids, &req.transcript);
        if let Some(hash) = req.conversation_hash {
            c.execute(
                "INSERT INTO conversations (hash, visitor_id, channel, created_at) VALUES (?1, ?2, ?3, ?4)",
                &args![&hash[..], visitor_id, channel, req.at],
            )?;
        }
        effects.notice(id, visitor_id);
        effects.flush(c, org_id)?;
        let request =
            load_request(c, org_id, id)?.ok_or_else(|| StoreError::Database("new request vanished".into()))?;
        Ok(Opened::Created(request))
    })
}

/// A conversation token's view: its visitor's newest request.
pub fn conversation(conn: &mut impl Conn, token_hash: [u8; 32]) -> StoreResult<Option<Conversation>> {
    // One query for the token, its newest request and the bot: every visitor message starts
    // here. The request's bot is the visitor's.
    let sql = format!(
        "SELECT {}, c.visitor_id, c.channel, {} FROM conversations c \
         JOIN requests r ON r.id = (SELECT id FROM requests WHERE visitor_id = c.visitor_id \
         ORDER BY created_at DESC, id DESC LIMIT 1) {} WHERE c.hash = ?1 AND r.org_id = b.org_id",
        rows::REQUEST_SELECT_COLUMNS,
        rows::BOT_COLUMNS,
        rows::REQUEST_JOINS
    );
    let Some(mut row) = conn.query_opt(&sql, &[Value::from(&token_hash[..])])? else { return Ok(None) };
    let at = rows::REQUEST_WIDTH;
    let (visitor_id, channel) = (VisitorId(row.i64(at)?), row.word(at + 1)?);
    let (org_id, bot) = rows::bot_at(&mut row, at + 2)?;
    let request = rows::request_row(row)?;
    Ok(Some(Conversation { org_id: OrgId(org_id), bot, channel, visitor_id, request }))
}

/// The range of a request's earlier conversations: the same visitor, created before it.
pub fn earlier(conn: &mut impl Conn, request: &Request) -> StoreResult<Vec<(i64, State, Timestamp)>> {
    conn.query(
        "SELECT id, state, created_at FROM requests WHERE visitor_id = ?1 \
         AND (created_at < ?2 OR (created_at = ?2 AND id < ?3)) ORDER BY created_at, id",
        &args![request.visitor.id, ms(request.created_at), request.id],
    )?
    .iter()
    .map(|r| Ok((r.i64(0)?, r.state(1)?, r.ts(2)?)))
    .collect()
}
