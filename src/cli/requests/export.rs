//! `livechat requests export`: streams archived requests to stdout or a file.
//!
//! A file export is written as `FILE.part` (the server's JSON Lines, complete lines only),
//! with the selection recorded in `FILE.part.json`. Only when the stream has ended cleanly is
//! the result produced (converted to CSV and gzip-compressed when asked), sealed by
//! `FILE.manifest.json` (record count, SHA-256, filters, id range) and renamed into place.
//! `--resume` continues a part file after its last complete record, so the result is the
//! same bytes as an uninterrupted export.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use futures_util::StreamExt;
use indicatif::ProgressBar;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::api::ExportedRequest;
use crate::cli::Context;
use crate::cli::error::{CliError, Exit};
use crate::cli::output::rfc3339;
use crate::client::{Client, ExportQuery};
use crate::domain::NoteKind;

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
    /// jsonl: each request with notes, messages and timeline; csv: one summary row each
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Write to FILE; a name ending in `.gz` is gzip-compressed. `-` is stdout, which is also
    /// the default when stdout is not a terminal
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Continue the interrupted export to FILE after its last complete record
    #[arg(long, requires = "output")]
    resume: bool,
}

/// The selection of a file export, kept beside the part file so `--resume` continues the
/// same export even when `--since 7d` would now mean another day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Selection {
    /// The filters as the user typed them: a resumed export must be the same command.
    asked: [Option<String>; 3],
    state: String,
    since: Option<String>,
    until: Option<String>,
    format: Format,
    gzip: bool,
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
}

/// Turns `--since`/`--until` into the absolute time the server filters on.
fn absolute_time(flag: &str, text: &str, now: Timestamp) -> Result<String, CliError> {
    if let Ok(t) = text.parse::<Timestamp>() {
        return Ok(rfc3339(t));
    }
    if let Ok(date) = text.parse::<jiff::civil::Date>() {
        return Ok(rfc3339(crate::api::start_of_day(date)));
    }
    let ago = crate::api::parse_duration(text).map_err(|_| {
        CliError::usage(format!(
            "{flag} `{text}` is not a time: write a date (2026-11-01), an RFC 3339 time, or an age like `7d`"
        ))
    })?;
    Ok(rfc3339(now.checked_sub(ago).map_err(|_| CliError::usage(format!("{flag} `{text}` reaches too far back")))?))
}

/// What has been received so far: complete lines only.
#[derive(Default)]
struct Tally {
    records: u64,
    first_id: Option<i64>,
    last_line: Vec<u8>,
    /// Bytes after the last newline of the stream so far: a record still arriving.
    carry: Vec<u8>,
}

#[derive(Deserialize)]
struct Head {
    id: i64,
}

fn line_id(line: &[u8]) -> Option<i64> {
    serde_json::from_slice::<Head>(line).ok().map(|h| h.id)
}

impl Tally {
    fn last_id(&self) -> Option<i64> {
        line_id(&self.last_line)
    }

    /// Splits a received chunk into the complete lines it finishes (returned, to be written)
    /// and the partial line it leaves (kept).
    fn take_lines(&mut self, chunk: &[u8]) -> Vec<u8> {
        let Some(end) = chunk.iter().rposition(|b| *b == b'\n') else {
            self.carry.extend_from_slice(chunk);
            return Vec::new();
        };
        let mut lines = std::mem::take(&mut self.carry);
        lines.extend_from_slice(&chunk[..=end]);
        self.carry.extend_from_slice(&chunk[end + 1..]);
        self.count(&lines);
        lines
    }

    fn count(&mut self, lines: &[u8]) {
        let n = lines.iter().filter(|b| **b == b'\n').count() as u64;
        if n == 0 {
            return;
        }
        if self.records == 0 {
            let first_end = lines.iter().position(|b| *b == b'\n').unwrap_or(lines.len());
            self.first_id = line_id(&lines[..first_end]);
        }
        let body = &lines[..lines.len() - 1];
        let start = body.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
        self.last_line = lines[start..].to_vec();
        self.records += n;
    }
}

/// Where received lines go: as they are, or converted to CSV rows.
enum Sink<W: Write> {
    Raw(W),
    Csv(csv::Writer<W>),
}

impl<W: Write> Sink<W> {
    fn new(out: W, format: Format) -> Sink<W> {
        match format {
            Format::Jsonl => Sink::Raw(out),
            // The header row comes with the first record, so an empty export is an empty file.
            Format::Csv => Sink::Csv(csv::Writer::from_writer(out)),
        }
    }

    fn lines(&mut self, lines: &[u8], header: &mut bool) -> anyhow::Result<()> {
        match self {
            Sink::Raw(out) => out.write_all(lines)?,
            Sink::Csv(writer) => {
                for line in lines.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
                    let record: ExportedRequest = serde_json::from_slice(line)?;
                    if !*header {
                        writer.write_record(CSV_HEADER)?;
                        *header = true;
                    }
                    writer.write_record(csv_row(&record))?;
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> io::Result<W> {
        match self {
            Sink::Raw(out) => Ok(out),
            Sink::Csv(writer) => writer.into_inner().map_err(|e| e.into_error()),
        }
    }
}

pub const CSV_HEADER: [&str; 16] = [
    "id",
    "bot",
    "channel",
    "visitor_name",
    "visitor_email",
    "title",
    "created_at",
    "assigned_at",
    "resolved_at",
    "closed_at",
    "time_to_assign_seconds",
    "time_to_resolve_seconds",
    "assignee",
    "note_count",
    "message_count",
    "resolution_note",
];

fn csv_row(r: &ExportedRequest) -> [String; 16] {
    let q = &r.request;
    let time = |t: Option<Timestamp>| t.map(rfc3339).unwrap_or_default();
    let to_assign = q.assigned_at.map(|a| ((a.as_millisecond() - q.created_at.as_millisecond()) / 1000).to_string());
    let resolution = r.notes.iter().rev().find(|n| n.kind == NoteKind::Resolution).map(|n| n.body.clone());
    [
        q.id.to_string(),
        q.bot.name.clone(),
        q.channel.to_string(),
        q.visitor.name.clone().unwrap_or_default(),
        q.visitor.email.clone().unwrap_or_default(),
        q.title.clone(),
        rfc3339(q.created_at),
        time(q.assigned_at),
        time(q.resolved_at),
        time(q.closed_at),
        to_assign.unwrap_or_default(),
        q.time_to_resolve_seconds.map(|s| s.to_string()).unwrap_or_default(),
        q.assignee.as_ref().map(|m| m.email.clone()).unwrap_or_default(),
        r.notes.len().to_string(),
        r.messages.len().to_string(),
        resolution.unwrap_or_default(),
    ]
}

fn progress(ctx: &Context) -> ProgressBar {
    ctx.ui.progress(None, "{spinner} exported {human_pos} requests ({rate}, {elapsed})")
}

/// Streams the export into `sink`, reconnecting after the last complete record when the
/// connection breaks, for as long as reconnecting makes progress.
async fn download<W: Write>(
    client: &Client,
    mut query: ExportQuery,
    tally: &mut Tally,
    sink: &mut Sink<W>,
    mut on_lines: impl FnMut(&[u8]),
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let mut header = false;
    loop {
        let records_before = tally.records;
        let mut stream = Box::pin(client.export(&query).await?);
        let mut broken = None;
        while let Some(chunk) = stream.next().await {
            match chunk {
                Ok(chunk) => {
                    let lines = tally.take_lines(&chunk);
                    if !lines.is_empty() {
                        sink.lines(&lines, &mut header)?;
                        on_lines(&lines);
                        bar.set_position(tally.records);
                    }
                }
                Err(err) => {
                    broken = Some(err);
                    break;
                }
            }
        }
        let Some(err) = broken else {
            if !tally.carry.is_empty() {
                anyhow::bail!("the export stream ended in the middle of a record");
            }
            return Ok(());
        };
        if tally.records == records_before || client.retry_budget().is_zero() {
            return Err(CliError::new(Exit::Error, format!("the export stream broke: {err}")).into());
        }
        // A partial record is dropped and asked for again after the last complete one.
        tally.carry.clear();
        query.after_id = tally.last_id().unwrap_or(query.after_id);
        bar.suspend(|| eprintln!("livechat: the export stream broke ({err}); continuing after #{}", query.after_id));
    }
}

pub async fn run(ctx: &Context, args: RequestsExportArgs) -> anyhow::Result<Exit> {
    let now = Timestamp::now();
    let selection = Selection {
        asked: [args.state.clone(), args.since.clone(), args.until.clone()],
        state: args.state.clone().unwrap_or_else(|| "closed".to_string()),
        since: args.since.as_deref().map(|t| absolute_time("--since", t, now)).transpose()?,
        until: args.until.as_deref().map(|t| absolute_time("--until", t, now)).transpose()?,
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
    let Some(path) = path else {
        let query = ExportQuery { state: selection.state, since: selection.since, until: selection.until, after_id: 0 };
        let mut sink = Sink::new(BufWriter::with_capacity(256 * 1024, io::stdout().lock()), args.format);
        let bar = progress(ctx);
        let mut tally = Tally::default();
        download(&client, query, &mut tally, &mut sink, |_| {}, &bar).await?;
        sink.finish()?.flush()?;
        bar.finish_and_clear();
        ctx.ui.status(&format!("Exported {} requests.", tally.records));
        return Ok(Exit::Success);
    };
    export_to_file(ctx, &client, &args, selection, path).await
}

/// The export writes a new file, or replaces one an earlier export wrote (it has a manifest);
/// never anything else: not a link, a device, a directory, or a file of someone else's.
fn check_target(path: &Path, manifest: &Path) -> Result<(), CliError> {
    let Ok(meta) = fs::symlink_metadata(path) else { return Ok(()) };
    if !meta.is_file() {
        return Err(CliError::usage(format!(
            "{} exists and is not a regular file; the export will not replace it",
            path.display()
        ))
        .with_hint("give -o a new file name"));
    }
    if !manifest.exists() {
        return Err(CliError::usage(format!("{} already exists and is not an earlier export", path.display()))
            .with_hint("give -o a new file name, or move the file away first"));
    }
    Ok(())
}

/// A file the export cannot read or write: named, and a usage error (exit 2).
fn file_error(path: &Path, err: anyhow::Error) -> CliError {
    let reason = err.downcast_ref::<io::Error>().map_or_else(|| err.to_string(), |e| e.to_string());
    CliError::usage(format!("cannot write {}: {reason}", path.display()))
        .with_hint("check that the folder exists and that you may write there")
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Reads an interrupted part file: drops a trailing partial record, and counts and hashes
/// what stays.
fn reopen_part(part: &Path, tally: &mut Tally, hasher: &mut Sha256) -> anyhow::Result<File> {
    let mut file = OpenOptions::new().read(true).write(true).open(part)?;
    let mut kept: u64 = 0;
    let mut reader = BufReader::with_capacity(256 * 1024, &mut file);
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 || line.last() != Some(&b'\n') {
            break;
        }
        kept += n as u64;
        hasher.update(&line);
        tally.count(&line);
    }
    drop(reader);
    file.set_len(kept)?;
    file.seek(SeekFrom::End(0))?;
    Ok(file)
}

async fn export_to_file(
    ctx: &Context,
    client: &Client,
    args: &RequestsExportArgs,
    selection: Selection,
    path: &Path,
) -> anyhow::Result<Exit> {
    let part = sibling(path, ".part");
    let part_meta = sibling(path, ".part.json");
    let manifest_path = sibling(path, ".manifest.json");
    check_target(path, &manifest_path)?;
    for own in [&part, &part_meta] {
        if fs::symlink_metadata(own).is_ok_and(|m| !m.is_file()) {
            return Err(CliError::usage(format!(
                "{} exists and is not a regular file; the export will not write there",
                own.display()
            ))
            .into());
        }
    }
    let mut tally = Tally::default();
    let mut hasher = Sha256::new();
    let (file, selection) = if args.resume {
        let meta = fs::read(&part_meta).map_err(|_| {
            CliError::usage(format!("there is no interrupted export of {} to resume", path.display()))
                .with_hint("run the export without --resume to start it")
        })?;
        let saved: Selection = serde_json::from_slice(&meta)?;
        if saved.asked != selection.asked || saved.format != selection.format {
            return Err(CliError::usage(
                "--resume continues an export exactly as it was started: repeat its --state, --since, --until and --format",
            )
            .into());
        }
        (reopen_part(&part, &mut tally, &mut hasher).map_err(|e| file_error(&part, e))?, saved)
    } else {
        if part.exists() {
            return Err(CliError::usage(format!(
                "an interrupted export of {} is in {}",
                path.display(),
                part.display()
            ))
            .with_hint("pass --resume to continue it, or delete it to start over")
            .into());
        }
        fs::write(&part_meta, serde_json::to_vec_pretty(&selection)?).map_err(|e| file_error(&part_meta, e.into()))?;
        (File::create(&part).map_err(|e| file_error(&part, e.into()))?, selection)
    };
    let query = ExportQuery {
        state: selection.state.clone(),
        since: selection.since.clone(),
        until: selection.until.clone(),
        after_id: tally.last_id().unwrap_or(0),
    };
    let bar = progress(ctx);
    bar.set_position(tally.records);
    let mut sink = Sink::Raw(BufWriter::with_capacity(256 * 1024, file));
    let hashed = selection.format == Format::Jsonl && !selection.gzip;
    let result = download(
        client,
        query,
        &mut tally,
        &mut sink,
        |lines| {
            if hashed {
                hasher.update(lines)
            }
        },
        &bar,
    )
    .await;
    let file = sink.finish()?.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    if let Err(err) = result {
        bar.abandon();
        if !args.resume && tally.records == 0 {
            // Nothing arrived (a refusal, a foreign answer, no server): nothing to resume, so
            // nothing is left behind.
            let _ = fs::remove_file(&part);
            let _ = fs::remove_file(&part_meta);
            return Err(err);
        }
        return Err(err.context(format!(
            "the export stopped after {} requests; {} holds them. Run the same command with --resume to continue",
            tally.records,
            part.display()
        )));
    }
    bar.finish_and_clear();

    // The plain JSON Lines file is the part file itself; other formats are produced from it.
    let (data, sha256, bytes) = if hashed {
        (part.clone(), hex::encode(hasher.finalize()), file.metadata()?.len())
    } else {
        let tmp = sibling(path, ".tmp");
        let (sha, bytes) = convert(&part, &tmp, &selection).map_err(|e| file_error(&tmp, e))?;
        (tmp, sha, bytes)
    };
    let manifest = Manifest {
        file: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        format: selection.format,
        gzip: selection.gzip,
        records: tally.records,
        bytes,
        sha256,
        filters: Filters { state: selection.state, since: selection.since, until: selection.until },
        first_id: tally.first_id,
        last_id: tally.last_id(),
        completed_at: Timestamp::now(),
    };
    // The manifest goes in first and the data last, so a file at the final name always has
    // a manifest that describes it.
    let manifest_tmp = sibling(path, ".manifest.json.tmp");
    fs::write(&manifest_tmp, serde_json::to_vec_pretty(&manifest)?).map_err(|e| file_error(&manifest_tmp, e.into()))?;
    fs::rename(&manifest_tmp, &manifest_path).map_err(|e| file_error(&manifest_path, e.into()))?;
    fs::rename(&data, path).map_err(|e| file_error(path, e.into()))?;
    if data != part {
        fs::remove_file(&part)?;
    }
    fs::remove_file(&part_meta)?;
    ctx.ui.status(&format!(
        "✓ Exported {} requests to {} (sha256 {}); manifest in {}",
        manifest.records,
        path.display(),
        &manifest.sha256[..12],
        manifest_path.display()
    ));
    Ok(Exit::Success)
}

/// Writes whatever the hash sees.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Produces the final file from the part file, CSV rows and/or gzip, hashed as written.
fn convert(part: &Path, out: &Path, selection: &Selection) -> anyhow::Result<(String, u64)> {
    let file = File::create(out)?;
    let hashing = Hashing { inner: BufWriter::with_capacity(256 * 1024, file), hasher: Sha256::new(), bytes: 0 };
    let hashing = if selection.gzip {
        let gz = flate2::write::GzEncoder::new(hashing, flate2::Compression::default());
        copy_lines(part, gz, selection.format)?.finish()?
    } else {
        copy_lines(part, hashing, selection.format)?
    };
    let Hashing { inner, hasher, bytes } = hashing;
    inner.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    Ok((hex::encode(hasher.finalize()), bytes))
}

fn copy_lines<W: Write>(part: &Path, out: W, format: Format) -> anyhow::Result<W> {
    let mut reader = BufReader::with_capacity(256 * 1024, File::open(part)?);
    let mut sink = Sink::new(out, format);
    let mut header = false;
    let mut buf = vec![0u8; 256 * 1024];
    let mut carry = Vec::new();
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        match chunk.iter().rposition(|b| *b == b'\n') {
            Some(end) => {
                carry.extend_from_slice(&chunk[..=end]);
                sink.lines(&carry, &mut header)?;
                carry.clear();
                carry.extend_from_slice(&chunk[end + 1..]);
            }
            None => carry.extend_from_slice(chunk),
        }
    }
    Ok(sink.finish()?)
}
