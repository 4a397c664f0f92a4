//! State changes, written once for both databases. Every change is decided on the row as it
//! is under a lock (SQLite's write lock, or PostgreSQL's row locks) and written only if the
//! version is still the one decided on. The changed rows, and what a change does beyond its
//! own row (queue counts, timeline events, notices to other servers), are gathered in
//! `Effects` and written once per transaction, so a batch of a thousand changes costs a few
//! statements in all, plus one per resolution note or transcript.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::{SignedDuration, Timestamp};

use super::copy::EVENT_COLUMNS;
use super::members::teammates;
use super::numbers::{self, Counter};
use super::requests::{insert_messages, insert_note};
use super::rows::{self, REQUEST_SELECT, load_request};
use super::webhooks::{Told, outbox};
use crate::api::Request;
use crate::api::WebhookEvent;
use crate::domain::{self, NoteKind, Stamps, State, StateChange};
use crate::store::sql::{Conn, Value, args, insert_rows, push_in};
use crate::store::{ChangeActor, ChangeRecord, Decide, NewMessage, NewNote, OrgId, StoreError, StoreResult, number};

/// Requests locked and changed per transaction by the archive sweep.
const SWEEP_CHUNK: usize = 200;

/// Requests' new states and stamps per statement: one statement for a batch, where a
/// statement per request cost PostgreSQL a round trip and an index update each.
const UPDATES_PER_STATEMENT: usize = 500;
/// The columns of a pending update, in the order `Effects::updates` holds them.
const UPDATE_COLUMNS: [&str; 8] =
    ["id", "version", "state", "assignee_id", "updated_at", "assigned_at", "resolved_at", "closed_at"];

/// What the changes of one transaction write, gathered and written by `flush`: the changed
/// requests' rows, and what the changes do beyond them.
#[derive(Default)]
pub struct Effects {
    /// Changed requests, `UPDATE_COLUMNS` to a request, each locked by this transaction.
    updates: Vec<Value>,
    /// Open-queue count deltas by (bot, channel, state rank, assignee or 0).
    counts: BTreeMap<(i64, String, i64, i64), i64>,
    /// Timeline rows: request, at, actor member, actor kind, from, to, assignee.
    events: Vec<Value>,
    /// (request, visitor) pairs to tell other servers about.
    notices: Vec<(i64, i64)>,
    /// Events for the organization's webhooks.
    told: Vec<Told>,
    /// Requests this transaction created or changed, for the change feed.
    touched: Vec<i64>,
    appending: bool,
    /// The organization's write generation this transaction took, once it has.
    generation: Option<i64>,
    /// Said by a transaction that found nothing to do, so that the generation stays.
    wrote_nothing: bool,
    /// Said by a transaction that read, under its lock, that the organization has no active
    /// webhook: the outbox is not asked again.
    no_hooks: bool,
}

impl Effects {
    /// Counts a request entering (+1) or leaving (-1) `state`; only open states are counted,
    /// so the backlog never reads the archive.
    pub fn count(&mut self, bot: i64, channel: &str, state: State, assignee: Option<i64>, delta: i64) {
        if state.is_open() {
            *self.counts.entry((bot, channel.to_string(), state.rank(), assignee.unwrap_or(0))).or_default() += delta;
        }
    }

    pub fn event(
        &mut self,
        request: i64,
        at: Timestamp,
        actor: ChangeActor,
        from: Option<State>,
        to: State,
        assignee: Option<i64>,
    ) {
        let (kind, member) = match actor {
            ChangeActor::Member(id) => ("member", Some(id)),
            ChangeActor::Visitor => ("visitor", None),
            ChangeActor::Server => ("server", None),
            ChangeActor::Routing => ("routing", None),
        };
        self.events.extend(args![request, at, member, kind, from, to, assignee]);
        self.touch(request);
        let hook = match (from, to) {
            (None, State::New) => Some(WebhookEvent::RequestCreated),
            (_, State::Assigned) => Some(WebhookEvent::RequestAssigned),
            (_, State::Resolved) => Some(WebhookEvent::RequestResolved),
            (_, State::Closed) => Some(WebhookEvent::RequestClosed),
            _ => None,
        };
        if let Some(event) = hook {
            self.told.push(Told { event, request, at, message: None });
        }
    }

    /// Messages added to a request's transcript, for `message.created` hooks.
    pub fn said(&mut self, request: i64, ids: &[i64], messages: &[NewMessage]) {
        for (id, m) in ids.iter().zip(messages) {
            let message = serde_json::json!({
                "id": number(*id), "request_id": number(request), "sender": m.sender, "body": m.body,
                "created_at": m.at
            });
            self.told.push(Told { event: WebhookEvent::MessageCreated, request, at: m.at, message: Some(message) });
        }
    }

    /// Marks a request as changed by this transaction: `flush` gives it the transaction's
    /// change number.
    pub fn touch(&mut self, request: i64) {
        self.touched.push(request);
    }

    pub fn notice(&mut self, request: i64, visitor: i64) {
        self.notices.push((request, visitor));
    }

    /// Notes that the organization has no active webhook, as the transaction read it.
    pub fn no_hooks(&mut self) {
        self.no_hooks = true;
    }

    pub fn is_appending(&self) -> bool {
        self.appending
    }

    /// Notes that a statement took the append order along with its own work.
    pub fn appended(&mut self) {
        self.appending = true;
    }

    /// Takes the organization's append order before the transaction adds to a timeline or
    /// transcript (see `Conn::serialize_appends`); once per transaction.
    pub fn appending(&mut self, conn: &mut impl Conn, org_id: OrgId) -> StoreResult<()> {
        if !self.appending {
            conn.serialize_appends(org_id.0)?;
            self.appending = true;
        }
        Ok(())
    }

    /// Writes the pending request rows, as many to a statement as fit. Every row is locked
    /// by this transaction at the version it was read at, so each must match: one that does
    /// not means the lock did not hold, and the transaction fails rather than half-apply.
    pub fn write_updates(&mut self, conn: &mut impl Conn) -> StoreResult<()> {
        let width = UPDATE_COLUMNS.len();
        let typed = format!("({})", vec!["CAST(? AS BIGINT)"; width].join(", "));
        let plain = format!("({})", vec!["?"; width].join(", "));
        for chunk in self.updates.chunks(width * UPDATES_PER_STATEMENT) {
            let count = chunk.len() / width;
            // The first row's casts type every column, for PostgreSQL.
            let rows: Vec<&str> =
                std::iter::once(typed.as_str()).chain(std::iter::repeat_n(plain.as_str(), count - 1)).collect();
            let sql = format!(
                "WITH v ({}) AS (VALUES {}) UPDATE requests SET state = v.state, assignee_id = v.assignee_id, \
                 updated_at = v.updated_at, version = requests.version + 1, assigned_at = v.assigned_at, \
                 resolved_at = v.resolved_at, closed_at = v.closed_at \
                 FROM v WHERE requests.id = v.id AND requests.version = v.version",
                UPDATE_COLUMNS.join(", "),
                rows.join(", ")
            );
            let written = conn.execute(&sql, chunk)?;
            if written != count as u64 {
                return Err(StoreError::Database(format!(
                    "{} of {count} locked requests changed under their locks; nothing was written",
                    count as u64 - written
                )));
            }
        }
        self.updates.clear();
        Ok(())
    }

    pub fn flush(&mut self, conn: &mut impl Conn, org_id: OrgId) -> StoreResult<()> {
        self.write_updates(conn)?;
        // One lock order for every writer: request rows, then the organization's append
        // order, then the queue counts. Taking the counts' rows first would deadlock against
        // a writer that took the append order for its transcript.
        if !self.counts.is_empty() || !self.events.is_empty() {
            self.appending(conn, org_id)?;
        }
        for ((bot, channel, state, assignee), delta) in std::mem::take(&mut self.counts) {
            if delta != 0 {
                conn.execute(
                    "INSERT INTO queue_counts (org_id, bot_id, channel, state, assignee_id, n) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (org_id, bot_id, channel, state, assignee_id) \
                     DO UPDATE SET n = queue_counts.n + excluded.n",
                    &args![org_id, bot, channel, state, assignee, delta],
                )?;
            }
        }
        let events = std::mem::take(&mut self.events);
        let width = EVENT_COLUMNS.len() - 1;
        if !events.is_empty() {
            let first = numbers::take(conn, self, org_id, Counter::Events, events.len() / width)?;
            let mut rows = Vec::with_capacity(events.len() / width * EVENT_COLUMNS.len());
            for (id, event) in (first..).zip(events.chunks(width)) {
                rows.push(Value::Int(id));
                rows.extend_from_slice(event);
            }
            insert_rows(conn, "events", EVENT_COLUMNS, &rows)?;
        }
        let told = std::mem::take(&mut self.told);
        if !told.is_empty() && !self.no_hooks {
            outbox(conn, org_id, &told)?;
        }
        // Last, as every writer takes the append order last: the change number.
        let mut touched = std::mem::take(&mut self.touched);
        let notices = std::mem::take(&mut self.notices);
        if !touched.is_empty() {
            touched.sort_unstable();
            touched.dedup();
            if self.generation.is_none() {
                self.appending(conn, org_id)?;
                if let Some(seq) = conn.number_changes_at_once(org_id.0, &touched, &notices)? {
                    self.generation = Some(seq);
                    return Ok(());
                }
            }
            let seq = self.change_number(conn, org_id)?;
            numbers::record_changes(conn, org_id, seq, &touched)?;
        }
        if !notices.is_empty() {
            conn.notify_changes(org_id.0, &notices)?;
        }
        Ok(())
    }

    /// Says that this transaction wrote nothing after all, so the organization's generation
    /// stays: for the sweeps and routing passes every server runs every minute, which mostly
    /// find nothing to do and would otherwise invalidate every cached page each time.
    pub fn wrote_nothing(&mut self) {
        self.wrote_nothing = true;
    }

    /// The change number this transaction took, taking it now if it has none: for a
    /// writer that records changes of its own kind (a deletion), last, as `flush` does.
    pub fn change_number(&mut self, conn: &mut impl Conn, org_id: OrgId) -> StoreResult<i64> {
        if let Some(seq) = self.generation {
            return Ok(seq);
        }
        let seq = numbers::next_change(conn, self, org_id)?;
        self.generation = Some(seq);
        Ok(seq)
    }

    /// Writes what is still pending, then moves the organization's write generation if
    /// nothing did yet: every write transaction ends here, whatever it wrote.
    fn finish(&mut self, conn: &mut impl Conn, org_id: OrgId) -> StoreResult<()> {
        self.flush(conn, org_id)?;
        if self.generation.is_none() && !self.wrote_nothing {
            self.generation = Some(numbers::next_generation(conn, org_id)?);
        }
        Ok(())
    }
}

/// Runs `work` as one write transaction of the organization, with the `Effects` it gathers.
/// Whatever `work` wrote, the transaction moves the organization's write generation before
/// it commits, so a reader that saw the generation unchanged saw nothing change.
pub fn write<C: Conn, T>(
    conn: &mut C,
    org_id: OrgId,
    work: impl FnOnce(&mut C, &mut Effects) -> StoreResult<T>,
) -> StoreResult<T> {
    conn.in_transaction(|c| {
        let mut effects = Effects::default();
        let value = work(c, &mut effects)?;
        effects.finish(c, org_id)?;
        Ok(value)
    })
}

/// As `write`, for a transaction that learns whose data it changes as it reads (a code, a
/// member or a delivery names the organization): `work` returns the organizations it wrote
/// to with its value. Their generations move in id order, so two such writers never wait
/// on each other in a circle.
pub fn write_found<C: Conn, T>(
    conn: &mut C,
    work: impl FnOnce(&mut C) -> StoreResult<(Vec<OrgId>, T)>,
) -> StoreResult<T> {
    conn.in_transaction(|c| {
        let (mut orgs, value) = work(c)?;
        orgs.sort_unstable();
        orgs.dedup();
        for org in orgs {
            numbers::next_generation(c, org)?;
        }
        Ok(value)
    })
}

/// Locks the organization's requests with these ids, in id order so that concurrent batches
/// never wait on each other in a circle, and reads them afresh under the lock. PostgreSQL
/// re-reads a locked row that changed meanwhile, but not the rows joined to it, hence the
/// two statements.
pub fn lock_requests(conn: &mut impl Conn, org_id: OrgId, ids: &[i64]) -> StoreResult<HashMap<i64, Request>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let lock = conn.dialect().lock_rows("r");
    if !lock.is_empty() {
        let mut sql = "SELECT r.id FROM requests r WHERE r.org_id = ?".to_string();
        let mut args = args![org_id];
        push_in(&mut sql, &mut args, "r.id", ids.iter().copied());
        sql.push_str(&format!(" ORDER BY r.id{lock}"));
        conn.query(&sql, &args)?;
    }
    load_requests(conn, org_id, ids)
}

/// The organization's requests with these ids, by id, as they are now.
pub fn load_requests(conn: &mut impl Conn, org_id: OrgId, ids: &[i64]) -> StoreResult<HashMap<i64, Request>> {
    let mut sql = format!("{REQUEST_SELECT} WHERE r.org_id = ?");
    let mut args = args![org_id];
    push_in(&mut sql, &mut args, "r.id", ids.iter().copied());
    Ok(rows::requests(conn, &sql, &args)?.into_iter().map(|r| (r.id, r)).collect())
}

/// Writes a change decided on `current`, which this transaction holds locked: the
/// resolution note and transcript lines now; the new state and stamps, and the rest, into
/// `effects`.
pub fn write_locked(
    conn: &mut impl Conn,
    org_id: OrgId,
    current: &Request,
    change: &ChangeRecord,
    effects: &mut Effects,
) -> StoreResult<()> {
    let assignee = current.assignee.as_ref().map(|m| m.id);
    let stamps =
        Stamps { assigned_at: current.assigned_at, resolved_at: current.resolved_at, closed_at: current.closed_at };
    let stamps = domain::restamp(stamps, assignee, StateChange { to: change.to, assignee: change.assignee }, change.at);
    let id = current.id;
    effects.updates.extend(args![
        id,
        current.version,
        change.to,
        change.assignee,
        change.at,
        stamps.assigned_at,
        stamps.resolved_at,
        stamps.closed_at
    ]);
    let (bot, channel) = (current.bot.id, current.channel.as_str());
    effects.count(bot, channel, current.state, assignee, -1);
    effects.count(bot, channel, change.to, change.assignee, 1);
    effects.event(id, change.at, change.actor, Some(current.state), change.to, change.assignee);
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
        insert_note(conn, effects, org_id, id, &note)?;
    }
    if !change.transcript.is_empty() {
        let ids = insert_messages(conn, effects, org_id, id, &change.transcript)?;
        effects.said(id, &ids, &change.transcript);
    }
    effects.notice(id, current.visitor.id);
    Ok(())
}

/// Writes `change` if the request still has `expected_version`; `None` if it moved on or is
/// not in the organization.
pub fn apply_change(
    conn: &mut impl Conn,
    org_id: OrgId,
    id: i64,
    expected_version: i64,
    change: &ChangeRecord,
) -> StoreResult<Option<Request>> {
    write(conn, org_id, |c, effects| {
        let Some(current) = lock_requests(c, org_id, &[id])?.remove(&id) else { return Ok(None) };
        if current.version != expected_version {
            return Ok(None);
        }
        write_locked(c, org_id, &current, change, effects)?;
        effects.flush(c, org_id)?;
        load_request(c, org_id, id)
    })
}

/// Decides and writes each item in order, in one transaction that holds every row it
/// touches: each item is decided on its row as it is then, after the items before it.
/// Returns each request as it ended, `None` for one not in the organization.
pub fn decide_each(
    conn: &mut impl Conn,
    org_id: OrgId,
    items: Vec<(i64, Decide)>,
    takers: &[i64],
) -> StoreResult<Vec<Option<Request>>> {
    let order: Vec<i64> = items.iter().map(|(id, _)| *id).collect();
    let mut ids = order.clone();
    ids.sort_unstable();
    ids.dedup();
    write(conn, org_id, |c, effects| {
        let mut current = lock_requests(c, org_id, &ids)?;
        // After the request rows, as every writer takes them; a removal takes the team's lock
        // and then these member rows, and never a request's row, so the two cannot deadlock.
        let roster = teammates(c, org_id, takers, false)?;
        let mut changed = HashSet::new();
        for (id, decide) in items {
            // An id named twice is decided the second time on what the first change left.
            if changed.contains(&id) {
                effects.write_updates(c)?;
                current.extend(load_requests(c, org_id, &[id])?);
            }
            let Some(request) = current.get(&id) else { continue };
            if let Some(change) = decide(request, &roster) {
                write_locked(c, org_id, request, &change, effects)?;
                changed.insert(id);
            }
        }
        effects.flush(c, org_id)?;
        let changed: Vec<i64> = changed.into_iter().collect();
        current.extend(load_requests(c, org_id, &changed)?);
        Ok(order.iter().map(|id| current.get(id).cloned()).collect())
    })
}

/// Closes every resolved request whose reopening window has passed, each through the
/// domain's rule on the row as it is under the lock, so servers sweeping together close each
/// request once.
pub fn archive_due(conn: &mut impl Conn, window: SignedDuration, now: Timestamp) -> StoreResult<u64> {
    let cutoff = now.checked_sub(window).unwrap_or(Timestamp::MIN);
    // The state as a literal and the time bounded on both sides: a generic plan then knows
    // resolved requests are few and walks their index, where parameters would read them all.
    let sql = format!(
        "SELECT org_id, id FROM requests WHERE state = {} AND resolved_at >= ?1 AND resolved_at <= ?2 \
         ORDER BY org_id, id",
        State::Resolved.rank()
    );
    let due = conn.query(&sql, &args![i64::MIN, cutoff])?;
    let mut by_org = BTreeMap::<i64, Vec<i64>>::new();
    for row in due {
        by_org.entry(row.i64(0)?).or_default().push(row.i64(1)?);
    }
    let mut closed = 0;
    for (org, ids) in by_org {
        let org_id = OrgId(org);
        for chunk in ids.chunks(SWEEP_CHUNK) {
            closed += write(conn, org_id, |c, effects| {
                let mut wrote = 0;
                let mut locked: Vec<Request> = lock_requests(c, org_id, chunk)?.into_values().collect();
                locked.sort_by_key(|r| r.id);
                for request in &locked {
                    let assignee = request.assignee.as_ref().map(|m| m.id);
                    let Some(change) = domain::archive(request.state, assignee, request.resolved_at, window, now)
                    else {
                        continue;
                    };
                    let record = ChangeRecord {
                        from: request.state,
                        to: change.to,
                        assignee: change.assignee,
                        actor: ChangeActor::Server,
                        at: now,
                        resolution_note: None,
                        transcript: Vec::new(),
                    };
                    write_locked(c, org_id, request, &record, effects)?;
                    wrote += 1;
                }
                if wrote == 0 {
                    effects.wrote_nothing();
                }
                Ok(wrote)
            })?;
        }
    }
    Ok(closed)
}
