//! `GET /v1/changes`: the incremental change feed, for warehouses. It streams, as JSON Lines,
//! every request created or changed after a cursor, and every one deleted, in the order the
//! changes committed, and ends with the cursor to resume from.

use axum::extract::State as AxumState;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::extract::ApiQuery;
use super::team::only_org_admins;
use crate::api::{Change, ErrorBody, grammar};
use crate::store::{ChangeCursor, FeedChange};

/// Changes read per database call while streaming.
const FEED_PAGE: usize = 500;
/// Changes one call streams unless it asks for fewer; the last line says whether more wait.
const DEFAULT_LIMIT: usize = 10_000;
const MAX_LIMIT: usize = 100_000;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(changes))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct ChangesParams {
    /// Resume after this cursor [default: `0.0`, the beginning].
    #[param(schema_with = grammar::change_cursor_schema)]
    after: Option<String>,
    /// Changes to stream at most [default: 10000].
    #[param(minimum = 1, maximum = 100000)]
    limit: Option<usize>,
}

fn line(change: &Change, buf: &mut Vec<u8>) -> std::io::Result<()> {
    serde_json::to_writer(&mut *buf, change).map_err(std::io::Error::other)?;
    buf.push(b'\n');
    Ok(())
}

/// Streams the changes after `after` as JSON Lines, ending with the cursor to resume from.
#[utoipa::path(get, path = "/v1/changes", tag = "requests", params(ChangesParams), security(("bearer" = [])), responses((status = 200, description = "JSON Lines, one Change per line, the last one `end`", content_type = "application/x-ndjson", body = Change), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not an org admin", body = ErrorBody)))]
async fn changes(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<ChangesParams>,
) -> Result<axum::response::Response, ApiError> {
    only_org_admins(&caller, "read the change feed")?;
    let after = match params.after.as_deref() {
        None => ChangeCursor::default(),
        Some(text) => ChangeCursor::parse(text).ok_or_else(|| {
            ApiError::invalid(format!("`{text}` is not a cursor of the feed; give a `next_cursor` it sent, or 0.0"))
        })?,
    };
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::invalid(format!("limit must be between 1 and {MAX_LIMIT}")));
    }
    let org = caller.org_id();
    let store = state.store.clone();
    // (where the feed has got, how many lines are left to send); `None` once `end` is sent.
    let pages = futures_util::stream::try_unfold(Some((after, limit)), move |position| {
        let store = store.clone();
        async move {
            let Some((after, left)) = position else { return Ok::<_, std::io::Error>(None) };
            let asked = left.min(FEED_PAGE);
            let page = store.changes_after(org, after, asked).await.map_err(|e| {
                tracing::error!(%e, "the change feed stopped");
                std::io::Error::other("the change feed stopped on a database error")
            })?;
            let mut buf = Vec::with_capacity(page.len() * 2048);
            let mut cursor = after;
            for change in page.iter() {
                cursor = change.cursor();
                let change = match change {
                    FeedChange::Changed(at, request) => {
                        Change::Changed { cursor: at.to_text(), request: request.clone() }
                    }
                    FeedChange::Deleted { cursor: at, reason, at: when } => Change::Deleted {
                        cursor: at.to_text(),
                        request_id: crate::store::row_id(org, at.request),
                        reason: reason.clone(),
                        at: *when,
                    },
                };
                line(&change, &mut buf)?;
            }
            let full = page.len() == asked;
            let left = left - page.len();
            if full && left > 0 {
                return Ok(Some((axum::body::Bytes::from(buf), Some((cursor, left)))));
            }
            // A short page is the end of what has committed; a full one at the limit may not be.
            line(&Change::End { next_cursor: cursor.to_text(), more: full }, &mut buf)?;
            Ok(Some((axum::body::Bytes::from(buf), None)))
        }
    });
    Ok(axum::response::Response::builder()
        .header(axum::http::header::CONTENT_TYPE, "application/x-ndjson")
        .body(axum::body::Body::from_stream(pages))
        .map_err(|e| ApiError::invalid(e.to_string()))?)
}
