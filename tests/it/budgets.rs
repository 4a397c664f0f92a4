//! Fair shares against hostile callers: one visitor's streams, idle and churning sockets,
//! silent connections, a low descriptor limit and guessed tokens cannot keep health checks
//! and members out.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::num::NonZeroU32;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use livechat::server::ServerConfig;
use livechat::server::limits::RateLimits;
use reqwest::{Method, StatusCode};

use crate::support::{ADMIN, Backend, TestApp, run_livechat, spawn_app_on};

/// One call on a fresh connection, answered within a second: what a health check does.
fn quick_call(addr: &str, path: &str, token: Option<&str>) -> bool {
    let Ok(mut conn) = TcpStream::connect(addr) else { return false };
    conn.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let head = format!("GET {path} HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n");
    if conn.write_all(head.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = conn.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200")
}

fn addr(app: &TestApp) -> String {
    app.url.trim_start_matches("http://").to_string()
}

/// Regression: one visitor held 1,152 streams of their own conversation, and health checks
/// and members' calls were shut out meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_visitor_holds_only_a_few_streams_and_everyone_else_is_served() {
    let app = spawn_app_on(Backend::Sqlite, ServerConfig::default()).unwrap();
    let (_, token) = app.visitor_request(app.help_bot, "Greedy Visitor").await;
    let path = format!("/v1/public/conversations/{token}/events");
    let mut held = Vec::new();
    let mut refused = None;
    for _ in 0..12 {
        let answer = app.http.get(format!("{}{path}", app.url)).send().await.unwrap();
        if answer.status() == StatusCode::OK {
            held.push(answer);
        } else {
            refused = Some((answer.status(), answer.text().await.unwrap()));
            break;
        }
    }
    assert_eq!(held.len(), 8, "the default cap on one address's visitor streams");
    let (status, body) = refused.expect("the ninth stream is refused");
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(body.contains("visitors at your address have 8 live streams open"), "{body}");
    let addr = addr(&app);
    let admin = app.token(ADMIN).to_string();
    let probes = tokio::task::spawn_blocking(move || {
        ["/healthz", "/readyz"].iter().all(|p| quick_call(&addr, p, None)) && quick_call(&addr, "/v1/me", Some(&admin))
    });
    assert!(probes.await.unwrap(), "health checks and members are answered while the visitor holds their share");
    // Members' streams are counted by member, not by the visitors' cap.
    let member = app.call(Method::GET, "/v1/requests/backlog", Some(app.token(ADMIN)), None).await;
    assert_eq!(member.status, StatusCode::OK);
}

/// One call answered within a second, retrying as a load balancer's health check would:
/// a burst of silent sockets can hold even the reserve for its first half second.
fn answered_within_a_second(addr: &str, path: &str, token: Option<&str>) -> bool {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(1) {
        if quick_call(addr, path, token) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// Regression: 1,100 idle sockets plus 40 new ones every 0.25 s refused `/healthz` in 9 of
/// 10 probes, with the default settings.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_churning_sockets_leave_room_for_health_checks_and_members() {
    let app = spawn_app_on(Backend::Sqlite, ServerConfig::default()).unwrap();
    let addr = addr(&app);
    let admin = app.token(ADMIN).to_string();
    let answered = tokio::task::spawn_blocking(move || {
        // More idle sockets than the whole cap, held open.
        let idle: Vec<TcpStream> = (0..1100).filter_map(|_| TcpStream::connect(&addr).ok()).collect();
        let mut churn = Vec::new();
        let mut answered = 0;
        for probe in 0..10 {
            // 40 new silent sockets every quarter second, the old ones dropped.
            churn.truncate(0);
            churn.extend((0..40).filter_map(|_| TcpStream::connect(&addr).ok()));
            std::thread::sleep(Duration::from_millis(250));
            let ok = if probe % 2 == 0 {
                answered_within_a_second(&addr, "/healthz", None)
            } else {
                answered_within_a_second(&addr, "/v1/me", Some(&admin))
            };
            answered += usize::from(ok);
        }
        drop(idle);
        answered
    });
    assert_eq!(answered.await.unwrap(), 10, "every probe is answered within a second");
}

/// Regression: a connection from the reserve served a visitor's stream like any other
/// call, so visitors could hold the reserve kept for health checks and members as well.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reserve_serves_health_checks_and_members_but_no_visitor() {
    // 20 connections: 4 shared, 16 in reserve.
    let app = spawn_app_on(Backend::Sqlite, ServerConfig { max_connections: 20, ..ServerConfig::default() }).unwrap();
    let (_, token) = app.visitor_request(app.help_bot, "Patient Visitor").await;
    let addr = addr(&app);
    let admin = app.token(ADMIN).to_string();
    let checked = tokio::task::spawn_blocking(move || {
        let path = format!("/v1/public/conversations/{token}/events");
        let mut held = Vec::new();
        let (status, rest) = loop {
            let mut conn = TcpStream::connect(&addr).unwrap();
            conn.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
            write!(conn, "GET {path} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n").unwrap();
            let mut reader = BufReader::new(conn);
            let mut status = String::new();
            reader.read_line(&mut status).unwrap();
            if !status.starts_with("HTTP/1.1 200") {
                let mut rest = String::new();
                let _ = reader.read_to_string(&mut rest);
                break (status, rest);
            }
            held.push(reader);
            assert!(held.len() <= 4, "a visitor's stream was served from the reserve");
        };
        assert!(!held.is_empty(), "the shared connections serve visitors");
        assert!(status.starts_with("HTTP/1.1 503"), "{status}{rest}");
        assert!(rest.to_ascii_lowercase().contains("retry-after: 1"), "{rest}");
        assert!(rest.contains("\"unavailable\"") && rest.contains("connection limit"), "{rest}");
        let members = quick_call(&addr, "/healthz", None) && quick_call(&addr, "/v1/me", Some(&admin));
        let visitor = quick_call(&addr, &path, None);
        drop(held);
        (members, visitor)
    });
    let (members, visitor) = checked.await.unwrap();
    assert!(members, "health checks and members are served from the reserve");
    assert!(!visitor, "another visitor's call is not");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_connection_is_closed_after_the_first_byte_timeout_and_a_spoken_one_keeps_alive() {
    let config = ServerConfig { first_byte_timeout: Duration::from_millis(500), ..ServerConfig::default() };
    let app = spawn_app_on(Backend::Sqlite, config).unwrap();
    let addr = addr(&app);
    tokio::task::spawn_blocking(move || {
        let mut silent = TcpStream::connect(&addr).unwrap();
        silent.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let started = Instant::now();
        let mut buf = [0u8; 16];
        assert_eq!(silent.read(&mut buf).unwrap_or(0), 0, "closed without a word");
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(400) && waited < Duration::from_secs(3), "{waited:?}");

        let mut spoken = TcpStream::connect(&addr).unwrap();
        spoken.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        let head = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        spoken.write_all(head).unwrap();
        let mut first = [0u8; 256];
        assert!(spoken.read(&mut first).unwrap() > 0);
        std::thread::sleep(Duration::from_millis(1200));
        spoken.write_all(head).unwrap();
        let n = spoken.read(&mut first).unwrap();
        assert!(first[..n].starts_with(b"HTTP/1.1 200"), "a kept-alive connection outlives the first-byte timeout");
    })
    .await
    .unwrap();
}

/// Regression: under `ulimit -n 256` with the default `--max-connections 1024`, 300 idle
/// sockets left `/healthz` unanswered, with a log line per refused accept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_low_descriptor_limit_lowers_the_connection_cap_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fds.sqlite").display().to_string();
    run_livechat(dir.path(), &["server", "init", "--db", &db, "--org", "O", "--admin", "a@o.test"], None, &[])
        .success();
    let bin = env!("CARGO_BIN_EXE_livechat");
    let script = format!("ulimit -n 256 && exec '{bin}' server run --db '{db}' --listen 127.0.0.1:0");
    let mut child = Command::new("sh")
        .args(["-c", &script])
        .env("LIVECHAT_LOG", "info")
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    let log = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split(" addr=").nth(1) {
                let _ = tx.send(rest.split_whitespace().next().unwrap_or_default().to_string());
            }
            seen.push(line);
        }
        seen
    });
    let addr = rx.recv_timeout(Duration::from_secs(20)).expect("the server listens");
    let answered = tokio::task::spawn_blocking(move || {
        let idle: Vec<TcpStream> = (0..300).filter_map(|_| TcpStream::connect(&addr).ok()).collect();
        let answered = (0..5).filter(|_| answered_within_a_second(&addr, "/healthz", None)).count();
        drop(idle);
        answered
    })
    .await
    .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let log = log.join().unwrap();
    assert_eq!(answered, 5, "health checks are answered past the idle sockets");
    let clamped = log.iter().find(|l| l.contains("more than the open-files limit allows")).expect("a warning at start");
    assert!(clamped.contains("lowered_to=128"), "{clamped}");
    let refusals = log.iter().filter(|l| l.contains("Too many open files")).count();
    assert!(refusals <= 1, "{refusals} log lines about descriptors");
}

/// Regression: 2,000 random keys in 0.3 s got 2,000 answers of 401, never a 429.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_tokens_meets_the_address_limit_and_real_tokens_still_work() {
    let limits = RateLimits { per_address: NonZeroU32::new(10), ..RateLimits::OFF };
    let app = spawn_app_on(Backend::Sqlite, ServerConfig { rate_limits: limits, ..ServerConfig::default() }).unwrap();
    let mut statuses = Vec::new();
    for n in 0..30 {
        let request = if n % 2 == 0 {
            app.http.get(format!("{}/v1/me", app.url)).bearer_auth(format!("lc_guess{n}"))
        } else {
            let url = format!("{}/v1/integrations/requests", app.url);
            app.http.post(url).bearer_auth(format!("lck_guess{n}")).json(&serde_json::json!({}))
        };
        let answer = request.send().await.unwrap();
        statuses.push(answer.status().as_u16());
    }
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert!(statuses[..10].iter().all(|s| *s != 429), "{statuses:?}");
    assert!(refused >= 15, "guesses past the limit are refused: {statuses:?}");
    app.get("/v1/me", ADMIN).await.expect(StatusCode::OK);
}
