//! The visitor's web chat page in real headless Chromium (driven by Playwright from
//! `tests/browser/`), against the real server and the real CLI.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{AGENT, Backend, spawn_app_on};

/// Where the screenshots of each step go; kept after the run for people to look at.
fn shots_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-shots")
}

#[test]
fn a_visitor_and_an_agent_chat_through_the_web_page_and_the_cli() {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let ready = Path::new("/usr/bin/chromium").exists() && browser_dir.join("node_modules/playwright-core").exists();
    if !ready {
        // CI installs both (see .ci/run); a developer without them is told, not failed.
        assert!(std::env::var_os("CI").is_none(), "CI must have chromium and tests/browser/node_modules");
        eprintln!("skipped: install Debian's chromium and run `npm ci --prefix tests/browser` to run the browser test");
        return;
    }
    let app = spawn_app_on(Backend::Sqlite, livechat::server::ServerConfig::default()).unwrap();
    let out = Command::new("node")
        .arg(browser_dir.join("chat.mjs"))
        .env("LIVECHAT_URL", &app.url)
        .env("BOT_ID", app.help_bot.to_string())
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
    ] {
        assert!(shots_dir().join(shot).exists(), "screenshot {shot} missing");
    }
}
