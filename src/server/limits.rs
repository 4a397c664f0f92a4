//! Rate limits, on governor's keyed limiters: per client address and per bot on the
//! visitors' public endpoints, per token on the members' API. A refusal is a 429 in our error
//! shape with `Retry-After`, counted in the metrics. Limits are kept per server. Every call
//! with a token is answered with what is left of its budget (`RateLimit-Limit`,
//! `RateLimit-Remaining`, `RateLimit-Reset`), so a client can pace itself instead of
//! meeting 429s.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use axum::extract::{FromRequestParts, MatchedPath, State as AxumState};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap, HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sha2::{Digest, Sha256};

use super::AppState;
use super::error::ApiError;
use super::live::PeerAddr;
use crate::api::ErrorCode;
use crate::store::{Audit, OriginCap};

/// Calls allowed per minute (each also the burst a quiet client may spend at once), and the
/// open requests one address may hold; `None` turns a limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    pub per_address: Option<NonZeroU32>,
    pub per_bot: Option<NonZeroU32>,
    pub per_token: Option<NonZeroU32>,
    pub open_per_address: Option<NonZeroU32>,
}

impl RateLimits {
    pub const OFF: RateLimits =
        RateLimits { per_address: None, per_bot: None, per_token: None, open_per_address: None };
}

/// Which proxies' `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(pub Vec<IpAddr>);

impl TrustedProxies {
    /// The client's address: the connection's, unless it comes from a trusted proxy, in which
    /// case the nearest address in `X-Forwarded-For` that is not one of ours.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.0.contains(&peer) {
            return peer;
        }
        let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
        let hops: Vec<IpAddr> = forwarded.flat_map(|v| v.split(',')).filter_map(|h| h.trim().parse().ok()).collect();
        hops.into_iter().rev().find(|hop| !self.0.contains(hop)).unwrap_or(peer)
    }
}

/// The client's address as the trusted-proxy rule decides it; `None` when the call came
/// without a socket (in-process callers).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<IpAddr>);

impl ClientAddr {
    pub fn of(state: &AppState, extensions: &Extensions, headers: &HeaderMap) -> ClientAddr {
        let peer = extensions.get::<PeerAddr>().copied();
        ClientAddr(peer.map(|PeerAddr(peer)| state.config.trusted_proxies.client(peer, headers)))
    }
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr::of(state, &parts.extensions, &parts.headers))
    }
}

impl ClientAddr {
    /// The address's cap on open requests, if one applies.
    pub fn open_cap(&self, state: &AppState) -> Option<OriginCap> {
        let most_open = state.config.rate_limits.open_per_address?;
        Some(OriginCap { digest: self.digest()?, most_open: most_open.get() })
    }

    /// The address as the store keeps it: only enough of its SHA-256 to tell addresses apart.
    pub fn digest(&self) -> Option<[u8; 16]> {
        let digest = Sha256::digest(self.0?.to_string().as_bytes());
        let mut short = [0u8; 16];
        short.copy_from_slice(&digest[..16]);
        Some(short)
    }

    /// A change made from this address by nobody signed in yet, for the audit log.
    pub fn audit(&self) -> Audit {
        Audit { actor: None, address: self.digest() }
    }
}

/// A limiter that also says how much of the budget a call left.
type BudgetLimiter<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock, StateInformationMiddleware>;

pub struct Limiters {
    address: Option<DefaultKeyedRateLimiter<IpAddr>>,
    bot: Option<DefaultKeyedRateLimiter<String>>,
    token: Option<(BudgetLimiter<[u8; 32]>, NonZeroU32)>,
}

fn keyed<K: std::hash::Hash + Eq + Clone>(per_minute: Option<NonZeroU32>) -> Option<DefaultKeyedRateLimiter<K>> {
    per_minute.map(|n| RateLimiter::dashmap(Quota::per_minute(n)))
}

impl Limiters {
    pub fn new(limits: RateLimits) -> Limiters {
        let token = limits.per_token.map(|n| (RateLimiter::dashmap(Quota::per_minute(n)).with_middleware(), n));
        Limiters { address: keyed(limits.per_address), bot: keyed(limits.per_bot), token }
    }
}

/// What a token's call left of its budget: calls per minute, calls left now, and seconds
/// until one more is allowed when none are.
struct Budget {
    limit: u32,
    remaining: u32,
    reset: u64,
}

impl Budget {
    fn write(&self, headers: &mut HeaderMap) {
        for (name, value) in [
            ("ratelimit-limit", self.limit.into()),
            ("ratelimit-remaining", self.remaining.into()),
            ("ratelimit-reset", self.reset),
        ] {
            headers.insert(name, HeaderValue::from(value));
        }
    }
}

/// Spends one call of `key`'s budget: what is left, or how long until a call is allowed.
fn spend(limiter: &(BudgetLimiter<[u8; 32]>, NonZeroU32), key: &[u8; 32]) -> Result<Budget, (Budget, Duration)> {
    let (limiter, per_minute) = limiter;
    let limit = per_minute.get();
    // One call's share of the minute, rounded up: the wait for the next once none are left.
    let interval = 60_u64.div_ceil(u64::from(limit));
    match limiter.check_key(key) {
        Ok(state) => {
            let remaining = state.remaining_burst_capacity();
            Ok(Budget { limit, remaining, reset: if remaining == 0 { interval } else { 0 } })
        }
        Err(not_until) => {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            let reset = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            Err((Budget { limit, remaining: 0, reset }, wait))
        }
    }
}

/// How long until `limiter` lets `key` through again, if it does not now.
fn refused<K: std::hash::Hash + Eq + Clone>(limiter: &Option<DefaultKeyedRateLimiter<K>>, key: &K) -> Option<Duration> {
    let limiter = limiter.as_ref()?;
    limiter.check_key(key).err().map(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
}

fn too_many(state: &AppState, limit: &'static str, wait: Duration) -> Response {
    state.metrics.rate_limited(limit);
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let message = match limit {
        "address" => "too many calls from your address",
        "bot" => "this bot is taking too many new requests",
        _ => "too many calls with this token",
    };
    let mut response =
        ApiError::new(ErrorCode::RateLimited, format!("{message}; try again in {seconds}s")).into_response();
    if let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// Applies the limits that fit the call's route, before the call does any work.
pub async fn limit(
    AxumState(state): AxumState<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let limiters = &state.limiters;
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string()).unwrap_or_default();
    // Accepting an invitation carries no token either: its code is the credential.
    // Nor does signing in to the dashboard: its code is the credential.
    let public_write = request.method() == Method::POST
        && (route.starts_with("/v1/public/") || route == "/v1/invitations/accept" || route == "/v1/dashboard/session");
    if public_write {
        if let ClientAddr(Some(client)) = ClientAddr::of(&state, request.extensions(), request.headers()) {
            if let Some(wait) = refused(&limiters.address, &client) {
                return too_many(&state, "address", wait);
            }
        }
        if route == "/v1/public/bots/{bot}/requests" {
            let bot = request.uri().path().split('/').nth(4).unwrap_or_default().to_string();
            if let Some(wait) = refused(&limiters.bot, &bot) {
                return too_many(&state, "bot", wait);
            }
        }
    }
    let mut budget = None;
    if !public_write
        && let Some(token) = super::auth::credential(request.method(), request.uri().path(), request.headers())
        && let Some(limiter) = &limiters.token
    {
        match spend(limiter, &super::auth::hash_token(token)) {
            Ok(left) => budget = Some(left),
            Err((left, wait)) => {
                let mut response = too_many(&state, "token", wait);
                left.write(response.headers_mut());
                return response;
            }
        }
    }
    let client = ClientAddr::of(&state, request.extensions(), request.headers());
    let mut response = next.run(request).await;
    if let Some(budget) = budget {
        budget.write(response.headers_mut());
    }
    // A refused credential counts against its address like a visitor's call, so guessing
    // tokens or keys soon meets 429; a valid one never counts.
    if response.status() == axum::http::StatusCode::UNAUTHORIZED
        && let ClientAddr(Some(client)) = client
        && let Some(wait) = refused(&limiters.address, &client)
    {
        return too_many(&state, "address", wait);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let trusted = TrustedProxies(vec![proxy]);
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 203.0.113.9, 10.0.0.2"));
        assert_eq!(trusted.client(proxy, &headers), "203.0.113.9".parse::<IpAddr>().unwrap());
        let stranger: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(trusted.client(stranger, &headers), stranger, "a client cannot name its own address");
        assert_eq!(TrustedProxies::default().client(proxy, &headers), proxy);
    }
}
