//! Every role × action × state cell over real HTTP: the server must answer exactly as the
//! transition table of PRODUCT.md §1 says, naming the current state when it refuses.

use reqwest::StatusCode;
use serde_json::json;

use super::support::{ADMIN, AGENT, AGENT2, BOT_ADMIN, OTHER_BOT_ADMIN, TestApp, spawn_app};

const STATES: [&str; 5] = ["new", "assigned", "chatting", "resolved", "closed"];

#[derive(Clone, Copy, Debug)]
enum Act {
    AssignSelf,
    AssignOther,
    AssignAssignee,
    Unassign,
    StartChat,
    EndChat,
    Resolve,
    Send,
}

/// The expected answer per state (new, assigned, chatting, resolved, closed): `o` changed,
/// `u` unchanged (both 2xx), `s` refused for the state and `c` already taken (409),
/// `f` forbidden (403). Requests past `new` are held by AGENT.
fn table(actor: &str) -> Vec<(Act, &'static str)> {
    use Act::*;
    match actor {
        ADMIN | BOT_ADMIN => vec![
            (AssignSelf, "oooss"),
            (AssignOther, "oooss"),
            (AssignAssignee, "ouuss"),
            (Unassign, "uooss"),
            (StartChat, "sffss"),
            (EndChat, "sffss"),
            (Resolve, "ooous"),
            (Send, "ssfss"),
        ],
        AGENT2 | OTHER_BOT_ADMIN => vec![
            (AssignSelf, "occss"),
            (AssignOther, "fffss"),
            (AssignAssignee, "fffss"),
            (Unassign, "uffss"),
            (StartChat, "sffss"),
            (EndChat, "sffss"),
            (Resolve, "ffffs"),
            (Send, "ssfss"),
        ],
        AGENT => vec![
            (AssignSelf, "ouuss"),
            (AssignOther, "fffss"),
            (Unassign, "uooss"),
            (StartChat, "souss"),
            (EndChat, "suoss"),
            (Resolve, "foous"),
            (Send, "ssuss"),
        ],
        other => panic!("no table for {other}"),
    }
}

async fn perform(app: &TestApp, actor: &str, act: Act, id: i64) -> crate::support::Answer {
    let other = if actor == AGENT2 { BOT_ADMIN } else { AGENT2 };
    let (path, body) = match act {
        Act::AssignSelf => ("assign", json!({"to": "me"})),
        Act::AssignOther => ("assign", json!({"to": app.member(other).email})),
        Act::AssignAssignee => ("assign", json!({"to": app.member(AGENT).id.to_string()})),
        Act::Unassign => ("unassign", json!({})),
        Act::StartChat => ("chat/start", json!({})),
        Act::EndChat => ("chat/end", json!({})),
        Act::Resolve => ("resolve", json!({"note": "done"})),
        Act::Send => ("messages", json!({"body": "Hello from the team"})),
    };
    app.post(&format!("/v1/requests/{id}/{path}"), actor, body).await
}

fn state_after(act: Act, before: &str) -> &'static str {
    match act {
        Act::AssignSelf | Act::AssignOther | Act::AssignAssignee | Act::EndChat => "assigned",
        Act::Unassign => "new",
        Act::StartChat => "chatting",
        Act::Resolve => "resolved",
        Act::Send => match before {
            "chatting" => "chatting",
            _ => unreachable!("a message changes no state"),
        },
    }
}

#[tokio::test]
async fn every_role_action_and_state_answers_as_the_transition_table_says() {
    let Some(app) = spawn_app() else { return };
    let mut cells = 0;
    for actor in [ADMIN, BOT_ADMIN, OTHER_BOT_ADMIN, AGENT, AGENT2] {
        for (act, expected) in table(actor) {
            for (state, want) in STATES.iter().zip(expected.chars()) {
                let id = app.request_in(state).await;
                let answer = perform(&app, actor, act, id).await;
                let cell = format!("{actor} {act:?} on a {state} request");
                match want {
                    'o' | 'u' => {
                        assert!(answer.status.is_success(), "{cell}: {} {}", answer.status, answer.body);
                        let after = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
                        let want_state = if want == 'u' { state } else { state_after(act, state) };
                        assert_eq!(after["state"], *want_state, "{cell}");
                        let version = after["version"].as_i64().unwrap();
                        let before_version = match *state {
                            "new" => 1,
                            "assigned" => 2,
                            "chatting" | "resolved" => 3,
                            _ => 4,
                        };
                        let changed = want == 'o' && !matches!(act, Act::Send);
                        assert_eq!(version, before_version + i64::from(changed), "{cell}: version");
                    }
                    's' => {
                        assert_eq!(answer.status, StatusCode::CONFLICT, "{cell}: {}", answer.body);
                        assert_eq!(answer.code(), "invalid_transition", "{cell}");
                        assert!(answer.message().contains(&format!("it is {state}")), "{cell}: {}", answer.message());
                    }
                    'c' => {
                        assert_eq!(answer.status, StatusCode::CONFLICT, "{cell}: {}", answer.body);
                        assert_eq!(answer.code(), "already_assigned", "{cell}");
                        assert!(answer.message().contains("Abe Agent"), "{cell}: {}", answer.message());
                    }
                    'f' => {
                        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{cell}: {}", answer.body);
                        assert_eq!(answer.code(), "forbidden", "{cell}");
                    }
                    _ => unreachable!(),
                }
                cells += 1;
            }
        }
    }
    assert_eq!(cells, 5 * 8 * 4 + 5 * 7);

    // The backlog's trigger-kept counts agree with the requests themselves after all that.
    let backlog = app.get("/v1/requests/backlog", ADMIN).await.expect(StatusCode::OK);
    let count = |query: &str| {
        let app = &app;
        let path = format!("/v1/requests?{query}&limit=500");
        async move { app.get(&path, ADMIN).await.expect(StatusCode::OK)["items"].as_array().unwrap().len() as u64 }
    };
    assert_eq!(backlog["new"].as_u64().unwrap(), count("state=new").await);
    assert_eq!(backlog["assigned"].as_u64().unwrap(), count("state=assigned").await);
    assert_eq!(backlog["chatting"].as_u64().unwrap(), count("state=chatting").await);
    assert_eq!(backlog["unassigned"].as_u64().unwrap(), count("state=open&assignee=none").await);
    for agent in backlog["agents"].as_array().unwrap() {
        let email = agent["member"]["email"].as_str().unwrap().replace('@', "%40");
        assert_eq!(agent["assigned"].as_u64().unwrap(), count(&format!("state=assigned&assignee={email}")).await);
        assert_eq!(agent["chatting"].as_u64().unwrap(), count(&format!("state=chatting&assignee={email}")).await);
    }
}
