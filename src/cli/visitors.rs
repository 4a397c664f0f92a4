//! `livechat visitors …`: the people who ask for help, and erasing one of them on request.

use clap::{ArgGroup, Args, Subcommand};

use super::Context;
use super::error::{CliError, Exit};
use super::output::{Field, JsonArgs, Ui, confirmed, count};
use crate::api::{EraseBody, Erasure, grammar};
use crate::domain::Email;

#[derive(Debug, Args)]
pub struct VisitorsArgs {
    #[command(subcommand)]
    command: VisitorsCommand,
}

#[derive(Debug, Subcommand)]
enum VisitorsCommand {
    /// Erase one person's data from every request they filed, keeping the requests' history
    /// (org admins only)
    ///
    /// Their name, email and user id go, and from each of their requests the title, every
    /// message and note (the staff's too, which may quote them), the form answers, the client
    /// address digest and the conversation tokens; webhook deliveries of those requests are
    /// rewritten without them. States, times, timelines and counts stay, so the queue and
    /// analytics still add up. Without a terminal to confirm on, --yes is required.
    #[command(group(ArgGroup::new("whom").required(true).args(["visitor", "email", "user_id"])))]
    Erase(VisitorsEraseArgs),
}

#[derive(Debug, Args)]
pub struct VisitorsEraseArgs {
    /// The visitor's id, as a request shows it: `livechat requests show 42 --jq .visitor.id`
    #[arg(value_parser = visitor_id)]
    visitor: Option<i64>,
    /// Every visitor who gave this email, in any case
    #[arg(long, value_parser = email_text, value_name = "EMAIL")]
    email: Option<String>,
    /// The visitor with this user id in any of your bots: `CHANNEL:ID`, as `discord:8035…`;
    /// an id shown without its channel (a web visitor's) takes it in front, as `web:visitor-3fa2…`
    #[arg(long, value_parser = user_id_text, value_name = "CHANNEL:ID")]
    user_id: Option<String>,
    /// Show what would be erased, and change nothing
    #[arg(long)]
    dry_run: bool,
    /// Do not ask for confirmation; required without a terminal
    #[arg(long, short = 'y')]
    yes: bool,
    #[command(flatten)]
    output: JsonArgs,
}

fn visitor_id(text: &str) -> Result<i64, String> {
    match grammar::natural(text.trim()) {
        Some(id) if id > 0 => Ok(id),
        _ => Err(format!(
            "`{text}` is not a visitor id; give the number a request shows as `visitor.id` \
             (`livechat requests show 42 --jq .visitor.id`), or use --email or --user-id"
        )),
    }
}

/// An address as the server takes it, sent normalized.
fn email_text(text: &str) -> Result<String, String> {
    Email::parse(text).map(|e| e.to_string()).map_err(|e| e.to_string())
}

fn user_id_text(text: &str) -> Result<String, String> {
    match grammar::user_id(text.trim()) {
        Some(_) => Ok(text.trim().to_string()),
        None => Err(format!(
            "`{text}` is not CHANNEL:ID; write the channel (web, discord or messenger), a colon, and the id \
             with no spaces, as `discord:80351110224678912`"
        )),
    }
}

pub async fn run(ctx: &Context, args: VisitorsArgs) -> anyhow::Result<Exit> {
    match args.command {
        VisitorsCommand::Erase(args) => erase(ctx, args).await,
    }
}

async fn erase(ctx: &Context, args: VisitorsEraseArgs) -> anyhow::Result<Exit> {
    let VisitorsEraseArgs { visitor, email, user_id, dry_run, yes, output } = args;
    let json = output.json_out()?;
    let mut body = EraseBody { visitor, email, user_id, dry_run };
    let asks = !dry_run && !yes;
    if asks && !ctx.ui.interactive() {
        return Err(CliError::usage(
            "erasing a person's data cannot be undone, and there is no terminal to confirm on",
        )
        .with_hint("pass --yes to erase, or --dry-run to see what would be erased")
        .into());
    }
    let client = ctx.client()?;
    if asks {
        let planned = client.erase_visitor(&EraseBody { dry_run: true, ..body.clone() }).await?;
        ctx.ui.status(&format!("This will erase {}.", what(&planned)));
        if !confirmed("Erase it? This cannot be undone")? {
            ctx.ui.status("Nothing was erased.");
            return Ok(Exit::Success);
        }
        body.dry_run = false;
    }
    let erased = client.erase_visitor(&body).await?;
    match json {
        Some(json) => json.print(&erased)?,
        None => receipt(&ctx.ui, &erased)?,
    }
    ctx.ui.status(&summary(&erased));
    Ok(Exit::Success)
}

/// The receipt: what an erasure touched, one row per kind.
fn receipt(ui: &Ui, erased: &Erasure) -> std::io::Result<()> {
    let ids = |ids: &[i64], mark: &str| ids.iter().map(|id| format!("{mark}{id}")).collect::<Vec<_>>().join(" ");
    let rows = [
        ("visitors", erased.visitors, ids(&erased.visitor_ids, "")),
        ("requests", erased.requests, ids(&erased.request_ids, "#")),
        ("messages", erased.messages, String::new()),
        ("notes", erased.notes, String::new()),
        ("conversation tokens", erased.conversations, String::new()),
        ("webhook deliveries", erased.deliveries, String::new()),
    ];
    let rows = rows
        .into_iter()
        .map(|(what, n, which)| vec![Field::plain(what), Field::plain(n.to_string()), Field::plain(which)])
        .collect();
    ui.table(&["erased", "count", "ids"], rows)
}

/// What an erasure touched, as a phrase.
fn what(erased: &Erasure) -> String {
    let deliveries = match erased.deliveries {
        1 => "1 webhook delivery".to_string(),
        n => format!("{n} webhook deliveries"),
    };
    format!(
        "{} from {}: {} and {} replaced, {} ended, {deliveries} rewritten",
        if erased.visitors == 1 {
            "1 visitor's data".to_string()
        } else {
            format!("{} visitors' data", erased.visitors)
        },
        count(erased.requests, "request"),
        count(erased.messages, "message"),
        count(erased.notes, "note"),
        count(erased.conversations, "conversation token"),
    )
}

fn summary(erased: &Erasure) -> String {
    if erased.dry_run {
        format!("Dry run: nothing was changed. This would erase {}.", what(erased))
    } else {
        format!("✓ Erased {}.", what(erased))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn erasure(dry_run: bool) -> Erasure {
        Erasure {
            dry_run,
            visitor_ids: vec![812],
            request_ids: vec![40, 57],
            visitors: 1,
            requests: 2,
            messages: 14,
            notes: 1,
            conversations: 2,
            deliveries: 0,
        }
    }

    #[test]
    fn the_receipt_reads_as_a_table_and_a_sentence() {
        let (ui, out) = Ui::captured(false, jiff::Timestamp::UNIX_EPOCH);
        receipt(&ui, &erasure(false)).unwrap();
        assert_eq!(
            out.stdout(),
            "visitors\t1\t812\nrequests\t2\t#40 #57\nmessages\t14\t\nnotes\t1\t\n\
             conversation tokens\t2\t\nwebhook deliveries\t0\t\n"
        );
        assert_eq!(
            summary(&erasure(false)),
            "✓ Erased 1 visitor's data from 2 requests: 14 messages and 1 note replaced, \
             2 conversation tokens ended, 0 webhook deliveries rewritten."
        );
        assert!(summary(&erasure(true)).starts_with("Dry run: nothing was changed. This would erase 1 visitor's"));
    }

    #[test]
    fn selectors_are_checked_before_any_call() {
        assert_eq!(visitor_id("812"), Ok(812));
        assert!(visitor_id("0").is_err() && visitor_id("#812").is_err() && visitor_id("maya").is_err());
        assert_eq!(email_text(" Maya@Example.COM "), Ok("maya@example.com".into()));
        assert!(email_text("maya").is_err());
        assert_eq!(user_id_text("discord:8035"), Ok("discord:8035".into()));
        assert!(user_id_text("8035").is_err() && user_id_text("sms:1").is_err());
    }
}
