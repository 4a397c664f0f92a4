//! Help topics, shell completions, man pages and the help reference: everything here is
//! generated from the clap definitions, so the docs cannot drift from the code. A test
//! compares the committed `completions/`, `man/` and `docs/cli-help.txt` with what this
//! module renders now.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Command as ClapCommand};
use clap_complete::Shell;

use super::error::{CliError, Exit};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish
    shell: Shell,
}

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// A topic (environment, exit-codes, formatting) or a command, like `requests list`
    #[arg(value_name = "TOPIC|COMMAND")]
    words: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GenerateDocsArgs {
    /// The project folder to write `completions/`, `man/` and `docs/cli-help.txt` into
    #[arg(long, default_value = ".")]
    out: PathBuf,
}

const TOPICS: &[(&str, &str, &str)] = &[
    ("environment", "Environment variables", ENVIRONMENT),
    ("exit-codes", "Exit codes", EXIT_CODES),
    ("formatting", "Output formats: tables, TSV, --json and --jq", FORMATTING),
];

const ENVIRONMENT: &str = "\
A flag beats the environment, which beats the profile in the config file.

  LIVECHAT_URL         the server (--url); default: the profile's, else http://127.0.0.1:7420
  LIVECHAT_TOKEN       the API token (--token); default: the profile's
  LIVECHAT_PROFILE     the profile to use (--profile); default: the config's default_profile
  LIVECHAT_CONFIG_DIR  the folder holding config.toml; default: livechat/ in the platform
                       config folder (~/.config/livechat on Linux)
  LIVECHAT_RETRY_FOR   how long transient failures are retried (--retry-for); default 20s
  LIVECHAT_DB          the server's database (server run/init --db): sqlite://PATH, a path,
                       or postgres://USER[:PASSWORD]@HOST[:PORT]/DB (PostgreSQL 12 or newer)
  LIVECHAT_DB_POOL     connections one server keeps to PostgreSQL (--db-pool); default 16
  LIVECHAT_LISTEN      the address `server run` listens on (--listen)
  LIVECHAT_METRICS_LISTEN  a private address for /metrics (--metrics-listen)
  LIVECHAT_METRICS_TOKEN   a bearer token that opens /metrics on the API's address
  LIVECHAT_LOG         the server's log filter, like `info` or `livechat=debug`
  NO_COLOR             set (non-empty) to turn colour off
  CLICOLOR_FORCE       set (non-empty, not 0) to force colour even when piped
";

const EXIT_CODES: &str = "\
Every command exits with one of these; scripts can rely on them.

  0  success
  1  an error: the server is unreachable, the server failed, or a request does not exist
     (for every verb: `show 99` and `assign 99` both exit 1 when #99 is not there)
  2  invalid usage or input: a bad flag, id, duration or stdin line, a bad --jq expression,
     or input the server refused
  3  `requests backlog`: a threshold was exceeded (one line per threshold on stderr)
  4  not authenticated or not permitted; for bulk commands, every failure was a refusal
  5  a bulk command finished with some requests in conflict or failed, of more than one
     kind or of a kind with no code above (each is listed)
130  interrupted with Ctrl-C: at a confirmation question, nothing was changed; during a bulk change,
     the summary says what was confirmed, what is unconfirmed and what was not started
";

const FORMATTING: &str = "\
On a terminal, lists are aligned tables with colour and relative times: an AGE column
reads \"3m\", a moment \"3m ago\". Colour only repeats what the text says. When stdout is
not a terminal, lists are tab-separated rows with no header and no colour: ids without `#`,
members as emails, times in RFC 3339, durations in seconds.
Status lines, errors and summaries go to stderr, so stdout holds only data.

--json prints the API's objects (an array for lists; one object per line for `requests
watch` and `requests chat --follow`). --jq EXPR filters that JSON with a built-in jq:
strings print without quotes, other values as compact JSON.

Fields:
  requests list/assign/…  id, state, title, bot {id, name}, channel, visitor {id, user_id,
                          name, email}, assignee (member or null), created_at, assigned_at,
                          resolved_at, closed_at, updated_at, time_to_assign_seconds,
                          time_to_resolve_seconds, version
  requests show           the above plus notes, messages, earlier_conversations, timeline
  bulk commands           one result per request: id, outcome (ok, unchanged, conflict,
                          forbidden, not_found, invalid), request, error
  requests backlog        new, assigned, chatting, unassigned, oldest_new_created_at,
                          oldest_new_age_seconds, agents [{member, assigned, chatting}], checks
  requests export         JSON Lines: a request with notes, messages and timeline per line
  members list            id, email, name, role, bot_ids, presence
  stats                   see `livechat stats --json`
";

pub fn completions(args: CompletionsArgs) -> anyhow::Result<Exit> {
    let mut cmd = super::command();
    // Written whole here, not by the generator, which panics when the reader goes away
    // (`livechat completions zsh | head`); a closed pipe is then an ordinary error.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "livechat", &mut script);
    std::io::Write::write_all(&mut std::io::stdout().lock(), &script)?;
    Ok(Exit::Success)
}

pub fn help(args: HelpArgs) -> anyhow::Result<Exit> {
    let mut out = std::io::stdout().lock();
    if let [word] = args.words.as_slice() {
        if let Some((_, title, text)) = TOPICS.iter().find(|(name, _, _)| name == word) {
            writeln!(out, "{title}\n\n{text}")?;
            return Ok(Exit::Success);
        }
    }
    let mut cmd = reference_command();
    let mut target = &mut cmd;
    for word in &args.words {
        target = target.find_subcommand_mut(word).ok_or_else(|| {
            let topics = TOPICS.iter().map(|(name, _, _)| *name).collect::<Vec<_>>().join(", ");
            CliError::usage(format!("there is no help topic or command `{}`", args.words.join(" ")))
                .with_hint(format!("topics: {topics}; commands: see `livechat --help`"))
        })?;
    }
    write!(out, "{}", target.render_long_help())?;
    if args.words.is_empty() {
        writeln!(out, "\nHelp topics:")?;
        for (name, title, _) in TOPICS {
            writeln!(out, "  livechat help {name:<12} {title}")?;
        }
    }
    Ok(Exit::Success)
}

/// The command tree with a fixed width, so rendered text is the same on every terminal.
fn reference_command() -> ClapCommand {
    super::command().term_width(100)
}

/// Every command, with its full name (`livechat requests list`), parents first.
fn walk(cmd: &ClapCommand, prefix: &str, out: &mut Vec<(String, ClapCommand)>) {
    let name = if prefix.is_empty() { cmd.get_name().to_string() } else { format!("{prefix} {}", cmd.get_name()) };
    out.push((name.clone(), cmd.clone()));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        walk(sub, &name, out);
    }
}

/// Every generated file, relative to the project folder, with its content.
pub fn render_all() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let shells = [
        (Shell::Bash, "livechat.bash"),
        (Shell::Zsh, "_livechat"),
        (Shell::Fish, "livechat.fish"),
        (Shell::PowerShell, "_livechat.ps1"),
        (Shell::Elvish, "livechat.elv"),
    ];
    for (shell, name) in shells {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut super::command(), "livechat", &mut buf);
        files.push((Path::new("completions").join(name), buf));
    }
    let mut commands = Vec::new();
    walk(&reference_command(), "", &mut commands);
    let mut reference = String::new();
    for (name, cmd) in &commands {
        let page = name.replace(' ', "-");
        let mut buf = Vec::new();
        // The long help's end (examples, the chat's commands) becomes sections of its own.
        let man = clap_mangen::Man::new(cmd.clone().name(page.clone()).after_long_help(None::<&str>))
            .title(page.to_uppercase());
        man.render(&mut buf).expect("rendering into memory cannot fail");
        man_sections(&mut buf, name);
        files.push((Path::new("man").join(format!("{page}.1")), buf));
        reference.push_str(&format!("──── {name} --help\n\n{}\n", cmd.clone().render_long_help()));
    }
    files.push((PathBuf::from("docs/cli-help.txt"), reference.into_bytes()));
    files
}

/// What every man page ends with, beyond what clap_mangen renders: the command's examples,
/// the exit codes and the environment, from the same text as `livechat help`.
fn man_sections(page: &mut Vec<u8>, name: &str) {
    let path = name.strip_prefix("livechat").unwrap_or(name).trim();
    let mut roff = String::new();
    if path == "requests chat" {
        roff.push_str(&format!(".SH \"CHAT COMMANDS\"\n.nf\n{}\n.fi\n", escape(super::requests::chat::HELP)));
    }
    if let Some((_, examples)) = super::examples::EXAMPLES.iter().find(|(p, _)| *p == path) {
        roff.push_str(".SH EXAMPLES\n");
        for (what, line) in *examples {
            roff.push_str(&format!(".PP\n{}\n.PP\n.RS 4\n.nf\n{}\n.fi\n.RE\n", escape(what), escape(line)));
        }
    }
    for (title, text) in [("EXIT STATUS", EXIT_CODES), ("ENVIRONMENT", ENVIRONMENT)] {
        roff.push_str(&format!(".SH \"{title}\"\n.nf\n{}\n.fi\n", escape(text.trim_end())));
    }
    page.extend_from_slice(roff.as_bytes());
}

/// Text as roff reads it literally: backslashes, hyphens and quotes as themselves (so an
/// example copied from the page still runs), and no line starting a request.
fn escape(text: &str) -> String {
    text.replace('\\', "\\e")
        .replace('-', "\\-")
        .replace('\'', "\\(aq")
        .lines()
        .map(|line| if line.starts_with('.') { format!("\\&{line}") } else { line.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn generate(args: GenerateDocsArgs) -> anyhow::Result<Exit> {
    for dir in ["completions", "man"] {
        // Pages of commands that no longer exist must go too.
        let _ = std::fs::remove_dir_all(args.out.join(dir));
    }
    for (path, content) in render_all() {
        let path = args.out.join(path);
        std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
        std::fs::write(&path, content)?;
    }
    eprintln!("✓ Wrote completions/, man/ and docs/cli-help.txt under {}", args.out.display());
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed docs must be what the code renders now; regenerate with
    /// `cargo run -- generate-docs` and review the diff like code.
    #[test]
    fn committed_completions_man_pages_and_help_reference_are_current() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut stale = Vec::new();
        let rendered = render_all();
        for (path, content) in &rendered {
            if std::fs::read(root.join(path)).ok().as_deref() != Some(content.as_slice()) {
                stale.push(path.display().to_string());
            }
        }
        for dir in ["completions", "man"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = Path::new(dir).join(entry.unwrap().file_name());
                if !rendered.iter().any(|(p, _)| *p == path) {
                    stale.push(format!("{} (no longer generated)", path.display()));
                }
            }
        }
        assert!(stale.is_empty(), "stale generated docs: {stale:?}; run `cargo run -- generate-docs` and commit");
    }

    #[test]
    fn every_command_has_a_man_page_and_every_topic_has_text() {
        let files = render_all();
        for page in [
            "man/livechat.1",
            "man/livechat-requests-list.1",
            "man/livechat-requests-export.1",
            "man/livechat-server-start-dev.1",
        ] {
            assert!(files.iter().any(|(p, _)| p == Path::new(page)), "{page} missing");
        }
        assert!(
            !files.iter().any(|(p, _)| p.to_string_lossy().contains("generate-docs")),
            "hidden commands get no page"
        );
        assert!(TOPICS.iter().all(|(_, _, text)| text.len() > 100));
        assert!(ENVIRONMENT.contains("LIVECHAT_CONFIG_DIR") && EXIT_CODES.contains("5  a bulk command"));
    }
}
