//! Conditional reads and the page cache. The pages that clients poll (the queue, a request,
//! the backlog, the figures and the team) answer with an `ETag` made of the organization's
//! write generation, who asks and what they ask. The generation is read from the store on
//! every call, so the tag is exact across replicas: a write through any server moves it.
//!
//! - `If-None-Match` with the current tag is answered 304 before the rate limit, so it costs
//!   the caller nothing of their budget (as GitHub does).
//! - Otherwise, after the rate limit, a page this server built for the same tag is served
//!   from memory without touching the store again.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, MatchedPath, Request, State as AxumState};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::AppState;
use super::auth::Caller;

/// How a route's answer depends on the clock: never (it changes only with a write), or by
/// the second (it reports ages or a window ending now, cut to whole seconds).
#[derive(Clone, Copy)]
enum Clock {
    Still,
    Seconds,
}

/// The routes answered conditionally, with how their answers depend on the clock.
fn conditional(route: &str, query: Option<&str>) -> Option<Clock> {
    match route {
        "/v1/requests/{id}" | "/v1/members" => Some(Clock::Still),
        // A listing filtered by age moves with the clock; any other only with a write. An
        // escaped query could spell a filter any way, so it counts as one.
        "/v1/requests" => Some(match query {
            Some(q) if q.contains("_than") || q.contains('%') => Clock::Seconds,
            _ => Clock::Still,
        }),
        "/v1/requests/backlog" | "/v1/stats" | "/v1/stats/series" | "/v1/stats/members" => Some(Clock::Seconds),
        _ => None,
    }
}

/// The end of the current second: what a page that depends on the clock is computed at, so
/// that every call in the same second gets the same page, as its tag says. The end, not the
/// start, so that a window ending now holds what happened earlier in this second (anything
/// after this call moves the generation, and so the tag).
pub fn this_second() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    jiff::Timestamp::from_second(now.as_second() + 1).unwrap_or(now)
}

/// What every answer to a conditional read carries: clients keep it, and must ask again.
const REVALIDATE: &str = "private, no-cache";

/// A page's tag, set on the call by `validate` for `serve`.
#[derive(Clone)]
struct Tag(HeaderValue);

/// Answers 304 when the caller already holds the page as it is now; otherwise tags the call
/// for `serve`. Runs before the rate limit.
pub async fn validate(AxumState(state): AxumState<AppState>, request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string());
    let clock = match (request.method(), route) {
        (&Method::GET, Some(route)) => conditional(&route, request.uri().query()),
        _ => None,
    };
    let Some(clock) = clock else { return next.run(request).await };
    let (mut parts, body) = request.into_parts();
    // A call that does not authenticate goes on, to be refused (and counted) as any other.
    let Ok(caller) = Caller::from_request_parts(&mut parts, &state).await else {
        return next.run(Request::from_parts(parts, body)).await;
    };
    let generation = match state.store.generation(caller.org_id()).await {
        Ok(generation) => generation,
        Err(_) => return next.run(Request::from_parts(parts, body)).await,
    };
    let tag = tag_of(generation, &caller, parts.uri.path_and_query().map_or("", |p| p.as_str()), clock);
    if holds(&parts.headers, &tag) {
        state.pages.not_modified();
        return not_modified(tag);
    }
    parts.extensions.insert(Tag(tag));
    caller.keep(&mut parts.extensions);
    next.run(Request::from_parts(parts, body)).await
}

/// Serves a tagged call from the cache, or builds the page and keeps it. Runs after the
/// rate limit, so a page from memory is counted as any call is.
pub async fn serve(AxumState(state): AxumState<AppState>, request: Request, next: Next) -> Response {
    let Some(Tag(tag)) = request.extensions().get::<Tag>().cloned() else { return next.run(request).await };
    let key = tag.as_bytes().to_vec();
    if let Some(page) = state.pages.get(&key) {
        return page.response(tag);
    }
    let mut response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    if !state.pages.keeps_pages() {
        tagged(response.headers_mut(), tag);
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "the page could not be read back").into_response();
    };
    let content_type = parts.headers.get(CONTENT_TYPE).cloned();
    let page = Page { body, content_type };
    state.pages.put(key, page.clone());
    page.response(tag)
}

/// The tag of a page: the generation, the caller as the page depends on them (member, role
/// and bots, as authenticated: a role that changed makes another tag), the path and query,
/// and the second where the page depends on the clock.
fn tag_of(generation: i64, caller: &Caller, path_and_query: &str, clock: Clock) -> HeaderValue {
    let member = &caller.0.member;
    let mut hash = Sha256::new();
    hash.update(generation.to_le_bytes());
    hash.update(caller.org_id().0.to_le_bytes());
    hash.update(member.id.to_le_bytes());
    hash.update(member.role.as_str());
    for bot in &member.bot_ids {
        hash.update(bot.to_le_bytes());
    }
    hash.update(path_and_query.as_bytes());
    if let Clock::Seconds = clock {
        hash.update(jiff::Timestamp::now().as_second().to_le_bytes());
    }
    let digest = hash.finalize();
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("\"{hex}\"")).expect("hex in quotes is a valid header value")
}

/// Whether `If-None-Match` names the tag (or any tag, `*`).
fn holds(headers: &HeaderMap, tag: &HeaderValue) -> bool {
    let tag = tag.to_str().unwrap_or_default();
    headers.get_all(IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|t| {
        let t = t.trim();
        t == "*" || t.strip_prefix("W/").unwrap_or(t) == tag
    })
}

/// Marks an answer with its page's tag, to be asked for again each time.
fn tagged(headers: &mut HeaderMap, tag: HeaderValue) {
    headers.insert(ETAG, tag);
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
}

fn not_modified(tag: HeaderValue) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    tagged(response.headers_mut(), tag);
    response
}

#[derive(Clone)]
struct Page {
    body: Bytes,
    content_type: Option<HeaderValue>,
}

impl Page {
    fn response(&self, tag: HeaderValue) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        let headers = response.headers_mut();
        if let Some(content_type) = &self.content_type {
            headers.insert(CONTENT_TYPE, content_type.clone());
        }
        tagged(headers, tag);
        response
    }
}

/// Pages by tag, within a budget of bytes; the oldest go first. A tag names a generation,
/// so a page is never stale, only unreachable once a write moves the generation on, and
/// first in line to go.
pub struct PageCache {
    budget: usize,
    held: Mutex<Held>,
    counts: PageCounts,
}

#[derive(Default)]
struct Held {
    pages: HashMap<Vec<u8>, Page>,
    order: VecDeque<Vec<u8>>,
    bytes: usize,
}

/// What `/metrics` reports of conditional reads and the cache; clones count together.
#[derive(Default, Clone)]
pub struct PageCounts {
    pub hits: prometheus_client::metrics::counter::Counter,
    pub misses: prometheus_client::metrics::counter::Counter,
    pub not_modified: prometheus_client::metrics::counter::Counter,
    pub entries: prometheus_client::metrics::gauge::Gauge,
    pub bytes: prometheus_client::metrics::gauge::Gauge,
}

impl PageCache {
    /// A cache of at most `budget` bytes of pages, counted into `counts`; 0 keeps none.
    pub fn new(budget: usize, counts: PageCounts) -> PageCache {
        PageCache { budget, held: Mutex::default(), counts }
    }

    /// Whether the cache keeps anything at all.
    fn keeps_pages(&self) -> bool {
        self.budget > 0
    }

    fn not_modified(&self) {
        self.counts.not_modified.inc();
    }

    fn get(&self, key: &[u8]) -> Option<Page> {
        if !self.keeps_pages() {
            return None;
        }
        let page = self.held.lock().unwrap_or_else(|e| e.into_inner()).pages.get(key).cloned();
        match page {
            Some(_) => self.counts.hits.inc(),
            None => self.counts.misses.inc(),
        };
        page
    }

    fn put(&self, key: Vec<u8>, page: Page) {
        let size = page.body.len() + key.len();
        // A page larger than a tenth of the budget would push out many others for one.
        if size > self.budget / 10 {
            return;
        }
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        if held.pages.contains_key(&key) {
            return;
        }
        while held.bytes + size > self.budget {
            let Some(oldest) = held.order.pop_front() else { break };
            if let Some(gone) = held.pages.remove(&oldest) {
                held.bytes -= gone.body.len() + oldest.len();
            }
        }
        held.bytes += size;
        held.order.push_back(key.clone());
        held.pages.insert(key, page);
        self.counts.entries.set(held.pages.len() as i64);
        self.counts.bytes.set(held.bytes as i64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(bytes: usize) -> Page {
        Page { body: Bytes::from(vec![b'x'; bytes]), content_type: None }
    }

    #[test]
    fn the_cache_keeps_within_its_budget_oldest_out_first() {
        let cache = PageCache::new(1000, PageCounts::default());
        for n in 0..20u8 {
            cache.put(vec![n], page(90));
        }
        let held = cache.held.lock().unwrap();
        assert!(held.bytes <= 1000, "{}", held.bytes);
        assert_eq!(held.pages.len(), 10);
        assert!(held.pages.contains_key(&vec![19]) && !held.pages.contains_key(&vec![9]));
        drop(held);
        cache.put(vec![99], page(200));
        assert!(cache.get(&[99]).is_none(), "a page over a tenth of the budget is not kept");
        assert!(PageCache::new(0, PageCounts::default()).get(&[19]).is_none());
    }

    #[test]
    fn a_tag_is_held_by_name_weakly_or_by_star() {
        let tag = HeaderValue::from_static("\"abc\"");
        let mut headers = HeaderMap::new();
        assert!(!holds(&headers, &tag));
        headers.insert(IF_NONE_MATCH, HeaderValue::from_static("\"x\", W/\"abc\""));
        assert!(holds(&headers, &tag));
        headers.insert(IF_NONE_MATCH, HeaderValue::from_static("\"abcd\""));
        assert!(!holds(&headers, &tag));
        headers.insert(IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(holds(&headers, &tag));
    }
}
