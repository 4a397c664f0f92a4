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
use crate::store::{
    Erasee, NewWebhook, Outgoing, SearchHit, SeriesScope, Settlement, TeamChange, WindowTimeline, store_methods,
};

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
    ($($(#[$doc:meta])* $kind:ident fn $name:ident(&self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)*) => {
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

store_methods!(timed);
