//! Realistic requests in bulk for benchmarks and load tests: each with a visitor, a form
//! note, a transcript and a timeline, oldest (archived) first, the open queue newest. Rows go
//! in with their ids chosen here, many to a statement, which is what makes a million requests
//! take seconds rather than minutes on either database.

use jiff::Timestamp;

use super::changes::write;
use super::copy::{EVENT_COLUMNS, MESSAGE_COLUMNS, NOTE_COLUMNS, REQUEST_COLUMNS, VISITOR_COLUMNS};
use super::numbers::{self, Counter};
use super::queue::recount;
use crate::domain::{Channel, State};
use crate::store::sql::{Conn, ROWS_PER_INSERT, Value, args, insert_rows, ms};
use crate::store::{OrgId, row_id};
use crate::store::{SeedPlan, StoreResult};

/// Requests per transaction: keeps SQLite's WAL small without slowing the writes.
const SEED_BATCH: u64 = 20_000;

/// Rows of one table waiting to be written, many to a statement.
struct Pending {
    table: &'static str,
    columns: &'static [&'static str],
    values: Vec<Value>,
    next_id: i64,
    /// The organization's counter of these rows, when they are numbered per organization.
    numbered: Option<(OrgId, Counter)>,
}

impl Pending {
    /// Visitors, numbered across the server.
    fn visitors(conn: &mut impl Conn) -> StoreResult<Pending> {
        let last = conn.query_one("SELECT coalesce(max(id), 0) FROM visitors", &[])?.i64(0)?;
        Ok(Pending {
            table: "visitors",
            columns: VISITOR_COLUMNS,
            values: Vec::new(),
            next_id: last + 1,
            numbered: None,
        })
    }

    /// Rows the organization numbers, after the last number it gave out.
    fn numbered(
        conn: &mut impl Conn,
        org_id: OrgId,
        counter: Counter,
        columns: &'static [&'static str],
    ) -> StoreResult<Pending> {
        let next_id = row_id(org_id, numbers::last(conn, org_id, counter)? + 1);
        Ok(Pending { table: counter.table(), columns, values: Vec::new(), next_id, numbered: Some((org_id, counter)) })
    }

    /// Queues a row (without its id) and returns the id it will have.
    fn push(&mut self, row: Vec<Value>) -> i64 {
        debug_assert_eq!(row.len() + 1, self.columns.len());
        let id = self.next_id;
        self.next_id += 1;
        self.values.push(Value::Int(id));
        self.values.extend(row);
        id
    }

    fn full(&self) -> bool {
        self.values.len() >= self.columns.len() * ROWS_PER_INSERT
    }

    fn flush(&mut self, conn: &mut impl Conn) -> StoreResult<()> {
        insert_rows(conn, self.table, self.columns, &self.values)?;
        self.values.clear();
        if let Some((org_id, counter)) = self.numbered {
            numbers::catch_up(conn, org_id, counter, self.next_id - 1)?;
        }
        Ok(())
    }
}

pub fn bulk_seed(
    conn: &mut impl Conn,
    org_id: OrgId,
    bots: &[(i64, Channel)],
    agents: &[i64],
    plan: SeedPlan,
    now: Timestamp,
) -> StoreResult<()> {
    let mut visitors = Pending::visitors(conn)?;
    let mut requests = Pending::numbered(conn, org_id, Counter::Requests, REQUEST_COLUMNS)?;
    let mut notes = Pending::numbered(conn, org_id, Counter::Notes, NOTE_COLUMNS)?;
    let mut messages = Pending::numbered(conn, org_id, Counter::Messages, MESSAGE_COLUMNS)?;
    let mut events = Pending::numbered(conn, org_id, Counter::Events, EVENT_COLUMNS)?;
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
    let days = plan.archive_days.max(2) as i64;
    let none = || Value::Null;
    let mut i = 0;
    while i < total {
        let end = (i + SEED_BATCH).min(total);
        write(conn, org_id, |c, _| {
            for n in i..end {
                let state = state_of(n);
                let (bot, channel) = bots[(n % bots.len() as u64) as usize];
                let agent = agents[(n % agents.len() as u64) as usize];
                // Archived requests spread over the archive's days, the open queue over the last 6 hours.
                let created = match state {
                    State::Closed => {
                        now_ms - days * 86_400_000 + (n as i64) * ((days - 1) * 86_400_000 / plan.closed.max(1) as i64)
                    }
                    State::Resolved => now_ms - 20 * 3_600_000 + (n as i64 % 1000) * 60_000,
                    _ => now_ms - 6 * 3_600_000 + (n as i64) * (6 * 3_600_000 / total.max(1) as i64),
                };
                let name = format!("Visitor {n}");
                let email = format!("visitor{n}@example.com");
                let visitor_id = visitors.push(args![bot, format!("seed-{n}"), name.as_str(), email.as_str(), created]);
                let held = state != State::New;
                let assigned_at = held.then_some(created + 120_000);
                let resolved_at = matches!(state, State::Resolved | State::Closed).then_some(created + 900_000);
                let closed_at = (state == State::Closed).then_some(created + 86_400_000);
                let version: i64 = match state {
                    State::New => 1,
                    State::Assigned => 2,
                    State::Chatting | State::Resolved => 3,
                    State::Closed => 4,
                };
                let updated = closed_at.or(resolved_at).or(assigned_at).unwrap_or(created);
                let id = requests.push(args![
                    org_id,
                    bot,
                    channel.as_str(),
                    visitor_id,
                    name.as_str(),
                    state,
                    held.then_some(agent),
                    created,
                    assigned_at,
                    resolved_at,
                    closed_at,
                    updated,
                    version,
                    none(),
                    name.as_str(),
                    email.as_str(),
                    format!("seed-{n}")
                ]);
                let question = "My order has not arrived and the tracking page is blank.";
                let fields = format!(
                    r#"[{{"name":"name","value":"{name}"}},{{"name":"email","value":"{email}"}},{{"name":"message","value":"{question}"}}]"#
                );
                let body = format!("name: {name}\nemail: {email}\nmessage: {question}");
                notes.push(args![id, "form", none(), body, fields, created]);
                messages.push(args![id, "visitor", none(), question, created - 60_000]);
                messages.push(args![
                    id,
                    "bot",
                    none(),
                    "I can help with orders. Could you tell me more?",
                    created - 60_000
                ]);
                messages.push(args![id, "visitor", none(), "I'd like to speak with a live agent, please.", created]);
                messages.push(args![id, "bot", none(), "Thanks for your message. You are in the queue.", created]);
                events.push(args![id, created, none(), "visitor", none(), State::New, none()]);
                if let Some(at) = assigned_at {
                    events.push(args![id, at, agent, "member", State::New, State::Assigned, agent]);
                }
                if state == State::Chatting {
                    let at = created + 180_000;
                    events.push(args![id, at, agent, "member", State::Assigned, State::Chatting, agent]);
                    messages.push(args![id, "agent", agent, "Hi, I'm looking into this now.", created + 200_000]);
                }
                if let Some(at) = resolved_at {
                    events.push(args![id, at, agent, "member", State::Assigned, State::Resolved, agent]);
                    if n % 2 == 0 {
                        notes.push(args![id, "resolution", agent, "Reissued the order, with tracking.", none(), at]);
                    }
                }
                if let Some(at) = closed_at {
                    events.push(args![id, at, none(), "server", State::Resolved, State::Closed, agent]);
                }
                let all = [&mut visitors, &mut requests, &mut notes, &mut messages, &mut events];
                if n + 1 == end || all.iter().any(|p| p.full()) {
                    // Parents before children, so every reference holds when a statement runs.
                    for pending in all {
                        pending.flush(c)?;
                    }
                }
            }
            Ok(())
        })?;
        i = end;
    }
    write(conn, org_id, |c, _| {
        recount(c)?;
        // The change feed starts with every seeded request, as the migration started it with
        // every request there was.
        c.execute(
            "INSERT INTO request_changes (request_id, org_id, seq) SELECT r.id, r.org_id, 0 FROM requests r \
             WHERE r.org_id = ?1 ON CONFLICT (request_id) DO NOTHING",
            &args![org_id],
        )?;
        Ok(())
    })?;
    conn.after_bulk_load(&["visitors", "requests", "notes", "messages", "events"])
}
