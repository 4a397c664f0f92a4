//! Several `livechat server run` processes on one PostgreSQL behave as one server: live
//! updates and reconnects cross replicas, background work happens once, races have one
//! winner, and a replica that dies or loses its database costs no acknowledged change.

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eventsource_stream::{Event, Eventsource};
use futures_util::{Stream, StreamExt};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Backend, CliOutput, FileServer};

type Events = Pin<Box<dyn Stream<Item = Result<Event, String>> + Send>>;

/// Two servers on one freshly seeded PostgreSQL schema; `None` (said loudly) without one.
fn pair(dir: &std::path::Path, counts: &[(&str, u64)], extra: &[&str]) -> Option<(FileServer, FileServer)> {
    let a = FileServer::seeded(Backend::Postgres, dir, counts)?;
    let b = a.replica(None, extra);
    Some((a, b))
}

async fn stream(base: &str, path: &str, token: Option<&str>, last_id: Option<&str>) -> Events {
    let mut req = livechat::client::http().get(format!("{base}{path}"));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(id) = last_id {
        req = req.header("last-event-id", id);
    }
    let resp = req.send().await.unwrap();
    assert!(resp.status().is_success(), "GET {path}: {}", resp.status());
    Box::pin(resp.bytes_stream().eventsource().map(|e| e.map_err(|e| e.to_string())))
}

/// Reads events until one whose data contains `needle`; returns everything read.
async fn until(events: &mut Events, needle: &str) -> Vec<Event> {
    let mut seen = Vec::new();
    loop {
        let event = tokio::time::timeout(Duration::from_secs(10), events.next())
            .await
            .unwrap_or_else(|_| panic!("no `{needle}` within 10 seconds; saw {seen:?}"))
            .expect("the stream ended")
            .expect("the stream broke");
        let done = event.data.contains(needle);
        seen.push(event);
        if done {
            return seen;
        }
    }
}

async fn call(
    base: &str,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = livechat::client::http().request(method, format!("{base}{path}"));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status();
    (status, serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap_or(Value::Null))
}

async fn post(base: &str, path: &str, token: Option<&str>, body: Value) -> Value {
    let (status, body) = call(base, reqwest::Method::POST, path, token, Some(body)).await;
    assert!(status.is_success(), "POST {path}: {status} {body}");
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chat_and_the_queue_cross_replicas_and_reconnects_move_between_them() {
    let dir = tempfile::tempdir().unwrap();
    let Some((a, b)) = pair(dir.path(), &[("new", 2)], &[]) else { return };
    let agent = a.token_of("agent1@bench.test");
    let bot = a.get("/v1/bots")["items"][0]["id"].as_i64().unwrap();
    // The queue stream on B sees a request the visitor opens on A.
    let mut queue = stream(&b.url, "/v1/events", Some(&a.admin), None).await;
    let form = json!({"name": "Rita Replica", "email": "rita@example.com", "message": "Help across servers"});
    let created = post(&a.url, &format!("/v1/public/bots/{bot}/requests"), None, form).await;
    let (id, token) =
        (created["request_id"].as_i64().unwrap(), created["conversation_token"].as_str().unwrap().to_string());
    until(&mut queue, "Rita Replica").await;

    // The agent works on B; the visitor is on A.
    post(&b.url, &format!("/v1/requests/{id}/assign"), Some(&agent), json!({"to": "me"})).await;
    post(&b.url, &format!("/v1/requests/{id}/chat/start"), Some(&agent), json!({})).await;
    let mut visitor = stream(&a.url, &format!("/v1/public/conversations/{token}/events"), None, None).await;
    let mut member = stream(&b.url, &format!("/v1/requests/{id}/events"), Some(&agent), None).await;
    until(&mut visitor, "joined the chat").await;
    until(&mut member, "joined the chat").await;
    post(&b.url, &format!("/v1/requests/{id}/messages"), Some(&agent), json!({"body": "Hello from B"})).await;
    until(&mut visitor, "Hello from B").await;
    post(&a.url, &format!("/v1/public/conversations/{token}/messages"), None, json!({"body": "Hi from A"})).await;
    let seen = until(&mut member, "Hi from A").await;
    let last = seen.last().unwrap().id.clone();
    drop(member);

    // The agent's stream reconnects to A with its last event id: nothing lost or repeated.
    post(&a.url, &format!("/v1/public/conversations/{token}/messages"), None, json!({"body": "while away"})).await;
    let mut resumed = stream(&a.url, &format!("/v1/requests/{id}/events"), Some(&agent), Some(&last)).await;
    post(&b.url, &format!("/v1/requests/{id}/messages"), Some(&agent), json!({"body": "back on A"})).await;
    let after = until(&mut resumed, "back on A").await;
    let bodies: Vec<String> = after
        .iter()
        .filter(|e| e.event == "message")
        .map(|e| serde_json::from_str::<Value>(&e.data).unwrap()["body"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(bodies, ["while away", "back on A"], "resumed exactly after the last event");
}

#[test]
fn two_replicas_sweeping_the_archive_close_each_request_once() {
    let dir = tempfile::tempdir().unwrap();
    // Seeded resolved requests are about 20 hours old: due under a one-hour window, so both
    // replicas sweep them as they start.
    let Some(a) = FileServer::seeded(Backend::Postgres, dir.path(), &[("resolved", 200), ("closed", 5)]) else {
        return;
    };
    let b = a.replica(None, &["--archive-after", "1h"]);
    let c = a.replica(None, &["--archive-after", "1h"]);
    let started = Instant::now();
    while a.get("/v1/requests/backlog")["generated_at"].is_null() || closed_count(&a) < 205 {
        assert!(started.elapsed() < Duration::from_secs(30), "the archive never closed them");
        std::thread::sleep(Duration::from_millis(100));
    }
    let export = a.cli(dir.path(), &["requests", "export", "--state", "closed"], None).success();
    for line in export.stdout.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let closings = record["timeline"].as_array().unwrap().iter().filter(|e| e["to"] == "closed").count();
        assert_eq!(closings, 1, "request {} was closed {closings} times", record["id"]);
    }
    assert_eq!(export.stdout.lines().count(), 205);
    drop((b, c));
}

fn closed_count(server: &FileServer) -> usize {
    let page = server.get("/v1/requests?state=closed&limit=500");
    page["items"].as_array().unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_clients_on_two_replicas_racing_for_300_requests_have_one_winner_each() {
    let dir = tempfile::tempdir().unwrap();
    let Some((a, b)) = pair(dir.path(), &[("new", 300)], &[]) else { return };
    let tokens = agents(&a, 20).await;
    let ids: Vec<i64> = a.get("/v1/requests?state=new&limit=500")["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 300);
    let tasks: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(n, token)| {
            let base = if n % 2 == 0 { a.url.clone() } else { b.url.clone() };
            let mut order = ids.clone();
            order.rotate_left(n * 15);
            tokio::spawn(async move {
                let mut statuses = HashMap::<u16, u32>::new();
                let http = livechat::client::http();
                for id in order {
                    let resp = http
                        .post(format!("{base}/v1/requests/{id}/assign"))
                        .bearer_auth(&token)
                        .json(&json!({"to": "me"}))
                        .send()
                        .await
                        .unwrap();
                    *statuses.entry(resp.status().as_u16()).or_default() += 1;
                }
                statuses
            })
        })
        .collect();
    let mut totals = HashMap::<u16, u32>::new();
    for task in tasks {
        for (status, n) in task.await.unwrap() {
            *totals.entry(status).or_default() += n;
        }
    }
    assert_eq!(totals.get(&200), Some(&300), "one winner per request: {totals:?}");
    assert_eq!(totals.get(&409), Some(&(300 * 19)), "every other attempt a conflict: {totals:?}");
    let assigned = a.cli(dir.path(), &["requests", "export", "--state", "assigned"], None).success();
    let mut winners = BTreeSet::new();
    for line in assigned.stdout.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let takes = record["timeline"].as_array().unwrap().iter().filter(|e| e["to"] == "assigned").count();
        assert_eq!(takes, 1, "request {} was taken {takes} times", record["id"]);
        winners.insert(record["id"].as_i64().unwrap());
    }
    assert_eq!(winners.len(), 300);
}

/// `n` agents with tokens of their own, added through the store.
async fn agents(server: &FileServer, n: usize) -> Vec<String> {
    let location = server.db.location();
    let store = tokio::task::spawn_blocking(move || livechat::store::open(&location)).await.unwrap().unwrap();
    let org = server.seeded["organization"]["id"].as_i64().unwrap();
    let mut tokens = Vec::new();
    for i in 0..n {
        let member = livechat::store::NewMember {
            email: livechat::domain::known_email(&format!("racer{i}@bench.test")),
            name: format!("Racer {i}"),
            role: livechat::domain::Role::Agent,
            bot_ids: vec![],
            presence: livechat::domain::Presence::Online,
        };
        let member =
            store.add_member(livechat::store::OrgId(org), member, livechat::store::Audit::SERVER).await.unwrap();
        let (token, hash) = livechat::server::new_token("lc_");
        store
            .add_token(
                livechat::store::MemberId(member.id),
                livechat::store::NewToken::named(hash, "racer"),
                livechat::store::Audit::SERVER,
            )
            .await
            .unwrap();
        tokens.push(token);
    }
    tokens
}

#[test]
fn a_replica_killed_mid_bulk_loses_no_acknowledged_change_and_the_other_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let Some((mut a, b)) = pair(dir.path(), &[("new", 10_000)], &[]) else { return };
    let args =
        ["--retry-for", "2s", "requests", "assign", "--state", "new", "--to", "agent1@bench.test", "--yes", "--json"];
    let child = a.command(dir.path(), &args).spawn().unwrap();
    let started = Instant::now();
    loop {
        let backlog = b.get("/v1/requests/backlog");
        // Batches of 500 commit whole, and a third is sent only once the first's answer is
        // in: once three have committed, the first was surely confirmed.
        if backlog["assigned"].as_u64().unwrap() >= 1500 {
            assert!(backlog["new"].as_u64().unwrap() > 0, "the bulk assign finished before the kill; make it larger");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the bulk assign never started");
    }
    a.kill(); // SIGKILL
    let first = output(child);
    assert_ne!(first.code, 0, "the client cannot finish against a dead server: {first:?}");
    assert!(first.stderr.contains("unconfirmed (sent, with no answer: the server may have applied them)"), "{first:?}");
    // Every change the dead replica acknowledged is in the database.
    let confirmed: Value = serde_json::from_str(&first.stdout).expect("the confirmed results, as JSON");
    let acknowledged: Vec<i64> = confirmed
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] == "ok")
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert!(!acknowledged.is_empty(), "at least one batch was confirmed before the kill: {first:?}");
    for id in &acknowledged {
        assert_eq!(b.get(&format!("/v1/requests/{id}"))["state"], "assigned", "#{id} was acknowledged");
    }
    // The same command against the surviving replica finishes the job.
    let rest = b.cli(dir.path(), &["requests", "assign", "--state", "new", "--to", "agent1@bench.test", "--yes"], None);
    assert_eq!(rest.code, 0, "{rest:?}");
    let backlog = b.get("/v1/requests/backlog");
    assert_eq!((backlog["new"].as_u64(), backlog["assigned"].as_u64()), (Some(0), Some(10_000)));
    let export = b.cli(dir.path(), &["requests", "export", "--state", "assigned"], None).success();
    for line in export.stdout.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let takes = record["timeline"].as_array().unwrap().iter().filter(|e| e["to"] == "assigned").count();
        assert_eq!(takes, 1, "request {} has a duplicate assignment", record["id"]);
    }
}

fn output(child: std::process::Child) -> CliOutput {
    let out = child.wait_with_output().unwrap();
    CliOutput {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A TCP relay in front of PostgreSQL that can drop every connection and refuse new ones,
/// as a database restart looks to a server.
struct Relay {
    addr: String,
    up: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl Relay {
    fn start(upstream: String) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let up = Arc::new(AtomicBool::new(true));
        let open = Arc::new(Mutex::new(Vec::new()));
        let (up2, open2) = (up.clone(), open.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if !up2.load(Ordering::SeqCst) {
                    continue; // dropped: refused
                }
                let Ok(server) = TcpStream::connect(&upstream) else { continue };
                let mut held = open2.lock().unwrap();
                held.push(client.try_clone().unwrap());
                held.push(server.try_clone().unwrap());
                for (mut from, mut to) in [(client.try_clone().unwrap(), server.try_clone().unwrap()), (server, client)]
                {
                    std::thread::spawn(move || {
                        let mut buf = [0u8; 16384];
                        while let Ok(n) = from.read(&mut buf) {
                            if n == 0 || to.write_all(&buf[..n]).is_err() {
                                break;
                            }
                        }
                        let _ = to.shutdown(Shutdown::Both);
                    });
                }
            }
        });
        Relay { addr, up, open }
    }

    fn down(&self) {
        self.up.store(false, Ordering::SeqCst);
        for stream in self.open.lock().unwrap().drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }

    fn up(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_that_loses_its_database_answers_503_and_recovers_by_itself_streams_included() {
    let dir = tempfile::tempdir().unwrap();
    let Some(direct) = FileServer::seeded(Backend::Postgres, dir.path(), &[("chatting", 1)]) else { return };
    // Replica A reaches the database through a relay this test can cut.
    let url = direct.db.url.clone();
    let host = url.split('@').nth(1).unwrap().split('/').next().unwrap().to_string();
    let relay = Relay::start(host.clone());
    let a = direct.replica(Some(&url.replacen(&host, &relay.addr, 1)), &[]);
    let agent = direct.token_of("agent1@bench.test");
    let chatting = a.get("/v1/requests?state=chatting")["items"][0]["id"].as_i64().unwrap();
    let mut events = stream(&a.url, &format!("/v1/requests/{chatting}/events"), Some(&agent), None).await;
    post(&a.url, &format!("/v1/requests/{chatting}/messages"), Some(&agent), json!({"body": "before"})).await;
    until(&mut events, "before").await;

    relay.down();
    let (status, body) = call(&a.url, reqwest::Method::GET, "/v1/requests", Some(&a.admin), None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["error"]["code"], "unavailable");
    let (ready, _) = call(&a.url, reqwest::Method::GET, "/readyz", None, None).await;
    assert_eq!(ready, StatusCode::SERVICE_UNAVAILABLE, "a load balancer moves traffic away");
    let (live, _) = call(&a.url, reqwest::Method::GET, "/healthz", None, None).await;
    assert_eq!(live, StatusCode::OK, "the process itself is fine");
    // Meanwhile the other replica, still connected, takes a message.
    post(&direct.url, &format!("/v1/requests/{chatting}/messages"), Some(&agent), json!({"body": "during"})).await;

    relay.up();
    let started = Instant::now();
    loop {
        let (status, _) = call(&a.url, reqwest::Method::GET, "/v1/requests", Some(&a.admin), None).await;
        if status == StatusCode::OK {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "replica A never recovered: {status}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The stream opened before the outage delivers what happened during and after it.
    until(&mut events, "during").await;
    post(&a.url, &format!("/v1/requests/{chatting}/messages"), Some(&agent), json!({"body": "after"})).await;
    until(&mut events, "after").await;
}

/// A call that must succeed: its JSON answer.
async fn ok(base: &str, method: reqwest::Method, path: &str, token: Option<&str>, body: Option<Value>) -> Value {
    let (status, answer) = call(base, method.clone(), path, token, body).await;
    assert!(status.is_success(), "{method} {path}: {status} {answer}");
    answer
}

/// One state change, as the timeline holds it, for replaying a whole organization's.
struct Change {
    number: i64,
    request: i64,
    routing: bool,
    from: Option<String>,
    to: String,
    assignee: Option<i64>,
}

fn holds(state: Option<&str>) -> bool {
    matches!(state, Some("assigned" | "chatting"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_replicas_route_300_requests_to_five_agents_of_capacity_ten_once_each_and_never_past_it() {
    const AGENTS: usize = 5;
    const CAPACITY: usize = 10;
    const REQUESTS: usize = 300;
    let dir = tempfile::tempdir().unwrap();
    let unlimited = ["--rate-limit", "off"];
    let Some(a) = FileServer::seeded_with(Backend::Postgres, dir.path(), &[], &unlimited) else { return };
    let (b, c) = (a.replica(None, &unlimited), a.replica(None, &unlimited));
    let servers = [a.url.clone(), b.url.clone(), c.url.clone()];
    // Only the five agents take work: the seeded members' default capacity is 0.
    let tokens = agents(&a, AGENTS).await;
    let admin = Some(a.admin.as_str());
    ok(&a.url, reqwest::Method::PUT, "/v1/routing", admin, Some(json!({"default_capacity": 0}))).await;
    let members = ok(&a.url, reqwest::Method::GET, "/v1/members", admin, None).await;
    let racers: Vec<i64> = members["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["email"].as_str().unwrap().starts_with("racer"))
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert_eq!(racers.len(), AGENTS);
    for id in &racers {
        let body = json!({"capacity": CAPACITY});
        ok(&a.url, reqwest::Method::PUT, &format!("/v1/members/{id}/capacity"), admin, Some(body)).await;
    }
    let bot = ok(&a.url, reqwest::Method::GET, "/v1/bots", admin, None).await["items"][0]["id"].as_i64().unwrap();
    let policy = json!({"mode": "round-robin", "order": "oldest"});
    ok(&b.url, reqwest::Method::PUT, &format!("/v1/bots/{bot}/routing"), admin, Some(policy)).await;

    // 300 visitors ask at once, spread over the three servers.
    let askers: Vec<_> = (0..10)
        .map(|n| {
            let servers = servers.clone();
            tokio::spawn(async move {
                for i in 0..REQUESTS / 10 {
                    let base = &servers[(n + i) % 3];
                    let form = json!({"name": format!("Visitor {n}-{i}"), "message": "I need a person"});
                    let path = format!("/v1/public/bots/{bot}/requests");
                    let resp = livechat::client::http().post(format!("{base}{path}")).json(&form).send().await.unwrap();
                    assert_eq!(resp.status(), StatusCode::CREATED);
                }
            })
        })
        .collect();
    for asker in askers {
        asker.await.unwrap();
    }
    let assigned = || async {
        let backlog = ok(&c.url, reqwest::Method::GET, "/v1/requests/backlog", admin, None).await;
        backlog["assigned"].as_u64().unwrap() as usize
    };
    let started = Instant::now();
    while assigned().await < AGENTS * CAPACITY {
        assert!(started.elapsed() < Duration::from_secs(30), "routing never filled the agents: {}", assigned().await);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The agents resolve what they are given, on any server, until everything is resolved;
    // each resolution frees a seat that routing fills at once.
    let workers: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(n, token)| {
            let servers = servers.clone();
            tokio::spawn(async move {
                let started = Instant::now();
                let mut resolved = 0;
                for round in 0.. {
                    let base = &servers[(n + round) % 3];
                    let page =
                        ok(base, reqwest::Method::GET, "/v1/requests?assignee=me&limit=100", Some(&token), None).await;
                    let mine = page["items"].as_array().unwrap().clone();
                    if mine.is_empty() {
                        let open = ok(base, reqwest::Method::GET, "/v1/requests?limit=1", Some(&token), None).await;
                        if open["items"].as_array().unwrap().is_empty() {
                            return resolved;
                        }
                        assert!(started.elapsed() < Duration::from_secs(120), "agent {n} waited too long for work");
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                    for (i, request) in mine.iter().enumerate() {
                        let id = request["id"].as_i64().unwrap();
                        let base = &servers[(n + round + i) % 3];
                        ok(
                            base,
                            reqwest::Method::POST,
                            &format!("/v1/requests/{id}/resolve"),
                            Some(&token),
                            Some(json!({})),
                        )
                        .await;
                        resolved += 1;
                    }
                }
                resolved
            })
        })
        .collect();
    let mut resolved = 0;
    for worker in workers {
        resolved += worker.await.unwrap();
    }
    assert_eq!(resolved, REQUESTS);

    // The whole timeline, replayed in commit order, event by event.
    let exported = a.cli(dir.path(), &["requests", "export", "--state", "resolved"], None).success();
    let mut changes = Vec::new();
    for line in exported.stdout.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        for event in record["timeline"].as_array().unwrap() {
            changes.push(Change {
                number: event["id"].as_i64().unwrap(),
                request: record["id"].as_i64().unwrap(),
                routing: event["actor"]["kind"] == "routing",
                from: event["from"].as_str().map(str::to_string),
                to: event["to"].as_str().unwrap().to_string(),
                assignee: event["assignee"]["id"].as_i64(),
            });
        }
    }
    changes.sort_by_key(|c| c.number);
    assert_eq!(changes.len(), REQUESTS * 3, "created, assigned and resolved, each once");
    let mut holder = HashMap::<i64, i64>::new();
    let mut load = HashMap::<i64, usize>::new();
    let mut given = HashMap::<i64, usize>::new();
    let mut taken = BTreeSet::new();
    let mut resolutions = 0;
    for change in &changes {
        if holds(change.from.as_deref())
            && let Some(member) = holder.remove(&change.request)
        {
            *load.get_mut(&member).unwrap() -= 1;
        }
        if change.to == "resolved" {
            resolutions += 1;
        }
        if holds(Some(&change.to)) {
            let member = change.assignee.expect("a held request has a holder");
            assert!(change.routing, "request {} was assigned by someone other than routing", change.request);
            assert!(taken.insert(change.request), "request {} was assigned twice", change.request);
            holder.insert(change.request, member);
            let now = load.entry(member).or_default();
            *now += 1;
            assert!(*now <= CAPACITY, "member {member} held {now} after event {}", change.number);
            *given.entry(member).or_default() += 1;
            // Until the first resolution nobody is full, so round robin deals evenly.
            if resolutions == 0 {
                let counts: Vec<usize> = racers.iter().map(|r| given.get(r).copied().unwrap_or(0)).collect();
                let spread = counts.iter().max().unwrap() - counts.iter().min().unwrap();
                assert!(spread <= 1, "round robin dealt {counts:?} by event {}", change.number);
            }
        }
    }
    assert_eq!(taken.len(), REQUESTS, "every request was given out once");
    assert!(given.keys().all(|m| racers.contains(m)), "only the agents with room were given work");
}

/// One call to the change feed on `base`: each line's (cursor, request number, version) —
/// version 0 for a deletion — and the cursor to go on from.
async fn changes(base: &str, token: &str, after: &str) -> (Vec<(String, i64, i64)>, String) {
    let url = format!("{base}/v1/changes?after={after}&limit=50");
    let resp = livechat::client::http().get(url).bearer_auth(token).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let text = resp.text().await.unwrap();
    let mut lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let end = lines.pop().unwrap();
    assert_eq!(end["change"], "end", "{text}");
    let seen = lines
        .iter()
        .map(|l| {
            let id = l["request"]["id"].as_i64().or(l["request_id"].as_i64()).unwrap();
            (l["cursor"].as_str().unwrap().to_string(), id, l["request"]["version"].as_i64().unwrap_or(0))
        })
        .collect();
    (seen, end["next_cursor"].as_str().unwrap().to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_change_feed_read_on_one_replica_misses_nothing_written_through_both() {
    let dir = tempfile::tempdir().unwrap();
    let Some((a, b)) = pair(dir.path(), &[("new", 120)], &[]) else { return };
    let ids: Vec<i64> = a.get("/v1/requests?state=new&limit=500")["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    let done = Arc::new(AtomicBool::new(false));
    // Writers on both replicas: each request assigned, noted and resolved, in turns.
    let writers: Vec<_> = ids
        .chunks(20)
        .enumerate()
        .map(|(n, chunk)| {
            let (base, token) = (if n % 2 == 0 { a.url.clone() } else { b.url.clone() }, a.admin.clone());
            let chunk = chunk.to_vec();
            tokio::spawn(async move {
                for id in chunk {
                    post(&base, &format!("/v1/requests/{id}/assign"), Some(&token), json!({"to": "agent1@bench.test"}))
                        .await;
                    post(&base, &format!("/v1/requests/{id}/notes"), Some(&token), json!({"body": "called"})).await;
                    if id % 3 == 0 {
                        post(&base, &format!("/v1/requests/{id}/resolve"), Some(&token), json!({})).await;
                    }
                }
            })
        })
        .collect();
    let reader = {
        let (base, token, done) = (b.url.clone(), a.admin.clone(), done.clone());
        tokio::spawn(async move {
            let (mut seen, mut cursor) = (Vec::new(), "0.0".to_string());
            loop {
                let finished = done.load(Ordering::SeqCst);
                let (page, next) = changes(&base, &token, &cursor).await;
                cursor = next;
                let empty = page.is_empty();
                seen.extend(page);
                if finished && empty {
                    return seen;
                }
            }
        })
    };
    for writer in writers {
        writer.await.unwrap();
    }
    done.store(true, Ordering::SeqCst);
    let seen = reader.await.unwrap();
    let cursors: Vec<(i64, i64)> = seen
        .iter()
        .map(|(c, _, _)| {
            let (seq, id) = c.split_once('.').unwrap();
            (seq.parse().unwrap(), id.parse().unwrap())
        })
        .collect();
    assert!(cursors.windows(2).all(|w| w[0] < w[1]), "each change once, in order");
    for id in &ids {
        let now = a.get(&format!("/v1/requests/{id}"));
        let last = seen.iter().rev().find(|(_, seen_id, _)| seen_id == id).map(|(_, _, v)| *v);
        assert_eq!(last, now["version"].as_i64(), "#{id}: the feed's last word is not its last change");
    }
}

/// A conditional read of `path` on `base` holding `tag`: the status, the new tag and body.
async fn conditional(base: &str, path: &str, token: &str, tag: Option<&str>) -> (StatusCode, Option<String>, String) {
    let mut req = livechat::client::http().get(format!("{base}{path}")).bearer_auth(token);
    if let Some(tag) = tag {
        req = req.header(reqwest::header::IF_NONE_MATCH, tag);
    }
    let resp = req.send().await.unwrap();
    let tag = resp.headers().get(reqwest::header::ETAG).map(|v| v.to_str().unwrap().to_string());
    (resp.status(), tag, resp.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_through_one_replica_makes_the_others_next_conditional_read_a_new_page() {
    let dir = tempfile::tempdir().unwrap();
    let Some((a, b)) = pair(dir.path(), &[("new", 30)], &[]) else { return };
    let token = a.admin.clone();
    let ids: Vec<i64> = a.get("/v1/requests?state=new&limit=100")["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    // Each write goes through one replica; the page was last read, and cached, on the other.
    for (n, id) in ids.iter().take(12).enumerate() {
        let (writer, reader) = if n % 2 == 0 { (&a, &b) } else { (&b, &a) };
        let path = format!("/v1/requests/{id}");
        let (status, held, before) = conditional(&reader.url, &path, &token, None).await;
        assert_eq!(status, StatusCode::OK);
        let (again, _, _) = conditional(&reader.url, &path, &token, held.as_deref()).await;
        assert_eq!(again, StatusCode::NOT_MODIFIED, "#{id}: nothing changed yet");
        let queue = conditional(&reader.url, "/v1/requests?state=new&limit=100", &token, None).await;
        post(&writer.url, &format!("/v1/requests/{id}/assign"), Some(&token), json!({"to": "agent1@bench.test"})).await;
        let (status, _, after) = conditional(&reader.url, &path, &token, held.as_deref()).await;
        assert_eq!(status, StatusCode::OK, "#{id}: the other replica answered 304 after the write");
        assert_ne!(after, before);
        assert_eq!(serde_json::from_str::<Value>(&after).unwrap()["state"], "assigned", "#{id}: {after}");
        let (status, _, listed) =
            conditional(&reader.url, "/v1/requests?state=new&limit=100", &token, queue.1.as_deref()).await;
        assert_eq!(status, StatusCode::OK, "the queue of new requests is a new page");
        assert!(!listed.contains(&format!("\"id\":{id},")), "#{id} is no longer new: {listed}");
    }
}
