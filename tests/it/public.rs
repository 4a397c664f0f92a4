//! The visitor's side: the request form, the conversation, the bot's answers, reopening and
//! the archive sweep.

use std::time::Duration;

use jiff::SignedDuration;
use livechat::server::ServerConfig;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::support::{ADMIN, AGENT, AGENT2, TestApp, spawn_app, spawn_app_with};

async fn visitor_says(app: &TestApp, token: &str, body: &str) -> crate::support::Answer {
    app.call(Method::POST, &format!("/v1/public/conversations/{token}/messages"), None, Some(json!({"body": body})))
        .await
}

async fn senders(app: &TestApp, id: i64) -> Vec<String> {
    let detail = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
    detail["messages"].as_array().unwrap().iter().map(|m| m["sender"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn the_form_opens_a_new_request_with_a_form_note_and_a_conversation_token() {
    let Some(app) = spawn_app() else { return };
    let form = json!({"name": "Nia", "email": "nia@example.com", "message": "Where is my parcel?", "order_number": 8812, "vip": "yes", "order": ""});
    let created = app
        .call(Method::POST, &format!("/v1/public/bots/{}/requests", app.help_bot), None, Some(form))
        .await
        .expect(StatusCode::CREATED);
    let id = created["request_id"].as_i64().unwrap();
    assert!(created["conversation_token"].as_str().unwrap().starts_with("lcv_"));
    let detail = app.get(&format!("/v1/requests/{id}"), AGENT).await.expect(StatusCode::OK);
    assert_eq!(
        (detail["state"].clone(), detail["title"].clone(), detail["channel"].clone()),
        (json!("new"), json!("Nia"), json!("web"))
    );
    let fields = &detail["notes"][0]["fields"];
    assert_eq!(fields.as_array().unwrap().len(), 5, "empty fields are dropped: {fields}");
    assert_eq!(fields[2], json!({"name": "order_number", "value": "8812"}), "in the form's order");
    assert_eq!(detail["messages"][0]["body"], "Where is my parcel?");
    assert_eq!(detail["messages"][1]["sender"], "bot");

    // Through an integration key, the channel's user id names the visitor; with no name,
    // it titles the request.
    let key = app.integration_key(app.community_bot).await;
    let anonymous = app.integration_request(&key, "discord", "disc-77", json!({"message": "hi"})).await;
    let anonymous = anonymous.expect(StatusCode::CREATED);
    let detail = app.get(&format!("/v1/requests/{}", anonymous["request_id"]), ADMIN).await.expect(StatusCode::OK);
    assert_eq!((detail["title"].clone(), detail["channel"].clone()), (json!("discord:disc-77"), json!("discord")));
    assert_eq!(detail["visitor"]["user_id"], "discord:disc-77", "the channel's id, named by channel");
}

#[tokio::test]
async fn bad_forms_are_refused_clearly() {
    let Some(app) = spawn_app() else { return };
    let post = |bot: i64, body: Value| {
        let app = &app;
        async move { app.call(Method::POST, &format!("/v1/public/bots/{bot}/requests"), None, Some(body)).await }
    };
    let nowhere = post(424242, json!({"name": "x"})).await;
    assert_eq!((nowhere.status, nowhere.code()), (StatusCode::NOT_FOUND, "not_found"));
    for body in [
        json!({"email": "not-an-address"}),
        json!({"name": {"first": "Nested"}}),
        json!({"channel": "web", "message": "hi"}),
        json!({"user_id": "someone-else", "message": "hi"}),
        json!({"message": "hi", "order_number": "twelve"}),
        json!({"message": "hi", "vip": true}),
        json!({"message": "a NUL \u{0} inside"}),
        json!({"message": "hi", "": "a field with no name"}),
        json!({"note": "z".repeat(2001)}),
        json!(["not", "an", "object"]),
        json!({}),
        json!({"name": "No Message"}),
        json!({"name": "Blank", "message": "   "}),
    ] {
        let answer = post(app.help_bot, body.clone()).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}: {}", answer.body);
        assert_eq!(answer.code(), "invalid_input");
    }
    // Regression: a form with two problems named only the first.
    let both = post(app.help_bot, json!({"name": "Two Problems", "order_number": "twelve"})).await;
    let said = both.message();
    assert!(said.contains("`order_number`") && said.contains("`message` (How can we help?) is required"), "{said}");
    let elsewhere = post(app.community_bot, json!({"message": "hi"})).await;
    assert_eq!((elsewhere.status, elsewhere.code()), (StatusCode::CONFLICT, "not_deployed"));
    let ghost = visitor_says(&app, "lcv_nothing", "hello?").await;
    assert_eq!((ghost.status, ghost.code()), (StatusCode::NOT_FOUND, "not_found"));
}

#[tokio::test]
async fn the_bot_answers_until_an_agent_chats_and_resumes_after() {
    let Some(app) = spawn_app() else { return };
    let (id, token) = app.visitor_request(app.help_bot, "Bo Visitor").await;
    let answer = visitor_says(&app, &token, "anyone there?").await.expect(StatusCode::CREATED);
    assert_eq!(answer["state"], "new");
    assert!(answer["reply"].as_str().unwrap().contains("queue"));

    app.post(&format!("/v1/requests/{id}/assign"), AGENT, json!({"to": "me"})).await.expect(StatusCode::OK);
    let answer = visitor_says(&app, &token, "still waiting").await.expect(StatusCode::CREATED);
    assert!(answer["reply"].as_str().unwrap().contains("Abe Agent will join"), "{answer}");

    app.post(&format!("/v1/requests/{id}/chat/start"), AGENT, json!({})).await.expect(StatusCode::OK);
    let answer = visitor_says(&app, &token, "hi!").await.expect(StatusCode::CREATED);
    assert_eq!((answer["state"].clone(), answer["reply"].clone()), (json!("chatting"), Value::Null));
    let sent =
        app.post(&format!("/v1/requests/{id}/messages"), AGENT, json!({"body": "Hello Bo, how can I help?"})).await;
    let sent = sent.expect(StatusCode::CREATED);
    assert_eq!((sent["sender"].clone(), sent["sender_name"].clone()), (json!("agent"), json!("Abe Agent")));
    let other = app.post(&format!("/v1/requests/{id}/messages"), AGENT2, json!({"body": "me too"})).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);

    app.post(&format!("/v1/requests/{id}/chat/end"), AGENT, json!({})).await.expect(StatusCode::OK);
    let answer = visitor_says(&app, &token, "thanks").await.expect(StatusCode::CREATED);
    assert!(answer["reply"].is_string(), "the bot is back after the chat: {answer}");
    assert_eq!(
        senders(&app, id).await,
        [
            "visitor", "bot", "visitor", "bot", "visitor", "bot", "system", "visitor", "agent", "system", "visitor",
            "bot"
        ]
    );
    let transcript =
        app.call(Method::GET, &format!("/v1/public/conversations/{token}"), None, None).await.expect(StatusCode::OK);
    assert_eq!(transcript["messages"].as_array().unwrap().len(), 12);
    assert!(transcript.get("notes").is_none(), "visitors never see staff notes");
}

#[tokio::test]
async fn a_resolved_request_reopens_and_a_closed_one_gives_way_to_a_new_request() {
    let Some(app) = spawn_app() else { return };
    let (id, token) = app.visitor_request(app.help_bot, "Rae Visitor").await;
    app.post(&format!("/v1/requests/{id}/assign"), AGENT, json!({"to": "me"})).await.expect(StatusCode::OK);
    app.post(&format!("/v1/requests/{id}/resolve"), AGENT, json!({"note": "answered"})).await.expect(StatusCode::OK);
    let answer = visitor_says(&app, &token, "one more thing").await.expect(StatusCode::CREATED);
    assert_eq!((answer["request_id"].as_i64(), answer["state"].clone()), (Some(id), json!("new")));
    let detail = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!((detail["assignee"].clone(), detail["resolved_at"].clone()), (Value::Null, Value::Null));
    let last = detail["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["from"].clone(), last["to"].clone(), last["actor"]["kind"].clone()),
        (json!("resolved"), json!("new"), json!("visitor"))
    );

    app.post(&format!("/v1/requests/{id}/resolve"), ADMIN, json!({})).await.expect(StatusCode::OK);
    assert_eq!(app.archive_everything_resolved().await, 1);
    let answer = visitor_says(&app, &token, "hello again").await.expect(StatusCode::CREATED);
    let new_id = answer["request_id"].as_i64().unwrap();
    assert_ne!(new_id, id);
    assert_eq!(answer["state"], "new");
    let detail = app.get(&format!("/v1/requests/{new_id}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(detail["title"], "Rae Visitor");
    assert_eq!(detail["earlier_conversations"][0]["request_id"].as_i64(), Some(id));
    assert_eq!(detail["earlier_conversations"][0]["state"], "closed");
    assert!(detail["earlier_conversations"][0]["messages"].as_array().unwrap().len() >= 4);
}

#[tokio::test]
async fn the_archiver_closes_resolved_requests_after_the_window_and_not_before() {
    let Some(app) = spawn_app() else { return };
    let id = app.request_in("resolved").await;
    assert_eq!(app.archive_due().await, 0, "the default window is 24 hours");
    let detail = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(detail["state"], "resolved");

    let Some(instant) = spawn_app_with(ServerConfig { archive_after: SignedDuration::ZERO, ..ServerConfig::default() }) else { return };
    let id = instant.request_in("resolved").await;
    // `0` archives at once: the server's archiver wakes on the resolve. Poll, never sleep blind.
    let mut state = Value::Null;
    for _ in 0..100 {
        state = instant.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK)["state"].clone();
        if state == "closed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(state, "closed");
    let detail = instant.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
    assert!(detail["closed_at"].is_string() && detail["resolved_at"].is_string());
    let last = detail["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["to"].clone(), last["actor"]["kind"].clone()), (json!("closed"), json!("server")));
}

#[tokio::test]
async fn callers_past_their_rate_are_refused_with_when_to_come_back() {
    use livechat::server::limits::RateLimits;
    use std::num::NonZeroU32;
    let rate_limits = RateLimits {
        per_address: NonZeroU32::new(5),
        per_bot: NonZeroU32::new(50),
        per_token: NonZeroU32::new(3),
        open_per_address: None,
    };
    let Some(app) = spawn_app_with(ServerConfig { rate_limits, ..ServerConfig::default() }) else { return };
    let form = json!({"name": "Quick Visitor", "message": "hello"});
    let path = format!("/v1/public/bots/{}/requests", app.help_bot);
    for _ in 0..5 {
        app.call(Method::POST, &path, None, Some(form.clone())).await.expect(StatusCode::CREATED);
    }
    let resp = app.http.post(format!("{}{path}", app.url)).json(&form).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = resp.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    assert!(body["error"]["message"].as_str().unwrap().contains("too many calls from your address"), "{body}");

    for _ in 0..3 {
        app.get("/v1/requests", ADMIN).await.expect(StatusCode::OK);
    }
    let limited = app.get("/v1/requests", ADMIN).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    app.get("/v1/requests", AGENT).await.expect(StatusCode::OK);

    let metrics = app.metrics().await;
    assert!(metrics.contains(r#"livechat_rate_limited_total{limit="address"} 1"#), "{metrics}");
    assert!(metrics.contains(r#"livechat_rate_limited_total{limit="token"} 1"#), "{metrics}");
}

#[tokio::test]
async fn one_address_holds_only_so_many_open_requests_and_a_visitor_one() {
    use livechat::server::limits::RateLimits;
    let rate_limits = RateLimits { open_per_address: std::num::NonZeroU32::new(2), ..RateLimits::OFF };
    let Some(app) = spawn_app_with(ServerConfig { rate_limits, ..ServerConfig::default() }) else { return };
    let path = format!("/v1/public/bots/{}/requests", app.help_bot);
    let form = json!({"name": "Busy Visitor", "message": "hello"});
    let mut opened = Vec::new();
    for _ in 0..2 {
        let created = app.call(Method::POST, &path, None, Some(form.clone())).await.expect(StatusCode::CREATED);
        opened.push(created["request_id"].as_i64().unwrap());
    }
    let refused = app.call(Method::POST, &path, None, Some(form.clone())).await;
    assert_eq!((refused.status, refused.code()), (StatusCode::TOO_MANY_REQUESTS, "too_many_open_requests"));
    assert!(refused.message().contains("wait until staff answer one"), "{}", refused.message());

    // Staff resolving one frees a place.
    app.post(&format!("/v1/requests/{}/resolve", opened[0]), ADMIN, json!({})).await.expect(StatusCode::OK);
    app.call(Method::POST, &path, None, Some(form)).await.expect(StatusCode::CREATED);
    let metrics = app.metrics().await;
    assert!(metrics.contains(r#"livechat_rate_limited_total{limit="open_requests"} 1"#), "{metrics}");

    // A visitor the platform names has one open request at a time.
    let Some(app) = spawn_app() else { return };
    let key = app.integration_key(app.community_bot).await;
    let known = json!({"message": "hi"});
    let first = app.integration_request(&key, "discord", "disc-5", known.clone()).await.expect(StatusCode::CREATED);
    let again = app.integration_request(&key, "discord", "disc-5", known).await;
    assert_eq!((again.status, again.code()), (StatusCode::CONFLICT, "already_open"));
    assert!(again.message().contains(&format!("#{}", first["request_id"])), "{}", again.message());
}

/// Regression: the chat page sent no CSP, framing rule, nosniff or Referrer-Policy.
#[tokio::test]
async fn the_chat_page_is_framed_only_by_the_sites_its_bot_lists() {
    let Some(app) = spawn_app() else { return };
    let page = |bot: i64| {
        let http = app.http.clone();
        let url = format!("{}/chat/{bot}", app.url);
        async move { http.get(url).send().await.unwrap() }
    };
    let header = |r: &reqwest::Response, name: &str| {
        r.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
    };
    let plain = page(app.help_bot).await;
    assert_eq!(plain.status(), StatusCode::OK);
    let policy = header(&plain, "content-security-policy");
    for part in ["default-src 'none'", "script-src 'sha256-", "style-src 'sha256-", "frame-ancestors 'none'"] {
        assert!(policy.contains(part), "{part} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(header(&plain, "x-frame-options"), "DENY");
    assert_eq!(header(&plain, "x-content-type-options"), "nosniff");
    assert_eq!(header(&plain, "referrer-policy"), "no-referrer");
    let missing = page(999_999).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(header(&missing, "content-security-policy").contains("frame-ancestors 'none'"));

    let bot = app.help_bot.to_string();
    for bad in ["https://shop.example/path", "https://*.example", "javascript:alert(1)", "https://u:p@shop.example", "https://shop.example; script-src *", "shop.example"] {
        let refused = app.cli(&["bots", "update", &bot, "--embed-origin", bad]).exit(2);
        assert!(refused.stderr.contains("is not a site's origin"), "{bad}: {refused:?}");
    }
    let updated = app
        .cli(&["bots", "update", &bot, "--embed-origin", "HTTPS://Shop.Example:443/", "--embed-origin", "http://localhost:8080", "--json"])
        .success()
        .json();
    assert_eq!(updated["embed_origins"], json!(["https://shop.example", "http://localhost:8080"]));
    let framed = page(app.help_bot).await;
    let policy = header(&framed, "content-security-policy");
    assert!(policy.ends_with("frame-ancestors https://shop.example http://localhost:8080"), "{policy}");
    assert_eq!(header(&framed, "x-frame-options"), "", "the CSP decides, and X-Frame-Options cannot list sites");
    let shown = app.cli(&["bots", "show", &bot]).success();
    assert!(shown.stdout.contains("https://shop.example, http://localhost:8080"), "{shown:?}");
    app.cli(&["bots", "update", &bot, "--no-embed-origins"]).success();
    assert_eq!(header(&page(app.help_bot).await, "x-frame-options"), "DENY");
}
