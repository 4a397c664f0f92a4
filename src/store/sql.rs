//! The little both databases share: plain values in and out, and a synchronous connection
//! that runs a statement. The store's logic is written once against `Conn`, and each backend
//! only translates: SQLite through rusqlite, PostgreSQL through `postgres`.

use jiff::Timestamp;

use super::{StoreError, StoreResult};
use crate::domain::State;

/// A value bound to a statement or read from a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<&[u8]> for Value {
    fn from(v: &[u8]) -> Self {
        Value::Blob(v.to_vec())
    }
}

impl From<Timestamp> for Value {
    fn from(t: Timestamp) -> Self {
        Value::Int(ms(t))
    }
}

impl From<State> for Value {
    fn from(s: State) -> Self {
        Value::Int(s.rank())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// Binds a list of values: `args![a, b, c]`.
macro_rules! args {
    ($($v:expr),* $(,)?) => { vec![$($crate::store::sql::Value::from($v)),*] };
}
pub(crate) use args;

/// Times are stored as Unix milliseconds (UTC) in both databases.
pub fn ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}

pub fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// One row, read out in full so the shared code never sees a driver's types.
#[derive(Debug, Clone)]
pub struct Row(pub Vec<Value>);

/// Maps rows, in order, into a vector sized for them up front: collecting through `Result`
/// hides the length, and a page of requests grown one doubling at a time is copied over
/// and over.
pub fn map_rows<R, T>(rows: Vec<R>, mut each: impl FnMut(R) -> StoreResult<T>) -> StoreResult<Vec<T>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(each(row)?);
    }
    Ok(out)
}

fn corrupt(idx: usize, what: &str) -> StoreError {
    StoreError::Database(format!("column {idx} does not hold {what}"))
}

impl Row {
    pub fn opt_i64(&self, idx: usize) -> StoreResult<Option<i64>> {
        match self.0.get(idx) {
            Some(Value::Int(v)) => Ok(Some(*v)),
            Some(Value::Null) => Ok(None),
            _ => Err(corrupt(idx, "an integer")),
        }
    }

    pub fn i64(&self, idx: usize) -> StoreResult<i64> {
        self.opt_i64(idx)?.ok_or_else(|| corrupt(idx, "a value"))
    }

    /// Moves a text column out of the row: each is read once, and a copy would be a second
    /// allocation for every text of every row read.
    pub fn opt_str(&mut self, idx: usize) -> StoreResult<Option<String>> {
        match self.0.get_mut(idx) {
            Some(Value::Text(v)) => Ok(Some(std::mem::take(v))),
            Some(Value::Null) => Ok(None),
            _ => Err(corrupt(idx, "text")),
        }
    }

    pub fn str(&mut self, idx: usize) -> StoreResult<String> {
        self.opt_str(idx)?.ok_or_else(|| corrupt(idx, "a value"))
    }

    /// A text column, borrowed: for values parsed rather than kept.
    pub fn text(&self, idx: usize) -> StoreResult<&str> {
        match self.0.get(idx) {
            Some(Value::Text(v)) => Ok(v),
            _ => Err(corrupt(idx, "text")),
        }
    }

    pub fn ts(&self, idx: usize) -> StoreResult<Timestamp> {
        self.i64(idx).map(ts)
    }

    pub fn opt_ts(&self, idx: usize) -> StoreResult<Option<Timestamp>> {
        Ok(self.opt_i64(idx)?.map(ts))
    }

    pub fn count(&self, idx: usize) -> StoreResult<u64> {
        Ok(u64::try_from(self.opt_i64(idx)?.unwrap_or(0)).unwrap_or(0))
    }

    /// A stored spelling of one of the domain's vocabularies.
    pub fn word<T: std::str::FromStr>(&self, idx: usize) -> StoreResult<T>
    where
        T::Err: std::fmt::Display,
    {
        self.text(idx)?.parse().map_err(|e: T::Err| StoreError::Database(format!("column {idx}: {e}")))
    }

    pub fn state(&self, idx: usize) -> StoreResult<State> {
        let rank = self.i64(idx)?;
        State::from_rank(rank).ok_or_else(|| corrupt(idx, "a state"))
    }

    pub fn opt_state(&self, idx: usize) -> StoreResult<Option<State>> {
        match self.opt_i64(idx)? {
            Some(_) => self.state(idx).map(Some),
            None => Ok(None),
        }
    }
}

/// Which SQL a backend speaks where the two differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// Starts a transaction that will write. SQLite takes its single write lock up front, so
    /// writers queue instead of failing on a lock upgrade; PostgreSQL locks rows as it goes.
    pub fn begin_write(self) -> &'static str {
        match self {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        }
    }

    /// Starts a read-only transaction that sees one moment of the database throughout.
    pub fn begin_snapshot(self) -> &'static str {
        match self {
            Dialect::Sqlite => "BEGIN",
            Dialect::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        }
    }

    /// Appended to a read of rows that the transaction will then change, so concurrent
    /// writers wait for each other instead of both acting on what they read.
    pub fn lock_rows(self, alias: &str) -> String {
        match self {
            Dialect::Sqlite => String::new(),
            Dialect::Postgres => format!(" FOR UPDATE OF {alias}"),
        }
    }

    /// As `lock_rows`, passing over rows another transaction holds: for work that any
    /// server may take, where a held row is another server's share.
    pub fn claim_rows(self, alias: &str) -> String {
        match self {
            Dialect::Sqlite => String::new(),
            Dialect::Postgres => format!(" FOR UPDATE OF {alias} SKIP LOCKED"),
        }
    }

    /// As `lock_rows`, for rows whose keys the transaction leaves alone: inserting a row that
    /// refers to one (a timeline event naming a member) does not wait for it, so a writer
    /// holding the append order can add its events while this transaction waits for that order.
    pub fn lock_values(self, alias: &str) -> String {
        match self {
            Dialect::Sqlite => String::new(),
            Dialect::Postgres => format!(" FOR NO KEY UPDATE OF {alias}"),
        }
    }

    /// `expr` with its ASCII letters lower-cased and every other character kept, as
    /// `domain::Email` normalizes an address. SQLite's lower() does just that; PostgreSQL's
    /// follows the locale.
    pub fn ascii_lower(self, expr: &str) -> String {
        match self {
            Dialect::Sqlite => format!("lower({expr})"),
            Dialect::Postgres => {
                format!("translate({expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')")
            }
        }
    }

    /// Appended to a read of rows whose values a change depends on but does not write: writers
    /// of those rows wait until this transaction ends, and it waits for theirs.
    pub fn share_rows(self, alias: &str) -> String {
        match self {
            Dialect::Sqlite => String::new(),
            Dialect::Postgres => format!(" FOR SHARE OF {alias}"),
        }
    }
}

/// A connection that runs statements written with `?N` or `?` placeholders.
pub trait Conn: Send + 'static {
    fn dialect(&self) -> Dialect;
    fn query(&mut self, sql: &str, args: &[Value]) -> StoreResult<Vec<Row>>;
    /// As `query`, for a statement that will not come again (one holding literals): it is not
    /// kept among the connection's prepared statements, where it would push out those that do.
    fn query_once(&mut self, sql: &str, args: &[Value]) -> StoreResult<Vec<Row>> {
        self.query(sql, args)
    }
    fn execute(&mut self, sql: &str, args: &[Value]) -> StoreResult<u64>;
    /// Runs statements separated by `;` with no arguments.
    fn batch(&mut self, sql: &str) -> StoreResult<()>;

    /// Orders every write of an organization's timeline and transcript by commit: called in
    /// a transaction before it adds events or messages. Live streams read "everything after
    /// id N"; that is lossless only if no id below N can still commit after N is read.
    /// SQLite has a single writer already.
    fn serialize_appends(&mut self, _org_id: i64) -> StoreResult<()> {
        Ok(())
    }

    /// The append order as a lock that a statement can take along with its own work, as
    /// `(key1, key2)` of `pg_advisory_xact_lock`: one round trip where two would do. `None`
    /// where `serialize_appends` has nothing to take.
    fn append_lock_keys(&self, _org_id: i64) -> Option<(i64, i64)> {
        None
    }

    /// Takes the organization's next change number, records it on `requests` and tells other
    /// processes of `notices`, in one statement where the backend can: the last round trip of
    /// a write transaction before its commit. `None` where it cannot; the caller then does the
    /// three itself.
    fn number_changes_at_once(
        &mut self,
        _org_id: i64,
        _requests: &[i64],
        _notices: &[(i64, i64)],
    ) -> StoreResult<Option<i64>> {
        Ok(None)
    }

    /// Makes the organization's routing passes take turns across processes, to the end of
    /// the transaction; taken before any row. SQLite's single writer already does.
    fn serialize_routing(&mut self, _org_id: i64) -> StoreResult<()> {
        Ok(())
    }

    /// Tells other processes on the same database that these (request, visitor) pairs of an
    /// organization changed, when the transaction commits.
    fn notify_changes(&mut self, _org_id: i64, _changed: &[(i64, i64)]) -> StoreResult<()> {
        Ok(())
    }

    /// Brings id sequences and planner statistics up to date after rows were written in bulk
    /// with their ids given.
    fn after_bulk_load(&mut self, _tables: &[&str]) -> StoreResult<()> {
        Ok(())
    }

    fn query_opt(&mut self, sql: &str, args: &[Value]) -> StoreResult<Option<Row>> {
        Ok(self.query(sql, args)?.into_iter().next())
    }

    fn query_one(&mut self, sql: &str, args: &[Value]) -> StoreResult<Row> {
        self.query_opt(sql, args)?.ok_or_else(|| StoreError::Database(format!("no row from: {sql}")))
    }

    /// Runs `work` in a write transaction, committing on success and rolling back otherwise.
    /// The store's writes go through `engine::write`, which also moves the organization's
    /// write generation; only migrations and a copy between databases call this alone.
    fn in_transaction<T>(&mut self, work: impl FnOnce(&mut Self) -> StoreResult<T>) -> StoreResult<T>
    where
        Self: Sized,
    {
        // Through `execute`, as every statement: prepared once per connection, not per call.
        self.execute(self.dialect().begin_write(), &[])?;
        match work(self) {
            Ok(value) => {
                self.execute("COMMIT", &[])?;
                Ok(value)
            }
            Err(err) => {
                // The original error matters more than a failed rollback on a broken connection.
                let _ = self.execute("ROLLBACK", &[]);
                Err(err)
            }
        }
    }
}

/// Rows per multi-row INSERT: keeps every statement under both databases' parameter limits.
pub const ROWS_PER_INSERT: usize = 400;

/// Inserts rows given as one flat list of values, `columns.len()` to a row, many rows to a
/// statement.
pub fn insert_rows(conn: &mut impl Conn, table: &str, columns: &[&str], values: &[Value]) -> StoreResult<()> {
    let width = columns.len();
    let row = format!("({})", vec!["?"; width].join(", "));
    for chunk in values.chunks(width * ROWS_PER_INSERT) {
        let rows = vec![row.as_str(); chunk.len() / width].join(", ");
        conn.execute(&format!("INSERT INTO {table} ({}) VALUES {rows}", columns.join(", ")), chunk)?;
    }
    Ok(())
}

/// Appends `AND column IN (?, …)` for a non-empty list.
pub fn push_in(sql: &mut String, args: &mut Vec<Value>, column: &str, values: impl ExactSizeIterator<Item = i64>) {
    if values.len() == 0 {
        return;
    }
    let marks = vec!["?"; values.len()].join(", ");
    sql.push_str(&format!(" AND {column} IN ({marks})"));
    args.extend(values.map(Value::Int));
}

/// Rewrites `?N` and bare `?` placeholders as PostgreSQL's `$N`, numbering a bare `?` as
/// SQLite does: one past the largest number so far. Our SQL never holds a `?` inside a
/// string literal.
pub fn numbered_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 0;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '?' {
            out.push(c);
            continue;
        }
        let mut digits = String::new();
        while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(*d);
            chars.next();
        }
        if digits.is_empty() {
            next += 1;
            digits = next.to_string();
        } else {
            next = next.max(digits.parse().unwrap_or(0));
        }
        out.push('$');
        out.push_str(&digits);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered() {
        assert_eq!(numbered_placeholders("a = ?1 AND b = ?12"), "a = $1 AND b = $12");
        assert_eq!(numbered_placeholders("a IN (?, ?, ?)"), "a IN ($1, $2, $3)");
        assert_eq!(numbered_placeholders("no marks"), "no marks");
        assert_eq!(numbered_placeholders("a = ?1 AND b = ?2 AND c IN (?, ?)"), "a = $1 AND b = $2 AND c IN ($3, $4)");
    }

    #[test]
    fn rows_refuse_the_wrong_kind_of_value() {
        let row = Row(vec![Value::Int(3), Value::Null, Value::Text("web".into())]);
        assert_eq!(row.state(0).unwrap(), State::Resolved);
        assert_eq!(row.opt_i64(1).unwrap(), None);
        assert!(row.i64(1).is_err());
        assert!(row.i64(2).is_err());
        assert_eq!(row.word::<crate::domain::Channel>(2).unwrap(), crate::domain::Channel::Web);
    }
}
