//! What happened to requests: details, exports and the feeds live streams read. Assembled
//! here once from plain rows, whichever database they came from.

use crate::store::OrgId;
use std::collections::HashMap;

use super::requests::earlier;
use super::requests::push_label;
use super::rows::{self, Names, REQUEST_SELECT, by_request, load_request};
use super::search::push_search;
use crate::api::{EarlierConversation, ExportedRequest, LiveEvent, QueueEvent, Request, RequestDetail, TimelineEvent};
use crate::store::ids::LAST_NUMBER;
use crate::store::sql::{Conn, Value, args, map_rows, ms, push_in};
use crate::store::{ExportFilter, FeedCursor, FeedScope, StoreResult, row_id};

fn timelines(
    conn: &mut impl Conn,
    names: &Names,
    first: i64,
    last: i64,
) -> StoreResult<HashMap<i64, Vec<TimelineEvent>>> {
    let events = rows::events(conn, names, "WHERE e.request_id BETWEEN ?1 AND ?2 ORDER BY e.id", &args![first, last])?;
    Ok(by_request(events.into_iter().map(|e| (e.request_id, e))))
}

pub fn detail(conn: &mut impl Conn, org_id: OrgId, id: i64) -> StoreResult<Option<RequestDetail>> {
    let Some(request) = load_request(conn, org_id, id)? else {
        return Ok(None);
    };
    // Earlier conversations are the same visitor's, on the same bot: the same names.
    let names = Names::of(conn, org_id, [&request])?;
    let notes = rows::notes(conn, &names, "n.request_id = ?1 ORDER BY n.id", &args![id])?;
    let notes = notes.into_iter().map(|(_, n)| n).collect();
    let messages = rows::messages(conn, &names, "msg.request_id = ?1 ORDER BY msg.id", &args![id])?;
    let mut earlier_conversations = Vec::new();
    for (request_id, state, created_at) in earlier(conn, &request)? {
        let messages = rows::messages(conn, &names, "msg.request_id = ?1 ORDER BY msg.id", &args![request_id])?;
        earlier_conversations.push(EarlierConversation { request_id, state, created_at, messages });
    }
    let timeline = timelines(conn, &names, id, id)?.remove(&id).unwrap_or_default();
    Ok(Some(RequestDetail { request, notes, messages, earlier_conversations, timeline }))
}

/// Up to `limit` requests after `after_id` in id order, each with its whole history: one
/// range query per kind of history instead of three queries per request.
pub fn export_page(
    conn: &mut impl Conn,
    org_id: OrgId,
    filter: &ExportFilter,
    after_id: i64,
    limit: usize,
) -> StoreResult<Vec<ExportedRequest>> {
    let mut sql = format!("{REQUEST_SELECT} WHERE r.org_id = ? AND r.id > ?");
    let mut args = args![org_id, after_id];
    push_in(&mut sql, &mut args, "r.state", filter.states.iter().map(|s| s.rank()));
    push_in(&mut sql, &mut args, "r.bot_id", filter.bot_ids.iter().copied());
    if let Some(terms) = &filter.search {
        push_search(&mut sql, &mut args, conn.dialect(), org_id, terms);
    }
    if let Some(label) = &filter.label {
        push_label(&mut sql, &mut args, label, "r.");
    }
    if let Some(since) = filter.closed_since {
        sql.push_str(" AND r.closed_at >= ?");
        args.push(since.into());
    }
    if let Some(until) = filter.closed_until {
        sql.push_str(" AND r.closed_at < ?");
        args.push(until.into());
    }
    sql.push_str(" ORDER BY r.id LIMIT ?");
    args.push(Value::Int(i64::try_from(limit).unwrap_or(i64::MAX)));
    let requests: Vec<Request> = match filter.search {
        Some(_) => rows::requests_once(conn, &sql, &args)?,
        None => rows::requests(conn, &sql, &args)?,
    };
    let (Some(first), Some(last)) = (requests.first().map(|r| r.id), requests.last().map(|r| r.id)) else {
        return Ok(Vec::new());
    };
    with_history(conn, org_id, requests, Within::Range(first, last))
}

/// Which rows hold the history of a set of requests.
pub enum Within {
    /// Every request id from the first to the last: a page in id order.
    Range(i64, i64),
    /// These ids: requests scattered across the organization.
    Ids(Vec<i64>),
}

impl Within {
    /// The condition on `column`, with its arguments.
    fn clause(&self, column: &str) -> (String, Vec<Value>) {
        match self {
            Within::Range(first, last) => (format!("{column} BETWEEN ?1 AND ?2"), args![*first, *last]),
            Within::Ids(ids) => {
                let mut sql = "1 = 1".to_string();
                let mut values = Vec::new();
                push_in(&mut sql, &mut values, column, ids.iter().copied());
                (sql, values)
            }
        }
    }
}

/// Each request with its notes, messages and timeline: one query per kind of history.
pub fn with_history(
    conn: &mut impl Conn,
    org_id: OrgId,
    requests: Vec<Request>,
    within: Within,
) -> StoreResult<Vec<ExportedRequest>> {
    if requests.is_empty() {
        return Ok(Vec::new());
    }
    // History rows are named from the page's own requests, not joined to them: the joins
    // cost PostgreSQL far more than the rows.
    let names = Names::of(conn, org_id, &requests)?;
    let (clause, range) = within.clause("n.request_id");
    let mut notes = by_request(rows::notes(conn, &names, &format!("{clause} ORDER BY n.id"), &range)?);
    let (clause, range) = within.clause("msg.request_id");
    let messages = rows::messages(conn, &names, &format!("{clause} ORDER BY msg.id"), &range)?;
    let mut messages = by_request(messages.into_iter().map(|m| (m.request_id, m)));
    let (clause, range) = within.clause("e.request_id");
    let events = rows::events(conn, &names, &format!("WHERE {clause} ORDER BY e.id"), &range)?;
    let mut timelines = by_request(events.into_iter().map(|e| (e.request_id, e)));
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
}

/// Merges a conversation's state changes and messages into one time line. State changes
/// sort before messages of the same instant: "joined the chat" follows the change to
/// chatting that it announces.
pub fn merge_feed(events: Vec<TimelineEvent>, messages: Vec<crate::api::Message>) -> Vec<LiveEvent> {
    let mut items: Vec<(i64, u8, i64, LiveEvent)> = events
        .into_iter()
        .map(|e| (ms(e.at), 0, e.id, LiveEvent::State(e)))
        .chain(messages.into_iter().map(|m| (ms(m.created_at), 1, m.id, LiveEvent::Message(m))))
        .collect();
    items.sort_by_key(|(at, kind, id, _)| (*at, *kind, *id));
    items.into_iter().map(|(_, _, _, item)| item).collect()
}

pub fn feed(
    conn: &mut impl Conn,
    org_id: OrgId,
    scope: FeedScope,
    after: FeedCursor,
    limit: usize,
) -> StoreResult<Vec<LiveEvent>> {
    let (requests, key) = match scope {
        FeedScope::Request(id) => ("?1", id.0),
        FeedScope::Visitor(visitor) => ("(SELECT id FROM requests WHERE visitor_id = ?1)", visitor.0),
    };
    // Rows first, then names for just them: a stream rung for one new line would otherwise
    // read every member of the organization to name it.
    let clause = format!("msg.request_id IN ({requests}) AND msg.id > ?2 ORDER BY msg.id LIMIT {limit}");
    let messages = rows::message_rows(conn, &clause, &args![key, row_id(org_id, after.message)])?;
    let clause = format!("WHERE e.request_id IN ({requests}) AND e.id > ?2 ORDER BY e.id LIMIT {limit}");
    let events = rows::event_rows(conn, &clause, &args![key, row_id(org_id, after.event)])?;
    if messages.is_empty() && events.is_empty() {
        return Ok(Vec::new());
    }
    let members = rows::named_members(&messages, &events)?;
    // Also the check that the scope belongs to the organization: nothing is shown otherwise.
    let Some(names) = Names::of_scope(conn, org_id, scope, Some(&members))? else { return Ok(Vec::new()) };
    let messages = map_rows(messages, |row| rows::message(row, &names))?;
    let events = map_rows(events, |row| rows::event(&row, &names))?;
    Ok(merge_feed(events, messages))
}

/// The organization's state changes after its event number `after`, each with its request
/// as now.
pub fn queue_feed(conn: &mut impl Conn, org_id: OrgId, after: i64, limit: usize) -> StoreResult<Vec<QueueEvent>> {
    // The organization's events are the ids between its first and last number.
    let clause = format!("WHERE e.id > ?1 AND e.id <= ?2 ORDER BY e.id LIMIT {limit}");
    let rows = rows::event_rows(conn, &clause, &args![row_id(org_id, after), row_id(org_id, LAST_NUMBER)])?;
    let mut current = HashMap::<i64, Request>::new();
    for row in &rows {
        let id = row.i64(1)?;
        if !current.contains_key(&id)
            && let Some(request) = load_request(conn, org_id, id)?
        {
            current.insert(id, request);
        }
    }
    let names = Names::of(conn, org_id, current.values())?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let event = rows::event(row, &names)?;
        if let Some(request) = current.get(&event.request_id) {
            out.push(QueueEvent { request: request.clone(), event });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Author, Message};
    use crate::domain::{SenderKind, State};
    use jiff::Timestamp;

    #[test]
    fn a_state_change_comes_before_the_message_of_the_same_instant() {
        let at = Timestamp::from_second(100).unwrap();
        let event = TimelineEvent {
            id: 9,
            request_id: 1,
            at,
            actor: Author::Server,
            from: Some(State::Assigned),
            to: State::Chatting,
            assignee: None,
        };
        let message = |id, second| Message {
            id,
            request_id: 1,
            sender: SenderKind::System,
            sender_name: "livechat".into(),
            body: "joined".into(),
            created_at: Timestamp::from_second(second).unwrap(),
        };
        let merged = merge_feed(vec![event], vec![message(2, 100), message(1, 99)]);
        let order: Vec<String> = merged
            .iter()
            .map(|i| match i {
                LiveEvent::Message(m) => format!("m{}", m.id),
                LiveEvent::State(e) => format!("e{}", e.id),
            })
            .collect();
        assert_eq!(order, ["m1", "e9", "m2"]);
    }
}
