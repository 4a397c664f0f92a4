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
use crate::api::{
    BodyText, Bot, ErrorBody, ErrorCode, FieldKind, FormField, MAX_ANSWER_CHARS, Message, PublicMessageAccepted,
    PublicRequestCreated, RequestForm, grammar,
};
use crate::domain::{Channel, NoteKind, SenderKind, State};
use crate::store::{BotId, NewMessage, NewNote, NewRequest, Opened, OrgId, OriginCap, RequestId, number};

/// The request form's body: a JSON object of fields. A placeholder the OpenAPI document
/// replaces with [`form_schema`], since the derive cannot say "any other field, of these kinds".
struct FormBody;

crate::api::written_out_schema!(FormBody, "FormBody");

/// An email answer: blank (the field left empty), or an address with white space around it.
const OPTIONAL_EMAIL: &str = r"^\s*([^\s\x00-\x1f\x7f-\x9f@]+@[^\s\x00-\x1f\x7f-\x9f@]+)?\s*$";

/// The schema of the request form's body, as the document serves it: the answers to the
/// bot's form by field key. A new bot's form is stated; `GET /v1/public/bots/{bot}` gives each
/// bot's own.
pub fn form_schema() -> Value {
    serde_json::json!({
        "type": "object",
        "description": "The answers to the bot's Live Chat Request Form, by field key: those of a new bot's form \
            are stated here, and `GET /v1/public/bots/{bot}` gives each bot's own. A field the form does not have, \
            or a required one left out, is refused naming the field.",
        "required": ["message"],
        "properties": {
            "name": {"type": ["string", "null"], "maxLength": MAX_ANSWER_CHARS, "pattern": "^[^\\x00-\\x1f\\x7f-\\x9f]*$"},
            "email": {"type": ["string", "null"], "maxLength": grammar::MAX_EMAIL_CHARS, "pattern": OPTIONAL_EMAIL},
            "message": {"type": "string", "maxLength": MAX_ANSWER_CHARS, "pattern": grammar::TEXT},
        },
        "additionalProperties": false,
        "example": {"name": "Maya Chen", "email": "maya@example.com", "message": "My parcel has not arrived"}
    })
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(public_bot))
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

/// The page's policy but for who may frame it: its one script and one style sheet are
/// allowed by their digests, so nothing injected into the page could run or restyle it.
static CHAT_POLICY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let digest = |open: &str, close: &str| {
        let start = CHAT_PAGE.rfind(open).map(|i| i + open.len()).expect("the chat page has the element");
        let end = start + CHAT_PAGE[start..].find(close).expect("the element is closed");
        let hash = <sha2::Sha256 as sha2::Digest>::digest(CHAT_PAGE[start..end].as_bytes());
        format!("'sha256-{}'", base64::Engine::encode(&base64::engine::general_purpose::STANDARD, hash))
    };
    format!(
        "default-src 'none'; script-src {}; style-src {}; connect-src 'self'; img-src 'self' data:; \
         base-uri 'none'; form-action 'none'",
        digest("<script>", "</script>"),
        digest("<style>", "</style>")
    )
});

/// The chat page's headers: frames only from the sites its bot lists (none by default).
fn chat_headers(embed_origins: &[String]) -> axum::http::HeaderMap {
    use axum::http::{HeaderValue, header};
    let ancestors = if embed_origins.is_empty() { "'none'".to_string() } else { embed_origins.join(" ") };
    let policy = format!("{}; frame-ancestors {ancestors}", *CHAT_POLICY);
    let mut headers = axum::http::HeaderMap::new();
    // Origins were checked to be plain ASCII when the bot was saved.
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if embed_origins.is_empty() {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    headers
}

type ChatPage = (StatusCode, axum::http::HeaderMap, axum::response::Html<String>);

#[utoipa::path(get, path = "/chat/{bot}", tag = "visitors", params(("bot" = i64, Path, description = "The bot id")), responses((status = 200, description = "The visitor's web chat page; only the sites its bot lists may frame it", content_type = "text/html", body = String), (status = 404, description = "No such bot", content_type = "text/html", body = String)))]
async fn chat_page(
    AxumState(state): AxumState<AppState>,
    axum::extract::Path(bot): axum::extract::Path<String>,
) -> Result<ChatPage, ChatPage> {
    let missing = || {
        let page = format!(
            "<!doctype html><title>Chat not found</title><p>There is no chat at this address ({}).</p>",
            html_escape(&bot)
        );
        (StatusCode::NOT_FOUND, chat_headers(&[]), axum::response::Html(page))
    };
    let id: i64 = bot.parse().map_err(|_| missing())?;
    let found = state.store.public_bot(BotId(id)).await.map_err(|_| missing())?;
    let (_, bot) = found.ok_or_else(missing)?;
    // Inside <script>, only `<` can end the element early; JSON can spell it `\u003c`.
    let form = serde_json::to_string(&bot.form).unwrap_or_default().replace('<', "\\u003c");
    let page = CHAT_PAGE.replace("{{BOT}}", &html_escape(&bot.name)).replace("{{FORM}}", &form);
    Ok((StatusCode::OK, chat_headers(&bot.embed_origins), axum::response::Html(page)))
}

fn not_a_bot(bot: i64) -> ApiError {
    ApiError::not_found(format!("there is no bot {bot}; check the address of the chat page"))
}

/// What a visitor page needs of a bot: its name and its form.
#[derive(Serialize, utoipa::ToSchema)]
struct PublicBot {
    id: i64,
    name: String,
    channels: Vec<Channel>,
    form: RequestForm,
}

#[utoipa::path(get, path = "/v1/public/bots/{bot}", tag = "visitors", params(("bot" = i64, Path, description = "The bot id")), responses((status = 200, body = PublicBot), (status = 400, body = ErrorBody), (status = 404, description = "No such bot", body = ErrorBody)))]
async fn public_bot(
    AxumState(state): AxumState<AppState>,
    ApiPath(bot_id): ApiPath<i64>,
) -> Result<Json<PublicBot>, ApiError> {
    let (_, bot) = state.store.public_bot(BotId(bot_id)).await?.ok_or_else(|| not_a_bot(bot_id))?;
    Ok(Json(PublicBot { id: bot.id, name: bot.name, channels: bot.channels, form: bot.form }))
}

/// A visitor's answers to a bot's form, checked against it.
pub struct Answers {
    name: Option<String>,
    email: Option<String>,
    message: Option<String>,
    fields: Vec<FormField>,
}

impl Answers {
    /// Checks `body` against `form`: every key a field of it, every required field answered,
    /// every answer of its field's kind. The error names the field.
    pub fn check(form: &RequestForm, mut body: Map<String, Value>) -> Result<Answers, ApiError> {
        if let Some(key) = body.keys().find(|k| !form.fields.iter().any(|f| &f.key == *k)) {
            let known = form.fields.iter().map(|f| format!("`{}`", f.key)).collect::<Vec<_>>().join(", ");
            let shown: String = key.chars().take(64).collect::<String>().escape_debug().to_string();
            return Err(ApiError::invalid(format!("this bot's form has no field `{shown}`; its fields are {known}")));
        }
        let mut answers = Answers { name: None, email: None, message: None, fields: Vec::new() };
        // Every field's problem is named at once, so a visitor fixes the form in one go.
        let mut problems = Vec::new();
        for field in &form.fields {
            let named = |problem: &str| format!("form field `{}` ({}) {problem}", field.key, field.label);
            let text = match body.remove(&field.key) {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s),
                Some(Value::Number(n)) if field.kind == FieldKind::Number => Some(n.to_string()),
                Some(_) if field.kind == FieldKind::Number => {
                    problems.push(named("must be a number"));
                    continue;
                }
                Some(_) => {
                    problems.push(named("must be text"));
                    continue;
                }
            };
            let answer = match text {
                Some(text) if !text.trim_matches(grammar::is_blank).is_empty() => {
                    match RequestForm::check_answer(field, &text) {
                        Ok(answer) => answer,
                        Err(why) => {
                            problems.push(named(&why));
                            continue;
                        }
                    }
                }
                _ if field.required => {
                    problems.push(named("is required"));
                    continue;
                }
                _ => continue,
            };
            match field.key.as_str() {
                "name" => answers.name = Some(answer.clone()),
                "email" if field.kind == FieldKind::Email => answers.email = Some(answer.clone()),
                "message" => answers.message = Some(answer.clone()),
                _ => {}
            }
            answers.fields.push(FormField { name: field.key.clone(), value: answer });
        }
        if !problems.is_empty() {
            return Err(ApiError::invalid(problems.join("; ")));
        }
        Ok(answers)
    }
}

/// Opens a request for a visitor of `bot`: a new web visitor (`user_id` absent), or the
/// channel's user an integration vouched for.
pub async fn open_for(
    state: &AppState,
    org_id: OrgId,
    bot: &Bot,
    channel: Channel,
    user_id: Option<String>,
    answers: Answers,
    origin: Option<OriginCap>,
) -> Result<PublicRequestCreated, ApiError> {
    if !bot.channels.contains(&channel) {
        return Err(ApiError::new(ErrorCode::NotDeployed, format!("bot {} is not deployed on {channel}", bot.name)));
    }
    let at = Timestamp::now();
    let (token, hash) = new_token("lcv_");
    let user_id = user_id.unwrap_or_else(|| format!("visitor-{}", hex::encode(&hash[..5])));
    let mut transcript = Vec::new();
    if let Some(message) = &answers.message {
        transcript.push(NewMessage {
            sender: SenderKind::Visitor,
            member_id: None,
            body: checked_text("message", message)?,
            at,
        });
    }
    let online = state.store.anyone_online(org_id).await?;
    transcript.push(NewMessage {
        sender: SenderKind::Bot,
        member_id: None,
        body: bot_reply(&bot.texts, State::New, None, online),
        at,
    });
    let body = answers.fields.iter().map(|f| format!("{}: {}", f.name, f.value)).collect::<Vec<_>>().join("\n");
    let note = (!answers.fields.is_empty()).then(|| NewNote {
        kind: NoteKind::Form,
        author_member_id: None,
        body,
        fields: Some(answers.fields),
        at,
    });
    let request = NewRequest {
        bot_id: bot.id,
        channel,
        user_id,
        name: answers.name,
        email: answers.email,
        form: note,
        transcript,
        at,
        conversation_hash: Some(hash),
        follows: None,
        origin,
    };
    let created = match state.store.open_request(org_id, request).await? {
        Opened::Created(request) => request,
        Opened::Superseded => {
            return Err(ApiError::new(ErrorCode::Busy, "the visitor's conversation changed; send the form again"));
        }
        Opened::VisitorHasOpen(id) => {
            return Err(ApiError::new(
                ErrorCode::AlreadyOpen,
                format!("this visitor already has request #{} open; write to that conversation instead", number(id)),
            ));
        }
        Opened::OriginFull => {
            state.metrics.rate_limited("open_requests");
            return Err(ApiError::new(
                ErrorCode::TooManyOpenRequests,
                "your address already has as many open requests as it may; wait until staff answer one",
            ));
        }
    };
    state.changed(org_id, &created);
    Ok(PublicRequestCreated { request_id: created.id, conversation_token: token })
}

/// The visitor's Live Chat Request Form. A web visitor is whoever holds the conversation
/// token this answers with, so the form never names a visitor by id or channel.
#[utoipa::path(post, path = "/v1/public/bots/{bot}/requests", tag = "visitors", params(("bot" = i64, Path, description = "The bot id")), request_body = FormBody, responses((status = 201, body = PublicRequestCreated), (status = 400, description = "An answer the form does not take, naming the field", body = ErrorBody), (status = 404, description = "No such bot", body = ErrorBody), (status = 409, description = "The bot is not on the web", body = ErrorBody), (status = 429, description = "Too many calls, or too many open requests from this address", body = ErrorBody)))]
async fn submit_form(
    AxumState(state): AxumState<AppState>,
    client: ClientAddr,
    ApiPath(bot_id): ApiPath<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<(StatusCode, Json<PublicRequestCreated>), ApiError> {
    let (org_id, bot) = state.store.public_bot(BotId(bot_id)).await?.ok_or_else(|| not_a_bot(bot_id))?;
    for claimed in ["user_id", "channel"] {
        if body.contains_key(claimed) && !bot.form.fields.iter().any(|f| f.key == claimed) {
            return Err(ApiError::invalid(format!(
                "the web form does not take `{claimed}`: a web visitor is whoever holds the conversation token it \
                 returns, and platform integrations send requests to /v1/integrations/requests with the bot's key"
            )));
        }
    }
    let answers = Answers::check(&bot.form, body)?;
    let created = open_for(&state, org_id, &bot, Channel::Web, None, answers, client.open_cap(&state)).await?;
    Ok((StatusCode::CREATED, Json(created)))
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
        request_id: number(detail.request.id),
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
