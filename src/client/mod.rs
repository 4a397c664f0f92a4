//! A typed client for the livechat API: one place that sends calls, decodes our error shape,
//! and turns transport failures into errors a person can act on.

use std::time::Duration;

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::api::{
    AssignBody, BatchBody, BatchResponse, BodyText, Bot, ErrorBody, Me, Member, Note, Page, PresenceBody, Request,
    RequestDetail, RoleBody,
};

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error of our shape (or an unexpected status).
    #[error("{message}")]
    Api { status: StatusCode, code: String, message: String },
    #[error("could not reach the livechat server at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("the server at {url} sent an answer this client does not understand: {reason}")]
    Protocol { url: String, reason: String },
}

pub type ClientResult<T> = Result<T, ClientError>;

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
    pub limit: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
}

impl Client {
    pub fn new(base: &str, token: Option<String>, timeout: Duration) -> ClientResult<Client> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("livechat/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ClientError::Unreachable { url: base.to_string(), reason: e.to_string() })?;
        Ok(Client { http, base: base.trim_end_matches('/').to_string(), token })
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    async fn call<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: Option<&ListQuery>,
        body: Option<&B>,
    ) -> ClientResult<T> {
        let url = format!("{}{path}", self.base);
        let mut req = self.http.request(method, &url);
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
        let status = resp.status();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| ClientError::Unreachable { url: self.base.clone(), reason: describe(&e) })?;
        if status.is_success() {
            return serde_json::from_slice(&bytes)
                .map_err(|e| ClientError::Protocol { url: url.clone(), reason: e.to_string() });
        }
        Err(match serde_json::from_slice::<ErrorBody>(&bytes) {
            Ok(body) => ClientError::Api { status, code: body.error.code, message: body.error.message },
            Err(_) => ClientError::Api {
                status,
                code: "http_error".into(),
                message: format!("the server answered {status} to {path}; is {} a livechat server?", self.base),
            },
        })
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> ClientResult<T> {
        self.call::<(), T>(Method::GET, path, None, None).await
    }

    async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(&self, path: &str, body: &B) -> ClientResult<T> {
        self.call(Method::POST, path, None, Some(body)).await
    }

    pub async fn me(&self) -> ClientResult<Me> {
        self.get("/v1/me").await
    }

    pub async fn list_requests(&self, query: &ListQuery) -> ClientResult<Page<Request>> {
        self.call::<(), _>(Method::GET, "/v1/requests", Some(query), None).await
    }

    pub async fn request(&self, id: i64) -> ClientResult<RequestDetail> {
        self.get(&format!("/v1/requests/{id}")).await
    }

    pub async fn assign(&self, id: i64, to: &str) -> ClientResult<Request> {
        self.post(&format!("/v1/requests/{id}/assign"), &AssignBody { to: to.to_string(), if_version: None }).await
    }

    pub async fn batch(&self, body: &BatchBody) -> ClientResult<BatchResponse> {
        self.post("/v1/requests/batch", body).await
    }

    pub async fn add_note(&self, id: i64, body: &str) -> ClientResult<Note> {
        self.post(&format!("/v1/requests/{id}/notes"), &BodyText { body: body.to_string() }).await
    }

    pub async fn members(&self) -> ClientResult<Vec<Member>> {
        self.get::<Page<Member>>("/v1/members").await.map(|p| p.items)
    }

    pub async fn bots(&self) -> ClientResult<Vec<Bot>> {
        self.get::<Page<Bot>>("/v1/bots").await.map(|p| p.items)
    }

    pub async fn set_role(&self, member: &str, body: &RoleBody) -> ClientResult<Member> {
        let path = format!("/v1/members/{}", utf8_percent_encode(member, NON_ALPHANUMERIC));
        self.call(Method::PATCH, &path, None, Some(body)).await
    }

    pub async fn set_presence(&self, body: &PresenceBody) -> ClientResult<Member> {
        self.call(Method::PUT, "/v1/members/me/presence", None, Some(body)).await
    }
}

/// reqwest's top-level message hides the cause ("error sending request"); name the root.
fn describe(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        return "the call timed out".to_string();
    }
    let mut source: &dyn std::error::Error = err;
    while let Some(next) = source.source() {
        source = next;
    }
    source.to_string()
}
