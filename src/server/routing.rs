//! `/v1/routing`: each bot's routing policy and each member's capacity, and the router that
//! gives waiting requests out. The router runs when something that routing depends on
//! changes on this server (a request opens or changes, a member comes online, a capacity or
//! policy changes), never on a timer for that: other servers route their own changes, and
//! the store makes passes on every server take turns.

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::Duration;

use axum::Json;
use axum::extract::State as AxumState;
use tokio::sync::Notify;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::Caller;
use super::bots::{administered, no_bot};
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath};
use super::members::MemberPath;
use super::service::{active, resolve_member};
use super::team::only_org_admins;
use crate::api::{BotRouting, BotRoutingBody, CapacityBody, ErrorBody, Member, Routing, RoutingBody};
use crate::domain::routing::MOST_CAPACITY;
use crate::store::{BotId, MemberId, OrgId};

/// How often a server routes every organization anyway: only for work left waiting by a
/// server that stopped between a change and its routing. Every change routes at once.
const CATCH_UP: Duration = Duration::from_secs(60);

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show_routing, set_routing))
        .routes(routes!(set_bot_routing))
        .routes(routes!(set_capacity))
}

/// The organizations waiting for a routing pass on this server, and the bell that wakes it.
#[derive(Default)]
pub struct Router {
    due: Mutex<BTreeSet<i64>>,
    bell: Notify,
}

impl Router {
    /// Asks for a routing pass of the organization soon; asks made meanwhile share it.
    pub fn wake(&self, org_id: OrgId) {
        self.due.lock().unwrap_or_else(|e| e.into_inner()).insert(org_id.0);
        self.bell.notify_one();
    }

    fn take(&self) -> BTreeSet<i64> {
        std::mem::take(&mut *self.due.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// How long after a failed pass the router tries the organization again.
const RETRY: Duration = Duration::from_secs(1);

/// Runs the router: every organization at start, then each organization it is woken for,
/// and every organization again each `CATCH_UP`, however often it is woken meanwhile.
pub fn spawn_router(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut catch_up = tokio::time::interval(CATCH_UP);
        catch_up.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = state.router.bell.notified() => {
                    for org in state.router.take() {
                        route(&state, Some(OrgId(org))).await;
                    }
                }
                // The first tick is at once: the pass at start.
                _ = catch_up.tick() => route(&state, None).await,
            }
        }
    })
}

async fn route(state: &AppState, org_id: Option<OrgId>) {
    match state.store.route(org_id).await {
        Ok(routed) => {
            for (org, request) in &routed {
                state.hub.ping(super::live::Ping::about(*org, request));
            }
            if !routed.is_empty() {
                state.webhook_wakeup.notify_one();
            }
        }
        Err(err) => {
            tracing::warn!(%err, "routing waiting requests failed; trying again shortly");
            // A deadlock or an unavailable database passes: the organization is woken again.
            if let Some(org) = org_id {
                let state = state.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(RETRY).await;
                    state.router.wake(org);
                });
            }
        }
    }
}

fn checked_capacity(capacity: i64) -> Result<u32, ApiError> {
    u32::try_from(capacity)
        .ok()
        .filter(|c| *c <= MOST_CAPACITY)
        .ok_or_else(|| ApiError::invalid(format!("a capacity is 0 to {MOST_CAPACITY} open requests, not {capacity}")))
}

#[utoipa::path(get, path = "/v1/routing", tag = "members", security(("bearer" = [])), responses((status = 200, body = Routing), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn show_routing(AxumState(state): AxumState<AppState>, caller: Caller) -> Result<Json<Routing>, ApiError> {
    Ok(Json(state.store.routing(caller.org_id()).await?))
}

#[utoipa::path(put, path = "/v1/routing", tag = "members", request_body = RoutingBody, security(("bearer" = [])), responses((status = 200, body = Routing), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody)))]
async fn set_routing(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<RoutingBody>,
) -> Result<Json<Routing>, ApiError> {
    only_org_admins(&caller, "set the default capacity")?;
    let capacity = checked_capacity(body.default_capacity)?;
    let routing = state.store.set_default_capacity(caller.org_id(), capacity, caller.audit()).await?;
    state.router.wake(caller.org_id());
    Ok(Json(routing))
}

#[utoipa::path(put, path = "/v1/bots/{bot}/routing", tag = "bots", params(("bot" = i64, Path, description = "The bot's id")), request_body = BotRoutingBody, security(("bearer" = [])), responses((status = 200, body = BotRouting), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody)))]
async fn set_bot_routing(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<BotRoutingBody>,
) -> Result<Json<BotRouting>, ApiError> {
    administered(&state, &caller, id).await?;
    let changed =
        state.store.set_bot_routing(caller.org_id(), BotId(id), body.mode, body.order, caller.audit()).await?;
    let changed = changed.ok_or_else(|| no_bot(id))?;
    state.router.wake(caller.org_id());
    Ok(Json(changed))
}

#[utoipa::path(put, path = "/v1/members/{member}/capacity", tag = "members", params(MemberPath), request_body = CapacityBody, security(("bearer" = [])), responses((status = 200, body = Member), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody), (status = 409, description = "Refused in the current state", body = ErrorBody)))]
async fn set_capacity(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(MemberPath { member: key }): ApiPath<MemberPath>,
    ApiJson(body): ApiJson<CapacityBody>,
) -> Result<Json<Member>, ApiError> {
    only_org_admins(&caller, "set capacities")?;
    let capacity = body.capacity.map(checked_capacity).transpose()?;
    let member = active(resolve_member(&state, &caller, &key).await?)?;
    let changed = state.store.set_capacity(caller.org_id(), MemberId(member.id), capacity, caller.audit()).await?;
    let changed = changed.ok_or_else(|| ApiError::not_found(format!("no member `{key}` in your organization")))?;
    state.router.wake(caller.org_id());
    Ok(Json(changed))
}
