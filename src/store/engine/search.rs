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

/// Matching texts ranked per source and search, at most, the newest first: enough for the
/// first pages of requests a person reads, without ranking every match of a common word.
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

/// The rows of a source that hold every word, as a statement's parts: `from` (the source's
/// row, joined to its index on SQLite), `holds` (the condition, for after `WHERE`), `id`
/// (the column to walk in id order), and the condition's arguments.
struct Holding {
    from: String,
    holds: String,
    id: String,
    args: Vec<Value>,
}

impl Source {
    /// The organization's newest `MOST_TEXTS` rows of this source that hold every word and
    /// whose request passes the filter: request id and text. No rank from the database:
    /// SQLite's bm25 reads every row holding each word to weigh it, a million for a common
    /// one, so both stores rank the texts found with [`relevance`].
    fn newest(&self, dialect: Dialect, words: &str, org_id: OrgId, filter: &RequestFilter) -> (String, Vec<Value>) {
        let (_, request, text) = self.columns();
        let Holding { from, holds, id, mut args } = self.holding(dialect, words, org_id);
        // The request's own conditions, on its row, looked up by each match: a subquery of
        // the requests that pass would read the whole organization first.
        args.push(Value::from(org_id));
        let mut conditions = String::new();
        push_in(&mut conditions, &mut args, "q.state", filter.states.iter().map(|s| s.rank()));
        push_filter(&mut conditions, &mut args, filter, "q.");
        let sql = format!(
            "SELECT {request}, {text} FROM {from} JOIN requests q ON q.id = {request} \
             WHERE {holds} AND q.org_id = ?{conditions} ORDER BY {id} DESC LIMIT {MOST_TEXTS}"
        );
        (sql, args)
    }

    /// The request id of each of the organization's rows that hold every word, with the
    /// statement's arguments.
    fn matches(&self, dialect: Dialect, words: &str, org_id: OrgId) -> (String, Vec<Value>) {
        let (_, request, _) = self.columns();
        let Holding { from, holds, args, .. } = self.holding(dialect, words, org_id);
        (format!("SELECT {request} AS request_id FROM {from} WHERE {holds}"), args)
    }

    /// The organization's rows of this source that hold every word. PostgreSQL is given the
    /// words and the id range as literals: a generic plan cannot see that the range is the
    /// whole organization, and walks it by id (300 ms on 800,000 messages) instead of asking
    /// the index for the words (8 ms); with them, it walks the id index backwards for a word
    /// most texts hold. The words are letters and digits only, and the range is two
    /// integers, so nothing in them is syntax.
    fn holding(&self, dialect: Dialect, words: &str, org_id: OrgId) -> Holding {
        let table = self.table;
        let (row, _, _) = self.columns();
        let (first, last) = (row_id(org_id, 0), row_id(org_id, LAST_NUMBER));
        match dialect {
            Dialect::Sqlite => Holding {
                from: format!("{table}_search JOIN {table} {row} ON {row}.id = {table}_search.rowid"),
                holds: format!("{table}_search MATCH ? AND {table}_search.rowid BETWEEN ? AND ?"),
                id: format!("{table}_search.rowid"),
                args: vec![Value::from(words), first.into(), last.into()],
            },
            Dialect::Postgres => Holding {
                from: format!("{table} {row}"),
                holds: format!(
                    "{row}.search @@ to_tsquery('simple', '{words}') AND {row}.id BETWEEN {first} AND {last}"
                ),
                id: format!("{row}.id"),
                args: Vec::new(),
            },
        }
    }

    /// The alias of the source's row, its request id and its text.
    fn columns(&self) -> (&'static str, &'static str, &'static str) {
        match self.found_in {
            FoundIn::Visitor => (
                "r",
                "r.id",
                "r.title || ' · ' || coalesce(r.visitor_name, '') || ' ' || coalesce(r.visitor_email, '')",
            ),
            _ => ("t", "t.request_id", "t.body"),
        }
    }
}

/// How well a text matches, in millionths: the share of its words that are words asked for,
/// so a short text that is mostly the search ranks above a long one that mentions it once.
/// Words are split and lowercased as the search's own are.
fn relevance(text: &str, terms: &SearchTerms) -> i64 {
    let words = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let (mut all, mut hits) = (0_i64, 0_i64);
    for word in words {
        all += 1;
        if terms.words().iter().any(|w| word.to_lowercase() == *w) {
            hits += 1;
        }
    }
    hits * 1_000_000 / (all + 1)
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
            let (matches, values) = source.matches(dialect, &words, org_id);
            args.extend(values);
            format!("SELECT request_id FROM ({matches}) s")
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
    // Each source's newest matches, ranked, by a statement of its own, merged here. A
    // common word is in most texts: ranking all of them is seconds on a million requests,
    // and one UNION of the sources is planned far worse than each alone.
    let mut texts = Vec::new();
    for source in &SOURCES {
        let (sql, args) = source.newest(dialect, &words, org_id, filter);
        for mut row in conn.query_once(&sql, &args)? {
            let text = row.str(1)?;
            texts.push((relevance(&text, terms), row.i64(0)?, source.found_in, text));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_that_is_mostly_the_search_ranks_first() {
        let terms = SearchTerms::parse("refund A-1001").unwrap();
        let short = relevance("Refund for A-1001?", &terms);
        let long = relevance("Hello, I was told a refund would come for my order last week, thanks", &terms);
        assert!(short > long && long > 0, "{short} {long}");
        assert_eq!(relevance("nothing asked for here", &terms), 0);
    }
}
