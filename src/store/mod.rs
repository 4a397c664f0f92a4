//! Persistence behind one async interface, so the routes never see SQL. SQLite (embedded)
//! and PostgreSQL (shared by many servers) run the same store logic in `engine`; each backend
//! only translates values and supplies its dialect. Every method is scoped to an organization
//! where the data belongs to one: another organization's rows are simply not found.

mod engine;
mod ids;
mod postgres;
pub mod sql;
mod sqlite;

use std::path::PathBuf;
use std::sync::Arc;

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use tokio::sync::broadcast;

use crate::api::{
    AuditRecord, Backlog, Bot, BotKey, BotRouting, BotTexts, Delivery, Erasure, ExportReceipt, ExportedRequest,
    FormField, FoundIn, Invitation, InvitationStatus, LiveEvent, Me, Member, Note, QueueEvent, Request, RequestDetail,
    RequestForm, RetentionCounts, RetentionPolicy, RetentionPreview, Routing, TokenInfo, Webhook,
};
use crate::domain::{
    Channel, Email, Label, NoteKind, Presence, Role, Roster, RoutingMode, RoutingOrder, SenderKind, State, TeamRefusal,
};

pub use engine::{CopyReport, event_id, fold_counts, merge_feed};
pub use ids::{BotId, MemberId, OrgId, RequestId, VisitorId, number, row_id};
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database failed: {0}")]
    Database(String),
    /// The database cannot be reached now; the call may succeed later.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    #[error("{0}")]
    Duplicate(String),
}

/// Where a store lives, from the `--db` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    SqliteFile(PathBuf),
    SqliteMemory,
    Postgres(String),
}

impl std::str::FromStr for Location {
    type Err = String;

    fn from_str(url: &str) -> Result<Location, String> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Location::Postgres(url.to_string()));
        }
        if url == "sqlite::memory:" {
            return Ok(Location::SqliteMemory);
        }
        let path = url.strip_prefix("sqlite://").unwrap_or(url);
        if path.is_empty() || (path.contains("://") && !url.starts_with("sqlite://")) {
            return Err(format!(
                "`{url}` is not a database this server can use; give `sqlite://PATH`, a file path, or `postgres://USER@HOST/DB`"
            ));
        }
        Ok(Location::SqliteFile(PathBuf::from(path)))
    }
}

/// Connections a PostgreSQL store keeps per server unless told otherwise.
pub const DEFAULT_POOL: u32 = 16;

/// Opens the store at `location`, creating or migrating its schema. Blocking.
pub fn open(location: &Location) -> StoreResult<Arc<dyn Store>> {
    open_with_pool(location, DEFAULT_POOL)
}

/// As `open`, with at most `pool` connections to PostgreSQL (SQLite decides its own).
pub fn open_with_pool(location: &Location, pool: u32) -> StoreResult<Arc<dyn Store>> {
    Ok(match location {
        Location::SqliteFile(path) => Arc::new(sqlite::open_file(path)?),
        Location::SqliteMemory => Arc::new(sqlite::open_memory()?),
        Location::Postgres(url) => Arc::new(postgres::open(url, pool.max(2))?),
    })
}

/// Copies every row of the database at `from` into the empty one at `to` (of either kind),
/// checking row counts and a hash of the whole exported archive on both sides before the
/// copy commits. Blocking.
pub fn copy_database(from: &Location, to: &Location, progress: &mut dyn FnMut(&str, u64)) -> StoreResult<CopyReport> {
    enum Opened {
        Sqlite(SqliteStore),
        Postgres(PostgresStore),
    }
    let open = |location: &Location| -> StoreResult<Opened> {
        Ok(match location {
            Location::SqliteFile(path) => Opened::Sqlite(sqlite::open_file(path)?),
            Location::SqliteMemory => Opened::Sqlite(sqlite::open_memory()?),
            Location::Postgres(url) => Opened::Postgres(postgres::open(url, 2)?),
        })
    };
    match (open(from)?, open(to)?) {
        (Opened::Sqlite(a), Opened::Sqlite(b)) => engine::copy(&mut *a.connection()?, &mut *b.connection()?, progress),
        (Opened::Sqlite(a), Opened::Postgres(b)) => {
            engine::copy(&mut *a.connection()?, &mut *b.connection()?, progress)
        }
        (Opened::Postgres(a), Opened::Sqlite(b)) => {
            engine::copy(&mut *a.connection()?, &mut *b.connection()?, progress)
        }
        (Opened::Postgres(a), Opened::Postgres(b)) => {
            engine::copy(&mut *a.connection()?, &mut *b.connection()?, progress)
        }
    }
}

/// A request that changed, as one server tells the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeNotice {
    pub org_id: i64,
    pub request_id: i64,
    pub visitor_id: i64,
}

/// How many requests of each state a bulk seed writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedPlan {
    pub new: u64,
    pub assigned: u64,
    pub chatting: u64,
    pub resolved: u64,
    pub closed: u64,
    /// How many days back the closed archive reaches; at least 2.
    pub archive_days: u64,
}

impl SeedPlan {
    pub fn total(&self) -> u64 {
        self.new + self.assigned + self.chatting + self.resolved + self.closed
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Which requests a list wants. Empty `states` means every state.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    pub states: Vec<State>,
    pub assignee: AssigneeFilter,
    pub bot_id: Option<i64>,
    pub channel: Option<Channel>,
    pub created_before: Option<Timestamp>,
    pub created_after: Option<Timestamp>,
    /// Only requests whose transcript, notes or visitor hold every word.
    pub search: Option<SearchTerms>,
    /// Only requests with this label.
    pub label: Option<Label>,
}

/// The words of a search as both stores' indexes split and fold them: runs of letters and
/// digits, lowercased. A request matches when one of its texts holds every word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerms(Vec<String>);

impl SearchTerms {
    /// More words than this narrow nothing a person means; the rest are dropped.
    pub const MOST_WORDS: usize = 16;
    /// A word longer than this is no word the index holds.
    pub const LONGEST_WORD: usize = 64;
    /// The longest search text taken, in characters: far past any question.
    pub const LONGEST_TEXT: usize = crate::api::grammar::MAX_SEARCH_CHARS;

    /// The words of `text`; none when it has no letter or digit.
    pub fn parse(text: &str) -> Option<SearchTerms> {
        let mut words: Vec<String> = Vec::new();
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            let word: String = word.to_lowercase().chars().take(Self::LONGEST_WORD).collect();
            if !words.contains(&word) && words.len() < Self::MOST_WORDS {
                words.push(word);
            }
        }
        (!words.is_empty()).then_some(SearchTerms(words))
    }

    pub fn words(&self) -> &[String] {
        &self.0
    }
}

/// A request a search found, with the text that matched best.
#[derive(Debug, Clone)]
pub struct SearchHit {
    pub request: Request,
    pub found_in: FoundIn,
    pub text: String,
}

/// What analytics need of one request; durations in seconds from its creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsRow {
    pub channel: Channel,
    pub assignee: Option<i64>,
    pub state: State,
    pub to_assign: Option<i64>,
    pub to_first_agent_message: Option<i64>,
    pub to_resolve: Option<i64>,
}

/// Which requests analytics count: all of an organization's, or only some bots' (a bot
/// admin's), or one channel's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeriesScope {
    pub bot_ids: Option<Vec<i64>>,
    pub channel: Option<Channel>,
}

/// A moment in a request's life that analytics count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Milestone {
    Created,
    /// The first time the request was assigned; reassignments are not counted again.
    FirstAssigned,
    /// The first message an agent wrote on the request.
    FirstAgentMessage,
    /// From an open state; a request resolved again after reopening counts again.
    Resolved,
    Closed,
    /// Back to the open queue from resolved or closed.
    Reopened,
}

impl Milestone {
    /// How the milestone changes the count of open requests.
    pub fn open_delta(self) -> i64 {
        match self {
            Milestone::Created | Milestone::Reopened => 1,
            Milestone::Resolved => -1,
            Milestone::FirstAssigned | Milestone::FirstAgentMessage | Milestone::Closed => 0,
        }
    }
}

/// One milestone of the timeline, with the request's creation for the durations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelinePoint {
    pub at: Timestamp,
    pub milestone: Milestone,
    pub created_at: Timestamp,
    /// Who: the assignee for assignments and resolutions (else who resolved), the writer of
    /// an agent message.
    pub member: Option<i64>,
}

/// The timeline of a window, read in one snapshot with the open count at its end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WindowTimeline {
    pub points: Vec<TimelinePoint>,
    /// Requests open at the window's end.
    pub open_at_end: i64,
    /// Open requests held now, per assignee.
    pub holding: Vec<(i64, u64)>,
}

/// Whose conversation a live stream follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedScope {
    /// One request: what members see.
    Request(RequestId),
    /// Every request of one visitor: what the visitor sees, across reopenings and new requests.
    Visitor(VisitorId),
}

/// How far a live stream has got: the numbers of the last timeline event and message it
/// delivered, as the organization counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeedCursor {
    pub event: i64,
    pub message: i64,
}

impl FeedCursor {
    /// Moves past an item that was delivered.
    pub fn advance(&mut self, item: &LiveEvent) {
        match item {
            LiveEvent::Message(m) => self.message = self.message.max(number(m.id)),
            LiveEvent::State(e) => self.event = self.event.max(number(e.id)),
        }
    }

    /// The SSE `id:` of a position: `EVENT.MESSAGE`.
    pub fn to_id(self) -> String {
        format!("{}.{}", self.event, self.message)
    }

    pub fn parse(text: &str) -> Option<FeedCursor> {
        let (event, message) = text.split_once('.')?;
        use crate::api::grammar::natural;
        Some(FeedCursor { event: natural(event)?, message: natural(message)? })
    }
}

/// Where a change feed has got: the change number of the last line it delivered, and the
/// number of that line's request (changes of one number are in request order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct ChangeCursor {
    pub seq: i64,
    pub request: i64,
}

impl ChangeCursor {
    /// `SEQ.REQUEST`, as the API hands it out.
    pub fn to_text(self) -> String {
        format!("{}.{}", self.seq, self.request)
    }

    pub fn parse(text: &str) -> Option<ChangeCursor> {
        let (seq, request) = text.split_once('.')?;
        use crate::api::grammar::natural;
        Some(ChangeCursor { seq: natural(seq)?, request: natural(request)? })
    }
}

/// One item of the change feed, as the store reads it.
#[derive(Debug, Clone)]
pub enum FeedChange {
    Changed(ChangeCursor, Box<ExportedRequest>),
    Deleted { cursor: ChangeCursor, reason: String, at: Timestamp },
}

impl FeedChange {
    pub fn cursor(&self) -> ChangeCursor {
        match self {
            FeedChange::Changed(cursor, _) | FeedChange::Deleted { cursor, .. } => *cursor,
        }
    }
}

/// An export's receipt, as the store checks and keeps it: request row ids.
#[derive(Debug, Clone)]
pub struct NewReceipt {
    pub first_id: i64,
    pub last_id: i64,
    pub records: u64,
    pub sha256: String,
    pub since: Option<Timestamp>,
    pub until: Option<Timestamp>,
}

/// Which requests an export streams.
#[derive(Debug, Clone, Default)]
pub struct ExportFilter {
    pub states: Vec<State>,
    /// Only requests whose transcript, notes or visitor hold every word.
    pub search: Option<SearchTerms>,
    /// Only requests with this label.
    pub label: Option<Label>,
    /// Only these bots (a bot admin exports only their own); empty means every bot.
    pub bot_ids: Vec<i64>,
    pub closed_since: Option<Timestamp>,
    pub closed_until: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AssigneeFilter {
    #[default]
    Any,
    Nobody,
    Member(i64),
}

/// The keyset position after the last row of a page, in queue order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueuePosition {
    pub state: State,
    pub created_at_ms: i64,
    pub id: i64,
}

impl QueuePosition {
    pub fn of(request: &Request) -> QueuePosition {
        QueuePosition { state: request.state, created_at_ms: request.created_at.as_millisecond(), id: request.id }
    }
}

/// Who makes an administrative change, as the audit log records it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Audit {
    /// The member acting; `None` when the server acts by itself.
    pub actor: Option<MemberId>,
    /// The first 16 bytes of SHA-256 of the caller's address, when the call came over a socket.
    pub address: Option<[u8; 16]>,
}

impl Audit {
    /// The server acting by itself, or a command run on the server's machine.
    pub const SERVER: Audit = Audit { actor: None, address: None };

    /// A member acting from no known address.
    pub fn member(id: MemberId) -> Audit {
        Audit { actor: Some(id), address: None }
    }
}

/// Which audit records a read wants, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<MemberId>,
    /// An action (`bot.update`), or a family of them (`bot`).
    pub action: Option<String>,
    /// A target as records name it (`bot:3`).
    pub target: Option<String>,
    pub since: Option<Timestamp>,
    pub until: Option<Timestamp>,
    /// Only records older than this one: the page cursor.
    pub before: Option<i64>,
}

/// Who made a change, as the timeline records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeActor {
    Member(i64),
    Visitor,
    Server,
    Routing,
}

/// Looks at a request as it is inside a write transaction, with the members that may take it
/// as the same transaction locked them, and says what to write, if anything. It runs on the
/// store's thread, so it must not block.
pub type Decide = Box<dyn FnOnce(&Request, &Roster) -> Option<ChangeRecord> + Send>;

/// A decided state change, ready to be written if the request still has `expected_version`.
#[derive(Debug, Clone)]
pub struct ChangeRecord {
    pub from: State,
    pub to: State,
    pub assignee: Option<i64>,
    pub actor: ChangeActor,
    pub at: Timestamp,
    /// Added as a `resolution` note in the same transaction.
    pub resolution_note: Option<String>,
    /// Added to the transcript in the same transaction, e.g. "the bot is paused".
    pub transcript: Vec<NewMessage>,
}

#[derive(Debug, Clone)]
pub struct NewMessage {
    pub sender: SenderKind,
    pub member_id: Option<i64>,
    pub body: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewNote {
    pub kind: NoteKind,
    pub author_member_id: Option<i64>,
    pub body: String,
    pub fields: Option<Vec<FormField>>,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewMember {
    pub email: Email,
    pub name: String,
    pub role: Role,
    pub bot_ids: Vec<i64>,
    pub presence: Presence,
}

/// A token to store: only its digest.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub hash: [u8; 32],
    pub name: String,
    pub expires_at: Option<Timestamp>,
}

impl NewToken {
    /// A token that never expires.
    pub fn named(hash: [u8; 32], name: &str) -> NewToken {
        NewToken { hash, name: name.to_string(), expires_at: None }
    }
}

/// Who a token is: the member, and which of their tokens it is.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub me: Me,
    pub token_id: i64,
}

#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub email: Email,
    pub name: Option<String>,
    pub role: Role,
    pub bot_ids: Vec<i64>,
    /// SHA-256 of the code; the code itself is never stored.
    pub hash: [u8; 32],
    pub created_by: MemberId,
    pub expires_at: Timestamp,
}

/// What `Store::accept_invitation` did.
#[derive(Debug, Clone)]
pub enum Acceptance {
    Joined(Authenticated),
    /// No invitation has this code.
    Unknown,
    /// The invitation was accepted, revoked or has expired.
    Spent(InvitationStatus),
    /// Someone with that email is an active member already.
    AlreadyMember,
}

/// What a change to the team did: done, no such member, or refused by the team's rules
/// (`domain::team`), decided inside the change's transaction.
#[derive(Debug, Clone)]
pub enum TeamChange<T> {
    Done(T),
    NotFound,
    Refused(TeamRefusal),
}

#[derive(Debug, Clone)]
pub struct NewBot {
    pub name: String,
    pub channels: Vec<Channel>,
    pub texts: BotTexts,
    pub form: RequestForm,
}

impl NewBot {
    /// A bot with the default texts and form.
    pub fn named(name: &str, channels: &[Channel]) -> NewBot {
        NewBot {
            name: name.into(),
            channels: channels.to_vec(),
            texts: BotTexts::default(),
            form: RequestForm::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewWebhook {
    pub url: String,
    pub events: Vec<crate::api::WebhookEvent>,
    pub bot_id: Option<i64>,
    pub secret: String,
}

/// A delivery a server has claimed to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub id: i64,
    pub webhook_id: i64,
    pub url: String,
    pub secret: String,
    pub payload: String,
    /// Attempts before this one.
    pub attempts: i64,
    pub created_at: Timestamp,
}

/// How an attempt to deliver went.
#[derive(Debug, Clone)]
pub enum Settlement {
    Delivered {
        status: i64,
    },
    /// Failed; try again at `next_at`.
    Retry {
        status: Option<i64>,
        error: String,
        next_at: Timestamp,
    },
    /// Failed for too long: the delivery fails and its hook is disabled.
    GiveUp {
        status: Option<i64>,
        error: String,
    },
}

/// A visitor's request to talk to a person, as the public form or a seed creates it.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub bot_id: i64,
    pub channel: Channel,
    pub user_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub form: Option<NewNote>,
    /// The conversation so far: what the visitor said to the bot before asking for a person.
    pub transcript: Vec<NewMessage>,
    pub at: Timestamp,
    /// SHA-256 of the conversation token the visitor will hold, if any.
    pub conversation_hash: Option<[u8; 32]>,
    /// The visitor's newest request, which this one follows (a message after the archive);
    /// if another has been opened since, nothing is written.
    pub follows: Option<i64>,
    /// The client address's cap on open requests, for forms that arrive over the public API.
    pub origin: Option<OriginCap>,
}

/// The most open requests one client address may hold in an organization at once.
#[derive(Debug, Clone, Copy)]
pub struct OriginCap {
    /// A digest of the address: the cap needs only to tell addresses apart.
    pub digest: [u8; 16],
    pub most_open: u32,
}

/// What `Store::open_request` did.
#[derive(Debug, Clone)]
pub enum Opened {
    Created(Request),
    /// The visitor's newest request is no longer the one this followed: nothing was written.
    Superseded,
    /// The visitor already has this request open: one at a time.
    VisitorHasOpen(i64),
    /// The address already holds its cap of open requests.
    OriginFull,
}

/// Whom an erasure looks for, in one organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Erasee {
    Visitor(VisitorId),
    /// Every visitor whose record or request gave this address, in any ASCII case.
    Email(Email),
    /// The visitor with this channel user id, in any of the organization's bots: stored as
    /// `CHANNEL:ID` (an integration's), or as the bare id of a visitor who wrote on the channel
    /// (the web form's, which the server makes).
    UserId(Channel, String),
}

/// A conversation token's view: the visitor's newest request.
#[derive(Debug, Clone)]
pub struct Conversation {
    pub org_id: OrgId,
    pub bot: Bot,
    pub channel: Channel,
    pub visitor_id: VisitorId,
    pub request: Request,
}

/// Every store method, listed once: the `Store` trait and each wrapper of it (the server's
/// timing) are made from this list by handing it to a macro, `store_methods!(then)`. A
/// method marked `write` changes the database, and moves its organization's write
/// generation (`Store::generation`); a contract test calls each one and checks that.
macro_rules! store_methods {
    ($then:ident) => {
        $then! {
            /// The member and organization a live token belongs to; notes when it was used.
            read fn authenticate(&self, token_hash: [u8; 32], now: Timestamp) -> StoreResult<Option<Authenticated>>;
            write fn create_organization(&self, name: &str, admin: NewMember) -> StoreResult<Me>;
            write fn add_member(&self, org_id: OrgId, member: NewMember, by: Audit) -> StoreResult<Member>;
            write fn add_token(&self, member_id: MemberId, token: NewToken, by: Audit) -> StoreResult<TokenInfo>;
            /// The organization's tokens that are not revoked, or only `owner`'s.
            read fn tokens(&self, org_id: OrgId, owner: Option<MemberId>) -> StoreResult<Vec<TokenInfo>>;
            /// Revokes a token of the organization (only of `owner`, if given); `None` if not found.
            write fn revoke_token(&self, org_id: OrgId, token_id: i64, owner: Option<MemberId>, now: Timestamp, by: Audit) -> StoreResult<Option<TokenInfo>>;
            /// `Duplicate` if the email is an active member's or has a pending invitation.
            write fn create_invitation(&self, org_id: OrgId, invitation: NewInvitation, by: Audit) -> StoreResult<TeamChange<Invitation>>;
            read fn invitations(&self, org_id: OrgId, now: Timestamp) -> StoreResult<Vec<Invitation>>;
            write fn revoke_invitation(&self, org_id: OrgId, id: i64, now: Timestamp, by: Audit) -> StoreResult<Option<Invitation>>;
            /// Keeps a dashboard sign-in code (its digest) for a member until it expires.
            write fn add_sign_in_code(&self, member_id: MemberId, hash: [u8; 32], expires_at: Timestamp) -> StoreResult<()>;
            /// Spends a sign-in code for a session token, once however many servers race for it;
            /// `None` if the code is unknown, spent or expired.
            write fn redeem_sign_in_code(&self, hash: [u8; 32], session: NewToken, now: Timestamp, by: Audit) -> StoreResult<Option<TokenInfo>>;
            /// Turns an invitation's code into a member and their first token, once.
            write fn accept_invitation(&self, code_hash: [u8; 32], token: NewToken, now: Timestamp, by: Audit) -> StoreResult<Acceptance>;
            /// Removes a member who holds no open request and revokes their tokens.
            write fn remove_member(&self, org_id: OrgId, actor: MemberId, member_id: MemberId, now: Timestamp, by: Audit) -> StoreResult<TeamChange<Member>>;
            write fn add_bot(&self, org_id: OrgId, bot: NewBot, by: Audit) -> StoreResult<Bot>;
            read fn bot(&self, org_id: OrgId, bot_id: BotId) -> StoreResult<Option<Bot>>;
            /// Writes every setting of `bot`; `None` if the organization has no such bot.
            write fn update_bot(&self, org_id: OrgId, bot: Bot, by: Audit) -> StoreResult<Option<Bot>>;
            /// `None` if the organization has no such bot.
            write fn add_bot_key(&self, org_id: OrgId, bot_id: BotId, hash: [u8; 32], name: &str, by: Audit) -> StoreResult<Option<BotKey>>;
            /// A bot's live keys; `None` if the organization has no such bot.
            read fn bot_keys(&self, org_id: OrgId, bot_id: BotId) -> StoreResult<Option<Vec<BotKey>>>;
            write fn revoke_bot_key(&self, org_id: OrgId, bot_id: BotId, key_id: i64, now: Timestamp, by: Audit) -> StoreResult<Option<BotKey>>;
            /// The bot a live integration key belongs to, with its organization; notes the use.
            read fn bot_by_key(&self, key_hash: [u8; 32], now: Timestamp) -> StoreResult<Option<(OrgId, Bot)>>;
            /// Whether any member of the organization is online, for the bot's presence-aware reply.
            read fn anyone_online(&self, org_id: OrgId) -> StoreResult<bool>;
            write fn add_webhook(&self, org_id: OrgId, hook: NewWebhook, by: Audit) -> StoreResult<Webhook>;
            read fn webhooks(&self, org_id: OrgId) -> StoreResult<Vec<Webhook>>;
            /// Removes a hook and gives up on what it had not delivered.
            write fn remove_webhook(&self, org_id: OrgId, id: i64, now: Timestamp, by: Audit) -> StoreResult<Option<Webhook>>;
            /// Newest first; of one hook and only the failing ones, if asked.
            read fn deliveries(&self, org_id: OrgId, webhook: Option<i64>, failed_only: bool, limit: usize) -> StoreResult<Vec<Delivery>>;
            read fn delivery(&self, org_id: OrgId, id: i64) -> StoreResult<Option<Delivery>>;
            /// Sends a delivery again from its first attempt; re-enables its hook.
            write fn redeliver(&self, org_id: OrgId, id: i64, now: Timestamp, by: Audit) -> StoreResult<Option<Delivery>>;
            /// Queues a `webhook.test` event for a hook.
            write fn enqueue_test(&self, org_id: OrgId, webhook: i64, now: Timestamp, by: Audit) -> StoreResult<Option<Delivery>>;
            /// Claims due deliveries, across organizations, for `lease_ms`: one server sends each.
            write fn claim_deliveries(&self, now: Timestamp, lease_ms: i64, limit: usize) -> StoreResult<Vec<Outgoing>>;
            write fn settle_delivery(&self, id: i64, outcome: Settlement, now: Timestamp) -> StoreResult<()>;
            read fn members(&self, org_id: OrgId) -> StoreResult<Vec<Member>>;
            read fn member(&self, org_id: OrgId, member_id: MemberId) -> StoreResult<Option<Member>>;
            read fn member_by_email(&self, org_id: OrgId, email: &str) -> StoreResult<Option<Member>>;
            write fn set_role(&self, org_id: OrgId, actor: MemberId, member_id: MemberId, role: Role, bot_ids: &[i64], by: Audit) -> StoreResult<TeamChange<Member>>;
            write fn set_presence(&self, org_id: OrgId, member_id: MemberId, presence: Presence) -> StoreResult<Option<Member>>;
            /// The organization's default capacity and every bot's routing policy.
            read fn routing(&self, org_id: OrgId) -> StoreResult<Routing>;
            write fn set_default_capacity(&self, org_id: OrgId, capacity: u32, by: Audit) -> StoreResult<Routing>;
            /// `None` if the bot is not the organization's.
            write fn set_bot_routing(&self, org_id: OrgId, bot_id: BotId, mode: Option<RoutingMode>, order: Option<RoutingOrder>, by: Audit) -> StoreResult<Option<BotRouting>>;
            /// `None` if the member is not the organization's; a `None` capacity takes the default.
            write fn set_capacity(&self, org_id: OrgId, member_id: MemberId, capacity: Option<u32>, by: Audit) -> StoreResult<Option<Member>>;
            /// Gives waiting requests of routed bots to online members with room, as their bots'
            /// policies say, exactly once however many servers route at once: in the organization,
            /// or in every organization with a routed bot if `None`. Returns what it assigned.
            write fn route(&self, org_id: Option<OrgId>) -> StoreResult<Vec<(OrgId, Request)>>;
            /// The organization's retention policy.
            read fn retention(&self, org_id: OrgId) -> StoreResult<RetentionPolicy>;
            /// Sets it; `None` keeps the closed archive for ever.
            write fn set_retention(&self, org_id: OrgId, closed_after_days: Option<u32>, require_export: bool, by: Audit) -> StoreResult<RetentionPolicy>;
            /// Keeps an export's receipt if the archive holds what it says; else how many closed
            /// requests the archive holds in its range and window.
            write fn take_receipt(&self, org_id: OrgId, receipt: NewReceipt, by: Audit) -> StoreResult<Result<ExportReceipt, u64>>;
            /// What the next retention sweep of the organization would delete if it ran at `now`.
            read fn retention_preview(&self, org_id: OrgId, now: Timestamp) -> StoreResult<RetentionPreview>;
            /// One batch of the retention sweep: at most `limit` due requests of each organization
            /// with a policy, deleted with their history, each exactly once however many servers
            /// sweep. What it deleted, per organization.
            write fn sweep_retention(&self, now: Timestamp, limit: usize) -> StoreResult<Vec<(OrgId, RetentionCounts)>>;
            /// Up to `limit` requests of the organization created, changed or deleted after `after`,
            /// in the order their changes committed; each changed request once, as it is now.
            read fn changes_after(&self, org_id: OrgId, after: ChangeCursor, limit: usize) -> StoreResult<Vec<FeedChange>>;
            /// The organization's audit records matching `filter`, newest first.
            read fn audit_log(&self, org_id: OrgId, filter: AuditFilter, limit: usize) -> StoreResult<Vec<AuditRecord>>;
            read fn bots(&self, org_id: OrgId) -> StoreResult<Vec<Bot>>;
            /// A bot by id, across organizations, for the public endpoints; with its organization.
            read fn public_bot(&self, bot_id: BotId) -> StoreResult<Option<(OrgId, Bot)>>;
            /// Up to `limit` requests in queue order (new first, newest first), after `after`.
            read fn list_requests(&self, org_id: OrgId, filter: &RequestFilter, after: Option<QueuePosition>, limit: usize) -> StoreResult<Vec<Request>>;
            /// The requests one of whose texts holds every word of `filter.search`, best first,
            /// each once; the filter's other conditions hold too. Nothing without words.
            read fn search(&self, org_id: OrgId, filter: &RequestFilter, limit: usize) -> StoreResult<Vec<SearchHit>>;
            /// Adds `add` to and takes `remove` from each of the organization's requests named, in
            /// one transaction: for each, its labels before and the request after; nothing for a
            /// request not in the organization.
            write fn relabel(&self, org_id: OrgId, ids: Vec<RequestId>, add: Vec<Label>, remove: Vec<Label>) -> StoreResult<Vec<Option<(Vec<String>, Request)>>>;
            /// The organization's labels with how many requests hold each, most used first.
            read fn label_counts(&self, org_id: OrgId) -> StoreResult<Vec<(String, u64)>>;
            read fn request(&self, org_id: OrgId, id: RequestId) -> StoreResult<Option<Request>>;
            read fn request_detail(&self, org_id: OrgId, id: RequestId) -> StoreResult<Option<RequestDetail>>;
            /// Writes `change` if the request still has `expected_version`; `None` if it moved on.
            write fn apply_change(&self, org_id: OrgId, id: RequestId, expected_version: i64, change: ChangeRecord) -> StoreResult<Option<Request>>;
            /// For each `(id, decide)` in order, in a transaction of its own: reads the request, asks
            /// `decide` what to write, and writes it. Returns each request as it ended, `None` for
            /// one that does not exist in the organization.
            /// `takers` are the members the items may give requests to: they are locked shared and
            /// handed to each `decide`, so a removal cannot slip between the decision and the commit.
            write fn decide_each(&self, org_id: OrgId, items: Vec<(RequestId, Decide)>, takers: Vec<MemberId>) -> StoreResult<Vec<Option<Request>>>;
            /// Appends a note unless the request is closed; `None` if it is closed or missing.
            write fn add_note(&self, org_id: OrgId, id: RequestId, note: NewNote) -> StoreResult<Option<Note>>;
            /// Appends transcript messages to a request still at `expected_version`; their ids, in
            /// order, once committed.
            write fn add_messages(&self, id: RequestId, expected_version: i64, messages: Vec<NewMessage>) -> StoreResult<Option<Vec<i64>>>;
            /// Creates the visitor if needed, the request, its form note, transcript and first event;
            /// `None` if `request.follows` is no longer the visitor's newest request.
            write fn open_request(&self, org_id: OrgId, request: NewRequest) -> StoreResult<Opened>;
            read fn conversation(&self, token_hash: [u8; 32]) -> StoreResult<Option<Conversation>>;
            /// Erases a person: the name, email and user id of every visitor `whom` finds, and from
            /// each of their requests the visitor, title, transcript, notes, client-address digest,
            /// conversation tokens and webhook payloads, in one transaction. Rows, states, times and
            /// timelines stay. With `dry_run`, only says what it would erase. `None` if `whom`
            /// finds nobody.
            write fn erase_visitor(&self, org_id: OrgId, whom: Erasee, dry_run: bool, now: Timestamp, by: Audit) -> StoreResult<Option<Erasure>>;
            /// Counts of the open queue, computed in the database: never by paging requests.
            read fn backlog(&self, org_id: OrgId, filter: &RequestFilter, now: Timestamp) -> StoreResult<Backlog>;
            /// Up to `limit` requests after `after_id` in id order, each with notes, messages and
            /// timeline; `filter.closed_*` bound the closing time.
            read fn export_page(&self, org_id: OrgId, filter: &ExportFilter, after_id: RequestId, limit: usize) -> StoreResult<Vec<ExportedRequest>>;
            /// What happened in a conversation after `after`, in time order: messages and state
            /// changes, at most `limit` of each kind.
            read fn feed(&self, org_id: OrgId, scope: FeedScope, after: FeedCursor, limit: usize) -> StoreResult<Vec<LiveEvent>>;
            /// The organization's state changes after the timeline event `after`, with each request
            /// as it is now.
            read fn queue_feed(&self, org_id: OrgId, after: i64, limit: usize) -> StoreResult<Vec<QueueEvent>>;
            /// One row per request created since `since`, for analytics.
            read fn stats_rows(&self, org_id: OrgId, since: Timestamp, bots: Option<Vec<i64>>) -> StoreResult<Vec<StatsRow>>;
            /// The milestones of requests in `scope` from `since` up to `until`, in time order.
            read fn window_timeline(&self, org_id: OrgId, scope: SeriesScope, since: Timestamp, until: Timestamp) -> StoreResult<WindowTimeline>;
            /// Open requests per state, across every organization, for the metrics.
            read fn open_counts(&self) -> StoreResult<Vec<(State, u64)>>;
            /// The number of the organization's newest timeline event: where a queue stream that
            /// starts now begins. Scoped to the organization because only its own events commit in
            /// number order.
            read fn queue_head(&self, org_id: OrgId) -> StoreResult<i64>;
            /// The organization's write generation: it moves in every transaction that writes
            /// anything of the organization, so two equal readings bracket no change.
            read fn generation(&self, org_id: OrgId) -> StoreResult<i64>;
            /// True when no organization exists yet: a fresh database.
            read fn is_empty(&self) -> StoreResult<bool>;
            /// Closes every resolved request whose reopening `window` has passed by `now`, each
            /// exactly once however many servers sweep; returns how many this call closed.
            write fn archive_due(&self, window: SignedDuration, now: Timestamp) -> StoreResult<u64>;
            /// Writes realistic requests in bulk for benchmarks and load tests.
            write fn bulk_seed(&self, org_id: OrgId, bots: Vec<(BotId, Channel)>, agents: Vec<MemberId>, plan: SeedPlan, now: Timestamp) -> StoreResult<()>;
        }
    };
}
pub(crate) use store_methods;

/// Makes the trait, and `METHODS`, from the list.
macro_rules! store_trait {
    ($($(#[$doc:meta])* $kind:ident fn $name:ident(&self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)*) => {
        #[async_trait]
        pub trait Store: Send + Sync + 'static {
            $($(#[$doc])* async fn $name(&self $(, $arg: $ty)*) -> $ret;)*

            /// Changes committed by other processes on the same database, for backends shared by
            /// several servers; `None` in the stream means "anything may have changed".
            fn changes(&self) -> Option<broadcast::Receiver<Option<ChangeNotice>>> {
                None
            }
        }

        /// Every store method by name, and whether it writes.
        pub const METHODS: &[(&str, bool)] = &[$((stringify!($name), store_trait!(@writes $kind))),*];
    };
    (@writes write) => { true };
    (@writes read) => { false };
}

store_methods!(store_trait);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_pick_their_backend() {
        let file = |p: &str| Location::SqliteFile(PathBuf::from(p));
        assert_eq!("sqlite:///var/lib/x.db".parse(), Ok(file("/var/lib/x.db")));
        assert_eq!("data/x.db".parse(), Ok(file("data/x.db")));
        assert_eq!("sqlite::memory:".parse(), Ok(Location::SqliteMemory));
        assert_eq!(
            "postgres://root@127.0.0.1/db".parse(),
            Ok(Location::Postgres("postgres://root@127.0.0.1/db".into()))
        );
        assert!("mysql://root@host/db".parse::<Location>().is_err());
        assert!("".parse::<Location>().is_err());
    }

    #[tokio::test]
    async fn the_copy_moves_every_table_that_holds_data() {
        use sql::Conn as _;
        let store = sqlite::open_memory().unwrap();
        let mut tables: Vec<String> = store
            .run(|c| c.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", &[]))
            .await
            .unwrap()
            .iter_mut()
            .map(|r| r.str(0).unwrap())
            .collect();
        // A derived table's own tables (an FTS5 index's) go with it.
        tables.retain(|t| !engine::DERIVED_TABLES.iter().any(|d| t == d || t.starts_with(&format!("{d}_"))));
        let mut copied: Vec<String> = engine::copied_tables().iter().map(|t| t.to_string()).collect();
        copied.sort();
        assert_eq!(tables, copied, "a new table must be added to the copy (or named derived)");
    }
}
