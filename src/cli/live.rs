//! Following a live stream from the CLI: reconnects with `Last-Event-ID` whenever the
//! connection drops, so nothing is missed or shown twice.

use std::ops::ControlFlow;
use std::time::Duration;

use futures_util::StreamExt;
use serde::Serialize;

use super::error::{CliError, Exit};
use crate::client::Client;

/// One event of a stream: its `event:` name and JSON `data:`.
pub struct Received {
    pub kind: String,
    pub data: String,
}

/// Reads the stream at `path`, from after the event id `after` (or from its start), until
/// `handle` says to stop. A dropped connection, or a server going down, is followed by a
/// reconnect after the last event seen; giving up only when reconnecting fails for the
/// client's whole retry budget. `notice` tells people about each reconnect.
pub async fn follow<Q: Serialize + ?Sized>(
    client: &Client,
    path: &str,
    query: Option<&Q>,
    after: Option<String>,
    notice: impl Fn(&str),
    mut handle: impl FnMut(Received) -> anyhow::Result<ControlFlow<()>>,
) -> anyhow::Result<()> {
    let mut last_id = after;
    loop {
        let mut stream = Box::pin(client.events(path, query, last_id.as_deref()).await?);
        let mut reason = "the server closed the stream".to_string();
        while let Some(item) = stream.next().await {
            let event = match item {
                Ok(event) => event,
                Err(err) => {
                    reason = err;
                    break;
                }
            };
            if event.event == "shutdown" {
                reason = "the server is restarting".to_string();
                continue;
            }
            if !event.id.is_empty() {
                last_id = Some(event.id.clone());
            }
            if handle(Received { kind: event.event, data: event.data })?.is_break() {
                return Ok(());
            }
        }
        if client.retry_budget().is_zero() {
            return Err(CliError::new(Exit::Error, format!("the live stream ended: {reason}")).into());
        }
        notice(&format!("livechat: the live stream dropped ({reason}); reconnecting…"));
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}
