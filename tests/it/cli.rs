//! The real `livechat` binary against the real server: output for pipes and scripts, exit
//! codes, bulk targets, profiles, and the demo server a new user starts first.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use reqwest::StatusCode;
use serde_json::json;

use super::support::{ADMIN, AGENT, AGENT2, BOT_ADMIN, STRANGER, run_livechat, spawn_app};

#[tokio::test]
async fn piped_lists_are_tab_separated_without_colour_and_json_is_an_array() {
    let Some(app) = spawn_app() else { return };
    let assigned = app.request_in("assigned").await;
    let older_new = app.new_request().await;
    let newer_new = app.new_request().await;
    app.request_in("resolved").await;

    let out = app.cli(&["requests", "list"]).success();
    assert!(!out.stdout.contains('\x1b'), "no ANSI codes when piped: {out:?}");
    let rows: Vec<Vec<&str>> = out.stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3, "{out:?}");
    assert!(rows.iter().all(|r| r.len() == 7), "{out:?}");
    let ids: Vec<String> = rows.iter().map(|r| r[0].to_string()).collect();
    assert_eq!(ids, [newer_new.to_string(), older_new.to_string(), assigned.to_string()]);
    assert_eq!(rows[2][2], "assigned");
    assert_eq!(rows[2][3], "agent@fixture.test");
    assert_eq!((rows[0][4], rows[0][5]), ("Help", "web"));
    jiff::Timestamp::from_str_checked(rows[0][6]);

    let out = app.cli(&["requests", "list", "--json", "--state", "all"]).success();
    let list = out.json();
    let list = list.as_array().expect("--json prints an array");
    assert_eq!(list.len(), 4);
    for field in ["id", "state", "title", "bot", "channel", "visitor", "assignee", "created_at", "version"] {
        assert!(list[0].get(field).is_some(), "{field} missing");
    }
    let limited = app.cli(&["requests", "list", "--limit", "1", "--json"]).success().json();
    assert_eq!(limited.as_array().unwrap().len(), 1);
    let none = app.cli(&["requests", "list", "--assignee", "agent2@fixture.test"]).success();
    assert_eq!(none.stdout, "");
    assert!(none.stderr.contains("No requests match"), "{none:?}");
}

trait ParseCheck {
    fn from_str_checked(text: &str);
}

impl ParseCheck for jiff::Timestamp {
    fn from_str_checked(text: &str) {
        text.parse::<jiff::Timestamp>().unwrap_or_else(|e| panic!("`{text}` is not an RFC 3339 time: {e}"));
    }
}

#[tokio::test]
async fn agents_take_requests_admins_assign_anyone_and_resolving_records_the_note() {
    let Some(app) = spawn_app() else { return };
    let id = app.new_request().await.to_string();
    let out = app.cli(&["--profile", AGENT, "requests", "assign", &id, "--to", "agent2@fixture.test"]).exit(4);
    assert!(out.stderr.contains("only org admins and admins of this bot"), "{out:?}");
    assert!(out.stderr.contains("failed 1"), "{out:?}");

    let out = app.cli(&["--profile", AGENT, "requests", "assign", &id, "--to", "me"]).success();
    assert!(out.stderr.contains(&format!("Assigned #{id} to Abe Agent")), "{out:?}");
    let again = app.cli(&["--profile", AGENT, "requests", "assign", &id, "--to", "me"]).success();
    assert!(again.stderr.contains("unchanged 1"), "re-running is safe: {again:?}");

    app.cli(&["requests", "assign", &format!("#{id}"), "--to", "agent2@fixture.test"]).success();
    app.cli(&["requests", "resolve", &id, "--note", "Refund sent"]).success();
    let shown = app.cli(&["requests", "show", &id, "--json"]).success().json();
    assert_eq!(shown["state"], "resolved");
    assert_eq!(shown["assignee"]["email"], "agent2@fixture.test");
    assert!(shown["time_to_resolve_seconds"].as_i64().is_some());
    let resolution = shown["notes"].as_array().unwrap().iter().find(|n| n["kind"] == "resolution").unwrap();
    assert_eq!(resolution["body"], "Refund sent");
    let moves: Vec<String> =
        shown["timeline"].as_array().unwrap().iter().map(|e| e["to"].as_str().unwrap().to_string()).collect();
    assert_eq!(moves, ["new", "assigned", "assigned", "resolved"]);

    let text = app.cli(&["requests", "show", &id]).success();
    for part in ["Notes (2)", "[resolution] Ada Admin", "Transcript (2 messages)", "Timeline", "new → assigned"] {
        assert!(text.stdout.contains(part), "`{part}` missing from {text:?}");
    }
}

#[tokio::test]
async fn bulk_targets_come_from_stdin_and_a_bad_line_changes_nothing() {
    let Some(app) = spawn_app() else { return };
    let a = app.new_request().await;
    let b = app.new_request().await;
    let input = format!("{a}\n\n# a comment\nnot-an-id\n{b}\n");
    let out = app.cli_with_stdin(&["requests", "assign", "-", "--to", "me"], Some(&input)).exit(2);
    assert!(out.stderr.contains("stdin line 4: `not-an-id` is not a request id"), "{out:?}");
    assert!(out.stderr.contains("nothing was changed"), "{out:?}");
    let still = app.get(&format!("/v1/requests/{a}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(still["state"], "new");

    let input = format!("{a}\n# a comment\n#{b}\n");
    let out = app
        .cli_with_stdin(&["requests", "assign", "-", "--to", "agent@fixture.test", "--json"], Some(&input))
        .success();
    let results = out.json();
    assert_eq!(results.as_array().unwrap().len(), 2);
    assert!(out.stderr.contains("assigned 2 · unchanged 0 · conflicts 0 · failed 0"), "{out:?}");

    // A mix: one request someone else resolved, one missing. Each failure is named; exit 5.
    app.post(&format!("/v1/requests/{b}/resolve"), ADMIN, json!({})).await.expect(StatusCode::OK);
    app.archive_everything_resolved().await;
    let out = app.cli(&["requests", "unassign", &a.to_string(), &b.to_string(), "424242"]).exit(5);
    assert!(out.stderr.contains(&format!("✗ #{b}: conflict")), "{out:?}");
    assert!(out.stderr.contains("✗ #424242: not_found"), "{out:?}");
    assert!(out.stderr.contains("unassigned 1 · unchanged 0 · conflicts 1 · failed 1"), "{out:?}");
}

#[tokio::test]
async fn exit_codes_and_messages_tell_what_went_wrong() {
    let Some(app) = spawn_app() else { return };
    let out = app.cli(&["--url", "http://127.0.0.1:9", "--retry-for", "1s", "requests", "list"]).exit(1);
    assert!(!out.stderr.contains("retrying in"), "a one-shot read fails quietly: {out:?}");
    assert!(out.stderr.contains("could not reach the livechat server at http://127.0.0.1:9"), "{out:?}");
    assert!(out.stderr.contains("hint: is the server running?"), "{out:?}");
    let bulk = app.cli(&["--url", "http://127.0.0.1:9", "--retry-for", "1s", "requests", "assign", "1", "--to", "me"]);
    assert!(bulk.exit(1).stderr.contains("retrying in"), "bulk work says it is waiting");

    let empty = tempfile::tempdir().unwrap();
    let out = run_livechat(empty.path(), &["requests", "list"], None, &[]).exit(4);
    assert!(out.stderr.contains("not logged in"), "{out:?}");
    let out =
        run_livechat(empty.path(), &["--token", "lc_bogus", "--url", &app.url, "requests", "list"], None, &[]).exit(4);
    assert!(out.stderr.contains("token is not valid"), "{out:?}");

    let out = app.cli(&["--profile", "nobody", "requests", "list"]).exit(2);
    assert!(out.stderr.contains("no profile `nobody`") && out.stderr.contains("known profiles: admin"), "{out:?}");
    app.cli(&["requests", "list", "--older-than", "soon"]).exit(2);
    app.cli(&["requests", "list", "--state", "bogus"]).exit(2);
    app.cli(&["requests", "list", "--frobnicate"]).exit(2);
    app.cli(&["requests", "show", "abc"]).exit(2);
    let out = app.cli(&["requests", "show", "424242"]).exit(1);
    assert!(out.stderr.contains("request #424242 does not exist"), "{out:?}");
    let out = app.cli(&["--profile", AGENT, "members", "role", "agent2@fixture.test", "org-admin"]).exit(4);
    assert!(out.stderr.contains("only org admins can change roles"), "{out:?}");

    // A member who is not there is refused before anything changes; a request that is not
    // there exits 1 from every verb, as from `show`.
    let id = app.new_request().await.to_string();
    let out = app.cli(&["requests", "assign", &id, "--to", "nobody@fixture.test", "--yes"]).exit(2);
    assert!(out.stderr.contains("no member `nobody@fixture.test`"), "{out:?}");
    let still = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(still["state"], "new", "nothing changed");
    let out = app.cli(&["requests", "assign", "424242", "--to", "me", "--yes"]).exit(1);
    assert!(out.stderr.contains("424242"), "{out:?}");
}

#[tokio::test]
async fn an_export_to_a_terminal_asks_where_to_write() {
    let Some(app) = spawn_app() else { return };
    // `script` gives the command a terminal for stdout, as a person's shell would.
    let command = format!(
        "LIVECHAT_CONFIG_DIR={} {} requests export",
        app.config_dir().display(),
        env!("CARGO_BIN_EXE_livechat")
    );
    let out = Command::new("script").args(["-qec", &command, "/dev/null"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("pass -o FILE to write a file, or -o - to print it here anyway"), "{text}");
    // `-o -` prints there anyway; piped, stdout is the default.
    let piped = app.cli(&["requests", "export", "--state", "all"]).success();
    assert_eq!(piped.stdout, app.cli(&["requests", "export", "--state", "all", "-o", "-"]).success().stdout);
}

#[tokio::test]
async fn the_environment_beats_the_profile_and_a_flag_beats_the_environment() {
    let Some(app) = spawn_app() else { return };
    let config = app.config_dir();
    let me = |env: &[(&str, &str)], args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["auth", "status", "--json"]);
        run_livechat(&config, &all, None, env).success().json()["member"]["email"].as_str().unwrap().to_string()
    };
    assert_eq!(me(&[], &[]), "admin@fixture.test");
    assert_eq!(me(&[("LIVECHAT_PROFILE", AGENT)], &[]), "agent@fixture.test");
    assert_eq!(me(&[("LIVECHAT_PROFILE", AGENT)], &["--profile", AGENT2]), "agent2@fixture.test");
    assert_eq!(me(&[("LIVECHAT_TOKEN", app.token(AGENT2))], &["--profile", AGENT]), "agent2@fixture.test");
    assert_eq!(me(&[("LIVECHAT_TOKEN", app.token(AGENT2))], &["--token", app.token(AGENT)]), "agent@fixture.test");
}

#[tokio::test]
async fn notes_come_from_a_flag_a_file_or_stdin() {
    let Some(app) = spawn_app() else { return };
    let id = app.new_request().await.to_string();
    app.cli(&["notes", "add", &id, "--body", "first"]).success();
    app.cli_with_stdin(&["notes", "add", &id], Some("second\nwith two lines\n")).success();
    let file = app.dir.path().join("note.txt");
    std::fs::write(&file, "third").unwrap();
    let out = app.cli(&["notes", "add", &id, "--body-file", file.to_str().unwrap(), "--json"]).success();
    assert_eq!(out.json()["body"], "third");
    app.cli_with_stdin(&["notes", "add", &id], Some("   \n")).exit(2);
    app.cli(&["notes", "add", &id, "--body-file", "/nonexistent/note.txt"]).exit(2);
    let shown = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
    let bodies: Vec<&str> =
        shown["notes"].as_array().unwrap().iter().skip(1).map(|n| n["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["first", "second\nwith two lines", "third"]);
}

#[tokio::test]
async fn members_are_listed_and_roles_and_presence_change() {
    let Some(app) = spawn_app() else { return };
    let out = app.cli(&["members", "list"]).success();
    let first: Vec<&str> = out.stdout.lines().next().unwrap().split('\t').collect();
    assert_eq!(
        first,
        [&app.member(ADMIN).id.to_string(), "Ada Admin", "admin@fixture.test", "org-admin", "", "offline", "0 of 6"]
    );
    assert_eq!(app.cli(&["members", "list", "--json"]).success().json().as_array().unwrap().len(), 5);
    let bot = app.community_bot.to_string();
    let out = app.cli(&["members", "role", "agent2@fixture.test", "bot-admin", "--bot", &bot, "--json"]).success();
    assert_eq!(out.json()["bot_ids"], json!([app.community_bot]));
    app.cli(&["members", "role", "agent2@fixture.test", "overlord"]).exit(2);
    app.cli(&["--profile", AGENT, "members", "presence", "away"]).success();
    let out = app.cli(&["--profile", AGENT, "members", "presence"]).success();
    assert_eq!(out.stdout, "away\n");
}

#[tokio::test]
async fn login_checks_the_token_before_saving_it() {
    let Some(app) = spawn_app() else { return };
    let fresh = tempfile::tempdir().unwrap();
    let env = [("LIVECHAT_URL", app.url.as_str())];
    let out = run_livechat(fresh.path(), &["auth", "login", "--with-token"], Some("lc_wrong\n"), &env).exit(4);
    assert!(out.stderr.contains("token is not valid"), "{out:?}");
    assert!(!fresh.path().join("config.toml").exists(), "a refused token is not saved");

    let token = format!("{}\n", app.token(AGENT));
    let out = run_livechat(fresh.path(), &["auth", "login", "--with-token"], Some(&token), &env).success();
    assert!(out.stderr.contains("Logged in to") && out.stderr.contains("agent@fixture.test"), "{out:?}");
    // The profile remembers the URL, so later commands need neither flag nor environment.
    let status = run_livechat(fresh.path(), &["auth", "status"], None, &[]).success();
    assert!(status.stdout.contains("Abe Agent") && status.stdout.contains(&app.url), "{status:?}");
    let printed = run_livechat(fresh.path(), &["auth", "token"], None, &[]).success();
    assert_eq!(printed.stdout.trim(), app.token(AGENT));
    run_livechat(fresh.path(), &["auth", "logout"], None, &[]).success();
    run_livechat(fresh.path(), &["auth", "status"], None, &[]).exit(4);
}

/// Regression: a password in a URL reached the screen in errors, whole when it was typed
/// unencoded (`u:pa/ss@host`).
#[tokio::test]
async fn passwords_in_urls_never_reach_the_screen() {
    let Some(app) = spawn_app() else { return };
    let refused = app.cli(&["webhooks", "add", "http://hook:s3cret@127.0.0.1:9/in", "--events", "request.created"]);
    assert!(refused.stderr.contains("`http://hook:***@127.0.0.1:9/in` is not"), "{refused:?}");
    let fresh = tempfile::tempdir().unwrap();
    for url in ["http://ops:s3cret@127.0.0.1:9", "http://ops:pa/ss@127.0.0.1:9"] {
        let env = [("LIVECHAT_URL", url), ("LIVECHAT_TOKEN", "lc_unused")];
        let out = run_livechat(fresh.path(), &["requests", "list"], None, &env);
        assert_ne!(out.code, 0, "{out:?}");
        for secret in ["s3cret", "pa/ss", "ss@"] {
            assert!(!out.stderr.contains(secret) && !out.stdout.contains(secret), "{url}: {out:?}");
        }
    }
}

/// A child process that is killed when the test ends, pass or fail.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `livechat` with the given arguments and reads stdout or stderr until a line
/// containing `marker`; returns the process and the lines read.
fn start(config: &std::path::Path, args: &[&str], marker: &str, from_stderr: bool) -> (Running, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_livechat"))
        .args(args)
        .env("LIVECHAT_CONFIG_DIR", config)
        .env("LIVECHAT_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stream: Box<dyn std::io::Read + Send> =
        if from_stderr { Box::new(child.stderr.take().unwrap()) } else { Box::new(child.stdout.take().unwrap()) };
    let running = Running(child);
    let mut lines = Vec::new();
    for line in BufReader::new(stream).lines() {
        let line = line.unwrap();
        let done = line.contains(marker);
        lines.push(line);
        if done {
            return (running, lines);
        }
    }
    panic!("the server ended before printing `{marker}`: {lines:?}");
}

#[test]
fn start_dev_serves_the_demo_queue_to_the_next_terminal_with_no_setup() {
    let config = tempfile::tempdir().unwrap();
    let Some(db) = super::support::suite_db(config.path()) else { return };
    let args = ["server", "start-dev", "--port", "0", "--db", &db.url];
    let (_server, banner) = start(config.path(), &args, "Press Ctrl-C", false);
    let banner = banner.join("\n");
    assert!(banner.contains("NOT FOR PRODUCTION"), "{banner}");
    let out = run_livechat(config.path(), &["requests", "list"], None, &[]).success();
    let rows: Vec<Vec<&str>> = out.stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 24, "12 new, 8 assigned and 4 chatting requests: {out:?}");
    let states: Vec<&str> = rows.iter().map(|r| r[2]).collect();
    assert!(states[..12].iter().all(|s| *s == "new"), "{states:?}");
    let created: Vec<&str> = rows[..12].iter().map(|r| r[6]).collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "newest first: {created:?}");

    let all =
        run_livechat(config.path(), &["requests", "list", "--state", "all", "--json"], None, &[]).success().json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 40);
    for state in ["new", "assigned", "chatting", "resolved", "closed"] {
        assert!(all.iter().any(|r| r["state"] == state), "no {state} request in the demo");
    }
    let newest = rows[0][0];
    assert!(banner.contains(&format!("livechat requests show {newest}\n")), "the hint names the top request: {banner}");
    let out = run_livechat(
        config.path(),
        &["--profile", "dev-agent", "requests", "assign", newest, "--to", "ravi@acme.test"],
        None,
        &[],
    )
    .exit(4);
    assert!(out.stderr.contains("only org admins"), "{out:?}");
    run_livechat(config.path(), &["--profile", "dev-agent", "requests", "assign", newest, "--to", "me"], None, &[])
        .success();
    let with_history = all.iter().find_map(|r| {
        let id = r["id"].to_string();
        let shown = run_livechat(config.path(), &["requests", "show", &id, "--json"], None, &[]).success().json();
        (!shown["earlier_conversations"].as_array().unwrap().is_empty()).then_some(id)
    });
    assert!(with_history.is_some(), "some demo visitor has earlier conversations");
}

#[test]
fn init_prints_a_token_that_the_production_server_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let Some(store) = super::support::suite_db(dir.path()) else { return };
    let db = store.url.clone();
    let out = run_livechat(
        dir.path(),
        &["server", "init", "--db", &db, "--org", "Prod", "--admin", "ops@prod.test"],
        None,
        &[],
    )
    .success();
    let token = out.stdout.trim().to_string();
    assert!(token.starts_with("lc_"), "{out:?}");
    assert!(out.stderr.contains("shown once"), "{out:?}");

    let (_server, logs) =
        start(dir.path(), &["server", "run", "--db", &db, "--listen", "127.0.0.1:0"], "listening", true);
    let line = logs.last().unwrap();
    let addr = line.split("addr=").nth(1).expect("the log names the address").split_whitespace().next().unwrap();
    let url = format!("http://{addr}");
    let env = [("LIVECHAT_URL", url.as_str())];
    run_livechat(dir.path(), &["auth", "login", "--with-token"], Some(&token), &env).success();
    let me = run_livechat(dir.path(), &["auth", "status", "--json"], None, &[]).success().json();
    assert_eq!(
        (me["member"]["email"].clone(), me["member"]["role"].clone()),
        (json!("ops@prod.test"), json!("org-admin"))
    );
    let out = run_livechat(dir.path(), &["requests", "list"], None, &[]).success();
    assert_eq!(out.stdout, "");
}

/// The analytics tests' history: a request the agent took, chatted on and resolved, and a
/// new one.
async fn one_chatted_and_resolved_one_new(app: &crate::support::TestApp) {
    let id = app.request_in("assigned").await;
    app.post(&format!("/v1/requests/{id}/chat/start"), AGENT, json!({})).await.expect(StatusCode::OK);
    app.post(&format!("/v1/requests/{id}/messages"), AGENT, json!({"body": "hi"})).await.expect(StatusCode::CREATED);
    app.post(&format!("/v1/requests/{id}/resolve"), AGENT, json!({})).await.expect(StatusCode::OK);
    app.new_request().await;
}

#[tokio::test]
async fn stats_are_computed_by_the_server_per_agent_and_channel() {
    let Some(app) = spawn_app() else { return };
    one_chatted_and_resolved_one_new(&app).await;
    let stats = app.cli(&["stats", "--since", "1h", "--json"]).success().json();
    assert_eq!(
        (stats["created"].as_u64(), stats["resolved"].as_u64(), stats["closed"].as_u64()),
        (Some(2), Some(1), Some(0))
    );
    assert_eq!(stats["time_to_assign"]["count"], 1);
    assert_eq!(stats["time_to_first_agent_message"]["count"], 1);
    assert!(stats["time_to_resolve"]["median_seconds"].as_i64().is_some());
    assert_eq!(stats["channels"][0]["channel"], "web");
    // Members are counted once, one way: `stats` and `stats members` agree on the window.
    assert_eq!(stats["members"][0]["member"]["email"], "agent@fixture.test");
    let members = app.cli(&["stats", "members", "--since", "1h", "--json"]).success().json();
    let counts = |members: &serde_json::Value| -> Vec<(String, u64, u64, u64)> {
        members
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let n = |k: &str| m[k].as_u64().unwrap();
                (m["member"]["email"].as_str().unwrap().to_string(), n("holding"), n("assigned"), n("resolved"))
            })
            .collect()
    };
    assert_eq!(counts(&stats["members"]), counts(&members["members"]));
    assert_eq!(counts(&members["members"]), [("agent@fixture.test".to_string(), 0, 1, 1)]);
    // Piped: one row per group, times in whole seconds.
    let rows = app.cli(&["stats"]).success();
    let lines: Vec<Vec<&str>> = rows.stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(&lines[0][..5], ["all", "", "2", "1", "0"], "{rows:?}");
    assert_eq!(&lines[1][..5], ["channel", "web", "2", "1", "0"], "{rows:?}");
    assert_eq!(&lines[2][..5], ["activity", "agent@fixture.test", "0", "1", "1"], "{rows:?}");
    assert!(lines[..2].iter().all(|l| l.len() == 11) && lines[2].len() == 9, "{rows:?}");
    let resolve_median = lines[0][9];
    assert!(resolve_median.parse::<i64>().is_ok(), "seconds, not a duration: {resolve_median}");
    app.cli(&["stats", "--since", "whenever"]).exit(2);
}

#[tokio::test]
async fn series_and_member_loads_come_from_the_server_in_every_form() {
    let Some(app) = spawn_app() else { return };
    one_chatted_and_resolved_one_new(&app).await;
    app.visitor_request(app.community_bot, "Cam Community").await;

    let series = app.cli(&["stats", "--by", "hour", "--since", "3h", "--json"]).success().json();
    let buckets = series["buckets"].as_array().unwrap();
    assert!((3..=4).contains(&buckets.len()), "3 hours back, rounded down to the hour: {series}");
    for pair in buckets.windows(2) {
        assert_eq!(pair[0]["end"], pair[1]["start"], "buckets tile the window");
    }
    assert!(buckets.iter().all(|b| b["start"].as_str().unwrap().ends_with(":00:00Z")), "{series}");
    let sum = |field: &str| buckets.iter().map(|b| b[field].as_u64().unwrap()).sum::<u64>();
    assert_eq!([sum("created"), sum("assigned"), sum("resolved"), sum("closed")], [3, 1, 1, 0]);
    let last = buckets.last().unwrap();
    assert_eq!(last["end"], series["until"]);
    assert_eq!(last["backlog"], 2, "two requests are open now: {last}");
    assert_eq!(last["time_to_first_agent_message"]["count"], 1);
    assert_eq!(last["resolved_by"], json!([{"member_id": app.member(AGENT).id, "count": 1}]));

    // Piped: one row per bucket, the same numbers, times in seconds; CSV adds a header.
    let rows = app.cli(&["stats", "--by", "hour", "--since", "3h"]).success().stdout;
    let rows: Vec<Vec<String>> = rows.lines().map(|l| l.split('\t').map(String::from).collect()).collect();
    assert_eq!(rows.len(), buckets.len());
    let last_row = rows.last().unwrap();
    assert_eq!(last_row.len(), 13);
    assert_eq!(&last_row[2..7], ["3", "1", "1", "0", "2"].map(String::from), "{rows:?}");
    assert!(last_row[11].parse::<i64>().is_ok(), "seconds, not a duration: {rows:?}");
    let csv = app.cli(&["stats", "--by", "hour", "--since", "3h", "--csv"]).success().stdout;
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("start,end,created,assigned,resolved,closed,backlog,"));
    assert_eq!(lines.last().unwrap().split(',').skip(2).take(5).collect::<Vec<_>>(), ["3", "1", "1", "0", "2"]);
    let answer = app.http.get(format!("{}/v1/stats/series?bucket=day&format=csv", app.url)).bearer_auth(app.token(ADMIN));
    let answer = answer.send().await.unwrap();
    assert_eq!(answer.headers()["content-type"], "text/csv; charset=utf-8");

    let members = app.cli(&["stats", "members", "--since", "1h", "--json"]).success().json();
    let agent = members["members"].as_array().unwrap().iter().find(|m| m["member"]["email"] == "agent@fixture.test");
    let agent = agent.expect("the agent resolved a request");
    assert_eq!((agent["assigned"].as_u64(), agent["resolved"].as_u64()), (Some(1), Some(1)));
    let piped = app.cli(&["stats", "members", "--since", "1h"]).success().stdout;
    assert!(piped.lines().any(|l| l.starts_with("agent@fixture.test\t0\t1\t1\t")), "{piped}");

    // Bot admins see their bots only; another organization sees none of it.
    let help_only = app.get("/v1/stats/series?bucket=hour&since=3h", BOT_ADMIN).await.expect(StatusCode::OK);
    let created: u64 = help_only["buckets"].as_array().unwrap().iter().map(|b| b["created"].as_u64().unwrap()).sum();
    assert_eq!(created, 2, "the Community bot's request is not the bot admin's");
    let out = app.cli(&["--profile", BOT_ADMIN, "stats", "--by", "day", "--bot", "Community"]).exit(4);
    assert!(out.stderr.contains("their own bots only"), "{out:?}");
    let stranger = app.get("/v1/stats/series?bucket=hour&since=3h", STRANGER).await.expect(StatusCode::OK);
    assert!(stranger["buckets"].as_array().unwrap().iter().all(|b| b["created"] == 0 && b["backlog"] == 0));

    let out = app.cli(&["stats", "--by", "hour", "--since", "90d"]).exit(2);
    assert!(out.stderr.contains("more than the 1000"), "{out:?}");
    let out = app.cli(&["stats", "--by", "day", "--since", "1d", "--until", "2d"]).exit(2);
    assert!(out.stderr.contains("must come before"), "{out:?}");
    app.cli(&["stats", "--by", "fortnight"]).exit(2);
    app.cli(&["stats", "--csv"]).exit(2);
}

#[tokio::test]
async fn a_dashboard_session_reads_the_dashboards_figures_and_nothing_else() {
    let Some(app) = spawn_app() else { return };
    let id = app.new_request().await;
    let code = app.post("/v1/dashboard/codes", ADMIN, json!({})).await.expect(StatusCode::CREATED);
    let code = code["code"].as_str().unwrap().to_string();
    let sign_in = |code: String| app.http.post(format!("{}/v1/dashboard/session", app.url)).json(&json!({"code": code}));
    let answer = sign_in(code.clone()).send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::NO_CONTENT);
    let cookie = answer.headers()["set-cookie"].to_str().unwrap().to_string();
    for flag in ["HttpOnly", "Secure", "SameSite=Strict", "Max-Age=28800"] {
        assert!(cookie.contains(flag), "{flag} missing from {cookie}");
    }
    let session = cookie.split(';').next().unwrap().to_string();
    assert!(session.starts_with("livechat_session=lcs_"), "{session}");
    assert_eq!(sign_in(code).send().await.unwrap().status(), StatusCode::UNAUTHORIZED, "a code works once");

    let with_cookie = |method: reqwest::Method, path: &str| {
        app.http.request(method, format!("{}{path}", app.url)).header("cookie", format!("theme=dark; {session}"))
    };
    for path in ["/v1/me", "/v1/stats/series?bucket=hour&since=2h", "/v1/stats/members", "/v1/requests/backlog"] {
        assert_eq!(with_cookie(reqwest::Method::GET, path).send().await.unwrap().status(), StatusCode::OK, "{path}");
    }
    // Nothing else, and no change at all: a page on another site cannot act with the cookie.
    for path in ["/v1/tokens", "/v1/requests", "/v1/members", "/v1/requests/export"] {
        let status = with_cookie(reqwest::Method::GET, path).send().await.unwrap().status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let assign = with_cookie(reqwest::Method::POST, &format!("/v1/requests/{id}/assign")).json(&json!({"to": "me"}));
    assert_eq!(assign.send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    // The session's value is no bearer token either.
    let token = session.trim_start_matches("livechat_session=");
    let answer = app.call(reqwest::Method::GET, "/v1/me", Some(token), None).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(answer.message().contains("dashboard only"), "{:?}", answer.body);
}

#[tokio::test]
async fn api_makes_raw_calls_and_reports_server_errors() {
    let Some(app) = spawn_app() else { return };
    let id = app.new_request().await.to_string();
    let out = app.cli(&["api", "GET", "/v1/me", "--jq", ".email"]).success();
    assert_eq!(out.stdout, "admin@fixture.test\n");
    let out = app
        .cli(&["api", "GET", "v1/requests", "-f", "state=new", "-F", "limit=1", "--jq", ".items | length"])
        .success();
    assert_eq!(out.stdout.trim(), "1");
    let note = app.cli(&["api", "POST", &format!("/v1/requests/{id}/notes"), "-f", "body=via api"]).success().json();
    assert_eq!(note["body"], "via api");
    let file = app.dir.path().join("body.json");
    std::fs::write(&file, r#"{"to": "agent@fixture.test"}"#).unwrap();
    let assigned =
        app.cli(&["api", "POST", &format!("/v1/requests/{id}/assign"), "--input", file.to_str().unwrap()]).success();
    assert_eq!(assigned.json()["assignee"]["email"], "agent@fixture.test");
    let out = app.cli(&["api", "GET", "/v1/requests/424242"]).exit(1);
    assert!(
        out.stderr.contains("404 Not Found: request #424242 does not exist in your organization (not_found)"),
        "{out:?}"
    );
    let out = app.cli(&["--profile", AGENT, "api", "PATCH", "/v1/members/me", "-f", "role=org-admin"]).exit(4);
    assert!(out.stderr.contains("only org admins can change roles"), "{out:?}");
    app.cli(&["api", "FETCH", "/v1/me"]).exit(2);
    let wrong = app.cli(&["api", "DELETE", "/v1/me"]).exit(1);
    assert!(
        wrong.stderr.contains("does not take DELETE; see the API table in the README (method_not_allowed)"),
        "{wrong:?}"
    );
    app.cli(&["api", "GET", "/v1/me", "-f", "novalue"]).exit(2);
}

#[tokio::test]
async fn colour_is_off_in_pipes_and_with_no_color_unless_forced() {
    let Some(app) = spawn_app() else { return };
    app.new_request().await;
    let plain = run_livechat(&app.config_dir(), &["requests", "list"], None, &[]).success();
    assert!(!plain.stdout.contains('\x1b'), "{plain:?}");
    let forced = run_livechat(&app.config_dir(), &["requests", "list"], None, &[("CLICOLOR_FORCE", "1")]).success();
    assert!(forced.stdout.contains("\x1b[32mnew\x1b[39m"), "CLICOLOR_FORCE colours even a pipe: {forced:?}");
    let zero = run_livechat(&app.config_dir(), &["requests", "list"], None, &[("CLICOLOR_FORCE", "0")]).success();
    assert!(!zero.stdout.contains('\x1b'), "CLICOLOR_FORCE=0 forces nothing: {zero:?}");
}

/// Regression: a visitor's escape sequences reached the agent's terminal through `requests
/// show` and `list`, and a note's did too; `--json` must still carry them exactly.
#[tokio::test]
async fn escape_sequences_from_visitors_are_shown_and_json_keeps_them() {
    let Some(app) = spawn_app() else { return };
    let hostile = "Eve\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m";
    let (id, token) = app.visitor_request(app.help_bot, "Eve").await;
    let said = app
        .call(reqwest::Method::POST, &format!("/v1/public/conversations/{token}/messages"), None, Some(json!({"body": hostile})))
        .await;
    assert!(said.status.is_success(), "the visitor's message is taken as written");
    app.post(&format!("/v1/requests/{id}/notes"), AGENT, json!({"body": format!("note {hostile}")}))
        .await
        .expect(StatusCode::CREATED);
    let shown = id.to_string();
    let out = app.cli(&["requests", "show", shown.as_str()]).success();
    assert!(out.stdout.contains("(visitor): Eve^[]0;pwned^G^[[2J<U+009B>31m"), "{:?}", out.stdout);
    assert!(out.stdout.contains("note Eve^[]0;pwned^G^[[2J<U+009B>31m"), "{:?}", out.stdout);
    assert!(!out.stdout.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{:?}", out.stdout);
    let exact = app.cli(&["requests", "show", &id.to_string(), "--json"]).success();
    assert!(!exact.stdout.contains(['\u{1b}', '\u{7}', '\u{9b}']), "JSON escapes them too: {:?}", exact.stdout);
    assert!(exact.stdout.contains(r"\u009b31m"), "{:?}", exact.stdout);
    let exact = exact.json();
    let bodies: Vec<&str> = exact["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert!(bodies.contains(&hostile), "{bodies:?}");
    assert_eq!(exact["notes"].as_array().unwrap().last().unwrap()["body"], format!("note {hostile}"));
}

/// Regression: links planted at an export's scratch files made it overwrite their targets,
/// and a visitor's `=HYPERLINK(…)` reached the CSV as a formula.
#[tokio::test]
async fn exports_write_through_no_planted_link_and_csv_cells_never_start_a_formula() {
    let Some(app) = spawn_app() else { return };
    let formula = r#"=HYPERLINK("http://evil.example","x")"#;
    let (id, _) = app.visitor_request(app.help_bot, formula).await;
    let agent = app.member(AGENT).email.clone();
    app.post(&format!("/v1/requests/{id}/assign"), ADMIN, json!({"to": agent})).await.expect(StatusCode::OK);
    app.post(&format!("/v1/requests/{id}/resolve"), AGENT, json!({"note": "+1 refund"})).await.expect(StatusCode::OK);
    app.archive_everything_resolved().await;

    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let out = dir.path().join("c.csv");
    for scratch in ["c.csv.tmp", "c.csv.manifest.json.tmp"] {
        std::os::unix::fs::symlink(&victim, dir.path().join(scratch)).unwrap();
    }
    let export = app.cli(&["requests", "export", "--format", "csv", "-o", out.to_str().unwrap()]);
    export.success();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me", "the planted links were not followed");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.contains(r#""'=HYPERLINK(""http://evil.example"",""x"")""#), "{csv}");
    assert!(csv.contains("'+1 refund"), "{csv}");
    let jsonl = app.cli(&["requests", "export", "--format", "jsonl"]).success();
    assert!(jsonl.stdout.contains(r#""title":"=HYPERLINK(\"http://evil.example\",\"x\")""#), "JSON Lines keep the exact text");
}

/// Labels: put on by ids, by stdin and by filters, named case-insensitively, shown by show
/// and the JSON, counted by `labels list`, and a selection filter of list, export, search
/// and the bulk verbs; another organization can label none of ours.
#[tokio::test]
async fn labels_file_requests_and_select_them_everywhere() {
    let Some(app) = spawn_app() else { return };
    let (a, b, c) = (app.new_request().await, app.new_request().await, app.new_request().await);
    let (a, b, c) = (a.to_string(), b.to_string(), c.to_string());
    let out = app.cli(&["requests", "label", "add", &a, &b, "Refund", "vip"]).success();
    assert!(out.stderr.contains("labelled 2 · unchanged 0"), "{out:?}");
    let again = app.cli(&["requests", "label", "add", &a, "REFUND"]).success();
    assert!(again.stderr.contains("labelled 0 · unchanged 1"), "{again:?}");
    app.cli_with_stdin(&["requests", "label", "add", "-", "refund"], Some(&format!("{c}\n"))).success();
    let removed = app.cli(&["requests", "label", "remove", "--label", "vip", "vip", "--json"]).success().json();
    let mut ids: Vec<String> = removed.as_array().unwrap().iter().map(|r| r["id"].to_string()).collect();
    ids.sort();
    let mut expected = vec![a.clone(), b.clone()];
    expected.sort();
    assert_eq!(ids, expected, "--label selected the requests that had it");

    let shown = app.cli(&["requests", "show", &a]).success();
    assert!(shown.stdout.contains("labels:    refund\n"), "{shown:?}");
    let detail = app.get(&format!("/v1/requests/{a}"), AGENT).await.expect(StatusCode::OK);
    assert_eq!(detail["labels"], json!(["refund"]));
    let listed = app.cli(&["requests", "list", "--label", "Refund", "--json"]).success().json();
    assert_eq!(listed.as_array().unwrap().len(), 3);
    assert_eq!(app.cli(&["labels", "list"]).success().stdout, "refund\t3\n");
    let exported = app.cli(&["requests", "export", "--state", "open", "--label", "refund", "-o", "-"]).success();
    assert_eq!(exported.stdout.lines().count(), 3);
    assert!(exported.stdout.lines().all(|l| l.contains(r#""labels":["refund"]"#)), "{}", exported.stdout);
    let found = app.cli(&["requests", "search", "person", "--label", "refund", "--json"]).success().json();
    assert_eq!(found.as_array().unwrap().len(), 3, "the form says `I need a person`");
    let taken = app.cli(&["requests", "assign", "--label", "refund", "--to", "me", "--json"]).success().json();
    assert_eq!(taken.as_array().unwrap().len(), 3);

    let missing = app.cli(&["requests", "label", "add", "999999", "refund"]).exit(1);
    assert!(missing.stderr.contains("✗ #999999: not_found"), "{missing:?}");
    let bad = app.cli(&["requests", "label", "add", &a, "two words"]).exit(2);
    assert!(bad.stderr.contains("is not a label"), "{bad:?}");
    let theirs = app
        .post("/v1/requests/labels", STRANGER, json!({"ids": [a.parse::<i64>().unwrap()], "add": ["mine"]}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(theirs["results"][0]["outcome"], "not_found", "{theirs}");
    let bad = app.post("/v1/requests/labels", ADMIN, json!({"ids": [1], "add": ["two words"]})).await;
    assert_eq!((bad.status, bad.code()), (StatusCode::BAD_REQUEST, "invalid_input"));
}
