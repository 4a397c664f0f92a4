//! `livechat members …`: who is in the organization, their roles and presence.

use clap::{Args, Subcommand};

use super::Context;
use super::error::Exit;
use super::output::{Field, JsonArgs};
use crate::api::{
    BatchAction, CapacityBody, ErrorCode, Invitation, InvitationBody, Member, PresenceBody, RoleBody, RoutingBody,
};
use crate::domain::routing::MOST_CAPACITY;
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
    /// Show one member
    Show(MembersShowArgs),
    /// Invite someone: makes a single-use code they join with (org admins only)
    Add(MembersAddArgs),
    /// Remove a member: their tokens are revoked, their history stays (org admins only)
    Remove(MembersRemoveArgs),
    /// List invitations, or revoke one (org admins only)
    Invitations(InvitationsArgs),
    /// Change a member's role (org admins only)
    Role(MembersRoleArgs),
    /// Show your presence, or set it
    Presence(MembersPresenceArgs),
    /// Set how many open requests routing gives a member at most, or the default (org admins only)
    #[command(group(clap::ArgGroup::new("whose").required(true).args(["member", "default"])))]
    Capacity(MembersCapacityArgs),
}

#[derive(Debug, Args)]
pub struct MembersListArgs {
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct MembersShowArgs {
    /// The member: an email, a member id, or `me`
    #[arg(value_parser = super::member_text)]
    member: String,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct MembersAddArgs {
    /// The new member's email
    email: String,
    /// Their role
    #[arg(long, value_parser = super::word::<Role>())]
    role: Role,
    /// Their name [default: from the email]
    #[arg(long)]
    name: Option<String>,
    /// With bot-admin: a bot they administer, by id (repeat for several)
    #[arg(long = "bot", value_name = "BOT_ID")]
    bots: Vec<i64>,
    /// How long the code stays valid
    #[arg(long, default_value = "7d", value_parser = super::duration_text, value_name = "DURATION")]
    expires: String,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct MembersRemoveArgs {
    /// The member: an email or a member id
    #[arg(value_parser = super::member_text)]
    member: String,
    /// Where their open requests go first: a member, or `none` to put them back in the queue
    #[arg(long, value_parser = super::member_text, value_name = "MEMBER|none")]
    reassign_to: Option<String>,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct InvitationsArgs {
    #[command(subcommand)]
    command: Option<InvitationsCommand>,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Subcommand)]
enum InvitationsCommand {
    /// Revoke a pending invitation, so its code no longer works
    Revoke {
        /// The invitation's id
        id: i64,
        #[command(flatten)]
        output: JsonArgs,
    },
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

#[derive(Debug, Args)]
pub struct MembersCapacityArgs {
    /// The member: an email or a member id
    #[arg(value_parser = super::member_text, requires = "capacity")]
    member: Option<String>,
    /// The most open requests routing gives them, 0 to 1000, or `default` for the
    /// organization's default
    #[arg(value_parser = capacity_text, value_name = "N|default")]
    capacity: Option<Capacity>,
    /// Set the organization's default capacity instead: what members without one of their own hold
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=i64::from(MOST_CAPACITY)), conflicts_with_all = ["member", "capacity"])]
    default: Option<u32>,
    #[command(flatten)]
    output: JsonArgs,
}

/// A member's capacity as given: a number, or the organization's default.
#[derive(Debug, Clone, Copy)]
struct Capacity(Option<u32>);

fn capacity_text(text: &str) -> Result<Capacity, String> {
    if text.eq_ignore_ascii_case("default") {
        return Ok(Capacity(None));
    }
    match text.parse::<u32>() {
        Ok(n) if n <= MOST_CAPACITY => Ok(Capacity(Some(n))),
        _ => Err(format!("give a number of open requests from 0 to {MOST_CAPACITY}, or `default`")),
    }
}

/// "3 of 6", or just "6" where the load is unknown.
fn load(member: &Member) -> String {
    match (member.load, member.capacity) {
        (Some(load), Some(capacity)) => format!("{load} of {capacity}"),
        (None, Some(capacity)) => capacity.to_string(),
        _ => String::new(),
    }
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
        MembersCommand::Show(args) => {
            let json = args.output.json_out()?;
            let member = client.member(&args.member).await?;
            if let Some(json) = json {
                json.print(&member)?;
            } else {
                show(&ctx.ui, &member)?;
            }
        }
        MembersCommand::Add(args) => {
            let json = args.output.json_out()?;
            let body = InvitationBody {
                email: args.email,
                role: args.role,
                name: args.name,
                bot_ids: (!args.bots.is_empty()).then_some(args.bots),
                expires_in: Some(args.expires),
            };
            let created = client.invite(&body).await?;
            if let Some(json) = json {
                json.print(&created)?;
            } else {
                let invitation = &created.invitation;
                ctx.ui.status(&format!(
                    "✓ Invited {} as {}{}. The code works once, until {}; give it to them privately:",
                    invitation.email,
                    invitation.role,
                    of_bots(&invitation.bot_ids),
                    ctx.ui.time(invitation.expires_at)
                ));
                ctx.ui.line(&created.code)?;
                ctx.ui.status(&format!(
                    "They join with: livechat auth login --invite <code> --url {}",
                    ctx.resolve()?.url
                ));
            }
        }
        MembersCommand::Remove(args) => {
            let json = args.output.json_out()?;
            let removed = client.remove_member(&args.member, args.reassign_to.as_deref()).await;
            let removed = removed.map_err(|err| {
                let hint = (err.code() == Some(ErrorCode::HoldsOpenRequests) && args.reassign_to.is_none())
                    .then_some("pass --reassign-to MEMBER, or --reassign-to none to put them back in the queue");
                let err = super::error::CliError::from(err);
                match hint {
                    Some(hint) => err.with_hint(hint),
                    None => err,
                }
            })?;
            let action =
                if args.reassign_to.as_deref() == Some("none") { BatchAction::Unassign } else { BatchAction::Assign };
            if let Some(json) = json {
                json.print(&removed)?;
            } else {
                if !removed.reassigned.is_empty() {
                    super::requests::summary(&ctx.ui, action, &removed.reassigned);
                }
                ctx.ui.status(&format!(
                    "✓ Removed {} <{}>; their tokens are revoked and their history stays",
                    removed.member.name, removed.member.email
                ));
            }
        }
        MembersCommand::Invitations(args) => match args.command {
            None => {
                let json = args.output.json_out()?;
                let invitations = client.invitations().await?;
                if let Some(json) = json {
                    json.print(&invitations)?;
                } else {
                    invitations_table(&ctx.ui, &invitations)?;
                }
            }
            Some(InvitationsCommand::Revoke { id, output }) => {
                let json = output.json_out()?;
                let invitation = client.revoke_invitation(id).await?;
                if let Some(json) = json {
                    json.print(&invitation)?;
                } else {
                    ctx.ui.status(&format!(
                        "✓ Revoked invitation {id} for {}; its code no longer works",
                        invitation.email
                    ));
                }
            }
        },
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
        MembersCommand::Capacity(args) => {
            let json = args.output.json_out()?;
            if let Some(default) = args.default {
                let routing = client.set_routing(&RoutingBody { default_capacity: i64::from(default) }).await?;
                if let Some(json) = json {
                    json.print(&routing)?;
                } else {
                    ctx.ui.status(&format!(
                        "✓ Members without a capacity of their own now hold at most {} open requests",
                        routing.default_capacity
                    ));
                }
            } else if let (Some(member), Some(Capacity(capacity))) = (args.member, args.capacity) {
                let member = client.set_capacity(&member, &CapacityBody { capacity: capacity.map(i64::from) }).await?;
                if let Some(json) = json {
                    json.print(&member)?;
                } else {
                    let whose = if capacity.is_none() { " (the organization's default)" } else { "" };
                    ctx.ui.status(&format!(
                        "✓ Routing gives {} <{}> at most {} open requests{whose}; they hold {}",
                        member.name,
                        member.email,
                        member.capacity.unwrap_or_default(),
                        member.load.unwrap_or_default()
                    ));
                }
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

/// One member for people.
fn show(ui: &super::output::Ui, m: &Member) -> std::io::Result<()> {
    ui.line(&format!("id:        {}", m.id))?;
    ui.line(&format!("name:      {}", m.name))?;
    ui.line(&format!("email:     {}", m.email))?;
    ui.line(&format!("role:      {}{}", m.role, of_bots(&m.bot_ids)))?;
    ui.line(&format!("presence:  {}", m.presence))?;
    if m.capacity.is_some() {
        ui.line(&format!("load:      {}", load(m)))?;
    }
    if let Some(at) = m.removed_at {
        ui.line(&format!("removed:   {}", ui.time(at)))?;
    }
    Ok(())
}

fn invitations_table(ui: &super::output::Ui, invitations: &[Invitation]) -> std::io::Result<()> {
    let rows = invitations
        .iter()
        .map(|i| {
            vec![
                Field::plain(i.id.to_string()),
                Field::plain(&i.email),
                Field::plain(i.role.as_str()),
                Field::plain(i.status.as_str()),
                Field::plain(ui.time(i.expires_at)),
                Field::plain(i.member_id.map(|m| m.to_string()).unwrap_or_default()),
            ]
        })
        .collect();
    ui.table(&["id", "email", "role", "status", "expires", "member"], rows)
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
                Field::plain(load(m)),
            ]
        })
        .collect();
    ui.table(&["id", "name", "email", "role", "bots", "presence", "load"], rows)
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
