//! Real `livechat server run` processes on seeded databases of either store, for the tests
//! that need whole servers: crashes, restarts, replicas and the benchmark harness.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::support::{Backend, CliOutput, TestDb, run_livechat};

/// A `livechat server run` process on a database seeded by `livechat server seed`; killed
/// when dropped.
pub struct FileServer {
    child: Option<Child>,
    pub db: TestDb,
    /// More `server run` flags, such as `--archive-after`.
    extra: Vec<String>,
    pub url: String,
    pub admin: String,
    /// What `server seed` printed: the members and their tokens.
    pub seeded: Value,
}

impl FileServer {
    /// Seeds a fresh database with `livechat server seed` and serves it on a fresh port;
    /// `None` when the store cannot run here (see `TestDb`).
    pub fn seeded(backend: Backend, dir: &Path, counts: &[(&str, u64)]) -> Option<FileServer> {
        FileServer::seeded_with(backend, dir, counts, &[])
    }

    /// As `seeded`, with more `server run` flags.
    pub fn seeded_with(backend: Backend, dir: &Path, counts: &[(&str, u64)], extra: &[&str]) -> Option<FileServer> {
        let db = TestDb::new(backend, dir)?;
        let mut args = vec!["server".to_string(), "seed".into(), "--db".into(), db.url.clone()];
        for (state, n) in counts {
            args.push(format!("--{state}"));
            args.push(n.to_string());
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let seeded = run_livechat(dir, &refs, None, &[]).success().json();
        let admin = seeded["members"][0]["token"].as_str().unwrap().to_string();
        let extra = extra.iter().map(|s| s.to_string()).collect();
        let mut server = FileServer { child: None, db, extra, url: String::new(), admin, seeded };
        server.start("127.0.0.1:0");
        Some(server)
    }

    /// Another server on the same database, as a replica behind a load balancer would be;
    /// `db_url` may reach the same database another way (through a proxy).
    pub fn replica(&self, db_url: Option<&str>, extra: &[&str]) -> FileServer {
        let db = TestDb::borrowed(db_url.unwrap_or(&self.db.url));
        let mut other = FileServer {
            child: None,
            db,
            extra: extra.iter().map(|s| s.to_string()).collect(),
            url: String::new(),
            admin: self.admin.clone(),
            seeded: self.seeded.clone(),
        };
        other.start("127.0.0.1:0");
        other
    }

    fn start(&mut self, listen: &str) {
        let mut command = Command::new(env!("CARGO_BIN_EXE_livechat"));
        // Tests' webhook receivers listen on this machine.
        command
            .args(["server", "run", "--db", &self.db.url, "--listen", listen, "--webhook-allow", "127.0.0.0/8"])
            .args(&self.extra);
        let (child, addr, lines) = listening(command);
        // Keep draining the log so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        self.url = format!("http://{addr}");
        self.child = Some(child);
    }

    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    pub fn restart(&mut self) {
        let listen = self.url.trim_start_matches("http://").to_string();
        self.kill();
        self.start(&listen);
    }

    pub fn cli(&self, config: &Path, args: &[&str], stdin: Option<&str>) -> CliOutput {
        let mut all = vec!["--url", &self.url, "--token", &self.admin];
        all.extend(args);
        run_livechat(config, &all, stdin, &[])
    }

    pub fn command(&self, config: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_livechat"));
        cmd.args(["--url", &self.url, "--token", &self.admin])
            .args(args)
            .env("LIVECHAT_CONFIG_DIR", config)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// The token `server seed` made for the member with this email.
    pub fn token_of(&self, email: &str) -> String {
        let members = self.seeded["members"].as_array().unwrap();
        members.iter().find(|m| m["email"] == email).unwrap()["token"].as_str().unwrap().to_string()
    }

    pub fn post(&self, token: &str, path: &str, body: &Value) {
        let out = Command::new("curl")
            .args([
                "-sSf",
                "-X",
                "POST",
                "-H",
                &format!("Authorization: Bearer {token}"),
                "-H",
                "content-type: application/json",
            ])
            .args(["-d", &body.to_string(), &format!("{}{path}", self.url)])
            .output()
            .unwrap();
        assert!(out.status.success(), "POST {path}: {}", String::from_utf8_lossy(&out.stderr));
    }

    pub fn get(&self, path: &str) -> Value {
        let out = Command::new("curl")
            .args(["-sSf", "-H", &format!("Authorization: Bearer {}", self.admin), &format!("{}{path}", self.url)])
            .output()
            .unwrap();
        assert!(out.status.success(), "GET {path}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

/// The log lines of a server process, from after the line that gave its address.
pub type LogLines = std::io::Lines<BufReader<std::process::ChildStderr>>;

/// Starts a server `command` (logging at info or finer), and waits for the address it
/// listens on.
pub fn listening(mut command: Command) -> (Child, String, LogLines) {
    if command.get_envs().all(|(k, _)| k != "LIVECHAT_LOG") {
        command.env("LIVECHAT_LOG", "info");
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start a server");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("the server exited before listening").unwrap();
        if let Some(rest) = line.split("addr=").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    (child, addr, lines)
}

impl Drop for FileServer {
    fn drop(&mut self) {
        self.kill();
    }
}
