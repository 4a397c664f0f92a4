//! Reading the export stream: complete lines only, resumed after the last complete record
//! when the connection breaks, written as they come or as CSV rows.

use std::io::{self, Write};

use futures_util::StreamExt;
use indicatif::ProgressBar;
use jiff::Timestamp;
use serde::Deserialize;

use super::Format;
use crate::api::ExportedRequest;
use crate::cli::error::{CliError, Exit};
use crate::cli::output::rfc3339;
use crate::cli::output::text_cell;
use crate::client::{Client, ExportQuery};
use crate::domain::NoteKind;

/// What has been received so far: complete lines only.
#[derive(Default)]
pub(super) struct Tally {
    pub(super) records: u64,
    pub(super) first_id: Option<i64>,
    last_line: Vec<u8>,
    /// Bytes after the last newline of the stream so far: a record still arriving.
    pub(super) carry: Vec<u8>,
}

#[derive(Deserialize)]
struct Head {
    id: i64,
}

pub(super) fn line_id(line: &[u8]) -> Option<i64> {
    serde_json::from_slice::<Head>(line).ok().map(|h| h.id)
}

impl Tally {
    pub(super) fn last_id(&self) -> Option<i64> {
        line_id(&self.last_line)
    }

    /// Splits a received chunk into the complete lines it finishes (returned, to be written)
    /// and the partial line it leaves (kept).
    pub(super) fn take_lines(&mut self, chunk: &[u8]) -> Vec<u8> {
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

    pub(super) fn count(&mut self, lines: &[u8]) {
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
pub(super) enum Sink<W: Write> {
    Raw(W),
    Csv(csv::Writer<W>),
}

impl<W: Write> Sink<W> {
    pub(super) fn new(out: W, format: Format) -> Sink<W> {
        match format {
            Format::Jsonl => Sink::Raw(out),
            // The header row comes with the first record, so an empty export is an empty file.
            Format::Csv => Sink::Csv(csv::Writer::from_writer(out)),
        }
    }

    pub(super) fn lines(&mut self, lines: &[u8], header: &mut bool) -> anyhow::Result<()> {
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

    pub(super) fn finish(self) -> io::Result<W> {
        match self {
            Sink::Raw(out) => Ok(out),
            Sink::Csv(writer) => writer.into_inner().map_err(|e| e.into_error()),
        }
    }
}

const CSV_HEADER: [&str; 16] = [
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
    let resolution = r.notes.iter().rev().find(|n| n.kind == NoteKind::Resolution).map(|n| n.body.clone());
    [
        q.id.to_string(),
        text_cell(&q.bot.name),
        q.channel.to_string(),
        text_cell(q.visitor.name.as_deref().unwrap_or_default()),
        text_cell(q.visitor.email.as_deref().unwrap_or_default()),
        text_cell(&q.title),
        rfc3339(q.created_at),
        time(q.assigned_at),
        time(q.resolved_at),
        time(q.closed_at),
        q.time_to_assign_seconds.map(|s| s.to_string()).unwrap_or_default(),
        q.time_to_resolve_seconds.map(|s| s.to_string()).unwrap_or_default(),
        text_cell(q.assignee.as_ref().map_or("", |m| m.email.as_str())),
        r.notes.len().to_string(),
        r.messages.len().to_string(),
        text_cell(resolution.as_deref().unwrap_or_default()),
    ]
}

/// Streams the export into `sink`, reconnecting after the last complete record when the
/// connection breaks, for as long as reconnecting makes progress.
pub(super) async fn download<W: Write>(
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
        let err = crate::cli::sanitize::for_terminal(&err.to_string()).into_owned();
        bar.suspend(|| eprintln!("livechat: the export stream broke ({err}); continuing after #{}", query.after_id));
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::output::text_cell;

    #[test]
    fn cells_that_would_start_a_formula_are_shown_as_text() {
        let cases = [
            ("=HYPERLINK(\"http://evil.example\",\"x\")", "'=HYPERLINK(\"http://evil.example\",\"x\")"),
            ("+1+1", "'+1+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "'\rcmd"),
            ("Ada Lovelace", "Ada Lovelace"),
            ("a=b", "a=b"),
            ("", ""),
        ];
        for (text, cell) in cases {
            assert_eq!(text_cell(text), cell, "{text:?}");
        }
    }
}
