//! The scale-out store: PostgreSQL, shared by any number of servers. Statements run through
//! the synchronous `postgres` client on blocking threads, like SQLite's, so both backends
//! share one body of store logic. Committed changes are announced with NOTIFY, and each
//! server LISTENs, so live streams on every replica wake for changes made on any of them.

use std::collections::HashMap;
use std::error::Error as _;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bytes::BytesMut;
use futures_util::StreamExt;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, NoTls, Statement};
use r2d2::{ManageConnection, Pool};
use tokio::sync::broadcast;
use tokio_postgres::error::SqlState;

use super::engine::{ChangeFeed, SqlStore};
use super::sql::{Conn, Dialect, Row, Value, args, map_rows, numbered_placeholders};
use super::{ChangeNotice, StoreError, StoreResult};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/postgres/0001_initial.sql"),
    include_str!("migrations/postgres/0002_request_origin.sql"),
    include_str!("migrations/postgres/0003_team_administration.sql"),
    include_str!("migrations/postgres/0004_webhooks.sql"),
    include_str!("migrations/postgres/0005_analytics.sql"),
    include_str!("migrations/postgres/0006_normalized_emails.sql"),
    include_str!("migrations/postgres/0007_bot_embedding.sql"),
    include_str!("migrations/postgres/0008_numbers_per_organization.sql"),
    include_str!("migrations/postgres/0009_search.sql"),
    include_str!("migrations/postgres/0010_labels.sql"),
    include_str!("migrations/postgres/0011_routing.sql"),
    include_str!("migrations/postgres/0012_keep_and_forget.sql"),
    include_str!("migrations/postgres/0013_visitor_user_id_on_requests.sql"),
];

/// Advisory lock classes (the first key of the two-key form), so ours never meet another
/// application's on a shared database.
const MIGRATION_LOCK: i64 = 0x4c43_0001;
const APPEND_LOCK: i64 = 0x4c43_0002;
const ROUTING_LOCK: i64 = 0x4c43_0003;

/// The keys of an organization's append order.
fn append_lock(org_id: i64) -> (i64, i64) {
    (APPEND_LOCK, org_id % i64::from(i32::MAX))
}

pub type PostgresStore = SqlStore<PgManager>;

impl From<postgres::Error> for StoreError {
    fn from(err: postgres::Error) -> Self {
        if let Some(db) = err.as_db_error() {
            let code = db.code();
            if *code == SqlState::UNIQUE_VIOLATION {
                return StoreError::Duplicate(db.message().to_string());
            }
            // Connection exceptions (08…), the server going away (57P0…), too many connections
            // (53300), and transactions the server chose to abort (40001, 40P01): all worth
            // another try, which the answer's Retry-After invites.
            let retry = ["40001", "40P01", "53300"].contains(&code.code());
            if retry || code.code().starts_with("08") || code.code().starts_with("57P") {
                return StoreError::Unavailable(db.message().to_string());
            }
            return StoreError::Database(db.message().to_string());
        }
        // The driver's own words are terse ("error connecting to server"); say why.
        let message = match err.source() {
            Some(cause) => format!("{err}: {cause}"),
            None => err.to_string(),
        };
        if err.is_closed() || err.source().is_some_and(|s| s.is::<std::io::Error>()) {
            return StoreError::Unavailable(message);
        }
        StoreError::Database(message)
    }
}

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(v) if *ty == Type::INT4 => i32::try_from(*v)?.to_sql(ty, out),
            Value::Int(v) if *ty == Type::INT2 => i16::try_from(*v)?.to_sql(ty, out),
            Value::Int(v) => v.to_sql(ty, out),
            Value::Text(s) => s.to_sql(ty, out),
            Value::Blob(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// A pooled connection with its prepared statements, which PostgreSQL keeps per session.
pub struct PgConn {
    /// Always `Some` until dropped.
    client: Option<Client>,
    statements: HashMap<String, Statement>,
    channel: Channel,
}

/// Where this process announces its changes, and the mark it signs them with: it hears its
/// own announcements too, and skips them, since it rang its own streams already.
#[derive(Clone)]
struct Channel {
    name: Arc<str>,
    origin: u64,
}

impl Drop for PgConn {
    fn drop(&mut self) {
        // Closing a blocking client blocks on its own runtime, which panics on a thread that
        // drives async tasks; the pool may be dropped on one.
        if let Some(client) = self.client.take()
            && tokio::runtime::Handle::try_current().is_ok()
        {
            std::thread::spawn(move || drop(client));
        }
    }
}

/// More distinct statements than this means SQL built from varying filters; start over.
const STATEMENT_CACHE: usize = 256;

impl PgConn {
    fn query_statement(&mut self, statement: &Statement, args: &[Value]) -> StoreResult<Vec<Row>> {
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
        let rows = self.client().query(statement, &params)?;
        // Sized up front: collecting through `Result` hides the length, and growing a page's
        // worth of rows value by value was a tenth of a list call's time.
        map_rows(rows, |row| {
            let mut values = Vec::with_capacity(row.len());
            for i in 0..row.len() {
                values.push(column(&row, i)?);
            }
            Ok(Row(values))
        })
    }

    fn client(&mut self) -> &mut Client {
        self.client.as_mut().expect("a connection is used only before it is dropped")
    }

    fn statement(&mut self, sql: &str) -> StoreResult<Statement> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client().prepare(&numbered_placeholders(sql))?;
        if self.statements.len() >= STATEMENT_CACHE {
            self.statements.clear();
        }
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

fn column(row: &postgres::Row, i: usize) -> StoreResult<Value> {
    let ty = row.columns()[i].type_();
    let value = if *ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(i)?.map(Value::Int)
    } else if *ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(i)?.map(|v| Value::Int(v.into()))
    } else if *ty == Type::INT2 {
        row.try_get::<_, Option<i16>>(i)?.map(|v| Value::Int(v.into()))
    } else if *ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(i)?.map(|v| Value::Int(v.into()))
    } else if *ty == Type::BYTEA {
        row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob)
    } else if *ty == Type::VOID {
        None
    } else {
        row.try_get::<_, Option<String>>(i)?.map(Value::Text)
    };
    Ok(value.unwrap_or(Value::Null))
}

/// Logs a statement as PostgreSQL runs it, with its parameters as a JSON array, at trace
/// level under `livechat::sql` (`LIVECHAT_LOG=livechat::sql=trace`): the benchmark replays a
/// call's statements through pgbench from these lines. Numbers are logged; text and bytes
/// (emails, messages, token digests) never are, only their kind.
fn trace_statement(sql: &str, args: &[Value]) {
    if tracing::enabled!(target: "livechat::sql", tracing::Level::TRACE) {
        let params: Vec<serde_json::Value> = args
            .iter()
            .map(|v| match v {
                Value::Null => serde_json::Value::Null,
                Value::Int(n) => (*n).into(),
                Value::Text(_) => serde_json::json!({"withheld": "text"}),
                Value::Blob(_) => serde_json::json!({"withheld": "bytes"}),
            })
            .collect();
        let params = serde_json::Value::Array(params).to_string();
        tracing::trace!(target: "livechat::sql", sql = %numbered_placeholders(sql), params = %params, "statement");
    }
}

impl Conn for PgConn {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn query(&mut self, sql: &str, args: &[Value]) -> StoreResult<Vec<Row>> {
        trace_statement(sql, args);
        let statement = self.statement(sql)?;
        self.query_statement(&statement, args)
    }

    fn query_once(&mut self, sql: &str, args: &[Value]) -> StoreResult<Vec<Row>> {
        trace_statement(sql, args);
        let statement = self.client().prepare(&numbered_placeholders(sql))?;
        self.query_statement(&statement, args)
    }

    fn execute(&mut self, sql: &str, args: &[Value]) -> StoreResult<u64> {
        trace_statement(sql, args);
        let statement = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
        Ok(self.client().execute(&statement, &params)?)
    }

    fn batch(&mut self, sql: &str) -> StoreResult<()> {
        Ok(self.client().batch_execute(sql)?)
    }

    fn serialize_appends(&mut self, org_id: i64) -> StoreResult<()> {
        // Held to the end of the transaction: the next writer of this organization's timeline
        // takes its ids only after this one's are visible.
        let (lock, key) = append_lock(org_id);
        self.execute("SELECT pg_advisory_xact_lock(?1, ?2)", &args![lock, key])?;
        Ok(())
    }

    fn append_lock_keys(&self, org_id: i64) -> Option<(i64, i64)> {
        Some(append_lock(org_id))
    }

    fn number_changes_at_once(
        &mut self,
        org_id: i64,
        requests: &[i64],
        notices: &[(i64, i64)],
    ) -> StoreResult<Option<i64>> {
        // Ids and payloads go as text, so the statement is one prepared statement whatever
        // their number.
        let ids = requests.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let payloads = match notices {
            [] => Vec::new(),
            _ => notice_payloads(self.channel.origin, org_id, notices),
        };
        let payloads = serde_json::Value::from(payloads).to_string();
        let name = self.channel.name.to_string();
        let row = self.query_one(
            "WITH g AS (INSERT INTO org_changes (org_id, seq) VALUES (?1, 1) ON CONFLICT (org_id) \
             DO UPDATE SET seq = org_changes.seq + 1 RETURNING seq), \
             r AS (INSERT INTO request_changes (request_id, org_id, seq) \
             SELECT CAST(v.id AS BIGINT), ?1, g.seq FROM g, unnest(string_to_array(?2, ',')) AS v(id) \
             ON CONFLICT (request_id) DO UPDATE SET seq = excluded.seq) \
             SELECT g.seq, (SELECT count(pg_notify(?3, p)) FROM json_array_elements_text(CAST(?4 AS JSON)) AS p) FROM g",
            &args![org_id, ids, name, payloads],
        )?;
        Ok(Some(row.i64(0)?))
    }

    fn serialize_routing(&mut self, org_id: i64) -> StoreResult<()> {
        let key = (org_id % i64::from(i32::MAX)) as i32;
        self.execute("SELECT pg_advisory_xact_lock(?1, ?2)", &args![ROUTING_LOCK, i64::from(key)])?;
        Ok(())
    }

    fn notify_changes(&mut self, org_id: i64, changed: &[(i64, i64)]) -> StoreResult<()> {
        for payload in notice_payloads(self.channel.origin, org_id, changed) {
            let name = self.channel.name.to_string();
            self.execute("SELECT pg_notify(?1, ?2)", &args![name, payload])?;
        }
        Ok(())
    }

    fn after_bulk_load(&mut self, tables: &[&str]) -> StoreResult<()> {
        for table in tables {
            self.batch(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM {table}), false); \
                 ANALYZE {table}"
            ))?;
        }
        self.batch("ANALYZE queue_counts")
    }
}

/// Opens pooled sessions; a session that fails its check is replaced, so the pool heals by
/// itself after the database restarts.
pub struct PgManager {
    config: postgres::Config,
    channel: Channel,
}

impl ManageConnection for PgManager {
    type Connection = PgConn;
    type Error = postgres::Error;

    fn connect(&self) -> Result<PgConn, postgres::Error> {
        let client = self.config.connect(NoTls)?;
        Ok(PgConn { client: Some(client), statements: HashMap::new(), channel: self.channel.clone() })
    }

    fn is_valid(&self, conn: &mut PgConn) -> Result<(), postgres::Error> {
        conn.client().batch_execute("")
    }

    fn has_broken(&self, conn: &mut PgConn) -> bool {
        conn.client.as_ref().is_none_or(Client::is_closed)
    }
}

/// The connection settings from a `postgres://` URL, with timeouts that keep a call from
/// hanging when the database is away.
fn config(url: &str) -> StoreResult<tokio_postgres::Config> {
    let mut config: tokio_postgres::Config =
        url.parse().map_err(|e| StoreError::Unavailable(format!("`{url}` is not a PostgreSQL URL: {e}")))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(5));
    }
    // A silent network is noticed in about a minute, not the system's quarter of an hour.
    config.keepalives_idle(Duration::from_secs(30)).keepalives_interval(Duration::from_secs(5)).keepalives_retries(4);
    config.application_name("livechat");
    // PostgreSQL compiles a plan whose estimated cost is high, as a series's per-row lookups
    // make it: 120 ms of compiling for a 100 ms query. None of our queries gains from it.
    // And it plans a prepared statement afresh on every call while its generic plan looks
    // dearer than one made for the call's values, as the queue's page does: planning then
    // costs four times the query. Our statements are written for the indexes they walk, so
    // the generic plan is the one they need. A URL's own `options` come after, and win.
    let options =
        format!("-c jit=off -c plan_cache_mode=force_generic_plan {}", config.get_options().unwrap_or_default());
    config.options(options.trim_end());
    Ok(config)
}

/// Connects, brings the schema up to date, and returns the store. Blocking: call it from a
/// blocking thread or before the runtime starts serving.
pub fn open(url: &str, pool_size: u32) -> StoreResult<PostgresStore> {
    let async_config = config(url)?;
    let config = postgres::Config::from(async_config.clone());
    let mut first = config.connect(NoTls)?;
    migrate(&mut first)?;
    // Each schema gets its own channel, so databases shared by tests never ring each other.
    let schema: String = first.query_one("SELECT current_schema()::text", &[])?.get(0);
    drop(first);
    let channel = Channel { name: Arc::from(format!("livechat_{schema}").as_str()), origin: rand::random() };
    let manager = PgManager { config, channel: channel.clone() };
    let pool = Pool::builder()
        .max_size(pool_size)
        .min_idle(Some(1))
        // No round trip to test each connection before each call: one that broke fails its
        // call with 503 and Retry-After (clients retry), and is dropped when it comes back.
        .test_on_check_out(false)
        .connection_timeout(Duration::from_secs(3))
        .build(manager)
        .map_err(|e| StoreError::Unavailable(format!("cannot connect to PostgreSQL: {e}")))?;
    let listen_config: tokio_postgres::Config =
        url.parse().map_err(|e| StoreError::Unavailable(format!("`{url}` is not a PostgreSQL URL: {e}")))?;
    let changes =
        PgChanges { config: listen_config, channel, sender: broadcast::channel(1024).0, started: OnceLock::new() };
    let generations = PgGenerations { config: async_config, session: std::sync::Mutex::new(None) };
    Ok(SqlStore::new(pool, Some(Box::new(changes))).with_generations(Box::new(generations)))
}

/// Reads organizations' write generations on one connection of its own, driven by the async
/// runtime: concurrent reads go out together on it (tokio-postgres pipelines them), and none
/// takes a blocking thread or a pooled session. Every conditional read asks for one.
struct PgGenerations {
    config: tokio_postgres::Config,
    session: std::sync::Mutex<Option<Arc<GenerationSession>>>,
}

struct GenerationSession {
    client: tokio_postgres::Client,
    statement: tokio_postgres::Statement,
}

const GENERATION_SQL: &str = "SELECT seq FROM org_changes WHERE org_id = $1";

/// How long a generation read may take before the call gives up on it (and answers 503).
const GENERATION_TIMEOUT: Duration = Duration::from_secs(3);

impl PgGenerations {
    async fn session(&self) -> StoreResult<Arc<GenerationSession>> {
        if let Some(session) = self.session.lock().unwrap_or_else(|e| e.into_inner()).as_ref()
            && !session.client.is_closed()
        {
            return Ok(session.clone());
        }
        let (client, connection) = self.config.connect(NoTls).await?;
        tokio::spawn(async move {
            // Ends when the client is dropped or the connection breaks; the next read connects anew.
            let _ = connection.await;
        });
        let statement = client.prepare(GENERATION_SQL).await?;
        let session = Arc::new(GenerationSession { client, statement });
        *self.session.lock().unwrap_or_else(|e| e.into_inner()) = Some(session.clone());
        Ok(session)
    }
}

#[async_trait::async_trait]
impl super::engine::GenerationReader for PgGenerations {
    async fn generation(&self, org_id: i64) -> StoreResult<i64> {
        trace_statement(GENERATION_SQL, &args![org_id]);
        let read = async {
            let session = self.session().await?;
            let row = session.client.query_opt(&session.statement, &[&org_id]).await?;
            Ok::<_, StoreError>(row.map_or(0, |row| row.get(0)))
        };
        match tokio::time::timeout(GENERATION_TIMEOUT, read).await {
            Ok(Ok(generation)) => Ok(generation),
            Ok(Err(err)) => {
                *self.session.lock().unwrap_or_else(|e| e.into_inner()) = None;
                Err(err)
            }
            Err(_) => {
                *self.session.lock().unwrap_or_else(|e| e.into_inner()) = None;
                Err(StoreError::Unavailable("the database did not answer in time".into()))
            }
        }
    }
}

fn migrate(client: &mut Client) -> StoreResult<()> {
    // Replicas starting together take turns; the first one migrates.
    client.execute("SELECT pg_advisory_lock($1, 0)", &[&(MIGRATION_LOCK as i32)])?;
    let result = (|| -> StoreResult<()> {
        // `IF NOT EXISTS` would otherwise log a notice on every start.
        client.batch_execute(
            "SET client_min_messages = warning; \
             CREATE TABLE IF NOT EXISTS livechat_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL); \
             RESET client_min_messages",
        )?;
        let applied: i64 = client.query_one("SELECT coalesce(max(version), 0) FROM livechat_migrations", &[])?.get(0);
        for (index, script) in MIGRATIONS.iter().enumerate().skip(usize::try_from(applied).unwrap_or(0)) {
            let mut tx = client.transaction()?;
            tx.batch_execute(script)?;
            let now = jiff::Timestamp::now().as_millisecond();
            tx.execute(
                "INSERT INTO livechat_migrations (version, applied_at) VALUES ($1, $2)",
                &[&(index as i64 + 1), &now],
            )?;
            tx.commit()?;
        }
        Ok(())
    })();
    client.execute("SELECT pg_advisory_unlock($1, 0)", &[&(MIGRATION_LOCK as i32)])?;
    result
}

/// Listens for changes committed by every server on the database, reconnecting for as long
/// as the process runs.
struct PgChanges {
    config: tokio_postgres::Config,
    channel: Channel,
    sender: broadcast::Sender<Option<ChangeNotice>>,
    started: OnceLock<()>,
}

impl ChangeFeed for PgChanges {
    fn subscribe(&self) -> broadcast::Receiver<Option<ChangeNotice>> {
        let receiver = self.sender.subscribe();
        self.started.get_or_init(|| {
            let (config, channel, sender) = (self.config.clone(), self.channel.clone(), self.sender.clone());
            tokio::spawn(listen(config, channel, sender));
        });
        receiver
    }
}

/// A payload is at most 8000 bytes: `ORIGIN ORG REQUEST:VISITOR REQUEST:VISITOR …`, as many
/// as fit.
const PAYLOAD_LIMIT: usize = 7800;

fn notice_payloads(origin: u64, org_id: i64, changed: &[(i64, i64)]) -> Vec<String> {
    let head = format!("{origin} {org_id}");
    let mut payloads = Vec::new();
    let mut current = head.clone();
    for (request, visitor) in changed {
        let item = format!(" {request}:{visitor}");
        if current.len() + item.len() > PAYLOAD_LIMIT {
            payloads.push(std::mem::replace(&mut current, head.clone()));
        }
        current.push_str(&item);
    }
    payloads.push(current);
    payloads
}

/// The sender and the notices of a payload; `None` for one this version cannot read, which
/// wakes everyone.
fn parse_notices(payload: &str) -> Option<(u64, Vec<ChangeNotice>)> {
    let mut parts = payload.split(' ');
    let origin = parts.next()?.parse().ok()?;
    let org_id = parts.next()?.parse().ok()?;
    let notices = parts
        .map(|pair| {
            let (request, visitor) = pair.split_once(':')?;
            Some(ChangeNotice { org_id, request_id: request.parse().ok()?, visitor_id: visitor.parse().ok()? })
        })
        .collect::<Option<_>>()?;
    Some((origin, notices))
}

async fn listen(config: tokio_postgres::Config, channel: Channel, sender: broadcast::Sender<Option<ChangeNotice>>) {
    let mut backoff = Duration::from_millis(100);
    loop {
        match listen_once(&config, &channel, &sender).await {
            Ok(()) => backoff = Duration::from_millis(100),
            Err(err) => tracing::warn!(%err, "lost the database's change notifications; reconnecting"),
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(5));
    }
}

async fn listen_once(
    config: &tokio_postgres::Config,
    channel: &Channel,
    sender: &broadcast::Sender<Option<ChangeNotice>>,
) -> Result<(), tokio_postgres::Error> {
    let mut async_config = config.clone();
    async_config
        .connect_timeout(Duration::from_secs(5))
        .keepalives_idle(Duration::from_secs(10))
        .keepalives_interval(Duration::from_secs(5))
        .keepalives_retries(3);
    let (client, mut connection) = async_config.connect(tokio_postgres::NoTls).await?;
    let (done_tx, mut done_rx) = tokio::sync::oneshot::channel::<()>();
    let (forward, own) = (sender.clone(), channel.origin);
    let driver = tokio::spawn(async move {
        let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
        while let Some(message) = messages.next().await {
            match message {
                Ok(tokio_postgres::AsyncMessage::Notification(n)) => match parse_notices(n.payload()) {
                    Some((origin, _)) if origin == own => {}
                    Some((_, notices)) => notices.into_iter().for_each(|notice| drop(forward.send(Some(notice)))),
                    None => drop(forward.send(None)),
                },
                Ok(_) => {}
                Err(err) => {
                    tracing::warn!(%err, "the change notification connection failed");
                    break;
                }
            }
        }
        let _ = done_tx.send(());
    });
    let quoted = channel.name.replace('"', "\"\"");
    client.batch_execute(&format!("LISTEN \"{quoted}\"")).await?;
    // Anything may have changed while no one was listening: every stream looks again.
    let _ = sender.send(None);
    // Until the connection drops, check it now and then: a silent network is noticed.
    loop {
        tokio::select! {
            _ = &mut done_rx => break,
            _ = tokio::time::sleep(Duration::from_secs(10)) => {
                let check = tokio::time::timeout(Duration::from_secs(5), client.batch_execute(""));
                if !matches!(check.await, Ok(Ok(()))) {
                    break;
                }
            }
        }
    }
    driver.abort();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_round_trip_in_payloads_under_the_limit() {
        let changed: Vec<(i64, i64)> = (0..2000).map(|n| (1_000_000 + n, 2_000_000 + n)).collect();
        let payloads = notice_payloads(u64::MAX, 7, &changed);
        assert!(payloads.len() > 1 && payloads.iter().all(|p| p.len() <= PAYLOAD_LIMIT));
        let parsed: Vec<ChangeNotice> = payloads
            .iter()
            .flat_map(|p| {
                let (origin, notices) = parse_notices(p).unwrap();
                assert_eq!(origin, u64::MAX);
                notices
            })
            .collect();
        assert_eq!(parsed.len(), 2000);
        assert_eq!(parsed[1999], ChangeNotice { org_id: 7, request_id: 1_001_999, visitor_id: 2_001_999 });
        assert_eq!(parse_notices("9 1 22:x"), None);
        assert_eq!(parse_notices(""), None);
    }

    /// Rows from before numbers were per organization keep their numbers on PostgreSQL too,
    /// where the references to requests come off and go back on around the move.
    #[cfg(livechat_postgres)]
    #[test]
    fn rows_written_before_numbering_keep_their_numbers() {
        let Ok(url) = std::env::var("LIVECHAT_TEST_DATABASE_URL") else {
            assert!(
                std::env::var_os("CI").is_none(),
                "LIVECHAT_TEST_DATABASE_URL is not set: under CI every PostgreSQL test must run"
            );
            return;
        };
        let mut client = Client::connect(&url, NoTls).unwrap();
        let schema = format!("numbering_{}_{}", std::process::id(), rand::random::<u32>());
        client.batch_execute(&format!("CREATE SCHEMA {schema}; SET search_path TO {schema}")).unwrap();
        let before = MIGRATIONS.iter().position(|m| m.contains("numbered per organization")).unwrap();
        for script in &MIGRATIONS[..before] {
            client.batch_execute(script).unwrap();
        }
        client.batch_execute(super::super::engine::ROWS_BEFORE_NUMBERING).unwrap();
        let mut tx = client.transaction().unwrap();
        tx.batch_execute(MIGRATIONS[before]).unwrap();
        tx.commit().unwrap();
        let channel = Channel { name: "numbering".into(), origin: 0 };
        let mut conn = PgConn { client: Some(client), statements: HashMap::new(), channel };
        super::super::engine::check_numbered(&mut conn);
        conn.batch(&format!("DROP SCHEMA {schema} CASCADE")).unwrap();
    }
}
