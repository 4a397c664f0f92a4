//! `requests export --changes-after CURSOR`: the change feed as JSON Lines, to a file or to
//! stdout, for warehouses that load what changed since their last run. The last line is the
//! feed's `end` line with the cursor for the next run; a file gets its name only once that
//! line is written, so a file without it never exists.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use futures_util::StreamExt;
use serde::Deserialize;

use super::file::{create_scratch, file_error, sibling};
use crate::cli::Context;
use crate::cli::error::{CliError, Exit};
use crate::cli::output::count;
use crate::client::Client;

/// What the CLI reads of each line; the rest is passed through as the server wrote it.
#[derive(Deserialize)]
struct Head {
    change: String,
    cursor: Option<String>,
    next_cursor: Option<String>,
    more: Option<bool>,
}

#[derive(Default)]
struct Tally {
    changed: u64,
    deleted: u64,
}

/// Follows the feed from `after` to its end into `out`; the cursor it ended at.
async fn follow(client: &Client, after: &str, out: &mut dyn Write, tally: &mut Tally) -> anyhow::Result<String> {
    let mut cursor = after.to_string();
    loop {
        let mut stream = Box::pin(client.changes(&cursor).await?);
        let mut carry: Vec<u8> = Vec::new();
        let mut end = None;
        let before = tally.changed + tally.deleted;
        let mut broken = None;
        while let Some(chunk) = stream.next().await {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(err) => {
                    broken = Some(err);
                    break;
                }
            };
            carry.extend_from_slice(&chunk);
            while let Some(at) = carry.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = carry.drain(..=at).collect();
                let head: Head = serde_json::from_slice(&line).map_err(|e| {
                    CliError::new(Exit::Error, format!("the change feed sent a line that is not JSON: {e}"))
                })?;
                match (head.change.as_str(), head.cursor, head.next_cursor) {
                    ("end", _, Some(next)) => end = Some((next, head.more.unwrap_or(false))),
                    (kind, Some(at), _) => {
                        out.write_all(&line)?;
                        cursor = at;
                        if kind == "deleted" { tally.deleted += 1 } else { tally.changed += 1 }
                    }
                    _ => return Err(CliError::new(Exit::Error, "the change feed sent a line without a cursor").into()),
                }
            }
        }
        match (end, broken) {
            (Some((next, more)), _) => {
                cursor = next;
                if !more {
                    return Ok(cursor);
                }
            }
            // Broken after some lines: go on after the last one that arrived whole.
            (None, Some(_)) if tally.changed + tally.deleted > before && !client.retry_budget().is_zero() => {}
            (None, Some(err)) => {
                return Err(CliError::new(Exit::Error, format!("the change feed broke: {err}")).into());
            }
            (None, None) => {
                return Err(CliError::new(Exit::Error, "the change feed ended without its `end` line").into());
            }
        }
    }
}

fn end_line(cursor: &str) -> String {
    serde_json::json!({"change": "end", "next_cursor": cursor, "more": false}).to_string()
}

pub(super) async fn export_changes(
    ctx: &Context,
    client: &Client,
    after: &str,
    path: Option<&Path>,
) -> anyhow::Result<Exit> {
    let mut tally = Tally::default();
    let next = match path {
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            let next = follow(client, after, &mut out, &mut tally).await?;
            writeln!(out, "{}", end_line(&next))?;
            out.flush()?;
            next
        }
        Some(path) => {
            if fs::symlink_metadata(path).is_ok() {
                return Err(CliError::usage(format!("{} already exists", path.display()))
                    .with_hint("give each run of the change feed a new file")
                    .into());
            }
            let part = sibling(path, ".part");
            let file = create_scratch(&part).map_err(|e| file_error(&part, e.into()))?;
            let mut out = BufWriter::with_capacity(256 * 1024, file);
            let followed = follow(client, after, &mut out, &mut tally).await;
            let next = match followed {
                Ok(next) => next,
                Err(err) => {
                    drop(out);
                    let _ = fs::remove_file(&part);
                    return Err(err);
                }
            };
            writeln!(out, "{}", end_line(&next))?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            fs::rename(&part, path).map_err(|e| file_error(path, e.into()))?;
            next
        }
    };
    ctx.ui.status(&format!(
        "✓ {} and {} since {after}; the next run starts with --changes-after {next}",
        count(tally.changed, "changed request"),
        count(tally.deleted, "deleted request"),
    ));
    Ok(Exit::Success)
}
