//! Measures how long a visitor's message takes to reach the agent's live stream, with many
//! conversations open at once. Run by `bench/run.py`; it prints one JSON object.
//!
//!     latency URL ADMIN_TOKEN BOT_ID [CONVERSATIONS] [MESSAGES_EACH] [AGENT_URL]
//!
//! With AGENT_URL (another replica on the same database), visitors write to URL while the
//! agent takes the chats and streams them from AGENT_URL, so every probe crosses replicas.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use serde_json::{Value, json};

type Sent = Arc<Mutex<HashMap<String, Instant>>>;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, token, bot, rest @ ..] = args.as_slice() else {
        return Err("usage: latency URL ADMIN_TOKEN BOT_ID [CONVERSATIONS] [MESSAGES_EACH] [AGENT_URL]".into());
    };
    let conversations: usize = rest.first().map_or(Ok(100), |s| s.parse())?;
    let messages: usize = rest.get(1).map_or(Ok(20), |s| s.parse())?;
    let agent_url = rest.get(2).unwrap_or(url);
    let http = livechat::client::http();

    // Open the conversations: each visitor asks for a person, and the admin takes the chat.
    let mut open = Vec::new();
    for n in 0..conversations {
        let form = json!({"name": format!("Latency {n}"), "message": "hello"});
        let created: Value = http
            .post(format!("{url}/v1/public/bots/{bot}/requests"))
            .json(&form)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let id = created["request_id"].as_i64().ok_or("no request id")?;
        for step in ["assign", "chat/start"] {
            http.post(format!("{agent_url}/v1/requests/{id}/{step}"))
                .bearer_auth(token)
                .json(&json!({"to": "me"}))
                .send()
                .await?
                .error_for_status()?;
        }
        open.push((id, created["conversation_token"].as_str().ok_or("no token")?.to_string()));
    }

    // One agent stream per conversation, each recording when each probe arrives.
    let sent: Sent = Arc::default();
    let latencies = Arc::new(Mutex::new(Vec::<f64>::new()));
    let mut readers = Vec::new();
    for (id, _) in &open {
        let resp = http
            .get(format!("{agent_url}/v1/requests/{id}/events"))
            .bearer_auth(token)
            .send()
            .await?
            .error_for_status()?;
        let (sent, latencies) = (sent.clone(), latencies.clone());
        readers.push(tokio::spawn(async move {
            let mut events = resp.bytes_stream().eventsource();
            while let Some(Ok(event)) = events.next().await {
                let arrived = Instant::now();
                if let Some(probe) = event.data.split("probe-").nth(1).and_then(|p| p.split('"').next()) {
                    if let Some(at) = sent.lock().unwrap().remove(probe) {
                        latencies.lock().unwrap().push(arrived.duration_since(at).as_secs_f64() * 1000.0);
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Visitors write in turn across all conversations; each message carries a unique probe.
    for round in 0..messages {
        for (n, (_, conversation)) in open.iter().enumerate() {
            let probe = format!("{round}-{n}");
            let body = json!({"body": format!("probe-{probe}")});
            sent.lock().unwrap().insert(probe, Instant::now());
            http.post(format!("{url}/v1/public/conversations/{conversation}/messages"))
                .json(&body)
                .send()
                .await?
                .error_for_status()?;
        }
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !sent.lock().unwrap().is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let missing = sent.lock().unwrap().len();
    readers.iter().for_each(|r| r.abort());
    let mut samples = latencies.lock().unwrap().clone();
    samples.sort_by(|a, b| a.total_cmp(b));
    let pick = |q: f64| {
        samples.get(((samples.len() as f64 * q).ceil() as usize).saturating_sub(1)).copied().unwrap_or(f64::NAN)
    };
    println!(
        "{}",
        json!({
            "conversations": conversations,
            "cross_replica": agent_url != url,
            "samples": samples.len(),
            "missing": missing,
            "p50_ms": pick(0.50),
            "p99_ms": pick(0.99),
            "max_ms": samples.last().copied().unwrap_or(f64::NAN),
        })
    );
    Ok(())
}
