//! The CLI under mistakes and failures: exports that never overwrite what is not theirs or
//! leave debris, URLs that are not servers, a server that is down, profiles and configs that
//! are missing or broken.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use livechat::server::ServerConfig;

use crate::support::{AGENT, Backend, TestApp, run_livechat, spawn_app_on};

fn app() -> TestApp {
    spawn_app_on(Backend::Sqlite, ServerConfig::default()).unwrap()
}

#[test]
fn an_export_never_replaces_what_it_did_not_write() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let precious = dir.path().join("precious.txt");
    std::fs::write(&precious, "keep me").unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&precious, &link).unwrap();
    for target in [&link, &precious] {
        let out = app.cli(&["requests", "export", "-o", target.to_str().unwrap()]).exit(2);
        assert!(out.stderr.contains(&target.display().to_string()), "the path is named: {out:?}");
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    let device = app.cli(&["requests", "export", "-o", "/dev/null"]).exit(2);
    assert!(device.stderr.contains("/dev/null exists and is not a regular file"), "{device:?}");

    // An earlier export may be written again.
    let out = dir.path().join("closed.jsonl");
    app.cli(&["requests", "export", "-o", out.to_str().unwrap()]).success();
    app.cli(&["requests", "export", "-o", out.to_str().unwrap()]).success();
}

#[test]
fn file_errors_name_the_path_and_exit_2() {
    let app = app();
    let out = app.cli(&["requests", "export", "-o", "/nonexistent/dir/x.jsonl"]).exit(2);
    assert!(out.stderr.contains("cannot write /nonexistent/dir/x.jsonl.part.json"), "{out:?}");
    assert!(out.stderr.contains("No such file or directory"), "{out:?}");
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

#[test]
fn a_refused_or_foreign_export_leaves_nothing_behind() {
    let app = app();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.jsonl");
    let refused = app.cli(&["--profile", AGENT, "requests", "export", "-o", target.to_str().unwrap()]).exit(4);
    assert!(!refused.stderr.contains("--resume"), "nothing to resume: {refused:?}");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());

    // Something that is not a livechat server answers 200 with a web page.
    let foreign = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", foreign.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut conn in foreign.incoming().flatten() {
            let mut buf = [0u8; 4096];
            let _ = conn.read(&mut buf);
            let page = "<html>hello</html>";
            let _ = write!(
                conn,
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\n\r\n{page}",
                page.len()
            );
        }
    });
    let out = app.cli(&["--url", &url, "--token", "x", "requests", "export", "-o", target.to_str().unwrap()]).exit(1);
    assert!(out.stderr.contains("not `text/html`"), "{out:?}");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_url_that_is_not_a_server_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    for url in ["notaurl", "ftp://files.example.com"] {
        let started = Instant::now();
        let out =
            run_livechat(dir.path(), &["requests", "list"], None, &[("LIVECHAT_URL", url), ("LIVECHAT_TOKEN", "x")]);
        let out = out.exit(2);
        assert!(started.elapsed() < Duration::from_secs(2), "refused at once, not retried");
        assert!(out.stderr.contains(&format!("`{url}` is not a server URL")), "{out:?}");
    }
}

#[test]
fn a_read_command_fails_fast_and_quietly_when_the_server_is_down() {
    let dir = tempfile::tempdir().unwrap();
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    let out = run_livechat(dir.path(), &["--url", &url, "--token", "x", "requests", "list"], None, &[]).exit(1);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert!(!out.stderr.contains("retrying"), "no retry chatter: {out:?}");
    assert!(out.stderr.contains("could not reach the livechat server"), "{out:?}");
    assert!(out.stderr.contains("is the server running?"), "{out:?}");
}

#[test]
fn logging_in_to_a_new_profile_creates_it_and_a_broken_config_is_only_a_warning_with_url_and_token() {
    let app = app();
    let token = app.token(AGENT).to_string();
    let config = app.config_dir();
    let out = run_livechat(
        &config,
        &["--url", &app.url, "auth", "login", "--with-token", "--profile", "fresh"],
        Some(&token),
        &[],
    );
    out.success();
    let status = app.cli(&["--profile", "fresh", "auth", "status"]).success();
    assert!(status.stdout.contains("agent@fixture.test"), "{status:?}");

    std::fs::write(config.join("config.toml"), "profiles = 3").unwrap();
    std::fs::set_permissions(config.join("config.toml"), std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let out = app.cli(&["--url", &app.url, "--token", &token, "requests", "list"]).success();
    assert!(out.stderr.contains("warning:") && out.stderr.contains("is not a valid livechat config"), "{out:?}");
    app.cli(&["requests", "list"]).exit(1);
}

#[test]
fn a_valid_date_at_the_end_of_time_is_a_bound_not_an_error() {
    let app = app();
    let out = app.cli(&["requests", "export", "--since", "9999-12-31"]).success();
    assert_eq!(out.stdout, "");
    let status =
        app.http.get(format!("{}/v1/requests/export?since=9999-12-31", app.url)).bearer_auth(app.token("admin"));
    let status = tokio::runtime::Runtime::new().unwrap().block_on(async { status.send().await.unwrap().status() });
    assert_eq!(status, reqwest::StatusCode::OK);
}

#[test]
fn the_server_reads_since_and_until_as_the_cli_does() {
    let app = app();
    let get = |query: &str| {
        let call = app.http.get(format!("{}/v1/requests/export?{query}", app.url)).bearer_auth(app.token("admin"));
        tokio::runtime::Runtime::new().unwrap().block_on(async { call.send().await.unwrap() })
    };
    assert_eq!(get("since=7d&until=2099-01-01").status(), reqwest::StatusCode::OK);
    let refused = get("since=yesterday");
    assert_eq!(refused.status(), reqwest::StatusCode::BAD_REQUEST);
    let body = tokio::runtime::Runtime::new().unwrap().block_on(refused.text()).unwrap();
    assert!(body.contains("since `yesterday` is not a time"), "{body}");
    let out = app.cli(&["requests", "export", "--since", "yesterday", "-o", "-"]).exit(2);
    assert!(out.stderr.contains("--since `yesterday` is not a time"), "the same words: {out:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_slower_than_the_request_timeout_gets_503_and_the_rest_still_answer() {
    let config = ServerConfig { request_timeout: Duration::from_millis(300), ..ServerConfig::default() };
    let app = spawn_app_on(Backend::Sqlite, config).unwrap();
    let id = app.new_request().await;
    // Another process holds the database's write lock, so a write waits behind it.
    let blocker = rusqlite::Connection::open(app.dir.path().join("livechat.sqlite")).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let slow = app.post(&format!("/v1/requests/{id}/notes"), "admin", serde_json::json!({"body": "later"})).await;
    assert_eq!(slow.status, reqwest::StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(slow.code(), "timeout");
    assert!(started.elapsed() < Duration::from_secs(3), "answered at the deadline, not after the lock");
    let health = app.http.get(format!("{}/healthz", app.url)).send().await.unwrap();
    assert_eq!(health.status(), reqwest::StatusCode::OK);
    blocker.execute_batch("ROLLBACK").unwrap();
}

/// Regression: with the server down, `--url http://user:PASSWORD@…` printed the password.
#[test]
fn a_password_in_a_url_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let url = format!("http://ops:s3cret-pass@{closed}");
    let out = run_livechat(
        dir.path(),
        &["--url", &url, "--token", "lc_x", "--retry-for", "0s", "requests", "list"],
        None,
        &[],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("ops:***@"), "{out:?}");
    assert!(!out.stderr.contains("s3cret-pass"), "{out:?}");
    let db = run_livechat(
        dir.path(),
        &["server", "init", "--db", "postgres://root:db-s3cret@127.0.0.1:1/x", "--org", "O", "--admin", "a@o.test"],
        None,
        &[],
    );
    assert_ne!(db.code, 0);
    assert!(!db.stderr.contains("db-s3cret"), "{db:?}");
}

/// Regression: a `config.toml` others could read was used silently; ssh refuses such a key.
#[test]
fn a_config_others_can_read_is_refused_with_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[profiles.default]\nurl = \"http://127.0.0.1:1\"\ntoken = \"lc_x\"\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run_livechat(dir.path(), &["requests", "list"], None, &[]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("can be read by other users (644)"), "{out:?}");
    assert!(out.stderr.contains(&format!("chmod 600 {}", path.display())), "{out:?}");
}

/// Regression: `--url …/v1` answered "no such route", and `https://` against the plain-HTTP
/// server "received corrupt message of type InvalidContentType".
#[tokio::test]
async fn a_url_with_v1_or_the_wrong_scheme_says_what_to_give_instead() {
    let app = spawn_app_on(Backend::Sqlite, ServerConfig::default()).unwrap();
    let token = app.token(AGENT).to_string();
    let dir = tempfile::tempdir().unwrap();
    let with_v1 = format!("{}/v1/", app.url);
    let out = run_livechat(dir.path(), &["--url", &with_v1, "--token", &token, "requests", "list"], None, &[]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("ends in /v1") && out.stderr.contains(&format!("--url {}", app.url)), "{out:?}");
    let tls = app.url.replace("http://", "https://");
    let out = run_livechat(
        dir.path(),
        &["--url", &tls, "--token", &token, "--retry-for", "0s", "requests", "list"],
        None,
        &[],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("did not answer in TLS; if it speaks plain HTTP, use an http:// URL"), "{out:?}");
}

/// The numbers in `text` after `label`, as in "assigned 1500 ·".
fn count_after(text: &str, label: &str) -> usize {
    let at = text.find(label).unwrap_or_else(|| panic!("no `{label}` in {text}")) + label.len();
    text[at..].trim_start().split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
}

/// A server whose tokens make `per_minute` calls a minute, on `new` new requests, and a
/// `requests assign` of all of them by id from stdin, given `retry_for`, running against it.
fn bulk_past_the_rate_limit(
    dir: &std::path::Path,
    per_minute: u32,
    new: u64,
    retry_for: &str,
) -> (crate::servers::FileServer, std::process::Child) {
    let extra = ["--token-rate".to_string(), per_minute.to_string()];
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let server = crate::servers::FileServer::seeded_with(Backend::Sqlite, dir, &[("new", new)], &extra).unwrap();
    let ids: String = (1..=new).map(|n| format!("{n}\n")).collect();
    let args = ["--retry-for", retry_for, "requests", "assign", "-", "--to", "agent1@bench.test", "--yes"];
    let mut child = server.command(dir, &args).stdin(std::process::Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(ids.as_bytes()).unwrap();
    (server, child)
}

#[test]
fn ctrl_c_during_a_bulk_change_prints_what_was_confirmed_unconfirmed_and_not_started() {
    let dir = tempfile::tempdir().unwrap();
    // Three calls a minute: the bulk change stalls after a few batches of 500, as a
    // rate-limited change of many requests does.
    let (server, mut child) = bulk_past_the_rate_limit(dir.path(), 3, 5_000, "2m");
    let sigint = |pid: u32| {
        let status = std::process::Command::new("kill").args(["-INT", &pid.to_string()]).status().unwrap();
        assert!(status.success());
    };
    std::thread::sleep(Duration::from_secs(3));
    sigint(child.id());
    // The first Ctrl-C waits for answers already due; the second leaves at once.
    std::thread::sleep(Duration::from_millis(500));
    if child.try_wait().unwrap().is_none() {
        sigint(child.id());
    }
    let started = Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(started.elapsed() < Duration::from_secs(10), "the second Ctrl-C leaves at once");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    // The same summary as a finished run, then what the interruption left.
    let assigned = count_after(&stderr, "assigned");
    assert!(assigned > 0 && assigned % 500 == 0, "whole batches were answered before the limit: {stderr}");
    let tail = &stderr[stderr.rfind("Interrupted:").unwrap()..];
    assert!(tail.contains("unconfirmed") && tail.contains("not started"), "{stderr}");
    let unconfirmed = count_after(tail, "Interrupted:");
    let not_started = count_after(tail, "·");
    assert_eq!(assigned + unconfirmed + not_started, 5_000, "every request is accounted for: {stderr}");
    // The server agrees on what was confirmed, and no more was applied than was sent.
    // (Asked with another member's token: the admin's is spent for the minute.)
    let token = server.token_of("agent2@bench.test");
    let backlog = std::process::Command::new("curl")
        .args(["-sSf", "-H", &format!("Authorization: Bearer {token}"), &format!("{}/v1/requests/backlog", server.url)])
        .output()
        .unwrap();
    let backlog: serde_json::Value = serde_json::from_slice(&backlog.stdout).unwrap();
    let held = backlog["assigned"].as_u64().unwrap() as usize;
    assert!((assigned..=assigned + unconfirmed).contains(&held), "{held} held, {stderr}");
}

#[test]
fn a_bulk_change_past_the_tokens_rate_limit_paces_itself_and_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    // Six calls a minute, one more every ten seconds: 7 batches of 500 and a member lookup
    // spend the budget and wait, however slowly a busy machine answers them.
    let (server, child) = bulk_past_the_rate_limit(dir.path(), 6, 3_500, "1m");
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(count_after(&stderr, "assigned"), 3_500, "{stderr}");
    let waits: Vec<&str> = stderr.lines().filter(|l| l.contains("rate limit") || l.contains("too many")).collect();
    assert_eq!(waits.len(), 1, "one line about waiting: {stderr}");
    assert!(waits[0].contains("pacing"), "{stderr}");
    // Every call with a token says what is left of its budget.
    let token = server.token_of("agent2@bench.test");
    let head = std::process::Command::new("curl")
        .args(["-sS", "-D", "-", "-o", "/dev/null", "-H", &format!("Authorization: Bearer {token}")])
        .arg(format!("{}/v1/me", server.url))
        .output()
        .unwrap();
    let head = String::from_utf8_lossy(&head.stdout).to_ascii_lowercase();
    for header in ["ratelimit-limit: 6", "ratelimit-remaining: 5", "ratelimit-reset: 0"] {
        assert!(head.contains(header), "{header} in {head}");
    }
}
