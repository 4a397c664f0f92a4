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
