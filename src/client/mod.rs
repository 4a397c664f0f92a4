//! A typed client for the livechat API: one place that sends calls, decodes our error shape,
//! and turns transport failures into errors a person can act on.

use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use futures_util::Stream;
mod admin;

pub use admin::DeliveriesQuery;

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::{
    Backlog, BatchBody, BatchResponse, BodyText, ConditionBody, ErrorBody, ErrorCode, Me, Member, Message, Note, Page,
    PresenceBody, Request, RequestDetail, ResolveBody, RoleBody,
};

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error of our shape (or an unexpected status).
    #[error("{message}")]
    Api { status: StatusCode, code: ErrorCode, message: String, retry_after: Option<Duration> },
    #[error("could not reach the livechat server at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("the server at {url} sent an answer this client does not understand: {reason}")]
    Protocol { url: String, reason: String },
}

pub type ClientResult<T> = Result<T, ClientError>;

/// The query of `GET /v1/search`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchQuery {
    pub q: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bot: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// The `audit list` filters, as query parameters.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuditQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// The `requests list` filters, as query parameters.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ListQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bot: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub older_than: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newer_than: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl ClientError {
    /// The API's error code, when the server answered with one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Worth another try: the server was out of reach, overloaded, or behind a failing proxy.
    pub fn is_transient(&self) -> bool {
        match self {
            ClientError::Unreachable { .. } => true,
            ClientError::Api { status, .. } => matches!(status.as_u16(), 429 | 502..=504),
            ClientError::Protocol { .. } => false,
        }
    }
}

/// Whether a call may be sent again without changing its effect. Only such calls retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotent {
    Yes,
    No,
}

/// The `GET /v1/requests/export` parameters.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportQuery {
    pub state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub after_id: i64,
}

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
    /// The limit for one JSON call; streams instead fail only when silent this long.
    timeout: Duration,
    /// The longest a call keeps retrying transient failures, waits included.
    retry_for: Duration,
    /// Told about each retry, so a person is not left staring at a silent terminal.
    on_retry: fn(&ClientError, Duration),
    /// When the token's budget, as the server last reported it, allows the next call; shared
    /// by the clones that make calls at once.
    paced_until: std::sync::Arc<std::sync::Mutex<Option<tokio::time::Instant>>>,
}

fn quiet(_: &ClientError, _: Duration) {}

/// Makes ring the process's TLS provider, once, before any HTTP client is built: reqwest is
/// built without a provider of its own (see Cargo.toml).
pub fn use_ring_for_tls() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Fails only if a provider is installed already, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// A plain HTTP client with the TLS provider in place, for tests and tools.
pub fn http() -> reqwest::Client {
    use_ring_for_tls();
    reqwest::Client::new()
}

impl Client {
    pub fn new(base: &str, token: Option<String>, timeout: Duration) -> ClientResult<Client> {
        use_ring_for_tls();
        let http = reqwest::Client::builder()
            .read_timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("livechat/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ClientError::Unreachable { url: base.to_string(), reason: e.to_string() })?;
        Ok(Client {
            http,
            base: base.trim_end_matches('/').to_string(),
            token,
            timeout,
            retry_for: Duration::ZERO,
            on_retry: quiet,
            paced_until: Default::default(),
        })
    }

    /// Retries idempotent calls on transient failures for up to `budget`, with exponential
    /// backoff and jitter, honouring `Retry-After`.
    pub fn with_retries(mut self, budget: Duration, on_retry: fn(&ClientError, Duration)) -> Client {
        self.retry_for = budget;
        self.on_retry = on_retry;
        self
    }

    /// Waits until the token's budget allows a call, if the server said it was spent: pacing
    /// to the limit instead of spending calls on 429s. Told to `on_retry` as a rate limit.
    async fn pace(&self) {
        let until = *self.paced_until.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(until) = until {
            let now = tokio::time::Instant::now();
            if until > now {
                let waiting = ClientError::Api {
                    status: StatusCode::TOO_MANY_REQUESTS,
                    code: ErrorCode::RateLimited,
                    message: "this token's calls for now are spent; pacing to the server's rate limit".into(),
                    retry_after: Some(until - now),
                };
                (self.on_retry)(&waiting, until - now);
                tokio::time::sleep_until(until).await;
            }
        }
    }

    /// Keeps what the server said is left of the token's budget (`RateLimit-Remaining`, and
    /// `RateLimit-Reset` seconds until the next call once none are left).
    fn note_budget(&self, headers: &reqwest::header::HeaderMap) {
        let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<u64>().ok();
        let (Some(remaining), Some(reset)) = (number("ratelimit-remaining"), number("ratelimit-reset")) else {
            return;
        };
        // Answers to calls made at once arrive in any order: one that still saw calls left
        // never lifts a pause that a later one set.
        if remaining == 0 {
            let until = tokio::time::Instant::now() + Duration::from_secs(reset);
            let mut paced = self.paced_until.lock().unwrap_or_else(|e| e.into_inner());
            *paced = Some(paced.map_or(until, |p| p.max(until)));
        }
    }

    pub fn retry_budget(&self) -> Duration {
        self.retry_for
    }

    fn backoff(&self) -> ExponentialBuilder {
        ExponentialBuilder::default()
            .with_jitter()
            .with_min_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_secs(5))
            .with_total_delay(Some(self.retry_for))
            .without_max_times()
    }

    async fn call<Q: Serialize + ?Sized, B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: Option<&Q>,
        body: Option<&B>,
        idempotent: Idempotent,
    ) -> ClientResult<T> {
        let once = || async {
            let (url, bytes) = self.read(method.clone(), path, query, body).await?;
            serde_json::from_slice(&bytes).map_err(|e| ClientError::Protocol { url, reason: e.to_string() })
        };
        self.retrying(once, idempotent).await
    }

    /// One call's whole answer, with the URL it came from.
    async fn read<Q: Serialize + ?Sized, B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: Option<&Q>,
        body: Option<&B>,
    ) -> ClientResult<(String, bytes::Bytes)> {
        let resp = self.send(method, path, query, body, Some(self.timeout), None).await?;
        let url = resp.url().to_string();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| ClientError::Unreachable { url: self.base.clone(), reason: describe(&e) })?;
        Ok((url, bytes))
    }

    async fn retrying<T, F, Fut>(&self, once: F, idempotent: Idempotent) -> ClientResult<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = ClientResult<T>>,
    {
        if idempotent == Idempotent::No || self.retry_for.is_zero() {
            let mut once = once;
            return once().await;
        }
        once.retry(self.backoff())
            .when(ClientError::is_transient)
            .adjust(|err, delay| match err {
                ClientError::Api { retry_after: Some(wait), .. } => delay.map(|_| *wait),
                _ => delay,
            })
            .notify(self.on_retry)
            .await
    }

    /// Sends one call and turns a non-2xx answer into our error; the body is left unread.
    async fn send<Q: Serialize + ?Sized, B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: Option<&Q>,
        body: Option<&B>,
        total: Option<Duration>,
        last_event_id: Option<&str>,
    ) -> ClientResult<reqwest::Response> {
        self.pace().await;
        let url = format!("{}{path}", self.base);
        let mut req = self.http.request(method, &url);
        if let Some(total) = total {
            req = req.timeout(total);
        }
        if let Some(id) = last_event_id {
            req = req.header("last-event-id", id);
        }
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        if let Some(query) = query {
            req = req.query(query);
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        let resp =
            req.send().await.map_err(|e| ClientError::Unreachable { url: self.base.clone(), reason: describe(&e) })?;
        self.note_budget(resp.headers());
        let status = resp.status();
        if status.is_success() {
            return Ok(resp);
        }
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let bytes = resp.bytes().await.unwrap_or_default();
        Err(match serde_json::from_slice::<ErrorBody>(&bytes) {
            Ok(body) => ClientError::Api { status, code: body.error.code, message: body.error.message, retry_after },
            Err(_) => ClientError::Api {
                status,
                code: ErrorCode::Unknown,
                message: format!("the server answered {status} to {path}; is {} a livechat server?", self.base),
                retry_after,
            },
        })
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> ClientResult<T> {
        self.call::<(), (), T>(Method::GET, path, None, None, Idempotent::Yes).await
    }

    async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        idempotent: Idempotent,
    ) -> ClientResult<T> {
        self.call::<(), B, T>(Method::POST, path, None, Some(body), idempotent).await
    }

    pub async fn me(&self) -> ClientResult<Me> {
        self.get("/v1/me").await
    }

    pub async fn list_requests(&self, query: &ListQuery) -> ClientResult<Page<Request>> {
        self.call::<_, (), _>(Method::GET, "/v1/requests", Some(query), None, Idempotent::Yes).await
    }

    pub async fn search(&self, query: &SearchQuery) -> ClientResult<Page<crate::api::SearchResult>> {
        self.call::<_, (), _>(Method::GET, "/v1/search", Some(query), None, Idempotent::Yes).await
    }

    pub async fn stats<Q: Serialize + ?Sized>(&self, query: &Q) -> ClientResult<crate::api::Stats> {
        self.call::<Q, (), _>(Method::GET, "/v1/stats", Some(query), None, Idempotent::Yes).await
    }

    pub async fn series<Q: Serialize + ?Sized>(&self, query: &Q) -> ClientResult<crate::api::Series> {
        self.call::<Q, (), _>(Method::GET, "/v1/stats/series", Some(query), None, Idempotent::Yes).await
    }

    /// The series as the server writes it in CSV (the query asks for `format=csv`).
    pub async fn series_csv<Q: Serialize + ?Sized>(&self, query: &Q) -> ClientResult<bytes::Bytes> {
        let once = || async { Ok(self.read::<Q, ()>(Method::GET, "/v1/stats/series", Some(query), None).await?.1) };
        self.retrying(once, Idempotent::Yes).await
    }

    pub async fn member_stats<Q: Serialize + ?Sized>(&self, query: &Q) -> ClientResult<crate::api::MemberStats> {
        self.call::<Q, (), _>(Method::GET, "/v1/stats/members", Some(query), None, Idempotent::Yes).await
    }

    /// A single-use code that signs this member in to the dashboard.
    pub async fn dashboard_code(&self) -> ClientResult<crate::api::SignInCode> {
        // Each call makes a new code, but an unused one expires in a minute: retrying is safe.
        self.post("/v1/dashboard/codes", &serde_json::json!({}), Idempotent::Yes).await
    }

    pub async fn backlog(&self, query: &ListQuery) -> ClientResult<Backlog> {
        self.call::<_, (), _>(Method::GET, "/v1/requests/backlog", Some(query), None, Idempotent::Yes).await
    }

    /// Opens the export stream; the caller reads it and resumes by `after_id` if it breaks.
    pub async fn export(
        &self,
        query: &ExportQuery,
    ) -> ClientResult<impl Stream<Item = reqwest::Result<axum::body::Bytes>> + use<>> {
        Ok(self.json_lines("/v1/requests/export", query, "an export").await?.bytes_stream())
    }

    /// The change feed after `after`: JSON Lines ending with an `end` line.
    pub async fn changes(
        &self,
        after: &str,
    ) -> ClientResult<impl Stream<Item = reqwest::Result<axum::body::Bytes>> + use<>> {
        Ok(self.json_lines("/v1/changes", &[("after", after)], "the change feed").await?.bytes_stream())
    }

    async fn json_lines<Q: Serialize + ?Sized>(
        &self,
        path: &str,
        query: &Q,
        what: &str,
    ) -> ClientResult<reqwest::Response> {
        let once = || async { self.send::<_, ()>(Method::GET, path, Some(query), None, None, None).await };
        let resp = self.retrying(once, Idempotent::Yes).await?;
        // Anything but JSON Lines is not ours: a proxy's page, another service.
        let kind = resp.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        if !kind.starts_with("application/x-ndjson") {
            return Err(ClientError::Protocol {
                url: self.base.clone(),
                reason: format!("{what} must be JSON Lines (application/x-ndjson), not `{kind}`"),
            });
        }
        Ok(resp)
    }

    pub async fn request(&self, id: i64) -> ClientResult<RequestDetail> {
        self.get(&format!("/v1/requests/{id}")).await
    }

    /// Opens a Server-Sent Events stream at `path`, resuming after `last_event_id`.
    pub async fn events<Q: Serialize + ?Sized>(
        &self,
        path: &str,
        query: Option<&Q>,
        last_event_id: Option<&str>,
    ) -> ClientResult<impl Stream<Item = Result<eventsource_stream::Event, String>> + use<Q>> {
        use eventsource_stream::Eventsource;
        use futures_util::StreamExt;
        let once = || async { self.send::<Q, ()>(Method::GET, path, query, None, None, last_event_id).await };
        let resp = self.retrying(once, Idempotent::Yes).await?;
        Ok(resp.bytes_stream().eventsource().map(|item| item.map_err(|e| e.to_string())))
    }

    /// Any call, as it is: the status and body, without decoding either. Never retried,
    /// since the route's effect is unknown.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: Option<Vec<u8>>,
    ) -> ClientResult<(StatusCode, axum::body::Bytes)> {
        let mut req = self.http.request(method, format!("{}{path}", self.base)).timeout(self.timeout).query(query);
        if let Some(token) = &self.token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.header(reqwest::header::CONTENT_TYPE, "application/json").body(body);
        }
        let unreachable = |e: reqwest::Error| ClientError::Unreachable { url: self.base.clone(), reason: describe(&e) };
        let resp = req.send().await.map_err(unreachable)?;
        let status = resp.status();
        Ok((status, resp.bytes().await.map_err(unreachable)?))
    }

    pub async fn start_chat(&self, id: i64) -> ClientResult<Request> {
        self.post(&format!("/v1/requests/{id}/chat/start"), &ConditionBody::default(), Idempotent::Yes).await
    }

    pub async fn end_chat(&self, id: i64) -> ClientResult<Request> {
        self.post(&format!("/v1/requests/{id}/chat/end"), &ConditionBody::default(), Idempotent::Yes).await
    }

    pub async fn resolve(&self, id: i64, note: Option<String>) -> ClientResult<Request> {
        // A re-sent resolve finds the request resolved and changes nothing.
        self.post(&format!("/v1/requests/{id}/resolve"), &ResolveBody { note, if_version: None }, Idempotent::Yes).await
    }

    pub async fn send_message(&self, id: i64, body: &str) -> ClientResult<Message> {
        // A re-sent message would reach the visitor twice: never retried.
        self.post(&format!("/v1/requests/{id}/messages"), &BodyText { body: body.to_string() }, Idempotent::No).await
    }

    pub async fn relabel(&self, body: &crate::api::LabelsBody) -> ClientResult<BatchResponse> {
        // Adding a label twice or taking it away twice changes nothing: safe to re-send.
        self.post("/v1/requests/labels", body, Idempotent::Yes).await
    }

    pub async fn retention(&self) -> ClientResult<crate::api::RetentionPolicy> {
        self.get("/v1/retention").await
    }

    pub async fn set_retention(&self, body: &crate::api::RetentionBody) -> ClientResult<crate::api::RetentionPolicy> {
        self.call::<(), _, _>(Method::PUT, "/v1/retention", None, Some(body), Idempotent::Yes).await
    }

    pub async fn take_receipt(&self, body: &crate::api::ReceiptBody) -> ClientResult<crate::api::ExportReceipt> {
        // The same receipt twice records the same export twice, which changes nothing.
        self.post("/v1/requests/export/receipts", body, Idempotent::Yes).await
    }

    pub async fn retention_preview(&self) -> ClientResult<crate::api::RetentionPreview> {
        self.get("/v1/retention/preview").await
    }

    pub async fn audit(&self, query: &AuditQuery) -> ClientResult<Page<crate::api::AuditRecord>> {
        self.call::<_, (), _>(Method::GET, "/v1/audit", Some(query), None, Idempotent::Yes).await
    }

    pub async fn labels(&self) -> ClientResult<Page<crate::api::LabelCount>> {
        self.call::<(), (), _>(Method::GET, "/v1/labels", None, None, Idempotent::Yes).await
    }

    pub async fn batch(&self, body: &BatchBody) -> ClientResult<BatchResponse> {
        // Items are conditional or idempotent, so a re-sent batch changes nothing twice.
        self.post("/v1/requests/batch", body, Idempotent::Yes).await
    }

    pub async fn add_note(&self, id: i64, body: &str) -> ClientResult<Note> {
        // A re-sent note would be a second note: never retried.
        self.post(&format!("/v1/requests/{id}/notes"), &BodyText { body: body.to_string() }, Idempotent::No).await
    }

    pub async fn members(&self) -> ClientResult<Vec<Member>> {
        self.get::<Page<Member>>("/v1/members").await.map(|p| p.items)
    }

    pub async fn set_role(&self, member: &str, body: &RoleBody) -> ClientResult<Member> {
        let path = format!("/v1/members/{}", utf8_percent_encode(member, NON_ALPHANUMERIC));
        self.call::<(), _, _>(Method::PATCH, &path, None, Some(body), Idempotent::Yes).await
    }

    pub async fn set_presence(&self, body: &PresenceBody) -> ClientResult<Member> {
        self.call::<(), _, _>(Method::PUT, "/v1/members/me/presence", None, Some(body), Idempotent::Yes).await
    }

    pub async fn set_capacity(&self, member: &str, body: &crate::api::CapacityBody) -> ClientResult<Member> {
        let path = format!("/v1/members/{}/capacity", utf8_percent_encode(member, NON_ALPHANUMERIC));
        self.call::<(), _, _>(Method::PUT, &path, None, Some(body), Idempotent::Yes).await
    }

    pub async fn routing(&self) -> ClientResult<crate::api::Routing> {
        self.get("/v1/routing").await
    }

    pub async fn set_routing(&self, body: &crate::api::RoutingBody) -> ClientResult<crate::api::Routing> {
        self.call::<(), _, _>(Method::PUT, "/v1/routing", None, Some(body), Idempotent::Yes).await
    }

    pub async fn set_bot_routing(
        &self,
        bot: i64,
        body: &crate::api::BotRoutingBody,
    ) -> ClientResult<crate::api::BotRouting> {
        let path = format!("/v1/bots/{bot}/routing");
        self.call::<(), _, _>(Method::PUT, &path, None, Some(body), Idempotent::Yes).await
    }

    /// An erasure is never retried: one that reached the server would, sent again by email
    /// or user id, find nobody left and report that instead of its receipt. A dry run
    /// changes nothing, so it is.
    pub async fn erase_visitor(&self, body: &crate::api::EraseBody) -> ClientResult<crate::api::Erasure> {
        let idempotent = if body.dry_run { Idempotent::Yes } else { Idempotent::No };
        self.post("/v1/visitors/erase", body, idempotent).await
    }
}

/// reqwest's top-level message hides the cause ("error sending request"); name the root.
fn describe(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        return "the call timed out".to_string();
    }
    let mut source: &dyn std::error::Error = err;
    loop {
        // A plain-HTTP server answers a TLS hello with something that is not TLS.
        // rustls's errors arrive wrapped in io::Errors, whose `source` skips what they wrap.
        let mut inner = source;
        while let Some(wrapped) = inner.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
            inner = wrapped;
        }
        if let Some(rustls::Error::InvalidMessage(_)) = inner.downcast_ref::<rustls::Error>() {
            return "the server did not answer in TLS; if it speaks plain HTTP, use an http:// URL".to_string();
        }
        match source.source() {
            Some(next) => source = next,
            None => return source.to_string(),
        }
    }
}
