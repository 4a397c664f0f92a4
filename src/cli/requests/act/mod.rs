//! `requests assign`, `unassign` and `resolve`: one bulk path for all three verbs.
//!
//! Targets come as ids, as `-` (ids on stdin), or as the `requests list` filters. Filtered
//! selections send the version each request had when it was listed, so a request someone
//! else changed meanwhile comes back as a conflict instead of being overwritten. The server
//! commits each item on its own; the CLI sends chunks, retries transient failures (items are
//! conditional or idempotent, so a re-sent chunk changes nothing twice), lists every item
//! that did not succeed, and ends with a summary.

mod label;
mod report;
mod select;

use clap::Args;
use futures_util::StreamExt;
use futures_util::stream::FuturesOrdered;

pub use self::label::{RequestsLabelArgs, run as label};
pub(crate) use self::report::summary;
use self::report::{bulk_exit, capitalized, summarize, verb};

use self::select::{Planned, Selection, select};
use super::{REQUEST_HEADERS, request_id};
use crate::api::{BatchAction, BatchBody, BatchItem, BatchResult, ErrorCode, MAX_BODY_BYTES, Member};
use crate::cli::Context;
use crate::cli::error::{CliError, Exit};
use crate::cli::output::{Field, confirmed};
use crate::client::Client;
use crate::domain::Presence;

/// Items per batch call: small enough for a steady progress bar and cheap retries. Fewer
/// when each item carries a long note, so a call stays well within the server's body limit.
const CHUNK: usize = 500;
/// Batch calls sent before the first answers: the server reads and writes one chunk while
/// this one travels and its answer is read. Chunks touch different requests, and each one's
/// answer is still taken in order.
const IN_FLIGHT: usize = 2;

#[derive(Debug, Args)]
pub struct RequestsAssignArgs {
    #[command(flatten)]
    selection: Selection,
    /// Who gets the requests: `me`, an email or a member id; a comma list (`alice@x,bob@x`)
    /// or `online` spreads them evenly, least loaded first
    #[arg(long, value_name = "MEMBER")]
    to: String,
}

#[derive(Debug, Args)]
pub struct RequestsUnassignArgs {
    #[command(flatten)]
    selection: Selection,
}

#[derive(Debug, Args)]
pub struct RequestsResolveArgs {
    #[command(flatten)]
    selection: Selection,
    /// A resolution note, kept with each request
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

/// Finds the members a spread names: each key as the server resolves it (an email, an id or
/// `me`), or everyone `online`. A key the server does not know stops the command before any
/// change.
async fn spread_targets(client: &Client, spec: &str) -> Result<Vec<Member>, CliError> {
    if spec.trim().eq_ignore_ascii_case("online") {
        let members = client.members().await?;
        // The list holds no removed member.
        let online: Vec<Member> = members.into_iter().filter(|m| m.presence == Presence::Online).collect();
        if online.is_empty() {
            return Err(CliError::new(Exit::Error, "nobody is online to take the requests; nothing was changed"));
        }
        return Ok(online);
    }
    let mut targets: Vec<Member> = Vec::new();
    for key in spec.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        let member = match client.member(key.trim_start_matches('#')).await {
            Ok(member) => member,
            Err(err) if matches!(err.code(), Some(ErrorCode::NotFound | ErrorCode::InvalidInput)) => {
                return Err(CliError::usage(format!("no member `{key}` in your organization; nothing was changed"))
                    .with_hint("see `livechat members list`"));
            }
            Err(err) => return Err(err.into()),
        };
        if member.removed_at.is_some() {
            return Err(CliError::usage(format!(
                "{} was removed from the organization; nothing was changed",
                member.email
            ))
            .with_hint("see `livechat members list`"));
        }
        if !targets.iter().any(|t| t.id == member.id) {
            targets.push(member);
        }
    }
    if targets.is_empty() {
        return Err(CliError::usage("--to names nobody"));
    }
    Ok(targets)
}

/// Deals the requests out one at a time to whoever holds the fewest open requests, the
/// order given breaking ties, so the busiest member gets the least of the backlog.
fn spread(planned: &mut [Planned], targets: &[Member], mut load: Vec<u64>) {
    for item in planned.iter_mut() {
        let (pick, _) = load.iter().enumerate().min_by_key(|(i, l)| (**l, *i)).expect("targets are never empty");
        load[pick] += 1;
        item.to = Some(targets[pick].email.clone());
    }
}

pub async fn assign(ctx: &Context, args: RequestsAssignArgs) -> anyhow::Result<Exit> {
    let json = args.selection.output.json_out()?;
    let client = ctx.patient_client()?;
    let mut planned = select(&ctx.ui, &client, &args.selection).await?;
    // Every member named is checked before anything changes.
    let targets = spread_targets(&client, &args.to).await?;
    let load = if targets.len() > 1 {
        let backlog = client.backlog(&Default::default()).await?;
        targets.iter().map(|t| backlog.agents.iter().find(|a| a.member.id == t.id).map_or(0, |a| a.open())).collect()
    } else {
        vec![0]
    };
    spread(&mut planned, &targets, load);
    run_bulk(ctx, &client, BatchAction::Assign, planned, &args.selection, json, None).await
}

pub async fn unassign(ctx: &Context, args: RequestsUnassignArgs) -> anyhow::Result<Exit> {
    let json = args.selection.output.json_out()?;
    let client = ctx.patient_client()?;
    let planned = select(&ctx.ui, &client, &args.selection).await?;
    run_bulk(ctx, &client, BatchAction::Unassign, planned, &args.selection, json, None).await
}

pub async fn resolve(ctx: &Context, args: RequestsResolveArgs) -> anyhow::Result<Exit> {
    let json = args.selection.output.json_out()?;
    let client = ctx.patient_client()?;
    let planned = select(&ctx.ui, &client, &args.selection).await?;
    run_bulk(ctx, &client, BatchAction::Resolve, planned, &args.selection, json, args.note).await
}

/// Whether to go on: yes unless a person at a terminal answers no.
fn confirm(ctx: &Context, action: BatchAction, planned: &[Planned]) -> Result<bool, CliError> {
    if planned.len() < 2 || !ctx.ui.interactive() {
        return Ok(true);
    }
    let (infinitive, _) = verb(action);
    confirmed(&format!("{} {} requests?", capitalized(infinitive), planned.len()))
}

async fn run_bulk(
    ctx: &Context,
    client: &Client,
    action: BatchAction,
    planned: Vec<Planned>,
    selection: &Selection,
    json: Option<crate::cli::output::JsonOut>,
    note: Option<String>,
) -> anyhow::Result<Exit> {
    let (infinitive, past) = verb(action);
    if selection.dry_run {
        return dry_run(ctx, action, &planned, json);
    }
    if planned.is_empty() {
        ctx.ui.status(&format!("No requests match; nothing to {infinitive}."));
        return Ok(Exit::Success);
    }
    // A person who answers no got what they asked for: nothing changes, and nothing failed.
    if !selection.yes && !confirm(ctx, action, &planned)? {
        ctx.ui.status("Nothing was changed.");
        return Ok(Exit::Success);
    }
    let bar =
        ctx.ui.progress(Some(planned.len() as u64), "{spinner} {msg} [{bar:30}] {pos}/{len} ({rate}, {eta} left)");
    bar.set_message(format!("{past}"));
    let mut results: Vec<BatchResult> = Vec::with_capacity(planned.len());
    let mut calls = planned.chunks(chunk_size(note.as_deref())).map(|chunk| {
        let items: Vec<BatchItem> = chunk
            .iter()
            .map(|p| BatchItem { id: p.id, to: p.to.clone(), note: note.clone(), if_version: p.if_version })
            .collect();
        let sent = items.len();
        (sent, async move { client.batch(&BatchBody { action, items }).await })
    });
    // Items sent in calls so far: those without an answer when the run ends are unconfirmed.
    let mut sent = 0;
    let mut in_flight = FuturesOrdered::new();
    for (n, call) in calls.by_ref().take(IN_FLIGHT) {
        sent += n;
        in_flight.push_back(call);
    }
    let mut failure = None;
    // The first Ctrl-C stops new calls and waits for the answers to those sent; a second
    // leaves at once. Either way the summary says what is confirmed.
    let mut interrupts = 0;
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        let answer = tokio::select! {
            answer = in_flight.next() => match answer {
                Some(answer) => answer,
                None => break,
            },
            _ = &mut ctrl_c => {
                interrupts += 1;
                if interrupts > 1 {
                    break;
                }
                ctrl_c.set(tokio::signal::ctrl_c());
                let waiting = sent - results.len();
                bar.suspend(|| {
                    ctx.ui.status(&format!(
                        "Interrupted: no more calls; waiting for the answers for {waiting} requests already sent \
                         (Ctrl-C again to leave at once)"
                    ))
                });
                continue;
            }
        };
        match answer {
            Ok(answer) => {
                for r in &answer.results {
                    if let (false, Some(err)) = (r.outcome.is_success(), &r.error) {
                        bar.suspend(|| ctx.ui.status(&format!("✗ #{}: {}: {}", r.id, r.outcome.as_str(), err.message)));
                    }
                }
                bar.inc(answer.results.len() as u64);
                results.extend(answer.results);
                if failure.is_none()
                    && interrupts == 0
                    && let Some((n, call)) = calls.next()
                {
                    sent += n;
                    in_flight.push_back(call);
                }
            }
            // No new call after a failure; the one still in flight is awaited, and counted
            // if it answers.
            Err(err) => failure = failure.or(Some(err)),
        }
    }
    // A call that failed or was left may have been applied before its answer was lost, so
    // its items are unconfirmed rather than untouched; the rest were never sent.
    let unconfirmed = sent - results.len();
    let not_started = planned.len() - sent;
    let left = || {
        let noun = |n: usize| if n == 1 { "request" } else { "requests" };
        format!(
            "{unconfirmed} {} unconfirmed (sent, with no answer: the server may have applied them) · \
             {not_started} not started",
            noun(unconfirmed)
        )
    };
    if interrupts > 0 {
        bar.abandon();
        summary(&ctx.ui, action, &results);
        ctx.ui.status(&format!("Interrupted: {}. Run the same command again to finish.", left()));
        if let Some(json) = &json {
            json.print(&results)?;
        }
        return Ok(Exit::Interrupted);
    }
    if let Some(err) = failure {
        bar.abandon();
        summarize(&ctx.ui, past, &results);
        // What was confirmed is data a script needs, even when the command fails.
        if let Some(json) = &json {
            json.print(&results)?;
        }
        return Err(CliError::from(err)
            .with_hint(format!(
                "{}. Run the same command again to finish; what is already done shows as unchanged",
                left()
            ))
            .into());
    }
    bar.finish_and_clear();
    summary(&ctx.ui, action, &results);
    if let Some(json) = json {
        json.print(&results)?;
    }
    Ok(bulk_exit(&results))
}

/// Items per call: `CHUNK`, or fewer when a long note, repeated in every item, would take a
/// call near the server's body limit.
fn chunk_size(note: Option<&str>) -> usize {
    // An item's id, target and version, as JSON, with room to spare.
    const ITEM: usize = 200;
    let note = note.map_or(0, |n| serde_json::to_string(n).unwrap_or_default().len());
    (MAX_BODY_BYTES / 2 / (ITEM + note)).clamp(1, CHUNK)
}

fn dry_run(
    ctx: &Context,
    action: BatchAction,
    planned: &[Planned],
    json: Option<crate::cli::output::JsonOut>,
) -> anyhow::Result<Exit> {
    let (infinitive, _) = verb(action);
    if let Some(json) = json {
        json.print(planned)?;
    } else {
        let rows = planned
            .iter()
            .map(|p| {
                let change = match &p.to {
                    Some(to) => format!("{infinitive} → {to}"),
                    None => infinitive.to_string(),
                };
                vec![
                    Field::plain(request_id(&ctx.ui, p.id)),
                    Field::plain(p.title.clone().unwrap_or_default()),
                    p.state.map_or_else(|| Field::plain(""), Field::state),
                    Field::plain(change),
                ]
            })
            .collect();
        ctx.ui.table(&[REQUEST_HEADERS[0], REQUEST_HEADERS[1], REQUEST_HEADERS[2], "change"], rows)?;
    }
    ctx.ui.status(&format!("Dry run: would {infinitive} {} requests; nothing was changed.", planned.len()));
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    fn member(id: i64, email: &str, presence: Presence) -> Member {
        Member {
            id,
            email: email.into(),
            name: email.into(),
            role: Role::Agent,
            bot_ids: vec![],
            presence,
            removed_at: None,
            load: None,
            capacity: None,
        }
    }

    #[test]
    fn spreading_fills_the_least_loaded_first_and_evens_out() {
        let targets =
            [member(1, "a@x", Presence::Online), member(2, "b@x", Presence::Online), member(3, "c@x", Presence::Away)];
        let mut planned: Vec<Planned> = (1..=9).map(Planned::bare).collect();
        spread(&mut planned, &targets, vec![4, 0, 1]);
        let count = |email: &str| planned.iter().filter(|p| p.to.as_deref() == Some(email)).count();
        // Loads end at 4+1, 0+5 and 1+4 → as even as the starting loads allow.
        assert_eq!((count("a@x"), count("b@x"), count("c@x")), (1, 5, 3));
        assert_eq!(planned[0].to.as_deref(), Some("b@x"), "the idle member goes first");
    }
}
