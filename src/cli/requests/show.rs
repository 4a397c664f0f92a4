//! `livechat requests show`.

use std::io::{self, Write};

use clap::Args;

use crate::api::{Message, RequestDetail};
use crate::cli::Context;
use crate::cli::error::Exit;
use crate::cli::output::{JsonArgs, Ui, compact_duration};
use crate::domain::State;

use super::request_id;

#[derive(Debug, Args)]
pub struct RequestsShowArgs {
    /// The request id, like `42` or `#42`
    #[arg(value_parser = parse_request_id)]
    id: i64,
    #[command(flatten)]
    output: JsonArgs,
}

/// Request ids are written `42` or `#42`.
pub fn parse_request_id(text: &str) -> Result<i64, String> {
    text.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| format!("`{text}` is not a request id; ids are positive numbers like 42 or #42"))
}

pub async fn run(ctx: &Context, args: RequestsShowArgs) -> anyhow::Result<Exit> {
    let json = args.output.json_out()?;
    let detail = ctx.client()?.request(args.id).await?;
    if let Some(json) = json {
        json.print(&detail)?;
    } else {
        render(&ctx.ui, &detail, &mut ctx.ui.stdout())?;
    }
    Ok(Exit::Success)
}

fn transcript(ui: &Ui, out: &mut impl Write, messages: &[Message], indent: &str) -> io::Result<()> {
    for m in messages {
        let body = m.body.replace('\n', &format!("\n{indent}    "));
        writeln!(out, "{indent}{}  {} ({}): {body}", ui.time(m.created_at), m.sender_name, m.sender)?;
    }
    Ok(())
}

pub(crate) fn render(ui: &Ui, d: &RequestDetail, out: &mut impl Write) -> io::Result<()> {
    let r = &d.request;
    let assignee = r.assignee.as_ref().map_or_else(|| "nobody".to_string(), |m| format!("{} <{}>", m.name, m.email));
    writeln!(out, "{} {}", request_id(ui, r.id), r.title)?;
    writeln!(out, "state:     {} (version {})", r.state, r.version)?;
    writeln!(out, "assignee:  {assignee}")?;
    if !r.labels.is_empty() {
        writeln!(out, "labels:    {}", r.labels.join(", "))?;
    }
    writeln!(out, "bot:       {} ({}) on {}", r.bot.name, r.bot.id, r.channel)?;
    let visitor = &r.visitor;
    let mut who = visitor.name.clone().unwrap_or_else(|| visitor.user_id.clone());
    if let Some(email) = &visitor.email {
        who.push_str(&format!(" <{email}>"));
    }
    writeln!(out, "visitor:   {who} · user id {}", visitor.user_id)?;
    writeln!(out, "created:   {}", ui.time(r.created_at))?;
    if let Some(at) = r.assigned_at {
        writeln!(out, "assigned:  {}", ui.time(at))?;
    }
    if let Some(at) = r.resolved_at {
        let took = r.time_to_resolve_seconds.map(|s| format!(" (took {})", compact_duration(s))).unwrap_or_default();
        writeln!(out, "resolved:  {}{took}", ui.time(at))?;
    }
    if let Some(at) = r.closed_at {
        writeln!(out, "closed:    {}", ui.time(at))?;
    }

    writeln!(out, "\nNotes ({})", d.notes.len())?;
    for n in &d.notes {
        writeln!(out, "  [{}] {} · {}", n.kind, n.author.display_name(), ui.time(n.created_at))?;
        for line in n.body.lines() {
            writeln!(out, "    {line}")?;
        }
    }
    writeln!(out, "\nTranscript ({} messages)", d.messages.len())?;
    transcript(ui, out, &d.messages, "  ")?;
    if !d.earlier_conversations.is_empty() {
        writeln!(out, "\nEarlier conversations ({})", d.earlier_conversations.len())?;
        for c in &d.earlier_conversations {
            writeln!(out, "  {} · {} · {}", request_id(ui, c.request_id), c.state, ui.time(c.created_at))?;
            transcript(ui, out, &c.messages, "    ")?;
        }
    }
    writeln!(out, "\nTimeline")?;
    for e in &d.timeline {
        let from = e.from.map_or_else(|| "created".to_string(), |s| s.to_string());
        let actor = e.actor.display_name();
        let holder = match &e.assignee {
            Some(m) if e.to == State::Assigned && m.name != actor => format!(", for {}", m.name),
            _ => String::new(),
        };
        writeln!(out, "  {}  {from} → {}  by {actor}{holder}", ui.time(e.at), e.to)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_accept_a_hash_and_reject_the_rest() {
        assert_eq!(parse_request_id("#42"), Ok(42));
        assert_eq!(parse_request_id(" 7 "), Ok(7));
        for bad in ["", "abc", "0", "-3", "#"] {
            assert!(parse_request_id(bad).unwrap_err().contains("is not a request id"), "{bad}");
        }
    }
}
