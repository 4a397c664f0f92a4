//! The Live Chat API server: `app(state)` builds the whole service, so tests can bind it to
//! port 0 and production binds it to `--listen`.

mod audit;
mod auth;
mod bots;
mod dashboard;
mod document;
pub mod egress;
mod error;
mod extract;
mod feed;
mod labels;
pub mod limits;
pub mod live;
mod members;
pub mod metrics;
mod pages;
mod public;
mod requests;
mod retention;
mod routing;
mod search;
pub mod seed;
pub mod series;
mod service;
pub mod startup;
mod stats;
mod team;
mod timed;
mod visitors;
mod webhooks;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use jiff::{SignedDuration, Timestamp};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use auth::{hash_token, new_token};

use crate::api::{ErrorBody, ErrorCode, MAX_BODY_BYTES, Me};
use crate::domain::{Email, Presence, Role};
use crate::store::{Audit, NewMember, Store, StoreResult};

/// Server settings that outlive one request.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// How long a resolved request stays reopenable before it is closed.
    pub archive_after: SignedDuration,
    /// How often an idle live stream gets a heartbeat comment.
    pub heartbeat: Duration,
    /// How long a connection may take to send a request's head: a new or idle keep-alive
    /// connection, or one sending its headers slowly, is closed after this.
    pub idle_timeout: Duration,
    /// How long a new connection may stay silent before it sends its first byte: short, so
    /// idle sockets opened to hold the server's connections free them in seconds.
    pub first_byte_timeout: Duration,
    /// How long a call may take to produce its answer (a stream's first byte, for streams).
    pub request_timeout: Duration,
    /// Connections served at once; more are closed as they arrive.
    pub max_connections: usize,
    /// Live streams one member may hold open at once.
    pub max_streams_per_member: usize,
    /// Live streams one address may hold open at once, members' and visitors' together; 0
    /// for no cap (behind a proxy, every client has the proxy's address).
    pub max_streams_per_address: usize,
    /// Visitors' streams (no member token) one address may hold open at once; 0 for no cap.
    pub max_visitor_streams_per_address: usize,
    /// Calls per minute per address, bot and token; off unless the command line sets them.
    pub rate_limits: limits::RateLimits,
    /// Proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: limits::TrustedProxies,
    /// How often an idle server looks for webhook deliveries that are due.
    pub webhook_poll: Duration,
    /// The wait before a failed delivery's first retry; each later wait doubles.
    pub webhook_retry_base: Duration,
    /// Who may read `/metrics` on this listener.
    pub metrics: metrics::MetricsAccess,
    /// The internal ranges webhooks may reach all the same (on-premises receivers).
    pub webhook_allow: egress::Egress,
    /// How often the retention sweep looks for closed requests past their organization's policy.
    pub retention_every: Duration,
    /// Bytes of pages each server keeps to answer repeated reads; 0 keeps none.
    pub page_cache_bytes: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            archive_after: SignedDuration::from_hours(24),
            heartbeat: Duration::from_secs(15),
            idle_timeout: Duration::from_secs(20),
            first_byte_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            max_connections: 1024,
            max_streams_per_member: 32,
            max_streams_per_address: 0,
            max_visitor_streams_per_address: 8,
            rate_limits: limits::RateLimits::OFF,
            trusted_proxies: limits::TrustedProxies::default(),
            webhook_poll: Duration::from_secs(1),
            webhook_retry_base: Duration::from_secs(5),
            metrics: metrics::MetricsAccess::Closed,
            webhook_allow: egress::Egress::default(),
            retention_every: Duration::from_secs(600),
            page_cache_bytes: 64 << 20,
        }
    }
}

/// What every handler shares. One `Arc`: axum clones the state for each extractor of each
/// call, and one count to bump costs less than one per field.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub store: Arc<dyn Store>,
    pub config: Arc<ServerConfig>,
    /// Wakes the archiver early, so `--archive-after 0` closes requests at once.
    archive_wakeup: Arc<Notify>,
    /// Rings live streams when something changes.
    pub hub: live::Hub,
    pub metrics: Arc<metrics::Metrics>,
    pub limiters: Arc<limits::Limiters>,
    pub auth_cache: Arc<auth::AuthCache>,
    /// Pages built for a generation, by tag.
    pub pages: pages::PageCache,
    /// Wakes the webhook deliverer early, for a test or a redelivery.
    webhook_wakeup: Arc<Notify>,
    /// Gives waiting requests out when what routing depends on changes.
    router: routing::Router,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: ServerConfig) -> AppState {
        let metrics = Arc::new(metrics::Metrics::default());
        AppState(Arc::new(Shared {
            pages: pages::PageCache::new(config.page_cache_bytes, metrics.pages.clone()),
            limiters: Arc::new(limits::Limiters::new(config.rate_limits)),
            auth_cache: Arc::default(),
            webhook_wakeup: Arc::new(Notify::new()),
            store: Arc::new(timed::TimedStore::new(store)),
            config: Arc::new(config),
            archive_wakeup: Arc::new(Notify::new()),
            hub: live::Hub::default(),
            metrics,
            router: routing::Router::default(),
        }))
    }

    /// Closes every resolved request whose archive window has elapsed.
    pub async fn archive_due(&self) -> StoreResult<u64> {
        let closed = self.store.archive_due(self.config.archive_after, Timestamp::now()).await?;
        if closed > 0 {
            self.hub.ping(live::Ping::EVERYONE);
        }
        Ok(closed)
    }

    /// Tells the live streams that a request's transcript grew.
    pub fn ping(&self, org_id: crate::store::OrgId, request: &crate::api::Request) {
        self.hub.ping(live::Ping::about(org_id, request));
    }

    /// Tells the live streams and the router that a request opened or changed state.
    pub fn changed(&self, org_id: crate::store::OrgId, request: &crate::api::Request) {
        self.ping(org_id, request);
        self.router.wake(org_id);
    }

    /// Tells the router that who may take work, or how much, changed.
    pub fn team_changed(&self, org_id: crate::store::OrgId) {
        self.router.wake(org_id);
    }
}

/// The OpenAPI document's frame; its paths and schemas come from the routes themselves.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "livechat API", description = "Live chat requests: the members' API, the visitors' endpoints and live updates. \
        Errors always have the shape {\"error\": {\"code\", \"message\"}}."),
    modifiers(&BearerToken),
    components(schemas(crate::api::VisitorStateEvent)),
    tags(
        (name = "requests", description = "The queue and the actions on requests"),
        (name = "chat", description = "Live chat and live updates (Server-Sent Events)"),
        (name = "members", description = "Members, roles, presence, invitations and tokens"),
        (name = "bots", description = "Bots: channels, automatic texts, the request form and integration keys"),
        (name = "webhooks", description = "Outgoing notifications, signed as Standard Webhooks says"),
        (name = "visitors", description = "The visitor's side: no member token"),
        (name = "privacy", description = "Erasing one person's data on their request"),
        (name = "operations", description = "Health, metrics and this document"),
    )
)]
struct ApiDoc;

struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "metrics_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The operator's metrics token (`LIVECHAT_METRICS_TOKEN`)"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "integration_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A bot's integration key (`lck_…`), from `livechat bots keys create`"))
                    .build(),
            ),
        );
    }
}

/// Every route, each documented where it is defined, so the document cannot miss one.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(<ApiDoc as utoipa::OpenApi>::openapi())
        .routes(routes!(healthz))
        .routes(routes!(readyz))
        .routes(routes!(metrics::scrape))
        .routes(routes!(openapi_document))
        .merge(requests::routes())
        .merge(search::routes())
        .merge(labels::routes())
        .merge(members::routes())
        .merge(team::routes())
        .merge(bots::routes())
        .merge(routing::routes())
        .merge(audit::routes())
        .merge(retention::routes())
        .merge(feed::routes())
        .merge(webhooks::routes())
        .merge(visitors::routes())
        .merge(public::routes())
        .merge(live::routes())
        .merge(stats::routes())
        .merge(series::routes())
        .merge(dashboard::routes())
}

#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "The server is up", body = String)))]
async fn healthz() -> &'static str {
    "ok\n"
}

/// For load balancers: ready when this server can reach its database, so traffic moves to
/// the replicas that can.
#[utoipa::path(get, path = "/readyz", tag = "operations", responses((status = 200, description = "The server can reach its database", body = String), (status = 503, description = "The database is unavailable", body = ErrorBody)))]
async fn readyz(axum::extract::State(state): axum::extract::State<AppState>) -> Result<&'static str, error::ApiError> {
    state.store.is_empty().await?;
    Ok("ready\n")
}

#[utoipa::path(get, path = "/v1/openapi.json", tag = "operations", responses((status = 200, description = "This OpenAPI 3.1 document", body = Object)))]
async fn openapi_document(
    axum::Extension(OpenApiJson(document)): axum::Extension<OpenApiJson>,
) -> impl axum::response::IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], document)
}

/// The OpenAPI document, serialized once when the server starts.
#[derive(Clone)]
struct OpenApiJson(axum::body::Bytes);

pub fn app(state: AppState) -> Router {
    let (routes, document) = api_routes().split_for_parts();
    routes
        .layer(axum::Extension(OpenApiJson(document::finish(&document).to_string().into())))
        .fallback(|| async { error::ApiError::not_found("no such route; the API lives under /v1/") })
        .method_not_allowed_fallback(|method: axum::http::Method| async move {
            error::ApiError::new(
                ErrorCode::MethodNotAllowed,
                format!("this route does not take {method}; see the API table in the README"),
            )
        })
        // Innermost first: a page from the cache is counted by the rate limit, a 304 is not.
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), pages::serve))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), limits::limit))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), pages::validate))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(axum::middleware::from_fn_with_state(state.clone(), time_limit))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(refuse_oversized))
        // Outermost first: a request id is set, logged on every line of the call's span, and
        // echoed in `x-request-id`. Spans name the route's template, never the path, which
        // can carry a visitor's token or a member's email.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::extract::Request| {
                    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    let route =
                        request.extensions().get::<axum::extract::MatchedPath>().map_or("unmatched", |p| p.as_str());
                    tracing::info_span!("request", id = %id, method = %request.method(), route = %route)
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::x_request_id(RandomRequestId))
        .with_state(state)
}

/// Answers 503 when a call takes longer than `--request-timeout` to produce its answer. A
/// stream's answer is its first byte, so live streams and exports run on.
async fn time_limit(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    match tokio::time::timeout(state.config.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => axum::response::IntoResponse::into_response(error::ApiError::new(
            ErrorCode::Timeout,
            format!(
                "the server took more than {}s to answer; it may be overloaded, so try again shortly",
                state.config.request_timeout.as_secs()
            ),
        )),
    }
}

/// Request ids: 16 random hex digits, unless the caller sent its own `x-request-id`.
#[derive(Clone, Copy)]
struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let id = hex::encode(rand::random::<[u8; 8]>());
        axum::http::HeaderValue::from_str(&id).ok().map(RequestId::new)
    }
}

/// Refuses a body whose announced size is over the limit before any of it is read, so a
/// client gets the answer at once instead of after (or instead of) its upload.
async fn refuse_oversized(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let announced = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > MAX_BODY_BYTES) {
        let err = error::ApiError::new(
            ErrorCode::BodyTooLarge,
            format!(
                "the request body is larger than the {} KiB this server accepts; send less at a time",
                MAX_BODY_BYTES / 1024
            ),
        );
        return axum::response::IntoResponse::into_response(err);
    }
    next.run(request).await
}

/// Runs the archiver: a sweep at start, then on every wake-up or tick.
pub fn spawn_archiver(state: AppState) -> tokio::task::JoinHandle<()> {
    let window = state.config.archive_after.unsigned_abs();
    // Sweep often enough that a request is closed within about a tenth of its window.
    let tick = (window / 10).clamp(Duration::from_millis(200), Duration::from_secs(60));
    tokio::spawn(async move {
        loop {
            if let Err(err) = state.archive_due().await {
                tracing::error!(%err, "archiving resolved requests failed");
            }
            tokio::select! {
                _ = state.archive_wakeup.notified() => {}
                _ = tokio::time::sleep(tick) => {}
            }
        }
    })
}

/// How long a connection taken from the reserve has to send its request's head.
const RESERVE_DEADLINE: Duration = Duration::from_secs(1);
/// How long a connection taken from the reserve may stay silent: a health check speaks at once.
const RESERVE_FIRST_BYTE: Duration = Duration::from_millis(500);

/// Whether a call may use a connection from the reserve: health checks, and calls that carry
/// a credential to the members' API or the metrics. A bad credential is answered 401 and
/// counts toward the address's limit like any other.
fn reserve_admits(path: &str, headers: &axum::http::HeaderMap) -> bool {
    let credential = headers.contains_key(axum::http::header::AUTHORIZATION);
    match path {
        "/healthz" | "/readyz" => true,
        "/metrics" => credential,
        _ => credential && path.starts_with("/v1/") && !path.starts_with("/v1/public/"),
    }
}

/// Splits `--max-connections` into the share any caller may hold open and the reserve that
/// serves one quick call each: three quarters and one quarter, with a reserve of at least 16.
pub fn connection_shares(max_connections: usize) -> (usize, usize) {
    let reserved = (max_connections / 4).max(16);
    (max_connections.saturating_sub(reserved).max(1), reserved)
}

/// Serves the API on `listener` until `shutdown` completes, letting open calls finish.
///
/// The accept loop is our own, on hyper's connection builder, for what `axum::serve` does not
/// offer: a deadline for each request's head (so silent, slow and idle connections are
/// closed), a cap on connections, and riding out a full descriptor table.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let archiver = spawn_archiver(state.clone());
    let relay = spawn_relay(&state);
    let deliverer = webhooks::spawn_deliverer(state.clone());
    let router = routing::spawn_router(state.clone());
    let sweeper = retention::spawn_sweeper(state.clone());
    let hub = state.hub.clone();
    let config = state.config.clone();
    let metrics = state.metrics.clone();
    let service = hyper_util::service::TowerToHyperService::new(app(state));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let (shared, reserved) = connection_shares(config.max_connections);
    let slots = Arc::new(tokio::sync::Semaphore::new(shared));
    // The rest of the cap is held back from callers who keep connections open: there, a
    // connection gets one call on a short deadline. A health check or a member sends its
    // request at once, so idle sockets and visitors holding every shared slot cannot keep
    // them out.
    let reserve = Arc::new(tokio::sync::Semaphore::new(reserved));
    let mut accept_failing = false;
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(err) => {
                    // Out of descriptors, most likely: wait for some to free up, not spin,
                    // and say so once rather than ten times a second.
                    if !accept_failing {
                        tracing::warn!(%err, "cannot accept connections; pausing until descriptors free up");
                        accept_failing = true;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        if accept_failing {
            tracing::info!("accepting connections again");
            accept_failing = false;
        }
        let (slot, first_byte, deadline, reserved) = match slots.clone().try_acquire_owned() {
            Ok(slot) => (slot, config.first_byte_timeout, config.idle_timeout, false),
            Err(_) => match reserve.clone().try_acquire_owned() {
                Ok(slot) => (slot, RESERVE_FIRST_BYTE.min(config.first_byte_timeout), RESERVE_DEADLINE, true),
                Err(_) => {
                    metrics.refuse_connection();
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        // Each call learns the address it came from, for the per-address stream cap.
        let peer = stream.peer_addr().map(|a| live::PeerAddr(a.ip())).ok();
        let per_connection = service.clone();
        let metrics = metrics.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
            if let Some(peer) = peer {
                request.extensions_mut().insert(peer);
            }
            // The reserve is for health checks and members: a visitor's stream or page there
            // would hold back the very callers it is kept for.
            let admitted = !reserved || reserve_admits(request.uri().path(), request.headers());
            let call = admitted.then(|| hyper::service::Service::call(&per_connection, request));
            if !admitted {
                metrics.refuse_connection();
            }
            async move {
                match call {
                    Some(call) => call.await,
                    None => Ok(axum::response::IntoResponse::into_response(error::ApiError::new(
                        ErrorCode::Unavailable,
                        "the server is at its connection limit for calls without a member's token; try again shortly",
                    ))),
                }
            }
        });
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            let _slot = slot;
            // A connection that says nothing gives its slot back in seconds, whatever the
            // keep-alive deadline for connections that have spoken.
            let mut first = [0u8; 1];
            match tokio::time::timeout(first_byte, stream.peek(&mut first)).await {
                Ok(Ok(n)) if n > 0 => {}
                _ => return,
            }
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(deadline)
                .keep_alive(!reserved)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            if let Err(err) = watcher.watch(connection).await {
                tracing::debug!(%err, "a connection ended with an error");
            }
        });
    }
    drop(listener);
    // Open streams would hold the graceful shutdown forever; end them with a final event.
    hub.shut_down();
    graceful.shutdown().await;
    archiver.abort();
    deliverer.abort();
    router.abort();
    sweeper.abort();
    if let Some(relay) = relay {
        relay.abort();
    }
    Ok(())
}

/// Passes changes committed by other servers on the same database to this one's streams.
fn spawn_relay(state: &AppState) -> Option<tokio::task::JoinHandle<()>> {
    let mut changes = state.store.changes()?;
    let hub = state.hub.clone();
    Some(tokio::spawn(async move {
        loop {
            match changes.recv().await {
                Ok(Some(notice)) => hub.ping(live::Ping {
                    org_id: Some(notice.org_id),
                    request_id: Some(notice.request_id),
                    visitor_id: Some(notice.visitor_id),
                }),
                // Missed notices: every stream looks again.
                Ok(None) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => hub.ping(live::Ping::EVERYONE),
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    }))
}

/// Creates an organization with its first org admin, and returns that admin's new token.
pub async fn init_organization(store: &dyn Store, org: &str, email: &Email, name: &str) -> StoreResult<(Me, String)> {
    let admin = NewMember {
        email: email.clone(),
        name: name.to_string(),
        role: Role::OrgAdmin,
        bot_ids: Vec::new(),
        presence: Presence::Offline,
    };
    let me = store.create_organization(org, admin).await?;
    let (token, hash) = new_token("lc_");
    store
        .add_token(
            crate::store::MemberId(me.member.id),
            crate::store::NewToken::named(hash, "initial admin token"),
            Audit::SERVER,
        )
        .await?;
    Ok((me, token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reserve_admits_health_checks_and_credentialed_members_only() {
        let mut member = axum::http::HeaderMap::new();
        member.insert(axum::http::header::AUTHORIZATION, "Bearer lc_x".parse().unwrap());
        let anonymous = axum::http::HeaderMap::new();
        for (path, with_token, without) in [
            ("/healthz", true, true),
            ("/readyz", true, true),
            ("/v1/me", true, false),
            ("/v1/events", true, false),
            ("/metrics", true, false),
            // A visitor's stream, page or form holds a connection for as long as it likes,
            // and a token does not make it a member's call.
            ("/v1/public/conversations/lcv_x/events", false, false),
            ("/v1/public/bots/1/requests", false, false),
            ("/chat/1", false, false),
            ("/", false, false),
            ("/dashboard", false, false),
            ("/openapi.json", false, false),
        ] {
            assert_eq!(reserve_admits(path, &member), with_token, "{path} with a token");
            assert_eq!(reserve_admits(path, &anonymous), without, "{path} without one");
        }
    }
}
