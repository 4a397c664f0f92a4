//! `livechat bots …`: a bot's channels, automatic texts, Live Chat Request Form and
//! integration keys.

use std::io::Read;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use super::error::{CliError, Exit};
use super::output::{Field, JsonArgs, Ui, emit};
use crate::api::{Bot, BotPatch, BotTextsPatch, FieldKind, FieldSpec, NewBotBody, NewKeyBody, RequestForm};
use crate::domain::Channel;

#[derive(Debug, Args)]
pub struct BotsArgs {
    #[command(subcommand)]
    command: BotsCommand,
}

#[derive(Debug, Subcommand)]
enum BotsCommand {
    /// List your organization's bots
    List(ListArgs),
    /// Show a bot: channels, automatic texts and form
    Show(ShowArgs),
    /// Create a bot (org admins only)
    Create(CreateArgs),
    /// Change a bot's name, channels or automatic texts (org admins; bot admins of it)
    Update(UpdateArgs),
    /// Show or set a bot's Live Chat Request Form
    Form(FormArgs),
    /// Integration keys, which let a Discord or Messenger integration open requests
    Keys(KeysArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The bot's id
    bot: i64,
    #[command(flatten)]
    output: JsonArgs,
}

/// Comma-separated channels, as people write them.
fn channel_list(text: &str) -> Result<Vec<Channel>, String> {
    text.split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty())
        .map(|c| c.parse::<Channel>().map_err(|_| format!("`{c}` is not a channel; use web, discord or messenger")))
        .collect()
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The bot's name, as visitors see it
    name: String,
    /// Where it is deployed: web, discord, messenger, comma-separated
    #[arg(long = "channel", value_parser = channel_list, value_name = "CHANNELS", required = true)]
    channels: Vec<Vec<Channel>>,
    #[command(flatten)]
    texts: TextArgs,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct TextArgs {
    /// The bot's answer while a request waits in the queue
    #[arg(long, value_name = "TEXT")]
    queue_reply: Option<String>,
    /// The transcript's line when an agent starts chatting; `{agent}` is their name
    #[arg(long, value_name = "TEXT")]
    agent_joined: Option<String>,
    /// The transcript's line when the agent stops chatting; `{agent}` is their name
    #[arg(long, value_name = "TEXT")]
    agent_left: Option<String>,
    /// The bot's answer while no member is online
    #[arg(long, value_name = "TEXT")]
    offline_reply: Option<String>,
}

impl TextArgs {
    fn patch(self) -> Option<BotTextsPatch> {
        let patch = BotTextsPatch {
            queue_reply: self.queue_reply,
            agent_joined: self.agent_joined,
            agent_left: self.agent_left,
            offline_reply: self.offline_reply,
        };
        let any = patch.queue_reply.is_some()
            || patch.agent_joined.is_some()
            || patch.agent_left.is_some()
            || patch.offline_reply.is_some();
        any.then_some(patch)
    }
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The bot's id
    bot: i64,
    /// A new name
    #[arg(long)]
    name: Option<String>,
    /// The channels it is deployed on, replacing the current ones
    #[arg(long = "channel", value_parser = channel_list, value_name = "CHANNELS")]
    channels: Vec<Vec<Channel>>,
    /// A site that may show the web chat page in a frame, as an origin like
    /// `https://shop.example` (repeat for several; replaces the current list)
    #[arg(long = "embed-origin", value_name = "ORIGIN", conflicts_with = "no_embed_origins")]
    embed_origins: Vec<String>,
    /// Let no site frame the web chat page (the default for a new bot)
    #[arg(long)]
    no_embed_origins: bool,
    #[command(flatten)]
    texts: TextArgs,
    #[command(flatten)]
    output: JsonArgs,
}

#[derive(Debug, Args)]
pub struct FormArgs {
    #[command(subcommand)]
    command: FormCommand,
}

#[derive(Debug, Subcommand)]
enum FormCommand {
    /// Show the form's fields
    Show {
        /// The bot's id
        bot: i64,
        #[command(flatten)]
        output: JsonArgs,
    },
    /// Replace the form: from a file shaped as `form show --json` prints, or from --field flags
    Set {
        /// The bot's id
        bot: i64,
        /// The form as JSON (`-` for stdin)
        #[arg(long, value_name = "FILE", conflicts_with = "fields", required_unless_present = "fields")]
        file: Option<PathBuf>,
        /// A field as KEY:LABEL:KIND, with `:required` to require it and `select=A|B` as the
        /// kind of a choice (repeat, in order)
        #[arg(long = "field", value_name = "SPEC", value_parser = field_spec)]
        fields: Vec<FieldSpec>,
        #[command(flatten)]
        output: JsonArgs,
    },
}

/// A field from the command line: `order_number:Order number:text:required`,
/// `topic:Topic:select=billing|shipping`.
fn field_spec(text: &str) -> Result<FieldSpec, String> {
    let usage =
        || format!("`{text}` is not a field; write KEY:LABEL:KIND[:required], e.g. `order:Order number:text:required`");
    let mut parts = text.split(':');
    let (Some(key), Some(label), Some(kind)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(usage());
    };
    let required = match parts.next() {
        None => false,
        Some("required") => true,
        Some(_) => return Err(usage()),
    };
    if parts.next().is_some() {
        return Err(usage());
    }
    let (kind, options) = match kind.split_once('=') {
        Some(("select", options)) => {
            (FieldKind::Select, Some(options.split('|').map(|o| o.trim().to_string()).collect()))
        }
        Some(_) => return Err(usage()),
        None => {
            let kind = serde_json::from_value::<FieldKind>(serde_json::Value::String(kind.trim().to_string()))
                .map_err(|_| {
                    format!("`{kind}` is not a field kind; use text, email, phone, number, textarea or select=A|B")
                })?;
            (kind, None)
        }
    };
    Ok(FieldSpec { key: key.trim().to_string(), label: label.trim().to_string(), kind, required, options })
}

#[derive(Debug, Args)]
pub struct KeysArgs {
    #[command(subcommand)]
    command: KeysCommand,
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// List a bot's integration keys
    List {
        /// The bot's id
        bot: i64,
        #[command(flatten)]
        output: JsonArgs,
    },
    /// Create an integration key; it is shown once
    Create {
        /// The bot's id
        bot: i64,
        /// What the key is for, like `discord gateway`
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        output: JsonArgs,
    },
    /// Revoke an integration key: it stops working at once
    Revoke {
        /// The bot's id
        bot: i64,
        /// The key's id, from `bots keys list`
        key: i64,
        #[command(flatten)]
        output: JsonArgs,
    },
}

fn read_form(path: &PathBuf) -> Result<RequestForm, CliError> {
    let text = if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| CliError::usage(format!("cannot read the form from stdin: {e}")))?;
        text
    } else {
        std::fs::read_to_string(path).map_err(|e| CliError::usage(format!("cannot read {}: {e}", path.display())))?
    };
    let not_a_form = |e: serde_json::Error| {
        CliError::usage(format!("{} is not a form: {e}", path.display()))
            .with_hint("its shape is what `livechat bots form show BOT --json` prints: {\"fields\": [{\"key\", \"label\", \"kind\", \"required\"}]}")
    };
    // A list alone is taken as the form's fields, the part people write by hand.
    let form = match serde_json::from_str(&text).map_err(not_a_form)? {
        serde_json::Value::Array(fields) => {
            RequestForm { fields: serde_json::from_value(serde_json::Value::Array(fields)).map_err(not_a_form)? }
        }
        other => serde_json::from_value(other).map_err(not_a_form)?,
    };
    form.check().map_err(|why| CliError::usage(format!("the form in {} is not valid: {why}", path.display())))?;
    Ok(form)
}

pub async fn run(ctx: &Context, args: BotsArgs) -> anyhow::Result<Exit> {
    let client = ctx.client()?;
    match args.command {
        BotsCommand::List(args) => {
            let json = args.output.json_out()?;
            let bots = client.bots().await?;
            emit(json, &bots, |bots| {
                let rows = bots
                    .iter()
                    .map(|b| {
                        vec![
                            Field::plain(b.id.to_string()),
                            Field::plain(&b.name),
                            Field::plain(channels(b)),
                            Field::plain(b.form.fields.len().to_string()),
                        ]
                    })
                    .collect();
                ctx.ui.table(&["id", "name", "channels", "form fields"], rows)?;
                Ok(())
            })?;
        }
        BotsCommand::Show(args) => {
            let json = args.output.json_out()?;
            let bot = client.bot(args.bot).await?;
            emit(json, &bot, |bot| {
                show(&ctx.ui, bot)?;
                Ok(())
            })?;
        }
        BotsCommand::Create(args) => {
            let json = args.output.json_out()?;
            let body =
                NewBotBody { name: args.name, channels: args.channels.concat(), texts: args.texts.patch(), form: None };
            let bot = client.create_bot(&body).await?;
            emit(json, &bot, |bot| {
                ctx.ui.status(&format!("✓ Created bot {} `{}` on {}", bot.id, bot.name, channels(bot)));
                if bot.channels.contains(&Channel::Web) {
                    ctx.ui.status(&format!("Its web chat page is {}/chat/{}", ctx.resolve()?.url, bot.id));
                }
                Ok(())
            })?;
        }
        BotsCommand::Update(args) => {
            let json = args.output.json_out()?;
            let body = BotPatch {
                name: args.name,
                channels: (!args.channels.is_empty()).then(|| args.channels.concat()),
                texts: args.texts.patch(),
                form: None,
                embed_origins: match (args.no_embed_origins, args.embed_origins.is_empty()) {
                    (true, _) => Some(Vec::new()),
                    (false, true) => None,
                    (false, false) => Some(args.embed_origins),
                },
            };
            let bot = client.update_bot(args.bot, &body).await?;
            emit(json, &bot, |bot| {
                ctx.ui.status(&format!("✓ Updated bot {} `{}`", bot.id, bot.name));
                Ok(())
            })?;
        }
        BotsCommand::Form(FormArgs { command: FormCommand::Show { bot, output } }) => {
            let json = output.json_out()?;
            let form = client.bot(bot).await?.form;
            emit(json, &form, |form| {
                form_table(&ctx.ui, form)?;
                Ok(())
            })?;
        }
        BotsCommand::Form(FormArgs { command: FormCommand::Set { bot, file, fields, output } }) => {
            let json = output.json_out()?;
            let form = match file {
                Some(path) => read_form(&path)?,
                None => {
                    let form = RequestForm { fields };
                    form.check().map_err(|why| CliError::usage(format!("the form is not valid: {why}")))?;
                    form
                }
            };
            let form = client.set_form(bot, &form).await?;
            emit(json, &form, |form| {
                ctx.ui.status(&format!(
                    "✓ Bot {bot}'s form now asks for {}",
                    crate::cli::output::count(form.fields.len() as u64, "field")
                ));
                Ok(())
            })?;
        }
        BotsCommand::Keys(KeysArgs { command }) => keys(ctx, &client, command).await?,
    }
    Ok(Exit::Success)
}

async fn keys(ctx: &Context, client: &crate::client::Client, command: KeysCommand) -> anyhow::Result<()> {
    match command {
        KeysCommand::List { bot, output } => {
            let json = output.json_out()?;
            let keys = client.bot_keys(bot).await?;
            emit(json, &keys, |keys| {
                let rows = keys
                    .iter()
                    .map(|k| {
                        vec![
                            Field::plain(k.id.to_string()),
                            Field::plain(&k.name),
                            Field::plain(ctx.ui.time(k.created_at)),
                            Field::plain(k.last_used_at.map(|at| ctx.ui.time(at)).unwrap_or_else(|| "never".into())),
                        ]
                    })
                    .collect();
                ctx.ui.table(&["id", "name", "created", "last used"], rows)?;
                Ok(())
            })?;
        }
        KeysCommand::Create { bot, name, output } => {
            let json = output.json_out()?;
            let created = client.create_bot_key(bot, &NewKeyBody { name }).await?;
            emit(json, &created, |created| {
                ctx.ui.status(&format!(
                    "✓ Created key {} `{}` for bot {bot}. It is shown only now; the integration sends it as \
                     `Authorization: Bearer <key>` to POST /v1/integrations/requests:",
                    created.info.id, created.info.name
                ));
                ctx.ui.line(&created.key)?;
                Ok(())
            })?;
        }
        KeysCommand::Revoke { bot, key, output } => {
            let json = output.json_out()?;
            let revoked = client.revoke_bot_key(bot, key).await?;
            emit(json, &revoked, |revoked| {
                ctx.ui.status(&format!("✓ Revoked key {} `{}` of bot {bot}", revoked.id, revoked.name));
                Ok(())
            })?;
        }
    }
    Ok(())
}

fn channels(bot: &Bot) -> String {
    bot.channels.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")
}

fn show(ui: &Ui, bot: &Bot) -> std::io::Result<()> {
    ui.line(&format!("id:             {}", bot.id))?;
    ui.line(&format!("name:           {}", bot.name))?;
    ui.line(&format!("channels:       {}", channels(bot)))?;
    ui.line(&format!("queue reply:    {}", bot.texts.queue_reply))?;
    ui.line(&format!("agent joined:   {}", bot.texts.agent_joined))?;
    ui.line(&format!("agent left:     {}", bot.texts.agent_left))?;
    ui.line(&format!("offline reply:  {}", bot.texts.offline_reply))?;
    let framed_by = if bot.embed_origins.is_empty() { "no site".to_string() } else { bot.embed_origins.join(", ") };
    ui.line(&format!("framed by:      {framed_by}"))?;
    ui.line("form:")?;
    form_table(ui, &bot.form)
}

fn form_table(ui: &Ui, form: &RequestForm) -> std::io::Result<()> {
    let rows = form
        .fields
        .iter()
        .map(|f| {
            vec![
                Field::plain(&f.key),
                Field::plain(&f.label),
                Field::plain(f.kind.as_str()),
                Field::plain(if f.required { "yes" } else { "no" }),
                Field::plain(f.options.as_ref().map(|o| o.join(", ")).unwrap_or_default()),
            ]
        })
        .collect();
    ui.table(&["key", "label", "kind", "required", "options"], rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_from_the_command_line() {
        let f = field_spec("order_number:Order number:text:required").unwrap();
        assert_eq!(
            (f.key.as_str(), f.label.as_str(), f.kind, f.required),
            ("order_number", "Order number", FieldKind::Text, true)
        );
        let f = field_spec("topic:Topic:select=billing|shipping").unwrap();
        assert_eq!(f.options.unwrap(), ["billing", "shipping"]);
        assert!(field_spec("topic:Topic").is_err());
        assert!(field_spec("topic:Topic:colour").unwrap_err().contains("not a field kind"));
        assert!(field_spec("a:A:text:optional").is_err());
    }
}
