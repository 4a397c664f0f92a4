//! Bearer-token authentication. Tokens are random, so a SHA-256 digest is enough to store
//! and look them up; the plain token is shown once, when it is made.

use crate::store::{MemberId, OrgId};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng;
use sha2::{Digest, Sha256};

use super::AppState;
use super::error::ApiError;
use super::limits::ClientAddr;
use crate::api::Me;
use crate::domain::Actor;
use crate::store::{Audit, Authenticated};

/// Makes a new random token with a recognisable prefix, and its digest.
pub fn new_token(prefix: &str) -> (String, [u8; 32]) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes));
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// How long a token's member stays remembered: a busy client's calls then cost no database
/// read to authenticate. A change to a member on this server forgets them at once; on other
/// replicas it shows within this long.
const REMEMBER_FOR: Duration = Duration::from_secs(1);
/// More tokens than this in use at once, and the cache starts over.
const MOST_REMEMBERED: usize = 10_000;

/// Members by the hash of a token they called with, for `REMEMBER_FOR`.
#[derive(Default)]
pub struct AuthCache {
    members: Mutex<HashMap<[u8; 32], (Instant, Authenticated)>>,
}

impl AuthCache {
    fn get(&self, hash: &[u8; 32]) -> Option<Authenticated> {
        let members = self.members.lock().unwrap_or_else(|e| e.into_inner());
        members.get(hash).filter(|(at, _)| at.elapsed() < REMEMBER_FOR).map(|(_, me)| me.clone())
    }

    fn put(&self, hash: [u8; 32], me: Authenticated) {
        let mut members = self.members.lock().unwrap_or_else(|e| e.into_inner());
        if members.len() >= MOST_REMEMBERED {
            members.clear();
        }
        members.insert(hash, (Instant::now(), me));
    }

    /// Forgets every member: one of them changed.
    pub fn forget(&self) {
        self.members.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// The dashboard's session cookie: a short-lived token the browser keeps where the page's
/// scripts cannot read it.
pub const SESSION_COOKIE: &str = "livechat_session";
/// How a dashboard session's token begins: it is taken from the cookie only, never as a
/// bearer token, so a session's value is no API credential anywhere else.
pub const SESSION_PREFIX: &str = "lcs_";

/// What the dashboard reads; the session cookie opens nothing else.
fn dashboard_reads(path: &str) -> bool {
    matches!(path, "/v1/me" | "/v1/requests/backlog" | "/v1/events" | "/v1/stats") || path.starts_with("/v1/stats/")
}

/// The token a call authenticates with: its bearer token, or the dashboard's session cookie
/// on a call that reads what the dashboard shows (GET or HEAD). Cookies never authorize a
/// change, so no page on another site can make one with them, even where `SameSite` is
/// not honoured.
pub fn credential<'a>(method: &Method, path: &str, headers: &'a HeaderMap) -> Option<&'a str> {
    if let Some(header) = headers.get(AUTHORIZATION) {
        return bearer_token(header);
    }
    if (method != Method::GET && method != Method::HEAD) || !dashboard_reads(path) {
        return None;
    }
    // `name=value` pairs split by `;` (RFC 6265); a session's value is a token, never quoted.
    headers.get_all(COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == SESSION_COOKIE && value.starts_with(SESSION_PREFIX)).then_some(value)
    })
}

/// The token of an `Authorization: Bearer <token>` header.
pub fn bearer_token(header: &HeaderValue) -> Option<&str> {
    let value = header.to_str().ok()?;
    let token = value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer "))?.trim();
    (!token.is_empty()).then_some(token)
}

/// The authenticated member making an API call, the id of the token they called with, and
/// where they called from.
pub struct Caller(pub Me, pub i64, pub ClientAddr);

/// A caller that a middleware of this same call authenticated already: the handler's
/// `Caller` takes it instead of looking the token up again.
#[derive(Clone)]
struct Verified(Me, i64);

impl Caller {
    pub fn org_id(&self) -> OrgId {
        OrgId(self.0.organization.id)
    }

    pub fn member_id(&self) -> i64 {
        self.0.member.id
    }

    /// The caller as the store names a member.
    pub fn member(&self) -> MemberId {
        MemberId(self.0.member.id)
    }

    /// The caller as the audit log records them.
    pub fn audit(&self) -> Audit {
        Audit { actor: Some(self.member()), address: self.2.digest() }
    }

    /// Keeps this caller for the handler of the same call.
    pub fn keep(&self, extensions: &mut axum::http::Extensions) {
        extensions.insert(Verified(self.0.clone(), self.1));
    }

    pub fn actor(&self) -> Actor {
        Actor { member_id: self.0.member.id, role: self.0.member.role, admin_of_bots: self.0.member.bot_ids.clone() }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(Verified(me, token_id)) = parts.extensions.remove::<Verified>() {
            return Ok(Caller(me, token_id, ClientAddr::of(state, &parts.extensions, &parts.headers)));
        }
        if parts.headers.get(AUTHORIZATION).and_then(bearer_token).is_some_and(|t| t.starts_with(SESSION_PREFIX)) {
            return Err(ApiError::unauthorized(
                "a dashboard session works in the dashboard only; make a token with `livechat auth tokens create`",
            ));
        }
        let token = credential(&parts.method, parts.uri.path(), &parts.headers).ok_or_else(|| {
            match parts.headers.get(AUTHORIZATION) {
                Some(_) => ApiError::unauthorized("the Authorization header must read `Bearer <token>`"),
                None => ApiError::unauthorized(
                    "this endpoint needs a token: send the header `Authorization: Bearer <token>`",
                ),
            }
        })?;
        let hash = hash_token(token);
        let address = ClientAddr::of(state, &parts.extensions, &parts.headers);
        if let Some(known) = state.auth_cache.get(&hash) {
            return Ok(Caller(known.me, known.token_id, address));
        }
        let known =
            state.store.authenticate(hash, jiff::Timestamp::now()).await?.ok_or_else(|| {
                ApiError::unauthorized("the token is not valid: it may be mistyped, expired or revoked")
            })?;
        state.auth_cache.put(hash, known.clone());
        Ok(Caller(known.me, known.token_id, address))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_prefixed_and_hash_to_their_digest() {
        let (a, hash_a) = new_token("lc_");
        let (b, _) = new_token("lc_");
        assert!(a.starts_with("lc_") && a.len() == 3 + 43, "{a}");
        assert_ne!(a, b);
        assert_eq!(hash_token(&a), hash_a);
    }
}
