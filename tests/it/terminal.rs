//! The interactive chat in a real terminal (tmux), typed as a person types: a message that
//! arrives mid-line must not break the line, and Ctrl-C must leave at once.

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{ADMIN, AGENT, Backend, TestApp, spawn_app_on};

/// A tmux server of the test's own, so nothing else on the machine is touched.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// A tmux server of its own, named by `tag`, running `livechat ARGS` as the agent in a
    /// terminal `width` columns wide; then `after` (shell), then it waits for the test to read.
    fn start(app: &TestApp, tag: &str, args: &str, after: &str, width: u16) -> Tmux {
        Tmux::start_as(app, AGENT, tag, args, after, width)
    }

    /// As `start`, as the member of `profile`.
    fn start_as(app: &TestApp, profile: &str, tag: &str, args: &str, after: &str, width: u16) -> Tmux {
        let tmux = Tmux { socket: format!("livechat-{tag}-{}", std::process::id()) };
        let command = format!(
            "LIVECHAT_CONFIG_DIR='{}' NO_COLOR=1 '{}' --profile {profile} {args}; echo EXITED $?; {after} sleep 60",
            app.config_dir().display(),
            env!("CARGO_BIN_EXE_livechat")
        );
        tmux.run(&["new-session", "-d", "-s", "chat", "-x", &width.to_string(), "-y", "40", &command]);
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().expect("tmux runs");
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-J", "-t", "chat"])
    }

    /// Waits until the screen shows `text`; returns the screen.
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("the screen to show {text:?}"), |screen| screen.contains(text))
    }

    /// Waits until the line being typed (the last one on the screen) reads `text`.
    fn wait_for_input_line(&self, text: &str) -> String {
        self.wait_until(&format!("the input line to read {text:?}"), |screen| last_line(screen) == text)
    }

    fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(started.elapsed() < Duration::from_secs(15), "waited in vain for {what}:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "chat", "-l", text]);
    }

    fn press(&self, key: &str) {
        self.run(&["send-keys", "-t", "chat", key]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").arg("-L").arg(&self.socket).arg("kill-server").output();
    }
}

fn last_line(screen: &str) -> &str {
    screen.lines().filter(|l| !l.trim().is_empty()).last().unwrap_or_default().trim_end()
}

fn tmux_ready() -> bool {
    if Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success()) {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "CI must have tmux for the terminal test");
    // Written past the test harness's capture, so a skip is never silent.
    let _ = writeln!(std::io::stderr(), "SKIPPED terminal test: install tmux to run it");
    false
}

async fn conversation(app: &TestApp, token: &str) -> Vec<(String, String)> {
    let view = app.call(Method::GET, &format!("/v1/public/conversations/{token}"), None, None).await;
    let view = view.expect(StatusCode::OK);
    let messages = view["messages"].as_array().unwrap().iter();
    messages.map(|m| (m["sender"].as_str().unwrap().to_string(), m["body"].as_str().unwrap().to_string())).collect()
}

#[tokio::test]
async fn a_message_arriving_mid_line_leaves_the_typed_line_whole_and_ctrl_c_leaves() {
    if !tmux_ready() {
        return;
    }
    let app = spawn_app_on(Backend::Sqlite, livechat::server::ServerConfig::default()).unwrap();
    let (id, token) = app.visitor_request(app.help_bot, "Tia Visitor").await;
    app.post(&format!("/v1/requests/{id}/assign"), AGENT, json!({"to": "me"})).await.expect(StatusCode::OK);

    let tmux = Tmux::start(&app, &format!("test-{id}"), &format!("requests chat {id}"), "", 120);
    tmux.wait_for("The bot is paused");

    // Half a line, then the visitor writes, then the rest of the line.
    tmux.type_text("I can see ord");
    tmux.wait_for_input_line("> I can see ord");
    let said = json!({"body": "It is order A-1001, please hurry"});
    let path = format!("/v1/public/conversations/{token}/messages");
    app.call(Method::POST, &path, None, Some(said)).await.expect(StatusCode::CREATED);
    tmux.wait_for("It is order A-1001, please hurry");
    let screen = tmux.wait_for_input_line("> I can see ord");
    let lines: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
    let visitor = lines.iter().position(|l| l.contains("please hurry")).unwrap();
    assert!(visitor < lines.len() - 1, "the message prints above the half-typed line:\n{screen}");
    tmux.type_text("er A-1001");
    tmux.press("Enter");

    let started = Instant::now();
    loop {
        let agent_said = conversation(&app, &token).await.into_iter().filter(|(sender, _)| sender == "agent");
        let agent_said: Vec<String> = agent_said.map(|(_, body)| body).collect();
        if !agent_said.is_empty() {
            assert_eq!(agent_said, ["I can see order A-1001"], "the visitor got the line as it was typed");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "the message never reached the visitor");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tmux.wait_for(": I can see order A-1001");

    // The up arrow brings the line back; Ctrl-C leaves and the command ends at once.
    tmux.wait_for_input_line(">");
    tmux.press("Up");
    tmux.wait_for_input_line("> I can see order A-1001");
    tmux.press("C-c");
    let screen = tmux.wait_for("EXITED");
    assert!(screen.contains("Left the chat on #"), "{screen}");
    assert!(screen.contains("EXITED 0"), "{screen}");
    let detail = app.get(&format!("/v1/requests/{id}"), AGENT).await.expect(StatusCode::OK);
    assert_eq!(detail["state"], "assigned", "leaving ends the chat; the bot answers again");
}

/// Regression: Ctrl-C at "Assign 2 requests? [y/N]" mostly ended with "cannot ask for
/// confirmation: IO error: read interrupted" and exit 1; it is a cancel, exit 130.
#[tokio::test]
async fn ctrl_c_at_a_confirmation_cancels_with_130_and_changes_nothing() {
    if !tmux_ready() {
        return;
    }
    let app = spawn_app_on(Backend::Sqlite, livechat::server::ServerConfig::default()).unwrap();
    let (first, second) = (app.new_request().await, app.new_request().await);
    for round in 0..4 {
        let assign = format!("requests assign {first} {second} --to me");
        let tmux = Tmux::start(&app, &format!("confirm-{first}-{round}"), &assign, "", 120);
        tmux.wait_for("[y/N]");
        tmux.press("C-c");
        let screen = tmux.wait_for("EXITED");
        assert!(screen.contains("EXITED 130"), "round {round}: {screen}");
        assert!(screen.contains("cancelled; nothing was changed"), "round {round}: {screen}");
    }
    // Regression: answering no exited 1 with "error: cancelled"; a no is not an error.
    let assign = format!("requests assign {first} {second} --to me");
    let tmux = Tmux::start(&app, &format!("confirm-{first}-no"), &assign, "", 120);
    tmux.wait_for("[y/N]");
    tmux.press("n");
    tmux.press("Enter");
    let screen = tmux.wait_for("EXITED");
    assert!(screen.contains("Nothing was changed.") && screen.contains("EXITED 0"), "{screen}");
    assert!(!screen.contains("error"), "{screen}");
    for id in [first, second] {
        let request = app.get(&format!("/v1/requests/{id}"), AGENT).await.expect(StatusCode::OK);
        assert_eq!(request["state"], "new");
    }
}

/// Erasing cannot be undone: on a terminal it says what it would erase and asks, and a no
/// erases nothing.
#[tokio::test]
async fn an_erasure_on_a_terminal_says_what_it_will_erase_and_asks_first() {
    if !tmux_ready() {
        return;
    }
    let app = spawn_app_on(Backend::Sqlite, livechat::server::ServerConfig::default()).unwrap();
    let form = json!({"name": "Quillon Marchbanks", "email": "quillon@example.org", "message": "Hello"});
    let path = format!("/v1/public/bots/{}/requests", app.help_bot);
    let id = app.call(Method::POST, &path, None, Some(form)).await.expect(StatusCode::CREATED)["request_id"].clone();
    let title =
        || async { app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK)["title"].clone() };
    let erase = "visitors erase --email quillon@example.org";
    for (answer, said, after) in
        [("n", "Nothing was erased.", "Quillon Marchbanks"), ("y", "✓ Erased 1 visitor's data", "Erased visitor")]
    {
        let tmux = Tmux::start_as(&app, ADMIN, &format!("erase-{answer}"), erase, "", 160);
        let screen = tmux.wait_for("[y/N]");
        assert!(screen.contains("This will erase 1 visitor's data from 1 request: 2 messages and 1 note"), "{screen}");
        tmux.press(answer);
        tmux.press("Enter");
        let screen = tmux.wait_for("EXITED");
        assert!(screen.contains(said) && screen.contains("EXITED 0"), "{screen}");
        assert_eq!(title().await, after);
    }
}

/// Regression: `/resolve …` and `/leave` left the terminal raw (`-isig -icanon -echo`), and
/// `/resolve` printed nothing.
#[tokio::test]
async fn slash_commands_that_end_the_chat_say_so_and_give_the_terminal_back() {
    if !tmux_ready() {
        return;
    }
    let app = spawn_app_on(Backend::Sqlite, livechat::server::ServerConfig::default()).unwrap();
    // Each way a chat ends: a slash command, a key, or the request resolved by someone else.
    for (round, typed, said, exit) in [
        (0, "/resolve Reshipped order A-77", "Resolved #", 0),
        (1, "/leave", "Left the chat on #", 0),
        (2, "C-d", "", 0),
        (3, "C-c", "", 0),
        (4, "elsewhere", "resolved", 0),
    ] {
        let (id, _) = app.visitor_request(app.help_bot, "Tia Visitor").await;
        app.post(&format!("/v1/requests/{id}/assign"), AGENT, json!({"to": "me"})).await.expect(StatusCode::OK);
        let tmux = Tmux::start(&app, &format!("leave-{id}-{round}"), &format!("requests chat {id}"), "stty -a;", 160);
        tmux.wait_for("The bot is paused");
        tmux.wait_for_input_line(">");
        match typed {
            "C-d" | "C-c" => tmux.press(typed),
            "elsewhere" => {
                app.post(&format!("/v1/requests/{id}/resolve"), ADMIN, json!({})).await.expect(StatusCode::OK);
                // The line editor holds the terminal until the line it reads ends.
                tmux.wait_for("Press Enter to close");
                tmux.press("Enter");
            }
            _ => {
                tmux.type_text(typed);
                tmux.press("Enter");
            }
        }
        let screen = tmux.wait_until("the terminal settings", |s| s.contains("EXITED") && s.contains("icanon"));
        assert!(screen.contains(said), "{typed}: {screen}");
        assert!(screen.contains(&format!("EXITED {exit}")), "{typed}: {screen}");
        assert!(!screen.contains("-icanon") && !screen.contains("-echo "), "{typed} left the terminal raw: {screen}");
        // The next command still stops on Ctrl-C.
        assert!(!screen.contains("-isig"), "{typed} left Ctrl-C off: {screen}");
    }
}
