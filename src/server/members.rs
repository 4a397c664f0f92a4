//! `/v1/me`, `/v1/members` and `/v1/bots`: who is in the organization and what they may do.

use axum::Json;
use axum::extract::State as AxumState;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath};
use super::service::resolve_member;
use crate::api::{Bot, ErrorBody, Me, Member, Page, PresenceBody, RoleBody};
use crate::domain::Role;
use crate::store::MemberId;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(list_members))
        .routes(routes!(set_presence))
        .routes(routes!(set_role))
        .routes(routes!(list_bots))
}

fn whole<T>(items: Vec<T>) -> Json<Page<T>> {
    Json(Page { items, next_cursor: None })
}

#[utoipa::path(get, path = "/v1/me", tag = "members", security(("bearer" = [])), responses((status = 200, body = Me), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn me(caller: Caller) -> Json<Me> {
    Json(caller.0)
}

#[utoipa::path(get, path = "/v1/members", tag = "members", security(("bearer" = [])), responses((status = 200, body = Page<Member>), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn list_members(AxumState(state): AxumState<AppState>, caller: Caller) -> Result<Json<Page<Member>>, ApiError> {
    Ok(whole(state.store.members(caller.org_id()).await?))
}

#[utoipa::path(get, path = "/v1/bots", tag = "members", security(("bearer" = [])), responses((status = 200, body = Page<Bot>), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn list_bots(AxumState(state): AxumState<AppState>, caller: Caller) -> Result<Json<Page<Bot>>, ApiError> {
    Ok(whole(state.store.bots(caller.org_id()).await?))
}

#[utoipa::path(put, path = "/v1/members/me/presence", tag = "members", request_body = PresenceBody, security(("bearer" = [])), responses((status = 200, body = Member), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn set_presence(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<PresenceBody>,
) -> Result<Json<Member>, ApiError> {
    let member = state.store.set_presence(caller.org_id(), caller.member(), body.presence).await?;
    state.auth_cache.forget();
    member.map(Json).ok_or_else(|| ApiError::not_found("your membership no longer exists"))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
struct MemberPath {
    #[param(schema_with = crate::api::grammar::member_schema)]
    member: String,
}

/// The most bots one bot admin administers.
const MAX_BOTS_PER_ADMIN: usize = 100;

#[utoipa::path(patch, path = "/v1/members/{member}", tag = "members", params(MemberPath), request_body = RoleBody, security(("bearer" = [])), responses((status = 200, body = Member), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody), (status = 409, description = "Refused in the current state, or changed meanwhile", body = ErrorBody)))]
async fn set_role(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(MemberPath { member: key }): ApiPath<MemberPath>,
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
        Role::BotAdmin if bot_ids.len() > MAX_BOTS_PER_ADMIN => {
            return Err(ApiError::invalid(format!("a bot admin administers at most {MAX_BOTS_PER_ADMIN} bots")));
        }
        Role::BotAdmin => {
            let bots = state.store.bots(caller.org_id()).await?;
            if let Some(unknown) = bot_ids.iter().find(|id| !bots.iter().any(|b| b.id == **id)) {
                return Err(ApiError::not_found(format!("bot #{unknown} is not a bot of your organization")));
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
    let updated = state.store.set_role(caller.org_id(), MemberId(member.id), body.role, &bot_ids).await?;
    state.auth_cache.forget();
    updated.map(Json).ok_or_else(|| ApiError::not_found(format!("no member `{key}` in your organization")))
}
