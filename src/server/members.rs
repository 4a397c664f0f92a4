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
use super::team::{only_org_admins, role_bots, team_refusal};
use crate::api::{ErrorBody, Me, Member, Page, PresenceBody, RoleBody};
use crate::store::{MemberId, TeamChange};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(list_members))
        .routes(routes!(set_presence))
        .routes(routes!(set_role))
}

pub(super) fn whole<T>(items: Vec<T>) -> Json<Page<T>> {
    Json(Page { items, next_cursor: None })
}

#[utoipa::path(get, path = "/v1/me", tag = "members", security(("bearer" = [])), responses((status = 200, body = Me), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn me(caller: Caller) -> Json<Me> {
    Json(caller.0)
}

#[utoipa::path(get, path = "/v1/members", tag = "members", security(("bearer" = [])), responses((status = 200, body = Page<Member>), (status = 304, description = "Not modified: `If-None-Match` names this page as it is now; not counted against the rate limit"), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn list_members(AxumState(state): AxumState<AppState>, caller: Caller) -> Result<Json<Page<Member>>, ApiError> {
    let mut members = state.store.members(caller.org_id()).await?;
    members.retain(|m| m.removed_at.is_none());
    Ok(whole(members))
}

#[utoipa::path(put, path = "/v1/members/me/presence", tag = "members", request_body = PresenceBody, security(("bearer" = [])), responses((status = 200, body = Member), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn set_presence(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<PresenceBody>,
) -> Result<Json<Member>, ApiError> {
    let member = state.store.set_presence(caller.org_id(), caller.member(), body.presence).await?;
    state.auth_cache.forget();
    state.team_changed(caller.org_id());
    member.map(Json).ok_or_else(|| ApiError::not_found("your membership no longer exists"))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub(super) struct MemberPath {
    #[param(schema_with = crate::api::grammar::member_schema)]
    pub member: String,
}

#[utoipa::path(patch, path = "/v1/members/{member}", tag = "members", params(MemberPath), request_body = RoleBody, security(("bearer" = [])), responses((status = 200, body = Member), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody), (status = 409, description = "Refused in the current state, or changed meanwhile", body = ErrorBody)))]
async fn set_role(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(MemberPath { member: key }): ApiPath<MemberPath>,
    ApiJson(body): ApiJson<RoleBody>,
) -> Result<Json<Member>, ApiError> {
    only_org_admins(&caller, "change roles")?;
    let member = resolve_member(&state, &caller, &key).await?;
    let bot_ids = role_bots(&state, &caller, body.role, body.bot_ids.unwrap_or_default()).await?;
    let changed = state
        .store
        .set_role(caller.org_id(), caller.member(), MemberId(member.id), body.role, &bot_ids, caller.audit())
        .await?;
    state.auth_cache.forget();
    match changed {
        TeamChange::Done(member) => Ok(Json(member)),
        TeamChange::NotFound => Err(ApiError::not_found(format!("no member `{key}` in your organization"))),
        TeamChange::Refused(refusal) => Err(team_refusal(refusal, &member.email)),
    }
}
