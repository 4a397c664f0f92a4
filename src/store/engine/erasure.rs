//! Erasing one person on request: what they told us goes from every request they filed,
//! while each request keeps its row, states, times, timeline and counts, so the queue and
//! analytics still add up. One transaction, inside one organization. The search indexes
//! follow the rewritten text by themselves (SQLite's triggers, PostgreSQL's generated columns).

use std::collections::HashMap;

use jiff::Timestamp;

use serde_json::json;

use super::audit;
use super::changes::write;
use super::rows::{self, REQUEST_SELECT};
use crate::api::{Erasure, FormField, Request};
use crate::store::sql::{Conn, Value, args};
use crate::store::{Audit, Erasee, OrgId, StoreError, StoreResult, number};

/// What erased text reads as: transcripts, notes, form answers and webhook payloads.
pub const ERASED: &str = "[erased]";
/// An erased request's title.
pub const ERASED_TITLE: &str = "Erased visitor";

/// The organization's requests of the visitors in the `IN (…)` list that follows; `?1` is
/// the organization.
const REQUESTS_OF: &str = "SELECT id FROM requests WHERE org_id = ?1 AND visitor_id IN";

/// Erases the visitors `whom` finds, or with `dry_run` only counts what it would erase;
/// `None` if it finds nobody.
pub fn erase(
    conn: &mut impl Conn,
    org_id: OrgId,
    whom: &Erasee,
    dry_run: bool,
    now: Timestamp,
    by: Audit,
) -> StoreResult<Option<Erasure>> {
    write(conn, org_id, |c, effects| {
        let found = find(c, org_id, whom)?;
        if found.is_empty() {
            effects.wrote_nothing();
            return Ok(None);
        }
        // The visitors' rows, then their requests', locked in id order: a request opening for
        // them, or a message arriving on theirs, waits for this erasure and then finds its
        // visitor gone or its version spent.
        let (list, ids) = in_list(&found);
        let lock = c.dialect().lock_rows("v");
        let sql = format!("SELECT v.id FROM visitors v WHERE v.id IN {list} ORDER BY v.id{lock}");
        let visitors = ids_of(c.query(&sql, &ids)?)?;
        let of_org = |sql: &str, first: Vec<Value>| {
            let mut values = first;
            values.extend(ids.iter().cloned());
            (format!("{sql} {list}"), values)
        };
        let lock = c.dialect().lock_rows("r");
        let (sql, values) =
            of_org("SELECT r.id FROM requests r WHERE r.org_id = ?1 AND r.visitor_id IN", args![org_id]);
        let requests = ids_of(c.query(&format!("{sql} ORDER BY r.id{lock}"), &values)?)?;
        let (mut messages, mut notes) = (0, 0);
        for (table, n) in [("messages", &mut messages), ("notes", &mut notes)] {
            let (sql, values) =
                of_org(&format!("SELECT count(*) FROM {table} WHERE request_id IN ({REQUESTS_OF}"), args![org_id]);
            *n = c.query_one(&format!("{sql})"), &values)?.count(0)?;
        }
        let (sql, values) = of_org(
            &format!("SELECT id, request_id, payload FROM webhook_deliveries WHERE request_id IN ({REQUESTS_OF}"),
            args![org_id],
        );
        let deliveries = c.query(&format!("{sql})"), &values)?;
        let sql = format!("SELECT count(*) FROM conversations WHERE visitor_id IN {list}");
        let conversations = c.query_one(&sql, &ids)?.count(0)?;
        let receipt = Erasure {
            dry_run,
            visitor_ids: visitors.clone(),
            request_ids: requests.iter().map(|id| number(*id)).collect(),
            visitors: visitors.len() as u64,
            requests: requests.len() as u64,
            messages,
            notes,
            conversations,
            deliveries: deliveries.len() as u64,
        };
        if dry_run {
            effects.wrote_nothing();
            return Ok(Some(receipt));
        }

        // A placeholder user id that no visitor's can be (an integration's has a colon, and
        // the server makes the rest otherwise), unique per bot as the index wants.
        let sql = format!(
            "UPDATE visitors SET name = NULL, email = NULL, user_id = 'erased-' || CAST(id AS TEXT) WHERE id IN {list}"
        );
        c.execute(&sql, &ids)?;
        // A new version, so clients holding the request read it again.
        let (sql, values) = of_org(
            "UPDATE requests SET title = ?2, visitor_name = NULL, visitor_email = NULL, origin = NULL, \
             visitor_user_id = 'erased-' || CAST(visitor_id AS TEXT), version = version + 1, updated_at = ?3 \
             WHERE org_id = ?1 AND visitor_id IN",
            args![org_id, ERASED_TITLE, now],
        );
        c.execute(&sql, &values)?;
        // Every line and note, the staff's too: a reply or a comment can quote the person.
        for table in ["messages", "notes"] {
            let (sql, values) = of_org(
                &format!("UPDATE {table} SET body = ?2 WHERE request_id IN ({REQUESTS_OF}"),
                args![org_id, ERASED],
            );
            c.execute(&format!("{sql})"), &values)?;
        }
        let (sql, values) = of_org(
            &format!("SELECT id, fields FROM notes WHERE fields IS NOT NULL AND request_id IN ({REQUESTS_OF}"),
            args![org_id],
        );
        for mut row in c.query(&format!("{sql})"), &values)? {
            let fields = erased_fields(&row.str(1)?);
            c.execute("UPDATE notes SET fields = ?1 WHERE id = ?2", &args![fields, row.i64(0)?])?;
        }
        let sql = format!("DELETE FROM conversations WHERE visitor_id IN {list}");
        c.execute(&sql, &ids)?;

        let (sql, values) = of_org(&format!("{REQUEST_SELECT} WHERE r.org_id = ?1 AND r.visitor_id IN"), args![org_id]);
        let erased: HashMap<i64, Request> = rows::requests(c, &sql, &values)?.into_iter().map(|r| (r.id, r)).collect();
        for mut row in deliveries {
            let request =
                erased.get(&row.i64(1)?).ok_or_else(|| StoreError::Database("an erased request vanished".into()))?;
            let payload = erased_payload(&row.str(2)?, request)?;
            c.execute("UPDATE webhook_deliveries SET payload = ?1 WHERE id = ?2", &args![payload, row.i64(0)?])?;
        }
        // Numbered for the change feed when the transaction ends, last, as every writer is.
        for id in &requests {
            effects.touch(*id);
        }
        // What was erased and how it was found, never what it said.
        let selector = match whom {
            Erasee::Visitor(_) => "visitor",
            Erasee::Email(_) => "email",
            Erasee::UserId(..) => "user_id",
        };
        let summary = json!({
            "found_by": selector, "visitors": receipt.visitor_ids, "requests": receipt.request_ids,
            "messages": receipt.messages, "notes": receipt.notes, "deliveries": receipt.deliveries,
        });
        audit::record(c, org_id, by, "visitor.erase", format_args!("visitor:{}", visitors[0]), summary)?;
        Ok(Some(receipt))
    })
}

/// The organization's visitors `whom` names, in id order.
fn find(conn: &mut impl Conn, org_id: OrgId, whom: &Erasee) -> StoreResult<Vec<i64>> {
    let visitors = "SELECT v.id FROM visitors v JOIN bots b ON b.id = v.bot_id WHERE b.org_id = ?1";
    let rows = match whom {
        Erasee::Visitor(id) => conn.query(&format!("{visitors} AND v.id = ?2"), &args![org_id, *id])?,
        Erasee::Email(email) => {
            // Visitors' addresses are kept as they were typed; each request keeps its own form's.
            let lower = |column: &str| conn.dialect().ascii_lower(column);
            let sql = format!(
                "{visitors} AND {} = ?2 UNION SELECT r.visitor_id FROM requests r WHERE r.org_id = ?1 AND {} = ?2",
                lower("v.email"),
                lower("r.visitor_email")
            );
            conn.query(&sql, &args![org_id, email.as_str()])?
        }
        Erasee::UserId(channel, id) => {
            // An integration's visitors are stored as `CHANNEL:ID`; the web form's (and the
            // demo's) by a bare id, which their requests' channel qualifies.
            let sql = format!(
                "{visitors} AND (v.user_id = ?2 OR (v.user_id = ?3 AND EXISTS \
                 (SELECT 1 FROM requests r WHERE r.visitor_id = v.id AND r.channel = ?4)))"
            );
            let named = format!("{channel}:{id}");
            conn.query(&sql, &args![org_id, named, id.as_str(), channel.as_str()])?
        }
    };
    let mut ids = ids_of(rows)?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// `(?, ?, …)` for `ids`, and their values.
fn in_list(ids: &[i64]) -> (String, Vec<Value>) {
    (format!("({})", vec!["?"; ids.len()].join(", ")), ids.iter().map(|id| Value::Int(*id)).collect())
}

fn ids_of(rows: Vec<crate::store::sql::Row>) -> StoreResult<Vec<i64>> {
    rows.iter().map(|r| r.i64(0)).collect()
}

/// A form note's answers with every value erased and the bot's field names kept.
fn erased_fields(stored: &str) -> Option<String> {
    let fields: Vec<FormField> = serde_json::from_str(stored).ok()?;
    let erased: Vec<FormField> = fields.into_iter().map(|f| FormField { value: ERASED.into(), ..f }).collect();
    serde_json::to_string(&erased).ok()
}

/// A webhook payload as it was written, but for what it said of the person: the request's
/// title and visitor as they are after the erasure, and a message's text. The request stays
/// as the event saw it otherwise (its state, assignee and version then).
fn erased_payload(stored: &str, erased: &Request) -> StoreResult<String> {
    let to_json = |e: serde_json::Error| StoreError::Database(format!("a webhook payload: {e}"));
    let mut payload: serde_json::Value = serde_json::from_str(stored).map_err(to_json)?;
    let data = &mut payload["data"];
    let request = if data.get("message").is_some() {
        data["message"]["body"] = ERASED.into();
        &mut data["request"]
    } else {
        data
    };
    request["title"] = erased.title.clone().into();
    request["visitor"] = serde_json::to_value(&erased.visitor).map_err(to_json)?;
    Ok(payload.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_answers_keep_their_fields_and_lose_their_values() {
        let stored = r#"[{"name":"name","value":"Maya Chen"},{"name":"order","value":"A-1001"}]"#;
        let erased = erased_fields(stored).unwrap();
        assert_eq!(erased, r#"[{"name":"name","value":"[erased]"},{"name":"order","value":"[erased]"}]"#);
    }
}
