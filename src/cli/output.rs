//! Everything the CLI prints goes through here: tables for people on a terminal, plain
//! tab-separated rows for pipes, JSON for scripts, and status lines on stderr so stdout
//! carries only data.

use std::io::{self, IsTerminal, Write};
use std::sync::{Arc, Mutex};

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};
use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use jiff::Timestamp;
use serde::Serialize;

use super::error::CliError;
use super::jq::JqFilter;
use super::sanitize::{for_terminal, json_text, without_passwords};
use crate::domain::State;

/// Text someone wrote, as a CSV cell a spreadsheet shows and never runs: one that would start
/// a formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP
/// recommends. JSON Lines keep the exact text.
pub fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
}

/// `--json` and `--jq`, shared by every command that prints data.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct JsonArgs {
    /// Print JSON instead of a table; the fields are listed in the README
    #[arg(long)]
    pub json: bool,
    /// Filter the JSON with a jq expression (implies --json); strings print without quotes
    #[arg(long, value_name = "EXPR")]
    pub jq: Option<String>,
}

/// How a command prints JSON, decided before it calls the server so that a bad `--jq`
/// fails first.
pub struct JsonOut {
    filter: Option<JqFilter>,
}

impl JsonArgs {
    /// `None` when the command should print for people.
    pub fn json_out(&self) -> Result<Option<JsonOut>, CliError> {
        match &self.jq {
            Some(code) => Ok(Some(JsonOut { filter: Some(JqFilter::compile(code)?) })),
            None if self.json => Ok(Some(JsonOut { filter: None })),
            None => Ok(None),
        }
    }
}

/// Prints `value` as JSON when the command was asked for it, and otherwise as `human`
/// writes it for people.
pub fn emit<T: Serialize + ?Sized>(
    json: Option<JsonOut>,
    value: &T,
    human: impl FnOnce(&T) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    match json {
        Some(json) => json.print(value),
        None => human(value),
    }
}

impl JsonOut {
    /// One compact line per value, for streams (`--follow`, `watch`); `--jq` applies per line.
    pub fn print_line<T: Serialize + ?Sized>(&self, value: &T) -> anyhow::Result<()> {
        let mut out = io::stdout().lock();
        match &self.filter {
            None => writeln!(out, "{}", json_text(&serde_json::to_string(value)?))?,
            Some(filter) => {
                for line in filter.run(&serde_json::to_vec(value)?, out.is_terminal())? {
                    writeln!(out, "{line}")?;
                }
            }
        }
        out.flush()?;
        Ok(())
    }

    pub fn print<T: Serialize + ?Sized>(&self, value: &T) -> anyhow::Result<()> {
        let mut out = io::stdout().lock();
        match &self.filter {
            None => writeln!(out, "{}", json_text(&serde_json::to_string_pretty(value)?))?,
            Some(filter) => {
                for line in filter.run(&serde_json::to_vec(value)?, out.is_terminal())? {
                    writeln!(out, "{line}")?;
                }
            }
        }
        Ok(())
    }
}

/// What the terminal around the CLI can show, and where its output goes: the process's
/// stdout and stderr, or buffers a test reads (`Ui::captured`), as gh's IOStreams do.
#[derive(Clone)]
pub struct Ui {
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    pub color: bool,
    out: Stream,
    err: Stream,
    /// A fixed table width and clock, for output that must not depend on the machine.
    width: Option<u16>,
    now: Option<Timestamp>,
}

#[derive(Clone)]
enum Stream {
    Stdout,
    Stderr,
    Buffer(Arc<Mutex<Vec<u8>>>),
}

/// A writer onto one of the Ui's streams. What it writes for people is shown through
/// [`for_terminal`], so text from the API cannot drive the terminal, whichever view prints
/// it; only the Ui's own styling is written raw.
pub struct StreamWriter<'a> {
    stream: &'a Stream,
    raw: bool,
}

impl Write for StreamWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let shown = if self.raw { None } else { Some(String::from_utf8_lossy(buf)) };
        let bytes = match &shown {
            // A URL's password is a secret wherever it turns up: a status line, a server
            // address, a message.
            Some(text) => for_terminal(&without_passwords(text)).into_owned().into_bytes(),
            None => buf.to_vec(),
        };
        match self.stream {
            Stream::Stdout => io::stdout().lock().write_all(&bytes)?,
            Stream::Stderr => io::stderr().lock().write_all(&bytes)?,
            Stream::Buffer(b) => b.lock().unwrap_or_else(|e| e.into_inner()).write_all(&bytes)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.stream {
            Stream::Stdout => io::stdout().lock().flush(),
            Stream::Stderr => io::stderr().lock().flush(),
            Stream::Buffer(_) => Ok(()),
        }
    }
}

/// What a captured Ui wrote.
pub struct Captured {
    out: Arc<Mutex<Vec<u8>>>,
    err: Arc<Mutex<Vec<u8>>>,
}

impl Captured {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().unwrap()).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.err.lock().unwrap()).into_owned()
    }
}

/// One table cell: its text and, on a colour terminal, a colour that repeats what the text says.
pub struct Field {
    text: String,
    color: Option<Color>,
}

impl Field {
    pub fn plain(text: impl Into<String>) -> Field {
        Field { text: text.into(), color: None }
    }

    pub fn state(state: State) -> Field {
        let color = match state {
            State::New => Color::Green,
            State::Assigned => Color::Yellow,
            State::Chatting => Color::Cyan,
            State::Resolved => Color::Blue,
            State::Closed => Color::DarkGrey,
        };
        Field { text: state.to_string(), color: Some(color) }
    }
}

impl Ui {
    pub fn detect() -> Ui {
        let stdout_tty = io::stdout().is_terminal();
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        let color = set("CLICOLOR_FORCE") || (stdout_tty && !set("NO_COLOR"));
        Ui {
            stdout_tty,
            stderr_tty: io::stderr().is_terminal(),
            color,
            out: Stream::Stdout,
            err: Stream::Stderr,
            width: None,
            now: None,
        }
    }

    /// A Ui that writes into buffers, as to a terminal 100 columns wide (without colour) or
    /// to a pipe, with the clock stopped at `now`.
    pub fn captured(terminal: bool, now: Timestamp) -> (Ui, Captured) {
        let (out, err) = (Arc::default(), Arc::default());
        let ui = Ui {
            stdout_tty: terminal,
            stderr_tty: terminal,
            color: false,
            out: Stream::Buffer(Arc::clone(&out)),
            err: Stream::Buffer(Arc::clone(&err)),
            width: Some(100),
            now: Some(now),
        };
        (ui, Captured { out, err })
    }

    /// Now, or the stopped clock of a captured Ui.
    pub fn now(&self) -> Timestamp {
        self.now.unwrap_or_else(Timestamp::now)
    }

    /// The data stream (stdout), for people.
    pub fn stdout(&self) -> StreamWriter<'_> {
        StreamWriter { stream: &self.out, raw: false }
    }

    /// The data stream as it is, for bytes that are not for a terminal (a server's CSV) or
    /// were made safe already.
    pub fn raw_stdout(&self) -> StreamWriter<'_> {
        StreamWriter { stream: &self.out, raw: true }
    }

    /// A table on a terminal; headerless tab-separated rows when piped, so `cut -f1` works.
    pub fn table(&self, headers: &[&str], rows: Vec<Vec<Field>>) -> io::Result<()> {
        // Cells are made safe here, so the table's own colours can be written raw.
        let mut out = self.raw_stdout();
        let rows: Vec<Vec<Field>> = rows
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|f| Field { text: for_terminal(&without_passwords(&f.text)).into_owned(), ..f })
                    .collect()
            })
            .collect();
        if !self.stdout_tty {
            for row in rows {
                let cells: Vec<String> = row
                    .into_iter()
                    .map(|f| match (f.color, self.color) {
                        // Colour in a pipe only when CLICOLOR_FORCE asks for it.
                        (Some(color), true) => format!("\x1b[{}m{}\x1b[39m", ansi(color), tsv_safe(&f.text)),
                        _ => tsv_safe(&f.text),
                    })
                    .collect();
                writeln!(out, "{}", cells.join("\t"))?;
            }
            return Ok(());
        }
        let mut table = Table::new();
        table.load_preset(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(width) = self.width {
            table.set_width(width);
        }
        if !self.color {
            table.force_no_tty();
        } else {
            table.enforce_styling();
        }
        table.set_header(headers.iter().map(|h| Cell::new(h.to_uppercase()).add_attribute(Attribute::Bold)));
        for row in rows {
            table.add_row(row.into_iter().map(|f| match (f.color, self.color) {
                (Some(color), true) => Cell::new(f.text).fg(color),
                _ => Cell::new(f.text),
            }));
        }
        // Columns start flush left and are two spaces apart, as `gh` prints them.
        for column in table.column_iter_mut() {
            column.set_padding((0, 2));
        }
        for line in table.to_string().lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// A line of data on stdout.
    pub fn line(&self, text: &str) -> io::Result<()> {
        writeln!(self.stdout(), "{text}")
    }

    /// A status line for people, on stderr.
    pub fn status(&self, text: &str) {
        let _ = writeln!(StreamWriter { stream: &self.err, raw: false }, "{text}");
    }

    /// Relative on a terminal ("3m ago"); a full RFC 3339 time when piped.
    pub fn time(&self, at: Timestamp) -> String {
        if self.stdout_tty { format!("{} ago", age(at, self.now())) } else { rfc3339(at) }
    }

    pub fn optional_time(&self, at: Option<Timestamp>) -> String {
        at.map(|t| self.time(t)).unwrap_or_default()
    }

    /// Whether a person can answer a question: stdin and stderr are a terminal.
    pub fn interactive(&self) -> bool {
        io::stdin().is_terminal() && self.stderr_tty
    }

    /// A progress bar on a terminal's stderr, drawn only once the work has taken a second, so
    /// quick jobs do not flash one. `{rate}` in the template is a whole number per second.
    pub fn progress(&self, len: Option<u64>, template: &str) -> ProgressBar {
        if !self.stderr_tty {
            return ProgressBar::hidden();
        }
        let style = ProgressStyle::with_template(template)
            .expect("the template is valid")
            .progress_chars("=> ")
            .with_key("rate", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}/s", HumanCount(state.per_sec().round() as u64));
            });
        let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::hidden()).with_style(style);
        let shown = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(PROGRESS_DELAY);
            if !shown.is_finished() {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(std::time::Duration::from_millis(120));
            }
        });
        bar
    }
}

/// Asks a person at the terminal a yes-or-no question on stderr; no unless they say yes.
/// Ctrl-C at the question leaves the process with 130, having changed nothing.
pub fn confirmed(prompt: &str) -> Result<bool, CliError> {
    // The prompt hides the cursor and Ctrl-C raises SIGINT while it does: give the cursor
    // back before leaving, whichever way the question ends.
    let restore = tokio::spawn(async {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = dialoguer::console::Term::stderr().show_cursor();
            eprintln!("\ncancelled; nothing was changed");
            std::process::exit(130);
        }
    });
    let answer = dialoguer::Confirm::new().with_prompt(prompt).default(false).interact();
    restore.abort();
    let _ = dialoguer::console::Term::stderr().show_cursor();
    // Ctrl-C often interrupts the read itself before the signal's task runs: the same answer.
    if let Err(dialoguer::Error::IO(err)) = &answer
        && err.kind() == io::ErrorKind::Interrupted
    {
        eprintln!("\ncancelled; nothing was changed");
        std::process::exit(130);
    }
    answer.map_err(|e| CliError::new(super::error::Exit::Error, format!("cannot ask for confirmation: {e}")))
}

/// How long work runs before a progress bar is worth drawing: short enough that a long
/// command shows it within a second, long enough that a quick one never flickers.
const PROGRESS_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

/// `n` and a noun, plural unless `n` is one: `1 request`, `2 requests`, `0 fields`.
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

pub fn rfc3339(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The compact age counter of a request: `45s`, `12m`, `3h`, `2d`.
pub fn age(since: Timestamp, now: Timestamp) -> String {
    compact_duration(now.as_second().saturating_sub(since.as_second()))
}

/// A span of seconds in its largest whole unit.
pub fn compact_duration(secs: i64) -> String {
    let secs = secs.max(0);
    match secs {
        0..60 => format!("{secs}s"),
        60..3_600 => format!("{}m", secs / 60),
        3_600..86_400 => format!("{}h", secs / 3_600),
        _ => format!("{}d", secs / 86_400),
    }
}

/// A span of seconds in its two largest units (`1h 41m`), for messages that compare spans.
pub fn precise_duration(secs: i64) -> String {
    let secs = secs.max(0);
    let (big, small) = match secs {
        0..60 => return format!("{secs}s"),
        60..3_600 => ((secs / 60, "m"), (secs % 60, "s")),
        3_600..86_400 => ((secs / 3_600, "h"), (secs % 3_600 / 60, "m")),
        _ => ((secs / 86_400, "d"), (secs % 86_400 / 3_600, "h")),
    };
    if small.0 == 0 { format!("{}{}", big.0, big.1) } else { format!("{}{} {}{}", big.0, big.1, small.0, small.1) }
}

/// The ANSI foreground code of the colours `Field::state` uses; comfy-table styles only its
/// own tables, and piped rows are not a table.
fn ansi(color: Color) -> &'static str {
    match color {
        Color::Green => "32",
        Color::Yellow => "33",
        Color::Blue => "34",
        Color::Cyan => "36",
        Color::DarkGrey => "90",
        _ => "39",
    }
}

/// Tabs and line breaks would break a row apart; a space keeps the row whole.
fn tsv_safe(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: "Exported 1 requests" and "5 field(s)".
    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "request"), "1 request");
        assert_eq!(count(0, "field"), "0 fields");
        assert_eq!(count(6000, "request"), "6000 requests");
    }

    #[test]
    fn ages_use_the_largest_whole_unit() {
        let now: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
        let ago = |secs: i64| age(now - jiff::SignedDuration::from_secs(secs), now);
        assert_eq!(ago(5), "5s");
        assert_eq!(ago(61), "1m");
        assert_eq!(ago(3 * 3600 + 59), "3h");
        assert_eq!(ago(2 * 86_400), "2d");
        assert_eq!(age(now + jiff::SignedDuration::from_secs(30), now), "0s");
    }

    #[test]
    fn precise_durations_keep_two_units() {
        assert_eq!(precise_duration(42), "42s");
        assert_eq!(precise_duration(90), "1m 30s");
        assert_eq!(precise_duration(6_060), "1h 41m");
        assert_eq!(precise_duration(7_200), "2h");
        assert_eq!(precise_duration(2 * 86_400 + 3 * 3_600 + 59), "2d 3h");
    }

    #[test]
    fn tsv_cells_stay_on_one_line() {
        assert_eq!(tsv_safe("a\tb\nc"), "a b c");
    }
}
