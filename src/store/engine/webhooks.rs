//! Outgoing webhooks: the hooks, and their outbox of deliveries. Changes write deliveries in
//! their own transaction (`outbox`); servers claim due ones with a lease (`claim_due`), so a
//! delivery is sent by one server at a time, and each hook's deliveries go out in order.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::collections::HashMap;

use jiff::Timestamp;
use serde_json::json;

use super::audit;
use super::changes::{write, write_found};
use super::rows::load_request;
use crate::api::{Delivery, DeliveryState, Request, Webhook, WebhookEvent, WebhookStatus};
use crate::store::sql::{Conn, Row, Value, args, ms};
use crate::store::{Audit, NewWebhook, OrgId, Outgoing, Settlement, StoreError, StoreResult};

const HOOK_SELECT: &str = "SELECT id, url, events, bot_id, status, disabled_reason, created_at, secret FROM webhooks";

fn hook_row(r: &mut Row) -> StoreResult<Webhook> {
    Ok(Webhook {
        id: r.i64(0)?,
        url: r.str(1)?,
        events: r.str(2)?.split(',').filter_map(WebhookEvent::parse).collect(),
        bot_id: r.opt_i64(3)?,
        status: if r.text(4)? == "disabled" { WebhookStatus::Disabled } else { WebhookStatus::Active },
        disabled_reason: r.opt_str(5)?,
        created_at: r.ts(6)?,
    })
}

fn event_list(events: &[WebhookEvent]) -> String {
    events.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(",")
}

/// A hook's address as the audit log keeps it: no credentials, query or fragment, which may
/// hold a receiver's secret.
fn public_part(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut url) => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.set_query(None);
            url.set_fragment(None);
            url.to_string()
        }
        Err(_) => String::new(),
    }
}

pub fn add_webhook(conn: &mut impl Conn, org_id: OrgId, hook: &NewWebhook, by: Audit) -> StoreResult<Webhook> {
    write(conn, org_id, |c, _| {
        let made = insert_webhook(c, org_id, hook)?;
        let summary = json!({"url": public_part(&made.url), "events": made.events, "bot": made.bot_id});
        audit::record(c, org_id, by, "webhook.create", format_args!("webhook:{}", made.id), summary)?;
        Ok(made)
    })
}

fn insert_webhook(conn: &mut impl Conn, org_id: OrgId, hook: &NewWebhook) -> StoreResult<Webhook> {
    let id = conn
        .query_one(
            "INSERT INTO webhooks (org_id, url, events, bot_id, secret, status, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?6) RETURNING id",
            &args![
                org_id,
                hook.url.as_str(),
                event_list(&hook.events),
                hook.bot_id,
                hook.secret.as_str(),
                Timestamp::now()
            ],
        )?
        .i64(0)?;
    hook_row(&mut conn.query_one(&format!("{HOOK_SELECT} WHERE id = ?1"), &args![id])?)
}

pub fn webhooks(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<Vec<Webhook>> {
    let sql = format!("{HOOK_SELECT} WHERE org_id = ?1 AND removed_at IS NULL ORDER BY id");
    conn.query(&sql, &args![org_id])?.iter_mut().map(hook_row).collect()
}

/// Removes a hook; what it had not delivered yet is given up on.
pub fn remove_webhook(
    conn: &mut impl Conn,
    org_id: OrgId,
    id: i64,
    now: Timestamp,
    by: Audit,
) -> StoreResult<Option<Webhook>> {
    write(conn, org_id, |c, _| {
        let sql = format!("{HOOK_SELECT} WHERE id = ?1 AND org_id = ?2 AND removed_at IS NULL");
        let Some(mut row) = c.query_opt(&sql, &args![id, org_id])? else { return Ok(None) };
        c.execute("UPDATE webhooks SET removed_at = ?1 WHERE id = ?2", &args![now, id])?;
        c.execute(
            "UPDATE webhook_deliveries SET state = 'failed', next_at = NULL, last_error = 'the webhook was removed' \
             WHERE webhook_id = ?1 AND state = 'pending'",
            &args![id],
        )?;
        let hook = hook_row(&mut row)?;
        let summary = json!({"url": public_part(&hook.url), "events": hook.events, "bot": hook.bot_id});
        audit::record(c, org_id, by, "webhook.remove", format_args!("webhook:{id}"), summary)?;
        Ok(Some(hook))
    })
}

const DELIVERY_SELECT: &str = "SELECT d.id, d.webhook_id, d.event_type, d.state, d.attempts, d.created_at, d.next_at, \
     d.last_attempt_at, d.last_status, d.last_error, d.delivered_at, w.secret FROM webhook_deliveries d \
     JOIN webhooks w ON w.id = d.webhook_id";

fn delivery_row(r: &mut Row) -> StoreResult<Delivery> {
    let id = r.i64(0)?;
    Ok(Delivery {
        id,
        webhook_id: r.i64(1)?,
        event_id: event_id(r.text(11)?, id),
        event_type: r.str(2)?,
        state: match r.text(3)? {
            "delivered" => DeliveryState::Delivered,
            "failed" => DeliveryState::Failed,
            _ => DeliveryState::Pending,
        },
        attempts: r.i64(4)?,
        created_at: r.ts(5)?,
        next_attempt_at: r.opt_ts(6)?,
        last_attempt_at: r.opt_ts(7)?,
        last_status: r.opt_i64(8)?,
        last_error: r.opt_str(9)?,
        delivered_at: r.opt_ts(10)?,
    })
}

/// The `webhook-id` of a delivery: stable across its attempts, unique to it, and opaque, so
/// a receiver learns nothing of how many deliveries the server made before it. Keyed by the
/// hook's secret, which only the server and the receiver hold.
pub fn event_id(secret: &str, delivery: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(&delivery.to_be_bytes());
    format!("msg_{}", hex::encode(&mac.finalize().into_bytes()[..16]))
}

/// The organization's deliveries, newest first: of one hook, and only failed ones, if asked.
pub fn deliveries(
    conn: &mut impl Conn,
    org_id: OrgId,
    webhook: Option<i64>,
    failed_only: bool,
    limit: usize,
) -> StoreResult<Vec<Delivery>> {
    let mut sql = format!("{DELIVERY_SELECT} WHERE w.org_id = ?1");
    let mut values = args![org_id];
    if let Some(hook) = webhook {
        sql.push_str(" AND d.webhook_id = ?2");
        values.push(Value::Int(hook));
    }
    if failed_only {
        // Failed for good, or failing and waiting for another try.
        sql.push_str(" AND (d.state = 'failed' OR (d.state = 'pending' AND d.attempts > 0))");
    }
    sql.push_str(&format!(" ORDER BY d.id DESC LIMIT {limit}"));
    conn.query(&sql, &values)?.iter_mut().map(delivery_row).collect()
}

pub fn delivery(conn: &mut impl Conn, org_id: OrgId, id: i64) -> StoreResult<Option<Delivery>> {
    let sql = format!("{DELIVERY_SELECT} WHERE d.id = ?1 AND w.org_id = ?2");
    conn.query_opt(&sql, &args![id, org_id])?.map(|mut r| delivery_row(&mut r)).transpose()
}

/// Sends a delivery again from its first attempt, and turns its hook back on if a day of
/// failures had turned it off.
pub fn redeliver(
    conn: &mut impl Conn,
    org_id: OrgId,
    id: i64,
    now: Timestamp,
    by: Audit,
) -> StoreResult<Option<Delivery>> {
    write(conn, org_id, |c, _| {
        let sql = format!("{DELIVERY_SELECT} WHERE d.id = ?1 AND w.org_id = ?2 AND w.removed_at IS NULL");
        let Some(found) = c.query_opt(&sql, &args![id, org_id])? else { return Ok(None) };
        if found.text(3)? == "pending" {
            // Queued already, perhaps in flight: sending it again now would send it twice at once.
            return delivery(c, org_id, id);
        }
        let hook = found.i64(1)?;
        c.execute(
            "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_at = ?1, lease_until = NULL, \
             created_at = ?1 WHERE id = ?2",
            &args![now, id],
        )?;
        c.execute(
            "UPDATE webhooks SET status = 'active', disabled_reason = NULL WHERE id = ?1 AND status = 'disabled'",
            &args![hook],
        )?;
        let summary = json!({"webhook": hook, "event_type": found.text(2)?});
        audit::record(c, org_id, by, "webhook.redeliver", format_args!("delivery:{id}"), summary)?;
        delivery(c, org_id, id)
    })
}

/// Queues a `webhook.test` event for one hook, after whatever it has queued already.
pub fn enqueue_test(
    conn: &mut impl Conn,
    org_id: OrgId,
    hook: i64,
    now: Timestamp,
    by: Audit,
) -> StoreResult<Option<Delivery>> {
    write(conn, org_id, |c, _| {
        let sql = format!("{HOOK_SELECT} WHERE id = ?1 AND org_id = ?2 AND removed_at IS NULL");
        if c.query_opt(&sql, &args![hook, org_id])?.is_none() {
            return Ok(None);
        }
        let payload = json!({"type": "webhook.test", "timestamp": now, "data": {"webhook_id": hook}});
        let id = insert_delivery(c, hook, None, "webhook.test", &payload.to_string(), now)?;
        audit::record(c, org_id, by, "webhook.test", format_args!("webhook:{hook}"), json!({"delivery": id}))?;
        delivery(c, org_id, id)
    })
}

fn insert_delivery(
    conn: &mut impl Conn,
    hook: i64,
    request: Option<i64>,
    kind: &str,
    payload: &str,
    now: Timestamp,
) -> StoreResult<i64> {
    conn.query_one(
        "INSERT INTO webhook_deliveries (webhook_id, request_id, event_type, payload, created_at, state, attempts, \
         next_at) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', 0, ?5) RETURNING id",
        &args![hook, request, kind, payload, now],
    )?
    .i64(0)
}

/// An event a change wants told, before it is matched to hooks.
pub struct Told {
    pub event: WebhookEvent,
    pub request: i64,
    pub at: Timestamp,
    /// For `message.created`: the message.
    pub message: Option<serde_json::Value>,
}

/// Writes a delivery for every active hook of the organization that wants each event, in
/// the transaction of the change that caused it.
pub fn outbox(conn: &mut impl Conn, org_id: OrgId, told: &[Told]) -> StoreResult<()> {
    let hooks = conn.query(
        "SELECT id, events, bot_id FROM webhooks WHERE org_id = ?1 AND removed_at IS NULL AND status = 'active'",
        &args![org_id],
    )?;
    if hooks.is_empty() {
        return Ok(());
    }
    let mut requests: HashMap<i64, Option<Request>> = HashMap::new();
    for item in told {
        let request = match requests.entry(item.request) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => slot.insert(load_request(conn, org_id, item.request)?),
        };
        let Some(request) = request.as_ref() else { continue };
        let data = match &item.message {
            Some(message) => json!({"request": request, "message": message}),
            None => serde_json::to_value(request).map_err(|e| StoreError::Database(e.to_string()))?,
        };
        let payload = json!({"type": item.event.as_str(), "timestamp": item.at, "data": data}).to_string();
        for hook in &hooks {
            let wants = hook.text(1)?.split(',').any(|e| e == item.event.as_str());
            let bot_fits = hook.opt_i64(2)?.is_none_or(|bot| bot == request.bot.id);
            if wants && bot_fits {
                insert_delivery(conn, hook.i64(0)?, Some(request.id), item.event.as_str(), &payload, item.at)?;
            }
        }
    }
    Ok(())
}

/// Claims up to `limit` deliveries that are due, each the oldest undelivered one of its hook,
/// for `lease_ms`: another server skips them until then.
pub fn claim_due(conn: &mut impl Conn, now: Timestamp, lease_ms: i64, limit: usize) -> StoreResult<Vec<Outgoing>> {
    let due = conn.query(
        &format!(
            "SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id \
             WHERE d.state = 'pending' AND d.next_at <= ?1 AND (d.lease_until IS NULL OR d.lease_until < ?1) \
             AND w.status = 'active' AND w.removed_at IS NULL \
             AND d.id = (SELECT min(e.id) FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id AND e.state = 'pending') \
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries f WHERE f.webhook_id = d.webhook_id \
                 AND f.state = 'pending' AND f.lease_until >= ?1) \
             ORDER BY d.next_at, d.id LIMIT {limit}"
        ),
        &args![now],
    )?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    write_found(conn, |c| claim(c, &due, now, lease_ms))
}

/// Leases each due delivery that no other server leased first; with the organizations
/// whose deliveries it leased.
fn claim(conn: &mut impl Conn, due: &[Row], now: Timestamp, lease_ms: i64) -> StoreResult<(Vec<OrgId>, Vec<Outgoing>)> {
    let mut claimed = Vec::new();
    let mut orgs = Vec::new();
    for row in due {
        let id = row.i64(0)?;
        // Exactly one server's update matches: the others see the lease it set.
        let won = conn.execute(
            "UPDATE webhook_deliveries SET lease_until = ?1 WHERE id = ?2 AND state = 'pending' \
             AND (lease_until IS NULL OR lease_until < ?3)",
            &args![ms(now) + lease_ms, id, now],
        )?;
        if won == 0 {
            continue;
        }
        let found = conn.query_opt(
            "SELECT d.id, d.webhook_id, w.url, w.secret, d.payload, d.attempts, d.created_at, w.org_id \
             FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ?1",
            &args![id],
        )?;
        if let Some(mut r) = found {
            orgs.push(OrgId(r.i64(7)?));
            claimed.push(Outgoing {
                id: r.i64(0)?,
                webhook_id: r.i64(1)?,
                url: r.str(2)?,
                secret: r.str(3)?,
                payload: r.str(4)?,
                attempts: r.i64(5)?,
                created_at: r.ts(6)?,
            });
        }
    }
    Ok((orgs, claimed))
}

/// Records how an attempt went.
pub fn settle(conn: &mut impl Conn, id: i64, outcome: &Settlement, now: Timestamp) -> StoreResult<()> {
    let org = conn.query_opt(
        "SELECT w.org_id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ?1",
        &args![id],
    )?;
    let Some(org) = org else { return Ok(()) };
    write(conn, OrgId(org.i64(0)?), |c, _| {
        match outcome {
            Settlement::Delivered { status } => {
                c.execute(
                    "UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, next_at = NULL, \
                     lease_until = NULL, last_attempt_at = ?1, last_status = ?2, last_error = NULL, delivered_at = ?1 \
                     WHERE id = ?3",
                    &args![now, *status, id],
                )?;
            }
            Settlement::Retry { status, error, next_at } => {
                c.execute(
                    "UPDATE webhook_deliveries SET attempts = attempts + 1, next_at = ?1, lease_until = NULL, \
                     last_attempt_at = ?2, last_status = ?3, last_error = ?4 WHERE id = ?5",
                    &args![*next_at, now, *status, error.as_str(), id],
                )?;
            }
            Settlement::GiveUp { status, error } => {
                c.execute(
                    "UPDATE webhook_deliveries SET state = 'failed', attempts = attempts + 1, next_at = NULL, \
                     lease_until = NULL, last_attempt_at = ?1, last_status = ?2, last_error = ?3 WHERE id = ?4",
                    &args![now, *status, error.as_str(), id],
                )?;
                let reason = format!("disabled at {now}: deliveries failed for a day; the last error: {error}");
                c.execute(
                    "UPDATE webhooks SET status = 'disabled', disabled_reason = ?1 \
                     WHERE id = (SELECT webhook_id FROM webhook_deliveries WHERE id = ?2)",
                    &args![reason, id],
                )?;
                // What waited behind it fails too: a disabled hook takes no new events, so
                // sending old ones after a gap would mislead the receiver.
                c.execute(
                    "UPDATE webhook_deliveries SET state = 'failed', next_at = NULL, last_error = 'the webhook was disabled' \
                     WHERE webhook_id = (SELECT webhook_id FROM webhook_deliveries WHERE id = ?1) AND state = 'pending'",
                    &args![id],
                )?;
            }
        }
        Ok(())
    })
}
