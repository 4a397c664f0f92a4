//! `livechat requests …`: the queue and the actions on it.

mod act;
mod backlog;
pub(crate) mod chat;
mod export;
pub(crate) mod list;
mod search;
mod show;
#[cfg(test)]
mod snapshots;
mod watch;

use clap::{Args, Subcommand};

pub(crate) use act::summary;
pub use show::parse_request_id;

use super::Context;
use super::error::Exit;
use crate::api::Request;
use crate::cli::output::{Field, Ui};

#[derive(Debug, Args)]
pub struct RequestsArgs {
    #[command(subcommand)]
    command: RequestsCommand,
}

#[derive(Debug, Subcommand)]
enum RequestsCommand {
    /// List requests: the open queue by default, new first and newest first
    List(list::RequestsListArgs),
    /// Show one request: details, notes, transcript and timeline
    Show(show::RequestsShowArgs),
    /// Find requests by the words of their conversations, notes and visitors, best first
    Search(search::RequestsSearchArgs),
    /// Assign requests to yourself or, as an admin, to another member
    Assign(act::RequestsAssignArgs),
    /// Give requests back to the queue
    Unassign(act::RequestsUnassignArgs),
    /// Resolve requests, optionally with a note
    Resolve(act::RequestsResolveArgs),
    /// Put labels on requests or take them off, selected by ids, stdin or filters
    Label(act::RequestsLabelArgs),
    /// Chat live with the visitor of a request you hold; or send one message, or follow
    Chat(chat::RequestsChatArgs),
    /// Print changes to the queue as they happen, one line each
    Watch(watch::RequestsWatchArgs),
    /// Summarize the open queue; with thresholds, exit 3 when one is exceeded (for CI)
    Backlog(backlog::RequestsBacklogArgs),
    /// Stream archived requests as JSON Lines or CSV, to stdout or a file
    Export(export::RequestsExportArgs),
}

pub async fn run(ctx: &Context, args: RequestsArgs) -> anyhow::Result<Exit> {
    match args.command {
        RequestsCommand::List(args) => list::run(ctx, args).await,
        RequestsCommand::Show(args) => show::run(ctx, args).await,
        RequestsCommand::Search(args) => search::run(ctx, args).await,
        RequestsCommand::Assign(args) => act::assign(ctx, args).await,
        RequestsCommand::Unassign(args) => act::unassign(ctx, args).await,
        RequestsCommand::Resolve(args) => act::resolve(ctx, args).await,
        RequestsCommand::Label(args) => act::label(ctx, args).await,
        RequestsCommand::Backlog(args) => backlog::run(ctx, args).await,
        RequestsCommand::Chat(args) => chat::run(ctx, args).await,
        RequestsCommand::Watch(args) => watch::run(ctx, args).await,
        RequestsCommand::Export(args) => export::run(ctx, args).await,
    }
}

/// `#42` for people; the bare number when piped, so scripts can use it as it is.
pub fn request_id(ui: &Ui, id: i64) -> String {
    if ui.stdout_tty { format!("#{id}") } else { id.to_string() }
}

/// The columns the portal shows for a request, as `requests list` prints them.
pub fn request_row(ui: &Ui, r: &Request) -> Vec<Field> {
    let assignee = r.assignee.as_ref().map(|m| if ui.stdout_tty { m.name.clone() } else { m.email.clone() });
    let age = if ui.stdout_tty {
        crate::cli::output::age(r.created_at, ui.now())
    } else {
        crate::cli::output::rfc3339(r.created_at)
    };
    vec![
        Field::plain(request_id(ui, r.id)),
        Field::plain(&r.title),
        Field::state(r.state),
        Field::plain(assignee.unwrap_or_default()),
        Field::plain(&r.bot.name),
        Field::plain(r.channel.as_str()),
        Field::plain(age),
    ]
}

pub const REQUEST_HEADERS: &[&str] = &["id", "title", "state", "assignee", "bot", "channel", "age"];
