//! `/v1/webhooks`: outgoing notifications, and the task that delivers them. Deliveries
//! follow the Standard Webhooks specification: `webhook-id`, `webhook-timestamp` and a
//! `webhook-signature` of HMAC-SHA256 over `id.timestamp.body`, keyed by the hook's secret.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::extract::State as AxumState;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use sha2::Sha256;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::Caller;
use super::egress::{Blocked, Egress, Resolver, literal_host};
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath, ApiQuery, distinct};
use super::members::whole;
use super::team::only_org_admins;
use crate::api::{
    CreatedWebhook, Delivery, DeliveryState, ErrorBody, ErrorCode, Page, Webhook, WebhookBody, WebhookEvent,
};
use crate::store::{BotId, NewWebhook, Outgoing, Settlement};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_webhooks, add_webhook))
        .routes(routes!(remove_webhook))
        .routes(routes!(test_webhook))
        .routes(routes!(list_deliveries))
        .routes(routes!(redeliver))
}

/// The most hooks an organization has.
const MAX_HOOKS: usize = 20;
/// How long one attempt may take, connecting included.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a claimed delivery is this server's: past it, another server may send it.
const LEASE: Duration = Duration::from_secs(60);
/// How long a delivery keeps being retried before its hook is disabled.
const GIVE_UP_AFTER: SignedDuration = SignedDuration::from_hours(24);
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);
/// Deliveries one server sends at once.
const BATCH: usize = 32;

fn no_hook(id: i64) -> ApiError {
    ApiError::not_found(format!("there is no webhook {id} in your organization; `livechat webhooks list` shows them"))
}

/// A new signing secret, as the specification writes one.
fn new_secret() -> String {
    let bytes: [u8; 24] = rand::random();
    format!("whsec_{}", STANDARD.encode(bytes))
}

/// The `webhook-signature` header's value for a delivery.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    let key = STANDARD.decode(secret.strip_prefix("whsec_").unwrap_or(secret)).ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Some(format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes())))
}

/// The wait before attempt `attempts + 1`: doubling from the base, so the first retries come
/// within a minute, then at most an hour apart.
fn backoff(base: Duration, attempts: i64) -> Duration {
    let factor = 2u32.saturating_pow(u32::try_from(attempts.clamp(0, 20)).unwrap_or(20));
    base.saturating_mul(factor).min(MAX_BACKOFF)
}

#[utoipa::path(get, path = "/v1/webhooks", tag = "webhooks", security(("bearer" = [])), responses((status = 200, body = Page<Webhook>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_webhooks(AxumState(state): AxumState<AppState>, caller: Caller) -> Result<Json<Page<Webhook>>, ApiError> {
    only_org_admins(&caller, "manage webhooks")?;
    Ok(whole(state.store.webhooks(caller.org_id()).await?))
}

/// A webhook's URL, as the documented pattern says: http(s), a host of letters, digits, dots
/// and dashes, an optional port, and printable ASCII after.
fn checked_url(url: &str) -> Result<String, ApiError> {
    let refused = || ApiError::invalid(format!("`{url}` is not an http(s) URL a webhook can be sent to"));
    let rest = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://")).ok_or_else(refused)?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let host_ok = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let port_ok = port.is_none_or(|p| {
        (1..=5).contains(&p.len())
            && !(p.len() == 5 && p.starts_with('0'))
            && p.parse::<u16>().is_ok()
            && !p.starts_with('+')
    });
    let tail_ok = tail.chars().all(|c| ('!'..='~').contains(&c));
    if url.len() > 2000 || !host_ok || !port_ok || !tail_ok {
        return Err(refused());
    }
    reqwest::Url::parse(url).map(|u| u.to_string()).map_err(|_| refused())
}

/// Refuses a URL whose address, or any address its name resolves to now, is one the server
/// may not send to. A name that does not resolve yet is taken: each delivery checks again.
async fn reachable(state: &AppState, url: &str) -> Result<(), ApiError> {
    let parsed = reqwest::Url::parse(url).map_err(|_| ApiError::invalid(format!("`{url}` is not a URL")))?;
    let egress = &state.config.webhook_allow;
    let blocked = |b: Blocked| ApiError::invalid(format!("webhook URL `{url}` is refused: {b}"));
    if let Some(ip) = literal_host(&parsed) {
        return egress.check(ip).map_err(blocked);
    }
    let host = parsed.host_str().unwrap_or_default();
    let lookup = tokio::net::lookup_host((host, parsed.port_or_known_default().unwrap_or(443)));
    // A name slow to resolve is taken for now, as one that does not resolve: the delivery checks.
    if let Ok(Ok(found)) = tokio::time::timeout(Duration::from_secs(2), lookup).await {
        for addr in found {
            egress.check(addr.ip()).map_err(blocked)?;
        }
    }
    Ok(())
}

#[utoipa::path(post, path = "/v1/webhooks", tag = "webhooks", request_body = WebhookBody, security(("bearer" = [])), responses((status = 201, body = CreatedWebhook), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, description = "A bot that is not the organization's", body = ErrorBody), (status = 409, description = "The organization has as many webhooks as it may", body = ErrorBody)))]
async fn add_webhook(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<WebhookBody>,
) -> Result<(StatusCode, Json<CreatedWebhook>), ApiError> {
    only_org_admins(&caller, "manage webhooks")?;
    let url = checked_url(&body.url)?;
    reachable(&state, &url).await?;
    let events = distinct(body.events);
    if events.is_empty() {
        let all = WebhookEvent::ALL.map(|e| e.as_str()).join(", ");
        return Err(ApiError::invalid(format!("a webhook needs at least one event: {all}")));
    }
    if let Some(bot) = body.bot_id {
        state
            .store
            .bot(caller.org_id(), BotId(bot))
            .await?
            .ok_or_else(|| ApiError::not_found(format!("there is no bot {bot} in your organization")))?;
    }
    if state.store.webhooks(caller.org_id()).await?.len() >= MAX_HOOKS {
        return Err(ApiError::new(
            ErrorCode::TooManyWebhooks,
            format!("an organization has at most {MAX_HOOKS} webhooks"),
        ));
    }
    let secret = new_secret();
    let hook = NewWebhook { url, events, bot_id: body.bot_id, secret: secret.clone() };
    let webhook = state.store.add_webhook(caller.org_id(), hook, caller.audit()).await?;
    Ok((StatusCode::CREATED, Json(CreatedWebhook { secret, webhook })))
}

#[utoipa::path(delete, path = "/v1/webhooks/{id}", tag = "webhooks", params(("id" = i64, Path, description = "The webhook's id")), security(("bearer" = [])), responses((status = 200, description = "The webhook, now removed", body = Webhook), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn remove_webhook(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Webhook>, ApiError> {
    only_org_admins(&caller, "manage webhooks")?;
    let removed = state.store.remove_webhook(caller.org_id(), id, Timestamp::now(), caller.audit()).await?;
    removed.map(Json).ok_or_else(|| no_hook(id))
}

/// How long a test waits for its delivery's first attempt before answering.
const TEST_WAIT: Duration = Duration::from_secs(12);

/// Queues a `webhook.test` event and answers once it was tried (or after `TEST_WAIT`, if the
/// hook's earlier deliveries are still ahead of it).
#[utoipa::path(post, path = "/v1/webhooks/{id}/test", tag = "webhooks", params(("id" = i64, Path, description = "The webhook's id")), security(("bearer" = [])), responses((status = 200, description = "The test delivery, as its first attempt left it", body = Delivery), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "The webhook is disabled", body = ErrorBody)))]
async fn test_webhook(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Delivery>, ApiError> {
    only_org_admins(&caller, "manage webhooks")?;
    let hooks = state.store.webhooks(caller.org_id()).await?;
    let hook = hooks.iter().find(|h| h.id == id).ok_or_else(|| no_hook(id))?;
    if let Some(reason) = &hook.disabled_reason {
        return Err(ApiError::new(
            ErrorCode::WebhookDisabled,
            format!("webhook {id} is {reason}; `livechat webhooks redeliver` a failed delivery to turn it back on"),
        ));
    }
    let queued = state
        .store
        .enqueue_test(caller.org_id(), id, Timestamp::now(), caller.audit())
        .await?
        .ok_or_else(|| no_hook(id))?;
    state.webhook_wakeup.notify_one();
    let until = tokio::time::Instant::now() + TEST_WAIT.min(state.config.request_timeout / 2);
    let mut delivery = queued;
    while delivery.attempts == 0 && delivery.state == DeliveryState::Pending && tokio::time::Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(100)).await;
        delivery = state.store.delivery(caller.org_id(), delivery.id).await?.ok_or_else(|| no_hook(id))?;
    }
    Ok(Json(delivery))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct DeliveriesQuery {
    /// Only this webhook's deliveries.
    webhook: Option<i64>,
    /// Only deliveries that failed, or are failing and waiting for another try.
    failed: Option<bool>,
    /// How many, newest first (1–500; default 50).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<i64>,
}

#[utoipa::path(get, path = "/v1/webhooks/deliveries", tag = "webhooks", params(DeliveriesQuery), security(("bearer" = [])), responses((status = 200, body = Page<Delivery>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_deliveries(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<DeliveriesQuery>,
) -> Result<Json<Page<Delivery>>, ApiError> {
    only_org_admins(&caller, "manage webhooks")?;
    let limit = query.limit.unwrap_or(50);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::invalid(format!("`limit` is 1 to 500, not {limit}")));
    }
    let failed = query.failed.unwrap_or(false);
    let items = state.store.deliveries(caller.org_id(), query.webhook, failed, limit as usize).await?;
    Ok(whole(items))
}

#[utoipa::path(post, path = "/v1/webhooks/deliveries/{id}/redeliver", tag = "webhooks", params(("id" = i64, Path, description = "The delivery's id")), security(("bearer" = [])), responses((status = 200, description = "The delivery, queued again", body = Delivery), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn redeliver(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Delivery>, ApiError> {
    only_org_admins(&caller, "manage webhooks")?;
    let queued = state.store.redeliver(caller.org_id(), id, Timestamp::now(), caller.audit()).await?;
    state.webhook_wakeup.notify_one();
    queued.map(Json).ok_or_else(|| ApiError::not_found(format!("there is no delivery {id} of a webhook of yours")))
}

/// Sends due deliveries until the server stops: each hook's in order, one at a time, every
/// delivery claimed first so that among many servers exactly one sends it.
pub fn spawn_deliverer(state: AppState) -> tokio::task::JoinHandle<()> {
    let egress = Arc::new(state.config.webhook_allow.clone());
    let http = delivery_client(&egress);
    tokio::spawn(async move {
        loop {
            let claimed = match state.store.claim_deliveries(Timestamp::now(), LEASE.as_millis() as i64, BATCH).await {
                Ok(claimed) => claimed,
                Err(err) => {
                    tracing::warn!(%err, "claiming webhook deliveries failed");
                    Vec::new()
                }
            };
            if claimed.is_empty() {
                tokio::select! {
                    _ = state.webhook_wakeup.notified() => {}
                    _ = tokio::time::sleep(state.config.webhook_poll) => {}
                }
                continue;
            }
            let attempts = claimed.into_iter().map(|outgoing| {
                let (state, http, egress) = (state.clone(), http.clone(), Arc::clone(&egress));
                async move {
                    let outcome = attempt(&http, &egress, &outgoing, state.config.webhook_retry_base).await;
                    if let Settlement::GiveUp { error, .. } = &outcome {
                        tracing::warn!(webhook = outgoing.webhook_id, %error, "disabling a webhook that failed for a day");
                    }
                    if let Err(err) = state.store.settle_delivery(outgoing.id, outcome, Timestamp::now()).await {
                        // The lease runs out and the delivery is tried again: at least once.
                        tracing::warn!(%err, delivery = outgoing.id, "recording a webhook attempt failed");
                    }
                }
            });
            futures_util::future::join_all(attempts).await;
        }
    })
}

/// The client deliveries go through: it follows no redirect, uses no proxy, and resolves
/// every name by the egress rules, so only the addresses they allow are ever connected to.
fn delivery_client(egress: &Arc<Egress>) -> reqwest::Client {
    crate::client::use_ring_for_tls();
    reqwest::Client::builder()
        .timeout(ATTEMPT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .dns_resolver(Arc::new(Resolver(Arc::clone(egress))))
        .no_proxy()
        .user_agent(concat!("livechat-webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_default()
}

/// One attempt at one delivery, and what to record of it.
async fn attempt(http: &reqwest::Client, egress: &Egress, outgoing: &Outgoing, retry_base: Duration) -> Settlement {
    let id = crate::store::event_id(&outgoing.secret, outgoing.id);
    let now = Timestamp::now();
    let timestamp = now.as_second();
    let Some(signature) = sign(&outgoing.secret, &id, timestamp, &outgoing.payload) else {
        return Settlement::GiveUp { status: None, error: "the webhook's secret is not valid base64".into() };
    };
    // A literal address is never resolved, so it is checked here; names, by the resolver.
    let literal = reqwest::Url::parse(&outgoing.url).ok().as_ref().and_then(literal_host);
    if let Some(Err(blocked)) = literal.map(|ip| egress.check(ip)) {
        return Settlement::GiveUp { status: None, error: format!("refused: {blocked}") };
    }
    let sent = http
        .post(&outgoing.url)
        .header("content-type", "application/json")
        .header("webhook-id", &id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(outgoing.payload.clone())
        .send()
        .await;
    let (status, error) = match sent {
        Ok(resp) if resp.status().is_success() => {
            return Settlement::Delivered { status: i64::from(resp.status().as_u16()) };
        }
        Ok(resp) => (Some(i64::from(resp.status().as_u16())), format!("the receiver answered {}", resp.status())),
        Err(err) => (None, failure(&err)),
    };
    if now.duration_since(outgoing.created_at) >= GIVE_UP_AFTER {
        return Settlement::GiveUp { status, error };
    }
    let wait = backoff(retry_base, outgoing.attempts);
    let next_at = now.checked_add(SignedDuration::try_from(wait).unwrap_or(SignedDuration::MAX)).unwrap_or(now);
    Settlement::Retry { status, error, next_at }
}

/// What a failed attempt records: a category, never the socket's own words, so that a
/// refused port and a closed connection look alike and `webhooks test` cannot scan a network.
fn failure(err: &reqwest::Error) -> String {
    let mut source: Option<&dyn std::error::Error> = Some(err);
    while let Some(cause) = source {
        if let Some(blocked) = found::<Blocked>(cause) {
            return format!("refused: {blocked}");
        }
        if found::<rustls::Error>(cause).is_some() {
            return "TLS failed: the receiver's certificate or handshake was not accepted".into();
        }
        source = cause.source();
    }
    if err.is_timeout() {
        format!("timed out: no answer within {}s", ATTEMPT_TIMEOUT.as_secs())
    } else {
        "connection failed: the receiver could not be reached".into()
    }
}

/// `T` as this link of an error chain, or as what the I/O errors it is wrap: an I/O error's
/// `source` skips the error it wraps, and a TLS handshake's failure sits two of them deep.
fn found<'a, T: std::error::Error + 'static>(cause: &'a (dyn std::error::Error + 'static)) -> Option<&'a T> {
    let mut link = Some(cause);
    while let Some(err) = link {
        if let Some(it) = err.downcast_ref::<T>() {
            return Some(it);
        }
        let wrapped = err.downcast_ref::<std::io::Error>().and_then(std::io::Error::get_ref);
        link = wrapped.map(|inner| inner as &(dyn std::error::Error + 'static));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_follow_the_standard_webhooks_test_vector() {
        // The specification's published example.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = r#"{"test": 2432232314}"#;
        let signature = sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body).unwrap();
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn every_url_the_documented_pattern_allows_is_taken() {
        for url in [
            "http://a",
            "http://-",
            "http://.",
            "http://a:0",
            "https://a.b:65535/x?y#z",
            "http://a/%zz\\",
            "http://a..b/",
        ] {
            assert!(checked_url(url).is_ok(), "{url}");
        }
        for url in ["https://", "ftp://a", "http:/a", "a", " http://a", "http://ä", "http://a:65536", "http://a/ b"] {
            assert!(checked_url(url).is_err(), "{url}");
        }
    }

    /// What one attempt to `url` records, through the client deliveries use.
    async fn recorded(egress: Egress, url: String) -> (Option<i64>, String) {
        let egress = Arc::new(egress);
        let outgoing = Outgoing {
            id: 1,
            webhook_id: 1,
            url,
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into(),
            payload: "{}".into(),
            attempts: 0,
            created_at: Timestamp::now(),
        };
        match attempt(&delivery_client(&egress), &egress, &outgoing, Duration::from_secs(1)).await {
            Settlement::Retry { status, error, .. } | Settlement::GiveUp { status, error } => (status, error),
            Settlement::Delivered { status } => (Some(status), "delivered".into()),
        }
    }

    /// A local server that reads what each connection sends first, answers `reply` and hangs up.
    async fn answering(reply: &'static [u8]) -> std::net::SocketAddr {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let _ = socket.read(&mut [0; 4096]).await;
                let _ = socket.write_all(reply).await;
            }
        });
        addr
    }

    /// Regression: `webhooks test` told "connection refused" from "connection closed", so it
    /// could map which ports of a host were open.
    #[tokio::test]
    async fn failures_record_a_category_and_a_closed_port_reads_as_a_dropped_connection() {
        let local = || Egress { allow: vec!["127.0.0.0/8".parse().unwrap()] };
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let hangs_up = answering(b"").await;
        let plain_http = answering(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").await;
        let failing = answering(b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n").await;
        let unreachable = "connection failed: the receiver could not be reached";

        assert_eq!(recorded(local(), format!("http://{closed}/")).await, (None, unreachable.into()));
        assert_eq!(recorded(local(), format!("http://{hangs_up}/")).await, (None, unreachable.into()));
        let tls = recorded(local(), format!("https://{plain_http}/")).await;
        assert!(tls.1.starts_with("TLS failed: "), "{tls:?}");
        let answered = recorded(local(), format!("http://{failing}/")).await;
        assert_eq!(answered, (Some(503), "the receiver answered 503 Service Unavailable".into()));

        // Without the range opened, neither an address nor a name that resolves to it is tried.
        let blocked = Blocked { ip: plain_http.ip(), kind: "loopback" };
        let by_address = recorded(Egress::default(), format!("http://{plain_http}/")).await;
        assert_eq!(by_address, (None, format!("refused: {blocked}")));
        let (_, error) = recorded(Egress::default(), format!("http://localhost:{}/", plain_http.port())).await;
        assert!(error.starts_with("refused: ") && error.contains(" is a loopback address; "), "{error}");
    }

    #[test]
    fn retries_start_within_a_minute_and_end_an_hour_apart() {
        let base = Duration::from_secs(5);
        let waits: Vec<u64> = (0..4).map(|n| backoff(base, n).as_secs()).collect();
        assert_eq!(waits, [5, 10, 20, 40]);
        assert_eq!(backoff(base, 30), MAX_BACKOFF);
    }
}
