//! Running a team, through the real CLI and API: invitations, removing members, tokens,
//! bots with their forms and texts, integration keys, and a visitor's identity.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::support::{ADMIN, AGENT, AGENT2, BOT_ADMIN, STRANGER, run_livechat, spawn_app};

#[tokio::test]
async fn an_invited_agent_joins_from_their_own_config_and_leaves_with_their_requests_moved() {
    let Some(app) = spawn_app() else { return };
    let invited =
        app.cli(&["members", "add", "sam@fixture.test", "--role", "agent", "--name", "Sam Lee", "--json"]).success();
    let code = invited.json()["code"].as_str().unwrap().to_string();
    assert!(code.starts_with("lci_"), "{invited:?}");
    let human = app.cli(&["members", "add", "kim@fixture.test", "--role", "agent"]).success();
    assert!(human.stderr.contains("auth login --invite"), "{human:?}");
    let again = app.cli(&["members", "add", "sam@fixture.test", "--role", "agent"]).exit(1);
    assert!(again.stderr.contains("pending invitation"), "{again:?}");
    let pending = app.cli(&["members", "invitations", "--json"]).success().json();
    assert_eq!(pending[0]["status"], "pending");
    let denied = app.cli(&["--profile", AGENT, "members", "add", "eve@fixture.test", "--role", "org-admin"]).exit(4);
    assert!(denied.stderr.contains("only org admins"), "{denied:?}");

    // Sam logs in from a machine of their own; the admin never sees Sam's token.
    let sams = tempfile::tempdir().unwrap();
    let login = run_livechat(sams.path(), &["auth", "login", "--invite", &code, "--url", &app.url], None, &[]);
    assert_eq!(login.code, 0, "{login:?}");
    assert!(login.stderr.contains("Joined Fixture Org as Sam Lee"), "{login:?}");
    let status = run_livechat(sams.path(), &["auth", "status", "--json"], None, &[]).success().json();
    assert_eq!((status["member"]["email"].clone(), status["member"]["role"].clone()), (json!("sam@fixture.test"), json!("agent")));
    let reused = run_livechat(sams.path(), &["auth", "login", "--invite", &code, "--url", &app.url], None, &[]);
    assert_eq!(reused.code, 1, "{reused:?}");
    assert!(reused.stderr.contains("accepted"), "{reused:?}");
    let accepted = app.cli(&["members", "invitations", "--json"]).success().json();
    assert_eq!(accepted[0]["status"], "accepted");

    // Sam starts offline, as every new member does, takes two requests and so comes online
    // (regression: the bot told Sam's visitors that nobody was online), and chats on one.
    let presence = |members: Value| {
        members.as_array().unwrap().iter().find(|m| m["email"] == "sam@fixture.test").unwrap()["presence"].clone()
    };
    assert_eq!(presence(app.cli(&["members", "list", "--json"]).success().json()), "offline");
    let (first, second) = (app.new_request().await, app.new_request().await);
    for id in [first, second] {
        run_livechat(sams.path(), &["requests", "assign", &id.to_string(), "--to", "me"], None, &[]).success();
    }
    assert_eq!(presence(app.cli(&["members", "list", "--json"]).success().json()), "online");
    run_livechat(sams.path(), &["requests", "chat", &first.to_string(), "--send", "Hello"], None, &[]).success();

    let refused = app.cli(&["members", "remove", "sam@fixture.test"]).exit(1);
    assert!(refused.stderr.contains("holds 2 open requests"), "{refused:?}");
    assert!(refused.stderr.contains("--reassign-to"), "{refused:?}");
    let yourself = app.cli(&["members", "remove", "me"]).exit(1);
    assert!(yourself.stderr.contains("cannot remove yourself"), "{yourself:?}");

    let removed = app.cli(&["members", "remove", "sam@fixture.test", "--reassign-to", "none", "--json"]).success();
    let removed = removed.json();
    let outcomes: Vec<&Value> = removed["reassigned"].as_array().unwrap().iter().map(|r| &r["outcome"]).collect();
    assert_eq!(outcomes, [&json!("ok"), &json!("ok")], "{removed}");
    assert!(removed["member"]["removed_at"].is_string());
    for id in [first, second] {
        let request = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
        assert_eq!((request["state"].clone(), request["assignee"].clone()), (json!("new"), Value::Null));
        let held: Vec<&Value> = request["timeline"].as_array().unwrap().iter().map(|e| &e["assignee"]["name"]).collect();
        assert!(held.contains(&&json!("Sam Lee")), "the history still names Sam: {request}");
    }
    let chatted = app.get(&format!("/v1/requests/{first}"), ADMIN).await.expect(StatusCode::OK);
    let lines: Vec<&str> = chatted["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert!(lines.contains(&"Sam Lee left the chat. The bot is back."), "the agent leaves, not the admin: {lines:?}");

    // Sam's token stops at once; Sam is gone from the list but can still be looked up.
    let out = run_livechat(sams.path(), &["requests", "list"], None, &[]);
    assert_eq!(out.code, 4, "{out:?}");
    let members = app.cli(&["members", "list", "--json"]).success().json();
    assert!(!members.as_array().unwrap().iter().any(|m| m["email"] == "sam@fixture.test"), "{members}");
    let shown = app.cli(&["members", "show", "sam@fixture.test"]).success();
    assert!(shown.stdout.contains("removed:"), "{shown:?}");
    let assign = app.post(&format!("/v1/requests/{first}/assign"), ADMIN, json!({"to": "sam@fixture.test"})).await;
    assert_eq!((assign.status, assign.code()), (StatusCode::CONFLICT, "member_removed"));
    let bulk = app.cli(&["requests", "assign", &first.to_string(), "--to", "sam@fixture.test", "--yes"]).exit(2);
    assert!(bulk.stderr.contains("sam@fixture.test was removed"), "checked before any change: {bulk:?}");

    // Invited again, Sam comes back as the same member, with a new token.
    let code = app.cli(&["members", "add", "sam@fixture.test", "--role", "agent", "--json"]).success().json()["code"]
        .as_str()
        .unwrap()
        .to_string();
    run_livechat(sams.path(), &["auth", "login", "--invite", &code, "--url", &app.url], None, &[]).success();
    let back = run_livechat(sams.path(), &["auth", "status", "--json"], None, &[]).success().json();
    assert_eq!(back["member"]["id"], removed["member"]["id"]);

    // Revoked invitations stop working; other organizations' invitations are not found.
    let code = app.cli(&["members", "add", "lou@fixture.test", "--role", "agent", "--json"]).success().json();
    let id = code["id"].as_i64().unwrap().to_string();
    let strangers = app.call(Method::DELETE, &format!("/v1/invitations/{id}"), Some(app.token(STRANGER)), None).await;
    assert_eq!(strangers.status, StatusCode::NOT_FOUND);
    app.cli(&["members", "invitations", "revoke", &id]).success();
    let lous = tempfile::tempdir().unwrap();
    let code = code["code"].as_str().unwrap();
    let late = run_livechat(lous.path(), &["auth", "login", "--invite", code, "--url", &app.url], None, &[]);
    assert!(late.code == 1 && late.stderr.contains("revoked"), "{late:?}");
}

#[tokio::test]
async fn tokens_are_named_expire_and_stop_working_the_moment_they_are_revoked() {
    let Some(app) = spawn_app() else { return };
    let created = app.cli(&["auth", "tokens", "create", "--name", "ci backlog", "--expires", "90d", "--json"]);
    let created = created.success().json();
    let (token, id) = (created["token"].as_str().unwrap().to_string(), created["id"].as_i64().unwrap());
    assert!(created["expires_at"].is_string());
    let with = |token: &str, args: &[&str]| {
        let mut all = vec!["--token", token];
        all.extend_from_slice(args);
        app.cli(&all)
    };
    with(&token, &["requests", "list"]).success();
    let listed = app.cli(&["auth", "tokens", "list", "--json"]).success().json();
    let names: Vec<&str> = listed.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"ci backlog"), "{listed}");
    let mine = with(&token, &["auth", "tokens", "list", "--json"]).success().json();
    let current: Vec<&Value> = mine.as_array().unwrap().iter().filter(|t| t["current"] == true).collect();
    assert_eq!(current[0]["id"], id, "{mine}");
    assert!(current[0]["last_used_at"].is_string(), "{mine}");

    let itself = with(&token, &["auth", "tokens", "revoke", &id.to_string()]).exit(1);
    assert!(itself.stderr.contains("the one making this call"), "{itself:?}");
    app.cli(&["auth", "tokens", "revoke", &id.to_string()]).success();
    let out = with(&token, &["requests", "list"]);
    assert_eq!(out.code, 4, "revoked at once: {out:?}");

    // Agents see and revoke only their own; org admins anyone's in their organization.
    let denied = app.cli(&["--profile", AGENT, "auth", "tokens", "list", "--all"]).exit(4);
    assert!(denied.stderr.contains("only org admins"), "{denied:?}");
    let admins = app.cli(&["auth", "tokens", "list", "--json"]).success().json();
    let admin_token = admins[0]["id"].as_i64().unwrap().to_string();
    app.cli(&["--profile", AGENT, "auth", "tokens", "revoke", &admin_token]).exit(1);
    let strangers = app.call(Method::DELETE, &format!("/v1/tokens/{admin_token}"), Some(app.token(STRANGER)), None).await;
    assert_eq!(strangers.status, StatusCode::NOT_FOUND);
    let everyone = app.cli(&["auth", "tokens", "list", "--all", "--json"]).success().json();
    let agents = everyone.as_array().unwrap().iter().find(|t| t["member_email"] == "agent2@fixture.test").unwrap();
    app.cli(&["auth", "tokens", "revoke", &agents["id"].to_string()]).success();
    app.cli(&["--profile", AGENT2, "requests", "list"]).exit(4);

    // An expired token answers 401 like a revoked one.
    let brief = app.post("/v1/tokens", ADMIN, json!({"name": "brief", "expires_in": "1s"})).await;
    let brief = brief.expect(StatusCode::CREATED)["token"].as_str().unwrap().to_string();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let expired = app.call(Method::GET, "/v1/me", Some(&brief), None).await;
    assert_eq!((expired.status, expired.code()), (StatusCode::UNAUTHORIZED, "unauthorized"));
    assert!(expired.message().contains("expired"), "{}", expired.message());
}

fn three_field_form() -> Value {
    json!({"fields": [
        {"key": "name", "label": "Your name", "kind": "text", "required": true},
        {"key": "order_number", "label": "Order number", "kind": "text", "required": true},
        {"key": "topic", "label": "Topic", "kind": "select", "options": ["billing", "shipping"], "required": false}
    ]})
}

#[tokio::test]
async fn bots_carry_their_channels_texts_and_form_and_the_server_checks_answers_against_it() {
    let Some(app) = spawn_app() else { return };
    let bot = app.cli(&["bots", "create", "Shop Help", "--channel", "web,discord", "--json"]).success().json();
    let id = bot["id"].as_i64().unwrap().to_string();
    assert_eq!(bot["channels"], json!(["web", "discord"]));
    let keys: Vec<&str> = bot["form"]["fields"].as_array().unwrap().iter().map(|f| f["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["name", "email", "message"], "a new bot's form");
    app.cli(&["--profile", AGENT, "bots", "create", "Mine", "--channel", "web"]).exit(4);

    let file = app.dir.path().join("form.json");
    std::fs::write(&file, three_field_form().to_string()).unwrap();
    app.cli(&["bots", "form", "set", &id, "--file", file.to_str().unwrap()]).success();
    assert_eq!(app.cli(&["bots", "form", "show", &id, "--json"]).success().json(), three_field_form());
    std::fs::write(&file, r#"{"fields": [{"key": "Topic", "label": "T", "kind": "text"}]}"#).unwrap();
    let bad = app.cli(&["bots", "form", "set", &id, "--file", file.to_str().unwrap()]).exit(2);
    assert!(bad.stderr.contains("field 1 (`Topic`) has a bad key"), "{bad:?}");
    app.cli(&["bots", "form", "set", &id, "--field", "name:Name:text:required", "--field", "order_number:Order:number"])
        .success();
    // Regression: a file holding the list of fields alone was "invalid type: map, expected a
    // sequence"; it is the form's fields.
    std::fs::write(&file, three_field_form()["fields"].to_string()).unwrap();
    app.cli(&["bots", "form", "set", &id, "--file", file.to_str().unwrap()]).success();
    assert_eq!(app.cli(&["bots", "form", "show", &id, "--json"]).success().json(), three_field_form());

    // The server checks each submission against the form, naming the field at fault.
    let submit = |body: Value| {
        let (app, id) = (&app, &id);
        async move { app.call(Method::POST, &format!("/v1/public/bots/{id}/requests"), None, Some(body)).await }
    };
    let missing = submit(json!({"name": "Ola"})).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.message().contains("`order_number` (Order number) is required"), "{}", missing.message());
    let wrong = submit(json!({"name": "Ola", "order_number": "A-1", "topic": "refunds"})).await;
    assert!(wrong.message().contains("must be one of: billing, shipping"), "{}", wrong.message());
    let unknown = submit(json!({"name": "Ola", "order_number": "A-1", "message": "hi"})).await;
    assert!(unknown.message().contains("no field `message`"), "{}", unknown.message());
    let created = submit(json!({"topic": "shipping", "order_number": "A-1", "name": "Ola"})).await;
    let request = created.expect(StatusCode::CREATED)["request_id"].as_i64().unwrap();
    let detail = app.get(&format!("/v1/requests/{request}"), AGENT).await.expect(StatusCode::OK);
    assert_eq!(detail["title"], "Ola");
    let fields: Vec<&str> =
        detail["notes"][0]["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "order_number", "topic"], "the form note keeps the form's order");
    let page = app.http.get(format!("{}/chat/{id}", app.url)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("\"label\":\"Order number\""), "the page renders the stored form");

    // Texts: the presence-aware reply when nobody is online, and the joined and left lines.
    app.cli(&["bots", "update", &id, "--offline-reply", "We are away until 9:00.", "--agent-joined", "{agent} is here."])
        .success();
    for profile in [AGENT, BOT_ADMIN] {
        app.cli(&["--profile", profile, "members", "presence", "offline"]).success();
    }
    let created = submit(json!({"name": "Pat", "order_number": "A-2"})).await.expect(StatusCode::CREATED);
    let request = created["request_id"].as_i64().unwrap();
    app.cli(&["--profile", AGENT, "requests", "assign", &request.to_string(), "--to", "me"]).success();
    app.cli(&["--profile", AGENT, "requests", "chat", &request.to_string(), "--send", "Hi Pat"]).success();
    let detail = app.get(&format!("/v1/requests/{request}"), AGENT).await.expect(StatusCode::OK);
    let bodies: Vec<&str> = detail["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert_eq!(bodies[..2], ["We are away until 9:00.", "Abe Agent is here."], "{bodies:?}");

    // Bot admins change only their own bots; other organizations see none of them.
    let help = app.help_bot.to_string();
    app.cli(&["--profile", BOT_ADMIN, "bots", "update", &help, "--queue-reply", "Hang on!"]).success();
    app.cli(&["--profile", BOT_ADMIN, "bots", "update", &id, "--name", "Mine now"]).exit(4);
    let strangers = app.call(Method::GET, &format!("/v1/bots/{id}"), Some(app.token(STRANGER)), None).await;
    assert_eq!(strangers.status, StatusCode::NOT_FOUND);
    let stranger_form = app
        .call(Method::PUT, &format!("/v1/bots/{id}/form"), Some(app.token(STRANGER)), Some(three_field_form()))
        .await;
    assert_eq!(stranger_form.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn integration_keys_vouch_for_channel_users_and_a_form_renames_nobody() {
    let Some(app) = spawn_app() else { return };
    let bot = app.community_bot.to_string();
    let created = app.cli(&["bots", "keys", "create", &bot, "--name", "gateway", "--json"]).success().json();
    let key = created["key"].as_str().unwrap().to_string();
    assert!(key.starts_with("lck_"));
    let listed = app.cli(&["bots", "keys", "list", &bot, "--json"]).success().json();
    assert_eq!(listed[0]["name"], "gateway");
    app.cli(&["--profile", AGENT, "bots", "keys", "list", &bot]).exit(4);

    // The real visitor, through the integration.
    let answers = json!({"name": "Rae Real", "email": "rae@example.com", "message": "refund please"});
    let real = app.integration_request(&key, "discord", "disc-1", answers).await.expect(StatusCode::CREATED);
    let real_id = real["request_id"].as_i64().unwrap();
    app.post(&format!("/v1/requests/{real_id}/resolve"), ADMIN, json!({})).await.expect(StatusCode::OK);
    app.archive_everything_resolved().await;

    // The spoof: the public form cannot name that visitor at all.
    let spoof = json!({"user_id": "disc-1", "name": "Ivy Impostor", "email": "ivy@evil.test", "message": "hi"});
    for bot in [app.community_bot, app.help_bot] {
        let answer = app.call(Method::POST, &format!("/v1/public/bots/{bot}/requests"), None, Some(spoof.clone())).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
        assert!(answer.message().contains("does not take `user_id`"), "{}", answer.message());
    }
    // Even a vouched-for request says its own name only: the archived request keeps the visitor's.
    let later = json!({"name": "Rae Renamed", "email": "new@example.com", "message": "me again"});
    let later = app.integration_request(&key, "discord", "disc-1", later).await.expect(StatusCode::CREATED);
    let first = app.get(&format!("/v1/requests/{real_id}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!((first["title"].clone(), first["visitor"]["name"].clone()), (json!("Rae Real"), json!("Rae Real")));
    assert_eq!(first["visitor"]["email"], "rae@example.com");
    let second = app.get(&format!("/v1/requests/{}", later["request_id"]), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(second["visitor"]["name"], "Rae Renamed");
    assert_eq!(second["earlier_conversations"][0]["request_id"], real_id, "a vouched-for visitor's history joins");

    // Two web visitors who give the same name are two visitors.
    let (a, _) = app.visitor_request(app.help_bot, "Sam Same").await;
    let (b, _) = app.visitor_request(app.help_bot, "Sam Same").await;
    let b = app.get(&format!("/v1/requests/{b}"), ADMIN).await.expect(StatusCode::OK);
    let a = app.get(&format!("/v1/requests/{a}"), ADMIN).await.expect(StatusCode::OK);
    assert_ne!(a["visitor"]["id"], b["visitor"]["id"]);
    assert_eq!(b["earlier_conversations"], json!([]));
    // A key holder naming a web visitor's id gets a visitor of its own, not theirs.
    let web_id = a["visitor"]["user_id"].as_str().unwrap();
    let help_key = app.integration_key(app.help_bot).await;
    let claimed = app.integration_request(&help_key, "messenger", web_id, json!({"message": "hi"})).await;
    let claimed = app.get(&format!("/v1/requests/{}", claimed.expect(StatusCode::CREATED)["request_id"]), ADMIN).await;
    let claimed = claimed.expect(StatusCode::OK);
    assert_ne!(claimed["visitor"]["id"], a["visitor"]["id"]);
    assert_eq!(claimed["earlier_conversations"], json!([]));

    // Keys answer for their own bot only, and stop when revoked.
    let web = app.integration_request(&key, "web", "disc-9", json!({"message": "hi"})).await;
    assert_eq!((web.status, web.code()), (StatusCode::CONFLICT, "not_deployed"));
    let key_id = created["id"].to_string();
    app.cli(&["bots", "keys", "revoke", &bot, &key_id]).success();
    let revoked = app.integration_request(&key, "discord", "disc-2", json!({"message": "hi"})).await;
    assert_eq!(revoked.status, StatusCode::UNAUTHORIZED);
    let members_token = app.integration_request(app.token(ADMIN), "discord", "disc-2", json!({"message": "hi"})).await;
    assert_eq!(members_token.status, StatusCode::UNAUTHORIZED, "a member's token is not a bot's key");
}

/// Regression: the unique index was case-sensitive while every lookup ignored case, so
/// `Casey@…` and `casey@…` could be two invitations and two members.
#[tokio::test]
async fn an_email_is_one_person_in_any_case() {
    let Some(app) = spawn_app() else { return };
    let invited = app.cli(&["members", "add", "Casey.Doe@Fixture.TEST", "--role", "agent", "--json"]).success();
    let invited = invited.json();
    assert_eq!(invited["email"], "casey.doe@fixture.test", "stored normalized: {invited}");
    let again = app.cli(&["members", "add", "casey.doe@fixture.test", "--role", "agent"]).exit(1);
    assert!(again.stderr.contains("pending invitation"), "{again:?}");
    let code = invited["code"].as_str().unwrap();
    let joined = app.call(Method::POST, "/v1/invitations/accept", None, Some(json!({"code": code}))).await;
    joined.expect(StatusCode::CREATED);
    let member = app.cli(&["members", "show", "CASEY.DOE@fixture.test", "--json"]).success().json();
    assert_eq!(member["email"], "casey.doe@fixture.test");
    let twice = app.cli(&["members", "add", "CASEY.DOE@FIXTURE.TEST", "--role", "agent"]).exit(1);
    assert!(twice.stderr.contains("already member"), "{twice:?}");
    let role = app.cli(&["members", "role", "Casey.Doe@FIXTURE.test", "bot-admin", "--bot", &app.help_bot.to_string()]);
    role.success();
}
