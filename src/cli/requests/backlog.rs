//! `livechat requests backlog`: the open queue in one server-side call, with thresholds that
//! turn it into a CI check (exit 3 when one is exceeded).

use std::time::Duration;

use clap::Args;
use serde::Serialize;

use crate::api::Backlog;
use crate::cli::Context;
use crate::cli::error::Exit;
use crate::cli::output::{Field, JsonArgs, precise_duration};
use crate::client::ListQuery;

#[derive(Debug, Args)]
pub struct RequestsBacklogArgs {
    /// Only requests of this bot, by id or name
    #[arg(long, value_name = "BOT")]
    bot: Option<String>,
    /// Only requests from this channel
    #[arg(long, value_name = "CHANNEL", value_parser = crate::cli::word::<crate::domain::Channel>())]
    channel: Option<crate::domain::Channel>,
    /// Fail (exit 3) when more than N requests are new
    #[arg(long, value_name = "N")]
    max_new: Option<u64>,
    /// Fail (exit 3) when more than N open requests have no assignee
    #[arg(long, value_name = "N")]
    max_unassigned: Option<u64>,
    /// Fail (exit 3) when the oldest new request is older than this, like `15m`
    #[arg(long, value_name = "DURATION", value_parser = crate::cli::parse_duration_arg)]
    max_age: Option<Duration>,
    #[command(flatten)]
    output: JsonArgs,
}

/// One threshold and how the backlog measured against it.
#[derive(Debug, Serialize)]
struct Check {
    name: &'static str,
    limit: u64,
    actual: u64,
    exceeded: bool,
}

impl Check {
    fn describe(&self) -> String {
        let over = self.actual - self.limit;
        match self.name {
            "max-new" => format!("{} requests are new: {over} over --max-new {}", self.actual, self.limit),
            "max-unassigned" => {
                format!("{} requests have no assignee: {over} over --max-unassigned {}", self.actual, self.limit)
            }
            _ => format!(
                "the oldest new request is {} old: {} over --max-age {}",
                precise_duration(self.actual as i64),
                precise_duration(over as i64),
                precise_duration(self.limit as i64)
            ),
        }
    }
}

#[derive(Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    backlog: &'a Backlog,
    checks: &'a [Check],
}

fn checks(args: &RequestsBacklogArgs, backlog: &Backlog) -> Vec<Check> {
    let mut checks = Vec::new();
    let mut check = |name, limit: Option<u64>, actual: u64| {
        if let Some(limit) = limit {
            checks.push(Check { name, limit, actual, exceeded: actual > limit });
        }
    };
    check("max-new", args.max_new, backlog.new);
    check("max-unassigned", args.max_unassigned, backlog.unassigned);
    let age = backlog.oldest_new_age_seconds.map_or(0, |s| u64::try_from(s).unwrap_or(0));
    check("max-age", args.max_age.map(|d| d.as_secs()), age);
    checks
}

pub async fn run(ctx: &Context, args: RequestsBacklogArgs) -> anyhow::Result<Exit> {
    let json = args.output.json_out()?;
    let query = ListQuery { bot: args.bot.clone(), channel: args.channel.map(|c| c.to_string()), ..Default::default() };
    let backlog = ctx.client()?.backlog(&query).await?;
    let checks = checks(&args, &backlog);
    if let Some(json) = json {
        json.print(&Report { backlog: &backlog, checks: &checks })?;
    } else {
        print(&ctx.ui, &backlog)?;
    }
    let exceeded: Vec<&Check> = checks.iter().filter(|c| c.exceeded).collect();
    for check in &exceeded {
        ctx.ui.status(&format!("backlog: {}", check.describe()));
    }
    Ok(if exceeded.is_empty() { Exit::Success } else { Exit::Threshold })
}

/// The backlog for people: the counts, then each member's load.
pub(crate) fn print(ui: &crate::cli::output::Ui, backlog: &Backlog) -> std::io::Result<()> {
    {
        let oldest = backlog
            .oldest_new_age_seconds
            .map_or_else(|| "none".to_string(), |s| format!("{} old", precise_duration(s)));
        ui.line(&format!(
            "open: {} new · {} assigned · {} chatting · {} unassigned · oldest new: {oldest}",
            backlog.new, backlog.assigned, backlog.chatting, backlog.unassigned
        ))?;
        let rows = backlog
            .agents
            .iter()
            .map(|a| {
                vec![
                    Field::plain(&a.member.name),
                    Field::plain(&a.member.email),
                    Field::plain(a.member.presence.as_str()),
                    Field::plain(a.assigned.to_string()),
                    Field::plain(a.chatting.to_string()),
                ]
            })
            .collect();
        ui.table(&["member", "email", "presence", "assigned", "chatting"], rows)
    }
}
