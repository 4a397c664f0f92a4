//! `livechat notes add`: a member's comment on a request.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use super::error::{CliError, Exit};
use super::output::JsonArgs;
use super::requests::parse_request_id;

#[derive(Debug, Args)]
pub struct NotesArgs {
    #[command(subcommand)]
    command: NotesCommand,
}

#[derive(Debug, Subcommand)]
enum NotesCommand {
    /// Add a note to a request; the text comes from --body, --body-file, or stdin
    Add(NotesAddArgs),
}

#[derive(Debug, Args)]
pub struct NotesAddArgs {
    /// The request id, like 42 or #42
    #[arg(value_parser = parse_request_id)]
    id: i64,
    /// The note's text
    #[arg(long, short = 'b', value_name = "TEXT", conflicts_with = "body_file")]
    body: Option<String>,
    /// Read the note from this file (`-` for stdin)
    #[arg(long, short = 'F', value_name = "FILE")]
    body_file: Option<PathBuf>,
    #[command(flatten)]
    output: JsonArgs,
}

fn read_stdin() -> Result<String, CliError> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| CliError::usage(format!("cannot read the note from stdin: {e}")))?;
    Ok(text)
}

fn note_text(args: &NotesAddArgs) -> Result<String, CliError> {
    let text = match (&args.body, &args.body_file) {
        (Some(body), _) => body.clone(),
        (None, Some(path)) if path.as_os_str() == "-" => read_stdin()?,
        (None, Some(path)) => std::fs::read_to_string(path)
            .map_err(|e| CliError::usage(format!("cannot read the note from {}: {e}", path.display())))?,
        (None, None) if std::io::stdin().is_terminal() => {
            return Err(CliError::usage(
                "the note has no text: pass --body TEXT or --body-file FILE, or pipe it on stdin",
            ));
        }
        (None, None) => read_stdin()?,
    };
    if text.trim().is_empty() {
        return Err(CliError::usage("the note is empty; nothing was added"));
    }
    Ok(text)
}

pub async fn run(ctx: &Context, args: NotesArgs) -> anyhow::Result<Exit> {
    let NotesCommand::Add(args) = args.command;
    let json = args.output.json_out()?;
    let text = note_text(&args)?;
    let note = ctx.client()?.add_note(args.id, &text).await?;
    if let Some(json) = json {
        json.print(&note)?;
    } else {
        ctx.ui.status(&format!("✓ Added note {} to #{}", note.id, args.id));
    }
    Ok(Exit::Success)
}
