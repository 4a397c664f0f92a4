//! Live updates over real HTTP: what each stream carries, who may open it, and that a
//! reconnect with `Last-Event-ID` loses and repeats nothing.

use std::pin::Pin;
use std::time::Duration;

use eventsource_stream::{Event, Eventsource};
use futures_util::{Stream, StreamExt};
use livechat::server::ServerConfig;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::support::{ADMIN, AGENT, AGENT2, STRANGER, TestApp, run_livechat, spawn_app, spawn_app_with};

type Events = Pin<Box<dyn Stream<Item = Result<Event, String>> + Send>>;

async fn open(app: &TestApp, path: &str, token: Option<&str>, last_id: Option<&str>) -> Result<Events, StatusCode> {
    let mut req = app.http.get(format!("{}{path}", app.url));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(id) = last_id {
        req = req.header("last-event-id", id);
    }
    let resp = req.send().await.unwrap();
    if !resp.status().is_success() {
        return Err(resp.status());
    }
    Ok(Box::pin(resp.bytes_stream().eventsource().map(|e| e.map_err(|e| e.to_string()))))
}

async fn next(events: &mut Events) -> Event {
    tokio::time::timeout(Duration::from_secs(5), events.next())
        .await
        .expect("no event within 5 seconds")
        .expect("the stream ended")
        .expect("the stream broke")
}

/// Reads events until one whose data contains `needle`; returns everything read.
async fn until(events: &mut Events, needle: &str) -> Vec<Event> {
    let mut seen = Vec::new();
    loop {
        let event = next(events).await;
        let done = event.data.contains(needle);
        seen.push(event);
        if done {
            return seen;
        }
    }
}

fn bodies(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter(|e| e.event == "message")
        .map(|e| serde_json::from_str::<Value>(&e.data).unwrap()["body"].as_str().unwrap().to_string())
        .collect()
}

/// Waits until the server has `n` live streams open, as its metrics report.
async fn wait_for_streams(app: &TestApp, n: u64) {
    for _ in 0..400 {
        let text = app.metrics().await;
        let open: u64 = text.lines().find_map(|l| l.strip_prefix("livechat_live_streams ")).unwrap().parse().unwrap();
        if open >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{n} live streams never opened");
}

async fn say(app: &TestApp, token: &str, body: &str) {
    let path = format!("/v1/public/conversations/{token}/messages");
    app.call(Method::POST, &path, None, Some(json!({"body": body}))).await.expect(StatusCode::CREATED);
}

#[tokio::test]
async fn a_reconnect_resumes_after_the_last_event_without_loss_or_repeats() {
    let Some(app) = spawn_app() else { return };
    let (id, token) = app.visitor_request(app.help_bot, "Ivy Visitor").await;
    app.post(&format!("/v1/requests/{id}/assign"), AGENT, json!({"to": "me"})).await.expect(StatusCode::OK);
    app.post(&format!("/v1/requests/{id}/chat/start"), AGENT, json!({})).await.expect(StatusCode::OK);
    let path = format!("/v1/requests/{id}/events");
    let mut events = open(&app, &path, Some(app.token(AGENT)), None).await.unwrap();
    // The history comes first: the form's message, the bot's reply, the state changes.
    let history = until(&mut events, "joined the chat").await;
    assert_eq!(bodies(&history)[0], "I need a person");
    let states: Vec<Value> = history
        .iter()
        .filter(|e| e.event == "state")
        .map(|e| serde_json::from_str::<Value>(&e.data).unwrap()["to"].clone())
        .collect();
    assert_eq!(states, [json!("new"), json!("assigned"), json!("chatting")]);
    say(&app, &token, "first").await;
    let live = until(&mut events, "first").await;
    let last_id = live.last().unwrap().id.clone();
    drop(events);

    // While nobody listens, the conversation goes on.
    say(&app, &token, "second").await;
    app.post(&format!("/v1/requests/{id}/messages"), AGENT, json!({"body": "third"})).await.expect(StatusCode::CREATED);
    say(&app, &token, "fourth").await;

    let mut events = open(&app, &path, Some(app.token(AGENT)), Some(&last_id)).await.unwrap();
    let resumed = until(&mut events, "fourth").await;
    assert_eq!(bodies(&resumed), ["second", "third", "fourth"], "exactly what was missed, in order");
    let ids: Vec<&str> = resumed.iter().map(|e| e.id.as_str()).collect();
    assert!(ids.iter().all(|i| !i.is_empty() && *i != last_id));

    // `?after=` does the same for clients that cannot send headers.
    let mut events = open(&app, &format!("{path}?after={last_id}"), Some(app.token(AGENT)), None).await.unwrap();
    assert_eq!(bodies(&until(&mut events, "fourth").await), ["second", "third", "fourth"]);
}

#[tokio::test]
async fn streams_follow_the_same_permissions_as_the_rest_of_the_api() {
    let Some(app) = spawn_app() else { return };
    let (id, token) = app.visitor_request(app.help_bot, "Pia Visitor").await;
    let path = format!("/v1/requests/{id}/events");
    assert_eq!(open(&app, &path, None, None).await.err(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(open(&app, &path, Some("lc_forged"), None).await.err(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(open(&app, &path, Some(app.token(STRANGER)), None).await.err(), Some(StatusCode::NOT_FOUND));
    assert_eq!(
        open(&app, "/v1/requests/999999/events", Some(app.token(ADMIN)), None).await.err(),
        Some(StatusCode::NOT_FOUND)
    );
    assert_eq!(open(&app, &path, Some(app.token(AGENT2)), Some("garbage")).await.err(), Some(StatusCode::BAD_REQUEST));
    // Every member may read a request, so every member may follow it.
    let mut events = open(&app, &path, Some(app.token(AGENT2)), None).await.unwrap();
    until(&mut events, "I need a person").await;
    assert_eq!(
        open(&app, "/v1/public/conversations/lcv_nope/events", None, None).await.err(),
        Some(StatusCode::NOT_FOUND)
    );
    // The stranger's queue stream never shows our requests.
    let mut theirs = open(&app, "/v1/events", Some(app.token(STRANGER)), None).await.unwrap();
    let mut ours = open(&app, "/v1/events", Some(app.token(AGENT)), None).await.unwrap();
    app.post(&format!("/v1/requests/{id}/assign"), AGENT, json!({"to": "me"})).await.expect(StatusCode::OK);
    until(&mut ours, "\"to\":\"assigned\"").await;
    app.visitor_request(app.stranger_bot, "Their Visitor").await;
    let first = next(&mut theirs).await;
    assert!(first.data.contains("Their Visitor"), "the stranger sees only their own queue: {}", first.data);
    let _ = token;
}

#[tokio::test]
async fn the_visitor_sees_the_conversation_but_not_who_made_each_change() {
    let Some(app) = spawn_app() else { return };
    let (id, token) = app.visitor_request(app.help_bot, "Rui Visitor").await;
    let mut events = open(&app, &format!("/v1/public/conversations/{token}/events"), None, None).await.unwrap();
    app.post(&format!("/v1/requests/{id}/notes"), AGENT, json!({"body": "internal: VIP"}))
        .await
        .expect(StatusCode::CREATED);
    app.post(&format!("/v1/requests/{id}/assign"), AGENT, json!({"to": "me"})).await.expect(StatusCode::OK);
    app.post(&format!("/v1/requests/{id}/chat/start"), AGENT, json!({})).await.expect(StatusCode::OK);
    app.post(&format!("/v1/requests/{id}/messages"), AGENT, json!({"body": "Hi Rui"}))
        .await
        .expect(StatusCode::CREATED);
    let seen = until(&mut events, "Hi Rui").await;
    for event in &seen {
        assert!(!event.data.contains("internal: VIP"), "notes never reach the visitor");
        assert!(!event.data.contains("agent@fixture.test"), "staff emails never reach the visitor");
    }
    let chatting = seen.iter().find(|e| e.event == "state" && e.data.contains("chatting")).expect("a state event");
    let state: Value = serde_json::from_str(&chatting.data).unwrap();
    assert_eq!(state, json!({"request_id": id, "state": "chatting", "at": state["at"]}));
    // After the chat ends and the request is archived, the visitor's next message opens a new
    // request, and the same stream carries it.
    app.post(&format!("/v1/requests/{id}/resolve"), AGENT, json!({})).await.expect(StatusCode::OK);
    app.archive_everything_resolved().await;
    say(&app, &token, "back again").await;
    let later = until(&mut events, "back again").await;
    let message: Value = serde_json::from_str(&later.last().unwrap().data).unwrap();
    assert_ne!(message["request_id"].as_i64(), Some(id), "a new request after the archive");
}

#[tokio::test]
async fn the_queue_stream_carries_new_requests_and_changes_through_its_filters() {
    let Some(app) = spawn_app() else { return };
    let mut all = open(&app, "/v1/events", Some(app.token(AGENT)), None).await.unwrap();
    let mut assigned_only = open(&app, "/v1/events?state=assigned", Some(app.token(AGENT)), None).await.unwrap();
    let mut community = open(&app, "/v1/events?bot=Community", Some(app.token(AGENT)), None).await.unwrap();
    let (id, _) = app.visitor_request(app.help_bot, "Queue Visitor").await;
    let created: Value = serde_json::from_str(&next(&mut all).await.data).unwrap();
    assert_eq!((created["request_id"].as_i64(), created["to"].clone()), (Some(id), json!("new")));
    assert_eq!(created["request"]["title"], "Queue Visitor");
    app.post(&format!("/v1/requests/{id}/assign"), AGENT, json!({"to": "me"})).await.expect(StatusCode::OK);
    let change: Value = serde_json::from_str(&next(&mut assigned_only).await.data).unwrap();
    assert_eq!((change["from"].clone(), change["to"].clone()), (json!("new"), json!("assigned")));
    assert_eq!(change["assignee"]["email"], "agent@fixture.test");
    let (discord, _) = app.visitor_request(app.community_bot, "Discord Visitor").await;
    let only: Value = serde_json::from_str(&next(&mut community).await.data).unwrap();
    assert_eq!(only["request_id"].as_i64(), Some(discord), "the bot filter skipped the Help request");
}

#[tokio::test]
async fn idle_streams_get_heartbeats_and_a_final_event_at_shutdown() {
    let Some(mut app) = spawn_app_with(ServerConfig { heartbeat: Duration::from_millis(100), ..ServerConfig::default() }) else { return };
    let resp = app.http.get(format!("{}/v1/events", app.url)).bearer_auth(app.token(AGENT)).send().await.unwrap();
    let mut bytes = resp.bytes_stream();
    let chunk = tokio::time::timeout(Duration::from_secs(5), bytes.next()).await.unwrap().unwrap().unwrap();
    assert!(String::from_utf8_lossy(&chunk).contains(": heartbeat"), "{chunk:?}");
    let mut events: Events = Box::pin(bytes.eventsource().map(|e| e.map_err(|e| e.to_string())));
    app.begin_shutdown();
    let last = next(&mut events).await;
    assert_eq!(last.event, "shutdown");
    let end = tokio::time::timeout(Duration::from_secs(5), events.next()).await.expect("the stream ends");
    assert!(end.is_none(), "the stream closes after its final event");
}

#[tokio::test]
async fn chat_send_joins_the_chat_and_refuses_with_a_hint_when_it_cannot() {
    let Some(app) = spawn_app() else { return };
    let id = app.new_request().await.to_string();
    let out = app.cli(&["--profile", AGENT, "requests", "chat", &id, "--send", "hello"]).exit(1);
    assert!(out.stderr.contains(&format!("take it first with `livechat requests assign {id} --to me`")), "{out:?}");
    app.cli(&["--profile", AGENT, "requests", "assign", &id, "--to", "me"]).success();
    let out = app.cli(&["--profile", AGENT2, "requests", "chat", &id, "--send", "hello"]).exit(4);
    assert!(out.stderr.contains("held by Abe Agent"), "{out:?}");
    let sent =
        app.cli(&["--profile", AGENT, "requests", "chat", &id, "--send", "Hello from Abe", "--json"]).success().json();
    assert_eq!((sent["sender"].clone(), sent["body"].clone()), (json!("agent"), json!("Hello from Abe")));
    let detail = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(detail["state"], "chatting", "--send started the chat, pausing the bot");
}

#[tokio::test]
async fn an_agent_chats_from_the_cli_and_leaves_with_slash_commands() {
    let Some(app) = spawn_app() else { return };
    let (id, token) = app.visitor_request(app.help_bot, "Lou Visitor").await;
    app.post(&format!("/v1/requests/{id}/assign"), AGENT, json!({"to": "me"})).await.expect(StatusCode::OK);
    let id_text = id.to_string();
    // Stdin is a pipe here: the agent's lines, then the end of input (as Ctrl-D).
    let script = "Hello Lou!\n/note asked about the refund\n/nonsense\n/leave\n";
    let out = app.cli_with_stdin(&["--profile", AGENT, "requests", "chat", &id_text], Some(script)).success();
    assert!(out.stdout.contains("Lou Visitor: I need a person"), "the transcript comes first: {out:?}");
    assert!(out.stderr.contains("unknown command /nonsense"), "{out:?}");
    assert!(out.stderr.contains("Left the chat"), "{out:?}");
    let detail = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(detail["state"], "assigned", "/leave ended the chat; the bot is back");
    let bodies: Vec<&str> =
        detail["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert!(bodies.contains(&"Hello Lou!"), "{bodies:?}");
    assert!(bodies.iter().any(|b| b.contains("left the chat. The bot is back")), "{bodies:?}");
    assert_eq!(detail["notes"].as_array().unwrap().last().unwrap()["body"], "asked about the refund");
    say(&app, &token, "are you there?").await;
    let detail = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(detail["messages"].as_array().unwrap().last().unwrap()["sender"], "bot", "the bot answers again");

    // /resolve with a note resolves and leaves.
    let script = "/resolve Refund issued\n";
    app.cli_with_stdin(&["--profile", AGENT, "requests", "chat", &id_text], Some(script)).success();
    let detail = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(detail["state"], "resolved");
    assert_eq!(detail["notes"].as_array().unwrap().last().unwrap()["body"], "Refund issued");
}

#[tokio::test]
async fn follow_prints_the_conversation_until_the_request_leaves_chatting() {
    let Some(app) = spawn_app() else { return };
    let (id, token) = app.visitor_request(app.help_bot, "Flo Visitor").await;
    app.post(&format!("/v1/requests/{id}/assign"), AGENT, json!({"to": "me"})).await.expect(StatusCode::OK);
    app.post(&format!("/v1/requests/{id}/chat/start"), AGENT, json!({})).await.expect(StatusCode::OK);
    let config = app.config_dir();
    let id_text = id.to_string();
    let follower = std::thread::spawn(move || {
        run_livechat(&config, &["--profile", AGENT2, "requests", "chat", &id_text, "--follow", "--json"], None, &[])
    });
    wait_for_streams(&app, 1).await;
    say(&app, &token, "live line").await;
    app.post(&format!("/v1/requests/{id}/chat/end"), AGENT, json!({})).await.expect(StatusCode::OK);
    let out = follower.join().unwrap().success();
    let lines: Vec<Value> = out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.iter().any(|l| l["event"] == "message" && l["body"] == "live line"), "{out:?}");
    let last = lines.last().unwrap();
    assert_eq!((last["event"].clone(), last["to"].clone()), (json!("state"), json!("assigned")));
}

#[tokio::test]
async fn watch_prints_one_json_line_per_queue_change() {
    let Some(app) = spawn_app() else { return };
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_livechat"))
        .args(["--profile", AGENT, "requests", "watch", "--json"])
        .env("LIVECHAT_CONFIG_DIR", app.config_dir())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        use std::io::BufRead;
        std::io::BufReader::new(stdout).lines().next().unwrap().unwrap()
    });
    // `watch` starts at the queue's head: create the request only once its stream is open.
    wait_for_streams(&app, 1).await;
    let (id, _) = app.visitor_request(app.help_bot, "Watched Visitor").await;
    let line: Value = serde_json::from_str(&reader.join().unwrap()).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!((line["request_id"].as_i64(), line["to"].clone()), (Some(id), json!("new")));
    assert_eq!(line["request"]["title"], "Watched Visitor");
}

#[test]
fn a_follower_rides_out_a_server_restart_without_losing_or_repeating_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mut server) = super::support::seeded_server(dir.path(), &[("chatting", 1)]) else { return };
    let request = server.get("/v1/requests/1");
    let agent_email = request["assignee"]["email"].as_str().unwrap().to_string();
    let agent = server.token_of(&agent_email);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_livechat"))
        .args([
            "--url",
            &server.url,
            "--token",
            &agent,
            "--retry-for",
            "30s",
            "requests",
            "chat",
            "1",
            "--follow",
            "--json",
        ])
        .env("LIVECHAT_CONFIG_DIR", dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<Value>();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout).lines() {
            let _ = tx.send(serde_json::from_str(&line.unwrap()).unwrap());
        }
    });
    let wait_for = |body: &str| loop {
        let line = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_else(|_| panic!("`{body}` never arrived"));
        if line["body"] == body {
            return;
        }
    };
    server.post(&agent, "/v1/requests/1/messages", &json!({"body": "before the restart"}));
    wait_for("before the restart");
    server.restart();
    server.post(&agent, "/v1/requests/1/messages", &json!({"body": "after the restart"}));
    server.post(&agent, "/v1/requests/1/chat/end", &json!({}));
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut rest = Vec::new();
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(2)) {
        rest.push(line);
    }
    let after: Vec<&Value> = rest.iter().filter(|l| l["body"] == "after the restart").collect();
    let before: Vec<&Value> = rest.iter().filter(|l| l["body"] == "before the restart").collect();
    assert_eq!((after.len(), before.len()), (1, 0), "once each across the reconnect: {rest:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("reconnecting"));
}

#[tokio::test]
async fn live_streams_are_capped_per_member_and_per_address_and_a_closed_one_frees_its_place() {
    let config = ServerConfig { max_streams_per_member: 2, max_streams_per_address: 3, ..ServerConfig::default() };
    let Some(app) = spawn_app_with(config) else { return };
    let first = open(&app, "/v1/events", Some(app.token(AGENT)), None).await.unwrap();
    let _second = open(&app, "/v1/events", Some(app.token(AGENT)), None).await.unwrap();
    let refused = app.get("/v1/events", AGENT).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.code(), "too_many_streams");
    assert!(refused.message().contains("you have 2 live streams open already"), "{}", refused.message());
    // Another member from the same address takes the address's last place.
    let _third = open(&app, "/v1/events", Some(app.token(ADMIN)), None).await.unwrap();
    let by_address = app.get("/v1/events", AGENT2).await;
    assert_eq!(by_address.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(by_address.message().contains("your address has 3"), "{}", by_address.message());
    // Closing a stream frees its place.
    drop(first);
    let mut reopened = None;
    for _ in 0..50 {
        if let Ok(events) = open(&app, "/v1/events", Some(app.token(AGENT)), None).await {
            reopened = Some(events);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(reopened.is_some(), "the closed stream's place was never freed");
}
