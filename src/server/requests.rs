//! `/v1/requests`: the queue, one request in full, and the members' actions on requests.

use axum::Json;
use axum::extract::State as AxumState;
use axum::http::StatusCode;
use jiff::Timestamp;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath, ApiQuery, duration_param, exact_word};
use super::service::{self, Command, checked_text};
use crate::api::{
    AssignBody, Backlog, BatchAction, BatchBody, BatchResponse, BatchResult, BodyText, ConditionBody, ErrorBody,
    ErrorCode, ExportedRequest, MAX_BATCH, MAX_PAGE, Message, Note, Outcome, Page, Request, RequestDetail, ResolveBody,
    grammar,
};
use crate::domain::{self, Channel, Label, NoteKind, State};
use crate::store::{
    AssigneeFilter, ExportFilter, NewNote, OrgId, QueuePosition, RequestFilter, RequestId, SearchTerms, number,
};

/// The page size when the caller names none.
const DEFAULT_PAGE: usize = 50;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_requests))
        .routes(routes!(batch))
        .routes(routes!(backlog))
        .routes(routes!(export))
        .routes(routes!(show_request))
        .routes(routes!(assign))
        .routes(routes!(unassign))
        .routes(routes!(start_chat))
        .routes(routes!(end_chat))
        .routes(routes!(send_message))
        .routes(routes!(resolve))
        .routes(routes!(add_note))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct ListParams {
    /// [default: open]
    #[param(schema_with = grammar::states_schema)]
    pub(super) state: Option<String>,
    #[param(schema_with = grammar::assignee_schema)]
    pub(super) assignee: Option<String>,
    /// A bot id or name.
    #[param(min_length = 1)]
    pub(super) bot: Option<String>,
    #[param(value_type = Option<Channel>)]
    pub(super) channel: Option<String>,
    /// Only requests created longer ago than this.
    #[param(schema_with = grammar::duration_schema)]
    pub(super) older_than: Option<String>,
    /// Only requests created more recently than this.
    #[param(schema_with = grammar::duration_schema)]
    pub(super) newer_than: Option<String>,
    /// Requests per page [default: 50].
    #[param(minimum = 1, maximum = 500)]
    pub(super) limit: Option<usize>,
    #[param(schema_with = grammar::queue_cursor_schema)]
    pub(super) cursor: Option<String>,
    /// Only requests whose transcript, notes, or visitor name or email hold every word.
    #[param(schema_with = grammar::search_schema)]
    pub(super) search: Option<String>,
    /// Only requests with this label.
    #[param(schema_with = grammar::label_schema)]
    pub(super) label: Option<String>,
}

impl ListParams {
    /// The filters a queue stream shares with the list.
    pub(super) fn filters(
        state: Option<String>,
        assignee: Option<String>,
        bot: Option<String>,
        channel: Option<String>,
    ) -> ListParams {
        ListParams { state, assignee, bot, channel, ..ListParams::default() }
    }
}

/// Reads a comma list of states; `open` stands for new, assigned and chatting, `all` for all.
pub fn parse_states(text: &str) -> Result<Vec<State>, ApiError> {
    grammar::states(text).ok_or_else(|| {
        ApiError::invalid(format!(
            "`{text}` is not a list of states: write words from new, assigned, chatting, resolved, closed, open and all, \
             separated by commas"
        ))
    })
}

/// A position in the queue's order, written out: any position is a place to resume from.
fn encode_cursor(pos: QueuePosition) -> String {
    format!("{}.{}.{}", pos.state.rank(), pos.created_at_ms, number(pos.id))
}

fn decode_cursor(org: OrgId, text: &str) -> Result<QueuePosition, ApiError> {
    let invalid = || ApiError::invalid("the cursor is not one this server gave out; start again without it");
    let mut parts = text.split('.');
    let (Some(rank), Some(created_at_ms), Some(id), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    let rank = (rank.len() == 1).then(|| grammar::number(rank)).flatten();
    let id = grammar::natural(id);
    let short = created_at_ms.trim_start_matches('-').len() <= 15;
    match (rank.and_then(State::from_rank), grammar::number(created_at_ms).filter(|_| short), id) {
        (Some(state), Some(created_at_ms), Some(id)) => {
            Ok(QueuePosition { state, created_at_ms, id: RequestId::after(org, id).0 })
        }
        _ => Err(invalid()),
    }
}

pub(super) async fn filter_from(
    state: &AppState,
    caller: &Caller,
    params: &ListParams,
) -> Result<RequestFilter, ApiError> {
    let now = super::pages::this_second();
    let ago = |text: &str| -> Result<Timestamp, ApiError> {
        let duration = duration_param(text)?;
        now.checked_sub(duration).map_err(|_| ApiError::invalid(format!("`{text}` reaches too far back")))
    };
    let assignee = match params.assignee.as_deref() {
        None | Some("any") => AssigneeFilter::Any,
        Some("none") => AssigneeFilter::Nobody,
        Some(key) => AssigneeFilter::Member(service::resolve_member(state, caller, key).await?.id),
    };
    let bot_id = match params.bot.as_deref() {
        None => None,
        Some("") => return Err(ApiError::invalid("`bot` is empty; name a bot by id or name")),
        Some(key) => {
            let bots = state.store.bots(caller.org_id()).await?;
            let found = bots.iter().find(|b| b.id.to_string() == key || b.name.eq_ignore_ascii_case(key));
            let names = bots.iter().map(|b| format!("{} ({})", b.name, b.id)).collect::<Vec<_>>().join(", ");
            Some(
                found
                    .ok_or_else(|| {
                        ApiError::not_found(format!("no bot `{key}` in your organization; its bots are: {names}"))
                    })?
                    .id,
            )
        }
    };
    Ok(RequestFilter {
        states: match params.state.as_deref() {
            Some(text) => parse_states(text)?,
            None => State::OPEN.to_vec(),
        },
        assignee,
        bot_id,
        channel: params.channel.as_deref().map(exact_word::<Channel>).transpose()?,
        created_before: params.older_than.as_deref().map(ago).transpose()?,
        created_after: params.newer_than.as_deref().map(ago).transpose()?,
        search: params.search.as_deref().map(search_terms).transpose()?,
        label: params.label.as_deref().map(label).transpose()?,
    })
}

/// A label named by the caller, or why it cannot be one.
pub(super) fn label(text: &str) -> Result<Label, ApiError> {
    Label::parse(text).map_err(ApiError::invalid)
}

/// The words of a `search` parameter, or why there are none.
pub(super) fn search_terms(text: &str) -> Result<SearchTerms, ApiError> {
    if text.chars().count() > SearchTerms::LONGEST_TEXT {
        return Err(ApiError::invalid(format!("a search is at most {} characters", SearchTerms::LONGEST_TEXT)));
    }
    SearchTerms::parse(text).ok_or_else(|| {
        ApiError::invalid(format!("the search `{text}` has no word to look for; give letters or digits"))
    })
}

#[utoipa::path(get, path = "/v1/requests", tag = "requests", params(ListParams), security(("bearer" = [])), responses((status = 200, description = "A page of requests in queue order: new first, newest first", body = Page<Request>), (status = 304, description = "Not modified: `If-None-Match` names this page as it is now; not counted against the rate limit"), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn list_requests(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<axum::response::Response, ApiError> {
    let limit = params.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::invalid(format!("limit must be between 1 and {MAX_PAGE}; follow next_cursor for more")));
    }
    let filter = filter_from(&state, &caller, &params).await?;
    let after = params.cursor.as_deref().map(|c| decode_cursor(caller.org_id(), c)).transpose()?;
    // One extra row tells whether another page follows without a second query.
    let mut items = state.store.list_requests(caller.org_id(), &filter, after, limit + 1).await?;
    let next_cursor = if items.len() > limit {
        items.truncate(limit);
        items.last().map(|r| encode_cursor(QueuePosition::of(r)))
    } else {
        None
    };
    page_json(&Page { items, next_cursor })
}

/// A page of requests as JSON, written into a buffer sized for it up front: growing one to
/// a page's tens of kilobytes copied it over and over, and the list is the busiest route.
fn page_json(page: &Page<Request>) -> Result<axum::response::Response, ApiError> {
    const PER_REQUEST: usize = 512;
    let mut body = Vec::with_capacity(64 + PER_REQUEST * page.items.len());
    serde_json::to_writer(&mut body, page).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    let json = axum::http::HeaderValue::from_static("application/json");
    Ok(axum::response::IntoResponse::into_response(([(axum::http::header::CONTENT_TYPE, json)], body)))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct BacklogParams {
    /// A bot id or name.
    #[param(min_length = 1)]
    bot: Option<String>,
    #[param(value_type = Option<Channel>)]
    channel: Option<String>,
}

#[utoipa::path(get, path = "/v1/requests/backlog", tag = "requests", params(BacklogParams), security(("bearer" = [])), responses((status = 200, body = Backlog), (status = 304, description = "Not modified: `If-None-Match` names this page as it is now; not counted against the rate limit"), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn backlog(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<BacklogParams>,
) -> Result<Json<Backlog>, ApiError> {
    let list = ListParams { bot: params.bot, channel: params.channel, ..ListParams::default() };
    let filter = filter_from(&state, &caller, &list).await?;
    Ok(Json(state.store.backlog(caller.org_id(), &filter, super::pages::this_second()).await?))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct ExportParams {
    /// [default: closed]
    #[param(schema_with = grammar::states_schema)]
    state: Option<String>,
    /// Requests closed at or after this time.
    #[param(schema_with = grammar::time_bound_schema)]
    since: Option<String>,
    /// Requests closed before this time.
    #[param(schema_with = grammar::time_bound_schema)]
    until: Option<String>,
    /// Resume after this request number.
    after_id: Option<i64>,
    /// Only requests whose transcript, notes, or visitor name or email hold every word.
    #[param(schema_with = grammar::search_schema)]
    search: Option<String>,
    /// Only requests with this label.
    #[param(schema_with = grammar::label_schema)]
    label: Option<String>,
}

/// Requests per database read while streaming an export: large enough to amortize the
/// history queries, small enough that memory stays flat.
const EXPORT_PAGE: usize = 500;

/// A time bound of an export: an RFC 3339 time, or a date meaning its midnight UTC.
fn parse_bound(name: &str, text: &str) -> Result<Timestamp, ApiError> {
    crate::api::parse_moment(text, Timestamp::now()).map_err(|e| ApiError::invalid(format!("{name} {e}")))
}

/// Streams requests as JSON Lines in id order, a page at a time, so the archive is never
/// held in memory. `after_id` resumes after the last complete line a client has.
#[utoipa::path(get, path = "/v1/requests/export", tag = "requests", params(ExportParams), security(("bearer" = [])), responses((status = 200, description = "JSON Lines, one ExportedRequest per line, in id order", content_type = "application/x-ndjson", body = ExportedRequest), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody)))]
async fn export(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiQuery(params): ApiQuery<ExportParams>,
) -> Result<axum::response::Response, ApiError> {
    let me = &caller.0.member;
    let bot_ids = match me.role {
        domain::Role::OrgAdmin => Vec::new(),
        domain::Role::BotAdmin => me.bot_ids.clone(),
        domain::Role::Agent => {
            return Err(ApiError::forbidden("only org admins and bot admins can export archives"));
        }
    };
    let filter = ExportFilter {
        states: parse_states(params.state.as_deref().unwrap_or("closed"))?,
        bot_ids,
        closed_since: params.since.as_deref().map(|t| parse_bound("since", t)).transpose()?,
        closed_until: params.until.as_deref().map(|t| parse_bound("until", t)).transpose()?,
        search: params.search.as_deref().map(search_terms).transpose()?,
        label: params.label.as_deref().map(label).transpose()?,
    };
    let org = caller.org_id();
    let store = state.store.clone();
    let pages = futures_util::stream::try_unfold(Some(params.after_id.unwrap_or(0)), move |after| {
        let store = store.clone();
        let filter = filter.clone();
        async move {
            let Some(after) = after else { return Ok::<_, std::io::Error>(None) };
            let page =
                store.export_page(org, &filter, RequestId::after(org, after), EXPORT_PAGE).await.map_err(|e| {
                    tracing::error!(%e, "export stopped");
                    std::io::Error::other("the export stopped on a database error")
                })?;
            let mut buf = Vec::with_capacity(page.len() * 2048);
            for record in &page {
                serde_json::to_writer(&mut buf, record).map_err(std::io::Error::other)?;
                buf.push(b'\n');
            }
            let next = (page.len() == EXPORT_PAGE).then(|| page.last().map_or(after, |r| number(r.request.id)));
            Ok(Some((axum::body::Bytes::from(buf), next)))
        }
    });
    Ok(axum::response::Response::builder()
        .header(axum::http::header::CONTENT_TYPE, "application/x-ndjson")
        .body(axum::body::Body::from_stream(pages))
        .map_err(|e| ApiError::invalid(e.to_string()))?)
}

#[utoipa::path(get, path = "/v1/requests/{id}", tag = "requests", params(("id" = i64, Path, description = "The request's number in your organization")), security(("bearer" = [])), responses((status = 200, description = "The request with notes, transcript and timeline", body = RequestDetail), (status = 304, description = "Not modified: `If-None-Match` names this page as it is now; not counted against the rate limit"), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody)))]
async fn show_request(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RequestDetail>, ApiError> {
    let detail = state.store.request_detail(caller.org_id(), RequestId::numbered(caller.org_id(), id)).await?;
    detail.map(Json).ok_or_else(|| ApiError::request_not_found(id))
}

async fn act(
    state: &AppState,
    caller: &Caller,
    id: i64,
    command: Command,
    if_version: Option<i64>,
) -> Result<Json<Request>, ApiError> {
    service::act(state, caller, id, command, if_version).await.map(|(_, request)| Json(request))
}

#[utoipa::path(post, path = "/v1/requests/{id}/assign", tag = "requests", params(("id" = i64, Path, description = "The request's number in your organization")), request_body = AssignBody, security(("bearer" = [])), responses((status = 200, description = "The request after the change (or unchanged)", body = Request), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody), (status = 409, description = "Refused in the current state, or changed meanwhile", body = ErrorBody)))]
async fn assign(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AssignBody>,
) -> Result<Json<Request>, ApiError> {
    act(&state, &caller, id, Command::Assign { to: body.to }, body.if_version).await
}

#[utoipa::path(post, path = "/v1/requests/{id}/unassign", tag = "requests", params(("id" = i64, Path, description = "The request's number in your organization")), request_body = ConditionBody, security(("bearer" = [])), responses((status = 200, body = Request), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody), (status = 409, description = "Refused in the current state, or changed meanwhile", body = ErrorBody)))]
async fn unassign(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ConditionBody>,
) -> Result<Json<Request>, ApiError> {
    act(&state, &caller, id, Command::Unassign, body.if_version).await
}

#[utoipa::path(post, path = "/v1/requests/{id}/chat/start", tag = "chat", params(("id" = i64, Path, description = "The request's number in your organization")), request_body = ConditionBody, security(("bearer" = [])), responses((status = 200, description = "Chatting: the bot is paused", body = Request), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody), (status = 409, description = "Refused in the current state, or changed meanwhile", body = ErrorBody)))]
async fn start_chat(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ConditionBody>,
) -> Result<Json<Request>, ApiError> {
    act(&state, &caller, id, Command::StartChat, body.if_version).await
}

#[utoipa::path(post, path = "/v1/requests/{id}/chat/end", tag = "chat", params(("id" = i64, Path, description = "The request's number in your organization")), request_body = ConditionBody, security(("bearer" = [])), responses((status = 200, description = "Assigned again: the bot answers", body = Request), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody), (status = 409, description = "Refused in the current state, or changed meanwhile", body = ErrorBody)))]
async fn end_chat(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ConditionBody>,
) -> Result<Json<Request>, ApiError> {
    act(&state, &caller, id, Command::EndChat, body.if_version).await
}

#[utoipa::path(post, path = "/v1/requests/{id}/resolve", tag = "requests", params(("id" = i64, Path, description = "The request's number in your organization")), request_body = ResolveBody, security(("bearer" = [])), responses((status = 200, body = Request), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody), (status = 409, description = "Refused in the current state, or changed meanwhile", body = ErrorBody)))]
async fn resolve(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ResolveBody>,
) -> Result<Json<Request>, ApiError> {
    act(&state, &caller, id, Command::Resolve { note: body.note }, body.if_version).await
}

#[utoipa::path(post, path = "/v1/requests/{id}/messages", tag = "chat", params(("id" = i64, Path, description = "The request's number in your organization")), request_body = BodyText, security(("bearer" = [])), responses((status = 201, description = "The agent's message", body = Message), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 403, description = "Not permitted", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody), (status = 409, description = "Refused in the current state, or changed meanwhile", body = ErrorBody), (status = 413, description = "Too long", body = ErrorBody)))]
async fn send_message(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<BodyText>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    let message = service::agent_message(&state, &caller, id, &body.body).await?;
    Ok((StatusCode::CREATED, Json(message)))
}

#[utoipa::path(post, path = "/v1/requests/{id}/notes", tag = "requests", params(("id" = i64, Path, description = "The request's number in your organization")), request_body = BodyText, security(("bearer" = [])), responses((status = 201, body = Note), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody), (status = 404, description = "Not in your organization", body = ErrorBody), (status = 409, description = "Refused in the current state, or changed meanwhile", body = ErrorBody), (status = 413, description = "Too long", body = ErrorBody)))]
async fn add_note(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<BodyText>,
) -> Result<(StatusCode, Json<Note>), ApiError> {
    let body = checked_text("note", &body.body)?;
    let note = NewNote {
        kind: NoteKind::Agent,
        author_member_id: Some(caller.member_id()),
        body,
        fields: None,
        at: Timestamp::now(),
    };
    if let Some(note) = state.store.add_note(caller.org_id(), RequestId::numbered(caller.org_id(), id), note).await? {
        return Ok((StatusCode::CREATED, Json(note)));
    }
    match state.store.request(caller.org_id(), RequestId::numbered(caller.org_id(), id)).await? {
        None => Err(ApiError::request_not_found(id)),
        Some(_) => Err(ApiError::new(
            ErrorCode::InvalidTransition,
            format!("request #{id} is closed: the archive is read-only, so it takes no more notes"),
        )),
    }
}

/// Applies one action to many requests, in one transaction: each item is decided in turn, a
/// refused item leaves the others alone, and the answer comes once all are committed.
#[utoipa::path(post, path = "/v1/requests/batch", tag = "requests", request_body = BatchBody, security(("bearer" = [])), responses((status = 200, description = "One result per item, in order", body = BatchResponse), (status = 400, description = "Invalid input", body = ErrorBody), (status = 401, description = "No or bad token", body = ErrorBody)))]
async fn batch(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<BatchBody>,
) -> Result<Json<BatchResponse>, ApiError> {
    if body.items.len() > MAX_BATCH {
        return Err(ApiError::invalid(format!(
            "a batch holds at most {MAX_BATCH} items and this one has {}; send it in chunks",
            body.items.len()
        )));
    }
    // Items without the arguments their action needs are answered `invalid` up front.
    let mut valid = Vec::with_capacity(body.items.len());
    let mut answers: Vec<Option<Result<(Outcome, Request), ApiError>>> = Vec::with_capacity(body.items.len());
    for item in &body.items {
        let command = match (body.action, &item.to) {
            (BatchAction::Assign, Some(to)) => Ok(Command::Assign { to: to.clone() }),
            (BatchAction::Assign, None) => Err(ApiError::invalid("an assign item needs `to`")),
            (BatchAction::Unassign, _) => Ok(Command::Unassign),
            (BatchAction::Resolve, _) => Ok(Command::Resolve { note: item.note.clone() }),
        };
        match command {
            Ok(command) => {
                valid.push(service::Item { id: item.id, command, if_version: item.if_version });
                answers.push(None);
            }
            Err(err) => answers.push(Some(Err(err))),
        }
    }
    let mut decided = service::act_many(&state, &caller, valid).await?.into_iter();
    let mut results = Vec::with_capacity(body.items.len());
    for (item, answer) in body.items.iter().zip(answers) {
        let answer = answer.or_else(|| decided.next()).expect("every valid item is answered");
        results.push(batch_result(item.id, answer)?);
    }
    Ok(Json(BatchResponse { results }))
}

/// One item's answer as a batch reports it; a server failure fails the whole call.
pub(super) fn batch_result(id: i64, answer: Result<(Outcome, Request), ApiError>) -> Result<BatchResult, ApiError> {
    Ok(match answer {
        Ok((outcome, request)) => BatchResult { id, outcome, request: Some(request), error: None },
        Err(err) if err.status().is_server_error() => return Err(err),
        Err(err) => {
            let outcome = match err.status() {
                StatusCode::NOT_FOUND => Outcome::NotFound,
                StatusCode::FORBIDDEN => Outcome::Forbidden,
                StatusCode::CONFLICT => Outcome::Conflict,
                _ => Outcome::Invalid,
            };
            BatchResult { id, outcome, request: None, error: Some(err.detail()) }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::row_id;

    #[test]
    fn cursors_round_trip_and_reject_forgeries() {
        let org = OrgId(3);
        let pos = QueuePosition { state: State::Assigned, created_at_ms: 1_700_000_000_123, id: row_id(org, 42) };
        assert_eq!(decode_cursor(org, &encode_cursor(pos)).unwrap(), pos);
        // The wire shows the organization's number, never the row id behind it.
        assert_eq!(encode_cursor(pos), "1.1700000000123.42");
        for bad in ["", "!!", "1.2", "9.1.1", "1.2.3.4", "1.2.-3", "+1.2.3", "01.2.3", "1.1234567890123456.3"] {
            assert_eq!(decode_cursor(org, bad).unwrap_err().code, ErrorCode::InvalidInput, "{bad}");
        }
    }

    #[test]
    fn state_lists_expand_open_and_all_and_keep_queue_order() {
        assert_eq!(parse_states("open").unwrap(), State::OPEN);
        assert_eq!(parse_states("closed,new,new").unwrap(), [State::New, State::Closed]);
        assert_eq!(parse_states("all").unwrap(), State::ALL);
        assert!(parse_states("new,bogus").unwrap_err().message.contains("is not a list of states"));
    }
}
