//! `/v1/visitors/erase`: erasing one person's data on their request, by the org admins.

use axum::Json;
use axum::extract::State as AxumState;
use jiff::Timestamp;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::extract::ApiJson;
use super::team::only_org_admins;
use crate::api::{EraseBody, Erasure, ErrorBody, grammar};
use crate::domain::Email;
use crate::store::{Erasee, VisitorId};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(erase_visitor))
}

/// Whom the body names, and how a "not found" says it.
fn erasee(body: &EraseBody) -> Result<(Erasee, String), ApiError> {
    let named = [body.visitor.is_some(), body.email.is_some(), body.user_id.is_some()];
    if named.iter().filter(|n| **n).count() != 1 {
        return Err(ApiError::invalid("name exactly one of `visitor`, `email` and `user_id`"));
    }
    if let Some(id) = body.visitor {
        if id < 1 {
            return Err(ApiError::invalid(format!("`visitor` is a visitor's id, a positive number, not {id}")));
        }
        return Ok((Erasee::Visitor(VisitorId(id)), format!("with the id {id}")));
    }
    if let Some(text) = &body.email {
        // Exactly the schema's shape; only then normalized, as members' addresses are.
        let email = grammar::email(text).and_then(|e| Email::parse(e).ok()).ok_or_else(|| {
            ApiError::invalid(
                "`email` is an email address: one `@` between two parts, no spaces, at most 320 characters",
            )
        })?;
        let described = format!("gave the email {email}");
        return Ok((Erasee::Email(email), described));
    }
    let text = body.user_id.as_deref().unwrap_or_default();
    let (channel, id) = grammar::user_id(text).ok_or_else(|| {
        ApiError::invalid(format!(
            "`user_id` is `CHANNEL:ID`, such as `discord:80351110224678912` or `web:visitor-3fa2…`, \
             with no spaces, at most {} characters",
            grammar::MAX_USER_ID_CHARS
        ))
    })?;
    Ok((Erasee::UserId(channel, id.to_string()), format!("has the user id {text}")))
}

/// Erases one person's data from every request they filed: their name, email and user id,
/// every message and note of those requests (the staff's too, which may quote them), their
/// form answers, their client-address digest and their conversation tokens, and what webhook
/// deliveries of those requests said of them. The requests stay, with their states, times,
/// timeline and counts. With `dry_run`, answers the same receipt and changes nothing.
#[utoipa::path(post, path = "/v1/visitors/erase", tag = "privacy", request_body = EraseBody, security(("bearer" = [])), responses((status = 200, description = "What was erased, or with `dry_run` what would be", body = Erasure), (status = 400, description = "Not exactly one of `visitor`, `email` and `user_id`, or one of the wrong shape", body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, description = "Only org admins erase visitors", body = ErrorBody), (status = 404, description = "No visitor of your organization matches", body = ErrorBody)))]
async fn erase_visitor(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<EraseBody>,
) -> Result<Json<Erasure>, ApiError> {
    only_org_admins(&caller, "erase a visitor's data")?;
    let (whom, described) = erasee(&body)?;
    let erased =
        state.store.erase_visitor(caller.org_id(), whom, body.dry_run, Timestamp::now(), caller.audit()).await?;
    erased.map(Json).ok_or_else(|| ApiError::not_found(format!("no visitor of your organization {described}")))
}
