//! Live updates pushed as Server-Sent Events: a conversation's messages and state changes for
//! members and for the visitor, and the organization's queue.
//!
//! Every stream reads what it sends from the database, after a cursor it also sends as the
//! event id; an in-process broadcast only rings the doorbell. So a reconnect that sends
//! `Last-Event-ID` gets exactly what it missed, and a lagging subscriber loses nothing.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State as AxumState;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use serde::Deserialize;
use tokio::sync::{broadcast, watch};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::{Caller, hash_token};
use super::error::ApiError;
use super::extract::{ApiPath, ApiQuery};
use super::limits::ClientAddr;
use crate::api::{ErrorBody, ErrorCode, LiveEvent, Message, QueueEvent, Request, VisitorStateEvent};
use crate::domain::{Channel, State};
use crate::store::{FeedCursor, FeedScope, OrgId, RequestId, StoreResult, VisitorId, number};

/// Items read per database query while catching up.
const FEED_PAGE: usize = 200;

/// "Something changed": who should look again. `None` fields match everyone.
#[derive(Debug, Clone, Copy)]
pub struct Ping {
    pub org_id: Option<i64>,
    pub request_id: Option<i64>,
    pub visitor_id: Option<i64>,
}

impl Ping {
    pub fn about(org_id: OrgId, request: &Request) -> Ping {
        Ping { org_id: Some(org_id.0), request_id: Some(request.id), visitor_id: Some(request.visitor.id) }
    }

    pub const EVERYONE: Ping = Ping { org_id: None, request_id: None, visitor_id: None };

    fn wakes(&self, source: &Source) -> bool {
        let matches = |want: Option<i64>, have: i64| want.is_none_or(|w| w == have);
        match source {
            Source::Request { org_id, id } => matches(self.org_id, org_id.0) && matches(self.request_id, *id),
            Source::Visitor { org_id, visitor_id } => {
                matches(self.org_id, org_id.0) && matches(self.visitor_id, visitor_id.0)
            }
            Source::Queue { org_id, .. } => matches(self.org_id, org_id.0),
        }
    }
}

/// The doorbell and the shutdown switch every stream listens to, and the count of open
/// streams per holder that caps them.
#[derive(Clone)]
pub struct Hub {
    pings: broadcast::Sender<Ping>,
    shutdown: watch::Sender<bool>,
    holders: Arc<Mutex<HashMap<String, usize>>>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub { pings: broadcast::channel(1024).0, shutdown: watch::channel(false).0, holders: Arc::default() }
    }
}

/// One open stream counted against its holder (a member, or an address) until dropped.
pub struct StreamSlot {
    holders: Arc<Mutex<HashMap<String, usize>>>,
    key: String,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut holders = self.holders.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = holders.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                holders.remove(&self.key);
            }
        }
    }
}

impl Hub {
    /// Counts a stream against `key`, or refuses it when `key` already holds `max`.
    fn take_slot(&self, key: String, max: usize) -> Result<StreamSlot, ApiError> {
        let mut holders = self.holders.lock().unwrap_or_else(|e| e.into_inner());
        let n = holders.entry(key.clone()).or_default();
        if *n >= max {
            let what = match key.split(':').next() {
                Some("member") => "you have",
                Some("visitor") => "visitors at your address have",
                _ => "your address has",
            };
            return Err(ApiError::new(
                ErrorCode::TooManyStreams,
                format!("{what} {max} live streams open already; close one before opening another"),
            ));
        }
        *n += 1;
        Ok(StreamSlot { holders: self.holders.clone(), key })
    }
}

/// The address a connection came from, as the accept loop saw it.
#[derive(Debug, Clone, Copy)]
pub struct PeerAddr(pub std::net::IpAddr);

/// The slots a new stream takes: its member's (if any) and its client address's.
fn slots(state: &AppState, member: Option<i64>, client: ClientAddr) -> Result<Vec<StreamSlot>, ApiError> {
    let mut slots = Vec::new();
    if let Some(member) = member {
        slots.push(state.hub.take_slot(format!("member:{member}"), state.config.max_streams_per_member)?);
    }
    if let Some(ip) = client.0.filter(|_| state.config.max_streams_per_address > 0) {
        slots.push(state.hub.take_slot(format!("address:{ip}"), state.config.max_streams_per_address)?);
    }
    // Visitors hold no token to count them by, so their address is capped on its own: one
    // anonymous caller cannot hold the server's connections in streams.
    let visitor_cap = state.config.max_visitor_streams_per_address;
    if let Some(ip) = client.0.filter(|_| member.is_none() && visitor_cap > 0) {
        slots.push(state.hub.take_slot(format!("visitor:{ip}"), visitor_cap)?);
    }
    Ok(slots)
}

impl Hub {
    pub fn ping(&self, ping: Ping) {
        // No subscribers is fine: nobody is watching.
        let _ = self.pings.send(ping);
    }

    /// Ends every stream with a final `shutdown` event.
    pub fn shut_down(&self) {
        self.shutdown.send_replace(true);
    }

    /// How many streams are open now.
    pub fn streams(&self) -> usize {
        self.pings.receiver_count()
    }
}

/// Which changes a queue stream passes on.
#[derive(Debug, Clone, Default)]
struct QueueFilter {
    states: Vec<State>,
    bot_id: Option<i64>,
    channel: Option<Channel>,
    assignee: Option<Option<i64>>,
}

impl QueueFilter {
    fn passes(&self, e: &QueueEvent) -> bool {
        (self.states.is_empty() || self.states.contains(&e.event.to))
            && self.bot_id.is_none_or(|b| b == e.request.bot.id)
            && self.channel.is_none_or(|c| c == e.request.channel)
            && self.assignee.is_none_or(|a| a == e.event.assignee.as_ref().map(|m| m.id))
    }
}

enum Source {
    Request { org_id: OrgId, id: i64 },
    Visitor { org_id: OrgId, visitor_id: VisitorId },
    Queue { org_id: OrgId, filter: QueueFilter },
}

enum Cursor {
    Feed(FeedCursor),
    Queue(i64),
}

struct Live {
    state: AppState,
    source: Source,
    cursor: Cursor,
    pending: VecDeque<Event>,
    pings: broadcast::Receiver<Ping>,
    shutdown: watch::Receiver<bool>,
    done: bool,
    /// The last read came back short: nothing more until a ping.
    caught_up: bool,
    /// How long the store has been failing reads, as the next retry's delay.
    failing: Duration,
    /// Released when the stream ends.
    _slots: Vec<StreamSlot>,
}

fn json_event(kind: &str, id: String, data: &impl serde::Serialize) -> Event {
    Event::default().event(kind).id(id).json_data(data).unwrap_or_else(|_| Event::default().comment("unserializable"))
}

impl Live {
    /// Reads what happened after the cursor and queues it as events; false once a read comes
    /// back short, so there is nothing more to read until a ping says so. (Pings are
    /// buffered from before the first read, so one that rang meanwhile is not lost.)
    async fn catch_up(&mut self) -> StoreResult<bool> {
        let store = &self.state.store;
        match (&self.source, &mut self.cursor) {
            (Source::Request { org_id, id }, Cursor::Feed(cursor)) => {
                let items = store.feed(*org_id, FeedScope::Request(RequestId(*id)), *cursor, FEED_PAGE).await?;
                for item in &items {
                    cursor.advance(item);
                    self.pending.push_back(match item {
                        LiveEvent::Message(m) => json_event("message", cursor.to_id(), m),
                        LiveEvent::State(e) => json_event("state", cursor.to_id(), e),
                    });
                }
                Ok(items.len() >= FEED_PAGE)
            }
            (Source::Visitor { org_id, visitor_id }, Cursor::Feed(cursor)) => {
                let items = store.feed(*org_id, FeedScope::Visitor(*visitor_id), *cursor, FEED_PAGE).await?;
                for item in &items {
                    cursor.advance(item);
                    self.pending.push_back(match item {
                        LiveEvent::Message(m) => json_event("message", cursor.to_id(), m),
                        LiveEvent::State(e) => {
                            let seen = VisitorStateEvent { request_id: e.request_id, state: e.to, at: e.at };
                            json_event("state", cursor.to_id(), &seen)
                        }
                    });
                }
                Ok(items.len() >= FEED_PAGE)
            }
            (Source::Queue { org_id, filter }, Cursor::Queue(after)) => {
                let items = store.queue_feed(*org_id, *after, FEED_PAGE).await?;
                for item in &items {
                    *after = number(item.event.id);
                    if filter.passes(item) {
                        self.pending.push_back(json_event("state", after.to_string(), item));
                    }
                }
                // One item per row read: requests are never deleted, so each row's loads.
                Ok(items.len() >= FEED_PAGE)
            }
            _ => Ok(false),
        }
    }

    fn end_for_shutdown(&mut self) {
        self.pending
            .push_back(Event::default().event("shutdown").data("the server is shutting down; reconnect to continue"));
        self.done = true;
    }

    /// Waits for `delay`, or less if the server shuts down.
    async fn pause(&mut self, delay: Duration) {
        let down = tokio::select! {
            _ = tokio::time::sleep(delay) => false,
            _ = self.shutdown.wait_for(|down| *down) => true,
        };
        if down {
            self.end_for_shutdown();
        }
    }

    /// Waits until a ping concerns this stream or the server shuts down.
    async fn wait(&mut self) {
        loop {
            tokio::select! {
                ping = self.pings.recv() => match ping {
                    Ok(ping) if !ping.wakes(&self.source) => continue,
                    Err(broadcast::error::RecvError::Closed) => {
                        self.done = true;
                        return;
                    }
                    // A wake-up, or missed ones: either way, look again.
                    _ => return,
                },
                _ = self.shutdown.wait_for(|down| *down) => break,
            }
        }
        self.end_for_shutdown();
    }

    async fn next(mut self) -> Option<(Result<Event, Infallible>, Live)> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some((Ok(event), self));
            }
            if self.done {
                return None;
            }
            if self.caught_up {
                self.caught_up = false;
                self.wait().await;
                continue;
            }
            match self.catch_up().await {
                Ok(more) => {
                    self.failing = Duration::ZERO;
                    self.caught_up = !more;
                }
                Err(err) => {
                    // The database is away (a restart, a failover): keep the stream, with its
                    // heartbeats, and look again shortly, so clients ride it out unaware.
                    self.failing = (self.failing * 2).clamp(Duration::from_millis(250), Duration::from_secs(5));
                    tracing::warn!(%err, retry_in = ?self.failing, "a live stream cannot read the store");
                    self.pause(self.failing).await;
                }
            }
        }
    }
}

fn stream(
    state: AppState,
    source: Source,
    cursor: Cursor,
    slots: Vec<StreamSlot>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before the first read, so a change between the read and the wait still rings.
    let pings = state.hub.pings.subscribe();
    let shutdown = state.hub.shutdown.subscribe();
    // Comment lines keep idle streams alive through proxies that cut silent connections.
    let heartbeat = KeepAlive::new().interval(state.config.heartbeat).text("heartbeat");
    let live = Live {
        state,
        source,
        cursor,
        pending: VecDeque::new(),
        pings,
        shutdown,
        done: false,
        caught_up: false,
        failing: Duration::ZERO,
        _slots: slots,
    };
    Sse::new(futures_util::stream::unfold(live, Live::next)).keep_alive(heartbeat)
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(request_events)).routes(routes!(queue_events)).routes(routes!(visitor_events))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct ResumeParams {
    /// Where to resume when the client cannot send `Last-Event-ID` (curl, scripts).
    #[param(schema_with = crate::api::grammar::feed_position_schema)]
    after: Option<String>,
}

/// `Last-Event-ID` of a request's or a visitor's stream.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)] // only documents the header, which `resume_point` reads
struct FeedLastEventId {
    /// Resume after this event.
    #[param(rename = "Last-Event-ID", schema_with = crate::api::grammar::feed_header_schema)]
    last_event_id: Option<String>,
}

/// `Last-Event-ID` of the queue stream.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)] // only documents the header, which `resume_point` reads
struct QueueLastEventId {
    /// Resume after this event.
    #[param(rename = "Last-Event-ID", schema_with = crate::api::grammar::event_id_header_schema)]
    last_event_id: Option<String>,
}

/// The position to resume from: `Last-Event-ID` first, then `?after=`; both are checked
/// when both are sent. An empty header is no header.
fn resume_point<T>(
    headers: &HeaderMap,
    after: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, ApiError> {
    let read = |text: &str| {
        parse(text).ok_or_else(|| ApiError::invalid(format!("`{text}` is not an event id this server gave out")))
    };
    let header = headers.get("last-event-id").map(|v| v.to_str().unwrap_or("\u{fffd}")).filter(|v| !v.is_empty());
    let after = after.map(read).transpose()?;
    Ok(header.map(read).transpose()?.or(after))
}

fn feed_cursor(headers: &HeaderMap, params: &ResumeParams) -> Result<FeedCursor, ApiError> {
    Ok(resume_point(headers, params.after.as_deref(), FeedCursor::parse)?.unwrap_or_default())
}

#[utoipa::path(get, path = "/v1/requests/{id}/events", tag = "chat", params(("id" = i64, Path, description = "The request's number in your organization"), ResumeParams, FeedLastEventId), security(("bearer" = [])), responses((status = 200, description = "Server-Sent Events: `message` (Message) and `state` (TimelineEvent); history first", content_type = "text/event-stream", body = LiveEvent), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody), (status = 429, description = "Too many live streams open for this member or address", body = ErrorBody)))]
async fn request_events(
    AxumState(state): AxumState<AppState>,
    client: ClientAddr,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<ResumeParams>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let cursor = feed_cursor(&headers, &params)?;
    let request = RequestId::numbered(caller.org_id(), id);
    state.store.request(caller.org_id(), request).await?.ok_or_else(|| ApiError::request_not_found(id))?;
    let slots = slots(&state, Some(caller.member_id()), client)?;
    Ok(stream(state, Source::Request { org_id: caller.org_id(), id: request.0 }, Cursor::Feed(cursor), slots))
}

#[utoipa::path(get, path = "/v1/public/conversations/{token}/events", tag = "visitors", params(("token" = String, Path, description = "The conversation token"), ResumeParams, FeedLastEventId), responses((status = 200, description = "Server-Sent Events: `message` (Message) and `state` (VisitorStateEvent)", content_type = "text/event-stream", body = Message), (status = 404, body = ErrorBody), (status = 429, description = "Too many live streams open from this address", body = ErrorBody)))]
async fn visitor_events(
    AxumState(state): AxumState<AppState>,
    client: ClientAddr,
    ApiPath(token): ApiPath<String>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<ResumeParams>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let cursor = feed_cursor(&headers, &params)?;
    let conversation = state.store.conversation(hash_token(&token)).await?.ok_or_else(|| {
        ApiError::not_found("this conversation does not exist; start a new one with the request form")
    })?;
    let source = Source::Visitor { org_id: conversation.org_id, visitor_id: conversation.visitor_id };
    let slots = slots(&state, None, client)?;
    Ok(stream(state, source, Cursor::Feed(cursor), slots))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct QueueParams {
    /// [default: every state]
    #[param(schema_with = crate::api::grammar::states_schema)]
    state: Option<String>,
    /// A bot id or name.
    #[param(min_length = 1)]
    bot: Option<String>,
    #[param(value_type = Option<crate::domain::Channel>)]
    channel: Option<String>,
    #[param(schema_with = crate::api::grammar::assignee_schema)]
    assignee: Option<String>,
    /// Where to resume when the client cannot send `Last-Event-ID`.
    #[param(schema_with = crate::api::grammar::event_id_schema)]
    after: Option<String>,
}

#[utoipa::path(get, path = "/v1/events", tag = "chat", params(QueueParams, QueueLastEventId), security(("bearer" = [])), responses((status = 200, description = "Server-Sent Events: `state` (QueueEvent) for every change from now on", content_type = "text/event-stream", body = QueueEvent), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 429, description = "Too many live streams open for this member or address", body = ErrorBody)))]
async fn queue_events(
    AxumState(state): AxumState<AppState>,
    client: ClientAddr,
    caller: Caller,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<QueueParams>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let list = super::requests::ListParams::filters(
        params.state.clone(),
        params.assignee.clone(),
        params.bot.clone(),
        params.channel.clone(),
    );
    let filter = super::requests::filter_from(&state, &caller, &list).await?;
    let assignee = match params.assignee.as_deref() {
        None | Some("any") => None,
        Some("none") => Some(None),
        Some(_) => match filter.assignee {
            crate::store::AssigneeFilter::Member(id) => Some(Some(id)),
            _ => None,
        },
    };
    let queue = QueueFilter {
        // Unlike `list`, a watch with no --state shows every change.
        states: if params.state.is_some() { filter.states } else { Vec::new() },
        bot_id: filter.bot_id,
        channel: filter.channel,
        assignee,
    };
    let after = match resume_point(&headers, params.after.as_deref(), crate::api::grammar::natural)? {
        Some(after) => after,
        None => state.store.queue_head(caller.org_id()).await?,
    };
    let slots = slots(&state, Some(caller.member_id()), client)?;
    Ok(stream(state, Source::Queue { org_id: caller.org_id(), filter: queue }, Cursor::Queue(after), slots))
}
