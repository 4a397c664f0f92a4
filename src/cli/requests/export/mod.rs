//! `livechat requests export`: streams archived requests to stdout or a file.
//!
//! A file export is written as `FILE.part` (the server's JSON Lines, complete lines only),
//! with the selection recorded in `FILE.part.json`. Only when the stream has ended cleanly is
//! the result produced (converted to CSV and gzip-compressed when asked), sealed by
//! `FILE.manifest.json` (record count, SHA-256, filters, id range) and renamed into place.
//! `--resume` continues a part file after its last complete record, so the result is the
//! same bytes as an uninterrupted export.

mod changes;
mod file;
mod stream;

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use indicatif::ProgressBar;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use self::stream::{Sink, Tally, download};
use crate::cli::Context;
use crate::cli::error::{CliError, Exit};
use crate::cli::output::rfc3339;
use crate::client::ExportQuery;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One JSON object per line: the request with its notes, messages and timeline
    Jsonl,
    /// One row per request, with a header row
    Csv,
}

#[derive(Debug, Args)]
pub struct RequestsExportArgs {
    /// States to export, comma-separated [default: closed]
    #[arg(long, value_name = "STATES", value_parser = crate::cli::states_text)]
    state: Option<String>,
    /// Only requests closed at or after this: a date (2026-11-01), an RFC 3339 time, or an age like `7d`
    #[arg(long, value_name = "TIME")]
    since: Option<String>,
    /// Only requests closed before this: a date, an RFC 3339 time, or an age like `1d`
    #[arg(long, value_name = "TIME")]
    until: Option<String>,
    /// Only requests whose transcript, notes, or visitor name or email hold every word of TEXT
    #[arg(long, value_name = "TEXT", value_parser = crate::cli::search_text)]
    search: Option<String>,
    /// Only requests with this label
    #[arg(long, value_name = "LABEL", value_parser = crate::cli::label_text)]
    label: Option<String>,
    /// jsonl: each request with notes, messages and timeline; csv: one summary row each
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Write to FILE; a name ending in `.gz` is gzip-compressed. `-` is stdout, which is also
    /// the default when stdout is not a terminal
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Continue the interrupted export to FILE after its last complete record
    #[arg(long, requires = "output")]
    pub(super) resume: bool,
    /// Export the change feed instead: every request created or changed since CURSOR (`0.0`
    /// from the beginning), and every one deleted, ending with the next run's cursor (org admins)
    #[arg(long, value_name = "CURSOR", value_parser = change_cursor, conflicts_with_all = ["state", "since", "until", "search", "label", "resume"])]
    changes_after: Option<String>,
}

fn change_cursor(text: &str) -> Result<String, String> {
    crate::store::ChangeCursor::parse(text)
        .map(|c| c.to_text())
        .ok_or_else(|| format!("`{text}` is not a change feed cursor; give the `next_cursor` of the last run, or 0.0"))
}

/// The selection of a file export, kept beside the part file so `--resume` continues the
/// same export even when `--since 7d` would now mean another day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Selection {
    /// The filters as the user typed them: a resumed export must be the same command.
    pub(super) asked: [Option<String>; 3],
    pub(super) state: String,
    pub(super) since: Option<String>,
    pub(super) until: Option<String>,
    /// Absent from part files written before exports could search.
    #[serde(default)]
    pub(super) search: Option<String>,
    #[serde(default)]
    pub(super) label: Option<String>,
    pub(super) format: Format,
    pub(super) gzip: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub file: String,
    pub format: Format,
    pub gzip: bool,
    pub records: u64,
    pub bytes: u64,
    pub sha256: String,
    pub filters: Filters,
    pub first_id: Option<i64>,
    pub last_id: Option<i64>,
    pub completed_at: Timestamp,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Filters {
    pub state: String,
    pub since: Option<String>,
    pub until: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Turns `--since`/`--until` into the absolute time the server filters on, so the manifest
/// records the same window whenever the export resumes.
fn absolute_time(flag: &str, text: &str, now: Timestamp) -> Result<String, CliError> {
    crate::api::parse_moment(text, now).map(rfc3339).map_err(|e| CliError::usage(format!("{flag} {e}")))
}

pub(super) fn progress(ctx: &Context) -> ProgressBar {
    ctx.ui.progress(None, "{spinner} exported {human_pos} requests ({rate}, {elapsed})")
}

pub async fn run(ctx: &Context, args: RequestsExportArgs) -> anyhow::Result<Exit> {
    let now = Timestamp::now();
    let selection = Selection {
        asked: [args.state.clone(), args.since.clone(), args.until.clone()],
        state: args.state.clone().unwrap_or_else(|| "closed".to_string()),
        since: args.since.as_deref().map(|t| absolute_time("--since", t, now)).transpose()?,
        until: args.until.as_deref().map(|t| absolute_time("--until", t, now)).transpose()?,
        search: args.search.clone(),
        label: args.label.clone(),
        format: args.format,
        gzip: args.output.as_ref().is_some_and(|p| p.extension().is_some_and(|e| e == "gz")),
    };
    let path = args.output.as_deref().filter(|p| *p != Path::new("-"));
    if args.output.is_none() && ctx.ui.stdout_tty {
        return Err(CliError::usage(
            "an export is JSON Lines or CSV for files and programs, not for reading on a terminal",
        )
        .with_hint("pass -o FILE to write a file, or -o - to print it here anyway")
        .into());
    }
    if args.resume && path.is_none() {
        return Err(CliError::usage("--resume continues an export to a file; stdout cannot be resumed")
            .with_hint("pass -o FILE, the file of the interrupted export")
            .into());
    }
    let client = ctx.patient_client()?;
    if let Some(after) = &args.changes_after {
        if args.format != Format::Jsonl {
            return Err(CliError::usage("the change feed is JSON Lines only").with_hint("drop --format csv").into());
        }
        return changes::export_changes(ctx, &client, after, path).await;
    }
    let Some(path) = path else {
        let query = ExportQuery {
            state: selection.state,
            since: selection.since,
            until: selection.until,
            search: selection.search,
            label: selection.label,
            after_id: 0,
        };
        let mut sink = Sink::new(BufWriter::with_capacity(256 * 1024, io::stdout().lock()), args.format);
        let bar = progress(ctx);
        let mut tally = Tally::default();
        download(&client, query, &mut tally, &mut sink, |_| {}, &bar).await?;
        sink.finish()?.flush()?;
        bar.finish_and_clear();
        ctx.ui.status(&format!("Exported {}.", crate::cli::output::count(tally.records, "request")));
        return Ok(Exit::Success);
    };
    file::export_to_file(ctx, &client, &args, selection, path).await
}
