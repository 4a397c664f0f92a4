//! The change feed through the real CLI and API: what a warehouse loading changes run after
//! run receives, and what it is refused.

use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::support::{ADMIN, AGENT, TestApp, spawn_app};

/// Runs `requests export --changes-after CURSOR -o NAME`: the lines written, and the cursor
/// of the last one.
fn run(app: &TestApp, after: &str, name: &str) -> (Vec<Value>, String) {
    let path = app.dir.path().join(name);
    let out = app.cli(&["requests", "export", "--changes-after", after, "-o", path.to_str().unwrap()]).success();
    assert!(out.stderr.contains("the next run starts with --changes-after"), "{out:?}");
    let lines: Vec<Value> =
        std::fs::read_to_string(&path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let end = lines.last().unwrap();
    assert_eq!((end["change"].as_str(), end["more"].as_bool()), (Some("end"), Some(false)), "{end}");
    let next = end["next_cursor"].as_str().unwrap().to_string();
    (lines[..lines.len() - 1].to_vec(), next)
}

fn numbers(lines: &[Value]) -> Vec<i64> {
    lines.iter().map(|l| l["request"]["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn each_run_loads_what_changed_since_the_last_and_ends_with_the_next_cursor() {
    let Some(app) = spawn_app() else { return };
    let first = app.new_request().await;
    let second = app.new_request().await;
    let (lines, cursor) = run(&app, "0.0", "run1.jsonl");
    assert_eq!(numbers(&lines), [first, second]);
    assert!(lines.iter().all(|l| l["change"] == "changed" && l["request"]["timeline"].is_array()));

    let agent = app.member(AGENT).email.clone();
    app.cli(&["requests", "assign", &second.to_string(), "--to", &agent]).success();
    app.cli(&["notes", "add", &first.to_string(), "--body", "called back"]).success();
    let (lines, next) = run(&app, &cursor, "run2.jsonl");
    assert_eq!(numbers(&lines), [second, first], "in the order the changes committed");
    assert_eq!(lines[0]["request"]["state"], "assigned");
    assert_eq!(lines[1]["request"]["notes"].as_array().unwrap().last().unwrap()["body"], "called back");

    // Nothing changed: only the end line, on stdout this time.
    let out = app.cli(&["requests", "export", "--changes-after", &next]).success();
    let only: Vec<Value> = out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(only.len(), 1, "{out:?}");
    assert_eq!(only[0]["next_cursor"], next.as_str());
    assert!(out.stderr.contains("0 changed requests and 0 deleted requests"), "{out:?}");

    // A limit stops the call early and says more wait.
    let token = Some(app.token(ADMIN));
    let page = app.http.get(format!("{}/v1/changes?after=0.0&limit=1", app.url)).bearer_auth(app.token(ADMIN));
    let text = page.send().await.unwrap().text().await.unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!((lines[1]["change"].as_str(), lines[1]["more"].as_bool()), (Some("end"), Some(true)));

    // Refusals: a bad cursor, CSV, a file that exists, and anyone but an org admin.
    app.cli(&["requests", "export", "--changes-after", "yesterday"]).exit(2);
    app.cli(&["requests", "export", "--changes-after", "0.0", "--format", "csv", "-o", "-"]).exit(2);
    let taken = app.dir.path().join("run1.jsonl");
    app.cli(&["requests", "export", "--changes-after", "0.0", "-o", taken.to_str().unwrap()]).exit(2);
    app.cli(&["requests", "export", "--changes-after", "0.0", "--state", "open"]).exit(2);
    app.cli(&["--profile", AGENT, "requests", "export", "--changes-after", "0.0", "-o", "-"]).exit(4);
    app.get("/v1/changes", AGENT).await.expect(StatusCode::FORBIDDEN);
    for query in ["after=1", "after=1.x", "after=-1.0", "limit=0", "limit=100001", "since=1"] {
        let answer = app.call(Method::GET, &format!("/v1/changes?{query}"), token, None).await;
        answer.expect(StatusCode::BAD_REQUEST);
    }
}
