//! `GET /v1/audit`: the organization's audit log, for org admins. Nothing here or anywhere
//! else changes or deletes a record.

use axum::Json;
use axum::extract::State as AxumState;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::extract::ApiQuery;
use super::service::resolve_member;
use super::team::only_org_admins;
use crate::api::{AuditRecord, ErrorBody, MAX_PAGE, Page, grammar};
use crate::store::{AuditFilter, MemberId};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(audit_log))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct AuditParams {
    /// Only changes made by this member.
    #[param(schema_with = grammar::member_schema)]
    actor: Option<String>,
    /// Only this action, or this family of actions.
    #[param(schema_with = grammar::audit_action_schema)]
    action: Option<String>,
    /// Only changes to this target.
    #[param(schema_with = grammar::audit_target_schema)]
    target: Option<String>,
    /// Only changes made at or after this time.
    #[param(schema_with = grammar::time_bound_schema)]
    since: Option<String>,
    /// Only changes made before this time.
    #[param(schema_with = grammar::time_bound_schema)]
    until: Option<String>,
    /// Records per page [default: 100].
    #[param(minimum = 1, maximum = 500)]
    limit: Option<usize>,
    #[param(schema_with = grammar::audit_cursor_schema)]
    cursor: Option<String>,
}

fn checked(fits: fn(&str) -> bool, name: &str, text: &str) -> Result<String, ApiError> {
    if fits(text) { Ok(text.to_string()) } else { Err(ApiError::invalid(format!("`{text}` is not {name}"))) }
}

/// The audit log, newest first, a page at a time.
#[utoipa::path(get, path = "/v1/audit", tag = "members", params(AuditParams), security(("bearer" = [])), responses((status = 200, body = Page<AuditRecord>), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not an org admin", body = ErrorBody), (status = 404, description = "No such member", body = ErrorBody)))]
async fn audit_log(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> Result<Json<Page<AuditRecord>>, ApiError> {
    only_org_admins(&caller, "read the audit log")?;
    let limit = params.limit.unwrap_or(100);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::invalid(format!("limit must be between 1 and {MAX_PAGE}")));
    }
    let bound = |name: &str, text: Option<&str>| {
        text.map(|t| {
            crate::api::parse_moment(t, jiff::Timestamp::now()).map_err(|e| ApiError::invalid(format!("{name} {e}")))
        })
        .transpose()
    };
    let actor = match params.actor.as_deref() {
        Some(key) => Some(MemberId(resolve_member(&state, &caller, key).await?.id)),
        None => None,
    };
    let filter = AuditFilter {
        actor,
        action: params
            .action
            .as_deref()
            .map(|a| checked(grammar::audit_action, "an action such as `member.role`", a))
            .transpose()?,
        target: params
            .target
            .as_deref()
            .map(|t| checked(grammar::audit_target, "a target such as `member:4`", t))
            .transpose()?,
        since: bound("since", params.since.as_deref())?,
        until: bound("until", params.until.as_deref())?,
        before: params
            .cursor
            .as_deref()
            .map(|c| c.parse::<i64>().map_err(|_| ApiError::invalid("cursor is not one this server gave")))
            .transpose()?,
    };
    // One more than the page tells whether another page follows.
    let mut items = state.store.audit_log(caller.org_id(), filter, limit + 1).await?;
    let next_cursor = (items.len() > limit).then(|| {
        items.truncate(limit);
        items.last().map(|r| r.id.to_string())
    });
    Ok(Json(Page { items, next_cursor: next_cursor.flatten() }))
}
