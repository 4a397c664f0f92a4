//! `spawn_app_on(store)`: a real server on its own runtime thread, on a fresh database of
//! either store, with a fixture organization; `FileServer`: real `livechat server run`
//! processes; helpers to call them over HTTP and to run the `livechat` binary against them.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use livechat::api::{FieldKind, FieldSpec};
use livechat::domain::{Channel, Presence, Role, known_email};

use livechat::server::{AppState, ServerConfig, init_organization, new_token, serve};
use livechat::store::{Audit, Location, MemberId, NewBot, NewMember, NewToken, OrgId, Store};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tempfile::TempDir;

/// The metrics token that tests give the `server run` processes they start.
pub const METRICS_TOKEN: &str = "metrics-token-of-the-tests";

/// A `server run` process's metrics, read with [`METRICS_TOKEN`].
pub async fn scrape(http: &reqwest::Client, base: &str) -> String {
    let answer = http.get(format!("{base}/metrics")).bearer_auth(METRICS_TOKEN).send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK, "the metrics token opens /metrics");
    answer.text().await.unwrap()
}

/// The fixture organization's members, by the profile names the CLI tests use.
pub const ADMIN: &str = "admin";
pub const BOT_ADMIN: &str = "bot-admin";
pub const AGENT: &str = "agent";
pub const AGENT2: &str = "agent2";
pub const OTHER_BOT_ADMIN: &str = "other-bot-admin";
/// The org admin of a second organization, for isolation probes.
pub const STRANGER: &str = "stranger";

pub struct Member {
    pub id: i64,
    pub email: String,
    pub token: String,
}

pub struct TestApp {
    pub url: String,
    /// Dropped after the server stops.
    db: Option<TestDb>,
    pub dir: TempDir,
    pub http: reqwest::Client,
    members: Vec<(String, Member)>,
    /// The fixture's bots: `help` (web, messenger) and `community` (discord).
    pub help_bot: i64,
    pub community_bot: i64,
    /// A bot of the stranger's organization.
    pub stranger_bot: i64,
    /// An integration key of the community bot, made on first use.
    community_key: tokio::sync::OnceCell<String>,
    /// Where this server's metrics are served, on a listener of their own, made on first use.
    metrics_url: tokio::sync::OnceCell<String>,
    pub state: AppState,
    runtime: tokio::runtime::Handle,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestApp {
    /// Starts a graceful shutdown, as SIGTERM or Ctrl-C would, without waiting for it.
    pub fn begin_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.begin_shutdown();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        drop(self.db.take());
    }
}

/// Which store a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub use crate::servers::FileServer;

/// The PostgreSQL server the PostgreSQL tests use, each in a schema of its own.
pub const DATABASE_URL_VAR: &str = "LIVECHAT_TEST_DATABASE_URL";

/// A fresh, empty database for one test: a SQLite file in a temporary directory, or a new
/// schema on the PostgreSQL server named by `LIVECHAT_TEST_DATABASE_URL`, dropped afterwards.
pub struct TestDb {
    pub url: String,
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// `None` when the PostgreSQL tests cannot run here, after saying so on the terminal.
    /// Under CI a missing database URL fails the test: CI must run every store.
    pub fn new(backend: Backend, dir: &Path) -> Option<TestDb> {
        match backend {
            Backend::Sqlite => Some(TestDb { url: dir.join("livechat.sqlite").display().to_string(), postgres: None }),
            Backend::Postgres => {
                let Ok(base) = std::env::var(DATABASE_URL_VAR) else {
                    assert!(
                        std::env::var_os("CI").is_none(),
                        "{DATABASE_URL_VAR} is not set: under CI every PostgreSQL test must run"
                    );
                    // Written past the test harness's capture, so a skip is never silent.
                    let _ = writeln!(
                        std::io::stderr(),
                        "SKIPPED {}: {DATABASE_URL_VAR} is not set, so this PostgreSQL test did not run",
                        std::thread::current().name().unwrap_or("a test")
                    );
                    return None;
                };
                static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
                let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let schema = format!("lc_{}_{n}_{:08x}", std::process::id(), rand::random::<u32>());
                let admin = base.clone();
                let sql = format!("CREATE SCHEMA {schema}");
                // The blocking client must not run on an async test's runtime thread.
                let created = std::thread::spawn(move || {
                    let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap_or_else(|e| {
                        panic!("{DATABASE_URL_VAR} is set but its database cannot be reached: {e}")
                    });
                    client.batch_execute(&sql).unwrap();
                })
                .join();
                if let Err(panic) = created {
                    std::panic::resume_unwind(panic);
                }
                let sep = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
                Some(TestDb { url, postgres: Some((base, schema)) })
            }
        }
    }

    /// The same database, reached at `url`, that this handle will not drop.
    pub fn borrowed(url: &str) -> TestDb {
        TestDb { url: url.to_string(), postgres: None }
    }

    pub fn location(&self) -> Location {
        self.url.parse().unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, schema)) = self.postgres.take() {
            let _ = std::thread::spawn(move || {
                if let Ok(mut client) = postgres::Client::connect(&base, postgres::NoTls) {
                    let _ = client.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
                }
            })
            .join();
        }
    }
}

/// Starts the server on port 0 with the fixture organization seeded through the store API;
/// `None` when the store cannot run here (see `TestDb`).
pub fn spawn_app_on(backend: Backend, config: ServerConfig) -> Option<TestApp> {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(backend, dir.path())?;
    let location = db.location();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let store: Arc<dyn Store> = livechat::store::open(&location).unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async move {
            let fixture = seed_fixture(store.as_ref()).await;
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let url = format!("http://{}", listener.local_addr().unwrap());
            let state = AppState::new(store, config);
            ready_tx.send((url, fixture, state.clone(), tokio::runtime::Handle::current())).unwrap();
            serve(listener, state, async move {
                let _ = shutdown_rx.await;
            })
            .await
            .unwrap();
        });
    });
    let (url, fixture, state, runtime) = ready_rx.recv().expect("the test server failed to start");
    let app = TestApp {
        url,
        db: Some(db),
        dir,
        http: livechat::client::http(),
        members: fixture.members,
        help_bot: fixture.help_bot,
        community_bot: fixture.community_bot,
        stranger_bot: fixture.stranger_bot,
        community_key: tokio::sync::OnceCell::new(),
        metrics_url: tokio::sync::OnceCell::new(),
        state,
        runtime,
        shutdown: Some(shutdown_tx),
        thread: Some(thread),
    };
    app.write_profiles();
    Some(app)
}

struct Fixture {
    members: Vec<(String, Member)>,
    help_bot: i64,
    community_bot: i64,
    stranger_bot: i64,
}

async fn seed_fixture(store: &dyn Store) -> Fixture {
    let (admin, admin_token) =
        init_organization(store, "Fixture Org", &known_email("admin@fixture.test"), "Ada Admin").await.unwrap();
    let org = admin.organization.id;
    // The Help bot's form asks for more than a new bot's: an order, its number and a VIP flag.
    let mut help = NewBot::named("Help", &[Channel::Web, Channel::Messenger]);
    let extra =
        |key: &str, kind| FieldSpec { key: key.into(), label: key.into(), kind, required: false, options: None };
    help.form.fields.splice(
        2..2,
        [extra("order", FieldKind::Text), extra("order_number", FieldKind::Number), extra("vip", FieldKind::Text)],
    );
    let help = store.add_bot(OrgId(org), help, Audit::SERVER).await.unwrap();
    let community =
        store.add_bot(OrgId(org), NewBot::named("Community", &[Channel::Discord]), Audit::SERVER).await.unwrap();
    let mut members = vec![(
        ADMIN.to_string(),
        Member { id: admin.member.id, email: admin.member.email.clone(), token: admin_token },
    )];
    let others = [
        (BOT_ADMIN, "botadmin@fixture.test", "Bea Botadmin", Role::BotAdmin, vec![help.id], Presence::Online),
        (AGENT, "agent@fixture.test", "Abe Agent", Role::Agent, vec![], Presence::Online),
        (AGENT2, "agent2@fixture.test", "Cy Agent", Role::Agent, vec![], Presence::Away),
        (
            OTHER_BOT_ADMIN,
            "otheradmin@fixture.test",
            "Oz Otheradmin",
            Role::BotAdmin,
            vec![community.id],
            Presence::Offline,
        ),
    ];
    for (profile, email, name, role, bot_ids, presence) in others {
        let member = NewMember { email: known_email(email), name: name.into(), role, bot_ids, presence };
        let member = store.add_member(OrgId(org), member, Audit::SERVER).await.unwrap();
        let (token, hash) = new_token("lc_");
        store.add_token(MemberId(member.id), NewToken::named(hash, "test"), Audit::SERVER).await.unwrap();
        members.push((profile.to_string(), Member { id: member.id, email: member.email, token }));
    }
    let (stranger, stranger_token) =
        init_organization(store, "Elsewhere Inc", &known_email("root@elsewhere.test"), "Sam Stranger").await.unwrap();
    let stranger_bot = store
        .add_bot(OrgId(stranger.organization.id), NewBot::named("Elsewhere Bot", &[Channel::Web]), Audit::SERVER)
        .await
        .unwrap();
    members.push((
        STRANGER.to_string(),
        Member { id: stranger.member.id, email: stranger.member.email, token: stranger_token },
    ));
    Fixture { members, help_bot: help.id, community_bot: community.id, stranger_bot: stranger_bot.id }
}

/// An HTTP answer: the status and the JSON body (`Null` when the body is not JSON).
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
}

impl Answer {
    /// The error code of an error answer, after checking it has our error shape.
    pub fn code(&self) -> &str {
        let error = &self.body["error"];
        assert!(error["message"].is_string(), "not our error shape: {}", self.body);
        error["code"].as_str().unwrap_or_else(|| panic!("no error code in {}", self.body))
    }

    pub fn message(&self) -> &str {
        self.body["error"]["message"].as_str().unwrap_or_else(|| panic!("no error message in {}", self.body))
    }

    #[track_caller]
    pub fn expect(self, status: StatusCode) -> Value {
        assert_eq!(self.status, status, "unexpected answer: {}", self.body);
        self.body
    }
}

impl TestApp {
    pub fn member(&self, profile: &str) -> &Member {
        &self.members.iter().find(|(p, _)| p == profile).unwrap_or_else(|| panic!("no fixture member {profile}")).1
    }

    pub fn token(&self, profile: &str) -> &str {
        &self.member(profile).token
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// One CLI profile per fixture member, `admin` the default, as start-dev writes them.
    fn write_profiles(&self) {
        let mut text = format!("default_profile = \"{ADMIN}\"\n");
        for (profile, member) in &self.members {
            text.push_str(&format!("\n[profiles.{profile}]\nurl = \"{}\"\ntoken = \"{}\"\n", self.url, member.token));
        }
        std::fs::create_dir_all(self.config_dir()).unwrap();
        let path = self.config_dir().join("config.toml");
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    }

    pub async fn call(&self, method: reqwest::Method, path: &str, token: Option<&str>, body: Option<Value>) -> Answer {
        let mut req = self.http.request(method, format!("{}{path}", self.url));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.expect("the test server did not answer");
        let status = resp.status();
        let bytes = resp.bytes().await.unwrap();
        Answer { status, body: serde_json::from_slice(&bytes).unwrap_or(Value::Null) }
    }

    /// Serves a second server with `config` on this one's store, in this one's runtime, as a
    /// replica would: its URL.
    pub fn sibling(&self, config: ServerConfig) -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = AppState::new(self.state.store.clone(), config);
        self.runtime.spawn(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            serve(listener, state, std::future::pending()).await.unwrap();
        });
        url
    }

    pub async fn get(&self, path: &str, profile: &str) -> Answer {
        self.call(reqwest::Method::GET, path, Some(self.token(profile)), None).await
    }

    /// The server's metrics, read as Prometheus would from `--metrics-listen`.
    pub async fn metrics(&self) -> String {
        let url = self
            .metrics_url
            .get_or_init(|| async {
                let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
                listener.set_nonblocking(true).unwrap();
                let url = format!("http://{}/metrics", listener.local_addr().unwrap());
                let app = livechat::server::metrics::metrics_app(self.state.clone());
                self.runtime.spawn(async move {
                    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                    axum::serve(listener, app).await.unwrap();
                });
                url
            })
            .await;
        self.http.get(url).send().await.unwrap().text().await.unwrap()
    }

    pub async fn post(&self, path: &str, profile: &str, body: Value) -> Answer {
        self.call(reqwest::Method::POST, path, Some(self.token(profile)), Some(body)).await
    }

    /// A new integration key of `bot`, made by the org admin through the API.
    pub async fn integration_key(&self, bot: i64) -> String {
        let created = self.post(&format!("/v1/bots/{bot}/keys"), ADMIN, json!({"name": "test"})).await;
        created.expect(StatusCode::CREATED)["key"].as_str().unwrap().to_string()
    }

    /// A platform integration opens a request for the channel's user `user_id`.
    pub async fn integration_request(&self, key: &str, channel: &str, user_id: &str, answers: Value) -> Answer {
        let body = json!({"channel": channel, "user_id": user_id, "answers": answers});
        let req = self.http.post(format!("{}/v1/integrations/requests", self.url)).bearer_auth(key).json(&body);
        let resp = req.send().await.expect("the test server did not answer");
        let status = resp.status();
        Answer { status, body: serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap_or(Value::Null) }
    }

    /// A visitor asks for a person: through the web form, or on the community bot (Discord
    /// only) through its integration; returns the request id and conversation token.
    pub async fn visitor_request(&self, bot: i64, name: &str) -> (i64, String) {
        let mut form = json!({"name": name, "email": "visitor@example.com", "message": "I need a person"});
        if bot == self.help_bot {
            form["order"] = "A-1".into();
        }
        let body = if bot == self.community_bot {
            let key = self.community_key.get_or_init(|| self.integration_key(bot)).await;
            let user = format!("disc-{}", rand::random::<u32>());
            self.integration_request(key, "discord", &user, form).await
        } else {
            self.call(reqwest::Method::POST, &format!("/v1/public/bots/{bot}/requests"), None, Some(form)).await
        };
        let body = body.expect(StatusCode::CREATED);
        (body["request_id"].as_i64().unwrap(), body["conversation_token"].as_str().unwrap().to_string())
    }

    pub async fn new_request(&self) -> i64 {
        self.visitor_request(self.help_bot, "Val Visitor").await.0
    }

    /// A request brought to `state` on the Help bot, held by `agent` after `new`.
    pub async fn request_in(&self, state: &str) -> i64 {
        let id = self.new_request().await;
        let steps: &[(&str, &str)] = match state {
            "new" => &[],
            "assigned" => &[("assign", ADMIN)],
            "chatting" => &[("assign", ADMIN), ("chat/start", AGENT)],
            "resolved" | "closed" => &[("assign", ADMIN), ("resolve", AGENT)],
            other => panic!("no state {other}"),
        };
        for (action, who) in steps {
            let body = match *action {
                "assign" => json!({"to": self.member(AGENT).email}),
                "resolve" => json!({"note": "done"}),
                _ => json!({}),
            };
            self.post(&format!("/v1/requests/{id}/{action}"), who, body).await.expect(StatusCode::OK);
        }
        if state == "closed" {
            self.archive_everything_resolved().await;
        }
        id
    }

    /// Runs the archiver as if every resolved request's window had elapsed.
    pub async fn archive_everything_resolved(&self) -> u64 {
        let store = self.state.store.clone();
        self.runtime
            .spawn(async move {
                let now = Timestamp::now();
                store.archive_due(SignedDuration::from_hours(-1), now).await.unwrap()
            })
            .await
            .unwrap()
    }

    /// Runs the archiver with the server's own window.
    pub async fn archive_due(&self) -> u64 {
        let state = self.state.clone();
        self.runtime.spawn(async move { state.archive_due().await.unwrap() }).await.unwrap()
    }

    /// Runs `livechat` with the test profiles; `profile` None uses the default (`admin`).
    pub fn cli(&self, args: &[&str]) -> CliOutput {
        self.cli_with_stdin(args, None)
    }

    pub fn cli_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> CliOutput {
        run_livechat(&self.config_dir(), args, stdin, &[])
    }
}

pub struct CliOutput {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl std::fmt::Debug for CliOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}\n--- stdout\n{}--- stderr\n{}", self.code, self.stdout, self.stderr)
    }
}

impl CliOutput {
    #[track_caller]
    pub fn success(self) -> CliOutput {
        assert_eq!(self.code, 0, "{self:?}");
        self
    }

    #[track_caller]
    pub fn exit(self, code: i32) -> CliOutput {
        assert_eq!(self.code, code, "{self:?}");
        self
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }
}

/// Runs the real binary with a clean environment: no inherited profile, URL or token.
pub fn run_livechat(config_dir: &Path, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> CliOutput {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_livechat"));
    cmd.args(args)
        .env("LIVECHAT_CONFIG_DIR", config_dir)
        .env_remove("LIVECHAT_URL")
        .env_remove("LIVECHAT_TOKEN")
        .env_remove("LIVECHAT_PROFILE")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("cannot run the livechat binary");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    let Output { status, stdout, stderr } = child.wait_with_output().unwrap();
    CliOutput {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}
