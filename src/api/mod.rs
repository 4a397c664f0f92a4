//! The JSON wire types of the HTTP API, shared by the server and the client so they cannot
//! drift. Field names here are a documented, stable interface (README: "JSON fields"), and
//! the OpenAPI document's schemas are derived from these definitions.

mod admin;
mod errors;
pub mod grammar;
pub mod integral;
mod schema;
mod webhooks;

pub use admin::*;
pub use errors::ErrorCode;
pub(crate) use schema::written_out_schema;
pub use schema::{role_body as role_body_schema, role_variants, written_out};
pub use webhooks::*;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::domain::{Channel, NoteKind, Presence, Role, RoutingMode, RoutingOrder, SenderKind, State};

/// The most requests one page of `GET /v1/requests` holds.
pub const MAX_PAGE: usize = 500;
/// The most items one `POST /v1/requests/batch` call carries; clients send more in chunks.
pub const MAX_BATCH: usize = 1000;
/// The largest request body any route accepts; batch calls are the largest.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// `{"error": {"code", "message"}}`: every non-2xx answer of the API.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"error": {"code": "invalid_transition", "message": "cannot start a chat on request #42: it is new, and that is possible only when it is assigned or chatting"}}))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable snake_case code a client can branch on.
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Organization {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Member {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The bots a bot admin administers; empty for other roles.
    pub bot_ids: Vec<i64>,
    pub presence: Presence,
    /// When the member was removed: their history stays, their tokens do not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed_at: Option<Timestamp>,
    /// Open requests (assigned or chatting) they hold now; listed by `GET /v1/members`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<u32>,
    /// The most open requests routing gives them: their own capacity, else the
    /// organization's default; listed by `GET /v1/members`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

/// `GET /v1/me`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Me {
    #[serde(flatten)]
    pub member: Member,
    pub organization: Organization,
}

/// A member named in a request's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Assignee {
    pub id: i64,
    pub name: String,
    pub email: String,
}

impl From<&Member> for Assignee {
    fn from(member: &Member) -> Assignee {
        Assignee { id: member.id, name: member.name.clone(), email: member.email.clone() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BotRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Bot {
    pub id: i64,
    pub name: String,
    pub channels: Vec<Channel>,
    pub texts: BotTexts,
    pub form: RequestForm,
    /// The sites that may show the bot's chat page in a frame, as origins
    /// (`https://shop.example`); with none, no site may.
    #[serde(default)]
    #[schema(max_items = 20, value_type = Vec<String>)]
    pub embed_origins: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Visitor {
    pub id: i64,
    /// The platform's user id, which titles a request when the visitor gave no name.
    pub user_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
}

/// Writes a row id of what an organization numbers (a request, note, message or event) as
/// the number the organization knows it by: the row id behind it is the store's alone.
/// A number that arrives from the wire is a number already, and stays one.
fn numbered<S: serde::Serializer>(id: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(crate::store::number(*id))
}

/// A request as lists show it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Request {
    #[serde(serialize_with = "numbered")]
    pub id: i64,
    pub state: State,
    pub title: String,
    pub bot: BotRef,
    pub channel: Channel,
    pub visitor: Visitor,
    /// Who holds the request, as its history names them: not how they are now, so an
    /// archived record reads the same whenever it is exported.
    pub assignee: Option<Assignee>,
    pub created_at: Timestamp,
    pub assigned_at: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    /// From creation to the latest assignment.
    pub time_to_assign_seconds: Option<i64>,
    /// From creation to the latest resolution.
    pub time_to_resolve_seconds: Option<i64>,
    pub updated_at: Timestamp,
    pub version: i64,
    /// The request's labels, in name order.
    #[serde(default)]
    pub labels: Vec<String>,
}

/// Who wrote a note or made a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Author {
    Member {
        id: i64,
        name: String,
        email: String,
    },
    Visitor {
        name: String,
    },
    Server,
    /// The server's routing, which gives waiting requests to members with room.
    Routing,
}

impl Author {
    pub fn display_name(&self) -> &str {
        match self {
            Author::Member { name, .. } | Author::Visitor { name } => name,
            Author::Server => "server",
            Author::Routing => "routing",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Note {
    #[serde(serialize_with = "numbered")]
    pub id: i64,
    pub kind: NoteKind,
    pub author: Author,
    pub body: String,
    /// The submitted fields of a `form` note, in the order the visitor gave them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FormField>>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FormField {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Message {
    #[serde(serialize_with = "numbered")]
    pub id: i64,
    #[serde(serialize_with = "numbered")]
    pub request_id: i64,
    pub sender: SenderKind,
    /// The visitor's, bot's or agent's display name.
    pub sender_name: String,
    pub body: String,
    pub created_at: Timestamp,
}

/// One state change of a request.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TimelineEvent {
    /// Counts the organization's state changes: the queue stream resumes after it.
    #[serde(serialize_with = "numbered")]
    pub id: i64,
    #[serde(serialize_with = "numbered")]
    pub request_id: i64,
    pub at: Timestamp,
    pub actor: Author,
    pub from: Option<State>,
    pub to: State,
    pub assignee: Option<Assignee>,
}

/// An earlier request of the same visitor, with its transcript.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EarlierConversation {
    #[serde(serialize_with = "numbered")]
    pub request_id: i64,
    pub state: State,
    pub created_at: Timestamp,
    pub messages: Vec<Message>,
}

/// `GET /v1/requests/{id}`: the request with everything the portal shows about it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RequestDetail {
    #[serde(flatten)]
    pub request: Request,
    pub notes: Vec<Note>,
    pub messages: Vec<Message>,
    pub earlier_conversations: Vec<EarlierConversation>,
    pub timeline: Vec<TimelineEvent>,
}

/// One page of a list; `next_cursor` is absent on the last page.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// One line of the change feed (`GET /v1/changes`), in the order the changes committed.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A request created or changed since the cursor, as it is now, with its history.
    Changed {
        /// Resume after this line with `after=CURSOR`.
        cursor: String,
        request: Box<ExportedRequest>,
    },
    /// A request deleted since the cursor: its number, and why (`retention`).
    Deleted {
        cursor: String,
        #[serde(serialize_with = "numbered")]
        request_id: i64,
        reason: String,
        at: Timestamp,
    },
    /// The last line: where the next call resumes. Every line before it was delivered;
    /// `more` says the call stopped at its `limit` with changes left.
    End { next_cursor: String, more: bool },
}

/// An organization's retention policy: how long the closed archive is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"closed_after_days": 365, "require_export": true, "audit_kept_days": 400}))]
pub struct RetentionPolicy {
    /// Closed requests are deleted, with everything that belongs to them, this many days
    /// after they closed; absent when the archive is kept for ever (the default).
    pub closed_after_days: Option<u32>,
    /// Whether a closed request is kept, however old, until an export the server took a
    /// receipt for holds it.
    pub require_export: bool,
    /// Audit records are kept this many days: never fewer than 400, whatever the policy.
    pub audit_kept_days: u32,
}

/// The shortest time audit records are kept, whatever the retention policy says.
pub const AUDIT_KEPT_DAYS: u32 = 400;
/// The longest retention a policy may name: a hundred years.
pub const MAX_RETENTION_DAYS: u32 = 36_500;

impl RetentionPolicy {
    pub fn of(closed_after_days: Option<u32>, require_export: bool) -> RetentionPolicy {
        RetentionPolicy {
            closed_after_days,
            require_export,
            audit_kept_days: closed_after_days.unwrap_or(0).max(AUDIT_KEPT_DAYS),
        }
    }
}

/// Body of `PUT /v1/retention`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"closed_after_days": 365, "require_export": true}))]
pub struct RetentionBody {
    /// Days after closing that a closed request is deleted; `null` keeps the archive for ever.
    #[schema(required = true, minimum = 1, maximum = 36500)]
    #[serde(deserialize_with = "integral::option")]
    pub closed_after_days: Option<i64>,
    /// Keep each closed request until an export with a receipt holds it [default: false].
    #[serde(default)]
    pub require_export: bool,
}

/// Body of `POST /v1/requests/export/receipts`: what a finished export of closed requests
/// holds, as its manifest says.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"first_id": 1, "last_id": 5120, "records": 4800, "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "since": "2026-11-01T00:00:00Z", "until": "2026-12-01T00:00:00Z"}))]
pub struct ReceiptBody {
    /// The first and last request numbers the export holds.
    #[schema(minimum = 1)]
    #[serde(deserialize_with = "integral::one")]
    pub first_id: i64,
    #[schema(minimum = 1)]
    #[serde(deserialize_with = "integral::one")]
    pub last_id: i64,
    /// How many requests it holds.
    #[schema(minimum = 1)]
    #[serde(deserialize_with = "integral::one")]
    pub records: i64,
    /// SHA-256 of the file, in hex.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub sha256: String,
    /// The export's window on closing times, as it asked for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Timestamp>,
}

/// An export the server checked and recorded: retention that requires an export may delete
/// what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExportReceipt {
    pub id: i64,
    #[serde(serialize_with = "numbered")]
    pub first_id: i64,
    #[serde(serialize_with = "numbered")]
    pub last_id: i64,
    pub records: i64,
    pub sha256: String,
    pub since: Option<Timestamp>,
    pub until: Option<Timestamp>,
    pub at: Timestamp,
}

/// What a retention sweep deletes: requests with their history, the visitors left with no
/// request, and audit records past their time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RetentionCounts {
    pub requests: u64,
    pub messages: u64,
    pub notes: u64,
    pub events: u64,
    pub deliveries: u64,
    pub visitors: u64,
    pub audit_records: u64,
}

impl std::ops::AddAssign for RetentionCounts {
    fn add_assign(&mut self, other: RetentionCounts) {
        self.requests += other.requests;
        self.messages += other.messages;
        self.notes += other.notes;
        self.events += other.events;
        self.deliveries += other.deliveries;
        self.visitors += other.visitors;
        self.audit_records += other.audit_records;
    }
}

/// `GET /v1/retention/preview`: what the next sweep would delete if it ran now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RetentionPreview {
    pub policy: RetentionPolicy,
    /// Requests closed before this are due; absent when the policy keeps everything.
    pub cutoff: Option<Timestamp>,
    /// When the oldest due request closed.
    pub oldest_closed_at: Option<Timestamp>,
    pub due: RetentionCounts,
    /// Requests old enough to go that are kept because no export with a receipt holds them.
    pub unexported: u64,
}

/// One administrative change, as the audit log keeps it: appended in the transaction that
/// made the change, and never changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"id": 18, "at": "2026-12-04T09:30:00Z", "actor": {"kind": "member", "id": 1, "name": "Ada", "email": "ada@acme.test"}, "action": "member.role", "target": "member:4", "address": "9f86d081884c7d659a2feaa0c55ad015", "summary": {"from": "agent", "to": "bot-admin", "bots": [2]}}))]
pub struct AuditRecord {
    pub id: i64,
    pub at: Timestamp,
    /// A member, or the server acting by itself (`{"kind": "server"}`).
    pub actor: Author,
    /// What was done, as `noun.verb`: `member.role`, `token.create`, `bot.update`, ….
    pub action: String,
    /// What it was done to, as `kind:id`: `member:4`, `bot:2`, `webhook:7`, `retention`.
    pub target: String,
    /// The first 16 bytes of SHA-256 of the caller's address, in hex; absent when the change
    /// came from the server's own machine.
    pub address: Option<String>,
    /// What changed; never a secret.
    #[schema(value_type = Object)]
    pub summary: serde_json::Value,
}

/// Body of `POST /v1/requests/{id}/assign`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"to": "alice@acme.test", "if_version": 3}))]
pub struct AssignBody {
    /// A member id, an email, or `me`.
    #[schema(schema_with = grammar::member_schema)]
    pub to: String,
    #[serde(default, deserialize_with = "integral::option", skip_serializing_if = "Option::is_none")]
    pub if_version: Option<i64>,
}

/// Body of the actions that need no target (`unassign`, `chat/start`, `chat/end`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"if_version": 3}))]
pub struct ConditionBody {
    #[serde(default, deserialize_with = "integral::option", skip_serializing_if = "Option::is_none")]
    pub if_version: Option<i64>,
}

/// Body of `POST /v1/requests/{id}/resolve`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"note": "Refund sent", "if_version": 4}))]
pub struct ResolveBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = grammar::optional_text_schema)]
    pub note: Option<String>,
    #[serde(default, deserialize_with = "integral::option", skip_serializing_if = "Option::is_none")]
    pub if_version: Option<i64>,
}

/// Body of `POST /v1/requests/{id}/notes` and of messages.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"body": "Called back; no answer."}))]
pub struct BodyText {
    #[schema(schema_with = grammar::text_schema)]
    pub body: String,
}

/// The verbs `POST /v1/requests/batch` applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BatchAction {
    Assign,
    Unassign,
    Resolve,
}

/// Body of `POST /v1/requests/batch`: one action over many requests, each applied and
/// committed on its own.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"action": "assign", "items": [{"id": 42, "to": "me", "if_version": 1}, {"id": 43, "to": "bob@acme.test"}]}))]
pub struct BatchBody {
    pub action: BatchAction,
    #[schema(max_items = 1000)]
    pub items: Vec<BatchItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BatchItem {
    #[serde(deserialize_with = "integral::one")]
    pub id: i64,
    /// The member to assign to (`assign` only): an id, an email, or `me`. An item whose
    /// member is not one is answered `invalid` or `not_found` in the results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The resolution note (`resolve` only); an empty one is answered `invalid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Apply only if the request still has this version; otherwise the item is a conflict.
    #[serde(default, deserialize_with = "integral::option", skip_serializing_if = "Option::is_none")]
    pub if_version: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    Unchanged,
    Conflict,
    Forbidden,
    NotFound,
    Invalid,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Unchanged => "unchanged",
            Outcome::Conflict => "conflict",
            Outcome::Forbidden => "forbidden",
            Outcome::NotFound => "not_found",
            Outcome::Invalid => "invalid",
        }
    }

    pub fn is_success(self) -> bool {
        matches!(self, Outcome::Ok | Outcome::Unchanged)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BatchResult {
    #[serde(serialize_with = "numbered")]
    pub id: i64,
    pub outcome: Outcome,
    /// The request after the item, when it exists and is visible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Request>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorDetail>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BatchResponse {
    pub results: Vec<BatchResult>,
}

/// `GET /v1/requests/backlog`: the open queue in one call, for people and CI checks.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Backlog {
    pub new: u64,
    pub assigned: u64,
    pub chatting: u64,
    /// Open requests nobody holds.
    pub unassigned: u64,
    pub oldest_new_created_at: Option<Timestamp>,
    pub oldest_new_age_seconds: Option<i64>,
    /// Every member with the open requests they hold, busiest first.
    pub agents: Vec<AgentLoad>,
    pub generated_at: Timestamp,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AgentLoad {
    pub member: Member,
    pub assigned: u64,
    pub chatting: u64,
}

impl AgentLoad {
    pub fn open(&self) -> u64 {
        self.assigned + self.chatting
    }
}

/// One line of `GET /v1/requests/export`: a request with its whole history.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ExportedRequest {
    #[serde(flatten)]
    pub request: Request,
    pub notes: Vec<Note>,
    pub messages: Vec<Message>,
    pub timeline: Vec<TimelineEvent>,
}

/// Body of `POST /v1/requests/labels`: labels to add to and take from every request named.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"ids": [42, 43], "add": ["refund"], "remove": ["triage"]}))]
pub struct LabelsBody {
    /// Request numbers.
    #[schema(max_items = 1000, min_items = 1)]
    #[serde(deserialize_with = "integral::many")]
    pub ids: Vec<i64>,
    #[serde(default)]
    #[schema(schema_with = grammar::labels_schema)]
    pub add: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = grammar::labels_schema)]
    pub remove: Vec<String>,
}

/// The most labels one call adds or takes away.
pub const MAX_LABELS: usize = 20;

/// A label of the organization and how many of its requests hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LabelCount {
    pub name: String,
    pub requests: u64,
}

/// Where a search found its words in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FoundIn {
    /// A line of the transcript.
    Message,
    /// A note, the visitor's form among them.
    Note,
    /// The request's title, or the visitor's name or email.
    Visitor,
}

/// A piece of a snippet: the words a search matched are pieces of their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SnippetPart {
    pub text: String,
    /// Whether this piece is a word the search asked for.
    #[serde(rename = "match")]
    pub matched: bool,
}

/// `GET /v1/search`: a request a search found, best first.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SearchResult {
    pub request: Request,
    pub found_in: FoundIn,
    /// The best matching text around its first match, in pieces.
    pub snippet: Vec<SnippetPart>,
}

/// An event of a live stream (`GET /v1/requests/{id}/events`, `GET /v1/events`), sent as a
/// Server-Sent Event whose `event:` field is `message` or `state`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum LiveEvent {
    Message(Message),
    State(TimelineEvent),
}

/// A state change on the organization's queue stream, with the request as it is now.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct QueueEvent {
    #[serde(flatten)]
    pub event: TimelineEvent,
    pub request: Request,
}

/// What a visitor's stream says of a state change: the state only, never who made it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VisitorStateEvent {
    #[serde(serialize_with = "numbered")]
    pub request_id: i64,
    pub state: State,
    pub at: Timestamp,
}

/// The median and 90th percentile of a duration, over the requests that have it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Spread {
    pub count: u64,
    pub median_seconds: Option<i64>,
    pub p90_seconds: Option<i64>,
}

impl Spread {
    /// The median and 90th percentile as whole seconds for a table or a pipe, empty where
    /// no request has the duration.
    pub fn seconds(&self) -> [String; 2] {
        [self.median_seconds, self.p90_seconds].map(|v| v.map(|v| v.to_string()).unwrap_or_default())
    }
}

/// The live chat figures of a group of requests.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Figures {
    pub created: u64,
    pub resolved: u64,
    pub closed: u64,
    pub time_to_assign: Spread,
    pub time_to_first_agent_message: Spread,
    pub time_to_resolve: Spread,
}

/// `GET /v1/stats`: the requests created since a time, overall and per channel; and what
/// each member did in the same window, as `GET /v1/stats/members` counts it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Stats {
    pub since: Timestamp,
    pub until: Timestamp,
    #[serde(flatten)]
    pub overall: Figures,
    pub channels: Vec<ChannelFigures>,
    /// Every member who held, was assigned or resolved a request in the window.
    pub members: Vec<MemberLoad>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ChannelFigures {
    pub channel: Channel,
    #[serde(flatten)]
    pub figures: Figures,
}

/// How long each bucket of a series is. Buckets are aligned in UTC: hours on the hour, days
/// at midnight, weeks at Monday midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum BucketSize {
    Hour,
    Day,
    Week,
}

impl BucketSize {
    pub fn seconds(self) -> i64 {
        match self {
            BucketSize::Hour => 3_600,
            BucketSize::Day => 86_400,
            BucketSize::Week => 7 * 86_400,
        }
    }

    /// The start of the bucket holding `t`.
    pub fn floor(self, t: Timestamp) -> Timestamp {
        // 1970-01-05, a Monday, four days after the epoch: weeks start there.
        let offset = if self == BucketSize::Week { 4 * 86_400 } else { 0 };
        let size = self.seconds();
        let start = (t.as_second() - offset).div_euclid(size) * size + offset;
        Timestamp::from_second(start).unwrap_or(t)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            BucketSize::Hour => "hour",
            BucketSize::Day => "day",
            BucketSize::Week => "week",
        }
    }
}

/// How many requests one member resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MemberCount {
    pub member_id: i64,
    pub count: u64,
}

/// One bucket of `GET /v1/stats/series`: what happened from `start` up to `end`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SeriesBucket {
    pub start: Timestamp,
    pub end: Timestamp,
    /// Requests created.
    pub created: u64,
    /// Requests assigned for the first time.
    pub assigned: u64,
    /// Resolutions; a request resolved again after reopening counts again.
    pub resolved: u64,
    pub closed: u64,
    /// From creation to the first assignment, over the requests first assigned here.
    pub time_to_assign: Spread,
    /// From creation to the first agent message, over the first messages written here.
    pub time_to_first_agent_message: Spread,
    /// From creation to resolution, over the resolutions here.
    pub time_to_resolve: Spread,
    /// Requests open (new, assigned or chatting) at `end`.
    pub backlog: u64,
    /// Resolutions per member: the assignee, or who resolved an unassigned request.
    pub resolved_by: Vec<MemberCount>,
}

impl SeriesBucket {
    /// The CSV columns of a series, one row per bucket; piped, `stats --by` prints the same
    /// fields tab-separated.
    pub const CSV_HEADER: &[&str] = &[
        "start",
        "end",
        "created",
        "assigned",
        "resolved",
        "closed",
        "backlog",
        "time_to_assign_median_seconds",
        "time_to_assign_p90_seconds",
        "time_to_first_agent_message_median_seconds",
        "time_to_first_agent_message_p90_seconds",
        "time_to_resolve_median_seconds",
        "time_to_resolve_p90_seconds",
    ];

    /// The bucket's fields in `CSV_HEADER`'s order; durations in seconds, empty where none.
    pub fn fields(&self) -> Vec<String> {
        let mut fields = vec![self.start.to_string(), self.end.to_string()];
        fields.extend([self.created, self.assigned, self.resolved, self.closed, self.backlog].map(|n| n.to_string()));
        for spread in [&self.time_to_assign, &self.time_to_first_agent_message, &self.time_to_resolve] {
            fields.extend(spread.seconds());
        }
        fields
    }
}

/// `GET /v1/stats/series`: the timeline in buckets, oldest first, every bucket present.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Series {
    /// The first bucket's start: `since`, rounded down to a bucket edge.
    pub since: Timestamp,
    pub until: Timestamp,
    pub bucket: BucketSize,
    pub buckets: Vec<SeriesBucket>,
}

/// One member's load and speed over a window.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MemberLoad {
    pub member: Member,
    /// Open requests they hold now.
    pub holding: u64,
    /// Requests first assigned to them in the window.
    pub assigned: u64,
    /// Resolutions credited to them in the window.
    pub resolved: u64,
    /// From creation to their first message, where they wrote a request's first agent message.
    pub time_to_first_agent_message: Spread,
    /// From creation to resolution, over their resolutions.
    pub time_to_resolve: Spread,
}

/// `GET /v1/stats/members`: every member with something in the window, or holding requests.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MemberStats {
    pub since: Timestamp,
    pub until: Timestamp,
    pub members: Vec<MemberLoad>,
}

/// Body of `PATCH /v1/members/{id}`; its schema is written out in `schema.rs`, since
/// `bot_ids` depends on the role.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoleBody {
    pub role: Role,
    /// Required with `bot-admin`: the bots the member administers.
    #[serde(default, deserialize_with = "integral::list", skip_serializing_if = "Option::is_none")]
    pub bot_ids: Option<Vec<i64>>,
}

/// `GET /v1/routing`: how the organization's waiting requests are given out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Routing {
    /// The capacity of a member who has none of their own.
    pub default_capacity: u32,
    /// Every bot's policy, in bot id order.
    pub bots: Vec<BotRouting>,
}

/// One bot's routing policy, with the bot's id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BotRouting {
    #[serde(flatten)]
    pub bot: BotRef,
    pub mode: RoutingMode,
    pub order: RoutingOrder,
}

/// Body of `PUT /v1/bots/{bot}/routing`: what is left out stays as it is.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"mode": "round-robin", "order": "oldest"}))]
pub struct BotRoutingBody {
    #[serde(default)]
    pub mode: Option<RoutingMode>,
    #[serde(default)]
    pub order: Option<RoutingOrder>,
}

/// Body of `PUT /v1/routing`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"default_capacity": 6}))]
pub struct RoutingBody {
    #[serde(deserialize_with = "integral::one")]
    #[schema(minimum = 0, maximum = 1000)]
    pub default_capacity: i64,
}

/// Body of `PUT /v1/members/{member}/capacity`: `null` gives the member the organization's
/// default again; the field is required, so an empty body changes nothing by mistake.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"capacity": 10}))]
pub struct CapacityBody {
    #[serde(deserialize_with = "integral::option")]
    #[schema(minimum = 0, maximum = 1000, nullable, required = true)]
    pub capacity: Option<i64>,
}

/// Body of `PUT /v1/members/me/presence`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"presence": "away"}))]
pub struct PresenceBody {
    pub presence: Presence,
}

/// Answer of `POST /v1/public/bots/{bot}/requests`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PublicRequestCreated {
    #[serde(serialize_with = "numbered")]
    pub request_id: i64,
    /// The visitor's bearer credential for this conversation; shown once.
    pub conversation_token: String,
}

/// Answer of `POST /v1/public/conversations/{token}/messages`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PublicMessageAccepted {
    #[serde(serialize_with = "numbered")]
    pub request_id: i64,
    pub state: State,
    /// The bot's automatic answer; `null` while an agent is chatting.
    pub reply: Option<String>,
}

/// Body of `POST /v1/visitors/erase`: whom to erase, by exactly one of `visitor`, `email`
/// and `user_id`. A field that is present must hold a value: `null` is refused.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EraseBody {
    /// A visitor's id, as a request shows it in `visitor.id`.
    #[serde(default, deserialize_with = "present_integer", skip_serializing_if = "Option::is_none")]
    pub visitor: Option<i64>,
    /// Every visitor of the organization who gave this address; case does not matter.
    #[serde(default, deserialize_with = "present_text", skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `CHANNEL:ID`: the visitor with that user id in any of the organization's bots.
    #[serde(default, deserialize_with = "present_text", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Say what would be erased, and change nothing.
    #[serde(default)]
    pub dry_run: bool,
}

fn present_integer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    integral::one(deserializer).map(Some)
}

fn present_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    String::deserialize(deserializer).map(Some)
}

// Written out in [`erase_body_schema`]: the derive cannot say "exactly one of these".
written_out_schema!(EraseBody, "EraseBody");

/// The schema of `EraseBody`, as the document serves it.
pub fn erase_body_schema() -> serde_json::Value {
    let to_value = |o: utoipa::openapi::schema::Object| serde_json::to_value(o).unwrap_or_default();
    let variant = |key: &str, schema: serde_json::Value| {
        serde_json::json!({
            "type": "object",
            "required": [key],
            "additionalProperties": false,
            "properties": {
                key: schema,
                "dry_run": {"type": "boolean", "description": "Say what would be erased, and change nothing"}
            }
        })
    };
    let visitor = serde_json::json!({
        "type": "integer", "minimum": 1, "maximum": i64::MAX,
        "description": "A visitor's id, as a request shows it in `visitor.id`"
    });
    serde_json::json!({
        "description": "Whom to erase: exactly one of `visitor` (a visitor's id), `email` (every visitor of the \
            organization who gave that address, in any case) or `user_id` (`CHANNEL:ID`, in any of the \
            organization's bots; an id the API shows without its channel, as a web visitor's, takes it in \
            front: `web:visitor-3fa2…`).",
        "oneOf": [
            variant("visitor", visitor),
            variant("email", to_value(grammar::email_schema())),
            variant("user_id", to_value(grammar::user_id_schema())),
        ],
        "example": {"email": "maya@example.com", "dry_run": true}
    })
}

/// Answer of `POST /v1/visitors/erase`: what was erased, or with `dry_run` what would be.
/// A dry run answers exactly what the erasure would, but for `dry_run` itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"dry_run": false, "visitor_ids": [812], "request_ids": [40, 57], "visitors": 1, "requests": 2, "messages": 14, "notes": 3, "conversations": 2, "deliveries": 5}))]
pub struct Erasure {
    /// True when nothing was changed.
    pub dry_run: bool,
    /// The visitors found, by id.
    pub visitor_ids: Vec<i64>,
    /// Their requests, by number.
    pub request_ids: Vec<i64>,
    pub visitors: u64,
    pub requests: u64,
    /// Transcript messages whose text was replaced, the staff's replies among them.
    pub messages: u64,
    /// Notes whose text and form answers were replaced, the staff's among them.
    pub notes: u64,
    /// Conversation tokens ended: the visitor's old links read nothing.
    pub conversations: u64,
    /// Webhook deliveries whose payloads were rewritten without the person, sent or not.
    pub deliveries: u64,
}

/// The start of `date` (midnight UTC), clamped to the times this program can represent:
/// `9999-12-31` is a valid date that starts after the last representable instant.
pub fn start_of_day(date: jiff::civil::Date) -> Timestamp {
    date.to_zoned(jiff::tz::TimeZone::UTC).map(|z| z.timestamp()).unwrap_or(if date.year() > 0 {
        Timestamp::MAX
    } else {
        Timestamp::MIN
    })
}

/// Parses a duration as the API writes one: `90s`, `15m`, `2h`, `1d`, `1h30m`. A day counts
/// as 24 hours. The server reads its duration parameters with this, and the CLI its flags.
pub fn parse_duration(text: &str) -> Result<jiff::SignedDuration, String> {
    let text = text.trim();
    if text.starts_with('-') {
        return Err(format!("`{text}` is negative; durations count back from now, so write `15m`"));
    }
    grammar::duration(text)
        .ok_or_else(|| format!("`{text}` is not a duration; write it like `90s`, `15m`, `2h`, `1d` or `1h30m`"))
}

/// Parses a moment as people write one: an RFC 3339 time, a date (its midnight UTC), or an
/// age like `7d` counted back from `now`. The server reads `since`/`until` with this, and the
/// CLI turns its flags into the absolute times it records with this.
pub fn parse_moment(text: &str, now: Timestamp) -> Result<Timestamp, String> {
    if let Ok(t) = text.parse::<Timestamp>() {
        return Ok(t);
    }
    if let Ok(date) = text.parse::<jiff::civil::Date>() {
        return Ok(start_of_day(date));
    }
    let ago = grammar::duration(text).ok_or_else(|| {
        format!("`{text}` is not a time: write a date (2026-11-01), an RFC 3339 time, or an age like `7d`")
    })?;
    now.checked_sub(ago).map_err(|_| format!("`{text}` reaches too far back"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(parse_duration("90s").unwrap().as_secs(), 90);
        assert_eq!(parse_duration("15m").unwrap().as_secs(), 900);
        assert_eq!(parse_duration("1d").unwrap().as_secs(), 86_400);
        assert_eq!(parse_duration("1h30m").unwrap().as_secs(), 5_400);
        assert!(parse_duration("soon").unwrap_err().contains("`soon` is not a duration"));
        assert!(parse_duration("-5m").unwrap_err().contains("negative"));
    }

    #[test]
    fn moments_are_times_dates_or_ages() {
        let now: Timestamp = "2026-11-30T12:00:00Z".parse().unwrap();
        let at = |text| parse_moment(text, now).map(|t| t.to_string());
        assert_eq!(at("2026-11-01T08:30:00+01:00").unwrap(), "2026-11-01T07:30:00Z");
        assert_eq!(at("2026-11-01").unwrap(), "2026-11-01T00:00:00Z");
        assert_eq!(at("36h").unwrap(), "2026-11-29T00:00:00Z");
        assert!(at("yesterday").unwrap_err().contains("`yesterday` is not a time"));
        assert!(at("99999d").is_ok());
    }
}
