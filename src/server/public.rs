//! The visitor's side: the Live Chat Request Form and the conversation it starts. These
//! routes take no member token; a bot id opens a request, and the conversation token that
//! comes back is the visitor's only credential.

use axum::Json;
use axum::extract::State as AxumState;
use axum::http::StatusCode;
use jiff::Timestamp;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::{hash_token, new_token};
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath};
use super::limits::ClientAddr;
use super::service::{self, bot_reply, checked_text};
use crate::api::{BodyText, ErrorBody, FormField, Message, PublicMessageAccepted, PublicRequestCreated};
use crate::domain::{Channel, NoteKind, SenderKind, State};
use crate::store::{BotId, NewMessage, NewNote, NewRequest, Opened, RequestId};

/// Limits on what a form may carry.
const MAX_FIELDS: usize = 30;
const MAX_FIELD_CHARS: usize = 2_000;
const MAX_KEY_CHARS: usize = 64;
const MAX_EMAIL_CHARS: usize = 320;
/// Any text without a NUL, which PostgreSQL cannot store.
const NO_NUL: &str = "^[^\\x00]*$";

/// The request form's body: a JSON object of fields. A placeholder the OpenAPI document
/// replaces with [`form_schema`], since the derive cannot say "any other field, of these kinds".
struct FormBody;

impl utoipa::PartialSchema for FormBody {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        crate::api::written_out()
    }
}

impl utoipa::ToSchema for FormBody {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("FormBody")
    }
}

/// The schema of the request form's body, as the document serves it.
pub fn form_schema() -> Value {
    let free = serde_json::json!({"type": ["string", "null"], "maxLength": MAX_FIELD_CHARS, "pattern": NO_NUL});
    serde_json::json!({
        "type": "object",
        "description": "The Live Chat Request Form: `message` and any other fields the form asks for. \
            `name` titles the request; `user_id` and `channel` say who the visitor is on a platform.",
        "required": ["message"],
        "maxProperties": MAX_FIELDS,
        "propertyNames": {"minLength": 1, "maxLength": MAX_KEY_CHARS, "pattern": "^[^\\x00-\\x1f]*$"},
        "properties": {
            "message": {"type": "string", "maxLength": MAX_FIELD_CHARS, "pattern": crate::api::grammar::TEXT},
            "name": free,
            "email": {"type": ["string", "null"], "maxLength": MAX_EMAIL_CHARS, "pattern": "^[^\\x00]*@[^\\x00]*$"},
            "user_id": free,
            "channel": {"type": ["string", "null"], "enum": ["web", "discord", "messenger", null]},
        },
        "additionalProperties": {
            "type": ["string", "number", "boolean", "null"],
            "maxLength": MAX_FIELD_CHARS,
            "pattern": NO_NUL
        },
        "example": {"name": "Maya Chen", "email": "maya@example.com", "message": "My parcel has not arrived", "order_number": "A-1001"}
    })
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit_form))
        .routes(routes!(conversation))
        .routes(routes!(visitor_message))
        .routes(routes!(chat_page))
}

/// The visitor's web chat: one self-contained page, with no build step.
const CHAT_PAGE: &str = include_str!("web/chat.html");

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[utoipa::path(get, path = "/chat/{bot}", tag = "visitors", params(("bot" = i64, Path, description = "The bot id")), responses((status = 200, description = "The visitor's web chat page", content_type = "text/html", body = String), (status = 404, description = "No such bot", content_type = "text/html", body = String)))]
async fn chat_page(
    AxumState(state): AxumState<AppState>,
    axum::extract::Path(bot): axum::extract::Path<String>,
) -> Result<axum::response::Html<String>, (StatusCode, axum::response::Html<String>)> {
    let missing = || {
        let page = format!(
            "<!doctype html><title>Chat not found</title><p>There is no chat at this address ({}).</p>",
            html_escape(&bot)
        );
        (StatusCode::NOT_FOUND, axum::response::Html(page))
    };
    let id: i64 = bot.parse().map_err(|_| missing())?;
    let found = state.store.public_bot(BotId(id)).await.map_err(|_| missing())?;
    let (_, bot) = found.ok_or_else(missing)?;
    Ok(axum::response::Html(CHAT_PAGE.replace("{{BOT}}", &html_escape(&bot.name))))
}

fn not_a_bot(bot: i64) -> ApiError {
    ApiError::not_found(format!("there is no bot {bot}; check the address of the chat page"))
}

/// The form's fields in the order given; `user_id` and `channel` steer the request instead.
struct Form {
    name: Option<String>,
    email: Option<String>,
    message: Option<String>,
    user_id: Option<String>,
    channel: Option<Channel>,
    fields: Vec<FormField>,
}

fn parse_form(body: Map<String, Value>) -> Result<Form, ApiError> {
    if body.len() > MAX_FIELDS {
        return Err(ApiError::invalid(format!("the form has {} fields; the limit is {MAX_FIELDS}", body.len())));
    }
    let mut form = Form { name: None, email: None, message: None, user_id: None, channel: None, fields: Vec::new() };
    for (key, value) in body {
        let keyed = |problem: &str| ApiError::invalid(format!("form field `{key}` {problem}"));
        if key.is_empty() || key.chars().count() > MAX_KEY_CHARS || key.chars().any(|c| c < ' ') {
            return Err(ApiError::invalid(format!(
                "form field names have 1 to {MAX_KEY_CHARS} characters and none below U+0020; `{}` does not",
                key.escape_debug()
            )));
        }
        let known = matches!(key.as_str(), "name" | "email" | "message" | "user_id" | "channel");
        let text = match value {
            Value::Null => continue,
            Value::String(s) => s,
            Value::Number(n) if !known => n.to_string(),
            Value::Bool(b) if !known => b.to_string(),
            _ if known => return Err(keyed("must be text")),
            _ => return Err(keyed("must be text, a number or true/false")),
        };
        if text.chars().count() > MAX_FIELD_CHARS {
            return Err(keyed(&format!("is longer than {MAX_FIELD_CHARS} characters")));
        }
        if text.contains('\0') {
            return Err(keyed("contains a NUL character, which cannot be stored"));
        }
        if key == "email" && (!text.contains('@') || text.chars().count() > MAX_EMAIL_CHARS) {
            return Err(ApiError::invalid(format!("`{text}` is not an email address")));
        }
        if key == "channel" {
            form.channel = Some(super::extract::exact_word::<Channel>(&text)?);
            continue;
        }
        let text = text.trim_matches(crate::api::grammar::is_blank).to_string();
        if text.is_empty() {
            continue;
        }
        match key.as_str() {
            "user_id" => form.user_id = Some(text),
            _ => {
                match key.as_str() {
                    "name" => form.name = Some(text.clone()),
                    "email" => form.email = Some(text.clone()),
                    "message" => form.message = Some(text.clone()),
                    _ => {}
                }
                form.fields.push(FormField { name: key, value: text });
            }
        }
    }
    Ok(form)
}

#[utoipa::path(post, path = "/v1/public/bots/{bot}/requests", tag = "visitors", params(("bot" = i64, Path, description = "The bot id")), request_body = FormBody, responses((status = 201, body = PublicRequestCreated), (status = 400, body = ErrorBody), (status = 404, description = "No such bot", body = ErrorBody), (status = 409, description = "The visitor already has an open request, or the bot is not on that channel", body = ErrorBody), (status = 429, description = "Too many calls, or too many open requests from this address", body = ErrorBody)))]
async fn submit_form(
    AxumState(state): AxumState<AppState>,
    client: ClientAddr,
    ApiPath(bot_id): ApiPath<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<(StatusCode, Json<PublicRequestCreated>), ApiError> {
    let (org_id, bot) = state.store.public_bot(BotId(bot_id)).await?.ok_or_else(|| not_a_bot(bot_id))?;
    let form = parse_form(body)?;
    let channel = form.channel.unwrap_or_else(|| *bot.channels.first().unwrap_or(&Channel::Web));
    if !bot.channels.contains(&channel) {
        return Err(ApiError::conflict("not_deployed", format!("bot {} is not deployed on {channel}", bot.name)));
    }
    let at = Timestamp::now();
    let (token, hash) = new_token("lcv_");
    let user_id = form.user_id.unwrap_or_else(|| format!("visitor-{}", hex::encode(&hash[..5])));
    // A request is someone asking for help: the form must say with what. (A blank message
    // never reaches here: the form drops blank fields.)
    let message = form
        .message
        .as_deref()
        .ok_or_else(|| ApiError::invalid("the form needs a `message`: what the visitor wants help with"))?;
    let mut transcript =
        vec![NewMessage { sender: SenderKind::Visitor, member_id: None, body: checked_text("message", message)?, at }];
    transcript.push(NewMessage { sender: SenderKind::Bot, member_id: None, body: bot_reply(State::New, None), at });
    let body = form.fields.iter().map(|f| format!("{}: {}", f.name, f.value)).collect::<Vec<_>>().join("\n");
    let note = (!form.fields.is_empty()).then(|| NewNote {
        kind: NoteKind::Form,
        author_member_id: None,
        body,
        fields: Some(form.fields),
        at,
    });
    let request = NewRequest {
        bot_id,
        channel,
        user_id,
        name: form.name,
        email: form.email,
        form: note,
        transcript,
        at,
        conversation_hash: Some(hash),
        follows: None,
        origin: client.open_cap(&state),
    };
    let created = match state.store.open_request(org_id, request).await? {
        Opened::Created(request) => request,
        Opened::Superseded => {
            return Err(ApiError::conflict("busy", "the visitor's conversation changed; send the form again"));
        }
        Opened::VisitorHasOpen(id) => {
            return Err(ApiError::conflict(
                "already_open",
                format!("this visitor already has request #{id} open; write to that conversation instead"),
            ));
        }
        Opened::OriginFull => {
            state.metrics.rate_limited("open_requests");
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_open_requests",
                "your address already has as many open requests as it may; wait until staff answer one",
            ));
        }
    };
    state.ping(org_id, &created);
    Ok((StatusCode::CREATED, Json(PublicRequestCreated { request_id: created.id, conversation_token: token })))
}

/// What a visitor may see of their conversation: never the notes or the staff's details.
#[derive(Serialize, utoipa::ToSchema)]
struct VisitorView {
    request_id: i64,
    state: State,
    bot: String,
    messages: Vec<Message>,
}

#[utoipa::path(get, path = "/v1/public/conversations/{token}", tag = "visitors", params(("token" = String, Path, description = "The conversation token")), responses((status = 200, body = VisitorView), (status = 404, body = ErrorBody)))]
async fn conversation(
    AxumState(state): AxumState<AppState>,
    ApiPath(token): ApiPath<String>,
) -> Result<Json<VisitorView>, ApiError> {
    let found = state.store.conversation(hash_token(&token)).await?;
    let conversation = found.ok_or_else(|| ApiError::not_found("this conversation does not exist"))?;
    let detail = state.store.request_detail(conversation.org_id, RequestId(conversation.request.id)).await?;
    let detail = detail.ok_or_else(|| ApiError::not_found("this conversation does not exist"))?;
    Ok(Json(VisitorView {
        request_id: detail.request.id,
        state: detail.request.state,
        bot: conversation.bot.name,
        messages: detail.messages,
    }))
}

#[utoipa::path(post, path = "/v1/public/conversations/{token}/messages", tag = "visitors", params(("token" = String, Path, description = "The conversation token")), request_body = BodyText, responses((status = 201, body = PublicMessageAccepted), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody)))]
async fn visitor_message(
    AxumState(state): AxumState<AppState>,
    ApiPath(token): ApiPath<String>,
    ApiJson(body): ApiJson<BodyText>,
) -> Result<(StatusCode, Json<PublicMessageAccepted>), ApiError> {
    let outcome = service::visitor_message(&state, hash_token(&token), &body.body).await?;
    Ok((
        StatusCode::CREATED,
        Json(PublicMessageAccepted {
            request_id: outcome.request.id,
            state: outcome.request.state,
            reply: outcome.reply,
        }),
    ))
}
