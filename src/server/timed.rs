//! The server's view of its store: every call timed into the store latency histogram, so
//! the stores themselves know nothing of metrics.

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use tokio::sync::broadcast;

use super::metrics::observe_store;
use crate::api::{
    AuditRecord, Backlog, Bot, BotKey, BotRouting, ExportReceipt, ExportedRequest, Invitation, LiveEvent, Me, Member,
    Note, QueueEvent, Request, RequestDetail, RetentionCounts, RetentionPolicy, RetentionPreview, Routing, TokenInfo,
};
use crate::api::{Delivery, Erasure, Webhook};
use crate::domain::{Channel, Label, Presence, Role, RoutingMode, RoutingOrder, State};
use crate::store::{
    Acceptance, Audit, AuditFilter, Authenticated, BotId, ChangeCursor, ChangeNotice, ChangeRecord, Conversation,
    Decide, ExportFilter, FeedChange, FeedCursor, FeedScope, MemberId, NewBot, NewInvitation, NewMember, NewMessage,
    NewNote, NewReceipt, NewRequest, NewToken, Opened, OrgId, QueuePosition, RequestFilter, RequestId, SeedPlan,
    StatsRow, Store, StoreResult,
};
use crate::store::{Erasee, NewWebhook, Outgoing, SearchHit, SeriesScope, Settlement, TeamChange, WindowTimeline};

pub struct TimedStore {
    inner: Arc<dyn Store>,
}

impl TimedStore {
    pub fn new(inner: Arc<dyn Store>) -> TimedStore {
        TimedStore { inner }
    }
}

/// Implements every store method as "time the inner store's", labelled with its name.
macro_rules! timed {
    ($(fn $name:ident(&self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)*) => {
        #[async_trait]
        impl Store for TimedStore {
            $(
                async fn $name(&self $(, $arg: $ty)*) -> $ret {
                    let started = Instant::now();
                    let result = self.inner.$name($($arg),*).await;
                    observe_store(stringify!($name), started.elapsed());
                    result
                }
            )*

            fn changes(&self) -> Option<broadcast::Receiver<Option<ChangeNotice>>> {
                self.inner.changes()
            }
        }
    };
}

timed! {
    fn authenticate(&self, token_hash: [u8; 32], now: Timestamp) -> StoreResult<Option<Authenticated>>;
    fn create_organization(&self, name: &str, admin: NewMember) -> StoreResult<Me>;
    fn add_member(&self, org_id: OrgId, member: NewMember, by: Audit) -> StoreResult<Member>;
    fn add_token(&self, member_id: MemberId, token: NewToken, by: Audit) -> StoreResult<TokenInfo>;
    fn tokens(&self, org_id: OrgId, owner: Option<MemberId>) -> StoreResult<Vec<TokenInfo>>;
    fn revoke_token(&self, org_id: OrgId, token_id: i64, owner: Option<MemberId>, now: Timestamp, by: Audit) -> StoreResult<Option<TokenInfo>>;
    fn create_invitation(&self, org_id: OrgId, invitation: NewInvitation, by: Audit) -> StoreResult<TeamChange<Invitation>>;
    fn invitations(&self, org_id: OrgId, now: Timestamp) -> StoreResult<Vec<Invitation>>;
    fn revoke_invitation(&self, org_id: OrgId, id: i64, now: Timestamp, by: Audit) -> StoreResult<Option<Invitation>>;
    fn add_sign_in_code(&self, member_id: MemberId, hash: [u8; 32], expires_at: Timestamp) -> StoreResult<()>;
    fn redeem_sign_in_code(&self, hash: [u8; 32], session: NewToken, now: Timestamp, by: Audit) -> StoreResult<Option<TokenInfo>>;
    fn accept_invitation(&self, code_hash: [u8; 32], token: NewToken, now: Timestamp, by: Audit) -> StoreResult<Acceptance>;
    fn remove_member(&self, org_id: OrgId, actor: MemberId, member_id: MemberId, now: Timestamp, by: Audit) -> StoreResult<TeamChange<Member>>;
    fn add_bot(&self, org_id: OrgId, bot: NewBot, by: Audit) -> StoreResult<Bot>;
    fn bot(&self, org_id: OrgId, bot_id: BotId) -> StoreResult<Option<Bot>>;
    fn update_bot(&self, org_id: OrgId, bot: Bot, by: Audit) -> StoreResult<Option<Bot>>;
    fn add_bot_key(&self, org_id: OrgId, bot_id: BotId, hash: [u8; 32], name: &str, by: Audit) -> StoreResult<Option<BotKey>>;
    fn bot_keys(&self, org_id: OrgId, bot_id: BotId) -> StoreResult<Option<Vec<BotKey>>>;
    fn revoke_bot_key(&self, org_id: OrgId, bot_id: BotId, key_id: i64, now: Timestamp, by: Audit) -> StoreResult<Option<BotKey>>;
    fn bot_by_key(&self, key_hash: [u8; 32], now: Timestamp) -> StoreResult<Option<(OrgId, Bot)>>;
    fn anyone_online(&self, org_id: OrgId) -> StoreResult<bool>;
    fn add_webhook(&self, org_id: OrgId, hook: NewWebhook, by: Audit) -> StoreResult<Webhook>;
    fn webhooks(&self, org_id: OrgId) -> StoreResult<Vec<Webhook>>;
    fn remove_webhook(&self, org_id: OrgId, id: i64, now: Timestamp, by: Audit) -> StoreResult<Option<Webhook>>;
    fn deliveries(&self, org_id: OrgId, webhook: Option<i64>, failed_only: bool, limit: usize) -> StoreResult<Vec<Delivery>>;
    fn delivery(&self, org_id: OrgId, id: i64) -> StoreResult<Option<Delivery>>;
    fn redeliver(&self, org_id: OrgId, id: i64, now: Timestamp, by: Audit) -> StoreResult<Option<Delivery>>;
    fn enqueue_test(&self, org_id: OrgId, webhook: i64, now: Timestamp, by: Audit) -> StoreResult<Option<Delivery>>;
    fn claim_deliveries(&self, now: Timestamp, lease_ms: i64, limit: usize) -> StoreResult<Vec<Outgoing>>;
    fn settle_delivery(&self, id: i64, outcome: Settlement, now: Timestamp) -> StoreResult<()>;
    fn members(&self, org_id: OrgId) -> StoreResult<Vec<Member>>;
    fn member(&self, org_id: OrgId, member_id: MemberId) -> StoreResult<Option<Member>>;
    fn member_by_email(&self, org_id: OrgId, email: &str) -> StoreResult<Option<Member>>;
    fn set_role(&self, org_id: OrgId, actor: MemberId, member_id: MemberId, role: Role, bot_ids: &[i64], by: Audit) -> StoreResult<TeamChange<Member>>;
    fn set_presence(&self, org_id: OrgId, member_id: MemberId, presence: Presence) -> StoreResult<Option<Member>>;
    fn routing(&self, org_id: OrgId) -> StoreResult<Routing>;
    fn set_default_capacity(&self, org_id: OrgId, capacity: u32, by: Audit) -> StoreResult<Routing>;
    fn set_bot_routing(&self, org_id: OrgId, bot_id: BotId, mode: Option<RoutingMode>, order: Option<RoutingOrder>, by: Audit) -> StoreResult<Option<BotRouting>>;
    fn set_capacity(&self, org_id: OrgId, member_id: MemberId, capacity: Option<u32>, by: Audit) -> StoreResult<Option<Member>>;
    fn route(&self, org_id: Option<OrgId>) -> StoreResult<Vec<(OrgId, Request)>>;
    fn retention(&self, org_id: OrgId) -> StoreResult<RetentionPolicy>;
    fn set_retention(&self, org_id: OrgId, closed_after_days: Option<u32>, require_export: bool, by: Audit) -> StoreResult<RetentionPolicy>;
    fn take_receipt(&self, org_id: OrgId, receipt: NewReceipt, by: Audit) -> StoreResult<Result<ExportReceipt, u64>>;
    fn retention_preview(&self, org_id: OrgId, now: Timestamp) -> StoreResult<RetentionPreview>;
    fn sweep_retention(&self, now: Timestamp, limit: usize) -> StoreResult<Vec<(OrgId, RetentionCounts)>>;
    fn changes_after(&self, org_id: OrgId, after: ChangeCursor, limit: usize) -> StoreResult<Vec<FeedChange>>;
    fn audit_log(&self, org_id: OrgId, filter: AuditFilter, limit: usize) -> StoreResult<Vec<AuditRecord>>;
    fn bots(&self, org_id: OrgId) -> StoreResult<Vec<Bot>>;
    fn public_bot(&self, bot_id: BotId) -> StoreResult<Option<(OrgId, Bot)>>;
    fn list_requests(&self, org_id: OrgId, filter: &RequestFilter, after: Option<QueuePosition>, limit: usize) -> StoreResult<Vec<Request>>;
    fn search(&self, org_id: OrgId, filter: &RequestFilter, limit: usize) -> StoreResult<Vec<SearchHit>>;
    fn relabel(&self, org_id: OrgId, ids: Vec<RequestId>, add: Vec<Label>, remove: Vec<Label>) -> StoreResult<Vec<Option<(Vec<String>, Request)>>>;
    fn label_counts(&self, org_id: OrgId) -> StoreResult<Vec<(String, u64)>>;
    fn request(&self, org_id: OrgId, id: RequestId) -> StoreResult<Option<Request>>;
    fn request_detail(&self, org_id: OrgId, id: RequestId) -> StoreResult<Option<RequestDetail>>;
    fn apply_change(&self, org_id: OrgId, id: RequestId, expected_version: i64, change: ChangeRecord) -> StoreResult<Option<Request>>;
    fn decide_each(&self, org_id: OrgId, items: Vec<(RequestId, Decide)>, takers: Vec<MemberId>) -> StoreResult<Vec<Option<Request>>>;
    fn add_note(&self, org_id: OrgId, id: RequestId, note: NewNote) -> StoreResult<Option<Note>>;
    fn add_messages(&self, id: RequestId, expected_version: i64, messages: Vec<NewMessage>) -> StoreResult<Option<Vec<i64>>>;
    fn open_request(&self, org_id: OrgId, request: NewRequest) -> StoreResult<Opened>;
    fn conversation(&self, token_hash: [u8; 32]) -> StoreResult<Option<Conversation>>;
    fn erase_visitor(&self, org_id: OrgId, whom: Erasee, dry_run: bool, now: Timestamp, by: Audit) -> StoreResult<Option<Erasure>>;
    fn backlog(&self, org_id: OrgId, filter: &RequestFilter, now: Timestamp) -> StoreResult<Backlog>;
    fn export_page(&self, org_id: OrgId, filter: &ExportFilter, after_id: RequestId, limit: usize) -> StoreResult<Vec<ExportedRequest>>;
    fn feed(&self, org_id: OrgId, scope: FeedScope, after: FeedCursor, limit: usize) -> StoreResult<Vec<LiveEvent>>;
    fn queue_feed(&self, org_id: OrgId, after: i64, limit: usize) -> StoreResult<Vec<QueueEvent>>;
    fn stats_rows(&self, org_id: OrgId, since: Timestamp, bots: Option<Vec<i64>>) -> StoreResult<Vec<StatsRow>>;
    fn window_timeline(&self, org_id: OrgId, scope: SeriesScope, since: Timestamp, until: Timestamp) -> StoreResult<WindowTimeline>;
    fn open_counts(&self) -> StoreResult<Vec<(State, u64)>>;
    fn queue_head(&self, org_id: OrgId) -> StoreResult<i64>;
    fn is_empty(&self) -> StoreResult<bool>;
    fn archive_due(&self, window: SignedDuration, now: Timestamp) -> StoreResult<u64>;
    fn bulk_seed(&self, org_id: OrgId, bots: Vec<(BotId, Channel)>, agents: Vec<MemberId>, plan: SeedPlan, now: Timestamp) -> StoreResult<()>;
}
