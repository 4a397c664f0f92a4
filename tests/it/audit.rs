//! The audit log through the real CLI and API: what an org admin's changes leave behind,
//! who may read it, and how it is filtered, paged and exported.

use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::support::{ADMIN, AGENT, BOT_ADMIN, spawn_app_with};
use livechat::server::ServerConfig;
use livechat::server::egress::Egress;

fn actions(records: &Value) -> Vec<String> {
    records.as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn an_admins_changes_are_audited_with_who_and_where_and_only_admins_read_them() {
    let config = ServerConfig { webhook_allow: Egress { allow: vec!["127.0.0.0/8".parse().unwrap()] }, ..Default::default() };
    let Some(app) = spawn_app_with(config) else { return };
    let agent = app.member(AGENT).email.clone();
    app.cli(&["members", "role", &agent, "bot-admin", "--bot", &app.help_bot.to_string()]).success();
    app.cli(&["bots", "update", &app.help_bot.to_string(), "--name", "Help Desk"]).success();
    let hook = "http://127.0.0.1:9/in?token=sesame";
    app.cli(&["webhooks", "add", hook, "--events", "request.created"]).success();
    let token = app.cli(&["auth", "tokens", "create", "--name", "nightly", "--json"]).success().json();
    app.cli(&["auth", "tokens", "revoke", &token["id"].to_string()]).success();

    let log = app.cli(&["audit", "list", "--json"]).success().json();
    assert_eq!(actions(&log)[..5], ["token.revoke", "token.create", "webhook.create", "bot.update", "member.role"]);
    let admin = &app.member(ADMIN).email;
    for record in &log.as_array().unwrap()[..5] {
        assert_eq!(record["actor"]["email"], admin.as_str(), "{record}");
        // The tests call over a socket, so each change knows where it came from.
        assert_eq!(record["address"].as_str().map(str::len), Some(32), "{record}");
    }
    assert_eq!(log[3]["summary"]["changed"], serde_json::json!(["name"]));
    assert_eq!(log[3]["target"], format!("bot:{}", app.help_bot));
    let text = log.to_string();
    for secret in ["sesame", token["token"].as_str().unwrap()] {
        assert!(!text.contains(secret), "the audit log shows `{secret}`");
    }

    // Filters and pages.
    let tokens = app.cli(&["audit", "list", "--action", "token", "--json"]).success().json();
    // The fixture's own tokens were made by the server, before any of this.
    assert_eq!(actions(&tokens)[..2], ["token.revoke", "token.create"]);
    assert!(tokens.as_array().unwrap()[2..].iter().all(|r| r["actor"]["kind"] == "server"), "{tokens}");
    let bot = format!("bot:{}", app.help_bot);
    let on_bot = app.cli(&["audit", "list", "--target", &bot, "--json"]).success().json();
    assert_eq!(actions(&on_bot), ["bot.update", "bot.create"]);
    let by_agent = app.cli(&["audit", "list", "--actor", &agent, "--json"]).success().json();
    assert_eq!(by_agent, serde_json::json!([]));
    let all = app.cli(&["audit", "list", "--all", "--json"]).success().json();
    let one = app.cli(&["audit", "list", "--limit", "1", "--json"]).success().json();
    assert_eq!(one.as_array().unwrap()[..], all.as_array().unwrap()[..1]);
    let path = "/v1/audit?limit=2";
    let page = app.get(path, ADMIN).await.expect(StatusCode::OK);
    let next = page["next_cursor"].as_str().unwrap();
    let rest = app.get(&format!("/v1/audit?limit=500&cursor={next}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(page["items"].as_array().unwrap().len() + rest["items"].as_array().unwrap().len(), all.as_array().unwrap().len());
    assert!(rest["next_cursor"].is_null());

    // CSV for spreadsheets: one header and one row per record.
    let csv = app.cli(&["audit", "list", "--all", "--csv"]).success().stdout;
    assert!(csv.starts_with("id,at,actor,action,target,address,summary\n"), "{csv}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count(), all.as_array().unwrap().len());

    // Only org admins read it; filters are checked before anything is read.
    app.cli(&["--profile", AGENT, "audit", "list"]).exit(4);
    app.cli(&["--profile", BOT_ADMIN, "audit", "list"]).exit(4);
    app.get("/v1/audit", AGENT).await.expect(StatusCode::FORBIDDEN);
    for bad in ["--action=Member", "--action=bot.%", "--target=member:x", "--since=yesterday-ish"] {
        app.cli(&["audit", "list", bad]).exit(2);
    }
    let token = Some(app.token(ADMIN));
    for query in ["action=bot%25", "target=member:4:5", "cursor=abc", "limit=0", "limit=501", "extra=1"] {
        let answer = app.call(Method::GET, &format!("/v1/audit?{query}"), token, None).await;
        answer.expect(StatusCode::BAD_REQUEST);
    }
    app.get("/v1/audit?actor=nobody@nowhere.test", ADMIN).await.expect(StatusCode::NOT_FOUND);
}
