//! `requests assign`, `unassign` and `resolve`: one bulk path for all three verbs.
//!
//! Targets come as ids, as `-` (ids on stdin), or as the `requests list` filters. Filtered
//! selections send the version each request had when it was listed, so a request someone
//! else changed meanwhile comes back as a conflict instead of being overwritten. The server
//! commits each item on its own; the CLI sends chunks, retries transient failures (items are
//! conditional or idempotent, so a re-sent chunk changes nothing twice), lists every item
//! that did not succeed, and ends with a summary.

use std::collections::HashSet;
use std::io::{BufRead, IsTerminal};

use clap::Args;
use serde::Serialize;

use super::list::RequestFilterArgs;
use super::show::parse_request_id;
use super::{REQUEST_HEADERS, request_id};
use crate::api::{BatchAction, BatchBody, BatchItem, BatchResult, MAX_PAGE, Member, Outcome, Request};
use crate::cli::Context;
use crate::cli::error::{CliError, Exit};
use crate::cli::output::{Field, JsonArgs, Ui};
use crate::client::Client;
use crate::domain::Presence;

/// Items per batch call: small enough for a steady progress bar and cheap retries.
const CHUNK: usize = 250;

/// Which requests a bulk command changes, and how carefully.
#[derive(Debug, Args)]
pub struct Selection {
    /// Request ids (42 or #42), or `-` to read ids from stdin, one per line; leave out to
    /// select by the filters instead
    #[arg(value_name = "ID")]
    ids: Vec<String>,
    #[command(flatten)]
    filter: RequestFilterArgs,
    /// Show what would change, and change nothing
    #[arg(long)]
    dry_run: bool,
    /// Do not ask for confirmation on a terminal
    #[arg(long, short = 'y')]
    yes: bool,
    #[command(flatten)]
    output: JsonArgs,
}

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

/// One request the command will act on, with what was known of it when it was selected.
#[derive(Debug, Clone, Serialize)]
struct Planned {
    id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<crate::domain::State>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(skip)]
    if_version: Option<i64>,
}

impl Planned {
    fn bare(id: i64) -> Planned {
        Planned { id, title: None, state: None, to: None, if_version: None }
    }

    fn seen(request: &Request) -> Planned {
        Planned {
            id: request.id,
            title: Some(request.title.clone()),
            state: Some(request.state),
            to: None,
            if_version: Some(request.version),
        }
    }
}

/// A request as `requests list --json` prints it, as far as a bulk command needs it.
#[derive(serde::Deserialize)]
struct Listed {
    id: i64,
    version: Option<i64>,
    title: Option<String>,
    state: Option<crate::domain::State>,
}

impl From<Listed> for Planned {
    fn from(l: Listed) -> Planned {
        Planned { id: l.id, title: l.title, state: l.state, to: None, if_version: l.version }
    }
}

/// Reads targets from stdin: ids one per line (blank lines and `#` comments skipped), or
/// the JSON of `requests list --json` (an array, or one object per line), whose versions
/// make each change conditional on what was listed. A bad line fails the whole read, so
/// nothing is changed on the strength of half a list.
fn targets_from_stdin(mut input: impl BufRead) -> Result<Vec<Planned>, CliError> {
    let mut text = String::new();
    input.read_to_string(&mut text).map_err(|e| CliError::new(Exit::Error, format!("cannot read stdin: {e}")))?;
    if text.trim_start().starts_with('[') {
        let listed: Vec<Listed> = serde_json::from_str(&text).map_err(|e| {
            CliError::usage(format!(
                "stdin holds a JSON array that is not a list of requests: {e}; nothing was changed"
            ))
        })?;
        return Ok(listed.into_iter().map(Planned::from).collect());
    }
    let mut planned = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let text = line.trim();
        let bad = |e: String| CliError::usage(format!("stdin line {}: {e}; nothing was changed", n + 1));
        if text.is_empty() || (text.starts_with('#') && text[1..].trim().parse::<i64>().is_err()) {
            continue;
        }
        if text.starts_with('{') {
            let listed: Listed = serde_json::from_str(text).map_err(|e| bad(format!("not a request object: {e}")))?;
            planned.push(listed.into());
        } else {
            planned.push(Planned::bare(parse_request_id(text).map_err(bad)?));
        }
    }
    Ok(planned)
}

/// The requests named by ids, stdin, or the filters, each once, in the order given.
async fn select(client: &Client, selection: &Selection) -> Result<Vec<Planned>, CliError> {
    let mut planned = Vec::new();
    if selection.ids.is_empty() {
        if !selection.filter.any_set() {
            return Err(CliError::usage(
                "say which requests: give ids, `-` to read ids from stdin, or filters such as `--state new --older-than 10m`",
            ));
        }
        let mut query = selection.filter.query();
        query.limit = Some(MAX_PAGE);
        loop {
            let page = client.list_requests(&query).await?;
            planned.extend(page.items.iter().map(Planned::seen));
            match page.next_cursor {
                Some(cursor) => query.cursor = Some(cursor),
                None => break,
            }
        }
        return Ok(planned);
    }
    if selection.filter.any_set() {
        return Err(CliError::usage("give either request ids or filters, not both"));
    }
    for arg in &selection.ids {
        if arg == "-" {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err(CliError::usage("`-` reads ids from stdin, but stdin is a terminal; pipe the ids in"));
            }
            planned.extend(targets_from_stdin(stdin.lock())?);
        } else {
            let id = parse_request_id(arg).map_err(|e| CliError::usage(format!("{e}; nothing was changed")))?;
            planned.push(Planned::bare(id));
        }
    }
    let mut seen = HashSet::new();
    planned.retain(|p| seen.insert(p.id));
    if planned.is_empty() {
        return Err(CliError::usage("no request ids were given; nothing was changed"));
    }
    Ok(planned)
}

/// Finds the members a spread names: emails, ids or `me`, or everyone `online`.
fn spread_targets(spec: &str, members: &[Member], me: &Member) -> Result<Vec<Member>, CliError> {
    if spec.trim().eq_ignore_ascii_case("online") {
        let online: Vec<Member> = members.iter().filter(|m| m.presence == Presence::Online).cloned().collect();
        if online.is_empty() {
            return Err(CliError::new(Exit::Error, "nobody is online to take the requests; nothing was changed"));
        }
        return Ok(online);
    }
    let mut targets: Vec<Member> = Vec::new();
    for key in spec.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        let found = if key.eq_ignore_ascii_case("me") {
            Some(me)
        } else {
            members
                .iter()
                .find(|m| m.email.eq_ignore_ascii_case(key) || m.id.to_string() == key.trim_start_matches('#'))
        };
        let member = found.ok_or_else(|| {
            CliError::usage(format!("no member `{key}` in your organization; nothing was changed"))
                .with_hint("see `livechat members list`")
        })?;
        if !targets.iter().any(|t| t.id == member.id) {
            targets.push(member.clone());
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
    let mut planned = select(&client, &args.selection).await?;
    // Every member named is checked before anything changes.
    let members = client.members().await?;
    let me = client.me().await?.member;
    let targets = spread_targets(&args.to, &members, &me)?;
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
    let planned = select(&client, &args.selection).await?;
    run_bulk(ctx, &client, BatchAction::Unassign, planned, &args.selection, json, None).await
}

pub async fn resolve(ctx: &Context, args: RequestsResolveArgs) -> anyhow::Result<Exit> {
    let json = args.selection.output.json_out()?;
    let client = ctx.patient_client()?;
    let planned = select(&client, &args.selection).await?;
    run_bulk(ctx, &client, BatchAction::Resolve, planned, &args.selection, json, args.note).await
}

fn verb(action: BatchAction) -> (&'static str, &'static str) {
    match action {
        BatchAction::Assign => ("assign", "assigned"),
        BatchAction::Unassign => ("unassign", "unassigned"),
        BatchAction::Resolve => ("resolve", "resolved"),
    }
}

/// The exit code of a finished bulk command: 0 when every item succeeded; when every failure
/// was of one kind, the code a single call failing that way gives (4 for a refused permission,
/// 1 for a request that does not exist, as `requests show` exits); 5 otherwise.
pub fn bulk_exit(results: &[BatchResult]) -> Exit {
    let failures: Vec<Outcome> = results.iter().map(|r| r.outcome).filter(|o| !o.is_success()).collect();
    if failures.is_empty() {
        Exit::Success
    } else if failures.iter().all(|o| *o == Outcome::Forbidden) {
        Exit::Denied
    } else if failures.iter().all(|o| *o == Outcome::NotFound) {
        Exit::Error
    } else {
        Exit::Partial
    }
}

fn confirm(ctx: &Context, action: BatchAction, planned: &[Planned]) -> Result<(), CliError> {
    let interactive = std::io::stdin().is_terminal() && ctx.ui.stderr_tty;
    if planned.len() < 2 || !interactive {
        return Ok(());
    }
    let (infinitive, _) = verb(action);
    let prompt = format!("{} {} requests?", capitalized(infinitive), planned.len());
    // The prompt hides the cursor and Ctrl-C raises SIGINT while it does: give the cursor
    // back before leaving, whichever way the question ends.
    let restore = tokio::spawn(async {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = dialoguer::console::Term::stderr().show_cursor();
            eprintln!("\ncancelled; nothing was changed");
            std::process::exit(130);
        }
    });
    let answer = dialoguer::Confirm::new().with_prompt(prompt).default(false).interact();
    restore.abort();
    let _ = dialoguer::console::Term::stderr().show_cursor();
    let yes = answer.map_err(|e| CliError::new(Exit::Error, format!("cannot ask for confirmation: {e}")))?;
    if yes {
        Ok(())
    } else {
        Err(CliError::new(Exit::Error, "cancelled; nothing was changed").with_hint("pass --yes to skip the question"))
    }
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
    if !selection.yes {
        confirm(ctx, action, &planned)?;
    }
    let bar =
        ctx.ui.progress(Some(planned.len() as u64), "{spinner} {msg} [{bar:30}] {pos}/{len} ({rate}, {eta} left)");
    bar.set_message(format!("{past}"));
    let mut results: Vec<BatchResult> = Vec::with_capacity(planned.len());
    for chunk in planned.chunks(CHUNK) {
        let items = chunk
            .iter()
            .map(|p| BatchItem { id: p.id, to: p.to.clone(), note: note.clone(), if_version: p.if_version })
            .collect();
        let answer = match client.batch(&BatchBody { action, items }).await {
            Ok(answer) => answer,
            Err(err) => {
                bar.abandon();
                summarize(&ctx.ui, past, &results);
                // What was confirmed is data a script needs, even when the command fails.
                if let Some(json) = &json {
                    json.print(&results)?;
                }
                // The chunk in flight may have been applied before its answer was lost, so
                // the rest is unconfirmed rather than untouched.
                let left = planned.len() - results.len();
                let noun = if left == 1 { "request is" } else { "requests are" };
                return Err(CliError::from(err)
                    .with_hint(format!(
                        "{left} {noun} unconfirmed: the server may have applied part of the last batch. \
                         Run the same command again to finish; what is already done shows as unchanged"
                    ))
                    .into());
            }
        };
        for r in &answer.results {
            if let (false, Some(err)) = (r.outcome.is_success(), &r.error) {
                bar.suspend(|| ctx.ui.status(&format!("✗ #{}: {}: {}", r.id, r.outcome.as_str(), err.message)));
            }
        }
        bar.inc(answer.results.len() as u64);
        results.extend(answer.results);
    }
    bar.finish_and_clear();
    summary(&ctx.ui, action, &results);
    if let Some(json) = json {
        json.print(&results)?;
    }
    Ok(bulk_exit(&results))
}

/// What a finished bulk command tells people on stderr: the one request it changed, if it
/// changed one, then the counts.
pub(crate) fn summary(ui: &Ui, action: BatchAction, results: &[BatchResult]) {
    if let [only] = results {
        describe_one(ui, action, only);
    }
    summarize(ui, verb(action).1, results);
}

fn describe_one(ui: &Ui, action: BatchAction, r: &BatchResult) {
    let (_, past) = verb(action);
    match (r.outcome, &r.request) {
        (Outcome::Ok, Some(req)) => {
            let whom =
                req.assignee.as_ref().filter(|_| action == BatchAction::Assign).map(|m| format!(" to {}", m.name));
            ui.status(&format!("✓ {} #{}{}", capitalized(past), r.id, whom.unwrap_or_default()));
        }
        (Outcome::Unchanged, Some(req)) => {
            ui.status(&format!("- #{} was already {past} (it is {})", r.id, req.state));
        }
        _ => {}
    }
}

fn summarize(ui: &Ui, past: &str, results: &[BatchResult]) {
    let count = |f: &dyn Fn(Outcome) -> bool| results.iter().filter(|r| f(r.outcome)).count();
    ui.status(&format!(
        "{past} {} · unchanged {} · conflicts {} · failed {}",
        count(&|o| o == Outcome::Ok),
        count(&|o| o == Outcome::Unchanged),
        count(&|o| o == Outcome::Conflict),
        count(&|o| !o.is_success() && o != Outcome::Conflict),
    ));
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

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    #[test]
    fn stdin_ids_skip_blanks_and_comments_and_name_a_bad_line() {
        let planned = targets_from_stdin("12\n\n# taken from the backlog\n#13\n  14  \n".as_bytes()).unwrap();
        assert_eq!(planned.iter().map(|p| p.id).collect::<Vec<_>>(), [12, 13, 14]);
        assert!(planned.iter().all(|p| p.if_version.is_none()));
        let err = targets_from_stdin("12\nfourteen\n".as_bytes()).unwrap_err();
        assert_eq!(err.exit, Exit::Usage);
        assert!(err.message.starts_with("stdin line 2: `fourteen` is not a request id"), "{}", err.message);
    }

    #[test]
    fn listed_json_on_stdin_carries_the_versions_it_was_listed_with() {
        let array =
            r#"[{"id": 5, "version": 3, "title": "Ana", "state": "new", "extra": true}, {"id": 6, "version": 1}]"#;
        let planned = targets_from_stdin(array.as_bytes()).unwrap();
        assert_eq!(planned.iter().map(|p| (p.id, p.if_version)).collect::<Vec<_>>(), [(5, Some(3)), (6, Some(1))]);
        let lines = "{\"id\": 7, \"version\": 2}\n8\n";
        let planned = targets_from_stdin(lines.as_bytes()).unwrap();
        assert_eq!(planned.iter().map(|p| (p.id, p.if_version)).collect::<Vec<_>>(), [(7, Some(2)), (8, None)]);
        let err = targets_from_stdin("[{\"title\": \"no id\"}]".as_bytes()).unwrap_err();
        assert_eq!(err.exit, Exit::Usage);
        let err = targets_from_stdin("7\n{\"id\": }\n".as_bytes()).unwrap_err();
        assert!(err.message.starts_with("stdin line 2: not a request object"), "{}", err.message);
    }

    fn result(outcome: Outcome) -> BatchResult {
        BatchResult { id: 1, outcome, request: None, error: None }
    }

    #[test]
    fn the_exit_code_says_whether_every_item_went_through() {
        assert_eq!(bulk_exit(&[result(Outcome::Ok), result(Outcome::Unchanged)]), Exit::Success);
        assert_eq!(bulk_exit(&[result(Outcome::Ok), result(Outcome::Forbidden)]), Exit::Denied);
        assert_eq!(bulk_exit(&[result(Outcome::Forbidden), result(Outcome::Conflict)]), Exit::Partial);
        assert_eq!(bulk_exit(&[result(Outcome::NotFound)]), Exit::Error);
        assert_eq!(bulk_exit(&[result(Outcome::NotFound), result(Outcome::Conflict)]), Exit::Partial);
    }

    fn member(id: i64, email: &str, presence: Presence) -> Member {
        Member {
            id,
            email: email.into(),
            name: email.into(),
            role: Role::Agent,
            bot_ids: vec![],
            presence,
            removed_at: None,
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

    #[test]
    fn spread_targets_resolve_names_and_online_and_refuse_strangers() {
        let members = [member(1, "a@x", Presence::Online), member(2, "b@x", Presence::Away)];
        let me = members[1].clone();
        let picked = spread_targets("a@x, me,#1", &members, &me).unwrap();
        assert_eq!(picked.iter().map(|m| m.id).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(spread_targets("online", &members, &me).unwrap().len(), 1);
        let err = spread_targets("a@x,zed@x", &members, &me).unwrap_err();
        assert_eq!(err.exit, Exit::Usage);
        assert!(err.message.contains("no member `zed@x`"));
    }
}
