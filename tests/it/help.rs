//! Help and completions: the command line alone, with no server and no store.

use crate::support::run_livechat;

#[test]
fn completions_and_help_topics_print() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run_livechat(dir.path(), &["completions", shell], None, &[]).success();
        assert!(out.stdout.contains("requests"), "{shell}: {out:?}");
    }
    run_livechat(dir.path(), &["completions", "tcsh"], None, &[]).exit(2);
    let env = run_livechat(dir.path(), &["help", "environment"], None, &[]).success();
    assert!(env.stdout.contains("LIVECHAT_CONFIG_DIR"), "{env:?}");
    let codes = run_livechat(dir.path(), &["help", "exit-codes"], None, &[]).success();
    assert!(codes.stdout.contains("3  `requests backlog`"), "{codes:?}");
    let formatting = run_livechat(dir.path(), &["help", "formatting"], None, &[]).success();
    assert!(formatting.stdout.contains("--jq EXPR"), "{formatting:?}");
    let command = run_livechat(dir.path(), &["help", "requests", "export"], None, &[]).success();
    assert!(command.stdout.contains("--resume"), "{command:?}");
    let root = run_livechat(dir.path(), &["help"], None, &[]).success();
    assert!(root.stdout.contains("livechat help exit-codes"), "{root:?}");
    run_livechat(dir.path(), &["help", "nonsense"], None, &[]).exit(2);
    let forced = run_livechat(dir.path(), &["members", "role", "--help"], None, &[]).success();
    assert!(forced.stdout.contains("[possible values: org-admin, bot-admin, agent]"), "{forced:?}");
}

/// Regression: `livechat completions zsh | head -3` panicked on the closed pipe (exit 101).
#[test]
fn completions_into_a_closed_pipe_end_quietly() {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_livechat"))
        .args(["completions", "zsh"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

/// The environment variables the code reads: every `env = "…"` of a flag, and every other
/// name it looks up, from the sources themselves (test-only names aside).
fn variables_in_code() -> std::collections::BTreeSet<String> {
    fn walk(dir: &std::path::Path, found: &mut std::collections::BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for piece in text.split('"').skip(1).step_by(2) {
                    let named = piece.starts_with("LIVECHAT_") || piece == "NO_COLOR" || piece == "CLICOLOR_FORCE";
                    if named && piece.chars().all(|c| c.is_ascii_uppercase() || c == '_') && !piece.contains("_TEST") {
                        found.insert(piece.to_string());
                    }
                }
            }
        }
    }
    let mut found = std::collections::BTreeSet::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
    found
}

fn variables_named(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !(c.is_ascii_uppercase() || c == '_'))
        .filter(|w| w.starts_with("LIVECHAT_") || *w == "NO_COLOR" || *w == "CLICOLOR_FORCE")
        .map(str::to_string)
        .collect()
}

#[test]
fn help_environment_and_the_readme_list_exactly_the_variables_the_code_reads() {
    let code = variables_in_code();
    assert!(code.contains("LIVECHAT_URL") && code.contains("LIVECHAT_LOG") && code.len() >= 12, "{code:?}");
    let dir = tempfile::tempdir().unwrap();
    let help = run_livechat(dir.path(), &["help", "environment"], None, &[]).success().stdout;
    assert_eq!(variables_named(&help), code, "`livechat help environment` against the code");
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme.split("## Configuration and environment").nth(1).unwrap().split("\n## ").next().unwrap();
    assert_eq!(variables_named(section), code, "the README's configuration section against the code");
}

#[test]
fn global_options_have_their_own_heading_and_stay_out_of_the_servers_help() {
    let dir = tempfile::tempdir().unwrap();
    let list = run_livechat(dir.path(), &["requests", "list", "--help"], None, &[]).success().stdout;
    let global = list.split("Global options:").nth(1).expect("a Global options heading");
    assert!(global.contains("--url") && global.contains("--retry-for"), "{list}");
    assert!(!list.split("Global options:").next().unwrap().contains("--url"), "{list}");
    assert!(list.trim_end().ends_with("livechat requests list --state all --search refund"), "examples last: {list}");
    for server in [["server", "init"], ["server", "seed"], ["server", "run"]] {
        let help = run_livechat(dir.path(), &[server[0], server[1], "--help"], None, &[]).success().stdout;
        assert!(!help.contains("--url") && !help.contains("Global options"), "{help}");
    }
    let chat = run_livechat(dir.path(), &["requests", "chat", "--help"], None, &[]).success().stdout;
    assert!(chat.contains("/resolve [NOTE]") && chat.contains("Examples:"), "{chat}");
}
