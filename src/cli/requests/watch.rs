//! `livechat requests watch`: the queue as it changes, one line per event, like
//! `kubectl get -w`.

use std::ops::ControlFlow;

use clap::Args;
use serde::Serialize;

use crate::api::QueueEvent;
use crate::cli::Context;
use crate::cli::error::Exit;
use crate::cli::live::follow;
use crate::cli::output::{JsonArgs, rfc3339};

#[derive(Debug, Args)]
pub struct RequestsWatchArgs {
    /// Only changes into these states, comma-separated (`open`, `all`, or names) [default: all]
    #[arg(long, value_name = "STATES", value_parser = crate::cli::states_text)]
    state: Option<String>,
    /// Only changes that leave requests with this member: `me`, `none`, an email or an id
    #[arg(long, value_name = "MEMBER", value_parser = crate::cli::member_text)]
    assignee: Option<String>,
    /// Only requests of this bot, by id or name
    #[arg(long, value_name = "BOT")]
    bot: Option<String>,
    /// Only requests from this channel
    #[arg(long, value_name = "CHANNEL", value_parser = crate::cli::word::<crate::domain::Channel>())]
    channel: Option<crate::domain::Channel>,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Serialize)]
struct WatchQuery<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bot: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<String>,
}

pub async fn run(ctx: &Context, args: RequestsWatchArgs) -> anyhow::Result<Exit> {
    let json = args.output.json_out()?;
    let client = ctx.patient_client()?;
    let query = WatchQuery {
        state: args.state.as_deref(),
        assignee: args.assignee.as_deref(),
        bot: args.bot.as_deref(),
        channel: args.channel.map(|c| c.to_string()),
    };
    if ctx.ui.stderr_tty && json.is_none() {
        ctx.ui.status("Watching the queue; press Ctrl-C to stop.");
    }
    let watching = follow(
        &client,
        "/v1/events",
        Some(&query),
        None,
        |m| ctx.ui.status(m),
        |event| {
            let change: QueueEvent = serde_json::from_str(&event.data)?;
            if let Some(json) = &json {
                json.print_line(&change)?;
                return Ok(ControlFlow::Continue(()));
            }
            let e = &change.event;
            let r = &change.request;
            let from = e.from.map_or_else(|| "created".to_string(), |s| s.to_string());
            let holder = e.assignee.as_ref().map(|m| if ctx.ui.stdout_tty { m.name.clone() } else { m.email.clone() });
            let line = if ctx.ui.stdout_tty {
                let at = e.at.to_zoned(jiff::tz::TimeZone::system()).strftime("%H:%M:%S").to_string();
                let holder = holder.map(|h| format!(" → {h}")).unwrap_or_default();
                format!(
                    "{at}  #{:<5} {from} → {}{holder}  {} · {} {} · by {}",
                    r.id,
                    e.to,
                    r.title,
                    r.bot.name,
                    r.channel,
                    e.actor.display_name()
                )
            } else {
                [
                    rfc3339(e.at),
                    r.id.to_string(),
                    from,
                    e.to.to_string(),
                    holder.unwrap_or_default(),
                    r.title.clone(),
                    r.bot.name.clone(),
                    r.channel.to_string(),
                    e.actor.display_name().to_string(),
                ]
                .map(|f| f.replace(['\t', '\n'], " "))
                .join("\t")
            };
            ctx.ui.line(&line)?;
            Ok(ControlFlow::Continue(()))
        },
    );
    tokio::select! {
        result = watching => result?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(Exit::Success)
}
