//! `/v1/me`, `/v1/members` and `/v1/bots`: who is in the organization and what they may do.

use axum::Json;
use axum::Router;
use axum::extract::State as AxumState;
use axum::routing::{get, patch, put};

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath};
use super::service::resolve_member;
use crate::api::{Bot, Me, Member, Page, PresenceBody, RoleBody};
use crate::domain::Role;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/me", get(me))
        .route("/v1/members", get(list_members))
        .route("/v1/members/me/presence", put(set_presence))
        .route("/v1/members/{member}", patch(set_role))
        .route("/v1/bots", get(list_bots))
}

fn whole<T>(items: Vec<T>) -> Json<Page<T>> {
    Json(Page { items, next_cursor: None })
}

async fn me(caller: Caller) -> Json<Me> {
    Json(caller.0)
}

async fn list_members(AxumState(state): AxumState<AppState>, caller: Caller) -> Result<Json<Page<Member>>, ApiError> {
    Ok(whole(state.store.members(caller.org_id()).await?))
}

async fn list_bots(AxumState(state): AxumState<AppState>, caller: Caller) -> Result<Json<Page<Bot>>, ApiError> {
    Ok(whole(state.store.bots(caller.org_id()).await?))
}

async fn set_presence(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<PresenceBody>,
) -> Result<Json<Member>, ApiError> {
    let member = state.store.set_presence(caller.org_id(), caller.member_id(), body.presence).await?;
    member.map(Json).ok_or_else(|| ApiError::not_found("your membership no longer exists"))
}

async fn set_role(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(key): ApiPath<String>,
    ApiJson(body): ApiJson<RoleBody>,
) -> Result<Json<Member>, ApiError> {
    if caller.0.member.role != Role::OrgAdmin {
        return Err(ApiError::forbidden("only org admins can change roles"));
    }
    let member = resolve_member(&state, &caller, &key).await?;
    let bot_ids = body.bot_ids.unwrap_or_default();
    match body.role {
        Role::BotAdmin if bot_ids.is_empty() => {
            return Err(ApiError::invalid("a bot admin needs the bots they administer: pass `bot_ids`"));
        }
        Role::BotAdmin => {
            let bots = state.store.bots(caller.org_id()).await?;
            if let Some(unknown) = bot_ids.iter().find(|id| !bots.iter().any(|b| b.id == **id)) {
                return Err(ApiError::invalid(format!("bot {unknown} is not a bot of your organization")));
            }
        }
        _ if !bot_ids.is_empty() => {
            return Err(ApiError::invalid(format!("`bot_ids` goes only with the bot-admin role, not {}", body.role)));
        }
        _ => {}
    }
    if member.role == Role::OrgAdmin && body.role != Role::OrgAdmin {
        let admins = state.store.members(caller.org_id()).await?.iter().filter(|m| m.role == Role::OrgAdmin).count();
        if admins <= 1 {
            return Err(ApiError::conflict(
                "last_org_admin",
                format!("{} is the only org admin; make someone else an org admin first", member.email),
            ));
        }
    }
    let updated = state.store.set_role(caller.org_id(), member.id, body.role, &bot_ids).await?;
    updated.map(Json).ok_or_else(|| ApiError::not_found(format!("no member `{key}` in your organization")))
}
