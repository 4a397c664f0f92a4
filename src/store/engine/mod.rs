//! The store's logic, written once over `Conn` and shared by SQLite and PostgreSQL. A
//! backend supplies a pool of connections; every call runs on tokio's blocking threads, so a
//! slow disk or network never stalls the async runtime.

mod admin;
mod audit;
mod changes;
mod copy;
mod erasure;
mod history;
mod incremental;
mod labels;
mod members;
mod numbers;
mod queue;
mod requests;
mod retention;
mod routing;
mod rows;
mod search;
mod seed;
mod series;
mod webhooks;

use std::sync::Arc;

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use r2d2::{ManageConnection, Pool};
use tokio::sync::{Semaphore, broadcast};

pub use copy::{CopyReport, copy};
#[cfg(test)]
pub use copy::{DERIVED_TABLES, copied_tables};
pub use history::merge_feed;
#[cfg(test)]
pub use numbers::{ROWS_BEFORE_NUMBERING, check_numbered};
pub use queue::fold_counts;
pub use webhooks::event_id;

use super::sql::{Conn, Value};
use super::{
    Acceptance, Audit, AuditFilter, Authenticated, BotId, ChangeCursor, ChangeNotice, ChangeRecord, Conversation,
    Decide, Erasee, ExportFilter, FeedChange, FeedCursor, FeedScope, MemberId, NewBot, NewInvitation, NewMember,
    NewMessage, NewNote, NewReceipt, NewRequest, NewToken, Opened, OrgId, QueuePosition, RequestFilter, RequestId,
    SearchHit, SeedPlan, StatsRow, Store, StoreError, StoreResult,
};
use crate::api::{
    AuditRecord, Backlog, Bot, BotKey, BotRouting, Erasure, ExportReceipt, ExportedRequest, Invitation, LiveEvent, Me,
    Member, Note, QueueEvent, Request, RequestDetail, RetentionCounts, RetentionPolicy, RetentionPreview, Routing,
    TokenInfo,
};
use crate::api::{Delivery, Webhook};
use crate::domain::{Channel, Email, Label, Presence, Role, RoutingMode, RoutingOrder, State};
use crate::store::{NewWebhook, Outgoing, SeriesScope, Settlement, TeamChange, WindowTimeline};

/// Where a backend's changes from other processes come from, if it can tell.
pub trait ChangeFeed: Send + Sync + 'static {
    fn subscribe(&self) -> broadcast::Receiver<Option<ChangeNotice>>;
}

/// A backend's own way to read an organization's write generation, cheaper than a pooled
/// connection's, where it has one.
#[async_trait]
pub trait GenerationReader: Send + Sync + 'static {
    async fn generation(&self, org_id: i64) -> StoreResult<i64>;
}

pub struct SqlStore<M: ManageConnection> {
    pool: Pool<M>,
    changes: Option<Box<dyn ChangeFeed>>,
    /// One permit per pooled connection: calls past the pool's size wait here, as tasks,
    /// instead of each taking a blocking thread only to wait for a connection.
    permits: Arc<Semaphore>,
    /// Whether short reads run on the calling thread: see [`SqlStore::read`].
    inline_reads: bool,
    generations: Option<Box<dyn GenerationReader>>,
}

impl<M> SqlStore<M>
where
    M: ManageConnection<Error: std::fmt::Display>,
    M::Connection: Conn,
{
    pub fn new(pool: Pool<M>, changes: Option<Box<dyn ChangeFeed>>) -> SqlStore<M> {
        let permits = Arc::new(Semaphore::new(pool.max_size() as usize));
        SqlStore { pool, changes, permits, inline_reads: false, generations: None }
    }

    /// Reads generations through `reader` instead of the pool.
    pub fn with_generations(mut self, reader: Box<dyn GenerationReader>) -> SqlStore<M> {
        self.generations = Some(reader);
        self
    }

    /// Lets short reads run on the calling thread. Only for a local database whose readers
    /// never wait for its writer (SQLite in WAL mode): a page of the queue or one request
    /// takes less time to read than handing it to a blocking thread and back.
    pub fn with_inline_reads(mut self) -> SqlStore<M> {
        self.inline_reads = true;
        self
    }

    /// Runs a short, bounded read: on the calling thread when inline reads are on and a
    /// connection is free at once, else as [`SqlStore::run`] does. It never waits on the
    /// calling thread.
    pub async fn read<T, F>(&self, work: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut M::Connection) -> StoreResult<T> + Send + 'static,
    {
        if self.inline_reads
            && let Ok(_permit) = self.permits.try_acquire()
            && let Some(mut conn) = self.pool.try_get()
        {
            return work(&mut conn);
        }
        self.run(work).await
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
        // The caller's span goes along, so what the store logs names the call it served.
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let _span = span.enter();
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
    async fn authenticate(&self, token_hash: [u8; 32], now: Timestamp) -> StoreResult<Option<Authenticated>> {
        self.run(move |c| admin::authenticate(c, token_hash, now)).await
    }

    async fn create_organization(&self, name: &str, admin: NewMember) -> StoreResult<Me> {
        let name = name.to_string();
        self.run(move |c| members::create_organization(c, &name, &admin)).await
    }

    async fn add_member(&self, org_id: OrgId, member: NewMember, by: Audit) -> StoreResult<Member> {
        self.run(move |c| members::add_member(c, org_id, &member, by)).await
    }

    async fn add_token(&self, member_id: MemberId, token: NewToken, by: Audit) -> StoreResult<TokenInfo> {
        self.run(move |c| admin::add_token(c, member_id, &token, by)).await
    }

    async fn tokens(&self, org_id: OrgId, owner: Option<MemberId>) -> StoreResult<Vec<TokenInfo>> {
        self.run(move |c| admin::tokens(c, org_id, owner)).await
    }

    async fn revoke_token(
        &self,
        org_id: OrgId,
        token_id: i64,
        owner: Option<MemberId>,
        now: Timestamp,
        by: Audit,
    ) -> StoreResult<Option<TokenInfo>> {
        self.run(move |c| admin::revoke_token(c, org_id, token_id, owner, now, by)).await
    }

    async fn create_invitation(
        &self,
        org_id: OrgId,
        invitation: NewInvitation,
        by: Audit,
    ) -> StoreResult<TeamChange<Invitation>> {
        self.run(move |c| admin::create_invitation(c, org_id, &invitation, by)).await
    }

    async fn invitations(&self, org_id: OrgId, now: Timestamp) -> StoreResult<Vec<Invitation>> {
        self.run(move |c| admin::invitations(c, org_id, now)).await
    }

    async fn revoke_invitation(
        &self,
        org_id: OrgId,
        id: i64,
        now: Timestamp,
        by: Audit,
    ) -> StoreResult<Option<Invitation>> {
        self.run(move |c| admin::revoke_invitation(c, org_id, id, now, by)).await
    }

    async fn add_sign_in_code(&self, member_id: MemberId, hash: [u8; 32], expires_at: Timestamp) -> StoreResult<()> {
        self.run(move |c| admin::add_sign_in_code(c, member_id, hash, expires_at)).await
    }

    async fn redeem_sign_in_code(
        &self,
        hash: [u8; 32],
        session: NewToken,
        now: Timestamp,
        by: Audit,
    ) -> StoreResult<Option<TokenInfo>> {
        self.run(move |c| admin::redeem_sign_in_code(c, hash, &session, now, by)).await
    }

    async fn accept_invitation(
        &self,
        code_hash: [u8; 32],
        token: NewToken,
        now: Timestamp,
        by: Audit,
    ) -> StoreResult<Acceptance> {
        self.run(move |c| admin::accept_invitation(c, code_hash, &token, now, by)).await
    }

    async fn remove_member(
        &self,
        org_id: OrgId,
        actor: MemberId,
        member_id: MemberId,
        now: Timestamp,
        by: Audit,
    ) -> StoreResult<TeamChange<Member>> {
        self.run(move |c| admin::remove_member(c, org_id, actor, member_id, now, by)).await
    }

    async fn add_bot(&self, org_id: OrgId, bot: NewBot, by: Audit) -> StoreResult<Bot> {
        self.run(move |c| admin::add_bot(c, org_id, &bot, by)).await
    }

    async fn bot(&self, org_id: OrgId, bot_id: BotId) -> StoreResult<Option<Bot>> {
        self.run(move |c| admin::bot(c, org_id, bot_id)).await
    }

    async fn update_bot(&self, org_id: OrgId, bot: Bot, by: Audit) -> StoreResult<Option<Bot>> {
        self.run(move |c| admin::update_bot(c, org_id, &bot, by)).await
    }

    async fn add_bot_key(
        &self,
        org_id: OrgId,
        bot_id: BotId,
        hash: [u8; 32],
        name: &str,
        by: Audit,
    ) -> StoreResult<Option<BotKey>> {
        let name = name.to_string();
        self.run(move |c| admin::add_bot_key(c, org_id, bot_id, hash, &name, by)).await
    }

    async fn bot_keys(&self, org_id: OrgId, bot_id: BotId) -> StoreResult<Option<Vec<BotKey>>> {
        self.run(move |c| admin::bot_keys(c, org_id, bot_id)).await
    }

    async fn revoke_bot_key(
        &self,
        org_id: OrgId,
        bot_id: BotId,
        key_id: i64,
        now: Timestamp,
        by: Audit,
    ) -> StoreResult<Option<BotKey>> {
        self.run(move |c| admin::revoke_bot_key(c, org_id, bot_id, key_id, now, by)).await
    }

    async fn bot_by_key(&self, key_hash: [u8; 32], now: Timestamp) -> StoreResult<Option<(OrgId, Bot)>> {
        self.run(move |c| admin::bot_by_key(c, key_hash, now)).await
    }

    async fn anyone_online(&self, org_id: OrgId) -> StoreResult<bool> {
        self.run(move |c| admin::anyone_online(c, org_id)).await
    }

    async fn add_webhook(&self, org_id: OrgId, hook: NewWebhook, by: Audit) -> StoreResult<Webhook> {
        self.run(move |c| webhooks::add_webhook(c, org_id, &hook, by)).await
    }

    async fn webhooks(&self, org_id: OrgId) -> StoreResult<Vec<Webhook>> {
        self.run(move |c| webhooks::webhooks(c, org_id)).await
    }

    async fn remove_webhook(&self, org_id: OrgId, id: i64, now: Timestamp, by: Audit) -> StoreResult<Option<Webhook>> {
        self.run(move |c| webhooks::remove_webhook(c, org_id, id, now, by)).await
    }

    async fn deliveries(
        &self,
        org_id: OrgId,
        webhook: Option<i64>,
        failed_only: bool,
        limit: usize,
    ) -> StoreResult<Vec<Delivery>> {
        self.run(move |c| webhooks::deliveries(c, org_id, webhook, failed_only, limit)).await
    }

    async fn delivery(&self, org_id: OrgId, id: i64) -> StoreResult<Option<Delivery>> {
        self.run(move |c| webhooks::delivery(c, org_id, id)).await
    }

    async fn redeliver(&self, org_id: OrgId, id: i64, now: Timestamp, by: Audit) -> StoreResult<Option<Delivery>> {
        self.run(move |c| webhooks::redeliver(c, org_id, id, now, by)).await
    }

    async fn enqueue_test(
        &self,
        org_id: OrgId,
        webhook: i64,
        now: Timestamp,
        by: Audit,
    ) -> StoreResult<Option<Delivery>> {
        self.run(move |c| webhooks::enqueue_test(c, org_id, webhook, now, by)).await
    }

    async fn claim_deliveries(&self, now: Timestamp, lease_ms: i64, limit: usize) -> StoreResult<Vec<Outgoing>> {
        self.run(move |c| webhooks::claim_due(c, now, lease_ms, limit)).await
    }

    async fn settle_delivery(&self, id: i64, outcome: Settlement, now: Timestamp) -> StoreResult<()> {
        self.run(move |c| webhooks::settle(c, id, &outcome, now)).await
    }

    async fn members(&self, org_id: OrgId) -> StoreResult<Vec<Member>> {
        self.run(move |c| {
            let mut members = rows::load_members(c, org_id)?;
            routing::with_load(c, org_id, &mut members)?;
            Ok(members)
        })
        .await
    }

    async fn member(&self, org_id: OrgId, member_id: MemberId) -> StoreResult<Option<Member>> {
        self.run(move |c| rows::query_member(c, org_id, "m.id = ?2", member_id.into())).await
    }

    async fn member_by_email(&self, org_id: OrgId, email: &str) -> StoreResult<Option<Member>> {
        let Ok(email) = Email::parse(email) else { return Ok(None) };
        let email = Value::from(email.as_str());
        self.run(move |c| rows::query_member(c, org_id, "m.email = ?2", email)).await
    }

    async fn set_role(
        &self,
        org_id: OrgId,
        actor: MemberId,
        member_id: MemberId,
        role: Role,
        bots: &[i64],
        by: Audit,
    ) -> StoreResult<TeamChange<Member>> {
        let bots = bots.to_vec();
        self.run(move |c| members::set_role(c, org_id, actor, member_id, role, &bots, by)).await
    }

    async fn set_presence(
        &self,
        org_id: OrgId,
        member_id: MemberId,
        presence: Presence,
    ) -> StoreResult<Option<Member>> {
        self.run(move |c| members::set_presence(c, org_id, member_id, presence)).await
    }

    async fn routing(&self, org_id: OrgId) -> StoreResult<Routing> {
        self.run(move |c| routing::routing(c, org_id)).await
    }

    async fn set_default_capacity(&self, org_id: OrgId, capacity: u32, by: Audit) -> StoreResult<Routing> {
        self.run(move |c| routing::set_default_capacity(c, org_id, capacity, by)).await
    }

    async fn set_bot_routing(
        &self,
        org_id: OrgId,
        bot_id: BotId,
        mode: Option<RoutingMode>,
        order: Option<RoutingOrder>,
        by: Audit,
    ) -> StoreResult<Option<BotRouting>> {
        self.run(move |c| routing::set_bot_routing(c, org_id, bot_id, mode, order, by)).await
    }

    async fn set_capacity(
        &self,
        org_id: OrgId,
        member_id: MemberId,
        capacity: Option<u32>,
        by: Audit,
    ) -> StoreResult<Option<Member>> {
        self.run(move |c| routing::set_capacity(c, org_id, member_id, capacity, by)).await
    }

    async fn route(&self, org_id: Option<OrgId>) -> StoreResult<Vec<(OrgId, Request)>> {
        self.run(move |c| routing::route(c, org_id)).await
    }

    async fn retention(&self, org_id: OrgId) -> StoreResult<RetentionPolicy> {
        self.run(move |c| retention::policy(c, org_id)).await
    }

    async fn set_retention(
        &self,
        org_id: OrgId,
        closed_after_days: Option<u32>,
        require_export: bool,
        by: Audit,
    ) -> StoreResult<RetentionPolicy> {
        self.run(move |c| retention::set_policy(c, org_id, closed_after_days, require_export, by)).await
    }

    async fn take_receipt(
        &self,
        org_id: OrgId,
        receipt: NewReceipt,
        by: Audit,
    ) -> StoreResult<Result<ExportReceipt, u64>> {
        self.run(move |c| retention::take_receipt(c, org_id, &receipt, by)).await
    }

    async fn retention_preview(&self, org_id: OrgId, now: Timestamp) -> StoreResult<RetentionPreview> {
        self.run(move |c| retention::preview(c, org_id, now)).await
    }

    async fn sweep_retention(&self, now: Timestamp, limit: usize) -> StoreResult<Vec<(OrgId, RetentionCounts)>> {
        self.run(move |c| retention::sweep(c, now, limit)).await
    }

    async fn changes_after(&self, org_id: OrgId, after: ChangeCursor, limit: usize) -> StoreResult<Vec<FeedChange>> {
        self.run(move |c| incremental::changes_after(c, org_id, after, limit)).await
    }

    async fn audit_log(&self, org_id: OrgId, filter: AuditFilter, limit: usize) -> StoreResult<Vec<AuditRecord>> {
        self.read(move |c| audit::list(c, org_id, &filter, limit)).await
    }

    async fn bots(&self, org_id: OrgId) -> StoreResult<Vec<Bot>> {
        self.run(move |c| Ok(rows::load_bots(c, "org_id = ?1", org_id.0, None)?.into_iter().map(|(_, b)| b).collect()))
            .await
    }

    async fn public_bot(&self, bot_id: BotId) -> StoreResult<Option<(OrgId, Bot)>> {
        self.run(move |c| {
            Ok(rows::load_bots(c, "id = ?1", bot_id.0, None)?.into_iter().next().map(|(org, bot)| (OrgId(org), bot)))
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
        self.read(move |c| requests::list(c, org_id, &filter, after, limit)).await
    }

    async fn relabel(
        &self,
        org_id: OrgId,
        ids: Vec<RequestId>,
        add: Vec<Label>,
        remove: Vec<Label>,
    ) -> StoreResult<Vec<Option<(Vec<String>, Request)>>> {
        let ids: Vec<i64> = ids.into_iter().map(|id| id.0).collect();
        self.run(move |c| labels::relabel(c, org_id, &ids, &add, &remove)).await
    }

    async fn label_counts(&self, org_id: OrgId) -> StoreResult<Vec<(String, u64)>> {
        self.read(move |c| labels::counts(c, org_id)).await
    }

    async fn search(&self, org_id: OrgId, filter: &RequestFilter, limit: usize) -> StoreResult<Vec<SearchHit>> {
        let filter = filter.clone();
        self.read(move |c| match &filter.search {
            Some(terms) => search::search(c, org_id, &filter, terms, limit),
            None => Ok(Vec::new()),
        })
        .await
    }

    async fn request(&self, org_id: OrgId, id: RequestId) -> StoreResult<Option<Request>> {
        self.read(move |c| rows::load_request(c, org_id, id.0)).await
    }

    async fn request_detail(&self, org_id: OrgId, id: RequestId) -> StoreResult<Option<RequestDetail>> {
        self.read(move |c| history::detail(c, org_id, id.0)).await
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

    async fn decide_each(
        &self,
        org_id: OrgId,
        items: Vec<(RequestId, Decide)>,
        takers: Vec<MemberId>,
    ) -> StoreResult<Vec<Option<Request>>> {
        let items = items.into_iter().map(|(id, decide)| (id.0, decide)).collect();
        let takers: Vec<i64> = takers.into_iter().map(|m| m.0).collect();
        self.run(move |c| changes::decide_each(c, org_id, items, &takers)).await
    }

    async fn add_note(&self, org_id: OrgId, id: RequestId, note: NewNote) -> StoreResult<Option<Note>> {
        self.run(move |c| requests::add_note(c, org_id, id.0, &note)).await
    }

    async fn add_messages(
        &self,
        id: RequestId,
        expected_version: i64,
        messages: Vec<NewMessage>,
    ) -> StoreResult<Option<Vec<i64>>> {
        self.run(move |c| requests::add_messages(c, id.0, expected_version, &messages)).await
    }

    async fn open_request(&self, org_id: OrgId, request: NewRequest) -> StoreResult<Opened> {
        self.run(move |c| requests::open_request(c, org_id, &request)).await
    }

    async fn conversation(&self, token_hash: [u8; 32]) -> StoreResult<Option<Conversation>> {
        self.run(move |c| requests::conversation(c, token_hash)).await
    }

    async fn erase_visitor(
        &self,
        org_id: OrgId,
        whom: Erasee,
        dry_run: bool,
        now: Timestamp,
        by: Audit,
    ) -> StoreResult<Option<Erasure>> {
        self.run(move |c| erasure::erase(c, org_id, &whom, dry_run, now, by)).await
    }

    async fn backlog(&self, org_id: OrgId, filter: &RequestFilter, now: Timestamp) -> StoreResult<Backlog> {
        let filter = filter.clone();
        self.read(move |c| queue::backlog(c, org_id, &filter, now)).await
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

    async fn stats_rows(&self, org_id: OrgId, since: Timestamp, bots: Option<Vec<i64>>) -> StoreResult<Vec<StatsRow>> {
        self.run(move |c| queue::stats_rows(c, org_id, since, bots.as_deref())).await
    }

    async fn window_timeline(
        &self,
        org_id: OrgId,
        scope: SeriesScope,
        since: Timestamp,
        until: Timestamp,
    ) -> StoreResult<WindowTimeline> {
        self.run(move |c| series::window(c, org_id, &scope, since, until)).await
    }

    async fn open_counts(&self) -> StoreResult<Vec<(State, u64)>> {
        self.run(queue::open_counts).await
    }

    async fn queue_head(&self, org_id: OrgId) -> StoreResult<i64> {
        // The organization's last event number is its counter's: no index to walk.
        self.run(move |c| numbers::last(c, org_id, numbers::Counter::Events)).await
    }

    async fn generation(&self, org_id: OrgId) -> StoreResult<i64> {
        if let Some(reader) = &self.generations {
            return reader.generation(org_id.0).await;
        }
        self.read(move |c| numbers::generation(c, org_id)).await
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
