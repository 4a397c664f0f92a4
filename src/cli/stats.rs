//! `livechat stats`: live chat analytics the server computes for a window of time.

use clap::Args;
use serde::Serialize;

use super::Context;
use super::error::Exit;
use super::output::{Field, JsonArgs, precise_duration};
use crate::api::{Figures, Spread};

/// Piped, `stats` prints one tab-separated row per group: scope (`all`, `channel` or `member`),
/// name (the channel, or the member's email), created, resolved, closed, then the median and
/// 90th percentile in seconds of the time to assign, to the first agent message and to resolve
/// (empty where no request has one).
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// How far back to look, like `24h`, `7d` or `30d`
    #[arg(long, default_value = "7d", value_parser = crate::cli::duration_text, value_name = "DURATION")]
    since: String,
    /// Only requests of this bot, by id or name
    #[arg(long, value_name = "BOT")]
    bot: Option<String>,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Serialize)]
struct StatsQuery<'a> {
    since: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    bot: Option<&'a str>,
}

fn spread(s: &Spread) -> [String; 2] {
    let show = |v: Option<i64>| v.map_or_else(|| "–".to_string(), precise_duration);
    [show(s.median_seconds), show(s.p90_seconds)]
}

/// One row of a breakdown table: the group, its counts, and median / p90 of each time.
fn row(name: String, f: &Figures) -> Vec<Field> {
    let mut cells = vec![Field::plain(name), Field::plain(f.created.to_string()), Field::plain(f.resolved.to_string())];
    for s in [&f.time_to_assign, &f.time_to_first_agent_message, &f.time_to_resolve] {
        let [median, p90] = spread(s);
        cells.push(Field::plain(format!("{median} / {p90}")));
    }
    cells
}

const HEADERS: &[&str] =
    &["", "created", "resolved", "to assign (median / p90)", "to first agent message", "to resolve"];

pub async fn run(ctx: &Context, args: StatsArgs) -> anyhow::Result<Exit> {
    let json = args.output.json_out()?;
    let query = StatsQuery { since: &args.since, bot: args.bot.as_deref() };
    let stats = ctx.client()?.stats(&query).await?;
    if let Some(json) = json {
        json.print(&stats)?;
        return Ok(Exit::Success);
    }
    print(&ctx.ui, &stats, &args.since)?;
    Ok(Exit::Success)
}

/// The figures for people: a line and a table on a terminal, a row per group when piped.
pub(crate) fn print(ui: &super::output::Ui, stats: &crate::api::Stats, since: &str) -> std::io::Result<()> {
    if !ui.stdout_tty {
        let mut groups = vec![("all", String::new(), &stats.overall)];
        groups.extend(stats.channels.iter().map(|c| ("channel", c.channel.to_string(), &c.figures)));
        groups.extend(stats.agents.iter().map(|a| ("member", a.member.email.clone(), &a.figures)));
        for (scope, name, f) in groups {
            let mut cells =
                vec![scope.to_string(), name, f.created.to_string(), f.resolved.to_string(), f.closed.to_string()];
            for s in [&f.time_to_assign, &f.time_to_first_agent_message, &f.time_to_resolve] {
                for seconds in [s.median_seconds, s.p90_seconds] {
                    cells.push(seconds.map(|v| v.to_string()).unwrap_or_default());
                }
            }
            ui.line(&cells.join("\t"))?;
        }
        return Ok(());
    }
    let o = &stats.overall;
    ui.line(&format!(
        "Requests created in the last {} (since {}): {} created · {} resolved · {} closed",
        since,
        super::output::rfc3339(stats.since),
        o.created,
        o.resolved,
        o.closed
    ))?;
    let mut rows = vec![row("all".to_string(), o)];
    rows.extend(stats.channels.iter().map(|c| row(format!("channel {}", c.channel), &c.figures)));
    rows.extend(stats.agents.iter().map(|a| row(a.member.name.clone(), &a.figures)));
    ui.table(HEADERS, rows)
}
