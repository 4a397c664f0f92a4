//! The visitor's web chat page in real headless Chromium (driven by Playwright from
//! `tests/browser/`), against the real server and the real CLI.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{ADMIN, AGENT, Backend, STRANGER, spawn_app_on};

/// Where the screenshots of each step go; kept after the run for people to look at.
fn shots_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-shots")
}

/// The browser scripts' folder when the browser tests were asked for, `None` (said on stderr)
/// when they were not. Asked for with LIVECHAT_BROWSER_TEST=1, which .ci/run always sets; then
/// a missing browser is a failure, never a quiet pass.
fn browser_dir(test: &str) -> Option<PathBuf> {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if std::env::var_os("LIVECHAT_BROWSER_TEST").is_none_or(|v| v.is_empty() || v == "0") {
        // Written past the test harness's capture, so a skip is never silent.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED browser test {test}: set LIVECHAT_BROWSER_TEST=1 to run it (it needs Debian's chromium and `npm ci --prefix tests/browser`)"
        );
        return None;
    }
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "LIVECHAT_BROWSER_TEST is set but /usr/bin/chromium is missing: install Debian's chromium"
    );
    assert!(
        browser_dir.join("node_modules/playwright-core").exists(),
        "LIVECHAT_BROWSER_TEST is set but tests/browser/node_modules is missing: run `npm ci --prefix tests/browser`"
    );
    Some(browser_dir)
}

#[test]
fn a_visitor_and_an_agent_chat_through_the_web_page_and_the_cli() {
    let Some(browser_dir) = browser_dir("a_visitor_and_an_agent_chat_through_the_web_page_and_the_cli") else {
        return;
    };
    let app = spawn_app_on(Backend::Sqlite, livechat::server::ServerConfig::default()).unwrap();
    // A bot made as an admin would, with its own form, through the real CLI.
    let bot =
        app.cli(&["bots", "create", "Shop Help", "--channel", "web", "--json"]).success().json()["id"].to_string();
    let form = serde_json::json!({"fields": [
        {"key": "name", "label": "Your name", "kind": "text", "required": true},
        {"key": "order_number", "label": "Order number", "kind": "text", "required": true},
        {"key": "topic", "label": "Topic", "kind": "select", "options": ["billing", "shipping"], "required": false},
        {"key": "message", "label": "How can we help?", "kind": "textarea", "required": true}
    ]});
    let file = app.dir.path().join("form.json");
    std::fs::write(&file, form.to_string()).unwrap();
    app.cli(&["bots", "form", "set", &bot, "--file", file.to_str().unwrap()]).success();
    let out = Command::new("node")
        .arg(browser_dir.join("chat.mjs"))
        .env("LIVECHAT_URL", &app.url)
        .env("BOT_ID", &bot)
        .env("LIVECHAT_BIN", env!("CARGO_BIN_EXE_livechat"))
        .env("LIVECHAT_CONFIG_DIR", app.config_dir())
        .env("AGENT_PROFILE", AGENT)
        .env("SHOTS_DIR", shots_dir())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the browser test failed:\n{stdout}\n{stderr}");
    for shot in [
        "01-form.png",
        "02-submitted.png",
        "03-agent-joined.png",
        "04-conversation.png",
        "05-reloaded.png",
        "06-error.png",
        "07-resolved.png",
    ] {
        assert!(shots_dir().join(shot).exists(), "screenshot {shot} missing");
    }
}

#[test]
fn the_dashboard_signs_in_with_a_code_and_shows_the_apis_numbers() {
    let Some(browser_dir) = browser_dir("the_dashboard_signs_in_with_a_code_and_shows_the_apis_numbers") else {
        return;
    };
    let app = spawn_app_on(Backend::Sqlite, livechat::server::ServerConfig::default()).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        app.request_in("resolved").await;
        app.request_in("assigned").await;
        app.request_in("chatting").await;
        app.new_request().await;
        app.new_request().await;
    });
    let out = Command::new("node")
        .arg(browser_dir.join("dashboard.mjs"))
        .env("LIVECHAT_URL", &app.url)
        .env("LIVECHAT_BIN", env!("CARGO_BIN_EXE_livechat"))
        .env("LIVECHAT_CONFIG_DIR", app.config_dir())
        .env("ADMIN_PROFILE", ADMIN)
        .env("STRANGER_PROFILE", STRANGER)
        .env("SHOTS_DIR", shots_dir())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the dashboard's browser test failed:\n{stdout}\n{stderr}");
    for shot in ["dashboard.png", "dashboard-phone.png"] {
        assert!(shots_dir().join(shot).exists(), "screenshot {shot} missing");
    }
}
