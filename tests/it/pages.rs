//! Conditional reads and the page cache, over HTTP: a 304 while nothing changed, outside
//! the rate limit; a new page after any write; the same answers with the cache off.

use std::num::NonZeroU32;

use livechat::server::ServerConfig;
use livechat::server::limits::RateLimits;
use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_NONE_MATCH};

use super::support::{ADMIN, AGENT, STRANGER, TestApp, spawn_app, spawn_app_with};

struct Read {
    status: StatusCode,
    tag: Option<String>,
    remaining: Option<String>,
    body: String,
}

async fn read(app: &TestApp, base: &str, path: &str, profile: &str, holding: Option<&str>) -> Read {
    let mut call = app.http.get(format!("{base}{path}")).bearer_auth(app.token(profile));
    if let Some(tag) = holding {
        call = call.header(IF_NONE_MATCH, tag);
    }
    let answer = call.send().await.unwrap();
    let header = |name: &str| answer.headers().get(name).map(|v| v.to_str().unwrap().to_string());
    let (tag, remaining) = (header(ETAG.as_str()), header("ratelimit-remaining"));
    let status = answer.status();
    Read { status, tag, remaining, body: answer.text().await.unwrap() }
}

/// The pages clients poll; those that depend on the clock are tagged per second.
const PAGES: [&str; 7] = [
    "/v1/requests",
    "/v1/requests?state=all&limit=5",
    "/v1/requests/backlog",
    "/v1/members",
    "/v1/stats",
    "/v1/stats/series?since=2d",
    "/v1/stats/members",
];

/// Reads `path`, then asks again holding its tag: the second answer, once both fell in
/// the same second (a page of figures moves with the clock).
async fn revalidate(app: &TestApp, path: &str, profile: &str) -> (Read, Read) {
    for _ in 0..5 {
        let first = read(app, &app.url, path, profile, None).await;
        assert_eq!(first.status, StatusCode::OK, "{path}: {}", first.body);
        let again = read(app, &app.url, path, profile, first.tag.as_deref()).await;
        if again.status == StatusCode::NOT_MODIFIED {
            return (first, again);
        }
        assert_eq!(again.status, StatusCode::OK, "{path}");
        assert_ne!(again.tag, first.tag, "{path}: a 200 to a caller holding the current tag");
    }
    panic!("{path} never answered 304 to its own tag");
}

#[tokio::test]
async fn a_held_page_is_not_modified_until_any_write_and_costs_no_rate_limit() {
    let config = ServerConfig {
        rate_limits: RateLimits { per_token: NonZeroU32::new(30), ..RateLimits::OFF },
        ..ServerConfig::default()
    };
    let Some(app) = spawn_app_with(config) else { return };
    let id = app.new_request().await;
    let show = format!("/v1/requests/{id}");
    for path in PAGES.iter().copied().chain([show.as_str()]) {
        let (first, again) = revalidate(&app, path, AGENT).await;
        assert!(first.tag.as_deref().is_some_and(|t| t.starts_with('"')), "{path}");
        assert_eq!((again.tag, again.body.as_str()), (first.tag, ""), "{path}: a 304 has no body");
    }

    // The queue, held by the admin: a hundred revalidations, and the budget is untouched.
    let first = read(&app, &app.url, "/v1/requests", ADMIN, None).await;
    let tag = first.tag.clone().unwrap();
    for _ in 0..100 {
        let again = read(&app, &app.url, "/v1/requests", ADMIN, Some(&tag)).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    }
    let counted = read(&app, &app.url, "/v1/requests", ADMIN, None).await;
    let left = |r: &Read| r.remaining.as_deref().unwrap().parse::<u32>().unwrap();
    assert_eq!(left(&counted), left(&first) - 1, "only the two full answers were counted");
    assert!(app.metrics().await.contains("livechat_not_modified_total"));

    // Someone else's tag, or another organization's, is not the caller's page.
    assert_eq!(read(&app, &app.url, "/v1/requests", AGENT, Some(&tag)).await.status, StatusCode::OK);
    assert_eq!(read(&app, &app.url, "/v1/requests", STRANGER, Some(&tag)).await.status, StatusCode::OK);

    // Any write moves the page on: a visitor's message, a note, a member going away.
    let writes: [(&str, &[&str]); 3] = [
        ("a new request", &[]),
        ("a note", &["notes", "add", "-", "--body", "called back"]),
        ("a presence", &["members", "presence", "away"]),
    ];
    let mut held = tag;
    for (what, args) in writes {
        let id = app.new_request().await.to_string();
        if !args.is_empty() {
            let mut line = vec!["--profile", AGENT];
            line.extend(args.iter().map(|a| if *a == "-" { id.as_str() } else { a }));
            app.cli(&line).success();
        }
        let after = read(&app, &app.url, "/v1/requests", ADMIN, Some(&held)).await;
        assert_eq!(after.status, StatusCode::OK, "after {what}");
        assert!(after.body.contains(&format!("\"id\":{id},")), "after {what}: {}", after.body);
        held = after.tag.unwrap();
    }
}

#[tokio::test]
async fn the_page_cache_gives_what_a_server_without_it_gives() {
    let Some(app) = spawn_app() else { return };
    let uncached = app.sibling(ServerConfig { page_cache_bytes: 0, ..ServerConfig::default() });
    let first = app.new_request().await;
    let still = ["/v1/requests", "/v1/requests?state=all", "/v1/members"];
    let show = format!("/v1/requests/{first}");
    let compare = |step: &'static str| {
        let app = &app;
        let uncached = uncached.clone();
        let show = show.clone();
        async move {
            for path in still.iter().copied().chain([show.as_str()]) {
                for _ in 0..2 {
                    let cached = read(app, &app.url, path, ADMIN, None).await;
                    let plain = read(app, &uncached, path, ADMIN, None).await;
                    assert_eq!(cached.status, StatusCode::OK, "{step} {path}");
                    assert_eq!(cached.body, plain.body, "{step}: {path} from the cache");
                    assert_eq!(cached.tag, plain.tag, "{step}: {path}'s tag");
                }
            }
        }
    };
    compare("at first").await;
    let agent = app.member(AGENT).email.clone();
    app.cli(&["requests", "assign", &first.to_string(), "--to", &agent]).success();
    compare("after an assignment").await;
    app.cli(&["--profile", AGENT, "notes", "add", &first.to_string(), "--body", "on it"]).success();
    app.cli(&["requests", "label", "add", &first.to_string(), "vip"]).success();
    compare("after a note and a label").await;
    app.cli(&["--profile", AGENT, "requests", "resolve", &first.to_string()]).success();
    app.new_request().await;
    compare("after a resolution and a new request").await;
    let metrics = app.metrics().await;
    let hits = metrics.lines().find(|l| l.starts_with("livechat_page_cache_hits_total")).unwrap();
    assert_ne!(hits, "livechat_page_cache_hits_total 0", "the second read of each page came from the cache");
}
