//! `livechat audit list`: the organization's audit log, for people, scripts and spreadsheets.

use clap::{Args, Subcommand};

use super::Context;
use super::error::Exit;
use super::output::{Field, JsonArgs, Ui, text_cell};
use crate::api::{AuditRecord, Author, MAX_PAGE};
use crate::client::AuditQuery;

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    command: AuditCommand,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// List administrative changes, newest first: who did what, to what, from where
    List(AuditListArgs),
}

#[derive(Debug, Args)]
struct AuditListArgs {
    /// Only changes made by this member: `me`, an email, or a member id
    #[arg(long, value_name = "MEMBER", value_parser = super::member_text)]
    actor: Option<String>,
    /// Only this action, like `member.role`, or a family of them, like `member`
    #[arg(long, value_name = "ACTION", value_parser = action_text)]
    action: Option<String>,
    /// Only changes to this target, like `member:4`, `bot:2` or `retention`
    #[arg(long, value_name = "TARGET", value_parser = target_text)]
    target: Option<String>,
    /// Only changes made at or after this time, date or age (`7d`)
    #[arg(long, value_name = "WHEN", value_parser = super::moment_text)]
    since: Option<String>,
    /// Only changes made before this time, date or age
    #[arg(long, value_name = "WHEN", value_parser = super::moment_text)]
    until: Option<String>,
    /// Show at most this many records
    #[arg(long, short = 'L', default_value_t = 50, value_name = "N", conflicts_with = "all")]
    limit: usize,
    /// Show every matching record, page by page
    #[arg(long)]
    all: bool,
    /// Print CSV with a header, for spreadsheets: cells never start a formula
    #[arg(long, conflicts_with_all = ["json", "jq"])]
    csv: bool,
    #[command(flatten)]
    output: JsonArgs,
}

fn action_text(text: &str) -> Result<String, String> {
    if crate::api::grammar::audit_action(text) {
        Ok(text.to_string())
    } else {
        Err("an action is lowercase words joined by dots, like `member.role`, or one word for a family".into())
    }
}

fn target_text(text: &str) -> Result<String, String> {
    if crate::api::grammar::audit_target(text) {
        Ok(text.to_string())
    } else {
        Err("a target is a kind and an id, like `member:4`, or a kind alone, like `retention`".into())
    }
}

/// Who acted, as one word: their email, or `server`.
fn actor(record: &AuditRecord) -> &str {
    match &record.actor {
        Author::Member { email, .. } => email,
        _ => "server",
    }
}

const CSV_HEADERS: [&str; 7] = ["id", "at", "actor", "action", "target", "address", "summary"];

fn csv(ui: &Ui, records: &[AuditRecord]) -> anyhow::Result<()> {
    let mut out = csv::Writer::from_writer(ui.raw_stdout());
    out.write_record(CSV_HEADERS)?;
    for r in records {
        out.write_record([
            r.id.to_string(),
            crate::cli::output::rfc3339(r.at),
            text_cell(actor(r)),
            text_cell(&r.action),
            text_cell(&r.target),
            r.address.clone().unwrap_or_default(),
            text_cell(&r.summary.to_string()),
        ])?;
    }
    out.flush()?;
    Ok(())
}

fn table(ui: &Ui, records: &[AuditRecord], more: bool) -> std::io::Result<()> {
    if records.is_empty() {
        ui.status("No audit records match.");
        return Ok(());
    }
    let rows = records
        .iter()
        .map(|r| {
            vec![
                Field::plain(ui.time(r.at)),
                Field::plain(actor(r)),
                Field::plain(&r.action),
                Field::plain(&r.target),
                Field::plain(r.summary.to_string()),
            ]
        })
        .collect();
    ui.table(&["when", "actor", "action", "target", "summary"], rows)?;
    if more && ui.stdout_tty {
        ui.status(&format!("Showing the newest {}; pass --limit N or --all for more.", records.len()));
    }
    Ok(())
}

pub async fn run(ctx: &Context, args: AuditArgs) -> anyhow::Result<Exit> {
    let AuditCommand::List(args) = args.command;
    let json = args.output.json_out()?;
    let client = ctx.client()?;
    let wanted = if args.all { usize::MAX } else { args.limit };
    let mut query = AuditQuery {
        actor: args.actor,
        action: args.action,
        target: args.target,
        since: args.since,
        until: args.until,
        limit: None,
        cursor: None,
    };
    let mut records = Vec::new();
    let mut more = false;
    while records.len() < wanted {
        query.limit = Some((wanted - records.len()).min(MAX_PAGE));
        let page = client.audit(&query).await?;
        records.extend(page.items);
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
        more = records.len() >= wanted;
    }
    if args.csv {
        csv(&ctx.ui, &records)?;
    } else if let Some(json) = json {
        json.print(&records)?;
    } else {
        table(&ctx.ui, &records, more)?;
    }
    Ok(Exit::Success)
}
