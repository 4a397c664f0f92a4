//! `spawn_app()`: a real server on its own runtime thread, with a fixture organization, plus
//! helpers to call it over HTTP and to run the `livechat` binary against it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use livechat::domain::{Channel, Presence, Role};

use livechat::server::{AppState, ServerConfig, init_organization, new_token, serve};
use livechat::store::{NewMember, SqliteStore, Store};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tempfile::TempDir;

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
    pub dir: TempDir,
    pub http: reqwest::Client,
    members: Vec<(String, Member)>,
    /// The fixture's bots: `help` (web, messenger) and `community` (discord).
    pub help_bot: i64,
    pub community_bot: i64,
    /// A bot of the stranger's organization.
    pub stranger_bot: i64,
    state: AppState,
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
    }
}

pub fn spawn_app() -> TestApp {
    spawn_app_with(ServerConfig::default())
}

/// Starts the server on port 0 with the fixture organization seeded through the store API.
pub fn spawn_app_with(config: ServerConfig) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("livechat.sqlite");
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
    let db_path = db;
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async move {
            let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&db_path).unwrap());
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
        dir,
        http: reqwest::Client::new(),
        members: fixture.members,
        help_bot: fixture.help_bot,
        community_bot: fixture.community_bot,
        stranger_bot: fixture.stranger_bot,
        state,
        runtime,
        shutdown: Some(shutdown_tx),
        thread: Some(thread),
    };
    app.write_profiles();
    app
}

struct Fixture {
    members: Vec<(String, Member)>,
    help_bot: i64,
    community_bot: i64,
    stranger_bot: i64,
}

async fn seed_fixture(store: &dyn Store) -> Fixture {
    let (admin, admin_token) =
        init_organization(store, "Fixture Org", "admin@fixture.test", "Ada Admin").await.unwrap();
    let org = admin.organization.id;
    let help = store.add_bot(org, "Help", &[Channel::Web, Channel::Messenger]).await.unwrap();
    let community = store.add_bot(org, "Community", &[Channel::Discord]).await.unwrap();
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
        let member = NewMember { email: email.into(), name: name.into(), role, bot_ids, presence };
        let member = store.add_member(org, member).await.unwrap();
        let (token, hash) = new_token("lc_");
        store.add_token(member.id, hash, "test").await.unwrap();
        members.push((profile.to_string(), Member { id: member.id, email: member.email, token }));
    }
    let (stranger, stranger_token) =
        init_organization(store, "Elsewhere Inc", "root@elsewhere.test", "Sam Stranger").await.unwrap();
    let stranger_bot = store.add_bot(stranger.organization.id, "Elsewhere Bot", &[Channel::Web]).await.unwrap();
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
        std::fs::write(self.config_dir().join("config.toml"), text).unwrap();
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

    pub async fn get(&self, path: &str, profile: &str) -> Answer {
        self.call(reqwest::Method::GET, path, Some(self.token(profile)), None).await
    }

    pub async fn post(&self, path: &str, profile: &str, body: Value) -> Answer {
        self.call(reqwest::Method::POST, path, Some(self.token(profile)), Some(body)).await
    }

    /// A visitor submits the request form; returns the request id and conversation token.
    pub async fn visitor_request(&self, bot: i64, name: &str) -> (i64, String) {
        let form = json!({"name": name, "email": "visitor@example.com", "message": "I need a person", "order": "A-1"});
        let body = self.call(reqwest::Method::POST, &format!("/v1/public/bots/{bot}/requests"), None, Some(form)).await;
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
                store.archive_resolved(now + SignedDuration::from_hours(1), now).await.unwrap()
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
