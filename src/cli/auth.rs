//! `livechat auth …`: store, check, remove or print a profile's credentials.

use std::io::{IsTerminal, Read};

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use super::config::{self, ConfigFile, Profile};
use super::error::{CliError, Exit};
use super::output::JsonArgs;
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
}

#[derive(Debug, Args)]
pub struct AuthLoginArgs {
    /// Read the token from stdin (it is never taken as an argument, which would leak into shell history)
    #[arg(long, required = true)]
    with_token: bool,
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
            let mut file = ConfigFile::load(&path)?;
            file.profiles.insert(resolved.profile.clone(), Profile { url: resolved.url.clone(), token: Some(token) });
            file.default_profile.get_or_insert_with(|| resolved.profile.clone());
            file.save(&path)?;
            ctx.ui.status(&format!(
                "✓ Logged in to {} as {} <{}> ({}) in profile `{}`",
                resolved.url, me.member.name, me.member.email, me.member.role, resolved.profile
            ));
        }
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
