//! `livechat requests chat`: the agent's side of a live chat. Interactive on a terminal;
//! `--send` and `--follow` serve scripts.

use crate::cli::sanitize::for_terminal;
use std::ops::ControlFlow;

use clap::Args;
use jiff::Timestamp;
use std::io::IsTerminal;

use rustyline::error::ReadlineError;
use rustyline::{DefaultEditor, ExternalPrinter};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::mpsc;

use super::show::parse_request_id;
use crate::api::{Message, RequestDetail, TimelineEvent};
use crate::cli::Context;
use crate::cli::error::{CliError, Exit};
use crate::cli::live::{Received, follow};
use crate::cli::output::JsonArgs;
use crate::client::Client;
use crate::domain::{SenderKind, State};

#[derive(Debug, Args)]
pub struct RequestsChatArgs {
    /// The request id, like 42 or #42
    #[arg(value_parser = parse_request_id)]
    id: i64,
    /// Send one message and exit; starts the chat first when you hold the request
    #[arg(long, value_name = "TEXT", conflicts_with = "follow")]
    send: Option<String>,
    /// Print the conversation as it happens, until the request leaves chatting
    #[arg(long)]
    follow: bool,
    /// With --follow or --send: JSON, one object per line (`event` is `message` or `state`)
    #[command(flatten)]
    output: JsonArgs,
}

pub(crate) const HELP: &str = "Type a message and press Enter to send it to the visitor. Commands:
  /note TEXT        add a note for the team (the visitor does not see it)
  /resolve [NOTE]   resolve the request, with an optional note, and leave
  /leave            end the chat; the bot takes over again
  /help             show this help
Ctrl-C or Ctrl-D also leaves the chat. The up arrow brings back what you typed before.";

fn clock(at: Timestamp) -> String {
    at.to_zoned(jiff::tz::TimeZone::system()).strftime("%H:%M").to_string()
}

pub(super) fn message_line(m: &Message) -> String {
    let who = match m.sender {
        SenderKind::System => "·".to_string(),
        SenderKind::Bot => format!("{} (bot):", m.sender_name),
        _ => format!("{}:", m.sender_name),
    };
    format!("[{}] {who} {}", clock(m.created_at), m.body.replace('\n', "\n        "))
}

fn state_line(e: &TimelineEvent) -> String {
    let from = e.from.map_or_else(|| "created".to_string(), |s| s.to_string());
    format!("[{}] — {from} → {} by {}", clock(e.at), e.to, e.actor.display_name())
}

pub async fn run(ctx: &Context, args: RequestsChatArgs) -> anyhow::Result<Exit> {
    let json = args.output.json_out()?;
    let client = ctx.patient_client()?;
    let detail = client.request(args.id).await?;
    if let Some(text) = &args.send {
        // The server decides whether the caller may chat, and says what to do first if not.
        client.start_chat(args.id).await?;
        let sent = client.send_message(args.id, text).await?;
        match json {
            Some(json) => json.print(&sent)?,
            None => ctx.ui.status(&format!("✓ Sent to {} on #{}", detail.request.title, args.id)),
        }
        return Ok(Exit::Success);
    }
    if args.follow {
        return follow_chat(ctx, &client, &detail, json).await;
    }
    interactive(ctx, &client, detail).await
}

/// Prints the conversation, then what happens, until the request leaves chatting.
async fn follow_chat(
    ctx: &Context,
    client: &Client,
    detail: &RequestDetail,
    json: Option<crate::cli::output::JsonOut>,
) -> anyhow::Result<Exit> {
    let path = format!("/v1/requests/{}/events", detail.request.id);
    // The history ends at the newest timeline event; only a later one can end the follow.
    let history_end = detail.timeline.iter().map(|e| e.id).max().unwrap_or(0);
    let chatting = detail.request.state == State::Chatting;
    let mut seen_messages = 0usize;
    let total_messages = detail.messages.len();
    follow::<()>(
        client,
        &path,
        None,
        None,
        |m| ctx.ui.status(m),
        |event: Received| {
            let value: serde_json::Value = serde_json::from_str(&event.data)?;
            match &json {
                Some(json) => {
                    let mut line = value.clone();
                    if let Some(object) = line.as_object_mut() {
                        object.insert("event".to_string(), serde_json::Value::String(event.kind.clone()));
                    }
                    json.print_line(&line)?;
                }
                None if event.kind == "message" => {
                    ctx.ui.line(&message_line(&serde_json::from_value(value.clone())?))?
                }
                None => ctx.ui.line(&state_line(&serde_json::from_value(value.clone())?))?,
            }
            if event.kind == "message" {
                seen_messages += 1;
            }
            let ended = event.kind == "state"
                && value["id"].as_i64().unwrap_or(0) > history_end
                && value["to"].as_str() != Some("chatting");
            // A request not chatting when we started has nothing more to follow once its
            // history is out.
            let history_done = !chatting && seen_messages >= total_messages;
            Ok(if ended || history_done { ControlFlow::Break(()) } else { ControlFlow::Continue(()) })
        },
    )
    .await?;
    Ok(Exit::Success)
}

/// The kind the chat gives the stream's own notices, which no server event has.
const NOTICE: &str = "livechat-notice";

/// What the agent typed, from the line editor's thread or from a piped stdin.
enum Typed {
    Line(String),
    /// Ctrl-C or Ctrl-D, or the end of piped input: leave.
    Leave,
    Failed(String),
}

/// Where the chat prints. On a terminal, a line editor owns the input line and incoming
/// lines are printed above it, so a half-typed message is never broken up.
enum Screen<'a> {
    Plain(&'a crate::cli::output::Ui),
    /// The editor's printer, and the word that lets it read the next line: it waits after each
    /// line, so a line that ends the chat leaves the terminal as it found it.
    Editor(Box<dyn ExternalPrinter + Send>, std::sync::mpsc::Sender<()>),
}

impl Screen<'_> {
    fn line(&mut self, text: &str) -> anyhow::Result<()> {
        match self {
            Screen::Plain(ui) => ui.line(text)?,
            Screen::Editor(printer, _) => printer.print(format!("{}\n", for_terminal(text)))?,
        }
        Ok(())
    }

    /// Lets the line editor read the next line.
    fn read_on(&self) {
        if let Screen::Editor(_, resume) = self {
            let _ = resume.send(());
        }
    }

    fn status(&mut self, text: &str) {
        match self {
            Screen::Plain(ui) => ui.status(text),
            Screen::Editor(printer, _) => {
                let _ = printer.print(format!("{}\n", for_terminal(text)));
            }
        }
    }
}

/// Reads what the agent types: with a line editor (history on the up arrow) when stdin and
/// stdout are a terminal, else line by line from stdin.
fn read_input(ctx: &Context) -> anyhow::Result<(Screen<'_>, mpsc::UnboundedReceiver<Typed>)> {
    let (tx, rx) = mpsc::unbounded_channel();
    if ctx.ui.stdout_tty && std::io::stdin().is_terminal() {
        let mut editor = DefaultEditor::new()?;
        let printer = editor.create_external_printer()?;
        let (resume, resumed) = std::sync::mpsc::channel::<()>();
        // The editor blocks on the terminal, so it gets a thread of its own. It gives the
        // terminal back whenever readline returns, and reads again only when told to.
        std::thread::spawn(move || {
            loop {
                let typed = match editor.readline("> ") {
                    Ok(line) => {
                        if !line.trim().is_empty() {
                            let _ = editor.add_history_entry(line.as_str());
                        }
                        Typed::Line(line)
                    }
                    Err(ReadlineError::Interrupted | ReadlineError::Eof) => Typed::Leave,
                    Err(err) => Typed::Failed(err.to_string()),
                };
                let last = !matches!(typed, Typed::Line(_));
                if tx.send(typed).is_err() || last || resumed.recv().is_err() {
                    break;
                }
            }
        });
        return Ok((Screen::Editor(Box::new(printer), resume), rx));
    }
    tokio::spawn(async move {
        let mut lines = BufReader::new(tokio::io::stdin()).lines();
        loop {
            let typed = match lines.next_line().await {
                Ok(Some(line)) => Typed::Line(line),
                Ok(None) => Typed::Leave,
                Err(err) => Typed::Failed(err.to_string()),
            };
            let last = !matches!(typed, Typed::Line(_));
            if tx.send(typed).is_err() || last {
                break;
            }
        }
    });
    Ok((Screen::Plain(&ctx.ui), rx))
}

async fn interactive(ctx: &Context, client: &Client, detail: RequestDetail) -> anyhow::Result<Exit> {
    let id = detail.request.id;
    client.start_chat(id).await?;
    // Only a change after joining can end the chat from elsewhere.
    let joined = client.request(id).await?;
    let joined_at = joined.timeline.iter().map(|e| e.id).max().unwrap_or(0);
    let r = &joined.request;
    let (mut screen, mut typed) = read_input(ctx)?;
    screen.status(&format!(
        "Chatting with {} on {} ({}), request #{id}. The bot is paused. /help lists commands; Ctrl-C leaves.",
        r.title, r.bot.name, r.channel
    ));
    // The transcript so far, then the stream from just after it.
    for message in &joined.messages {
        screen.line(&message_line(message))?;
    }
    let last_message = joined.messages.iter().map(|m| m.id).max().unwrap_or(0);
    let after = format!("{joined_at}.{last_message}");

    let (tx, mut rx) = mpsc::unbounded_channel::<Received>();
    let follower = {
        let client = client.clone();
        let path = format!("/v1/requests/{id}/events");
        tokio::spawn(async move {
            // A reconnect notice goes through the chat's screen too, so it never lands in the
            // middle of a half-typed line.
            let notices = tx.clone();
            let notice = move |text: &str| {
                let _ = notices.send(Received { kind: NOTICE.to_string(), data: text.to_string() });
            };
            follow::<()>(&client, &path, None, Some(after), notice, |event| {
                Ok(if tx.send(event).is_ok() { ControlFlow::Continue(()) } else { ControlFlow::Break(()) })
            })
            .await
        })
    };
    let outcome = loop {
        tokio::select! {
            event = rx.recv() => {
                let Some(event) = event else { break Leave::Dropped };
                if event.kind == NOTICE {
                    screen.status(&event.data);
                } else if event.kind == "message" {
                    screen.line(&message_line(&serde_json::from_str(&event.data)?))?;
                } else if event.kind == "state" {
                    let change: TimelineEvent = serde_json::from_str(&event.data)?;
                    screen.line(&state_line(&change))?;
                    if change.id > joined_at && change.to != State::Chatting {
                        break Leave::EndedElsewhere(change.to);
                    }
                }
            }
            input = typed.recv() => {
                match input {
                    Some(Typed::Line(line)) => match command(&mut screen, client, id, line.trim()).await? {
                        Some(leave) => break leave,
                        None => {
                            screen.read_on();
                            continue;
                        }
                    },
                    Some(Typed::Failed(err)) => {
                        screen.status(&format!("the terminal failed ({err}); leaving the chat"));
                        break Leave::EndChat;
                    }
                    Some(Typed::Leave) | None => break Leave::EndChat,
                }
            }
            // On a terminal the line editor reads Ctrl-C as a key; this is for the other cases.
            _ = tokio::signal::ctrl_c() => break Leave::EndChat,
        }
    };
    follower.abort();
    // A typed command that ended the chat left the editor waiting, not reading: what follows
    // is printed plainly, on a terminal given back.
    if matches!(outcome, Leave::EndChat | Leave::Resolved) {
        screen = Screen::Plain(&ctx.ui);
    }
    match outcome {
        Leave::EndChat => {
            client.end_chat(id).await?;
            screen.status(&format!("Left the chat on #{id}; the bot is answering again."));
        }
        Leave::Resolved => screen.status(&format!("Resolved #{id}; the bot is answering again.")),
        Leave::EndedElsewhere(state) => {
            screen.status(&format!("The chat on #{id} ended: the request is now {state}."));
            if let Screen::Editor(..) = screen {
                // The line editor holds the terminal until it returns.
                screen.status("Press Enter to close.");
                let _ = typed.recv().await;
            }
        }
        Leave::Dropped => {
            return Err(CliError::new(Exit::Error, "the live stream stopped; the chat is still open")
                .with_hint(format!("run `livechat requests chat {id}` again to rejoin"))
                .into());
        }
    }
    Ok(Exit::Success)
}

enum Leave {
    EndChat,
    Resolved,
    EndedElsewhere(State),
    Dropped,
}

/// Handles one typed line; `Some` when it ends the chat.
async fn command(screen: &mut Screen<'_>, client: &Client, id: i64, line: &str) -> anyhow::Result<Option<Leave>> {
    let (word, rest) = line.split_once(' ').map_or((line, ""), |(w, r)| (w, r.trim()));
    let result = match word {
        "" => return Ok(None),
        "/help" => {
            screen.status(HELP);
            return Ok(None);
        }
        "/leave" => return Ok(Some(Leave::EndChat)),
        "/note" if rest.is_empty() => {
            screen.status("/note needs the text of the note, as in `/note called back`");
            return Ok(None);
        }
        "/note" => client.add_note(id, rest).await.map(|note| screen.status(&format!("✓ Added note {}", note.id))),
        "/resolve" => {
            let note = (!rest.is_empty()).then(|| rest.to_string());
            match client.resolve(id, note).await {
                Ok(_) => return Ok(Some(Leave::Resolved)),
                Err(err) => Err(err),
            }
        }
        w if w.starts_with('/') && !w.starts_with("//") => {
            screen.status(&format!("unknown command {w}; /help lists the commands (start with // to send a slash)"));
            return Ok(None);
        }
        _ => {
            let text = line.strip_prefix('/').filter(|_| line.starts_with("//")).unwrap_or(line);
            client.send_message(id, text).await.map(|_| ())
        }
    };
    if let Err(err) = result {
        // A failed send or note is reported and the chat goes on.
        screen.status(&format!("✗ {err}"));
    }
    Ok(None)
}
