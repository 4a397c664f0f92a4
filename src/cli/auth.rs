//! `livechat auth …`: store, check, remove or print a profile's credentials.

use std::io::{IsTerminal, Read};

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use super::config::{self, ConfigFile, Profile};
use super::error::{CliError, Exit};
use super::output::{Field, JsonArgs};
use crate::api::{AcceptBody, NewTokenBody};
use crate::client::Client;

#[derive(Debug, Args)]
pub struct AuthArgs {
    #[command(subcommand)]
    command: AuthCommand,
}

#[derive(Debug, Subcommand)]
enum AuthCommand {
    /// Save a token in a profile after checking it with the server
    Login(AuthLoginArgs),
    /// Show who the active profile is logged in as
    Status(AuthStatusArgs),
    /// Remove a profile's token
    Logout,
    /// Print the active token, for use in scripts
    Token,
    /// List, create or revoke API tokens
    Tokens(TokensArgs),
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct AuthLoginArgs {
    /// Read the token from stdin (it is never taken as an argument, which would leak into shell history)
    #[arg(long)]
    with_token: bool,
    /// Join with an invitation's single-use code, getting a token of your own
    #[arg(long, value_name = "CODE")]
    invite: Option<String>,
}

#[derive(Debug, Args)]
pub struct TokensArgs {
    #[command(subcommand)]
    command: TokensCommand,
}

#[derive(Debug, Subcommand)]
enum TokensCommand {
    /// List your tokens (org admins: anyone's)
    List {
        /// Whose tokens (org admins only): an email or a member id
        #[arg(long, value_parser = super::member_text, conflicts_with = "all")]
        member: Option<String>,
        /// Every member's tokens (org admins only)
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        output: JsonArgs,
    },
    /// Create a token for yourself; it is shown once
    Create {
        /// What the token is for, like `ci backlog check`
        #[arg(long)]
        name: Option<String>,
        /// How long it lasts, like `90d` [default: until revoked]
        #[arg(long, value_parser = super::duration_text, value_name = "DURATION")]
        expires: Option<String>,
        #[command(flatten)]
        output: JsonArgs,
    },
    /// Revoke a token: it stops working at once (org admins: anyone's)
    Revoke {
        /// The token's id, from `auth tokens list`
        id: i64,
        #[command(flatten)]
        output: JsonArgs,
    },
}

#[derive(Debug, Args)]
pub struct AuthStatusArgs {
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Serialize)]
struct Status<'a> {
    profile: &'a str,
    url: &'a str,
    member: crate::api::Me,
}

pub async fn run(ctx: &Context, args: AuthArgs) -> anyhow::Result<Exit> {
    let path = config::config_path()?;
    match args.command {
        AuthCommand::Login(AuthLoginArgs { invite: Some(code), .. }) => {
            let resolved = ctx.resolve_new()?;
            let client = Client::new(&resolved.url, None, ctx.global.timeout)?;
            let body = AcceptBody { code: code.trim().to_string(), token_name: Some(login_token_name()) };
            let joined = client.accept_invitation(&body).await?;
            save_profile(&path, &resolved, joined.token)?;
            let me = joined.me;
            ctx.ui.status(&format!(
                "✓ Joined {} as {} <{}> ({}); logged in to {} in profile `{}`",
                me.organization.name, me.member.name, me.member.email, me.member.role, resolved.url, resolved.profile
            ));
        }
        AuthCommand::Login(_) => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err(CliError::usage("--with-token reads the token from stdin: pipe it in, as in `livechat auth login --with-token < token.txt`").into());
            }
            let mut token = String::new();
            stdin
                .lock()
                .read_to_string(&mut token)
                .map_err(|e| CliError::usage(format!("cannot read the token: {e}")))?;
            let token = token.trim().to_string();
            if token.is_empty() {
                return Err(CliError::usage("stdin held no token; nothing was saved").into());
            }
            let resolved = ctx.resolve_new()?;
            let me = Client::new(&resolved.url, Some(token.clone()), ctx.global.timeout)?.me().await?;
            save_profile(&path, &resolved, token)?;
            ctx.ui.status(&format!(
                "✓ Logged in to {} as {} <{}> ({}) in profile `{}`",
                resolved.url, me.member.name, me.member.email, me.member.role, resolved.profile
            ));
        }
        AuthCommand::Tokens(args) => return tokens(ctx, args.command).await,
        AuthCommand::Status(args) => {
            let json = args.output.json_out()?;
            let resolved = ctx.resolve()?;
            let me = ctx.client()?.me().await?;
            if let Some(json) = json {
                json.print(&Status { profile: &resolved.profile, url: &resolved.url, member: me })?;
            } else {
                ctx.ui.line(&format!("profile:       {}", resolved.profile))?;
                ctx.ui.line(&format!("server:        {}", resolved.url))?;
                ctx.ui
                    .line(&format!("member:        {} <{}> (id {})", me.member.name, me.member.email, me.member.id))?;
                ctx.ui.line(&format!("role:          {}", me.member.role))?;
                ctx.ui.line(&format!("organization:  {}", me.organization.name))?;
            }
        }
        AuthCommand::Logout => {
            let resolved = ctx.resolve()?;
            let mut file = ConfigFile::load(&path)?;
            match file.profiles.get_mut(&resolved.profile) {
                Some(profile) if profile.token.is_some() => {
                    profile.token = None;
                    file.save(&path)?;
                    ctx.ui.status(&format!("✓ Removed the token of profile `{}`", resolved.profile));
                }
                _ => ctx.ui.status(&format!("Profile `{}` holds no token; nothing to do.", resolved.profile)),
            }
        }
        AuthCommand::Token => {
            let resolved = ctx.resolve()?;
            let token = resolved.token.ok_or_else(|| {
                CliError::new(Exit::Denied, format!("profile `{}` has no token", resolved.profile))
                    .with_hint("log in with `livechat auth login --with-token`")
            })?;
            ctx.ui.line(&token)?;
        }
    }
    Ok(Exit::Success)
}

/// A login's token is named for the machine it was made on, so a list of tokens says where
/// each one lives.
fn login_token_name() -> String {
    let host = std::env::var("HOSTNAME").ok().filter(|h| !h.trim().is_empty());
    format!("login on {}", host.as_deref().unwrap_or("this machine").trim())
}

fn save_profile(path: &std::path::Path, resolved: &super::Resolved, token: String) -> Result<(), CliError> {
    let mut file = ConfigFile::load(path)?;
    file.profiles.insert(resolved.profile.clone(), Profile { url: resolved.url.clone(), token: Some(token) });
    file.default_profile.get_or_insert_with(|| resolved.profile.clone());
    file.save(path)
}

async fn tokens(ctx: &Context, command: TokensCommand) -> anyhow::Result<Exit> {
    let client = ctx.client()?;
    match command {
        TokensCommand::List { member, all, output } => {
            let json = output.json_out()?;
            let whose = if all { Some("all") } else { member.as_deref() };
            let tokens = client.tokens(whose).await?;
            if let Some(json) = json {
                json.print(&tokens)?;
                return Ok(Exit::Success);
            }
            let now = ctx.ui.now();
            let rows = tokens
                .iter()
                .map(|t| {
                    let expires = match t.expires_at {
                        None => "never".to_string(),
                        Some(_) if t.expired(now) => "expired".to_string(),
                        Some(at) => ctx.ui.time(at),
                    };
                    vec![
                        Field::plain(format!("{}{}", t.id, if t.current { " *" } else { "" })),
                        Field::plain(&t.name),
                        Field::plain(&t.member_email),
                        Field::plain(ctx.ui.time(t.created_at)),
                        Field::plain(t.last_used_at.map(|at| ctx.ui.time(at)).unwrap_or_else(|| "never".into())),
                        Field::plain(expires),
                    ]
                })
                .collect();
            ctx.ui.table(&["id", "name", "member", "created", "last used", "expires"], rows)?;
            if tokens.iter().any(|t| t.current) {
                ctx.ui.status("* the token this command used");
            }
        }
        TokensCommand::Create { name, expires, output } => {
            let json = output.json_out()?;
            let created = client.create_token(&NewTokenBody { name, expires_in: expires }).await?;
            if let Some(json) = json {
                json.print(&created)?;
            } else {
                let until = created
                    .info
                    .expires_at
                    .map_or("until revoked".to_string(), |at| format!("until {}", ctx.ui.time(at)));
                ctx.ui.status(&format!(
                    "✓ Created token {} `{}`, valid {until}. It is shown only now; store it somewhere safe:",
                    created.info.id, created.info.name
                ));
                ctx.ui.line(&created.token)?;
            }
        }
        TokensCommand::Revoke { id, output } => {
            let json = output.json_out()?;
            let revoked = client.revoke_token(id).await?;
            if let Some(json) = json {
                json.print(&revoked)?;
            } else {
                ctx.ui
                    .status(&format!("✓ Revoked token {} `{}` of {}", revoked.id, revoked.name, revoked.member_email));
            }
        }
    }
    Ok(Exit::Success)
}
