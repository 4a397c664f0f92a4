//! The client's calls for running a team: tokens, invitations, members, bots and their keys,
//! and webhooks.

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use serde::Serialize;

use super::{Client, ClientResult, Idempotent};
use crate::api::{
    AcceptBody, Bot, BotKey, BotPatch, CreatedInvitation, CreatedKey, CreatedToken, Invitation, InvitationBody, Joined,
    Member, MemberRemoved, NewBotBody, NewKeyBody, NewTokenBody, Page, RequestForm, TokenInfo,
};
use crate::api::{CreatedWebhook, Delivery, Webhook, WebhookBody};

/// The filters of `GET /v1/webhooks/deliveries`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DeliveriesQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook: Option<i64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub failed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
}

fn member_path(member: &str) -> String {
    format!("/v1/members/{}", utf8_percent_encode(member, NON_ALPHANUMERIC))
}

impl Client {
    async fn delete<Q: Serialize + ?Sized, T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        query: Option<&Q>,
    ) -> ClientResult<T> {
        self.call::<Q, (), T>(Method::DELETE, path, query, None, Idempotent::No).await
    }

    pub async fn tokens(&self, member: Option<&str>) -> ClientResult<Vec<TokenInfo>> {
        let query = member.map(|m| [("member", m)]);
        self.call::<_, (), Page<TokenInfo>>(Method::GET, "/v1/tokens", query.as_ref(), None, Idempotent::Yes)
            .await
            .map(|p| p.items)
    }

    pub async fn create_token(&self, body: &NewTokenBody) -> ClientResult<CreatedToken> {
        self.post("/v1/tokens", body, Idempotent::No).await
    }

    pub async fn revoke_token(&self, id: i64) -> ClientResult<TokenInfo> {
        self.delete::<(), _>(&format!("/v1/tokens/{id}"), None).await
    }

    pub async fn invitations(&self) -> ClientResult<Vec<Invitation>> {
        self.get::<Page<Invitation>>("/v1/invitations").await.map(|p| p.items)
    }

    pub async fn invite(&self, body: &InvitationBody) -> ClientResult<CreatedInvitation> {
        self.post("/v1/invitations", body, Idempotent::No).await
    }

    pub async fn revoke_invitation(&self, id: i64) -> ClientResult<Invitation> {
        self.delete::<(), _>(&format!("/v1/invitations/{id}"), None).await
    }

    /// Needs no token: the code is the credential.
    pub async fn accept_invitation(&self, body: &AcceptBody) -> ClientResult<Joined> {
        self.post("/v1/invitations/accept", body, Idempotent::No).await
    }

    pub async fn member(&self, member: &str) -> ClientResult<Member> {
        self.get(&member_path(member)).await
    }

    pub async fn remove_member(&self, member: &str, reassign_to: Option<&str>) -> ClientResult<MemberRemoved> {
        let query = reassign_to.map(|to| [("reassign_to", to)]);
        self.delete(&member_path(member), query.as_ref()).await
    }

    pub async fn bots(&self) -> ClientResult<Vec<Bot>> {
        self.get::<Page<Bot>>("/v1/bots").await.map(|p| p.items)
    }

    pub async fn bot(&self, id: i64) -> ClientResult<Bot> {
        self.get(&format!("/v1/bots/{id}")).await
    }

    pub async fn create_bot(&self, body: &NewBotBody) -> ClientResult<Bot> {
        self.post("/v1/bots", body, Idempotent::No).await
    }

    pub async fn update_bot(&self, id: i64, body: &BotPatch) -> ClientResult<Bot> {
        self.call::<(), _, _>(Method::PATCH, &format!("/v1/bots/{id}"), None, Some(body), Idempotent::Yes).await
    }

    pub async fn set_form(&self, id: i64, form: &RequestForm) -> ClientResult<RequestForm> {
        self.call::<(), _, _>(Method::PUT, &format!("/v1/bots/{id}/form"), None, Some(form), Idempotent::Yes).await
    }

    pub async fn bot_keys(&self, id: i64) -> ClientResult<Vec<BotKey>> {
        self.get::<Page<BotKey>>(&format!("/v1/bots/{id}/keys")).await.map(|p| p.items)
    }

    pub async fn create_bot_key(&self, id: i64, body: &NewKeyBody) -> ClientResult<CreatedKey> {
        self.post(&format!("/v1/bots/{id}/keys"), body, Idempotent::No).await
    }

    pub async fn revoke_bot_key(&self, id: i64, key: i64) -> ClientResult<BotKey> {
        self.delete::<(), _>(&format!("/v1/bots/{id}/keys/{key}"), None).await
    }

    pub async fn webhooks(&self) -> ClientResult<Vec<Webhook>> {
        self.get::<Page<Webhook>>("/v1/webhooks").await.map(|p| p.items)
    }

    pub async fn add_webhook(&self, body: &WebhookBody) -> ClientResult<CreatedWebhook> {
        self.post("/v1/webhooks", body, Idempotent::No).await
    }

    pub async fn remove_webhook(&self, id: i64) -> ClientResult<Webhook> {
        self.delete::<(), _>(&format!("/v1/webhooks/{id}"), None).await
    }

    pub async fn test_webhook(&self, id: i64) -> ClientResult<Delivery> {
        self.post(&format!("/v1/webhooks/{id}/test"), &serde_json::json!({}), Idempotent::No).await
    }

    pub async fn deliveries(&self, query: &DeliveriesQuery) -> ClientResult<Vec<Delivery>> {
        self.call::<_, (), Page<Delivery>>(Method::GET, "/v1/webhooks/deliveries", Some(query), None, Idempotent::Yes)
            .await
            .map(|p| p.items)
    }

    pub async fn redeliver(&self, id: i64) -> ClientResult<Delivery> {
        self.post(&format!("/v1/webhooks/deliveries/{id}/redeliver"), &serde_json::json!({}), Idempotent::No).await
    }
}
