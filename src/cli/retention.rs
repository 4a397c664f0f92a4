//! `livechat retention …`: how long the closed archive is kept, and what the next sweep
//! would delete.

use clap::{Args, Subcommand};

use super::Context;
use super::error::Exit;
use super::output::{JsonArgs, count};
use crate::api::{MAX_RETENTION_DAYS, RetentionBody, RetentionCounts, RetentionPolicy};

#[derive(Debug, Args)]
pub struct RetentionArgs {
    #[command(subcommand)]
    command: RetentionCommand,
}

#[derive(Debug, Subcommand)]
enum RetentionCommand {
    /// Show how long closed requests and audit records are kept
    Show(JsonOnly),
    /// Delete closed requests, with their history, this long after they closed (org admins)
    Set(RetentionSetArgs),
    /// Show what the next sweep would delete if it ran now (org admins)
    Preview(JsonOnly),
}

#[derive(Debug, Args)]
struct JsonOnly {
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Args)]
struct RetentionSetArgs {
    /// Whole days after closing, like `30d` or `365d`, or `off` to keep the archive for ever
    #[arg(long, value_name = "DAYS", value_parser = closed_after)]
    closed_after: Kept,
    /// Keep each closed request, however old, until a finished `livechat requests export`
    /// of closed requests holds it (the export tells the server so). The policy is set whole:
    /// leaving this out turns it off
    #[arg(long)]
    require_export: bool,
    #[command(flatten)]
    output: JsonArgs,
}

/// How long a policy keeps closed requests.
#[derive(Debug, Clone, Copy)]
enum Kept {
    Forever,
    Days(u32),
}

fn closed_after(text: &str) -> Result<Kept, String> {
    if text == "off" {
        return Ok(Kept::Forever);
    }
    let seconds = crate::api::parse_duration(text)?.as_secs();
    if seconds % 86_400 != 0 || seconds == 0 {
        return Err(format!("`{text}` is not a whole number of days; write it like `30d` or `365d`"));
    }
    u32::try_from(seconds / 86_400)
        .ok()
        .filter(|d| *d <= MAX_RETENTION_DAYS)
        .map(Kept::Days)
        .ok_or_else(|| format!("a policy keeps closed requests at most {MAX_RETENTION_DAYS} days"))
}

fn describe(policy: &RetentionPolicy) -> String {
    let archive = match (policy.closed_after_days, policy.require_export) {
        (Some(days), false) => format!("Closed requests are deleted, with their history, {days} days after they close"),
        (Some(days), true) => format!(
            "Closed requests are deleted, with their history, {days} days after they close once an export holds them"
        ),
        (None, _) => "Closed requests are kept for ever".to_string(),
    };
    format!("{archive}; audit records are kept {} days.", policy.audit_kept_days)
}

fn due(counts: &RetentionCounts) -> String {
    let deliveries = match counts.deliveries {
        1 => "1 webhook delivery".to_string(),
        n => format!("{n} webhook deliveries"),
    };
    [
        count(counts.requests, "request"),
        count(counts.messages, "message"),
        count(counts.notes, "note"),
        count(counts.events, "timeline event"),
        deliveries,
        count(counts.visitors, "visitor"),
        count(counts.audit_records, "audit record"),
    ]
    .join(", ")
}

pub async fn run(ctx: &Context, args: RetentionArgs) -> anyhow::Result<Exit> {
    let client = ctx.client()?;
    match args.command {
        RetentionCommand::Show(args) => {
            let json = args.output.json_out()?;
            let policy = client.retention().await?;
            match json {
                Some(json) => json.print(&policy)?,
                None => ctx.ui.line(&describe(&policy))?,
            }
        }
        RetentionCommand::Set(args) => {
            let json = args.output.json_out()?;
            let days = match args.closed_after {
                Kept::Forever => None,
                Kept::Days(days) => Some(i64::from(days)),
            };
            let body = RetentionBody { closed_after_days: days, require_export: args.require_export };
            let policy = client.set_retention(&body).await?;
            match json {
                Some(json) => json.print(&policy)?,
                None => {
                    ctx.ui.status(&format!("✓ {}", describe(&policy)));
                    if policy.closed_after_days.is_some() {
                        ctx.ui.status("`livechat retention preview` shows what the next sweep will delete.");
                    }
                }
            }
        }
        RetentionCommand::Preview(args) => {
            let json = args.output.json_out()?;
            let preview = client.retention_preview().await?;
            if let Some(json) = json {
                json.print(&preview)?;
                return Ok(Exit::Success);
            }
            ctx.ui.line(&describe(&preview.policy))?;
            let oldest = preview.oldest_closed_at.map(|t| format!("; the oldest closed {}", ctx.ui.time(t)));
            match preview.cutoff {
                Some(cutoff) => ctx.ui.line(&format!(
                    "The next sweep deletes what closed before {}: {}{}.",
                    crate::cli::output::rfc3339(cutoff),
                    due(&preview.due),
                    oldest.unwrap_or_default()
                ))?,
                None => ctx.ui.line(&format!(
                    "The next sweep deletes only audit records past their time: {}.",
                    count(preview.due.audit_records, "audit record")
                ))?,
            }
            if preview.unexported > 0 {
                ctx.ui.line(&format!(
                    "{} old enough to go are kept until an export holds them: run `livechat requests export -o FILE`.",
                    count(preview.unexported, "more request")
                ))?;
            }
        }
    }
    Ok(Exit::Success)
}
