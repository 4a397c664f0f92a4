//! Scripting at scale through the real binary against real servers: bulk changes that meet
//! conflicts and crashes, CI backlog checks, archive exports that are interrupted and
//! resumed, and the benchmark harness at a tiny scale.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::support::{ADMIN, AGENT, AGENT2, Backend, CliOutput, DATABASE_URL_VAR, TestDb, run_livechat, spawn_app};

fn output(child: Child) -> CliOutput {
    let out = child.wait_with_output().unwrap();
    CliOutput {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[tokio::test]
async fn a_request_taken_after_it_was_listed_is_reported_and_left_alone() {
    let Some(app) = spawn_app() else { return };
    let ids: Vec<i64> = new_requests(&app, 3).await;
    let listed = app.cli(&["requests", "list", "--state", "new", "--json"]).success().stdout;
    // Between the list and the bulk assign, agent2 takes one of the listed requests.
    app.post(&format!("/v1/requests/{}/assign", ids[1]), AGENT2, json!({"to": "me"})).await.expect(StatusCode::OK);
    let out =
        app.cli_with_stdin(&["requests", "assign", "-", "--to", "agent@fixture.test", "--json"], Some(&listed)).exit(5);
    assert!(
        out.stderr.contains(&format!("✗ #{}: conflict: request #{} changed since you read it", ids[1], ids[1])),
        "{out:?}"
    );
    assert!(out.stderr.contains("assigned 2 · unchanged 0 · conflicts 1 · failed 0"), "{out:?}");
    let taken = app.get(&format!("/v1/requests/{}", ids[1]), ADMIN).await.expect(StatusCode::OK);
    assert_eq!(taken["assignee"]["email"], "agent2@fixture.test", "the conflict must not overwrite");
    // Re-running is safe: what is done is unchanged, and the conflict stays a conflict.
    let again = app.cli_with_stdin(&["requests", "assign", "-", "--to", "agent@fixture.test"], Some(&listed)).exit(5);
    assert!(again.stderr.contains("assigned 0 · unchanged 2 · conflicts 1 · failed 0"), "{again:?}");
}

async fn new_requests(app: &super::support::TestApp, n: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    for _ in 0..n {
        ids.push(app.new_request().await);
    }
    ids
}

#[tokio::test]
async fn filters_select_and_spread_evenly_and_dry_runs_change_nothing() {
    let Some(app) = spawn_app() else { return };
    let ids = new_requests(&app, 6).await;
    let held = app.request_in("assigned").await; // agent holds one already
    let dry = app
        .cli(&[
            "requests",
            "assign",
            "--state",
            "new",
            "--to",
            "agent@fixture.test,agent2@fixture.test",
            "--dry-run",
            "--json",
        ])
        .success();
    let plan = dry.json();
    assert_eq!(plan.as_array().unwrap().len(), 6);
    assert!(dry.stderr.contains("nothing was changed"), "{dry:?}");
    let still_new = app.get("/v1/requests/backlog", ADMIN).await.expect(StatusCode::OK);
    assert_eq!(still_new["new"], 6);

    let out = app
        .cli(&["requests", "assign", "--state", "new", "--to", "agent@fixture.test,agent2@fixture.test", "--json"])
        .success();
    let results = out.json();
    let to =
        |email: &str| results.as_array().unwrap().iter().filter(|r| r["request"]["assignee"]["email"] == email).count();
    // agent already held one request, so agent2 is served first and the loads end 4 and 3.
    assert_eq!((to("agent@fixture.test"), to("agent2@fixture.test")), (3, 3));
    assert_eq!(results[0]["request"]["assignee"]["email"], "agent2@fixture.test", "the least loaded goes first");
    let backlog = app.get("/v1/requests/backlog", ADMIN).await.expect(StatusCode::OK);
    let load = |email: &str| {
        let agents = backlog["agents"].as_array().unwrap();
        agents.iter().find(|a| a["member"]["email"] == email).map(|a| a["assigned"].as_u64().unwrap())
    };
    assert_eq!((load("agent@fixture.test"), load("agent2@fixture.test")), (Some(4), Some(3)));
    assert!(ids.iter().chain([&held]).all(|id| *id > 0));

    let none = app.cli(&["requests", "unassign"]).exit(2);
    assert!(none.stderr.contains("say which requests"), "{none:?}");
    app.cli(&["requests", "unassign", "12", "--state", "new"]).exit(2);
    app.new_request().await;
    let nobody = app.cli(&["requests", "assign", "--state", "new", "--to", "agent@fixture.test,zed@nowhere"]).exit(2);
    assert!(nobody.stderr.contains("no member `zed@nowhere`"), "{nobody:?}");
}

#[tokio::test]
async fn jq_filters_any_json_output_and_a_bad_expression_is_usage() {
    let Some(app) = spawn_app() else { return };
    let a = app.new_request().await;
    let out = app.cli(&["requests", "list", "--jq", ".[0].id"]).success();
    assert_eq!(out.stdout.trim(), a.to_string());
    let out = app.cli(&["members", "list", "--jq", ".[] | select(.role == \"agent\") | .email"]).success();
    assert_eq!(out.stdout, "agent@fixture.test\nagent2@fixture.test\n");
    let out = app.cli(&["--url", "http://127.0.0.1:9", "requests", "list", "--jq", ".[] | select("]).exit(2);
    assert!(out.stderr.contains("--jq `.[] | select(` does not parse: expected closing parenthesis"), "{out:?}");
    assert!(!out.stderr.contains("could not reach"), "a bad expression fails before any call: {out:?}");
}

#[tokio::test]
async fn backlog_thresholds_exit_3_with_one_line_each_and_an_unreachable_server_is_1() {
    let Some(app) = spawn_app() else { return };
    new_requests(&app, 3).await;
    app.request_in("assigned").await;
    let ok = app.cli(&["requests", "backlog", "--max-new", "3", "--max-unassigned", "3", "--max-age", "1h"]).success();
    assert!(ok.stdout.contains("3 new · 1 assigned · 0 chatting · 3 unassigned"), "{ok:?}");
    let over = app
        .cli(&["requests", "backlog", "--max-new", "1", "--max-unassigned", "2", "--max-age", "1h", "--json"])
        .exit(3);
    let lines: Vec<&str> = over.stderr.lines().filter(|l| l.starts_with("backlog: ")).collect();
    assert_eq!(
        lines,
        [
            "backlog: 3 requests are new: 2 over --max-new 1",
            "backlog: 3 requests have no assignee: 1 over --max-unassigned 2"
        ]
    );
    let report = over.json();
    assert_eq!(report["new"], 3);
    let checks: Vec<(Value, Value)> =
        report["checks"].as_array().unwrap().iter().map(|c| (c["name"].clone(), c["exceeded"].clone())).collect();
    assert_eq!(
        checks,
        [(json!("max-new"), json!(true)), (json!("max-unassigned"), json!(true)), (json!("max-age"), json!(false))]
    );
    assert_eq!(report["agents"][0]["member"]["email"], "agent@fixture.test");
    assert_eq!(report["agents"][0]["assigned"], 1);
    let agent_view =
        app.cli(&["--profile", AGENT, "requests", "backlog", "--bot", "Community", "--max-new", "0"]).success();
    assert!(agent_view.stdout.contains("0 new"), "{agent_view:?}");
    let down =
        app.cli(&["--url", "http://127.0.0.1:9", "--retry-for", "0s", "requests", "backlog", "--max-new", "0"]).exit(1);
    assert!(down.stderr.contains("could not reach"), "{down:?}");
}

fn sha256_file(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

fn manifest(path: &Path) -> Value {
    let mut name = path.as_os_str().to_owned();
    name.push(".manifest.json");
    serde_json::from_slice(&std::fs::read(PathBuf::from(name)).unwrap()).unwrap()
}

#[tokio::test]
async fn exports_round_trip_through_gzip_and_quote_csv_and_only_admins_export() {
    let Some(app) = spawn_app() else { return };
    let id = app.request_in("assigned").await;
    let tricky = "Refunded, \"with\" interest;\nsee ticket A-1, line 2";
    app.post(&format!("/v1/requests/{id}/resolve"), ADMIN, json!({"note": tricky})).await.expect(StatusCode::OK);
    app.request_in("closed").await;
    app.archive_everything_resolved().await;
    let dir = app.dir.path();
    let plain = dir.join("archive.jsonl");
    let gz = dir.join("archive.jsonl.gz");
    app.cli(&["requests", "export", "-o", plain.to_str().unwrap()]).success();
    app.cli(&["requests", "export", "-o", gz.to_str().unwrap()]).success();
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&gz).unwrap()).read_to_end(&mut unzipped).unwrap();
    assert_eq!(unzipped, std::fs::read(&plain).unwrap(), "gzip round trip");
    for (path, records) in [(&plain, 2), (&gz, 2)] {
        let m = manifest(path);
        assert_eq!(m["records"], records);
        assert_eq!(m["sha256"], sha256_file(path));
        assert_eq!(m["filters"]["state"], "closed");
    }
    assert_eq!(manifest(&plain)["first_id"].as_i64(), Some(id));
    let stdout = app.cli(&["requests", "export"]).success();
    assert_eq!(stdout.stdout.as_bytes(), std::fs::read(&plain).unwrap());
    let line: Value = serde_json::from_str(stdout.stdout.lines().next().unwrap()).unwrap();
    for field in ["id", "state", "notes", "messages", "timeline"] {
        assert!(line.get(field).is_some(), "{field} missing from an export line");
    }

    let csv_path = dir.join("archive.csv");
    app.cli(&["requests", "export", "--format", "csv", "-o", csv_path.to_str().unwrap()]).success();
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.get(0), Some("id"));
    assert_eq!(headers.len(), 16);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let note_col = headers.iter().position(|h| h == "resolution_note").unwrap();
    assert_eq!(&rows[0][note_col], tricky, "commas, quotes and newlines survive CSV");
    assert_eq!(&rows[0][headers.iter().position(|h| h == "assignee").unwrap()], "agent@fixture.test");

    let denied = app.cli(&["--profile", AGENT, "requests", "export"]).exit(4);
    assert!(denied.stderr.contains("only org admins and bot admins can export"), "{denied:?}");
    let none = dir.join("none.jsonl");
    app.cli(&["requests", "export", "--since", "1h", "--until", "30m", "-o", none.to_str().unwrap()]).success();
    assert_eq!(manifest(&none)["records"], 0);
    app.cli(&["requests", "export", "--since", "last tuesday"]).exit(2);
    app.cli(&["requests", "export", "--resume", "-o", dir.join("never.jsonl").to_str().unwrap()]).exit(2);
}

#[test]
fn an_export_broken_by_a_stopped_server_resumes_to_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mut server) = super::support::seeded_server(dir.path(), &[("closed", 6000)]) else { return };
    let clean = dir.path().join("clean.jsonl");
    server.cli(dir.path(), &["requests", "export", "-o", clean.to_str().unwrap()], None).success();

    let target = dir.path().join("resumed.jsonl");
    let part = dir.path().join("resumed.jsonl.part");
    let args = ["--retry-for", "0s", "requests", "export", "-o", target.to_str().unwrap()];
    let child = server.command(dir.path(), &args).spawn().unwrap();
    let pid = child.id().to_string();
    // Freeze the CLI as soon as data arrives, stop the server, then let the CLI find out.
    let started = Instant::now();
    while std::fs::metadata(&part).map(|m| m.len()).unwrap_or(0) == 0 {
        assert!(started.elapsed() < Duration::from_secs(30), "the export never started");
        std::thread::sleep(Duration::from_millis(1));
    }
    Command::new("kill").args(["-STOP", &pid]).status().unwrap();
    server.kill();
    Command::new("kill").args(["-CONT", &pid]).status().unwrap();
    let out = output(child).exit(1);
    assert!(out.stderr.contains("--resume"), "{out:?}");
    assert!(!target.exists(), "an interrupted export must never look finished");
    assert!(part.exists());

    server.restart();
    let resumed =
        server.cli(dir.path(), &["requests", "export", "-o", target.to_str().unwrap(), "--resume"], None).success();
    assert!(resumed.stderr.contains("Exported 6000 requests"), "{resumed:?}");
    assert_eq!(std::fs::read(&target).unwrap(), std::fs::read(&clean).unwrap(), "resumed bytes equal a clean export");
    let (a, b) = (manifest(&target), manifest(&clean));
    assert_eq!((a["records"].clone(), a["sha256"].clone()), (b["records"].clone(), b["sha256"].clone()));
    assert!(!part.exists());
}

#[test]
fn a_server_killed_during_a_bulk_assign_keeps_every_acknowledged_change() {
    let dir = tempfile::tempdir().unwrap();
    let Some(mut server) = super::support::seeded_server(dir.path(), &[("new", 3000)]) else { return };
    let args =
        ["--retry-for", "60s", "requests", "assign", "--state", "new", "--to", "agent1@bench.test", "--yes", "--json"];
    let child = server.command(dir.path(), &args).spawn().unwrap();
    let started = Instant::now();
    loop {
        let backlog = server.get("/v1/requests/backlog");
        if backlog["assigned"].as_u64().unwrap() > 0 {
            assert!(backlog["new"].as_u64().unwrap() > 0, "the bulk assign finished before the crash; make it larger");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the bulk assign never started");
    }
    server.restart(); // SIGKILL, then the same database on the same address
    let out = output(child).success();
    assert!(out.stderr.contains("retrying"), "the client rode out the crash: {out:?}");
    let results = out.json();
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 3000);
    assert!(results.iter().all(|r| r["outcome"] == "ok" || r["outcome"] == "unchanged"), "{out:?}");
    let backlog = server.get("/v1/requests/backlog");
    assert_eq!((backlog["new"].as_u64(), backlog["assigned"].as_u64()), (Some(0), Some(3000)));
    // Re-running finds nothing left to do.
    let again = server
        .cli(dir.path(), &["requests", "assign", "--state", "new", "--to", "agent1@bench.test", "--yes"], None)
        .success();
    assert!(again.stderr.contains("No requests match"), "{again:?}");
}

#[test]
fn the_longest_resolution_note_reaches_every_request_of_a_large_selection() {
    let dir = tempfile::tempdir().unwrap();
    let Some(server) = super::support::seeded_server(dir.path(), &[("assigned", 300)]) else { return };
    // Two bytes a character, repeated in each item: 300 items are six times the body limit.
    let note = "é".repeat(livechat::api::grammar::MAX_TEXT_CHARS);
    let args = ["requests", "resolve", "--state", "assigned", "--note", &note, "--yes", "--json"];
    let out = server.cli(dir.path(), &args, None).success();
    let results = out.json();
    assert_eq!(results.as_array().unwrap().len(), 300, "{}", out.stderr);
    assert!(results.as_array().unwrap().iter().all(|r| r["outcome"] == "ok"), "{}", out.stderr);
    let backlog = server.get("/v1/requests/backlog");
    assert_eq!(backlog["assigned"].as_u64(), Some(0));
    let last = results[299]["id"].as_i64().unwrap();
    let detail = server.get(&format!("/v1/requests/{last}"));
    let resolution = detail["notes"].as_array().unwrap().iter().find(|n| n["kind"] == "resolution").unwrap();
    assert_eq!(resolution["body"], note.as_str());
}

/// `cargo test` builds the examples next to the test binaries' folder.
fn latency_probe() -> PathBuf {
    let deps = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    deps.parent().unwrap().join("examples/latency")
}

/// The harness's flags for this suite's store; `None` (said loudly) when it cannot run here.
fn harness_store_args() -> Option<Vec<String>> {
    match super::STORE {
        Backend::Sqlite => Some(vec!["--store".into(), "sqlite".into()]),
        Backend::Postgres => {
            // TestDb skips (or fails under CI) as every PostgreSQL test does, and proves the
            // server reachable; the harness then makes and drops schemas of its own.
            drop(TestDb::new(Backend::Postgres, tempfile::tempdir().unwrap().path())?);
            let url = std::env::var(DATABASE_URL_VAR).unwrap();
            Some(vec!["--store".into(), "postgres".into(), "--postgres".into(), url])
        }
    }
}

#[test]
fn the_benchmark_harness_runs_at_a_tiny_scale() {
    let Some(store_args) = harness_store_args() else { return };
    let out_dir = tempfile::tempdir().unwrap();
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/run.py");
    let out = Command::new("python3")
        .arg(&harness)
        .args(["--scale", "tiny", "--bin", env!("CARGO_BIN_EXE_livechat"), "--out", out_dir.path().to_str().unwrap()])
        .args(["--latency-bin", latency_probe().to_str().unwrap()])
        .args(&store_args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let (column, only_here): (&str, &[&str]) = match super::STORE {
        Backend::Sqlite => ("| SQLite |", &[]),
        Backend::Postgres => ("| PostgreSQL |", &["agent's stream on replica B", "against PostgreSQL alone"]),
    };
    assert!(stdout.lines().next().is_some_and(|head| head.contains(column)), "no {column} column in:\n{stdout}");
    let everywhere =
        ["export 300 closed requests", "bulk-assign 60", "`requests backlog`", "`requests list`", "agent's stream", "30-day daily series", "retention sweep of", "`visitors erase` of a visitor", "page cache off", "from the page cache", "revalidated: 304"];
    for workload in everywhere.iter().chain(only_here) {
        assert!(stdout.contains(workload), "{workload} missing from:\n{stdout}");
    }
    let raw: Value = serde_json::from_slice(&std::fs::read(out_dir.path().join("tiny.json")).unwrap()).unwrap();
    if super::STORE == Backend::Postgres {
        // Every schema the harness made is gone again.
        let schemas: Vec<String> =
            raw["postgres"]["schemas"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
        assert_eq!(schemas.len(), 10, "{raw}");
        let url = std::env::var(DATABASE_URL_VAR).unwrap();
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        let left = client
            .query("SELECT nspname::text FROM pg_namespace WHERE nspname = ANY($1)", &[&schemas])
            .unwrap()
            .iter()
            .map(|row| row.get::<_, String>(0))
            .collect::<Vec<_>>();
        assert!(left.is_empty(), "the harness left schemas behind: {left:?}");
    }
}

#[test]
fn the_benchmark_harness_runs_only_the_phases_asked_for() {
    let Some(store_args) = harness_store_args() else { return };
    let out_dir = tempfile::tempdir().unwrap();
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/run.py");
    let run = |only: &str| {
        Command::new("python3")
            .arg(&harness)
            .args(["--scale", "tiny", "--bin", env!("CARGO_BIN_EXE_livechat"), "--only", only])
            .args(["--out", out_dir.path().to_str().unwrap(), "--latency-bin", latency_probe().to_str().unwrap()])
            .args(&store_args)
            .output()
            .unwrap()
    };
    let refused = run("throughput,everything");
    assert_eq!(refused.status.code(), Some(2), "{}", String::from_utf8_lossy(&refused.stderr));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--only takes phases among"));
    let out = run("throughput");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("revalidated: 304") && stdout.contains("page cache off"), "{stdout}");
    for other in ["export 300 closed requests", "`requests backlog`", "agent's stream", "retention sweep of"] {
        assert!(!stdout.contains(other), "{other} ran, though only the throughput was asked for:\n{stdout}");
    }
}

#[test]
fn sigterm_ends_streams_with_a_final_event_and_logs_carry_request_ids_but_no_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let Some(store) = super::support::suite_db(dir.path()) else { return };
    let db = store.url.as_str();
    let seeded = run_livechat(dir.path(), &["server", "seed", "--db", db, "--new", "3"], None, &[])
        .success()
        .json();
    let token = seeded["members"][0]["token"].as_str().unwrap().to_string();
    let mut server = Command::new(env!("CARGO_BIN_EXE_livechat"))
        .args(["server", "run", "--db", db, "--listen", "127.0.0.1:0", "--log-format", "json"])
        .env("LIVECHAT_LOG", "debug")
        .env("LIVECHAT_METRICS_TOKEN", crate::support::METRICS_TOKEN)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let stderr = server.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let mut logs = Vec::new();
    let url = loop {
        let line = rx.recv_timeout(Duration::from_secs(10)).expect("the server logs its address");
        let parsed: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not a JSON log line ({e}): {line}"));
        logs.push(line);
        if let Some(addr) = parsed["fields"]["addr"].as_str() {
            break format!("http://{addr}");
        }
    };
    // A call whose path carries an email, and a visitor's token in another.
    let out = Command::new("curl")
        .args(["-sS", "-D", "-", "-o", "/dev/null", "-H", &format!("Authorization: Bearer {token}")])
        .arg(format!("{url}/v1/requests?assignee=agent1%40bench.test"))
        .output()
        .unwrap();
    let headers = String::from_utf8_lossy(&out.stdout).to_lowercase();
    let request_id = headers
        .lines()
        .find_map(|l| l.strip_prefix("x-request-id: "))
        .expect("an x-request-id header")
        .trim()
        .to_string();
    Command::new("curl")
        .args(["-sS", "-o", "/dev/null", &format!("{url}/v1/public/conversations/lcv_secret-visitor-token")])
        .status()
        .unwrap();
    let stream = Command::new("curl")
        .args(["-sSN", "-H", &format!("Authorization: Bearer {token}"), &format!("{url}/v1/events")])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let bearer = format!("Authorization: Bearer {}", crate::support::METRICS_TOKEN);
    let metrics = Command::new("curl").args(["-sS", "-H", &bearer, &format!("{url}/metrics")]).output().unwrap();
    let metrics = String::from_utf8_lossy(&metrics.stdout);
    assert!(metrics.contains("livechat_live_streams 1"), "{metrics}");
    assert!(metrics.contains(r#"livechat_open_requests{state="new"} 3"#), "{metrics}");
    assert!(metrics.contains(r#"route="/v1/requests",status="200""#), "{metrics}");
    assert!(metrics.contains("livechat_store_duration_seconds_count{op=\"list_requests\"}"), "{metrics}");

    Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    let status = server.wait().unwrap();
    assert!(status.success(), "SIGTERM is a clean stop: {status:?}");
    let streamed = String::from_utf8(stream.wait_with_output().unwrap().stdout).unwrap();
    assert!(streamed.contains("event: shutdown"), "open streams get a final event: {streamed}");
    while let Ok(line) = rx.recv_timeout(Duration::from_millis(500)) {
        logs.push(line);
    }
    let all = logs.join("\n");
    assert!(all.contains(&request_id), "the request id is on the call's log lines");
    for secret in [token.as_str(), "agent1@bench.test", "agent1%40bench.test", "lcv_secret-visitor-token"] {
        assert!(!all.contains(secret), "`{secret}` leaked into the logs:\n{all}");
    }
    assert!(all.contains("the database is closed"), "{all}");
}

/// Regression: with its stderr pipe full and unread, the server stalled every call (found by
/// the benchmark harness). Logging must never hold up the calls.
#[tokio::test]
async fn a_server_whose_log_reader_stalls_keeps_answering() {
    let dir = tempfile::tempdir().unwrap();
    let Some(store) = super::support::suite_db(dir.path()) else { return };
    let mut command = Command::new(env!("CARGO_BIN_EXE_livechat"));
    command.args(["server", "run", "--db", &store.url, "--listen", "127.0.0.1:0"]).env("LIVECHAT_LOG", "debug");
    // Read up to the address, then hold the pipe open and never read it again.
    let (mut child, addr, lines) = crate::servers::listening(command);
    let url = format!("http://{addr}");
    let http = livechat::client::http();
    let calls = async {
        for _ in 0..3000 {
            let resp = http.get(format!("{url}/healthz")).send().await.unwrap();
            assert_eq!(resp.status(), reqwest::StatusCode::OK);
        }
    };
    let finished = tokio::time::timeout(Duration::from_secs(60), calls).await;
    child.kill().unwrap();
    child.wait().unwrap();
    drop(lines);
    assert!(finished.is_ok(), "the server stopped answering while its log pipe was full");
}
