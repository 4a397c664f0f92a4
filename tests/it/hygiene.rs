//! Connection hygiene against a real `livechat server run` under a low `ulimit -n`: silent,
//! slow and idle sockets are closed by the server, connections past the cap are turned
//! away, and through all of it `/healthz` answers and an open live stream keeps flowing.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use serde_json::{Value, json};

use crate::servers::listening;
use crate::support::run_livechat;

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server in a shell whose descriptor limit is 256, closing idle connections after 1s and
/// serving at most 50 at once.
fn limited_server(db: &str) -> Server {
    let bin = env!("CARGO_BIN_EXE_livechat");
    let script = format!(
        "ulimit -n 256 && exec '{bin}' server run --db '{db}' --listen 127.0.0.1:0 --idle-timeout 1s --max-connections 50"
    );
    let mut command = Command::new("sh");
    command.args(["-c", &script]).env("LIVECHAT_METRICS_TOKEN", crate::support::METRICS_TOKEN);
    let (child, addr, lines) = listening(command);
    std::thread::spawn(move || lines.for_each(drop));
    Server { child, addr }
}

fn healthz(addr: &str) -> bool {
    let Ok(mut conn) = TcpStream::connect(addr) else { return false };
    conn.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
    let _ = conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let mut answer = String::new();
    let _ = conn.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_slow_and_idle_sockets_are_closed_and_the_server_answers_through_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hygiene.sqlite").display().to_string();
    let seeded = run_livechat(dir.path(), &["server", "seed", "--db", &db, "--new", "3"], None, &[]).success().json();
    let admin = seeded["members"][0]["token"].as_str().unwrap().to_string();
    let server = limited_server(&db);
    let base = format!("http://{}", server.addr);
    let http = livechat::client::http();

    // A live stream opened before the flood.
    let resp = http.get(format!("{base}/v1/events")).bearer_auth(&admin).send().await.unwrap();
    assert!(resp.status().is_success());
    let mut events = resp.bytes_stream().eventsource();

    // 300 sockets, past both the cap and the descriptor limit: silent, half-sent, idle.
    let mut sockets = Vec::new();
    for n in 0..300 {
        let Ok(mut conn) = TcpStream::connect(&server.addr) else { continue };
        match n % 3 {
            0 => {}
            1 => {
                let _ = conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            }
            _ => {
                let _ = conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            }
        }
        sockets.push(conn);
    }

    // The server answers within a few seconds, however the flood lands.
    let started = Instant::now();
    while !healthz(&server.addr) {
        assert!(started.elapsed() < Duration::from_secs(10), "/healthz never answered during the flood");
        std::thread::sleep(Duration::from_millis(100));
    }

    // Every one of them is closed by the server, the idle ones after their answer.
    for conn in &mut sockets {
        conn.set_read_timeout(Some(Duration::from_secs(8))).unwrap();
        let mut sink = Vec::new();
        // An end of stream or a reset both mean the server closed it; a time-out does not.
        let still_open = conn
            .read_to_end(&mut sink)
            .is_err_and(|e| matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut));
        assert!(!still_open, "a socket was still open after 8 seconds");
    }

    // The stream opened before the flood still carries changes.
    let bots: Value =
        http.get(format!("{base}/v1/bots")).bearer_auth(&admin).send().await.unwrap().json().await.unwrap();
    let bot = bots["items"][0]["id"].as_i64().unwrap();
    let form = json!({"name": "After The Flood", "message": "still there?"});
    let created = http.post(format!("{base}/v1/public/bots/{bot}/requests")).json(&form).send().await.unwrap();
    assert!(created.status().is_success());
    let seen = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(event) = events.next().await {
            if event.unwrap().data.contains("After The Flood") {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(seen, Ok(true), "the live stream kept working");

    let metrics = crate::support::scrape(&http, &base).await;
    let refused: f64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("livechat_refused_connections_total "))
        .expect("the refusals are counted")
        .parse()
        .unwrap();
    assert!(refused > 0.0, "connections past the cap were turned away");
}
