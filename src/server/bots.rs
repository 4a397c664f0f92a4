//! `/v1/bots`: a bot's channels, automatic texts and Live Chat Request Form, its integration
//! keys, and `/v1/integrations/requests`, where a platform integration vouches for a visitor.

use axum::Json;
use axum::extract::State as AxumState;
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{Map, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::{Caller, bearer_token, hash_token, new_token};
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath, distinct, name_param};
use super::members::whole;
use super::public::{Answers, open_for};
use super::team::only_org_admins;
use crate::api::{
    Bot, BotKey, BotPatch, BotTexts, BotTextsPatch, CreatedKey, ErrorBody, ErrorCode, NewBotBody, NewKeyBody, Page,
    PublicRequestCreated, RequestForm,
};
use crate::domain::{Channel, Role};
use crate::store::{BotId, NewBot, OrgId};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_bots, create_bot))
        .routes(routes!(show_bot, update_bot))
        .routes(routes!(show_form, set_form))
        .routes(routes!(list_keys, create_key))
        .routes(routes!(revoke_key))
        .routes(routes!(integration_request))
}

/// The most bots an organization has; past it, creating one is refused.
const MAX_BOTS: usize = 1_000;

pub(super) fn no_bot(id: i64) -> ApiError {
    ApiError::not_found(format!("there is no bot {id} in your organization; `livechat bots list` shows them"))
}

async fn find_bot(state: &AppState, caller: &Caller, id: i64) -> Result<Bot, ApiError> {
    state.store.bot(caller.org_id(), BotId(id)).await?.ok_or_else(|| no_bot(id))
}

/// The bot, if the caller administers it: an org admin, or a bot admin of this bot.
pub(super) async fn administered(state: &AppState, caller: &Caller, id: i64) -> Result<Bot, ApiError> {
    let bot = find_bot(state, caller, id).await?;
    let member = &caller.0.member;
    match member.role {
        Role::OrgAdmin => Ok(bot),
        Role::BotAdmin if member.bot_ids.contains(&id) => Ok(bot),
        _ => Err(ApiError::forbidden(format!("only org admins and admins of bot {id} can change it"))),
    }
}

fn channels(list: &[Channel]) -> Result<Vec<Channel>, ApiError> {
    let out = distinct(list.iter().copied());
    if out.is_empty() {
        return Err(ApiError::invalid("a bot needs at least one channel: web, discord or messenger"));
    }
    Ok(out)
}

fn checked_form(form: RequestForm) -> Result<RequestForm, ApiError> {
    form.check().map_err(|why| ApiError::invalid(format!("the form is not valid: {why}")))?;
    Ok(form)
}

/// `texts` with `patch` applied; each text is checked as a message is.
fn patched(mut texts: BotTexts, patch: BotTextsPatch) -> Result<BotTexts, ApiError> {
    let apply = |slot: &mut String, value: Option<String>, what: &str| -> Result<(), ApiError> {
        if let Some(value) = value {
            *slot = super::service::checked_text(what, &value)?;
        }
        Ok(())
    };
    apply(&mut texts.queue_reply, patch.queue_reply, "queue reply")?;
    apply(&mut texts.agent_joined, patch.agent_joined, "agent-joined line")?;
    apply(&mut texts.agent_left, patch.agent_left, "agent-left line")?;
    apply(&mut texts.offline_reply, patch.offline_reply, "offline reply")?;
    Ok(texts)
}

#[utoipa::path(get, path = "/v1/bots", tag = "bots", security(("bearer" = [])), responses((status = 200, body = Page<Bot>), (status = 401, body = ErrorBody)))]
async fn list_bots(AxumState(state): AxumState<AppState>, caller: Caller) -> Result<Json<Page<Bot>>, ApiError> {
    Ok(whole(state.store.bots(caller.org_id()).await?))
}

#[utoipa::path(post, path = "/v1/bots", tag = "bots", request_body = NewBotBody, security(("bearer" = [])), responses((status = 201, body = Bot), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, description = "The organization has as many bots as it may", body = ErrorBody)))]
async fn create_bot(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewBotBody>,
) -> Result<(StatusCode, Json<Bot>), ApiError> {
    only_org_admins(&caller, "create bots")?;
    let name = name_param("the bot's name", &body.name)?;
    let channels = channels(&body.channels)?;
    let texts = patched(BotTexts::default(), body.texts.unwrap_or_default())?;
    let form = checked_form(body.form.unwrap_or_default())?;
    if state.store.bots(caller.org_id()).await?.len() >= MAX_BOTS {
        return Err(ApiError::new(ErrorCode::TooManyBots, format!("an organization has at most {MAX_BOTS} bots")));
    }
    let bot = state.store.add_bot(caller.org_id(), NewBot { name, channels, texts, form }, caller.audit()).await?;
    Ok((StatusCode::CREATED, Json(bot)))
}

/// The most sites one bot's chat page may be framed by.
const MAX_EMBED_ORIGINS: usize = 20;

/// Sites that may frame the chat page, each reduced to its origin (`https://host[:port]`).
/// Anything more (a path, a query, credentials, a wildcard) is refused rather than trimmed,
/// since each one ends up in a `Content-Security-Policy` header.
pub fn embed_origins(list: &[String]) -> Result<Vec<String>, ApiError> {
    if list.len() > MAX_EMBED_ORIGINS {
        return Err(ApiError::invalid(format!("a bot lists at most {MAX_EMBED_ORIGINS} embedding sites")));
    }
    let mut origins = Vec::with_capacity(list.len());
    for text in list {
        let refused = || {
            ApiError::invalid(format!(
                "`{text}` is not a site's origin; write it as `https://shop.example` (a scheme and a host, \
                 with a port if needed, and nothing after)"
            ))
        };
        let url = reqwest::Url::parse(text.trim()).map_err(|_| refused())?;
        let plain = matches!(url.scheme(), "https" | "http")
            && url.username().is_empty()
            && url.password().is_none()
            && url.path() == "/"
            && url.query().is_none()
            && url.fragment().is_none()
            && url.host_str().is_some_and(|h| !h.contains('*'));
        // The parsed origin, so `HTTPS://Shop.Example:443/` is stored as `https://shop.example`.
        let origin = url.origin().ascii_serialization();
        if !plain || !origin.chars().all(|c| c.is_ascii_graphic()) {
            return Err(refused());
        }
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    Ok(origins)
}

#[utoipa::path(get, path = "/v1/bots/{bot}", tag = "bots", params(("bot" = i64, Path, description = "The bot's id")), security(("bearer" = [])), responses((status = 200, body = Bot), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn show_bot(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Bot>, ApiError> {
    Ok(Json(find_bot(&state, &caller, id).await?))
}

#[utoipa::path(patch, path = "/v1/bots/{bot}", tag = "bots", params(("bot" = i64, Path, description = "The bot's id")), request_body = BotPatch, security(("bearer" = [])), responses((status = 200, body = Bot), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn update_bot(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<BotPatch>,
) -> Result<Json<Bot>, ApiError> {
    let mut bot = administered(&state, &caller, id).await?;
    if let Some(name) = &body.name {
        bot.name = name_param("the bot's name", name)?;
    }
    if let Some(list) = &body.channels {
        bot.channels = channels(list)?;
    }
    if let Some(patch) = body.texts {
        bot.texts = patched(bot.texts, patch)?;
    }
    if let Some(form) = body.form {
        bot.form = checked_form(form)?;
    }
    if let Some(list) = &body.embed_origins {
        bot.embed_origins = embed_origins(list)?;
    }
    let updated = state.store.update_bot(caller.org_id(), bot, caller.audit()).await?;
    updated.map(Json).ok_or_else(|| no_bot(id))
}

#[utoipa::path(get, path = "/v1/bots/{bot}/form", tag = "bots", params(("bot" = i64, Path, description = "The bot's id")), security(("bearer" = [])), responses((status = 200, body = RequestForm), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn show_form(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RequestForm>, ApiError> {
    Ok(Json(find_bot(&state, &caller, id).await?.form))
}

#[utoipa::path(put, path = "/v1/bots/{bot}/form", tag = "bots", params(("bot" = i64, Path, description = "The bot's id")), request_body = RequestForm, security(("bearer" = [])), responses((status = 200, body = RequestForm), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn set_form(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(form): ApiJson<RequestForm>,
) -> Result<Json<RequestForm>, ApiError> {
    let mut bot = administered(&state, &caller, id).await?;
    bot.form = checked_form(form)?;
    let updated = state.store.update_bot(caller.org_id(), bot, caller.audit()).await?;
    updated.map(|b| Json(b.form)).ok_or_else(|| no_bot(id))
}

#[utoipa::path(get, path = "/v1/bots/{bot}/keys", tag = "bots", params(("bot" = i64, Path, description = "The bot's id")), security(("bearer" = [])), responses((status = 200, body = Page<BotKey>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_keys(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Page<BotKey>>, ApiError> {
    administered(&state, &caller, id).await?;
    let keys = state.store.bot_keys(caller.org_id(), BotId(id)).await?.ok_or_else(|| no_bot(id))?;
    Ok(whole(keys))
}

/// The most live keys one bot has.
const MAX_KEYS: usize = 20;

#[utoipa::path(post, path = "/v1/bots/{bot}/keys", tag = "bots", params(("bot" = i64, Path, description = "The bot's id")), request_body = NewKeyBody, security(("bearer" = [])), responses((status = 201, body = CreatedKey), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "The bot has as many keys as it may", body = ErrorBody)))]
async fn create_key(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewKeyBody>,
) -> Result<(StatusCode, Json<CreatedKey>), ApiError> {
    administered(&state, &caller, id).await?;
    let name = match body.name.as_deref() {
        Some(name) => name_param("the key's name", name)?,
        None => "integration".to_string(),
    };
    let live = state.store.bot_keys(caller.org_id(), BotId(id)).await?.ok_or_else(|| no_bot(id))?;
    if live.len() >= MAX_KEYS {
        return Err(ApiError::new(
            ErrorCode::TooManyKeys,
            format!("bot {id} has {MAX_KEYS} keys already; revoke one it no longer needs"),
        ));
    }
    let (key, hash) = new_token("lck_");
    let info = state
        .store
        .add_bot_key(caller.org_id(), BotId(id), hash, &name, caller.audit())
        .await?
        .ok_or_else(|| no_bot(id))?;
    Ok((StatusCode::CREATED, Json(CreatedKey { key, info })))
}

#[utoipa::path(delete, path = "/v1/bots/{bot}/keys/{key_id}", tag = "bots", params(("bot" = i64, Path, description = "The bot's id"), ("key_id" = i64, Path, description = "The key's id")), security(("bearer" = [])), responses((status = 200, description = "The key, now revoked", body = BotKey), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn revoke_key(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath((id, key)): ApiPath<(i64, i64)>,
) -> Result<Json<BotKey>, ApiError> {
    administered(&state, &caller, id).await?;
    let revoked = state.store.revoke_bot_key(caller.org_id(), BotId(id), key, Timestamp::now(), caller.audit()).await?;
    revoked.map(Json).ok_or_else(|| ApiError::not_found(format!("bot {id} has no key {key}")))
}

/// The bot an integration key vouches for.
pub struct Integration(OrgId, Bot);

impl axum::extract::FromRequestParts<AppState> for Integration {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let key =
            parts.headers.get(AUTHORIZATION).and_then(bearer_token).ok_or_else(|| {
                ApiError::unauthorized("send the bot's integration key as `Authorization: Bearer <key>`")
            })?;
        let found = state.store.bot_by_key(hash_token(key), Timestamp::now()).await?;
        let (org_id, bot) = found
            .ok_or_else(|| ApiError::unauthorized("the integration key is not valid: it may be mistyped or revoked"))?;
        Ok(Integration(org_id, bot))
    }
}

/// A request from a platform integration: the channel's own user id, vouched for by the key.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"channel": "discord", "user_id": "80351110224678912", "answers": {"name": "Maya", "message": "My parcel is late"}}))]
struct IntegrationBody {
    channel: Channel,
    /// The visitor's id on the channel.
    #[schema(min_length = 1, max_length = 200, pattern = r"^[^\x00-\x20\x7f-\x9f]+$")]
    user_id: String,
    /// The answers to the bot's Live Chat Request Form, by field key, as the web form takes them.
    #[schema(schema_with = answers_schema)]
    answers: Map<String, Value>,
}

fn answers_schema() -> utoipa::openapi::Ref {
    utoipa::openapi::Ref::from_schema_name("FormBody")
}

#[utoipa::path(post, path = "/v1/integrations/requests", tag = "visitors", request_body = IntegrationBody, security(("integration_key" = [])), responses((status = 201, body = PublicRequestCreated), (status = 400, body = ErrorBody), (status = 401, description = "No or bad integration key", body = ErrorBody), (status = 409, description = "The visitor already has an open request, or the bot is not on that channel", body = ErrorBody)))]
async fn integration_request(
    AxumState(state): AxumState<AppState>,
    Integration(org_id, bot): Integration,
    ApiJson(body): ApiJson<IntegrationBody>,
) -> Result<(StatusCode, Json<PublicRequestCreated>), ApiError> {
    // Exactly the schema's rule: no control characters (C0 or C1) and no spaces.
    let user_id = body.user_id.as_str();
    if user_id.is_empty() || user_id.chars().count() > 200 || user_id.chars().any(|c| c.is_control() || c == ' ') {
        return Err(ApiError::invalid("`user_id` is the channel's id for the visitor: 1 to 200 characters, no spaces"));
    }
    let answers = Answers::check(&bot.form, body.answers)?;
    // Named by channel, so a Discord id never meets the same Messenger id, nor a web visitor's
    // (which the server makes, with no colon).
    let user_id = format!("{}:{user_id}", body.channel);
    let created = open_for(&state, org_id, &bot, body.channel, Some(user_id), answers, None).await?;
    Ok((StatusCode::CREATED, Json(created)))
}
