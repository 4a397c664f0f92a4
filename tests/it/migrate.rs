//! `livechat server migrate-db`: a SQLite database moved up to PostgreSQL whole, checked on
//! both sides, and refused when the target already holds data.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Backend, FileServer, TestDb, run_livechat};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_database_moves_up_to_postgres_whole() {
    let dir = tempfile::tempdir().unwrap();
    let Some(target) = TestDb::new(Backend::Postgres, &dir.path().join("pg")) else { return };
    let counts = [("closed", 300), ("resolved", 10), ("chatting", 5), ("new", 20)];
    let mut sqlite = FileServer::seeded(Backend::Sqlite, dir.path(), &counts).unwrap();
    let http = livechat::client::http();
    let bot = sqlite.get("/v1/bots")["items"][0]["id"].as_i64().unwrap();
    let form = json!({"name": "Moving Visitor", "email": "mv@example.com", "message": "still there?"});
    let created = open_request(&http, &sqlite.url, bot, form).await;
    let token = created["conversation_token"].as_str().unwrap().to_string();
    let before = sqlite.cli(dir.path(), &["requests", "export", "--state", "closed"], None).success().stdout;
    let listed = sqlite.cli(dir.path(), &["requests", "list", "--json"], None).success().json();
    sqlite.kill();

    let source = format!("sqlite://{}", sqlite.db.url);
    let args = ["server", "migrate-db", "--from", &source, "--to", &target.url];
    let out = run_livechat(dir.path(), &args, None, &[]).success();
    assert!(out.stderr.contains("match on both sides"), "{out:?}");
    assert!(out.stderr.contains("requests: 336 rows"), "{out:?}");
    let again = run_livechat(dir.path(), &args, None, &[]).exit(2);
    assert!(again.stderr.contains("already holds data"), "{again:?}");

    // A server on the copy answers exactly as the old one did.
    let moved = sqlite.replica(Some(&target.url), &[]);
    let after = moved.cli(dir.path(), &["requests", "export", "--state", "closed"], None).success().stdout;
    assert_eq!(after, before, "the archive exports byte for byte the same");
    assert_eq!(moved.cli(dir.path(), &["requests", "list", "--json"], None).success().json(), listed);
    let conversation = http.get(format!("{}/v1/public/conversations/{token}", moved.url)).send().await.unwrap();
    assert_eq!(conversation.status(), StatusCode::OK, "the visitor's conversation moved too");
    // And back down again, into a new SQLite file: the copy works in both directions.
    let back = format!("sqlite://{}", dir.path().join("back.sqlite").display());
    let down = run_livechat(dir.path(), &["server", "migrate-db", "--from", &target.url, "--to", &back], None, &[]);
    assert!(down.success().stderr.contains("match on both sides"));
    // New rows continue after the copied ids.
    let next = open_request(&http, &moved.url, bot, json!({"name": "New Visitor", "message": "hello"})).await;
    assert!(next["request_id"].as_i64().unwrap() > created["request_id"].as_i64().unwrap(), "{next}");
}

/// A visitor submits the request form; returns the server's answer.
async fn open_request(http: &reqwest::Client, base: &str, bot: i64, form: Value) -> Value {
    let resp = http.post(format!("{base}/v1/public/bots/{bot}/requests")).json(&form).send().await.unwrap();
    resp.json().await.unwrap()
}

#[test]
fn migrate_db_refuses_a_missing_source_and_a_copy_onto_itself() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.sqlite");
    let missing = missing.to_str().unwrap();
    let out =
        run_livechat(dir.path(), &["server", "migrate-db", "--from", missing, "--to", "sqlite::memory:"], None, &[]);
    let out = out.exit(2);
    assert!(out.stderr.contains("there is no database at"), "{out:?}");
    let same =
        run_livechat(dir.path(), &["server", "migrate-db", "--from", "x.db", "--to", "sqlite://x.db"], None, &[]);
    assert!(same.exit(2).stderr.contains("the same database"));
}
