//! The wire types of outgoing webhooks.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// What a webhook can be told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum WebhookEvent {
    #[serde(rename = "request.created")]
    RequestCreated,
    #[serde(rename = "request.assigned")]
    RequestAssigned,
    #[serde(rename = "request.resolved")]
    RequestResolved,
    #[serde(rename = "request.closed")]
    RequestClosed,
    #[serde(rename = "message.created")]
    MessageCreated,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 5] = [
        WebhookEvent::RequestCreated,
        WebhookEvent::RequestAssigned,
        WebhookEvent::RequestResolved,
        WebhookEvent::RequestClosed,
        WebhookEvent::MessageCreated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::RequestCreated => "request.created",
            WebhookEvent::RequestAssigned => "request.assigned",
            WebhookEvent::RequestResolved => "request.resolved",
            WebhookEvent::RequestClosed => "request.closed",
            WebhookEvent::MessageCreated => "message.created",
        }
    }

    pub fn parse(text: &str) -> Option<WebhookEvent> {
        WebhookEvent::ALL.into_iter().find(|e| e.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WebhookStatus {
    Active,
    /// It kept failing for a day; `redeliver` turns it back on.
    Disabled,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    /// Only this bot's requests; absent for every bot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_id: Option<i64>,
    pub status: WebhookStatus,
    /// Why it was disabled.
    pub disabled_reason: Option<String>,
    pub created_at: Timestamp,
}

/// Body of `POST /v1/webhooks`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(example = json!({"url": "https://hooks.acme.example/livechat", "events": ["request.created", "request.resolved"]}))]
pub struct WebhookBody {
    /// Where deliveries are POSTed: an http(s) URL.
    #[schema(
        max_length = 2000,
        pattern = r"^https?://[A-Za-z0-9.-]+(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?#][!-~]*)?$"
    )]
    pub url: String,
    #[schema(min_items = 1)]
    pub events: Vec<WebhookEvent>,
    #[serde(default, deserialize_with = "super::integral::option", skip_serializing_if = "Option::is_none")]
    pub bot_id: Option<i64>,
}

/// Answer of `POST /v1/webhooks`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CreatedWebhook {
    /// The signing secret (`whsec_…`): shown this once.
    pub secret: String,
    #[serde(flatten)]
    pub webhook: Webhook,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Not delivered yet; tried again at `next_attempt_at`.
    Pending,
    Delivered,
    /// Given up on after a day of failures.
    Failed,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Failed => "failed",
        }
    }
}

/// One event on its way to one webhook.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: i64,
    /// The `webhook-id` header: the same on every attempt, for receivers to drop repeats.
    pub event_id: String,
    /// `request.created` and the rest, or `webhook.test`.
    pub event_type: String,
    pub state: DeliveryState,
    pub attempts: i64,
    pub created_at: Timestamp,
    pub next_attempt_at: Option<Timestamp>,
    pub last_attempt_at: Option<Timestamp>,
    /// The receiver's HTTP status on the last attempt, if it answered.
    pub last_status: Option<i64>,
    /// Why the last attempt failed, starting with its category: `refused:` (an address the
    /// server may not send to), `timed out:`, `TLS failed:`, `connection failed:`, or the
    /// receiver's answer. Never the socket's own error, so it tells nothing of closed ports.
    pub last_error: Option<String>,
    pub delivered_at: Option<Timestamp>,
}
