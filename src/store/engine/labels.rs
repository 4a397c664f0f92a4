//! Labels on requests: added and removed in bulk in one transaction, and counted per
//! organization.

use super::changes::{load_requests, write};
use crate::api::Request;
use crate::domain::Label;
use crate::store::ids::LAST_NUMBER;
use crate::store::sql::{Conn, Value, args, push_in};
use crate::store::{OrgId, StoreResult, row_id};

/// Label rows per statement.
const ROWS_PER_STATEMENT: usize = 500;

/// Adds `add` to and takes `remove` from each of the organization's requests with these
/// ids, in one transaction: for each id, its labels before and the request after, or
/// nothing for an id not in the organization.
pub fn relabel(
    conn: &mut impl Conn,
    org_id: OrgId,
    ids: &[i64],
    add: &[Label],
    remove: &[Label],
) -> StoreResult<Vec<Option<(Vec<String>, Request)>>> {
    write(conn, org_id, |c, effects| {
        let before = load_requests(c, org_id, ids)?;
        let mut found: Vec<i64> = before.keys().copied().collect();
        found.sort_unstable();
        let pairs: Vec<(i64, &Label)> = found.iter().flat_map(|id| add.iter().map(move |l| (*id, l))).collect();
        for chunk in pairs.chunks(ROWS_PER_STATEMENT) {
            let marks = vec!["(?, ?)"; chunk.len()].join(", ");
            let values: Vec<Value> = chunk.iter().flat_map(|(id, l)| [Value::Int(*id), l.as_str().into()]).collect();
            c.execute(
                &format!("INSERT INTO request_labels (request_id, name) VALUES {marks} ON CONFLICT DO NOTHING"),
                &values,
            )?;
        }
        if !remove.is_empty() && !found.is_empty() {
            let mut sql = "DELETE FROM request_labels WHERE 1 = 1".to_string();
            let mut values = Vec::new();
            push_in(&mut sql, &mut values, "request_id", found.iter().copied());
            sql.push_str(&format!(" AND name IN ({})", vec!["?"; remove.len()].join(", ")));
            values.extend(remove.iter().map(|l| Value::from(l.as_str())));
            c.execute(&sql, &values)?;
        }
        for id in &found {
            effects.touch(*id);
        }
        effects.flush(c, org_id)?;
        let after = load_requests(c, org_id, &found)?;
        Ok(ids.iter().map(|id| Some((before.get(id)?.labels.clone(), after.get(id)?.clone()))).collect())
    })
}

/// The organization's labels, each with how many requests hold it, most used first.
pub fn counts(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<Vec<(String, u64)>> {
    conn.query(
        "SELECT name, count(*) FROM request_labels WHERE request_id BETWEEN ?1 AND ?2 GROUP BY name \
         ORDER BY count(*) DESC, name",
        &args![row_id(org_id, 0), row_id(org_id, LAST_NUMBER)],
    )?
    .into_iter()
    .map(|mut r| Ok((r.str(0)?, u64::try_from(r.i64(1)?).unwrap_or(0))))
    .collect()
}
