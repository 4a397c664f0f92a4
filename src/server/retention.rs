//! `/v1/retention`: how long an organization keeps its closed archive, what the next sweep
//! would delete, and the sweep itself, which every server runs on a timer.

use std::time::Duration;

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
use crate::api::{
    ErrorBody, ErrorCode, ExportReceipt, MAX_RETENTION_DAYS, ReceiptBody, RetentionBody, RetentionPolicy,
    RetentionPreview,
};
use crate::store::{NewReceipt, RequestId};
use axum::http::StatusCode;

/// Requests one organization's batch deletes at most, in one transaction: enough to keep up
/// with any archive, few enough that a batch holds its locks briefly.
pub const SWEEP_BATCH: usize = 500;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show_retention, set_retention))
        .routes(routes!(preview))
        .routes(routes!(take_receipt))
}

#[utoipa::path(get, path = "/v1/retention", tag = "requests", security(("bearer" = [])), responses((status = 200, body = RetentionPolicy), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn show_retention(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
) -> Result<Json<RetentionPolicy>, ApiError> {
    Ok(Json(state.store.retention(caller.org_id()).await?))
}

#[utoipa::path(put, path = "/v1/retention", tag = "requests", request_body = RetentionBody, security(("bearer" = [])), responses((status = 200, body = RetentionPolicy), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not an org admin", body = ErrorBody)))]
async fn set_retention(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<RetentionBody>,
) -> Result<Json<RetentionPolicy>, ApiError> {
    only_org_admins(&caller, "set how long closed requests are kept")?;
    let days = match body.closed_after_days {
        None => None,
        Some(days) => match u32::try_from(days) {
            Ok(days) if (1..=MAX_RETENTION_DAYS).contains(&days) => Some(days),
            _ => {
                return Err(ApiError::invalid(format!(
                    "closed_after_days must be between 1 and {MAX_RETENTION_DAYS}, or null to keep the archive"
                )));
            }
        },
    };
    Ok(Json(state.store.set_retention(caller.org_id(), days, body.require_export, caller.audit()).await?))
}

#[utoipa::path(get, path = "/v1/retention/preview", tag = "requests", security(("bearer" = [])), responses((status = 200, body = RetentionPreview), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not an org admin", body = ErrorBody)))]
async fn preview(AxumState(state): AxumState<AppState>, caller: Caller) -> Result<Json<RetentionPreview>, ApiError> {
    only_org_admins(&caller, "preview the retention sweep")?;
    Ok(Json(state.store.retention_preview(caller.org_id(), Timestamp::now()).await?))
}

/// Records a finished export of closed requests, once the archive is found to hold exactly
/// what it says it holds; a policy that requires an export then lets the sweep delete them.
#[utoipa::path(post, path = "/v1/requests/export/receipts", tag = "requests", request_body = ReceiptBody, security(("bearer" = [])), responses((status = 201, body = ExportReceipt), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not an org admin", body = ErrorBody), (status = 409, description = "The archive does not hold what the export says", body = ErrorBody)))]
async fn take_receipt(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<ReceiptBody>,
) -> Result<(StatusCode, Json<ExportReceipt>), ApiError> {
    only_org_admins(&caller, "record exports for retention")?;
    let valid_hash =
        body.sha256.len() == 64 && body.sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !valid_hash {
        return Err(ApiError::invalid("sha256 must be 64 lowercase hex digits: the SHA-256 of the export's file"));
    }
    // A range the archive cannot hold (backwards, or past every number) holds nothing, which
    // the count below tells the caller.
    let records = u64::try_from(body.records)
        .map_err(|_| ApiError::invalid("records must be positive: how many requests the export holds"))?;
    let org = caller.org_id();
    let (first, last) = (RequestId::numbered(org, body.first_id), RequestId::numbered(org, body.last_id));
    let receipt = NewReceipt {
        first_id: first.0,
        last_id: last.0,
        records,
        sha256: body.sha256,
        since: body.since,
        until: body.until,
    };
    let outcome = match first == RequestId::NONE || last == RequestId::NONE {
        true => Err(0),
        false => state.store.take_receipt(org, receipt, caller.audit()).await?,
    };
    match outcome {
        Ok(taken) => Ok((StatusCode::CREATED, Json(taken))),
        Err(held) => Err(ApiError::new(
            ErrorCode::ExportMismatch,
            format!(
                "the archive holds {held} closed requests from #{} to #{} in that window, and the export {records}; \
                 it changed since the export, so export again",
                body.first_id, body.last_id
            ),
        )),
    }
}

/// Sweeps every `retention_every`, batch after batch while any organization fills one.
pub fn spawn_sweeper(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(err) = sweep(&state).await {
                tracing::error!(%err, "the retention sweep failed; it runs again at its next turn");
            }
            tokio::time::sleep(state.config.retention_every).await;
        }
    })
}

async fn sweep(state: &AppState) -> crate::store::StoreResult<()> {
    loop {
        let swept = state.store.sweep_retention(Timestamp::now(), SWEEP_BATCH).await?;
        let mut full = false;
        for (org, counts) in &swept {
            state.metrics.retention_deleted(counts);
            tracing::info!(
                org = org.0,
                requests = counts.requests,
                audit_records = counts.audit_records,
                "retention sweep"
            );
            full |= counts.requests as usize >= SWEEP_BATCH || counts.audit_records as usize >= SWEEP_BATCH;
        }
        if !full {
            return Ok(());
        }
        // Other work gets the database between batches.
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
