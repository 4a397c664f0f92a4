//! The examples that end each command's long help and its man page. A test parses every one
//! with the real command definitions, so an example never names a flag that is gone.

/// Each command with a page of its own (by its path after `livechat`), and its examples:
/// what it does, then the command line.
pub const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "server start-dev",
        &[("A demo server with demo data, and profiles to call it with", "livechat server start-dev")],
    ),
    (
        "server run",
        &[
            ("Serve an SQLite database", "livechat server run --db ./livechat.db --listen 0.0.0.0:7420"),
            (
                "Serve PostgreSQL, with /metrics on a private address",
                "livechat server run --db postgres://livechat@db/livechat --metrics-listen 127.0.0.1:9420",
            ),
        ],
    ),
    (
        "server init",
        &[(
            "Create the organization and its first admin; prints the admin's token once",
            "livechat server init --db ./livechat.db --org Acme --admin dana@acme.example",
        )],
    ),
    (
        "server seed",
        &[("Realistic requests for a load test", "livechat server seed --db ./bench.db --requests 100000")],
    ),
    (
        "server migrate-db",
        &[(
            "Move from SQLite to PostgreSQL, checked before it commits",
            "livechat server migrate-db --from ./livechat.db --to postgres://livechat@db/livechat",
        )],
    ),
    (
        "auth login",
        &[
            (
                "Log in with a token read from stdin",
                "livechat auth login --with-token --url https://livechat.acme.example",
            ),
            (
                "Join with an invitation code",
                "livechat auth login --invite lci_CODE --url https://livechat.acme.example",
            ),
        ],
    ),
    ("auth status", &[("Who you are, and where", "livechat auth status")]),
    ("auth logout", &[("Forget the profile's token", "livechat auth logout --profile staging")]),
    ("auth token", &[("Use the token in a script", "livechat auth token")]),
    ("auth tokens list", &[("Every token of the organization (org admins)", "livechat auth tokens list --all")]),
    (
        "auth tokens create",
        &[("A token for a CI job that expires", "livechat auth tokens create --name 'ci backlog check' --expires 90d")],
    ),
    ("auth tokens revoke", &[("Revoke token 7", "livechat auth tokens revoke 7")]),
    (
        "requests list",
        &[
            ("The open queue, new first", "livechat requests list"),
            (
                "New web requests waiting longer than 10 minutes, as JSON",
                "livechat requests list --state new --channel web --older-than 10m --json",
            ),
            (
                "Everything that mentions a refund, closed included",
                "livechat requests list --state all --search refund",
            ),
        ],
    ),
    (
        "requests show",
        &[
            ("A request with its transcript, notes and timeline", "livechat requests show 42"),
            ("Only its visitor's email", "livechat requests show 42 --jq .visitor.email"),
        ],
    ),
    (
        "requests search",
        &[
            ("Find the conversation about order A-1001", "livechat requests search 'order A-1001'"),
            ("Open requests that mention a chargeback", "livechat requests search chargeback --state open"),
        ],
    ),
    (
        "requests assign",
        &[
            ("Take request 42", "livechat requests assign 42 --to me"),
            (
                "Give every new request older than 10 minutes to Sam, without asking",
                "livechat requests assign --state new --older-than 10m --to sam@acme.example --yes",
            ),
            (
                "Assign the ids a script chose",
                "livechat requests list --state new --jq '.[].id' | livechat requests assign - --to billing@acme.example",
            ),
        ],
    ),
    (
        "requests unassign",
        &[(
            "Put Sam's open requests back in the queue",
            "livechat requests unassign --assignee sam@acme.example --yes",
        )],
    ),
    (
        "requests resolve",
        &[
            ("Resolve request 42 with a note", "livechat requests resolve 42 --note 'Refund sent'"),
            ("See what a bulk resolve would change, first", "livechat requests resolve --label spam --dry-run"),
        ],
    ),
    (
        "requests label add",
        &[("File two requests under refund and billing", "livechat requests label add 39 31 refund billing")],
    ),
    (
        "requests label remove",
        &[("Take billing off every request that has it", "livechat requests label remove --label billing billing")],
    ),
    (
        "requests chat",
        &[
            ("Chat live with the visitor of request 42 (/note, /resolve, /leave inside)", "livechat requests chat 42"),
            ("Send one message from a script", "livechat requests chat 42 --send 'We are on it'"),
        ],
    ),
    ("requests watch", &[("Watch the queue change, live", "livechat requests watch --state new")]),
    (
        "requests backlog",
        &[(
            "Fail a CI job (exit 3) when the queue is too long or too old",
            "livechat requests backlog --max-new 20 --max-unassigned 10 --max-age 15m",
        )],
    ),
    (
        "requests export",
        &[
            (
                "Export last month's closed requests, resumable",
                "livechat requests export --state closed --since 2026-11-01 --until 2026-12-01 -o november.jsonl",
            ),
            (
                "Finish an export that was interrupted",
                "livechat requests export --state closed --since 2026-11-01 --until 2026-12-01 -o november.jsonl --resume",
            ),
            (
                "Everything that changed since the last load; its last line holds the next cursor",
                "livechat requests export --changes-after 1842.977 -o changes-0042.jsonl",
            ),
        ],
    ),
    (
        "notes add",
        &[("Add a note to request 42", "livechat notes add 42 --body 'Called back; waiting for the receipt'")],
    ),
    ("labels list", &[("Labels in use, with their counts", "livechat labels list")]),
    ("members list", &[("The team with roles, presence and load", "livechat members list")]),
    ("members show", &[("One member", "livechat members show sam@acme.example")]),
    ("members add", &[("Invite an agent", "livechat members add sam@acme.example --role agent --name 'Sam Lee'")]),
    (
        "members remove",
        &[(
            "Remove Sam, putting their open requests back in the queue",
            "livechat members remove sam@acme.example --reassign-to none",
        )],
    ),
    ("members invitations", &[("Pending, accepted and expired invitations", "livechat members invitations")]),
    ("members invitations revoke", &[("Revoke invitation 3", "livechat members invitations revoke 3")]),
    ("members role", &[("Make Bo an admin of bot 1", "livechat members role bo@acme.example bot-admin --bot 1")]),
    (
        "members presence",
        &[("Show yours", "livechat members presence"), ("Go away for lunch", "livechat members presence away")],
    ),
    (
        "members capacity",
        &[
            ("Routing gives Sam at most 10 open requests", "livechat members capacity sam@acme.example 10"),
            ("Everyone else holds at most 4", "livechat members capacity --default 4"),
        ],
    ),
    ("bots list", &[("The organization's bots", "livechat bots list")]),
    ("bots show", &[("A bot's channels and texts", "livechat bots show 1")]),
    ("bots create", &[("A bot on the web and Messenger", "livechat bots create 'Acme Help' --channel web,messenger")]),
    (
        "bots update",
        &[(
            "Let the shop's site embed the chat page",
            "livechat bots update 1 --embed-origin https://shop.acme.example",
        )],
    ),
    ("bots form show", &[("The questions the visitor answers", "livechat bots form show 1")]),
    ("bots form set", &[("Set the form from a file", "livechat bots form set 1 --file form.json")]),
    ("bots keys list", &[("Bot 1's integration keys", "livechat bots keys list 1")]),
    ("bots keys create", &[("A key for the Discord integration", "livechat bots keys create 1 --name discord")]),
    ("bots keys revoke", &[("Revoke key 2 of bot 1", "livechat bots keys revoke 1 2")]),
    ("retention show", &[("How long closed requests are kept", "livechat retention show")]),
    (
        "retention set",
        &[
            ("Delete closed requests a year after they close", "livechat retention set --closed-after 365d"),
            ("Keep the archive for ever again", "livechat retention set --closed-after off"),
        ],
    ),
    ("retention preview", &[("What the next sweep would delete", "livechat retention preview")]),
    (
        "audit list",
        &[
            ("Who changed roles this week", "livechat audit list --action member.role --since 7d"),
            ("Everything done to bot 2", "livechat audit list --target bot:2"),
            ("The whole log as CSV, for a spreadsheet", "livechat audit list --all --csv > audit.csv"),
        ],
    ),
    ("routing show", &[("Every bot's policy and the default capacity", "livechat routing show")]),
    (
        "routing set",
        &[
            (
                "Give bot 1's waiting requests to each online member in turn",
                "livechat routing set 1 --mode round-robin",
            ),
            ("To whoever holds the fewest, newest first", "livechat routing set 1 --mode least-busy --order newest"),
            ("Stop routing", "livechat routing set 1 --mode off"),
        ],
    ),
    (
        "visitors erase",
        &[
            (
                "See what erasing everyone who gave an email would touch",
                "livechat visitors erase --email maya@example.com --dry-run",
            ),
            ("Erase a request's visitor, in a script", "livechat visitors erase 812 --yes"),
            (
                "Erase a Discord user, with the receipt as JSON",
                "livechat visitors erase --user-id discord:80351110224678912 --yes --json",
            ),
        ],
    ),
    (
        "webhooks add",
        &[(
            "Tell a service about new and resolved requests",
            "livechat webhooks add https://hooks.acme.example/livechat --events request.created,request.resolved",
        )],
    ),
    ("webhooks list", &[("Webhooks, with their state", "livechat webhooks list")]),
    ("webhooks remove", &[("Remove webhook 2", "livechat webhooks remove 2")]),
    ("webhooks test", &[("Send webhook 2 a test event and show the answer", "livechat webhooks test 2")]),
    ("webhooks deliveries", &[("Failed deliveries", "livechat webhooks deliveries --failed")]),
    ("webhooks redeliver", &[("Deliver 118 again", "livechat webhooks redeliver 118")]),
    (
        "stats",
        &[
            ("The last week", "livechat stats --since 7d"),
            ("Day by day since November, as CSV", "livechat stats --by day --since 2026-11-01 --csv"),
        ],
    ),
    ("stats members", &[("What each member did in the last 30 days", "livechat stats members --since 30d")]),
    ("dashboard", &[("Open the analytics dashboard", "livechat dashboard")]),
    (
        "api",
        &[
            ("Any route, like gh api", "livechat api GET /v1/requests -f state=new --jq '.items[].title'"),
            ("Add a note", "livechat api POST /v1/requests/41/notes -f body='Called back'"),
        ],
    ),
    ("completions", &[("Completions for zsh", "livechat completions zsh")]),
    (
        "help",
        &[
            ("The environment variables", "livechat help environment"),
            ("A command's help", "livechat help requests list"),
        ],
    ),
];

/// The examples of the command at `path`, as help text; `None` for a command without any.
pub fn text(path: &str) -> Option<String> {
    let (_, examples) = EXAMPLES.iter().find(|(p, _)| *p == path)?;
    let mut text = String::from("Examples:\n");
    for (what, line) in *examples {
        text.push_str(&format!("  # {what}\n  {line}\n"));
    }
    Some(text.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use clap::FromArgMatches;

    use super::EXAMPLES;

    /// A command line's words, as a shell splits them: quotes group, and go.
    fn words(line: &str) -> Vec<String> {
        let (mut words, mut word, mut quote, mut started) = (Vec::new(), String::new(), None, false);
        for c in line.chars() {
            match (quote, c) {
                (None, '\'' | '"') => (quote, started) = (Some(c), true),
                (Some(q), c) if c == q => quote = None,
                (None, ' ') => {
                    if started {
                        words.push(std::mem::take(&mut word));
                    }
                    started = false;
                }
                (_, c) => (word.push(c), started = true).1,
            }
        }
        if started {
            words.push(word);
        }
        words
    }

    #[test]
    fn every_command_with_a_page_has_examples_and_every_example_parses() {
        let mut pages = Vec::new();
        fn leaves(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
            let subs: Vec<_> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
            // A command runs by itself unless it only groups others.
            if !path.is_empty() && (subs.is_empty() || !cmd.is_subcommand_required_set()) {
                out.push(path.to_string());
            }
            for sub in subs {
                let path =
                    if path.is_empty() { sub.get_name().to_string() } else { format!("{path} {}", sub.get_name()) };
                leaves(sub, &path, out);
            }
        }
        leaves(&crate::cli::command(), "", &mut pages);
        let missing: Vec<&String> = pages.iter().filter(|p| !EXAMPLES.iter().any(|(e, _)| e == p)).collect();
        assert!(missing.is_empty(), "commands without examples: {missing:?}");
        for (path, examples) in EXAMPLES {
            assert!(pages.iter().any(|p| p == path), "examples for `{path}`, which is no command");
            for (_, line) in *examples {
                // Each `livechat …` of a pipeline is parsed as the binary would parse it, without
                // the shell's redirection.
                for part in line.split(" | ").filter(|p| p.starts_with("livechat ")) {
                    let part = part.split(" > ").next().unwrap_or(part);
                    let matches = crate::cli::command().try_get_matches_from(words(part));
                    let parsed = matches.and_then(|m| crate::cli::Cli::from_arg_matches(&m));
                    assert!(parsed.is_ok(), "`{part}` does not parse: {}", parsed.unwrap_err());
                }
                let own = format!("livechat {path}");
                assert!(line.split(" | ").any(|p| p.starts_with(&own)), "`{line}` is not an example of `{path}`");
            }
        }
    }

    #[test]
    fn quoted_words_are_one_word() {
        assert_eq!(words("livechat a 'b c' \"d\" -f x='y z'"), ["livechat", "a", "b c", "d", "-f", "x=y z"]);
    }
}
