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
