//! Labels: put on and taken off requests in bulk, and listed with their counts.

use axum::Json;
use axum::extract::State as AxumState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::extract::ApiJson;
use super::requests::{batch_result, label};
use crate::api::{BatchResponse, ErrorBody, LabelCount, LabelsBody, MAX_BATCH, MAX_LABELS, Outcome, Page};
use crate::domain::Label;
use crate::store::RequestId;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(relabel)).routes(routes!(list_labels))
}

fn labels(field: &str, names: &[String]) -> Result<Vec<Label>, ApiError> {
    if names.len() > MAX_LABELS {
        return Err(ApiError::invalid(format!("`{field}` names at most {MAX_LABELS} labels")));
    }
    let mut parsed: Vec<Label> = names.iter().map(|n| label(n)).collect::<Result<_, _>>()?;
    parsed.sort();
    parsed.dedup();
    Ok(parsed)
}

/// Adds and takes away labels on every request named, in one transaction (a label named in
/// both is added, then taken away); each request is
/// answered on its own, as a batch's items are. Any member may label what they may see,
/// the archive included: labels are how a team files it.
#[utoipa::path(post, path = "/v1/requests/labels", tag = "requests", request_body = LabelsBody, security(("bearer" = [])), responses((status = 200, description = "One result per id, in order: `ok` when the labels changed, `unchanged`, or `not_found`", body = BatchResponse), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn relabel(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<LabelsBody>,
) -> Result<Json<BatchResponse>, ApiError> {
    if body.ids.is_empty() || body.ids.len() > MAX_BATCH {
        return Err(ApiError::invalid(format!("`ids` names 1 to {MAX_BATCH} requests")));
    }
    // With no label named, every request comes back unchanged (or not found).
    let (add, remove) = (labels("add", &body.add)?, labels("remove", &body.remove)?);
    let org = caller.org_id();
    let ids = body.ids.iter().map(|n| RequestId::numbered(org, *n)).collect();
    let changed = state.store.relabel(org, ids, add, remove).await?;
    let results = body
        .ids
        .iter()
        .zip(changed)
        .map(|(id, found)| {
            let answer = found
                .map(|(before, request)| {
                    let outcome = if before == request.labels { Outcome::Unchanged } else { Outcome::Ok };
                    (outcome, request)
                })
                .ok_or_else(|| ApiError::request_not_found(*id));
            batch_result(*id, answer)
        })
        .collect::<Result<_, _>>()?;
    Ok(Json(BatchResponse { results }))
}

/// The organization's labels, most used first, with how many requests hold each.
#[utoipa::path(get, path = "/v1/labels", tag = "requests", security(("bearer" = [])), responses((status = 200, body = Page<LabelCount>), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn list_labels(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
) -> Result<Json<Page<LabelCount>>, ApiError> {
    let items = state
        .store
        .label_counts(caller.org_id())
        .await?
        .into_iter()
        .map(|(name, requests)| LabelCount { name, requests })
        .collect();
    Ok(Json(Page { items, next_cursor: None }))
}
