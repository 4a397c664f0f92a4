//! The embedded store: SQLite in WAL mode through a small connection pool.

use std::path::Path;
use std::time::Duration;

use r2d2::Pool;
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ErrorCode, params_from_iter};

use super::engine::SqlStore;
use super::sql::{Conn, Dialect, Row, Value};
use super::{StoreError, StoreResult};

/// Schema changes, applied in order; `PRAGMA user_version` records how many have run.
/// A handful of embedded scripts needs no migration framework.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/sqlite/0001_initial.sql"),
    include_str!("migrations/sqlite/0002_queue_counts.sql"),
    include_str!("migrations/sqlite/0003_created_index.sql"),
    include_str!("migrations/sqlite/0004_counts_kept_by_the_store.sql"),
    include_str!("migrations/sqlite/0005_request_origin.sql"),
    include_str!("migrations/sqlite/0006_team_administration.sql"),
    include_str!("migrations/sqlite/0007_webhooks.sql"),
    include_str!("migrations/sqlite/0008_analytics.sql"),
    include_str!("migrations/sqlite/0009_normalized_emails.sql"),
    include_str!("migrations/sqlite/0010_bot_embedding.sql"),
    include_str!("migrations/sqlite/0011_numbers_per_organization.sql"),
    include_str!("migrations/sqlite/0012_search.sql"),
    include_str!("migrations/sqlite/0013_labels.sql"),
    include_str!("migrations/sqlite/0014_routing.sql"),
    include_str!("migrations/sqlite/0015_keep_and_forget.sql"),
    include_str!("migrations/sqlite/0016_visitor_user_id_on_requests.sql"),
];

pub type SqliteStore = SqlStore<SqliteConnectionManager>;

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match err {
            rusqlite::Error::SqliteFailure(e, ref msg)
                if e.code == ErrorCode::ConstraintViolation
                    && matches!(
                        e.extended_code,
                        rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                    ) =>
            {
                StoreError::Duplicate(msg.clone().unwrap_or_else(|| e.to_string()))
            }
            other => StoreError::Database(other.to_string()),
        }
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(v) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

impl Conn for Connection {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn query(&mut self, sql: &str, args: &[Value]) -> StoreResult<Vec<Row>> {
        let mut stmt = self.prepare_cached(sql)?;
        let width = stmt.column_count();
        let mut rows = stmt.query(params_from_iter(args.iter()))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(match row.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(v) => Value::Int(v),
                    ValueRef::Real(v) => Value::Int(v as i64),
                    ValueRef::Text(t) => Value::Text(match std::str::from_utf8(t) {
                        Ok(text) => text.to_owned(),
                        Err(_) => String::from_utf8_lossy(t).into_owned(),
                    }),
                    ValueRef::Blob(b) => Value::Blob(b.to_vec()),
                });
            }
            out.push(Row(values));
        }
        Ok(out)
    }

    fn execute(&mut self, sql: &str, args: &[Value]) -> StoreResult<u64> {
        Ok(self.prepare_cached(sql)?.execute(params_from_iter(args.iter()))? as u64)
    }

    fn batch(&mut self, sql: &str) -> StoreResult<()> {
        Ok(self.execute_batch(sql)?)
    }

    fn after_bulk_load(&mut self, _tables: &[&str]) -> StoreResult<()> {
        Ok(self.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")?)
    }
}

/// Opens (creating if needed) the database file and brings its schema up to date.
pub fn open_file(path: &Path) -> StoreResult<SqliteStore> {
    create_private(path)?;
    let manager = SqliteConnectionManager::file(path).with_init(|conn| {
        conn.busy_timeout(Duration::from_secs(10))?;
        stable_plans(conn)?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
    });
    with_manager(manager, 8)
}

/// Creates a new database file readable by its owner alone, whatever the umask: it holds
/// webhook secrets and visitors' conversations. SQLite gives its WAL and shared-memory files
/// the database file's permissions.
fn create_private(path: &Path) -> StoreResult<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Unavailable(format!("cannot create {}: {e}", path.display()))),
    }
}

/// A private in-memory database. Each in-memory connection is its own database, so the pool
/// holds exactly one.
pub fn open_memory() -> StoreResult<SqliteStore> {
    let manager = SqliteConnectionManager::memory().with_init(|conn| {
        stable_plans(conn)?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")
    });
    with_manager(manager, 1)
}

/// Prepares each statement once per connection. Without the query planner stability
/// guarantee, SQLite plans some statements for their bound values (a `LIMIT ?`, a range with
/// ANALYZE samples) and so prepares them again on every run: that cost more than the queries.
fn stable_plans(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.set_prepared_statement_cache_capacity(128);
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

fn with_manager(manager: SqliteConnectionManager, size: u32) -> StoreResult<SqliteStore> {
    let pool = Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        // A test query before every call cost more than most calls; a local file does not
        // drop its connections.
        .test_on_check_out(false)
        .build(manager)
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    migrate(&mut *pool.get().map_err(|e| StoreError::Unavailable(e.to_string()))?)?;
    Ok(SqlStore::new(pool, None).with_inline_reads())
}

fn migrate(conn: &mut Connection) -> StoreResult<()> {
    let applied: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (index, script) in MIGRATIONS.iter().enumerate().skip(usize::try_from(applied).unwrap_or(0)) {
        conn.in_transaction(|c| {
            c.execute_batch(script)?;
            Ok(c.pragma_update(None, "user_version", index as i64 + 1)?)
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn migrations_run_once_and_record_their_count() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        drop(open_file(&path).unwrap());
        let store = open_file(&path).unwrap();
        let version = store.run(|c| c.query_one("PRAGMA user_version", &[])?.i64(0)).await.unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        let mode = store.run(|c| c.query_one("PRAGMA journal_mode", &[])?.str(0)).await.unwrap();
        assert_eq!(mode, "wal");
    }

    /// Regression: `server init` under umask 022 made a database others could read, with the
    /// webhooks' secrets in it.
    #[cfg(unix)]
    #[tokio::test]
    async fn a_new_database_and_its_wal_are_readable_by_their_owner_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.sqlite");
        let store = open_file(&path).unwrap();
        store.run(|c| c.execute("CREATE TABLE probe (x INTEGER)", &[])).await.unwrap();
        for file in ["new.sqlite", "new.sqlite-wal", "new.sqlite-shm"] {
            let mode = std::fs::metadata(dir.path().join(file)).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{file}");
        }
    }

    #[tokio::test]
    async fn emails_written_before_normalizing_are_normalized_unless_two_members_collide() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let conn = Connection::open(&path).unwrap();
        // The schema as it was before emails were normalized (0009).
        for (index, script) in MIGRATIONS[..8].iter().enumerate() {
            conn.execute_batch(script).unwrap();
            conn.pragma_update(None, "user_version", index as i64 + 1).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO organizations (id, name, created_at) VALUES (1, 'Old', 0);
             INSERT INTO members (org_id, email, name, role, presence, created_at) VALUES
               (1, 'Alice@Example.TEST', 'Alice', 'org-admin', 'offline', 0),
               (1, 'Bob@example.test', 'Bob', 'agent', 'offline', 0),
               (1, 'bob@example.test', 'Bobby', 'agent', 'offline', 0);",
        )
        .unwrap();
        drop(conn);
        let store = open_file(&path).unwrap();
        let emails = store
            .run(|c| {
                let rows = c.query("SELECT email FROM members ORDER BY id", &[])?;
                rows.into_iter().map(|mut r| r.str(0)).collect::<StoreResult<Vec<String>>>()
            })
            .await
            .unwrap();
        assert_eq!(emails, ["alice@example.test", "Bob@example.test", "bob@example.test"]);
        let alice = crate::store::Store::member_by_email(&store, crate::store::OrgId(1), "ALICE@example.test").await;
        assert_eq!(alice.unwrap().map(|m| m.name), Some("Alice".to_string()));
    }

    /// Rows from before numbers were per organization keep their numbers, and each
    /// organization's next request counts on from its own largest.
    #[tokio::test]
    async fn rows_written_before_numbering_keep_their_numbers_and_count_on_per_organization() {
        use crate::domain::{Channel, State};
        use crate::store::{ExportFilter, NewRequest, Opened, OrgId, RequestId, Store, number};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let conn = Connection::open(&path).unwrap();
        for (index, script) in MIGRATIONS[..10].iter().enumerate() {
            conn.execute_batch(script).unwrap();
            conn.pragma_update(None, "user_version", index as i64 + 1).unwrap();
        }
        conn.execute_batch(super::super::engine::ROWS_BEFORE_NUMBERING).unwrap();
        drop(conn);
        let store = open_file(&path).unwrap();
        store
            .run(|c| {
                super::super::engine::check_numbered(c);
                assert!(c.query("PRAGMA foreign_key_check", &[])?.is_empty(), "every reference still holds");
                Ok(())
            })
            .await
            .unwrap();
        // An export part file written before ends at an old id: resuming after it, as a
        // number, goes on with the same requests it would have.
        let after_first = RequestId::after(OrgId(1), 1);
        let page = store.export_page(OrgId(1), &ExportFilter::default(), after_first, 10).await.unwrap();
        assert_eq!(page.iter().map(|e| number(e.request.id)).collect::<Vec<_>>(), [3]);
        for (org, user, expected) in [(1, "new-1", 4), (2, "new-2", 3)] {
            let request = NewRequest {
                bot_id: org,
                channel: Channel::Web,
                user_id: user.into(),
                name: None,
                email: None,
                form: None,
                transcript: vec![],
                at: jiff::Timestamp::now(),
                conversation_hash: None,
                follows: None,
                origin: None,
            };
            let Opened::Created(opened) = store.open_request(OrgId(org), request).await.unwrap() else {
                panic!("organization {org} opened no request")
            };
            assert_eq!((number(opened.id), opened.state), (expected, State::New), "organization {org}");
        }
    }
}
