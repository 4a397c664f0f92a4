//! `livechat visitors erase` through the real binary and API: the receipt as text and JSON, a
//! dry run, each way of naming a person, and who may erase whom.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::support::{ADMIN, AGENT, BOT_ADMIN, STRANGER, TestApp, spawn_app};

/// A visitor fills in the Help bot's web form; returns the request number and its token.
async fn web_form(app: &TestApp, name: &str, email: &str, message: &str) -> (i64, String) {
    let form = json!({"name": name, "email": email, "message": message, "order": "ZK-4471"});
    let path = format!("/v1/public/bots/{}/requests", app.help_bot);
    let created = app.call(Method::POST, &path, None, Some(form)).await.expect(StatusCode::CREATED);
    (created["request_id"].as_i64().unwrap(), created["conversation_token"].as_str().unwrap().to_string())
}

async fn request(app: &TestApp, id: i64) -> Value {
    app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK)
}

async fn found(app: &TestApp, words: &str) -> usize {
    let path = format!("/v1/search?q={}", words.replace(' ', "%20"));
    app.get(&path, ADMIN).await.expect(StatusCode::OK)["items"].as_array().unwrap().len()
}

#[tokio::test]
async fn an_admin_erases_a_person_by_email_with_a_receipt_after_a_dry_run() {
    let Some(app) = spawn_app() else { return };
    let (id, token) = web_form(&app, "Quillon Marchbanks", "Quillon@Example.org", "My parcel to Fenwick Lane").await;
    let (other, _) = web_form(&app, "Val Bystander", "val@example.org", "Where is my parcel").await;
    let email = "quillon@EXAMPLE.org";

    // Without a terminal, nothing is erased unless --yes says so.
    let refused = app.cli(&["visitors", "erase", "--email", email]).exit(2);
    assert!(refused.stderr.contains("cannot be undone") && refused.stderr.contains("--yes"), "{refused:?}");

    let dry = app.cli(&["visitors", "erase", "--email", email, "--dry-run", "--json"]).success().json();
    let planned = json!({
        "dry_run": true, "visitor_ids": dry["visitor_ids"].clone(), "request_ids": [id], "visitors": 1,
        "requests": 1, "messages": 2, "notes": 1, "conversations": 1, "deliveries": 0
    });
    assert_eq!(dry, planned, "the visitor's line and the bot's answer; the form note; the web token");
    let text = app.cli(&["visitors", "erase", "--email", email, "--dry-run"]).success();
    assert!(text.stdout.contains(&format!("requests\t1\t#{id}\n")), "{text:?}");
    assert!(text.stderr.contains("Dry run: nothing was changed. This would erase 1 visitor's data from 1 request"));
    assert_eq!(request(&app, id).await["title"], "Quillon Marchbanks", "a dry run changes nothing");

    let erased = app.cli(&["visitors", "erase", "--email", email, "--yes"]).success();
    assert!(erased.stdout.contains("visitors\t1\t") && erased.stdout.contains("messages\t2\t\n"), "{erased:?}");
    assert!(erased.stderr.contains("✓ Erased 1 visitor's data from 1 request: 2 messages and 1 note replaced"));
    let now = request(&app, id).await;
    assert_eq!((now["title"].clone(), now["visitor"]["name"].clone()), (json!("Erased visitor"), Value::Null));
    assert_eq!(now["state"], "new", "the request stays in the queue");
    let shown = now.to_string();
    for word in ["Quillon", "Marchbanks", "example.org", "Fenwick", "ZK-4471"] {
        assert!(!shown.contains(word), "{word} is still shown: {shown}");
    }
    assert_eq!((found(&app, "Quillon").await, found(&app, "Fenwick").await), (0, 0));
    assert_eq!(found(&app, "Bystander").await, 1, "the other visitor is untouched");
    assert_eq!(request(&app, other).await["title"], "Val Bystander");
    let path = format!("/v1/public/conversations/{token}");
    app.call(Method::GET, &path, None, None).await.expect(StatusCode::NOT_FOUND);

    // Nobody is left to find by that address: the error says what was searched.
    let again = app.cli(&["visitors", "erase", "--email", email, "--yes"]).exit(1);
    assert!(again.stderr.contains("no visitor of your organization gave the email quillon@example.org"), "{again:?}");
}

#[tokio::test]
async fn a_person_is_named_by_visitor_id_or_channel_user_id_and_only_within_the_organization() {
    let Some(app) = spawn_app() else { return };
    let key = app.integration_key(app.community_bot).await;
    let answers = json!({"name": "Ines Okonkwo", "message": "Locked out of my account"});
    let opened = app.integration_request(&key, "discord", "80351110224678912", answers).await;
    let discord = opened.expect(StatusCode::CREATED)["request_id"].as_i64().unwrap();
    let (web, _) = web_form(&app, "Rafe Quenby", "rafe@example.org", "Refund please").await;
    let visitor = request(&app, web).await["visitor"].clone();
    let (visitor_id, user_id) = (visitor["id"].to_string(), visitor["user_id"].as_str().unwrap().to_string());

    let json = |args: &[&str]| app.cli(args).success().json();
    let by_channel = json(&["visitors", "erase", "--user-id", "discord:80351110224678912", "--yes", "--json"]);
    assert_eq!((by_channel["dry_run"].clone(), by_channel["request_ids"].clone()), (json!(false), json!([discord])));
    assert_eq!(request(&app, discord).await["visitor"]["user_id"], format!("erased-{}", by_channel["visitor_ids"][0]));
    // A web visitor's user id is the one the server made, after `web:`.
    let web_id = format!("web:{user_id}");
    let by_web = json(&["visitors", "erase", "--user-id", &web_id, "--dry-run", "--json"]);
    assert_eq!(by_web["visitor_ids"], json!([visitor["id"].clone()]));

    // Another organization's admin finds nobody; members who are not org admins may not erase.
    let theirs = app.cli(&["--profile", STRANGER, "visitors", "erase", &visitor_id, "--yes"]).exit(1);
    assert!(theirs.stderr.contains(&format!("no visitor of your organization with the id {visitor_id}")), "{theirs:?}");
    for profile in [AGENT, BOT_ADMIN] {
        let denied = app.cli(&["--profile", profile, "visitors", "erase", &visitor_id, "--yes"]).exit(4);
        assert!(denied.stderr.contains("only org admins can erase a visitor's data"), "{denied:?}");
    }
    assert_eq!(request(&app, web).await["title"], "Rafe Quenby");

    let by_id = app.cli(&["visitors", "erase", &visitor_id, "--yes", "--jq", ".requests"]).success();
    assert_eq!(by_id.stdout, "1\n");
    assert_eq!(request(&app, web).await["title"], "Erased visitor");
    let gone = app.cli(&["visitors", "erase", "--user-id", &web_id, "--yes"]).exit(1);
    assert!(gone.stderr.contains(&format!("has the user id {web_id}")), "{gone:?}");
}

#[tokio::test]
async fn a_selector_of_the_wrong_shape_is_refused_before_anything_is_erased() {
    let Some(app) = spawn_app() else { return };
    let (id, _) = web_form(&app, "Quillon Marchbanks", "quillon@example.org", "hello").await;
    for args in [
        &["visitors", "erase", "--yes"][..],
        &["visitors", "erase", "12", "--email", "quillon@example.org", "--yes"],
        &["visitors", "erase", "--email", "quillon", "--yes"],
        &["visitors", "erase", "--user-id", "80351110224678912", "--yes"],
        &["visitors", "erase", "--user-id", "sms:1", "--yes"],
        &["visitors", "erase", "#12", "--yes"],
        &["visitors", "erase", "0", "--yes"],
    ] {
        let refused = app.cli(args).exit(2);
        assert!(refused.stderr.contains("error:"), "{args:?}: {refused:?}");
    }
    // The API is as strict: one selector, of its shape, no nulls and nothing else.
    let token = Some(app.token(ADMIN));
    for body in [
        json!({}),
        json!({"dry_run": true}),
        json!({"email": "quillon@example.org", "visitor": 1}),
        json!({"email": null}),
        json!({"email": " quillon@example.org"}),
        json!({"user_id": "web:a b"}),
        json!({"visitor": 0}),
        json!({"visitor": 1.5}),
        json!({"email": "quillon@example.org", "dry_run": null}),
        json!({"email": "quillon@example.org", "reason": "asked"}),
    ] {
        let answer = app.call(Method::POST, "/v1/visitors/erase", token, Some(body.clone())).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}: {}", answer.body);
    }
    let agent = app.post("/v1/visitors/erase", AGENT, json!({"email": "quillon@example.org"})).await;
    assert_eq!(agent.code(), "forbidden");
    assert_eq!(request(&app, id).await["title"], "Quillon Marchbanks", "nothing was erased");
}
