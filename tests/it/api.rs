//! The members' API over real HTTP: auth, isolation, error shapes, lists, details, actions,
//! batches, races, notes and members.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::support::{ADMIN, AGENT, AGENT2, BOT_ADMIN, STRANGER, spawn_app};

#[tokio::test]
async fn health_and_me_answer() {
    let Some(app) = spawn_app() else { return };
    for probe in ["/healthz", "/readyz"] {
        let resp = app.http.get(format!("{}{probe}", app.url)).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{probe}");
    }
    let me = app.get("/v1/me", AGENT).await.expect(StatusCode::OK);
    assert_eq!(me["email"], "agent@fixture.test");
    assert_eq!(me["role"], "agent");
    assert_eq!(me["organization"]["name"], "Fixture Org");
    let bot_admin = app.get("/v1/me", BOT_ADMIN).await.expect(StatusCode::OK);
    assert_eq!(bot_admin["bot_ids"], json!([app.help_bot]));
}

#[tokio::test]
async fn missing_malformed_or_unknown_tokens_are_401_in_our_error_shape() {
    let Some(app) = spawn_app() else { return };
    let none = app.call(Method::GET, "/v1/requests", None, None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert_eq!(none.code(), "unauthorized");
    assert!(none.message().contains("Authorization: Bearer"), "{}", none.message());
    let unknown = app.call(Method::GET, "/v1/me", Some("lc_not-a-real-token"), None).await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert!(unknown.message().contains("not valid"));
    let basic = app.http.get(format!("{}/v1/me", app.url)).header("authorization", "Basic abc").send().await.unwrap();
    assert_eq!(basic.status(), StatusCode::UNAUTHORIZED);
    let body: Value = basic.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn another_organizations_objects_answer_404() {
    let Some(app) = spawn_app() else { return };
    let id = app.new_request().await;
    for path in [format!("/v1/requests/{id}")] {
        let answer = app.get(&path, STRANGER).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(answer.code(), "not_found");
    }
    for (action, body) in [
        ("assign", json!({"to": "me"})),
        ("unassign", json!({})),
        ("chat/start", json!({})),
        ("resolve", json!({})),
        ("notes", json!({"body": "peek"})),
        ("messages", json!({"body": "hi"})),
    ] {
        let answer = app.post(&format!("/v1/requests/{id}/{action}"), STRANGER, body).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{action}: {}", answer.body);
    }
    let list = app.get("/v1/requests?state=all", STRANGER).await.expect(StatusCode::OK);
    assert_eq!(list["items"], json!([]));
    // A member of our org cannot be named by the stranger, nor theirs by us.
    let agent = app.member(AGENT).email.clone();
    let answer = app
        .call(Method::PATCH, &format!("/v1/members/{agent}"), Some(app.token(STRANGER)), Some(json!({"role": "agent"})))
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let answer = app.post(&format!("/v1/requests/{id}/assign"), ADMIN, json!({"to": "root@elsewhere.test"})).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    // Their bot's requests stay theirs: the form works, but their number names our own
    // request (or none), never theirs.
    let (theirs, _) = app.visitor_request(app.stranger_bot, "Other Visitor").await;
    let seen = app.get(&format!("/v1/requests/{theirs}"), ADMIN).await;
    assert!(seen.status == StatusCode::NOT_FOUND || seen.body["title"] != "Other Visitor", "{}", seen.body);
}

/// Regression: ids counted across every organization (58, 59, 60, 61), so each tenant saw
/// the others' volume. Now each organization counts its own requests, notes, messages and
/// events from 1, and `#N` means the same request in the API, the list and the CLI.
#[tokio::test]
async fn requests_are_numbered_per_organization_and_show_no_one_elses_volume() {
    let Some(app) = spawn_app() else { return };
    let ours_first = app.new_request().await;
    let (theirs_first, their_token) = app.visitor_request(app.stranger_bot, "Other Visitor").await;
    let ours_second = app.new_request().await;
    let (theirs_second, _) = app.visitor_request(app.stranger_bot, "Another Visitor").await;
    assert_eq!((theirs_first, theirs_second), (1, 2), "an organization's first request is #1");
    assert_eq!(ours_second, ours_first + 1, "the other organization's request took none of our numbers");

    let first = app.get("/v1/requests/1", STRANGER).await.expect(StatusCode::OK);
    assert_eq!((first["id"].as_i64(), first["title"].as_str()), (Some(1), Some("Other Visitor")));
    assert_eq!(first["timeline"][0]["id"], 1, "events are counted per organization too: {first}");
    assert_eq!(first["timeline"][0]["request_id"], 1);
    assert_eq!(first["notes"][0]["id"], 1, "and notes: {first}");
    let second = app.get("/v1/requests/2", STRANGER).await.expect(StatusCode::OK);
    assert_eq!(second["timeline"][0]["id"], 2, "{second}");
    // The visitor's page knows its request by the same number.
    let page = app.call(Method::GET, &format!("/v1/public/conversations/{their_token}"), None, None).await;
    assert_eq!(page.expect(StatusCode::OK)["request_id"], 1);
    let list = app.get("/v1/requests?state=all", STRANGER).await.expect(StatusCode::OK);
    let ids: Vec<i64> = list["items"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [2, 1], "newest first");

    // A note, a message and a state change on their #2 take their next numbers.
    let note = app.post("/v1/requests/2/notes", STRANGER, json!({"body": "seen"})).await.expect(StatusCode::CREATED);
    assert_eq!(note["id"], 3, "{note}");
    let taken = app.post("/v1/requests/2/assign", STRANGER, json!({"to": "me"})).await.expect(StatusCode::OK);
    assert_eq!(taken["id"], 2);
    let second = app.get("/v1/requests/2", STRANGER).await.expect(StatusCode::OK);
    let events: Vec<i64> = second["timeline"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(events, [2, 3], "{second}");

    // A number past what an organization can have is simply not there.
    for beyond in ["4294967297", "4294967296", "9223372036854775807"] {
        let answer = app.get(&format!("/v1/requests/{beyond}"), STRANGER).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{beyond}: {}", answer.body);
    }

    // The CLI speaks the same numbers.
    let shown = app.cli(&["--profile", STRANGER, "requests", "show", "#1"]).success();
    assert!(shown.stdout.starts_with("1 Other Visitor\n"), "{shown:?}");
    let listed = app.cli(&["--profile", STRANGER, "requests", "list", "--state", "all", "--json"]).success();
    let ids: Vec<i64> = listed.json().as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [1, 2], "new before assigned");
}

#[tokio::test]
async fn malformed_bodies_queries_and_paths_get_400_in_our_error_shape() {
    let Some(app) = spawn_app() else { return };
    let id = app.new_request().await;
    let url = format!("{}/v1/requests/{id}/assign", app.url);
    let resp = app
        .http
        .post(&url)
        .bearer_auth(app.token(ADMIN))
        .header("content-type", "application/json")
        .body("{\"to\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "malformed_json");
    assert!(body["error"]["message"].as_str().unwrap().contains("not valid JSON"));

    let wrong = app.post(&format!("/v1/requests/{id}/assign"), ADMIN, json!({"to": 5})).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong.code(), "invalid_input");
    let missing = app.post(&format!("/v1/requests/{id}/assign"), ADMIN, json!({})).await;
    assert!(missing.message().contains("missing field `to`"), "{}", missing.message());

    let path = app.get("/v1/requests/abc", ADMIN).await;
    assert_eq!((path.status, path.code()), (StatusCode::BAD_REQUEST, "invalid_input"));
    for query in
        ["limit=0", "limit=501", "state=bogus", "cursor=zzz", "older_than=soon", "channel=fax", "color=red", "state=new,"]
    {
        let answer = app.get(&format!("/v1/requests?{query}"), ADMIN).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{query}: {}", answer.body);
        assert_eq!(answer.code(), "invalid_input", "{query}");
    }
    // A well-formed name of something that is not there is 404; an empty parameter is no value.
    let unknown = app.get("/v1/requests?bot=nope", ADMIN).await;
    assert_eq!((unknown.status, unknown.code()), (StatusCode::NOT_FOUND, "not_found"));
    for empty in ["state=", "bot=", "limit=", "assignee="] {
        let answer = app.get(&format!("/v1/requests?{empty}"), ADMIN).await;
        assert_eq!((answer.status, answer.code()), (StatusCode::BAD_REQUEST, "invalid_input"), "{empty}");
    }
    // Integers as JSON Schema counts them, and only JSON bodies.
    let id = app.new_request().await;
    let whole = app.post(&format!("/v1/requests/{id}/assign"), ADMIN, json!({"to": "me", "if_version": 1.0})).await;
    assert_eq!(whole.status, StatusCode::OK, "{}", whole.body);
    let plain = app
        .http
        .post(format!("{}/v1/requests/{id}/notes", app.url))
        .bearer_auth(app.token(ADMIN))
        .header("content-type", "text/plain")
        .body(r#"{"body": "hello"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let plain: Value = plain.json().await.unwrap();
    assert_eq!(plain["error"]["code"], "unsupported_media_type");
    // Announce a 2 MiB body and send none: the server must refuse on the announced size alone,
    // without waiting for (or racing with) the upload.
    let addr = app.url.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /v1/requests/{id}/notes HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: 2097152\r\n\r\n",
        app.token(ADMIN)
    );
    tokio::io::AsyncWriteExt::write_all(&mut socket, head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let n = tokio::io::AsyncReadExt::read(&mut socket, &mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("\"code\":\"body_too_large\""), "{answer}");
    let unknown = app.get("/v2/nothing", ADMIN).await;
    assert_eq!((unknown.status, unknown.code()), (StatusCode::NOT_FOUND, "not_found"));
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn the_list_is_new_first_newest_first_and_filters_and_pages() {
    let Some(app) = spawn_app() else { return };
    let assigned = app.request_in("assigned").await;
    let first_new = app.new_request().await;
    let chatting = app.request_in("chatting").await;
    let second_new = app.new_request().await;
    let resolved = app.request_in("resolved").await;
    let (discord, _) = app.visitor_request(app.community_bot, "Dee Discord").await;

    let open = app.get("/v1/requests", AGENT2).await.expect(StatusCode::OK);
    assert_eq!(ids(&open), [discord, second_new, first_new, assigned, chatting]);
    let row = &open["items"][0];
    for field in [
        "id",
        "state",
        "title",
        "bot",
        "channel",
        "visitor",
        "assignee",
        "created_at",
        "assigned_at",
        "resolved_at",
        "closed_at",
        "time_to_assign_seconds",
        "time_to_resolve_seconds",
        "version",
    ] {
        assert!(row.get(field).is_some(), "field {field} missing from {row}");
    }
    assert_eq!(row["title"], "Dee Discord");
    assert_eq!(row["bot"], json!({"id": app.community_bot, "name": "Community"}));

    let query = |q: &str| format!("/v1/requests?{q}");
    let all = app.get(&query("state=all"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(ids(&all).len(), 6);
    assert_eq!(ids(&app.get(&query("state=resolved"), ADMIN).await.expect(StatusCode::OK)), [resolved]);
    assert_eq!(ids(&app.get(&query("assignee=me"), AGENT).await.expect(StatusCode::OK)), [assigned, chatting]);
    assert_eq!(
        ids(&app.get(&query("assignee=agent%40fixture.test&state=all"), ADMIN).await.expect(StatusCode::OK)),
        [assigned, chatting, resolved]
    );
    assert_eq!(
        ids(&app.get(&query("assignee=none"), ADMIN).await.expect(StatusCode::OK)),
        [discord, second_new, first_new]
    );
    assert_eq!(ids(&app.get(&query("bot=community"), ADMIN).await.expect(StatusCode::OK)), [discord]);
    assert_eq!(
        ids(&app.get(&query(&format!("bot={}", app.community_bot)), ADMIN).await.expect(StatusCode::OK)),
        [discord]
    );
    assert_eq!(ids(&app.get(&query("channel=discord"), ADMIN).await.expect(StatusCode::OK)), [discord]);
    assert_eq!(ids(&app.get(&query("older_than=1h"), ADMIN).await.expect(StatusCode::OK)), Vec::<i64>::new());
    assert_eq!(ids(&app.get(&query("newer_than=1h"), ADMIN).await.expect(StatusCode::OK)).len(), 5);

    // Pages of two walk the whole list once, in order, and the last page has no cursor.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => query(&format!("state=all&limit=2&cursor={c}")),
            None => query("state=all&limit=2"),
        };
        let page = app.get(&path, ADMIN).await.expect(StatusCode::OK);
        seen.extend(ids(&page));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, ids(&all));
}

#[tokio::test]
async fn show_has_notes_transcript_earlier_conversations_and_timeline() {
    let Some(app) = spawn_app() else { return };
    let id = app.request_in("resolved").await;
    let detail = app.get(&format!("/v1/requests/{id}"), AGENT2).await.expect(StatusCode::OK);
    assert_eq!(detail["state"], "resolved");
    assert_eq!(detail["title"], "Val Visitor");
    assert_eq!(detail["visitor"]["email"], "visitor@example.com");
    assert!(detail["time_to_resolve_seconds"].as_i64().unwrap() >= 0);
    let notes = detail["notes"].as_array().unwrap();
    assert_eq!(notes[0]["kind"], "form");
    assert_eq!(notes[0]["author"], json!({"kind": "visitor", "name": "Val Visitor"}));
    assert_eq!(notes[0]["fields"][2], json!({"name": "order", "value": "A-1"}), "in the form's order");
    assert_eq!(notes[1]["kind"], "resolution");
    assert_eq!(notes[1]["body"], "done");
    assert_eq!(notes[1]["author"]["email"], "agent@fixture.test");
    let senders: Vec<&str> =
        detail["messages"].as_array().unwrap().iter().map(|m| m["sender"].as_str().unwrap()).collect();
    assert_eq!(senders, ["visitor", "bot"]);
    let timeline: Vec<(Value, Value)> =
        detail["timeline"].as_array().unwrap().iter().map(|e| (e["from"].clone(), e["to"].clone())).collect();
    assert_eq!(
        timeline,
        [(Value::Null, json!("new")), (json!("new"), json!("assigned")), (json!("assigned"), json!("resolved"))]
    );
    assert_eq!(detail["timeline"][1]["actor"]["email"], "admin@fixture.test");
    assert_eq!(detail["timeline"][1]["assignee"]["email"], "agent@fixture.test");
    assert_eq!(detail["earlier_conversations"], json!([]));
    assert_eq!(app.get("/v1/requests/999999", ADMIN).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn two_members_racing_for_one_request_have_exactly_one_winner() {
    let Some(app) = spawn_app() else { return };
    for round in 0..15 {
        let id = app.new_request().await;
        let path = format!("/v1/requests/{id}/assign");
        let (a, b) =
            tokio::join!(app.post(&path, AGENT, json!({"to": "me"})), app.post(&path, AGENT2, json!({"to": "me"})));
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "round {round}");
        let loser = if a.status == StatusCode::CONFLICT { a } else { b };
        assert_eq!(loser.code(), "already_assigned");
        assert!(loser.message().contains("already taken"), "{}", loser.message());

        // Admins may reassign, so their race is decided by the version both of them saw.
        let seen = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK)["version"].clone();
        let (a, b) = tokio::join!(
            app.post(&path, ADMIN, json!({"to": "me", "if_version": seen})),
            app.post(&path, BOT_ADMIN, json!({"to": "me", "if_version": seen}))
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "admin round {round}");
        let loser = if a.status == StatusCode::CONFLICT { a } else { b };
        assert_eq!(loser.code(), "version_conflict");
        assert!(loser.message().contains("changed since you read it"), "{}", loser.message());
    }
}

#[tokio::test]
async fn batches_report_one_outcome_per_item_and_never_overwrite_a_taken_request() {
    let Some(app) = spawn_app() else { return };
    let free = app.new_request().await;
    let taken = app.new_request().await;
    let seen_version = 1;
    app.post(&format!("/v1/requests/{taken}/assign"), AGENT2, json!({"to": "me"})).await.expect(StatusCode::OK);
    let mine = app.request_in("assigned").await;
    let closed = app.request_in("closed").await;
    let body = json!({"action": "assign", "items": [
        {"id": free, "to": "agent@fixture.test", "if_version": 1},
        {"id": taken, "to": "agent@fixture.test", "if_version": seen_version},
        {"id": mine, "to": "agent@fixture.test"},
        {"id": closed, "to": "agent@fixture.test"},
        {"id": 999999, "to": "agent@fixture.test"},
        {"id": free, "to": "nobody@fixture.test"},
        {"id": free},
    ]});
    let results = app.post("/v1/requests/batch", ADMIN, body).await.expect(StatusCode::OK);
    let outcomes: Vec<&str> =
        results["results"].as_array().unwrap().iter().map(|r| r["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["ok", "conflict", "unchanged", "conflict", "not_found", "not_found", "invalid"]);
    assert_eq!(results["results"][0]["request"]["assignee"]["email"], "agent@fixture.test");
    assert!(results["results"][1]["error"]["message"].as_str().unwrap().contains("changed since you read it"));
    let taken_now = app.get(&format!("/v1/requests/{taken}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(taken_now["assignee"]["email"], "agent2@fixture.test", "a conflict must not overwrite");

    let forbidden = app
        .post("/v1/requests/batch", AGENT, json!({"action": "resolve", "items": [{"id": taken}]}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(forbidden["results"][0]["outcome"], "forbidden");
    let items: Vec<Value> = (0..1001).map(|i| json!({"id": i + 1})).collect();
    let too_many = app.post("/v1/requests/batch", ADMIN, json!({"action": "unassign", "items": items})).await;
    assert_eq!((too_many.status, too_many.code()), (StatusCode::BAD_REQUEST, "invalid_input"));
    assert!(too_many.message().contains("in chunks"));
}

#[tokio::test]
async fn notes_append_until_the_request_is_archived() {
    let Some(app) = spawn_app() else { return };
    let id = app.new_request().await;
    let note =
        app.post(&format!("/v1/requests/{id}/notes"), AGENT2, json!({"body": "  Called back, no answer.  "})).await;
    let note = note.expect(StatusCode::CREATED);
    assert_eq!(note["kind"], "agent");
    assert_eq!(note["body"], "Called back, no answer.");
    assert_eq!(note["author"]["email"], "agent2@fixture.test");
    let empty = app.post(&format!("/v1/requests/{id}/notes"), AGENT2, json!({"body": "   "})).await;
    assert_eq!((empty.status, empty.code()), (StatusCode::BAD_REQUEST, "invalid_input"));
    let long = app.post(&format!("/v1/requests/{id}/notes"), AGENT2, json!({"body": "y".repeat(10_001)})).await;
    assert_eq!((long.status, long.code()), (StatusCode::BAD_REQUEST, "text_too_long"));
    let closed = app.request_in("closed").await;
    let refused = app.post(&format!("/v1/requests/{closed}/notes"), ADMIN, json!({"body": "late"})).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::CONFLICT, "invalid_transition"));
    assert!(refused.message().contains("closed"));
    assert_eq!(app.post("/v1/requests/999999/notes", ADMIN, json!({"body": "x"})).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_org_admins_change_roles_and_the_last_org_admin_stays() {
    let Some(app) = spawn_app() else { return };
    let members = app.get("/v1/members", AGENT).await.expect(StatusCode::OK);
    assert_eq!(members["items"].as_array().unwrap().len(), 5);
    let agent2 = app.member(AGENT2).email.clone();
    let patch = |who: &'static str, member: String, body: Value| {
        let app = &app;
        async move { app.call(Method::PATCH, &format!("/v1/members/{member}"), Some(app.token(who)), Some(body)).await }
    };
    let denied = patch(BOT_ADMIN, agent2.clone(), json!({"role": "org-admin"})).await;
    assert_eq!((denied.status, denied.code()), (StatusCode::FORBIDDEN, "forbidden"));
    let needs_bots = patch(ADMIN, agent2.clone(), json!({"role": "bot-admin"})).await;
    assert_eq!(needs_bots.status, StatusCode::BAD_REQUEST);
    let foreign_bot = patch(ADMIN, agent2.clone(), json!({"role": "bot-admin", "bot_ids": [app.stranger_bot]})).await;
    assert_eq!(foreign_bot.status, StatusCode::NOT_FOUND, "another organization's bot is not there to name");
    let stray_bots = patch(ADMIN, agent2.clone(), json!({"role": "agent", "bot_ids": [app.help_bot]})).await;
    assert_eq!(stray_bots.status, StatusCode::BAD_REQUEST);
    let bad_role = patch(ADMIN, agent2.clone(), json!({"role": "overlord"})).await;
    assert_eq!(bad_role.status, StatusCode::BAD_REQUEST);
    // agent2 has called already, so the server remembers who the token is; a change forgets it.
    let before = app.get("/v1/me", AGENT2).await.expect(StatusCode::OK);
    assert_eq!(before["role"], "agent");
    let promoted = patch(ADMIN, agent2.clone(), json!({"role": "bot-admin", "bot_ids": [app.community_bot]})).await;
    let promoted = promoted.expect(StatusCode::OK);
    assert_eq!(
        (promoted["role"].clone(), promoted["bot_ids"].clone()),
        (json!("bot-admin"), json!([app.community_bot]))
    );
    // The new right takes effect at once: agent2 may now assign community requests to others.
    let (discord, _) = app.visitor_request(app.community_bot, "Dee").await;
    app.post(&format!("/v1/requests/{discord}/assign"), AGENT2, json!({"to": "agent@fixture.test"}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(app.get("/v1/me", AGENT2).await.expect(StatusCode::OK)["role"], "bot-admin");
    let last = patch(ADMIN, "me".into(), json!({"role": "agent"})).await;
    assert_eq!((last.status, last.code()), (StatusCode::CONFLICT, "last_org_admin"));
}

#[tokio::test]
async fn members_set_their_own_presence() {
    let Some(app) = spawn_app() else { return };
    let answer = app
        .call(Method::PUT, "/v1/members/me/presence", Some(app.token(AGENT)), Some(json!({"presence": "away"})))
        .await
        .expect(StatusCode::OK);
    assert_eq!(answer["presence"], "away");
    let bad = app
        .call(Method::PUT, "/v1/members/me/presence", Some(app.token(AGENT)), Some(json!({"presence": "asleep"})))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let me = app.get("/v1/me", AGENT).await.expect(StatusCode::OK);
    assert_eq!(me["presence"], "away");
}

/// An agent finds "the conversation where the customer mentioned order A-1001", open or
/// archived, through the API and the CLI, and never another organization's; the list, the
/// bulk verbs and the export select by the same words.
#[tokio::test]
async fn search_finds_a_conversation_by_its_words_wherever_it_is() {
    let Some(app) = spawn_app() else { return };
    let app = &app;
    let say = |token: String, body: &'static str| {
        let path = format!("/v1/public/conversations/{token}/messages");
        async move { app.call(Method::POST, &path, None, Some(json!({"body": body}))).await }
    };
    let (id, token) = app.visitor_request(app.help_bot, "Ana Search").await;
    assert!(say(token, "Where is my order A-1001?\nI would like a refund.").await.status.is_success());
    let (theirs, their_token) = app.visitor_request(app.stranger_bot, "Other Visitor").await;
    assert!(say(their_token, "order A-1001 refund").await.status.is_success());

    let found = app.get("/v1/search?q=order%20a-1001", AGENT).await.expect(StatusCode::OK);
    let items = found["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{found}");
    assert_eq!((items[0]["request"]["id"].as_i64(), items[0]["found_in"].as_str()), (Some(id), Some("message")));
    let parts = items[0]["snippet"].as_array().unwrap();
    let text: String = parts.iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(text, "Where is my order A-1001? I would like a refund.");
    let marked: Vec<&str> = parts.iter().filter(|p| p["match"] == true).map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(marked, ["order", "A", "1001", "a"], "every word the search asked for, wherever it stands");
    let theirs_found = app.get("/v1/search?q=refund", super::support::STRANGER).await.expect(StatusCode::OK);
    let ids: Vec<i64> = theirs_found["items"].as_array().unwrap().iter().map(|i| i["request"]["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [theirs], "each organization finds its own");

    // The archive is searched too; a state filter narrows.
    for (action, who, body) in [("assign", ADMIN, json!({"to": "me"})), ("resolve", ADMIN, json!({}))] {
        app.post(&format!("/v1/requests/{id}/{action}"), who, body).await.expect(StatusCode::OK);
    }
    app.archive_everything_resolved().await;
    let archived = app.get("/v1/search?q=refund", AGENT).await.expect(StatusCode::OK);
    assert_eq!(archived["items"][0]["request"]["state"], "closed", "{archived}");
    let open = app.get("/v1/search?q=refund&state=open", AGENT).await.expect(StatusCode::OK);
    assert_eq!(open["items"], json!([]));
    let nothing = app.get("/v1/search?q=%20!%3F", AGENT).await;
    assert_eq!((nothing.status, nothing.code()), (StatusCode::BAD_REQUEST, "invalid_input"));
    assert!(nothing.message().contains("no word to look for"), "{}", nothing.message());

    // The CLI: rows when piped, JSON for scripts.
    let out = app.cli(&["requests", "search", "A-1001 refund"]).success();
    assert_eq!(out.stdout, format!("{id}\tAna Search\tclosed\tmessage\tWhere is my order A-1001? I would like a refund.\n"));
    let json = app.cli(&["requests", "search", "refund", "--json"]).success().json();
    assert_eq!(json[0]["request"]["id"], id);
    let refused = app.cli(&["requests", "search", "?!"]).exit(2);
    assert!(refused.stderr.contains("no word to look for"), "{refused:?}");

    // The same words select for list, export and the bulk verbs.
    let listed = app.cli(&["requests", "list", "--search", "a-1001", "--state", "all", "--json"]).success().json();
    assert_eq!(listed.as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect::<Vec<_>>(), [id]);
    let exported = app.cli(&["requests", "export", "--search", "A-1001", "-o", "-"]).success();
    let lines: Vec<Value> = exported.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.iter().map(|r| r["id"].as_i64().unwrap()).collect::<Vec<_>>(), [id]);
    let (zebra, _) = app.visitor_request(app.help_bot, "Quincy Zebra").await;
    let taken = app.cli(&["requests", "assign", "--search", "quincy zebra", "--to", "me", "--json"]).success().json();
    let taken: Vec<i64> = taken.as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(taken, [zebra], "only the request that holds the words");
}
