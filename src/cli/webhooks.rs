//! `livechat webhooks …`: outgoing notifications, so scripts and chat tools hear about the
//! queue without polling (org admins only).

use clap::{Args, Subcommand};

use super::Context;
use super::error::{CliError, Exit};
use super::output::{Field, JsonArgs, Ui, emit};
use crate::api::{Delivery, DeliveryState, WebhookBody, WebhookEvent};
use crate::client::DeliveriesQuery;

#[derive(Debug, Args)]
pub struct WebhooksArgs {
    #[command(subcommand)]
    command: WebhooksCommand,
}

/// Comma-separated events, as people write them.
fn event_list(text: &str) -> Result<Vec<WebhookEvent>, String> {
    let all = || WebhookEvent::ALL.map(|e| e.as_str()).join(", ");
    text.split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| WebhookEvent::parse(e).ok_or_else(|| format!("`{e}` is not an event; use {}", all())))
        .collect()
}

#[derive(Debug, Subcommand)]
enum WebhooksCommand {
    /// Add a webhook; its signing secret is shown once
    Add {
        /// Where deliveries are POSTed (named apart from the global --url, the server's)
        #[arg(value_name = "URL")]
        endpoint: String,
        /// Events, comma-separated: request.created, request.assigned, request.resolved, request.closed, message.created
        #[arg(long, value_parser = event_list, value_name = "EVENTS", required = true)]
        events: Vec<Vec<WebhookEvent>>,
        /// Only this bot's requests, by id
        #[arg(long, value_name = "BOT_ID")]
        bot: Option<i64>,
        #[command(flatten)]
        output: JsonArgs,
    },
    /// List the webhooks
    List {
        #[command(flatten)]
        output: JsonArgs,
    },
    /// Remove a webhook; what it had not delivered is given up on
    Remove {
        /// The webhook's id
        id: i64,
        #[command(flatten)]
        output: JsonArgs,
    },
    /// Send a `webhook.test` event now and show how the receiver answered
    Test {
        /// The webhook's id
        id: i64,
        #[command(flatten)]
        output: JsonArgs,
    },
    /// Show recent deliveries, newest first
    Deliveries {
        /// Only this webhook's
        #[arg(long, value_name = "ID")]
        webhook: Option<i64>,
        /// Only those that failed, or are failing and waiting for another try
        #[arg(long)]
        failed: bool,
        /// How many
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u16).range(1..=500))]
        limit: u16,
        #[command(flatten)]
        output: JsonArgs,
    },
    /// Send a delivery again (and turn its webhook back on if it was disabled)
    Redeliver {
        /// The delivery's id, from `webhooks deliveries`
        id: i64,
        #[command(flatten)]
        output: JsonArgs,
    },
}

pub async fn run(ctx: &Context, args: WebhooksArgs) -> anyhow::Result<Exit> {
    let client = ctx.client()?;
    match args.command {
        WebhooksCommand::Add { endpoint, events, bot, output } => {
            let json = output.json_out()?;
            let body = WebhookBody { url: endpoint, events: events.concat(), bot_id: bot };
            let created = client.add_webhook(&body).await?;
            emit(json, &created, |created| {
                ctx.ui.status(&format!(
                    "✓ Added webhook {} for {}. Its signing secret is shown only now; give it to the receiver:",
                    created.webhook.id,
                    events_of(&created.webhook.events)
                ));
                ctx.ui.line(&created.secret)?;
                Ok(())
            })?;
        }
        WebhooksCommand::List { output } => {
            let json = output.json_out()?;
            let hooks = client.webhooks().await?;
            emit(json, &hooks, |hooks| {
                let rows = hooks
                    .iter()
                    .map(|h| {
                        let status = match &h.disabled_reason {
                            Some(reason) => format!("disabled: {reason}"),
                            None => "active".into(),
                        };
                        vec![
                            Field::plain(h.id.to_string()),
                            Field::plain(&h.url),
                            Field::plain(events_of(&h.events)),
                            Field::plain(h.bot_id.map(|b| b.to_string()).unwrap_or_else(|| "all".into())),
                            Field::plain(status),
                        ]
                    })
                    .collect();
                ctx.ui.table(&["id", "url", "events", "bot", "status"], rows)?;
                Ok(())
            })?;
        }
        WebhooksCommand::Remove { id, output } => {
            let json = output.json_out()?;
            let removed = client.remove_webhook(id).await?;
            emit(json, &removed, |removed| {
                ctx.ui.status(&format!("✓ Removed webhook {id} ({})", removed.url));
                Ok(())
            })?;
        }
        WebhooksCommand::Test { id, output } => {
            let json = output.json_out()?;
            let delivery = client.test_webhook(id).await?;
            if let Some(json) = &json {
                json.print(&delivery)?;
            }
            return match delivery.state {
                DeliveryState::Delivered => {
                    if json.is_none() {
                        let status = delivery.last_status.map(|s| s.to_string()).unwrap_or_default();
                        ctx.ui.status(&format!("✓ The receiver took the test event ({status})"));
                    }
                    Ok(Exit::Success)
                }
                _ if delivery.attempts == 0 => Err(CliError::new(
                    Exit::Error,
                    format!("the test event (delivery {}) is queued behind earlier deliveries", delivery.id),
                )
                .with_hint(format!("see them with `livechat webhooks deliveries --webhook {id} --failed`"))
                .into()),
                _ => Err(CliError::new(
                    Exit::Error,
                    format!(
                        "the receiver did not take the test event: {}",
                        delivery.last_error.as_deref().unwrap_or("no answer")
                    ),
                )
                .with_hint("it is retried like any delivery; fix the receiver, then `livechat webhooks redeliver`")
                .into()),
            };
        }
        WebhooksCommand::Deliveries { webhook, failed, limit, output } => {
            let json = output.json_out()?;
            let query = DeliveriesQuery { webhook, failed, limit: Some(usize::from(limit)) };
            let deliveries = client.deliveries(&query).await?;
            emit(json, &deliveries, |deliveries| {
                deliveries_table(&ctx.ui, deliveries)?;
                Ok(())
            })?;
        }
        WebhooksCommand::Redeliver { id, output } => {
            let json = output.json_out()?;
            let delivery = client.redeliver(id).await?;
            emit(json, &delivery, |delivery| {
                ctx.ui.status(&format!("✓ Delivery {id} is queued again for webhook {}", delivery.webhook_id));
                Ok(())
            })?;
        }
    }
    Ok(Exit::Success)
}

fn events_of(events: &[WebhookEvent]) -> String {
    events.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(",")
}

fn deliveries_table(ui: &Ui, deliveries: &[Delivery]) -> std::io::Result<()> {
    let rows = deliveries
        .iter()
        .map(|d| {
            let outcome = match (d.state, &d.last_error) {
                (DeliveryState::Delivered, _) => format!("{}", d.last_status.unwrap_or_default()),
                (_, Some(error)) => error.clone(),
                _ => String::new(),
            };
            vec![
                Field::plain(d.id.to_string()),
                Field::plain(d.webhook_id.to_string()),
                Field::plain(&d.event_type),
                Field::plain(d.state.as_str()),
                Field::plain(d.attempts.to_string()),
                Field::plain(ui.optional_time(d.next_attempt_at)),
                Field::plain(outcome),
            ]
        })
        .collect();
    ui.table(&["id", "webhook", "event", "state", "attempts", "next attempt", "last answer"], rows)
}
