//! `livechat members …`: who is in the organization, their roles and presence.

use clap::{Args, Subcommand};

use super::Context;
use super::error::Exit;
use super::output::{Field, JsonArgs};
use crate::api::{Member, PresenceBody, RoleBody};
use crate::domain::{Presence, Role};

#[derive(Debug, Args)]
pub struct MembersArgs {
    #[command(subcommand)]
    command: MembersCommand,
}

#[derive(Debug, Subcommand)]
enum MembersCommand {
    /// List the members of your organization
    List(MembersListArgs),
    /// Change a member's role (org admins only)
    Role(MembersRoleArgs),
    /// Show your presence, or set it
    Presence(MembersPresenceArgs),
}

#[derive(Debug, Args)]
pub struct MembersListArgs {
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct MembersRoleArgs {
    /// The member: an email, a member id, or `me`
    member: String,
    /// The new role
    #[arg(value_parser = super::word::<Role>())]
    role: Role,
    /// With bot-admin: a bot the member administers, by id (repeat for several)
    #[arg(long = "bot", value_name = "BOT_ID")]
    bots: Vec<i64>,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct MembersPresenceArgs {
    /// The new presence; leave out to show your presence
    #[arg(value_parser = super::word::<Presence>())]
    state: Option<Presence>,
    #[command(flatten)]
    output: JsonArgs,
}

fn bots(member: &Member) -> String {
    member.bot_ids.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")
}

/// "of bot #1", "of bots #1 and #2", for a sentence about a bot admin.
fn of_bots(ids: &[i64]) -> String {
    let ids: Vec<String> = ids.iter().map(|b| format!("#{b}")).collect();
    match ids.as_slice() {
        [] => String::new(),
        [one] => format!(" of bot {one}"),
        [rest @ .., last] => format!(" of bots {} and {last}", rest.join(", ")),
    }
}

pub async fn run(ctx: &Context, args: MembersArgs) -> anyhow::Result<Exit> {
    let client = ctx.client()?;
    match args.command {
        MembersCommand::List(args) => {
            let json = args.output.json_out()?;
            let members = client.members().await?;
            if let Some(json) = json {
                json.print(&members)?;
                return Ok(Exit::Success);
            }
            print(&ctx.ui, &members)?;
        }
        MembersCommand::Role(args) => {
            let json = args.output.json_out()?;
            let body = RoleBody { role: args.role, bot_ids: (!args.bots.is_empty()).then_some(args.bots) };
            let member = client.set_role(&args.member, &body).await?;
            if let Some(json) = json {
                json.print(&member)?;
            } else {
                let scope = of_bots(&member.bot_ids);
                ctx.ui.status(&format!("✓ {} <{}> is now {}{scope}", member.name, member.email, member.role));
            }
        }
        MembersCommand::Presence(args) => {
            let json = args.output.json_out()?;
            let member = match args.state {
                Some(presence) => client.set_presence(&PresenceBody { presence }).await?,
                None => client.me().await?.member,
            };
            if let Some(json) = json {
                json.print(&member)?;
            } else if args.state.is_some() {
                ctx.ui.status(&format!("✓ You are now {}", member.presence));
            } else {
                ctx.ui.line(member.presence.as_str())?;
            }
        }
    }
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::of_bots;

    #[test]
    fn bot_scopes_read_as_english() {
        assert_eq!(of_bots(&[]), "");
        assert_eq!(of_bots(&[1]), " of bot #1");
        assert_eq!(of_bots(&[1, 2, 3]), " of bots #1, #2 and #3");
    }
}

/// The members for people.
pub(crate) fn print(ui: &super::output::Ui, members: &[crate::api::Member]) -> std::io::Result<()> {
    let rows = members
        .iter()
        .map(|m| {
            vec![
                Field::plain(m.id.to_string()),
                Field::plain(&m.name),
                Field::plain(&m.email),
                Field::plain(m.role.as_str()),
                Field::plain(bots(m)),
                Field::plain(m.presence.as_str()),
            ]
        })
        .collect();
    ui.table(&["id", "name", "email", "role", "bots", "presence"], rows)
}
