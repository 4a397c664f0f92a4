//! `livechat server …`: the production server, its first-run set-up, and the demo.

use std::num::NonZeroU32;

use crate::server::limits::{RateLimits, TrustedProxies};
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};
use tokio::net::TcpListener;

use super::Context;
use super::config::{self, ConfigFile, Profile};
use super::error::{CliError, Exit};
use crate::domain::{Channel, Email, Presence, Role, known_email};
use crate::server::metrics::MetricsAccess;
use crate::server::startup::fit_open_files;
use crate::server::{AppState, ServerConfig, init_organization, seed, serve};
use crate::store::NewMember;
use crate::store::{self, Audit, BotId, Location, MemberId, NewBot, NewToken, OrgId, SeedPlan, Store};

/// The demo server's port; the CLI's default URL points here.
pub const DEV_PORT: u16 = 7420;

#[derive(Debug, Args)]
pub struct ServerArgs {
    #[command(subcommand)]
    command: ServerCommand,
}

#[derive(Debug, Subcommand)]
enum ServerCommand {
    /// Start a demo server with seeded data and write CLI profiles for it (not for production)
    StartDev(StartDevArgs),
    /// Run the production server
    Run(RunArgs),
    /// Create an organization and print its first admin token
    Init(InitArgs),
    /// Fill a new database with generated requests, fast, for benchmarks and load tests
    Seed(SeedArgs),
    /// Copy a whole database into an empty one, e.g. from SQLite up to PostgreSQL
    ///
    /// Every row moves, archive included, in one transaction on the target. Before it commits,
    /// each table's row count and a SHA-256 of every request exported with its history are
    /// compared on both sides; if anything differs, nothing is written. Stop the servers that
    /// use the source first, so nothing changes behind the copy.
    #[command(name = "migrate-db")]
    MigrateDb(MigrateDbArgs),
}

#[derive(Debug, Args)]
pub struct MigrateDbArgs {
    /// The database to copy: `sqlite://PATH`, a file path, or `postgres://USER@HOST/DB`
    #[arg(long, value_name = "URL")]
    from: String,
    /// The empty database to fill, of either kind
    #[arg(long, value_name = "URL")]
    to: String,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// The database to fill: `sqlite://PATH` or a file path that must not exist yet, or an
    /// empty `postgres://USER@HOST/DB`
    #[arg(long, value_name = "URL")]
    db: String,
    /// How many requests in all: 2% new, 1% assigned, 0.5% chatting, 1% resolved, the rest closed
    #[arg(long, value_name = "N", default_value_t = 0)]
    requests: u64,
    /// Exactly this many new requests (the rest of --requests is shared as above)
    #[arg(long, value_name = "N")]
    new: Option<u64>,
    /// Exactly this many assigned requests
    #[arg(long, value_name = "N")]
    assigned: Option<u64>,
    /// Exactly this many chatting requests
    #[arg(long, value_name = "N")]
    chatting: Option<u64>,
    /// Exactly this many resolved requests
    #[arg(long, value_name = "N")]
    resolved: Option<u64>,
    /// Exactly this many closed requests [default: whatever --requests leaves]
    #[arg(long, value_name = "N")]
    closed: Option<u64>,
    /// Spread the closed archive evenly over this many days back
    #[arg(long, value_name = "N", default_value_t = 90, value_parser = clap::value_parser!(u64).range(2..=36_500))]
    days: u64,
}

/// The counts a seed writes: explicit ones as given, the rest shared out of `--requests`.
pub fn seed_plan(args: &SeedArgs) -> SeedPlan {
    let share = |given: Option<u64>, per_thousand: u64| given.unwrap_or(args.requests * per_thousand / 1000);
    let mut plan = SeedPlan {
        new: share(args.new, 20),
        assigned: share(args.assigned, 10),
        chatting: share(args.chatting, 5),
        resolved: share(args.resolved, 10),
        closed: 0,
        archive_days: args.days,
    };
    plan.closed = args.closed.unwrap_or_else(|| args.requests.saturating_sub(plan.total()));
    plan
}

#[derive(Debug, Args)]
pub struct StartDevArgs {
    /// Port to listen on, on 127.0.0.1
    #[arg(long, default_value_t = DEV_PORT)]
    port: u16,
    /// Keep the demo in this database instead of in memory: a SQLite file path or
    /// `sqlite://PATH`, or `postgres://USER@HOST/DB`; an empty one gets the demo data
    #[arg(long, value_name = "URL")]
    db: Option<String>,
    /// How long a resolved request stays reopenable before it is closed (`0` closes at once)
    #[arg(long, default_value = "24h", value_parser = super::parse_duration_arg, value_name = "DURATION")]
    archive_after: Duration,
    #[command(flatten)]
    limits: LimitArgs,
    /// The server's log format on stderr
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

/// What keeps a server responsive under slow, idle or too many clients, and what it may reach.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Close a connection that takes longer than this to send a request's head: new, idle
    /// between requests, or sending its headers slowly
    #[arg(long, default_value = "20s", value_parser = super::parse_duration_arg, value_name = "DURATION")]
    idle_timeout: Duration,
    /// Close a new connection that sends nothing for this long, so idle sockets cannot hold
    /// the server's connections
    #[arg(long, default_value = "5s", value_parser = super::parse_duration_arg, value_name = "DURATION")]
    first_byte_timeout: Duration,
    /// Answer 503 when a call takes longer than this to answer (streams run on)
    #[arg(long, default_value = "30s", value_parser = super::parse_duration_arg, value_name = "DURATION")]
    request_timeout: Duration,
    /// Connections served at once; more are closed as they arrive. A quarter is held back for
    /// callers who send their request at once (health checks, members); the server lowers it
    /// to fit its open-files limit
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..), value_name = "N")]
    max_connections: u32,
    /// Live streams one member may hold open at once
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..), value_name = "N")]
    max_streams_per_member: u32,
    /// Live streams one client address may hold open at once, members' and visitors'
    /// together; 0 for no cap, the default, since behind a proxy every client shares its address
    #[arg(long, default_value_t = 0, value_name = "N")]
    max_streams_per_address: u32,
    /// Visitors' live streams (those without a member token) one client address may hold
    /// open at once; 0 for no cap
    #[arg(long, default_value_t = 8, value_name = "N")]
    max_visitor_streams_per_address: u32,
    /// Rate limits: `off` lifts them all, for load tests and benchmarks
    #[arg(long, value_enum, default_value_t = Switch::On, value_name = "on|off")]
    rate_limit: Switch,
    /// Visitor calls (request forms and messages) per minute from one client address
    #[arg(long, default_value = "30", value_name = "N")]
    visitor_rate: NonZeroU32,
    /// New requests per minute for one bot, from every address together
    #[arg(long, default_value = "600", value_name = "N")]
    bot_rate: NonZeroU32,
    /// Members' API calls per minute with one token
    #[arg(long, default_value = "1200", value_name = "N")]
    token_rate: NonZeroU32,
    /// Open requests one client address may hold at once; more forms are refused until
    /// staff resolve one
    #[arg(long, default_value = "10", value_name = "N")]
    max_open_per_address: NonZeroU32,
    /// A proxy whose X-Forwarded-For names the client (repeat for several); others' is ignored
    #[arg(long = "trusted-proxy", value_name = "IP")]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// An internal range webhooks may be sent to all the same, such as `10.0.0.0/8` for an
    /// on-premises receiver (repeat for several); loopback, private, link-local and other
    /// non-public addresses are refused otherwise
    #[arg(long = "webhook-allow", value_name = "CIDR")]
    webhook_allow: Vec<ipnet::IpNet>,
    /// Memory for pages kept to answer repeated reads (the queue, a request, the backlog,
    /// figures, the team) until the next write; 0 turns the cache off, with the same answers
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(0..=65536), value_name = "MIB")]
    page_cache_mb: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The database: `sqlite://PATH` or a plain file path, or `postgres://USER@HOST/DB`
    /// (several servers may share one PostgreSQL database)
    #[arg(long, env = "LIVECHAT_DB", hide_env_values = true, value_name = "URL")]
    db: String,
    /// Address to listen on
    #[arg(
        long,
        env = "LIVECHAT_LISTEN",
        hide_env_values = true,
        default_value = "127.0.0.1:7420",
        value_name = "ADDR"
    )]
    listen: SocketAddr,
    /// How long a resolved request stays reopenable before it is closed (`0` closes at once)
    #[arg(long, default_value = "24h", value_parser = super::parse_duration_arg, value_name = "DURATION")]
    archive_after: Duration,
    /// How often to delete closed requests past the organization's retention policy
    /// (`livechat retention set`)
    #[arg(long, default_value = "10m", value_parser = super::parse_duration_arg, value_name = "DURATION")]
    retention_every: Duration,
    #[command(flatten)]
    limits: LimitArgs,
    /// The log format on stderr
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    /// Connections this server keeps to PostgreSQL; mind the database's `max_connections`
    /// across all replicas
    #[arg(long, env = "LIVECHAT_DB_POOL", default_value_t = store::DEFAULT_POOL, value_parser = clap::value_parser!(u32).range(2..=1000), value_name = "N")]
    db_pool: u32,
    /// Serve `/metrics` for Prometheus on this address of its own, to whoever reaches it: bind
    /// it where only the scraper can (the metrics count every organization's requests)
    #[arg(long, env = "LIVECHAT_METRICS_LISTEN", hide_env_values = true, value_name = "ADDR")]
    metrics_listen: Option<SocketAddr>,
    /// Serve `/metrics` on the API's address to callers who send this bearer token (16
    /// characters or more); prefer the environment variable, which the process list does not show
    #[arg(long, env = "LIVECHAT_METRICS_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    metrics_token: Option<String>,
}

/// Who may read `/metrics` on the API's listener, from `server run`'s flags.
fn metrics_access(token: Option<&str>) -> Result<MetricsAccess, CliError> {
    match token.map(str::trim) {
        None => Ok(MetricsAccess::Closed),
        Some(token) if token.chars().count() < 16 => Err(CliError::usage(
            "--metrics-token (LIVECHAT_METRICS_TOKEN) must be at least 16 characters; `openssl rand -hex 32` makes one",
        )),
        Some(token) => Ok(MetricsAccess::Token(crate::server::hash_token(token))),
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The database: `sqlite://PATH` or a plain file path, or `postgres://USER@HOST/DB`
    /// (several servers may share one PostgreSQL database)
    #[arg(long, env = "LIVECHAT_DB", hide_env_values = true, value_name = "URL")]
    db: String,
    /// The organization's name
    #[arg(long, value_name = "NAME")]
    org: String,
    /// The first org admin's email
    #[arg(long, value_name = "EMAIL", value_parser = Email::parse)]
    admin: Email,
    /// The first org admin's display name [default: the email]
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
}

/// Opens the store a `--db` URL names, creating or migrating its schema.
pub async fn open_store(url: &str) -> Result<Arc<dyn Store>, CliError> {
    open_store_with_pool(url, store::DEFAULT_POOL).await
}

async fn open_store_with_pool(url: &str, pool: u32) -> Result<Arc<dyn Store>, CliError> {
    let location: Location = url.parse().map_err(CliError::usage)?;
    let shown = redacted(url);
    // Opening connects and migrates with blocking clients.
    tokio::task::spawn_blocking(move || store::open_with_pool(&location, pool))
        .await
        .map_err(|e| CliError::new(Exit::Error, format!("opening the database failed: {e}")))?
        .map_err(|e| {
            CliError::new(Exit::Error, format!("cannot open the database {shown}: {e}"))
                .with_hint("check the --db URL, and that the database server is running and reachable")
        })
}

/// A database URL fit for messages and logs: any password is hidden.
pub fn redacted(url: &str) -> String {
    crate::cli::sanitize::without_passwords(url).into_owned()
}

/// How the server writes its logs (to stderr).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// One readable line per event
    Text,
    /// One JSON object per event, with the request's id and route
    Json,
}

/// Starts logging to stderr; logs are written until the returned guard is dropped.
///
/// A log reader that stalls or goes away must never stall or fail the calls: lines go
/// through a bounded queue to a writer thread, and are dropped when the queue is full.
/// tracing's own report of a failed write would panic on the same broken stderr, so it is
/// turned off.
fn init_logging(default: &str, format: LogFormat) -> tracing_appender::non_blocking::WorkerGuard {
    let filter = tracing_subscriber::EnvFilter::try_from_env("LIVECHAT_LOG").unwrap_or_else(|_| default.into());
    // The PostgreSQL driver logs each statement's parameters at debug level: emails and
    // token digests. Those lines never reach our logs, whatever LIVECHAT_LOG asks for.
    let filter = ["tokio_postgres=info", "postgres=info"]
        .into_iter()
        .filter_map(|d| d.parse().ok())
        .fold(filter, tracing_subscriber::EnvFilter::add_directive);
    let (writer, guard) = tracing_appender::non_blocking(std::io::stderr());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer).log_internal_errors(false);
    let _ = match format {
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).try_init(),
        LogFormat::Json => builder.json().with_current_span(true).with_span_list(false).try_init(),
    };
    guard
}

async fn bind(addr: SocketAddr) -> Result<TcpListener, CliError> {
    TcpListener::bind(addr).await.map_err(|e| {
        CliError::new(Exit::Error, format!("cannot listen on {addr}: {e}"))
            .with_hint("is another livechat server running there? Pick another address or port")
    })
}

/// Ctrl-C or SIGTERM: the server stops taking calls, lets the open ones finish, ends live
/// streams with a final event, and closes the database.
async fn stop_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    tracing::info!("stopping: finishing open calls and closing live streams");
}

fn config_for(archive_after: Duration, limits: &LimitArgs) -> Result<ServerConfig, CliError> {
    let archive_after =
        jiff::SignedDuration::try_from(archive_after).map_err(|_| CliError::usage("--archive-after is too long"))?;
    let LimitArgs {
        idle_timeout,
        first_byte_timeout,
        request_timeout,
        max_connections,
        max_streams_per_member,
        max_streams_per_address,
        max_visitor_streams_per_address,
        rate_limit,
        visitor_rate,
        bot_rate,
        token_rate,
        max_open_per_address,
        trusted_proxies,
        webhook_allow,
        page_cache_mb,
    } = limits.clone();
    let rate_limits = match rate_limit {
        Switch::On => RateLimits {
            per_address: Some(visitor_rate),
            per_bot: Some(bot_rate),
            per_token: Some(token_rate),
            open_per_address: Some(max_open_per_address),
        },
        Switch::Off => RateLimits::OFF,
    };
    if idle_timeout.is_zero() || request_timeout.is_zero() || first_byte_timeout.is_zero() {
        return Err(CliError::usage(
            "--idle-timeout, --first-byte-timeout and --request-timeout must be longer than 0s",
        ));
    }
    Ok(ServerConfig {
        archive_after,
        idle_timeout,
        request_timeout,
        max_connections: fit_open_files(max_connections as usize),
        first_byte_timeout,
        max_streams_per_member: max_streams_per_member as usize,
        max_streams_per_address: max_streams_per_address as usize,
        max_visitor_streams_per_address: max_visitor_streams_per_address as usize,
        rate_limits,
        trusted_proxies: TrustedProxies(trusted_proxies),
        webhook_allow: crate::server::egress::Egress { allow: webhook_allow },
        page_cache_bytes: (page_cache_mb as usize) << 20,
        ..ServerConfig::default()
    })
}

pub async fn run(ctx: &Context, args: ServerArgs) -> anyhow::Result<Exit> {
    match args.command {
        ServerCommand::StartDev(args) => start_dev(ctx, args).await,
        ServerCommand::Run(args) => {
            let _logs = init_logging("info", args.log_format);
            let store = open_store_with_pool(&args.db, args.db_pool).await?;
            let listener = bind(args.listen).await?;
            if args.retention_every.is_zero() {
                return Err(CliError::usage("--retention-every must be longer than 0s").into());
            }
            let config = ServerConfig {
                metrics: metrics_access(args.metrics_token.as_deref())?,
                retention_every: args.retention_every,
                ..config_for(args.archive_after, &args.limits)?
            };
            let state = AppState::new(store, config);
            tracing::info!(addr = %listener.local_addr()?, "livechat server listening");
            if let Some(addr) = args.metrics_listen {
                let metrics = bind(addr).await?;
                tracing::info!(metrics_addr = %metrics.local_addr()?, "metrics listening");
                let app = crate::server::metrics::metrics_app(state.clone());
                tokio::spawn(async move {
                    if let Err(err) = axum::serve(metrics, app).await {
                        tracing::error!(%err, "the metrics listener stopped");
                    }
                });
            }
            serve(listener, state, stop_signal()).await?;
            // The last handle on the store went with the server: its connections are closed.
            tracing::info!("stopped; the database is closed");
            Ok(Exit::Success)
        }
        ServerCommand::Seed(args) => seed(ctx, args).await,
        ServerCommand::MigrateDb(args) => migrate_db(ctx, args).await,
        ServerCommand::Init(args) => {
            let store = open_store(&args.db).await?;
            let name = args.name.unwrap_or_else(|| args.admin.to_string());
            let (me, token) = init_organization(store.as_ref(), &args.org, &args.admin, &name)
                .await
                .map_err(|e| CliError::new(Exit::Error, format!("cannot create the organization: {e}")))?;
            ctx.ui.status(&format!(
                "✓ Created organization `{}` (id {}) with org admin {}.\nThis token is shown once; store it now, e.g. `livechat auth login --with-token`:",
                me.organization.name, me.organization.id, me.member.email
            ));
            ctx.ui.line(&token)?;
            ctx.ui.status(
                "Next: invite your team with `livechat members add EMAIL --role agent`, and make a bot with \
                 `livechat bots create NAME --channel web`.",
            );
            Ok(Exit::Success)
        }
    }
}

async fn migrate_db(ctx: &Context, args: MigrateDbArgs) -> anyhow::Result<Exit> {
    let MigrateDbArgs { from, to } = args;
    let source: Location = from.parse().map_err(CliError::usage)?;
    let target: Location = to.parse().map_err(CliError::usage)?;
    if source == target {
        return Err(CliError::usage("--from and --to name the same database; give an empty one as --to").into());
    }
    if let Location::SqliteFile(path) = &source
        && !path.exists()
    {
        return Err(CliError::usage(format!("there is no database at {}; check --from", path.display())).into());
    }
    let (shown_from, shown_to) = (redacted(&from), redacted(&to));
    ctx.ui.status(&format!("Copying {shown_from} into {shown_to}…"));
    let ui = ctx.ui.clone();
    let copied = tokio::task::spawn_blocking(move || {
        store::copy_database(&source, &target, &mut |table, rows| {
            ui.status(&format!("  {table}: {rows} {}", if rows == 1 { "row" } else { "rows" }))
        })
    })
    .await?;
    let report = match copied {
        Ok(report) => report,
        Err(store::StoreError::Duplicate(message)) => {
            return Err(CliError::usage(format!("{shown_to}: {message}"))
                .with_hint("migrate-db fills a new database; create an empty one, or drop what is in this one")
                .into());
        }
        Err(err) => {
            return Err(CliError::new(
                Exit::Error,
                format!("the copy failed, and nothing was written to {shown_to}: {err}"),
            )
            .into());
        }
    };
    let rows: u64 = report.tables.iter().map(|(_, n)| n).sum();
    ctx.ui.status(&format!(
        "✓ Copied {rows} rows in {} tables; row counts and the archive's SHA-256 ({}) match on both sides.",
        report.tables.len(),
        report.archive_sha256
    ));
    Ok(Exit::Success)
}

async fn seed(ctx: &Context, args: SeedArgs) -> anyhow::Result<Exit> {
    let started = std::time::Instant::now();
    let plan = seed_plan(&args);
    if let Ok(Location::SqliteFile(path)) = args.db.parse::<Location>()
        && path.exists()
    {
        return Err(CliError::usage(format!("{} already exists; seed fills a new database", path.display())).into());
    }
    let store = open_store(&args.db).await?;
    if !store.is_empty().await? {
        return Err(
            CliError::usage(format!("{} already holds data; seed fills a new database", redacted(&args.db))).into()
        );
    }
    let (admin, admin_token) =
        init_organization(store.as_ref(), "Bench Org", &known_email("admin@bench.test"), "Bench Admin").await?;
    let org = OrgId(admin.organization.id);
    let web =
        store.add_bot(org, NewBot::named("Bench Web", &[Channel::Web, Channel::Messenger]), Audit::SERVER).await?;
    let discord = store.add_bot(org, NewBot::named("Bench Discord", &[Channel::Discord]), Audit::SERVER).await?;
    let mut members = vec![serde_json::json!({"email": admin.member.email, "role": "org-admin", "token": admin_token})];
    let mut agents = Vec::new();
    for n in 1..=3 {
        let member = NewMember {
            email: known_email(&format!("agent{n}@bench.test")),
            name: format!("Agent {n}"),
            role: Role::Agent,
            bot_ids: vec![],
            presence: Presence::Online,
        };
        let member = store.add_member(org, member, Audit::SERVER).await?;
        let (token, hash) = crate::server::new_token("lc_");
        store.add_token(MemberId(member.id), NewToken::named(hash, "seed"), Audit::SERVER).await?;
        agents.push(MemberId(member.id));
        members.push(serde_json::json!({"email": member.email, "role": "agent", "token": token}));
    }
    let (web, discord) = (BotId(web.id), BotId(discord.id));
    let bots = vec![(web, Channel::Web), (web, Channel::Messenger), (discord, Channel::Discord)];
    store.bulk_seed(org, bots, agents, plan, jiff::Timestamp::now()).await?;
    let summary = serde_json::json!({
        "db": redacted(&args.db),
        "organization": admin.organization,
        "members": members,
        "requests": {"new": plan.new, "assigned": plan.assigned, "chatting": plan.chatting, "resolved": plan.resolved, "closed": plan.closed},
        "seconds": started.elapsed().as_secs_f64(),
    });
    ctx.ui.line(&serde_json::to_string_pretty(&summary)?)?;
    Ok(Exit::Success)
}

async fn start_dev(ctx: &Context, args: StartDevArgs) -> anyhow::Result<Exit> {
    let _logs = init_logging("warn", args.log_format);
    let listener = bind(SocketAddr::from(([127, 0, 0, 1], args.port))).await?;
    let url = format!("http://{}", listener.local_addr()?);
    let store = open_store(args.db.as_deref().unwrap_or("sqlite::memory:")).await?;
    let fresh = store.is_empty().await?;
    let path = config::config_path()?;
    if fresh {
        let demo = seed::seed_demo(store.as_ref())
            .await
            .map_err(|e| CliError::new(Exit::Error, format!("cannot seed the demo: {e}")))?;
        let mut file = ConfigFile::load(&path)?;
        for m in &demo.members {
            file.profiles.insert(m.profile.clone(), Profile { url: url.clone(), token: Some(m.token.clone()) });
        }
        file.default_profile = Some("dev".to_string());
        file.save(&path)?;
        let who = demo
            .members
            .iter()
            .map(|m| format!("  --profile {:<14} {} ({})", m.profile, m.member.name, m.member.role))
            .collect::<Vec<_>>()
            .join("\n");
        ctx.ui.line(&format!(
            "livechat demo server on {url}: NOT FOR PRODUCTION (demo data, tokens in {config}).\n\
             Seeded organization `Acme Support` with 40 requests; profiles written:\n{who}\n\n\
             In another terminal, try:\n  livechat requests list\n  livechat requests show {id}\n  \
             livechat --profile dev-agent requests assign {id} --to me\n  livechat requests resolve {id} --note \"Refund sent\"\n\n\
             Press Ctrl-C to stop.",
            config = path.display(),
            id = demo.newest_new,
        ))?;
    } else {
        ctx.ui.line(&format!(
            "livechat demo server on {url}: NOT FOR PRODUCTION. Reusing the demo data in {}; the profiles written when it was created still work. Press Ctrl-C to stop.",
            redacted(args.db.as_deref().unwrap_or_default())
        ))?;
    }
    // The demo listens on 127.0.0.1 only, so its metrics are open to this machine.
    let config = ServerConfig { metrics: MetricsAccess::Open, ..config_for(args.archive_after, &args.limits)? };
    serve(listener, AppState::new(store, config), stop_signal()).await?;
    Ok(Exit::Success)
}
