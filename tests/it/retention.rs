//! Retention through the real CLI and a real `server run`: a policy set, previewed and
//! carried out by the server's own sweep, on a seeded archive that reaches 60 days back.

use std::time::{Duration, Instant};

use serde_json::Value;

#[test]
fn a_policy_is_previewed_then_carried_out_by_the_sweep_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let seed = [("closed", 300), ("new", 5), ("days", 60)];
    let Some(server) =
        super::support::FileServer::seeded_with(super::STORE, dir.path(), &seed, &["--retention-every", "1s"])
    else {
        return;
    };
    let cli = |args: &[&str]| server.cli(dir.path(), args, None);
    let shown = cli(&["retention", "show"]).success();
    assert!(shown.stdout.contains("Closed requests are kept for ever; audit records are kept 400 days."), "{shown:?}");
    let agent = server.token_of("agent1@bench.test");
    let as_agent = |args: &[&str]| {
        let mut all = vec!["--url", server.url.as_str(), "--token", agent.as_str()];
        all.extend(args);
        super::support::run_livechat(dir.path(), &all, None, &[])
    };
    as_agent(&["retention", "set", "--closed-after", "30d"]).exit(4);
    as_agent(&["retention", "preview"]).exit(4);
    for bad in ["0d", "36h", "36501d", "soon"] {
        cli(&["retention", "set", "--closed-after", bad]).exit(2);
    }

    let exported = |name: &str| -> Vec<Value> {
        let path = dir.path().join(name);
        let out = cli(&["requests", "export", "-o", path.to_str().unwrap()]).success();
        assert!(out.stderr.contains("The server recorded this export"), "{out:?}");
        std::fs::read_to_string(&path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    let cutoff = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * 30);
    let closed_at = |r: &Value| r["closed_at"].as_str().unwrap().parse::<jiff::Timestamp>().unwrap();

    // Until an export holds them, nothing goes, however old.
    let set = cli(&["retention", "set", "--closed-after", "30d", "--require-export", "--json"]).success().json();
    assert_eq!((set["closed_after_days"].as_u64(), set["require_export"].as_bool()), (Some(30), Some(true)));
    let preview = cli(&["retention", "preview", "--json"]).success().json();
    let old = preview["unexported"].as_u64().unwrap();
    assert!((100..200).contains(&old), "about half the archive is older than 30 days: {preview}");
    assert_eq!(preview["due"]["requests"], 0);
    let human = cli(&["retention", "preview"]).success().stdout;
    assert!(human.contains("are kept until an export holds them"), "{human}");
    std::thread::sleep(Duration::from_millis(1500));
    let before = exported("before.jsonl");
    assert_eq!(before.len(), 300, "the sweep waited for the export");
    assert_eq!(before.iter().filter(|r| closed_at(r) < cutoff).count() as u64, old);
    // A receipt that does not match the archive is refused.
    let token = &server.admin;
    let lie = serde_json::json!({"first_id": 1, "last_id": 100000, "records": 3, "sha256": "ab".repeat(32)});
    let out = std::process::Command::new("curl")
        .args(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", &format!("Authorization: Bearer {token}")])
        .args(["-H", "content-type: application/json", "-d", &lie.to_string(), &format!("{}/v1/requests/export/receipts", server.url)])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "409");

    let started = Instant::now();
    loop {
        let preview = cli(&["retention", "preview"]).success();
        if preview.stdout.contains("deletes what closed before") && preview.stdout.contains(": 0 requests,") {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the sweep never finished: {preview:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let after = exported("after.jsonl");
    assert_eq!(after.len() as u64, 300 - old, "exactly the requests older than the policy went");
    assert!(after.iter().all(|r| closed_at(r) >= cutoff - jiff::SignedDuration::from_mins(5)));
    let open = cli(&["requests", "list", "--json"]).success().json();
    assert_eq!(open.as_array().unwrap().len(), 5, "open requests are never swept");

    let audit = cli(&["audit", "list", "--action", "retention", "--json"]).success().json();
    assert_eq!(audit[0]["summary"]["to"], serde_json::json!({"closed_after_days": 30, "require_export": true}));
    let receipts = cli(&["audit", "list", "--action", "export", "--json"]).success().json();
    assert_eq!(receipts.as_array().unwrap().len(), 2, "both exports were recorded: {receipts}");
    cli(&["retention", "set", "--closed-after", "off"]).success();
    let shown = cli(&["retention", "show", "--json"]).success().json();
    assert!(shown["closed_after_days"].is_null(), "{shown}");
}
