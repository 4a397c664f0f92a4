//! Full-text search, written once for both databases: SQLite's FTS5 indexes and
//! PostgreSQL's `tsvector` columns (see the migrations) answer "which rows hold every word";
//! an organization's rows are one id range, so a search never reads another's.

use std::collections::HashSet;

use super::changes::load_requests;
use super::requests::push_filter;
use crate::api::FoundIn;
use crate::store::ids::LAST_NUMBER;
use crate::store::sql::{Conn, Dialect, Value, push_in};
use crate::store::{OrgId, RequestFilter, SearchHit, SearchTerms, StoreResult, row_id};

/// Matching texts ranked per search, at most: enough for the first pages of requests a
/// person reads, without sorting every match of a common word.
const MOST_TEXTS: i64 = 2_000;

/// One source of text: its table, and what a hit in it shows.
struct Source {
    table: &'static str,
    found_in: FoundIn,
}

const SOURCES: [Source; 3] = [
    Source { table: "messages", found_in: FoundIn::Message },
    Source { table: "notes", found_in: FoundIn::Note },
    Source { table: "requests", found_in: FoundIn::Visitor },
];

impl Source {
    /// The request id, the text and the relevance of each of the organization's rows that
    /// hold every word; the arguments are the words and the organization's id range.
    fn matches(&self, dialect: Dialect) -> String {
        let table = self.table;
        let (row, request, text) = match self.found_in {
            FoundIn::Visitor => (
                "r",
                "r.id",
                "r.title || ' · ' || coalesce(r.visitor_name, '') || ' ' || coalesce(r.visitor_email, '')",
            ),
            _ => ("t", "t.request_id", "t.body"),
        };
        match dialect {
            Dialect::Sqlite => format!(
                "SELECT {request} AS request_id, {text} AS body, -bm25({table}_search) AS score \
                 FROM {table}_search JOIN {table} {row} ON {row}.id = {table}_search.rowid \
                 WHERE {table}_search MATCH ? AND {table}_search.rowid BETWEEN ? AND ?"
            ),
            Dialect::Postgres => format!(
                "SELECT {request} AS request_id, {text} AS body, ts_rank({row}.search, q) AS score \
                 FROM {table} {row}, to_tsquery('simple', ?) q WHERE {row}.search @@ q AND {row}.id BETWEEN ? AND ?"
            ),
        }
    }
}

/// The words as each database's query language takes them; every word is letters and
/// digits only, so nothing in it is syntax.
fn query(dialect: Dialect, terms: &SearchTerms) -> String {
    match dialect {
        Dialect::Sqlite => terms.words().iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" "),
        Dialect::Postgres => terms.words().join(" & "),
    }
}

/// Appends ` AND {r}id IN (…)`: the organization's requests one of whose texts holds every
/// word.
pub fn push_search(sql: &mut String, args: &mut Vec<Value>, dialect: Dialect, org_id: OrgId, terms: &SearchTerms) {
    let words = query(dialect, terms);
    let parts: Vec<String> = SOURCES
        .iter()
        .map(|source| {
            args.extend([Value::from(words.as_str()), row_id(org_id, 0).into(), row_id(org_id, LAST_NUMBER).into()]);
            format!("SELECT request_id FROM ({}) s", source.matches(dialect))
        })
        .collect();
    sql.push_str(&format!(" AND r.id IN ({})", parts.join(" UNION ")));
}

/// The requests whose texts hold every word, best first, each once with its best text, up
/// to `limit` of them; the filter's other conditions hold too.
pub fn search(
    conn: &mut impl Conn,
    org_id: OrgId,
    filter: &RequestFilter,
    terms: &SearchTerms,
    limit: usize,
) -> StoreResult<Vec<SearchHit>> {
    let dialect = conn.dialect();
    let words = query(dialect, terms);
    // Each source ranked by a statement of its own, merged here: PostgreSQL plans one
    // UNION of the three far worse than each alone (2 s against 6 to 13 ms on a million
    // requests), since it cannot push the limit into the branches.
    let mut texts = Vec::new();
    for source in &SOURCES {
        // The request's own conditions, on its row, looked up by each match: a subquery of
        // the requests that pass would read the whole organization first.
        let mut sql = format!(
            "SELECT s.request_id, s.body, CAST(s.score * 1000000 AS BIGINT) FROM ({}) s \
             JOIN requests q ON q.id = s.request_id WHERE q.org_id = ?",
            source.matches(dialect)
        );
        let mut args = vec![Value::from(words.as_str()), row_id(org_id, 0).into(), row_id(org_id, LAST_NUMBER).into()];
        args.push(org_id.into());
        push_in(&mut sql, &mut args, "q.state", filter.states.iter().map(|s| s.rank()));
        push_filter(&mut sql, &mut args, filter, "q.");
        sql.push_str(&format!(" ORDER BY s.score DESC, s.request_id DESC LIMIT {MOST_TEXTS}"));
        for mut row in conn.query(&sql, &args)? {
            texts.push((row.i64(2)?, row.i64(0)?, source.found_in, row.str(1)?));
        }
    }
    texts.sort_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)));
    let mut seen = HashSet::new();
    let mut best = Vec::new();
    for (_, request, found_in, text) in texts.into_iter().take(MOST_TEXTS as usize) {
        if seen.insert(request) {
            best.push((request, found_in, text));
            if best.len() == limit {
                break;
            }
        }
    }
    if best.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = best.iter().map(|(id, _, _)| *id).collect();
    let mut requests = load_requests(conn, org_id, &ids)?;
    Ok(best
        .into_iter()
        .filter_map(|(id, found_in, text)| requests.remove(&id).map(|request| SearchHit { request, found_in, text }))
        .collect())
}
