//! `livechat requests search`: every conversation, closed ones included, by its words.

use std::io::Write;

use clap::Args;

use crate::api::{FoundIn, SearchResult, SnippetPart};
use crate::cli::Context;
use crate::cli::error::Exit;
use crate::cli::output::{Field, JsonArgs, Ui};
use crate::cli::sanitize::for_terminal;
use crate::client::SearchQuery;

use super::request_id;

/// Results per call: the most the server gives at once.
const PAGE: usize = 100;

#[derive(Debug, Args)]
pub struct RequestsSearchArgs {
    /// The words to find, every one of them, in a transcript, a note (form answers
    /// included), or the visitor's name or email; case and punctuation do not matter
    #[arg(value_name = "TEXT", value_parser = crate::cli::search_text)]
    text: String,
    /// States to include, comma-separated [default: all]
    #[arg(long, value_name = "STATES", value_parser = crate::cli::states_text)]
    state: Option<String>,
    /// Only requests assigned to this member: `me`, `none`, an email, or a member id
    #[arg(long, value_name = "MEMBER", value_parser = crate::cli::member_text)]
    assignee: Option<String>,
    /// Only requests of this bot, by id or name
    #[arg(long, value_name = "BOT")]
    bot: Option<String>,
    /// Only requests from this channel
    #[arg(long, value_name = "CHANNEL", value_parser = crate::cli::word::<crate::domain::Channel>())]
    channel: Option<crate::domain::Channel>,
    /// Only requests with this label
    #[arg(long, value_name = "LABEL", value_parser = crate::cli::label_text)]
    label: Option<String>,
    /// Show at most this many requests, best first
    #[arg(long, short = 'L', default_value_t = 20, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=1000))]
    limit: u16,
    #[command(flatten)]
    output: JsonArgs,
}

pub async fn run(ctx: &Context, args: RequestsSearchArgs) -> anyhow::Result<Exit> {
    let json = args.output.json_out()?;
    let client = ctx.client()?;
    let wanted = usize::from(args.limit);
    let mut query = SearchQuery {
        q: args.text,
        state: args.state,
        assignee: args.assignee,
        bot: args.bot,
        channel: args.channel.map(|c| c.to_string()),
        label: args.label,
        limit: None,
        cursor: None,
    };
    let mut results = Vec::new();
    let mut more = false;
    loop {
        query.limit = Some((wanted - results.len()).min(PAGE));
        let page = client.search(&query).await?;
        results.extend(page.items);
        match page.next_cursor {
            Some(cursor) if results.len() < wanted => query.cursor = Some(cursor),
            Some(_) => {
                more = true;
                break;
            }
            None => break,
        }
    }
    if let Some(json) = json {
        json.print(&results)?;
        return Ok(Exit::Success);
    }
    print(&ctx.ui, &results)?;
    if more && ctx.ui.stdout_tty {
        ctx.ui.status(&format!("Showing the best {}; pass --limit N for more.", results.len()));
    }
    Ok(Exit::Success)
}

fn found_in(found: FoundIn) -> &'static str {
    match found {
        FoundIn::Message => "message",
        FoundIn::Note => "note",
        FoundIn::Visitor => "visitor",
    }
}

/// For people, each request on a line and its snippet under it, the matches in bold (or
/// between `*` without colour); when piped, one tab-separated row each.
fn print(ui: &Ui, results: &[SearchResult]) -> std::io::Result<()> {
    if results.is_empty() {
        ui.status("No requests match.");
        return Ok(());
    }
    if !ui.stdout_tty {
        let rows = results
            .iter()
            .map(|r| {
                let snippet: String = r.snippet.iter().map(|p| p.text.as_str()).collect();
                vec![
                    Field::plain(request_id(ui, r.request.id)),
                    Field::plain(&r.request.title),
                    Field::state(r.request.state),
                    Field::plain(found_in(r.found_in)),
                    Field::plain(snippet),
                ]
            })
            .collect();
        return ui.table(&["id", "title", "state", "found in", "snippet"], rows);
    }
    // Every piece is made safe before the highlight's own escape codes go around it.
    let mut out = ui.raw_stdout();
    for r in results {
        let title = for_terminal(&r.request.title);
        writeln!(
            out,
            "{} {title} · {} · in a {}",
            request_id(ui, r.request.id),
            r.request.state,
            found_in(r.found_in)
        )?;
        writeln!(out, "    {}", highlighted(ui, &r.snippet))?;
    }
    Ok(())
}

fn highlighted(ui: &Ui, parts: &[SnippetPart]) -> String {
    parts
        .iter()
        .map(|p| {
            let text = for_terminal(&p.text);
            match (p.matched, ui.color) {
                (false, _) => text.into_owned(),
                (true, true) => format!("\u{1b}[1;33m{text}\u{1b}[0m"),
                (true, false) => format!("*{text}*"),
            }
        })
        .collect()
}
