//! `livechat routing …`: how each bot's waiting requests are given to members with room.

use clap::{ArgGroup, Args, Subcommand};

use super::Context;
use super::error::Exit;
use super::output::{Field, JsonArgs, Ui};
use crate::api::{BotRouting, BotRoutingBody};
use crate::domain::{RoutingMode, RoutingOrder};

#[derive(Debug, Args)]
pub struct RoutingArgs {
    #[command(subcommand)]
    command: RoutingCommand,
}

#[derive(Debug, Subcommand)]
enum RoutingCommand {
    /// Show each bot's routing policy and the members' default capacity
    Show(RoutingShowArgs),
    /// Set a bot's routing policy (org admins and admins of the bot)
    #[command(group(ArgGroup::new("policy").required(true).multiple(true).args(["mode", "order"])))]
    Set(RoutingSetArgs),
}

#[derive(Debug, Args)]
struct RoutingShowArgs {
    /// Only this bot, by id
    bot: Option<i64>,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Args)]
struct RoutingSetArgs {
    /// The bot, by id
    bot: i64,
    /// off: members take requests themselves; round-robin: each online member in turn;
    /// least-busy: whoever holds the fewest
    #[arg(long, value_parser = super::word::<RoutingMode>())]
    mode: Option<RoutingMode>,
    /// Which waiting request goes first
    #[arg(long, value_parser = super::word::<RoutingOrder>())]
    order: Option<RoutingOrder>,
    #[command(flatten)]
    output: JsonArgs,
}

/// A bot's policy as a sentence.
fn policy(routing: &BotRouting) -> String {
    let bot = format!("Bot #{} ({})", routing.bot.id, routing.bot.name);
    match routing.mode {
        RoutingMode::Off => format!("{bot} does not route: members take its requests themselves"),
        mode => format!("{bot} routes {mode}, {} waiting request first", routing.order),
    }
}

fn table(ui: &Ui, bots: &[BotRouting]) -> std::io::Result<()> {
    let rows = bots
        .iter()
        .map(|b| {
            vec![
                Field::plain(b.bot.id.to_string()),
                Field::plain(&b.bot.name),
                Field::plain(b.mode.as_str()),
                Field::plain(b.order.as_str()),
            ]
        })
        .collect();
    ui.table(&["bot", "name", "mode", "order"], rows)
}

pub async fn run(ctx: &Context, args: RoutingArgs) -> anyhow::Result<Exit> {
    let client = ctx.client()?;
    match args.command {
        RoutingCommand::Show(args) => {
            let json = args.output.json_out()?;
            let mut routing = client.routing().await?;
            if let Some(bot) = args.bot {
                routing.bots.retain(|b| b.bot.id == bot);
                if routing.bots.is_empty() {
                    let message =
                        format!("there is no bot {bot} in your organization; `livechat bots list` shows them");
                    return Err(super::error::CliError::new(Exit::Error, message).into());
                }
            }
            if let Some(json) = json {
                json.print(&routing)?;
            } else {
                table(&ctx.ui, &routing.bots)?;
                ctx.ui.status(&format!(
                    "A member without a capacity of their own holds at most {} open requests \
                     (`livechat members capacity --default N` changes it).",
                    routing.default_capacity
                ));
            }
        }
        RoutingCommand::Set(args) => {
            let json = args.output.json_out()?;
            let body = BotRoutingBody { mode: args.mode, order: args.order };
            let routing = client.set_bot_routing(args.bot, &body).await?;
            if let Some(json) = json {
                json.print(&routing)?;
            } else {
                ctx.ui.status(&format!("✓ {}.", policy(&routing)));
            }
        }
    }
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::BotRef;

    #[test]
    fn a_policy_reads_as_a_sentence() {
        let bot = BotRef { id: 3, name: "Help".into() };
        let mut routing = BotRouting { bot, mode: RoutingMode::Off, order: RoutingOrder::Oldest };
        assert_eq!(policy(&routing), "Bot #3 (Help) does not route: members take its requests themselves");
        routing.mode = RoutingMode::LeastBusy;
        assert_eq!(policy(&routing), "Bot #3 (Help) routes least-busy, oldest waiting request first");
    }
}
