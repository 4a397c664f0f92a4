//! The store's logic, written once over `Conn` and shared by SQLite and PostgreSQL. A
//! backend supplies a pool of connections; every call runs on tokio's blocking threads, so a
//! slow disk or network never stalls the async runtime.

mod changes;
mod copy;
mod history;
mod members;
mod queue;
mod requests;
mod rows;
mod seed;

use std::sync::Arc;

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use r2d2::{ManageConnection, Pool};
use tokio::sync::{Semaphore, broadcast};

pub use copy::{CopyReport, copy};
#[cfg(test)]
pub use copy::{DERIVED_TABLES, copied_tables};
pub use history::merge_feed;
pub use queue::fold_counts;

use super::sql::{Conn, Value};
use super::{
    BotId, ChangeNotice, ChangeRecord, Conversation, Decide, ExportFilter, FeedCursor, FeedScope, MemberId, NewMember,
    NewMessage, NewNote, NewRequest, Opened, OrgId, QueuePosition, RequestFilter, RequestId, SeedPlan, StatsRow, Store,
    StoreError, StoreResult,
};
use crate::api::{
    Backlog, Bot, ExportedRequest, LiveEvent, Me, Member, Message, Note, QueueEvent, Request, RequestDetail,
};
use crate::domain::{Channel, Presence, Role, State};

/// Where a backend's changes from other processes come from, if it can tell.
pub trait ChangeFeed: Send + Sync + 'static {
    fn subscribe(&self) -> broadcast::Receiver<Option<ChangeNotice>>;
}

pub struct SqlStore<M: ManageConnection> {
    pool: Pool<M>,
    changes: Option<Box<dyn ChangeFeed>>,
    /// One permit per pooled connection: calls past the pool's size wait here, as tasks,
    /// instead of each taking a blocking thread only to wait for a connection.
    permits: Arc<Semaphore>,
}

impl<M> SqlStore<M>
where
    M: ManageConnection<Error: std::fmt::Display>,
    M::Connection: Conn,
{
    pub fn new(pool: Pool<M>, changes: Option<Box<dyn ChangeFeed>>) -> SqlStore<M> {
        let permits = Arc::new(Semaphore::new(pool.max_size() as usize));
        SqlStore { pool, changes, permits }
    }

    /// A pooled connection, for work that spans stores. Blocking.
    pub fn connection(&self) -> StoreResult<r2d2::PooledConnection<M>> {
        self.pool.get().map_err(|e| StoreError::Unavailable(e.to_string()))
    }

    /// Runs `work` on a pooled connection on a blocking thread.
    pub async fn run<T, F>(&self, work: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut M::Connection) -> StoreResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        let permit = Arc::clone(&self.permits).acquire_owned().await.expect("the semaphore is never closed");
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut conn = pool.get().map_err(|e| StoreError::Unavailable(e.to_string()))?;
            work(&mut conn)
        })
        .await
        .map_err(|e| StoreError::Database(format!("database task failed: {e}")))?
    }
}

#[async_trait]
impl<M> Store for SqlStore<M>
where
    M: ManageConnection<Error: std::fmt::Display>,
    M::Connection: Conn,
{
    async fn authenticate(&self, token_hash: [u8; 32]) -> StoreResult<Option<Me>> {
        self.run(move |c| members::authenticate(c, token_hash)).await
    }

    async fn create_organization(&self, name: &str, admin: NewMember) -> StoreResult<Me> {
        let name = name.to_string();
        self.run(move |c| members::create_organization(c, &name, &admin)).await
    }

    async fn add_member(&self, org_id: OrgId, member: NewMember) -> StoreResult<Member> {
        self.run(move |c| c.write(|c| members::insert_member(c, org_id, &member))).await
    }

    async fn add_token(&self, member_id: MemberId, token_hash: [u8; 32], label: &str) -> StoreResult<()> {
        let label = label.to_string();
        self.run(move |c| members::add_token(c, member_id, token_hash, &label)).await
    }

    async fn add_bot(&self, org_id: OrgId, name: &str, channels: &[Channel]) -> StoreResult<Bot> {
        let (name, channels) = (name.to_string(), channels.to_vec());
        self.run(move |c| members::add_bot(c, org_id, &name, &channels)).await
    }

    async fn members(&self, org_id: OrgId) -> StoreResult<Vec<Member>> {
        self.run(move |c| rows::load_members(c, org_id)).await
    }

    async fn member(&self, org_id: OrgId, member_id: MemberId) -> StoreResult<Option<Member>> {
        self.run(move |c| rows::query_member(c, org_id, "m.id = ?2", member_id.into())).await
    }

    async fn member_by_email(&self, org_id: OrgId, email: &str) -> StoreResult<Option<Member>> {
        let email = Value::from(email);
        self.run(move |c| rows::query_member(c, org_id, "lower(m.email) = lower(?2)", email)).await
    }

    async fn set_role(
        &self,
        org_id: OrgId,
        member_id: MemberId,
        role: Role,
        bots: &[i64],
    ) -> StoreResult<Option<Member>> {
        let bots = bots.to_vec();
        self.run(move |c| members::set_role(c, org_id, member_id, role, &bots)).await
    }

    async fn set_presence(
        &self,
        org_id: OrgId,
        member_id: MemberId,
        presence: Presence,
    ) -> StoreResult<Option<Member>> {
        self.run(move |c| members::set_presence(c, org_id, member_id, presence)).await
    }

    async fn bots(&self, org_id: OrgId) -> StoreResult<Vec<Bot>> {
        self.run(move |c| Ok(rows::load_bots(c, "org_id = ?1", org_id.0)?.into_iter().map(|(_, b)| b).collect())).await
    }

    async fn public_bot(&self, bot_id: BotId) -> StoreResult<Option<(OrgId, Bot)>> {
        self.run(move |c| {
            Ok(rows::load_bots(c, "id = ?1", bot_id.0)?.into_iter().next().map(|(org, bot)| (OrgId(org), bot)))
        })
        .await
    }

    async fn list_requests(
        &self,
        org_id: OrgId,
        filter: &RequestFilter,
        after: Option<QueuePosition>,
        limit: usize,
    ) -> StoreResult<Vec<Request>> {
        let filter = filter.clone();
        self.run(move |c| requests::list(c, org_id, &filter, after, limit)).await
    }

    async fn request(&self, org_id: OrgId, id: RequestId) -> StoreResult<Option<Request>> {
        self.run(move |c| rows::load_request(c, org_id, id.0)).await
    }

    async fn request_detail(&self, org_id: OrgId, id: RequestId) -> StoreResult<Option<RequestDetail>> {
        self.run(move |c| history::detail(c, org_id, id.0)).await
    }

    async fn apply_change(
        &self,
        org_id: OrgId,
        id: RequestId,
        expected_version: i64,
        change: ChangeRecord,
    ) -> StoreResult<Option<Request>> {
        self.run(move |c| changes::apply_change(c, org_id, id.0, expected_version, &change)).await
    }

    async fn decide_each(&self, org_id: OrgId, items: Vec<(RequestId, Decide)>) -> StoreResult<Vec<Option<Request>>> {
        let items = items.into_iter().map(|(id, decide)| (id.0, decide)).collect();
        self.run(move |c| changes::decide_each(c, org_id, items)).await
    }

    async fn add_note(&self, org_id: OrgId, id: RequestId, note: NewNote) -> StoreResult<Option<Note>> {
        self.run(move |c| requests::add_note(c, org_id, id.0, &note)).await
    }

    async fn add_messages(
        &self,
        id: RequestId,
        expected_version: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<Option<Vec<Message>>> {
        self.run(move |c| requests::add_messages(c, id.0, expected_version, &messages)).await
    }

    async fn open_request(&self, org_id: OrgId, request: NewRequest) -> StoreResult<Opened> {
        self.run(move |c| requests::open_request(c, org_id, &request)).await
    }

    async fn conversation(&self, token_hash: [u8; 32]) -> StoreResult<Option<Conversation>> {
        self.run(move |c| requests::conversation(c, token_hash)).await
    }

    async fn backlog(&self, org_id: OrgId, filter: &RequestFilter, now: Timestamp) -> StoreResult<Backlog> {
        let filter = filter.clone();
        self.run(move |c| queue::backlog(c, org_id, &filter, now)).await
    }

    async fn export_page(
        &self,
        org_id: OrgId,
        filter: &ExportFilter,
        after_id: RequestId,
        limit: usize,
    ) -> StoreResult<Vec<ExportedRequest>> {
        let filter = filter.clone();
        self.run(move |c| history::export_page(c, org_id, &filter, after_id.0, limit)).await
    }

    async fn feed(
        &self,
        org_id: OrgId,
        scope: FeedScope,
        after: FeedCursor,
        limit: usize,
    ) -> StoreResult<Vec<LiveEvent>> {
        self.run(move |c| history::feed(c, org_id, scope, after, limit)).await
    }

    async fn queue_feed(&self, org_id: OrgId, after: i64, limit: usize) -> StoreResult<Vec<QueueEvent>> {
        self.run(move |c| history::queue_feed(c, org_id, after, limit)).await
    }

    async fn stats_rows(&self, org_id: OrgId, since: Timestamp, bot_id: Option<BotId>) -> StoreResult<Vec<StatsRow>> {
        self.run(move |c| queue::stats_rows(c, org_id, since, bot_id.map(|b| b.0))).await
    }

    async fn open_counts(&self) -> StoreResult<Vec<(State, u64)>> {
        self.run(queue::open_counts).await
    }

    async fn queue_head(&self, org_id: OrgId) -> StoreResult<i64> {
        // Newest first with a limit, so both databases walk the events' index backwards.
        let sql = "SELECT e.id FROM events e JOIN requests r ON r.id = e.request_id WHERE r.org_id = ?1 \
                   ORDER BY e.id DESC LIMIT 1";
        self.run(move |c| Ok(c.query_opt(sql, &[org_id.into()])?.map(|r| r.i64(0)).transpose()?.unwrap_or(0))).await
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        self.run(|c| Ok(c.query_opt("SELECT id FROM organizations LIMIT 1", &[])?.is_none())).await
    }

    async fn archive_due(&self, window: SignedDuration, now: Timestamp) -> StoreResult<u64> {
        self.run(move |c| changes::archive_due(c, window, now)).await
    }

    async fn bulk_seed(
        &self,
        org_id: OrgId,
        bots: Vec<(BotId, Channel)>,
        agents: Vec<MemberId>,
        plan: SeedPlan,
        now: Timestamp,
    ) -> StoreResult<()> {
        let bots: Vec<(i64, Channel)> = bots.into_iter().map(|(b, c)| (b.0, c)).collect();
        let agents: Vec<i64> = agents.into_iter().map(|a| a.0).collect();
        self.run(move |c| seed::bulk_seed(c, org_id, &bots, &agents, plan, now)).await
    }

    fn changes(&self) -> Option<broadcast::Receiver<Option<ChangeNotice>>> {
        self.changes.as_ref().map(|feed| feed.subscribe())
    }
}
