//! Prometheus metrics at `/metrics`: calls by route and status with their latency, open
//! requests by state, live streams, and store latency. `prometheus-client` keeps no global
//! registry, so every in-process server (tests run several) has its own. The counts span
//! every organization, so they are served on an address of their own (`--metrics-listen`),
//! or on the API's listener to holders of the operator's token, never to anyone.

use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State as AxumState};
use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use super::AppState;
use super::auth::hash_token;
use super::error::ApiError;
use crate::domain::State;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CallLabels {
    method: String,
    /// The route's template (`/v1/requests/{id}`), never the path: paths carry visitor
    /// tokens and emails.
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabels {
    state: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OpLabels {
    op: String,
}

fn latency_histogram() -> Histogram {
    // 100 µs to about 13 s.
    Histogram::new(exponential_buckets(0.0001, 2.0, 18))
}

/// Store latency per operation, recorded by the server's `TimedStore`. Shared by every
/// server in the process; each server's registry includes it.
pub static STORE_SECONDS: LazyLock<Family<OpLabels, Histogram, fn() -> Histogram>> =
    LazyLock::new(|| Family::new_with_constructor(latency_histogram));

/// Records how long a store operation took.
pub fn observe_store(op: &str, took: Duration) {
    STORE_SECONDS.get_or_create(&OpLabels { op: op.to_string() }).observe(took.as_secs_f64());
}

pub struct Metrics {
    registry: Registry,
    calls: Family<CallLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    open: Family<StateLabels, Gauge>,
    streams: Gauge,
    refused_connections: Counter,
    rate_limited: Family<LimitLabels, Counter>,
    retention_deleted: Family<RowLabels, Counter>,
    pub pages: super::pages::PageCounts,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RowLabels {
    kind: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct LimitLabels {
    limit: String,
}

impl Metrics {
    /// A call refused by a rate limit: `address`, `bot` or `token`.
    pub fn rate_limited(&self, limit: &str) {
        self.rate_limited.get_or_create(&LimitLabels { limit: limit.to_string() }).inc();
    }

    /// What a retention sweep of this server deleted.
    pub fn retention_deleted(&self, counts: &crate::api::RetentionCounts) {
        let rows = [
            ("requests", counts.requests),
            ("messages", counts.messages),
            ("notes", counts.notes),
            ("events", counts.events),
            ("deliveries", counts.deliveries),
            ("visitors", counts.visitors),
            ("audit_records", counts.audit_records),
        ];
        for (kind, n) in rows {
            self.retention_deleted.get_or_create(&RowLabels { kind: kind.to_string() }).inc_by(n);
        }
    }

    /// A connection closed on arrival because the server was at `--max-connections`.
    pub fn refuse_connection(&self) {
        self.refused_connections.inc();
    }
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("livechat");
        let calls = Family::<CallLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        let open = Family::<StateLabels, Gauge>::default();
        let streams = Gauge::default();
        let refused_connections = Counter::default();
        let rate_limited = Family::<LimitLabels, Counter>::default();
        let retention_deleted = Family::<RowLabels, Counter>::default();
        registry.register("http_requests", "HTTP calls answered, by method, route and status", calls.clone());
        registry.register("http_request_duration_seconds", "Time to answer HTTP calls, by route", latency.clone());
        registry.register("open_requests", "Open live chat requests, by state", open.clone());
        registry.register("live_streams", "Live event streams open now", streams.clone());
        registry.register(
            "refused_connections",
            "Connections closed on arrival because the server was at its connection cap",
            refused_connections.clone(),
        );
        registry.register("rate_limited", "Calls refused by a rate limit, by limit", rate_limited.clone());
        registry.register(
            "retention_deleted",
            "Rows the retention sweep of this server deleted, by kind",
            retention_deleted.clone(),
        );
        registry.register("store_duration_seconds", "Time spent in the store, by operation", STORE_SECONDS.clone());
        let pages = super::pages::PageCounts::default();
        registry.register(
            "not_modified",
            "Conditional reads answered 304, outside the rate limit",
            pages.not_modified.clone(),
        );
        registry.register("page_cache_hits", "Pages served from this server's page cache", pages.hits.clone());
        registry.register(
            "page_cache_misses",
            "Pages built because the page cache did not hold them",
            pages.misses.clone(),
        );
        registry.register("page_cache_entries", "Pages held in this server's page cache", pages.entries.clone());
        registry.register("page_cache_bytes", "Bytes of pages held in this server's page cache", pages.bytes.clone());
        Metrics { registry, calls, latency, open, streams, refused_connections, rate_limited, retention_deleted, pages }
    }
}

/// Counts and times every call by its route template.
pub async fn track(AxumState(state): AxumState<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route =
        request.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let response = next.run(request).await;
    let metrics = &state.metrics;
    let status = response.status().as_u16();
    metrics.calls.get_or_create(&CallLabels { method: method.clone(), route: route.clone(), status }).inc();
    metrics.latency.get_or_create(&RouteLabels { method, route }).observe(started.elapsed().as_secs_f64());
    response
}

/// Who may read `/metrics` on the API's own listener.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum MetricsAccess {
    /// Nobody: the metrics are served on an address of their own, or not at all.
    #[default]
    Closed,
    /// Callers who send this bearer token, kept as its SHA-256 (so comparing digests tells a
    /// timing attacker nothing about the token).
    Token([u8; 32]),
    /// Anyone who reaches the listener: for the local demo only.
    Open,
}

/// `GET /metrics` in the Prometheus text format; gauges are read at scrape time.
#[utoipa::path(get, path = "/metrics", tag = "operations", security((), ("metrics_token" = [])), responses((status = 200, description = "Prometheus metrics", content_type = "application/openmetrics-text", body = String), (status = 401, description = "The metrics token is missing or wrong", body = crate::api::ErrorBody), (status = 404, description = "Metrics are not served on this listener", body = crate::api::ErrorBody)))]
pub async fn scrape(AxumState(state): AxumState<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    match &state.config.metrics {
        MetricsAccess::Open => {}
        MetricsAccess::Token(expected) => {
            let sent = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
            if sent.map(|token| hash_token(token.trim())) != Some(*expected) {
                return Err(ApiError::unauthorized(
                    "the metrics need the operator's metrics token (LIVECHAT_METRICS_TOKEN) as a bearer token",
                ));
            }
        }
        MetricsAccess::Closed => {
            return Err(ApiError::not_found(
                "metrics are not served on this address; start the server with `--metrics-listen ADDR` for a \
                 private address of their own, or set LIVECHAT_METRICS_TOKEN and send it as a bearer token",
            ));
        }
    }
    render(&state).await
}

/// The metrics alone, for the listener `--metrics-listen` names: whoever reaches that
/// address may read them, so bind it where only the scraper can.
pub fn metrics_app(state: AppState) -> axum::Router {
    let (router, _) =
        utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(scrape_open)).split_for_parts();
    router.with_state(state)
}

/// `GET /metrics` on `--metrics-listen`'s address: the same document, to whoever reaches it.
#[utoipa::path(get, path = "/metrics", tag = "operations", responses((status = 200, description = "Prometheus metrics", content_type = "application/openmetrics-text", body = String)))]
async fn scrape_open(AxumState(state): AxumState<AppState>) -> Result<Response, ApiError> {
    render(&state).await
}

async fn render(state: &AppState) -> Result<Response, ApiError> {
    let metrics: &Arc<Metrics> = &state.metrics;
    // Every open state is reported, at zero when none are left.
    for s in State::OPEN {
        metrics.open.get_or_create(&StateLabels { state: s.to_string() }).set(0);
    }
    for (s, n) in state.store.open_counts().await? {
        metrics.open.get_or_create(&StateLabels { state: s.to_string() }).set(n as i64);
    }
    metrics.streams.set(state.hub.streams() as i64);
    let mut text = String::new();
    prometheus_client::encoding::text::encode(&mut text, &metrics.registry)
        .map_err(|e| ApiError::invalid(format!("cannot encode metrics: {e}")))?;
    Ok(([(CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], text).into_response())
}
