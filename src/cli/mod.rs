//! The `livechat` command line: `livechat <noun> <verb>`. Each noun is a module and each verb
//! an `Args` struct with a small run function; this module parses, resolves the profile, and
//! dispatches.

pub mod api;
pub mod audit;
pub mod auth;
pub mod bots;
pub mod config;
pub mod dashboard;
pub mod docs;
pub mod error;
pub mod examples;
pub mod jq;
pub mod labels;
pub mod live;
pub mod members;
pub mod notes;
pub mod output;
pub mod requests;
pub mod retention;
pub mod routing;
pub mod sanitize;
pub mod server;
pub mod stats;
pub mod visitors;
pub mod webhooks;

use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::client::Client;
use config::{ConfigFile, DEFAULT_PROFILE, DEFAULT_URL, Profile};
use error::{CliError, Exit};
use output::Ui;

/// Handle live chat requests: the Live Chat API server and its admin CLI.
#[derive(Debug, Parser)]
#[command(name = "livechat", version, propagate_version = true, max_term_width = 100, disable_help_subcommand = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = GLOBAL_HEADING)]
pub struct GlobalArgs {
    /// Server URL [default: the profile's URL, else http://127.0.0.1:7420]
    #[arg(long, env = "LIVECHAT_URL", global = true, hide_env_values = true, value_name = "URL")]
    pub url: Option<String>,
    /// API token [default: the profile's token]
    #[arg(long, env = "LIVECHAT_TOKEN", global = true, hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Profile to use [default: the config's default profile]
    #[arg(long, env = "LIVECHAT_PROFILE", global = true, hide_env_values = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Time limit for each call to the server, like `30s` or `2m`
    #[arg(long, global = true, default_value = "30s", value_parser = parse_duration_arg, value_name = "DURATION")]
    pub timeout: Duration,
    /// How long to keep retrying when the server is unreachable or overloaded (`0s` never retries)
    #[arg(long, env = "LIVECHAT_RETRY_FOR", global = true, hide_env_values = true, default_value = "20s", value_parser = parse_duration_arg, value_name = "DURATION")]
    pub retry_for: Duration,
}

/// Where `--help` lists the options every command takes.
const GLOBAL_HEADING: &str = "Global options";
/// Commands that never call the API: the global options mean nothing there and are hidden.
const WITHOUT_API: [&str; 4] = ["server", "completions", "help", "generate-docs"];

/// The command line as people meet it: global options under their own heading and hidden
/// where they mean nothing, each command's examples last in its long help (and man page),
/// and the chat's own commands in the chat's.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let root = Cli::command();
    let globals: Vec<clap::Arg> = root.get_arguments().filter(|a| a.is_global_set()).cloned().collect();
    decorate(root, "", &|mut cmd, path| {
        let mut after = Vec::new();
        if path == "requests chat" {
            after.push(format!("In the chat:\n{}", requests::chat::HELP));
        }
        after.extend(examples::text(path));
        if !after.is_empty() {
            cmd = cmd.after_long_help(after.join("\n\n"));
        }
        // A command that never calls the API holds hidden copies of the global options,
        // which clap then hands down to its subcommands instead of the shown ones.
        if WITHOUT_API.contains(&path) {
            cmd = cmd.args(globals.iter().map(|arg| arg.clone().hide(true)));
        }
        cmd
    })
}

/// Applies `change` to the command and each of its subcommands, given each one's path.
fn decorate(cmd: clap::Command, path: &str, change: &dyn Fn(clap::Command, &str) -> clap::Command) -> clap::Command {
    let mut cmd = change(cmd, path);
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        cmd = cmd.mut_subcommand(&name, |sub| decorate(sub, &path, change));
    }
    cmd
}

/// Parses the process's arguments with [`command`], exiting with clap's message on a usage error.
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the Live Chat API server
    Server(server::ServerArgs),
    /// Log in, check or print credentials
    Auth(auth::AuthArgs),
    /// List, inspect, assign and resolve live chat requests
    Requests(requests::RequestsArgs),
    /// Add notes to requests
    Notes(notes::NotesArgs),
    /// Labels on requests: list them with their counts
    Labels(labels::LabelsArgs),
    /// Members: list, invite, remove, change roles, set presence
    Members(members::MembersArgs),
    /// Bots: channels, automatic texts, the request form and integration keys
    Bots(bots::BotsArgs),
    /// Routing: how each bot's waiting requests are given to members with room
    Routing(routing::RoutingArgs),
    /// Retention: how long closed requests are kept, and what the next sweep deletes
    Retention(retention::RetentionArgs),
    /// The audit log: who changed what in the organization, newest first (org admins)
    Audit(audit::AuditArgs),
    /// Visitors: erase one person's data on their request
    Visitors(visitors::VisitorsArgs),
    /// Webhooks: signed notifications of new, assigned, resolved and closed requests and messages
    Webhooks(webhooks::WebhooksArgs),
    /// Live chat analytics: counts and times to assign, to first reply and to resolve
    Stats(stats::StatsArgs),
    /// Open the analytics dashboard in a browser, signed in with a link that works once
    Dashboard(dashboard::DashboardArgs),
    /// Make an authenticated call to any API route and print the JSON answer
    Api(api::ApiArgs),
    /// Print shell completions: bash, zsh, fish, powershell or elvish
    Completions(docs::CompletionsArgs),
    /// Show help for a command, or a topic: environment, exit-codes, formatting
    Help(docs::HelpArgs),
    /// Write completions/, man/ and docs/cli-help.txt from the command definitions
    #[command(hide = true)]
    GenerateDocs(docs::GenerateDocsArgs),
}

/// A value parser for a domain vocabulary: its words become the possible values, so help
/// and completions list them.
pub fn word<T>() -> impl clap::builder::TypedValueParser<Value = T>
where
    T: crate::domain::Word + std::str::FromStr + Clone,
{
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(T::all().iter().map(|w| w.word()))
        .try_map(|text| text.parse::<T>().map_err(|_| format!("`{text}` is not one of the possible values")))
}

/// A time, a date or an age, checked here and sent as given: the server reads it the same way.
pub fn moment_text(text: &str) -> Result<String, String> {
    crate::api::parse_moment(text, jiff::Timestamp::now()).map(|_| text.to_string())
}

/// A label's name, as the server will take it.
pub fn label_text(text: &str) -> Result<String, String> {
    crate::domain::Label::parse(text).map(|l| l.to_string())
}

/// A search's text, checked as the server checks it: it must hold a word.
pub fn search_text(text: &str) -> Result<String, String> {
    use crate::store::SearchTerms;
    match SearchTerms::parse(text) {
        Some(_) if text.chars().count() <= SearchTerms::LONGEST_TEXT => Ok(text.to_string()),
        Some(_) => Err(format!("a search is at most {} characters", SearchTerms::LONGEST_TEXT)),
        None => Err(format!("`{text}` has no word to look for; give letters or digits")),
    }
}

/// clap value parser for a duration the server interprets itself: read with the API's own
/// parser, so the CLI takes exactly what the server does, and passed on largest units first
/// (`90m` → `1h30m`).
pub fn duration_text(text: &str) -> Result<String, String> {
    crate::api::parse_duration(text).map(|d| api_duration(d.as_secs()))
}

/// A duration in the API's exact form, largest units first: `7d`, `1h30m`, `0s`.
fn api_duration(seconds: i64) -> String {
    let parts = [(seconds / 86_400, 'd'), (seconds / 3_600 % 24, 'h'), (seconds / 60 % 60, 'm'), (seconds % 60, 's')];
    let text: String = parts.iter().filter(|(n, _)| *n > 0).map(|(n, unit)| format!("{n}{unit}")).collect();
    if text.is_empty() { "0s".to_string() } else { text }
}

/// clap value parser for a comma list of states, as people write one (`Open`, `new, closed`),
/// sent as the API's exact words.
pub fn states_text(text: &str) -> Result<String, String> {
    let words: Vec<String> = text.split(',').map(|w| w.trim().to_ascii_lowercase()).filter(|w| !w.is_empty()).collect();
    let list = words.join(",");
    match crate::api::grammar::states(&list) {
        Some(_) if !words.is_empty() => Ok(list),
        _ => Err(format!(
            "`{text}` is not a list of states; use new, assigned, chatting, resolved, closed, open or all, comma-separated"
        )),
    }
}

/// clap value parser for a member as people write one (`Me`, `#12`, an email), sent as the
/// API's exact form; `none` and `any` pass too, for filters.
pub fn member_text(text: &str) -> Result<String, String> {
    let key = text.trim();
    let lowered = key.to_ascii_lowercase();
    if ["me", "none", "any"].contains(&lowered.as_str()) {
        return Ok(lowered);
    }
    let key = key.trim_start_matches('#');
    match crate::api::grammar::member(key) {
        Some(_) => Ok(key.to_string()),
        None => Err(format!("`{text}` is not a member; use `me`, an email or a member id")),
    }
}

/// clap value parser for durations such as `15m`.
pub fn parse_duration_arg(text: &str) -> Result<Duration, String> {
    // A bare `0` needs no unit: `--archive-after 0` closes at once, as its help says.
    if text.trim() == "0" {
        return Ok(Duration::ZERO);
    }
    crate::api::parse_duration(text).map(|d| d.unsigned_abs())
}

/// What every command needs: the terminal, and the global flags resolved against the config.
pub struct Context {
    pub ui: Ui,
    pub global: GlobalArgs,
}

/// The server and credentials a command will use, after flags, environment and profile.
pub struct Resolved {
    pub profile: String,
    pub url: String,
    pub token: Option<String>,
}

impl Context {
    /// Flags beat the environment (clap merges those two), which beats the profile.
    pub fn resolve(&self) -> Result<Resolved, CliError> {
        self.resolve_profile(false)
    }

    /// As `resolve`, where a named profile that does not exist yet is one to create.
    pub fn resolve_new(&self) -> Result<Resolved, CliError> {
        self.resolve_profile(true)
    }

    fn resolve_profile(&self, may_create: bool) -> Result<Resolved, CliError> {
        let path = config::config_path()?;
        let file = match ConfigFile::load(&path) {
            Ok(file) => file,
            // With both the server and the token given, the profile is not needed.
            Err(err) if self.global.url.is_some() && self.global.token.is_some() => {
                eprintln!("warning: {}; using --url and --token", sanitize::for_terminal(&err.message));
                ConfigFile::default()
            }
            Err(err) => return Err(err),
        };
        let (name, explicit) = match &self.global.profile {
            Some(name) => (name.clone(), true),
            None => (file.default_profile.clone().unwrap_or_else(|| DEFAULT_PROFILE.to_string()), false),
        };
        let profile: Option<&Profile> = file.profiles.get(&name);
        if explicit && profile.is_none() && self.global.token.is_none() && !may_create {
            let known = file.profiles.keys().map(String::as_str).collect::<Vec<_>>().join(", ");
            return Err(CliError::usage(format!("there is no profile `{name}` in {}", path.display())).with_hint(
                if known.is_empty() {
                    "create one with `livechat auth login --with-token`".to_string()
                } else {
                    format!("known profiles: {known}")
                },
            ));
        }
        let url =
            self.global.url.clone().or_else(|| profile.map(|p| p.url.clone())).unwrap_or_else(|| DEFAULT_URL.into());
        check_server_url(&url)?;
        let token = self.global.token.clone().or_else(|| profile.and_then(|p| p.token.clone()));
        Ok(Resolved { profile: name, url, token })
    }

    /// A client for a command that makes one call and reports: an unreachable server fails it
    /// within `ONE_SHOT_RETRY`, quietly, rather than after the whole retry budget.
    pub fn client(&self) -> Result<Client, CliError> {
        Ok(self.authenticated()?.with_retries(self.global.retry_for.min(ONE_SHOT_RETRY), quiet_retry))
    }

    /// A client for work that must finish (bulk changes, exports, live chat): transient
    /// failures are retried for the whole `--retry-for`, each retry said on stderr.
    pub fn patient_client(&self) -> Result<Client, CliError> {
        Ok(self.authenticated()?.with_retries(self.global.retry_for, say_retry))
    }

    /// A client for the resolved server; fails early, with a hint, when there is no token.
    fn authenticated(&self) -> Result<Client, CliError> {
        let resolved = self.resolve()?;
        let Some(token) = resolved.token else {
            return Err(CliError::new(
                Exit::Denied,
                format!("not logged in: profile `{}` has no token", resolved.profile),
            )
            .with_hint("start a demo with `livechat server start-dev`, or run `livechat auth login --with-token`"));
        };
        Ok(Client::new(&resolved.url, Some(token), self.global.timeout)?)
    }
}

/// How long a one-shot command waits for a server that refuses connections or is overloaded.
const ONE_SHOT_RETRY: Duration = Duration::from_secs(2);

fn say_retry(err: &crate::client::ClientError, wait: Duration) {
    // A long bulk change may wait on the rate limit many times: one line says so.
    static SAID_RATE_LIMIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if err.code() == Some(crate::api::ErrorCode::RateLimited) {
        if SAID_RATE_LIMIT.swap(true, std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        eprintln!(
            "livechat: this token's calls are limited by the server; pacing to its rate limit \
             (waiting {:.1}s now; later waits are not announced)",
            wait.as_secs_f64()
        );
        return;
    }
    eprintln!(
        "livechat: {}; waiting, and retrying in {:.1}s",
        sanitize::for_terminal(&sanitize::without_passwords(&err.to_string())),
        wait.as_secs_f64()
    );
}

fn quiet_retry(_: &crate::client::ClientError, _: Duration) {}

/// A server URL must be http(s): anything else is a mistake to report now, not a network
/// failure to retry.
pub fn check_server_url(url: &str) -> Result<(), CliError> {
    match reqwest::Url::parse(url) {
        // The CLI adds `/v1/…` itself; a server behind a proxy may still live under a path.
        Ok(parsed) if parsed.path().trim_end_matches('/').ends_with("/v1") => {
            let base = url.trim_end_matches('/').trim_end_matches("/v1");
            Err(CliError::usage(format!("`{url}` ends in /v1, which the CLI adds to every call itself"))
                .with_hint(format!("give the server's address alone: --url {base}")))
        }
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => Ok(()),
        _ => Err(CliError::usage(format!("`{url}` is not a server URL")).with_hint(
            "give the server's http:// or https:// address, e.g. --url http://127.0.0.1:7420 (or LIVECHAT_URL)",
        )),
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<Exit> {
    let ctx = Context { ui: Ui::detect(), global: cli.global };
    match cli.command {
        Command::Server(args) => server::run(&ctx, args).await,
        Command::Auth(args) => auth::run(&ctx, args).await,
        Command::Requests(args) => requests::run(&ctx, args).await,
        Command::Notes(args) => notes::run(&ctx, args).await,
        Command::Members(args) => members::run(&ctx, args).await,
        Command::Bots(args) => bots::run(&ctx, args).await,
        Command::Webhooks(args) => webhooks::run(&ctx, args).await,
        Command::Visitors(args) => visitors::run(&ctx, args).await,
        Command::Api(args) => api::run(&ctx, args).await,
        Command::Stats(args) => stats::run(&ctx, args).await,
        Command::Labels(args) => labels::run(&ctx, args).await,
        Command::Routing(args) => routing::run(&ctx, args).await,
        Command::Audit(args) => audit::run(&ctx, args).await,
        Command::Retention(args) => retention::run(&ctx, args).await,
        Command::Dashboard(args) => dashboard::run(&ctx, args).await,
        Command::Completions(args) => docs::completions(args),
        Command::Help(args) => docs::help(args),
        Command::GenerateDocs(args) => docs::generate(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Regression: `--archive-after 0` was refused as "not a duration", against its help.
    #[test]
    fn a_bare_zero_is_a_duration() {
        assert_eq!(parse_duration_arg("0"), Ok(Duration::ZERO));
        assert_eq!(parse_duration_arg("90s"), Ok(Duration::from_secs(90)));
        assert!(parse_duration_arg("0x").is_err());
        let cli = Cli::try_parse_from(["livechat", "server", "run", "--db", "x.sqlite", "--archive-after", "0"]);
        assert!(cli.is_ok(), "{:?}", cli.err());
    }

    #[test]
    fn durations_reach_the_server_in_its_exact_form() {
        assert_eq!(duration_text("90m").unwrap(), "1h30m");
        assert_eq!(duration_text("7d").unwrap(), "7d");
        assert_eq!(duration_text("0s").unwrap(), "0s");
        assert!(duration_text("2 hours").unwrap_err().contains("write it like `90s`"));
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_parse_anywhere() {
        let cli =
            Cli::try_parse_from(["livechat", "requests", "list", "--profile", "dev-agent", "--timeout", "5s"]).unwrap();
        assert_eq!(cli.global.profile.as_deref(), Some("dev-agent"));
        assert_eq!(cli.global.timeout, Duration::from_secs(5));
        let err = Cli::try_parse_from(["livechat", "--timeout", "soon", "requests", "list"]).unwrap_err();
        assert!(err.to_string().contains("`soon` is not a duration"), "{err}");
    }
}
