//! Outgoing webhooks against a real local receiver: every event arrives once per id, in
//! order, signed so that the Standard Webhooks reference library accepts it, through the
//! receiver's failures and a server restart.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, StatusCode};
use livechat::server::ServerConfig;
use livechat::server::egress::Egress;
use livechat::store::{Audit, NewWebhook, OrgId};
use serde_json::{Value, json};

use super::support::{ADMIN, AGENT, spawn_app_with};

/// What the receiver was sent: each call's headers and body, failed ones included.
#[derive(Default)]
struct Inbox {
    fail_first: AtomicUsize,
    calls: Mutex<Vec<(HeaderMap, String, StatusCode)>>,
}

impl Inbox {
    /// The calls it took (answered 2xx), in arrival order.
    fn taken(&self) -> Vec<(HeaderMap, String)> {
        let calls = self.calls.lock().unwrap();
        calls.iter().filter(|(_, _, s)| s.is_success()).map(|(h, b, _)| (h.clone(), b.clone())).collect()
    }

    fn failed(&self) -> usize {
        self.calls.lock().unwrap().iter().filter(|(_, _, s)| !s.is_success()).count()
    }
}

/// A receiver on `addr` (port 0 for any) that answers 500 to its first `fail_first` calls.
/// It runs on the test's runtime, which must have threads to spare while the test waits for
/// a CLI process.
async fn receiver(addr: SocketAddr, fail_first: usize) -> (String, Arc<Inbox>) {
    let inbox = Arc::new(Inbox { fail_first: AtomicUsize::new(fail_first), ..Inbox::default() });
    let seen = Arc::clone(&inbox);
    let app = axum::Router::new().fallback(move |headers: HeaderMap, body: String| {
        let inbox = Arc::clone(&seen);
        async move {
            let failing = inbox.fail_first.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
            let status = if failing { StatusCode::INTERNAL_SERVER_ERROR } else { StatusCode::NO_CONTENT };
            inbox.calls.lock().unwrap().push((headers, body, status));
            status
        }
    });
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, inbox)
}

/// The receivers of these tests listen on this machine, which the server refuses unless told.
fn loopback_allowed() -> Egress {
    Egress { allow: vec!["127.0.0.0/8".parse().unwrap()] }
}

/// Visitor `n` sends the web form to the server at `url`, as curl.
fn submit_form(url: &str, bot: i64, n: usize) {
    let form = json!({"name": format!("Visitor {n}"), "message": "hello"});
    let out = std::process::Command::new("curl")
        .args(["-sSf", "--json", &form.to_string(), &format!("{url}/v1/public/bots/{bot}/requests")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let until = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < until, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Checks each call with the specification's reference library, and gives its JSON body.
fn verified(secret: &str, calls: &[(HeaderMap, String)]) -> Vec<Value> {
    let verifier = standardwebhooks::Webhook::new(secret).unwrap();
    calls
        .iter()
        .map(|(headers, body)| {
            verifier.verify(body.as_bytes(), headers).unwrap_or_else(|e| panic!("a bad signature ({e:?}) on {body}"));
            serde_json::from_str(body).unwrap()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_event_arrives_signed_in_order_through_the_receivers_failures() {
    let config = ServerConfig {
        webhook_poll: Duration::from_millis(50),
        webhook_retry_base: Duration::from_millis(50),
        webhook_allow: loopback_allowed(),
        ..ServerConfig::default()
    };
    let Some(app) = spawn_app_with(config) else { return };
    let (url, inbox) = receiver("127.0.0.1:0".parse().unwrap(), 3).await;
    let events = "request.created,request.assigned,request.resolved,message.created";
    let added = app.cli(&["webhooks", "add", &url, "--events", events, "--json"]).success().json();
    let secret = added["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"));
    app.cli(&["--profile", AGENT, "webhooks", "list"]).exit(4);
    let other = app.cli(&["webhooks", "add", &url, "--events", "request.closed", "--bot", &app.community_bot.to_string()]);
    other.success();

    let (id, _) = app.visitor_request(app.help_bot, "Hana Hook").await;
    app.post(&format!("/v1/requests/{id}/assign"), AGENT, json!({"to": "me"})).await.expect(StatusCode::OK);
    app.post(&format!("/v1/requests/{id}/resolve"), AGENT, json!({"note": "sorted"})).await.expect(StatusCode::OK);

    wait_for("five events", || inbox.taken().len() >= 5).await;
    let bodies = verified(&secret, &inbox.taken());
    let types: Vec<&str> = bodies.iter().map(|b| b["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        ["request.created", "message.created", "message.created", "request.assigned", "request.resolved"],
        "in the order they happened, each once"
    );
    assert_eq!(inbox.failed(), 3, "the first three attempts failed and were retried");
    assert_eq!(bodies[0]["data"]["id"], id);
    assert_eq!(bodies[1]["data"]["message"]["body"], "I need a person");
    assert_eq!(bodies[3]["data"]["assignee"]["email"], "agent@fixture.test");
    assert_eq!(bodies[4]["data"]["state"], "resolved");
    let ids: Vec<String> =
        inbox.taken().iter().map(|(h, _)| h["webhook-id"].to_str().unwrap().to_string()).collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "every event has its own id");
    for id in &ids {
        // Opaque: a counter here would tell the receiver how many deliveries the server made.
        let hex = id.strip_prefix("msg_").unwrap_or_default();
        assert!(hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    }
    assert_eq!(bodies[1]["data"]["message"]["request_id"], id, "a message names its request by number");

    // The failed attempts are on record; the test event reports how the receiver answered.
    let deliveries = app.cli(&["webhooks", "deliveries", "--json"]).success().json();
    let first = deliveries.as_array().unwrap().iter().find(|d| d["event_id"] == ids[0].as_str()).unwrap();
    assert_eq!((first["state"].clone(), first["attempts"].clone()), (json!("delivered"), json!(4)));
    let tested = app.cli(&["webhooks", "test", &added["id"].to_string()]).success();
    assert!(tested.stderr.contains("took the test event (204)"), "{tested:?}");
    assert_eq!(verified(&secret, &inbox.taken()).last().unwrap()["type"], "webhook.test");

    // The hook for request.closed on the community bot heard nothing of the Help bot.
    assert!(inbox.taken().iter().all(|(_, b)| !b.contains("request.closed")));

    // Redelivering sends the same event, with the same id, again.
    let delivery = first["id"].to_string();
    app.cli(&["webhooks", "redeliver", &delivery]).success();
    wait_for("the redelivery", || inbox.taken().len() >= 7).await;
    assert_eq!(inbox.taken().last().unwrap().0["webhook-id"], ids[0].as_str());

    // Removing the hook stops it; another organization sees none of this.
    let strangers = app.get("/v1/webhooks", super::support::STRANGER).await.expect(StatusCode::OK);
    assert_eq!(strangers["items"], json!([]));
    app.cli(&["webhooks", "remove", &added["id"].to_string()]).success();
    let before = inbox.taken().len();
    app.visitor_request(app.help_bot, "After Removal").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(inbox.taken().len(), before);
    let answer = app.get("/v1/webhooks", ADMIN).await.expect(StatusCode::OK);
    assert_eq!(answer["items"].as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deliveries_wait_in_the_database_through_a_restart_and_none_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mut server) = super::support::seeded_server(dir.path(), &[("new", 0)]) else { return };
    // A port nobody listens on yet: every attempt fails at once until the receiver starts.
    let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let url = format!("http://{addr}/hooks");
    let added = server.cli(dir.path(), &["webhooks", "add", &url, "--events", "request.created", "--json"], None);
    let secret = added.success().json()["secret"].as_str().unwrap().to_string();
    let bot = server.get("/v1/bots")["items"][0]["id"].as_i64().unwrap();
    for n in 0..3 {
        submit_form(&server.url, bot, n);
    }
    // Once the first attempt has failed, the server goes down with all three undelivered.
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        let failed = server.get("/v1/webhooks/deliveries?failed=true");
        if let Some(first) = failed["items"].as_array().unwrap().first() {
            // A category, not the socket's words: a closed port reads as a closed connection.
            assert_eq!(first["last_error"], "connection failed: the receiver could not be reached", "{first}");
            break;
        }
        assert!(Instant::now() < until, "no attempt was made");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.kill();
    let (_, inbox) = receiver(addr, 0).await;
    server.restart();
    wait_for("three deliveries after the restart", || inbox.taken().len() >= 3).await;
    let bodies = verified(&secret, &inbox.taken());
    let names: Vec<&str> = bodies.iter().map(|b| b["data"]["title"].as_str().unwrap()).collect();
    assert_eq!(names, ["Visitor 0", "Visitor 1", "Visitor 2"], "all of them, in order");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_database_deliver_each_event_once() {
    let dir = tempfile::tempdir().unwrap();
    let Some(first) = super::support::seeded_server(dir.path(), &[("new", 0)]) else { return };
    let second = first.replica(None, &[]);
    let (url, inbox) = receiver("127.0.0.1:0".parse().unwrap(), 0).await;
    let added = first.cli(dir.path(), &["webhooks", "add", &url, "--events", "request.created", "--json"], None);
    let secret = added.success().json()["secret"].as_str().unwrap().to_string();
    let bot = first.get("/v1/bots")["items"][0]["id"].as_i64().unwrap();
    // Fewer than one address may hold open at once (`--max-open-per-address`).
    for n in 0..8 {
        let server = if n % 2 == 0 { &first } else { &second };
        submit_form(&server.url, bot, n);
    }
    wait_for("eight deliveries", || inbox.taken().len() >= 8).await;
    // Both servers look for due deliveries all along; give a duplicate time to show.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let bodies = verified(&secret, &inbox.taken());
    let mut ids: Vec<String> =
        inbox.taken().iter().map(|(h, _)| h["webhook-id"].to_str().unwrap().to_string()).collect();
    assert_eq!(bodies.len(), 8, "each event once, not once per server");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8);
}

/// Regression: org admins added webhooks to `localhost`, `127.1`, `2130706433` and
/// `0x7f000001`, all delivered; `169.254.169.254` was accepted; `webhooks test` told
/// "connection refused" from "connection closed", which scans ports.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_reach_only_public_addresses_and_failures_name_a_category() {
    let config = ServerConfig { webhook_poll: Duration::from_millis(50), ..ServerConfig::default() };
    let Some(app) = spawn_app_with(config) else { return };
    let (url, inbox) = receiver("127.0.0.1:0".parse().unwrap(), 0).await;
    let port = url.split(':').nth(2).unwrap().split('/').next().unwrap().to_string();
    for host in ["127.0.0.1", "localhost", "127.1", "2130706433", "0x7f000001", "0177.0.0.1", "169.254.169.254", "10.0.0.7", "0.0.0.0"] {
        let target = format!("http://{host}:{port}/hooks");
        let refused = app.cli(&["webhooks", "add", &target, "--events", "request.created"]).exit(2);
        assert!(refused.stderr.contains("webhooks go only to public addresses"), "{host}: {refused:?}");
    }
    // A hook stored before these rules (or a name that resolves inside later) is refused
    // when the server connects, by name and by address, and the receiver hears nothing.
    let org = OrgId(app.get("/v1/me", ADMIN).await.expect(StatusCode::OK)["organization"]["id"].as_i64().unwrap());
    let hook = |host: &str| NewWebhook {
        url: format!("http://{host}:{port}/hooks"),
        events: vec![livechat::api::WebhookEvent::RequestCreated],
        bot_id: None,
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into(),
    };
    for host in ["localhost", "127.0.0.1"] {
        let id = app.state.store.add_webhook(org, hook(host), Audit::SERVER).await.unwrap().id;
        let tested = app.cli(&["webhooks", "test", &id.to_string()]).exit(1);
        assert!(tested.stderr.contains("refused: 127.0.0.1 is a loopback address"), "{host}: {tested:?}");
    }
    // A real event to the name is refused the same way, and waits to be tried again. (Its own
    // hook: each hook's deliveries go in order, so the test events above stand in line first.)
    let by_name = app.state.store.add_webhook(org, hook("localhost"), Audit::SERVER).await.unwrap().id;
    app.visitor_request(app.help_bot, "Rebinding Rita").await;
    let path = format!("/v1/webhooks/deliveries?webhook={by_name}&failed=true");
    let until = Instant::now() + Duration::from_secs(20);
    let refused = loop {
        let page = app.get(&path, ADMIN).await.expect(StatusCode::OK);
        let event = page["items"].as_array().unwrap().iter().find(|d| d["event_type"] == "request.created").cloned();
        if let Some(event) = event {
            break event;
        }
        assert!(Instant::now() < until, "the event was never tried: {page}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(refused["state"], "pending", "{refused}");
    assert_eq!(refused["last_status"], Value::Null, "{refused}");
    assert!(refused["last_error"].as_str().unwrap().starts_with("refused: "), "{refused}");
    assert!(inbox.taken().is_empty() && inbox.failed() == 0, "nothing reached the receiver");
}

/// Routing's assignments are assignments like any other: a hook hears them, stats count
/// them for the member, and the archive records who made them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_routed_assignment_reaches_hooks_stats_and_exports_as_any_assignment_does() {
    let config = ServerConfig {
        webhook_poll: Duration::from_millis(50),
        webhook_allow: loopback_allowed(),
        ..ServerConfig::default()
    };
    let Some(app) = spawn_app_with(config) else { return };
    let (url, inbox) = receiver("127.0.0.1:0".parse().unwrap(), 0).await;
    let added = app.cli(&["webhooks", "add", &url, "--events", "request.assigned", "--json"]).success().json();
    let secret = added["secret"].as_str().unwrap().to_string();
    // Of the online members, only the agent has room.
    app.cli(&["members", "capacity", "--default", "1"]).success();
    app.cli(&["members", "capacity", "botadmin@fixture.test", "0"]).success();
    app.cli(&["routing", "set", &app.help_bot.to_string(), "--mode", "round-robin"]).success();

    let (id, _) = app.visitor_request(app.help_bot, "Rita Routed").await;
    wait_for("the routed assignment's hook", || !inbox.taken().is_empty()).await;
    let bodies = verified(&secret, &inbox.taken());
    assert_eq!((bodies[0]["type"].clone(), bodies[0]["data"]["id"].clone()), (json!("request.assigned"), json!(id)));
    assert_eq!(bodies[0]["data"]["assignee"]["email"], "agent@fixture.test");

    let stats = app.cli(&["stats", "members", "--since", "1h", "--json"]).success().json();
    let agent = stats["members"].as_array().unwrap().iter().find(|m| m["member"]["email"] == "agent@fixture.test");
    assert_eq!(agent.unwrap()["assigned"], 1, "{stats}");
    let exported = app.cli(&["requests", "export", "--state", "assigned"]).success();
    let record: Value = exported.stdout.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).find(|r| r["id"] == id).unwrap();
    let routed: Vec<&Value> = record["timeline"].as_array().unwrap().iter().filter(|e| e["to"] == "assigned").collect();
    assert_eq!(routed.len(), 1);
    assert_eq!(routed[0]["actor"], json!({"kind": "routing"}));
}
