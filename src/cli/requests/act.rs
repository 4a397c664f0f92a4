//! `requests assign`, `unassign` and `resolve`: one bulk path for all three verbs. Targets
//! come as ids or as `-` (ids on stdin); the server applies each item on its own and the CLI
//! reports every item that did not succeed, then a summary.

use std::io::{BufRead, IsTerminal};

use clap::Args;

use crate::api::{BatchAction, BatchBody, BatchItem, BatchResult, MAX_BATCH, Outcome};
use crate::cli::Context;
use crate::cli::error::{CliError, Exit};

use super::show::parse_request_id;

/// The requests a bulk command acts on.
#[derive(Debug, Args)]
pub struct Targets {
    /// Request ids (like 42 or #42), or `-` to read ids from stdin, one per line
    #[arg(value_name = "ID", required = true)]
    ids: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RequestsAssignArgs {
    #[command(flatten)]
    targets: Targets,
    /// Who gets the requests: `me`, an email, or a member id
    #[arg(long, value_name = "MEMBER")]
    to: String,
    /// Print one JSON result per request
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct RequestsUnassignArgs {
    #[command(flatten)]
    targets: Targets,
    /// Print one JSON result per request
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct RequestsResolveArgs {
    #[command(flatten)]
    targets: Targets,
    /// A resolution note, kept with each request
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Print one JSON result per request
    #[arg(long)]
    json: bool,
}

/// Reads ids, one per line; blank lines and `#` comments are skipped. A bad line fails the
/// whole read, so nothing is changed on the strength of half a list.
fn ids_from_lines(input: impl BufRead) -> Result<Vec<i64>, CliError> {
    let mut ids = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| CliError::new(Exit::Error, format!("cannot read ids from stdin: {e}")))?;
        let text = line.trim();
        if text.is_empty() || (text.starts_with('#') && text[1..].trim().parse::<i64>().is_err()) {
            continue;
        }
        let id = parse_request_id(text)
            .map_err(|e| CliError::usage(format!("stdin line {}: {e}; nothing was changed", n + 1)))?;
        ids.push(id);
    }
    Ok(ids)
}

fn collect_ids(targets: &Targets) -> Result<Vec<i64>, CliError> {
    let mut ids = Vec::new();
    for arg in &targets.ids {
        if arg == "-" {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err(CliError::usage("`-` reads ids from stdin, but stdin is a terminal; pipe the ids in"));
            }
            ids.extend(ids_from_lines(stdin.lock())?);
        } else {
            ids.push(parse_request_id(arg).map_err(|e| CliError::usage(format!("{e}; nothing was changed")))?);
        }
    }
    // A repeated id would be reported twice; act on each request once, in the order given.
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    if ids.is_empty() {
        return Err(CliError::usage("no request ids were given"));
    }
    Ok(ids)
}

pub async fn assign(ctx: &Context, args: RequestsAssignArgs) -> anyhow::Result<Exit> {
    let to = args.to.clone();
    run_bulk(ctx, BatchAction::Assign, &args.targets, args.json, move |id| BatchItem {
        id,
        to: Some(to.clone()),
        note: None,
        if_version: None,
    })
    .await
}

pub async fn unassign(ctx: &Context, args: RequestsUnassignArgs) -> anyhow::Result<Exit> {
    run_bulk(ctx, BatchAction::Unassign, &args.targets, args.json, |id| BatchItem {
        id,
        to: None,
        note: None,
        if_version: None,
    })
    .await
}

pub async fn resolve(ctx: &Context, args: RequestsResolveArgs) -> anyhow::Result<Exit> {
    let note = args.note.clone();
    run_bulk(ctx, BatchAction::Resolve, &args.targets, args.json, move |id| BatchItem {
        id,
        to: None,
        note: note.clone(),
        if_version: None,
    })
    .await
}

fn past_tense(action: BatchAction) -> &'static str {
    match action {
        BatchAction::Assign => "assigned",
        BatchAction::Unassign => "unassigned",
        BatchAction::Resolve => "resolved",
    }
}

/// The exit code of a finished bulk command: 0 when every item succeeded, 4 when every
/// failure was a refused permission, 5 otherwise.
pub fn bulk_exit(results: &[BatchResult]) -> Exit {
    let failures: Vec<Outcome> = results.iter().map(|r| r.outcome).filter(|o| !o.is_success()).collect();
    if failures.is_empty() {
        Exit::Success
    } else if failures.iter().all(|o| *o == Outcome::Forbidden) {
        Exit::Denied
    } else {
        Exit::Partial
    }
}

async fn run_bulk(
    ctx: &Context,
    action: BatchAction,
    targets: &Targets,
    json: bool,
    item: impl Fn(i64) -> BatchItem,
) -> anyhow::Result<Exit> {
    let ids = collect_ids(targets)?;
    let client = ctx.client()?;
    let mut results = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(MAX_BATCH) {
        let body = BatchBody { action, items: chunk.iter().map(|id| item(*id)).collect() };
        results.extend(client.batch(&body).await?.results);
    }
    report(ctx, action, &results);
    if json {
        ctx.ui.json(&results)?;
    }
    Ok(bulk_exit(&results))
}

/// Lists every item that did not succeed (and a lone item either way), then the summary.
fn report(ctx: &Context, action: BatchAction, results: &[BatchResult]) {
    let verb = past_tense(action);
    for r in results {
        let line = match (r.outcome, &r.request, &r.error) {
            (Outcome::Ok, Some(req), _) if results.len() == 1 => {
                let whom =
                    req.assignee.as_ref().filter(|_| action == BatchAction::Assign).map(|m| format!(" to {}", m.name));
                format!("✓ {} #{}{}", capitalized(verb), r.id, whom.unwrap_or_default())
            }
            (Outcome::Unchanged, Some(req), _) if results.len() == 1 => {
                format!("- #{} was already {} (now {})", r.id, verb, req.state)
            }
            (outcome, _, Some(err)) if !outcome.is_success() => {
                format!("✗ #{}: {}: {}", r.id, outcome.as_str(), err.message)
            }
            _ => continue,
        };
        ctx.ui.status(&line);
    }
    let count = |f: &dyn Fn(Outcome) -> bool| results.iter().filter(|r| f(r.outcome)).count();
    ctx.ui.status(&format!(
        "{verb} {} · unchanged {} · conflicts {} · failed {}",
        count(&|o| o == Outcome::Ok),
        count(&|o| o == Outcome::Unchanged),
        count(&|o| o == Outcome::Conflict),
        count(&|o| !o.is_success() && o != Outcome::Conflict),
    ));
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdin_ids_skip_blanks_and_comments_and_name_a_bad_line() {
        let ids = ids_from_lines("12\n\n# taken from the backlog\n#13\n  14  \n".as_bytes()).unwrap();
        assert_eq!(ids, [12, 13, 14]);
        let err = ids_from_lines("12\nfourteen\n".as_bytes()).unwrap_err();
        assert_eq!(err.exit, Exit::Usage);
        assert!(err.message.starts_with("stdin line 2: `fourteen` is not a request id"), "{}", err.message);
    }

    fn result(outcome: Outcome) -> BatchResult {
        BatchResult { id: 1, outcome, request: None, error: None }
    }

    #[test]
    fn the_exit_code_says_whether_every_item_went_through() {
        assert_eq!(bulk_exit(&[result(Outcome::Ok), result(Outcome::Unchanged)]), Exit::Success);
        assert_eq!(bulk_exit(&[result(Outcome::Ok), result(Outcome::Forbidden)]), Exit::Denied);
        assert_eq!(bulk_exit(&[result(Outcome::Forbidden), result(Outcome::Conflict)]), Exit::Partial);
        assert_eq!(bulk_exit(&[result(Outcome::NotFound)]), Exit::Partial);
    }
}
