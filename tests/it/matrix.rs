//! Every role × action × state cell over real HTTP: the server must answer exactly as the
//! transition table of PRODUCT.md §1 says, naming the current state when it refuses.

use reqwest::{Method, StatusCode};
use serde_json::json;

use super::support::{ADMIN, AGENT, AGENT2, BOT_ADMIN, OTHER_BOT_ADMIN, STRANGER, TestApp, spawn_app};

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

/// Running the team, role by role: who may administer members, tokens, bots, their keys
/// and webhooks. Each cell is the status that role gets; another organization's admin gets
/// 404 for every object of ours, never 403.
#[tokio::test]
async fn every_role_administers_exactly_what_it_may() {
    let Some(app) = spawn_app() else { return };
    let (help, community) = (app.help_bot, app.community_bot);
    let form = json!({"fields": [{"key": "message", "label": "Message", "kind": "textarea", "required": true}]});
    let invite = |n: u32| json!({"email": format!("new{n}@fixture.test"), "role": "agent"});
    //  method, path, body, [admin, bot admin of Help, agent, stranger (another org's admin)]
    let cells: Vec<(Method, String, Option<serde_json::Value>, [u16; 4])> = vec![
        (Method::GET, "/v1/invitations".into(), None, [200, 403, 403, 200]),
        (Method::POST, "/v1/invitations".into(), Some(invite(1)), [201, 403, 403, 201]),
        (Method::GET, "/v1/tokens?member=all".into(), None, [200, 403, 403, 200]),
        (Method::GET, "/v1/tokens".into(), None, [200, 200, 200, 200]),
        (Method::GET, "/v1/members/agent@fixture.test".into(), None, [200, 200, 200, 404]),
        (Method::DELETE, "/v1/members/agent2@fixture.test".into(), None, [0, 403, 403, 404]),
        (Method::POST, "/v1/bots".into(), Some(json!({"name": "New", "channels": ["web"]})), [201, 403, 403, 201]),
        (Method::GET, format!("/v1/bots/{help}"), None, [200, 200, 200, 404]),
        (Method::PATCH, format!("/v1/bots/{help}"), Some(json!({"name": "Help"})), [200, 200, 403, 404]),
        (Method::PATCH, format!("/v1/bots/{community}"), Some(json!({"name": "Community"})), [200, 403, 403, 404]),
        (Method::PUT, format!("/v1/bots/{help}/form"), Some(form.clone()), [200, 200, 403, 404]),
        (Method::GET, format!("/v1/bots/{help}/keys"), None, [200, 200, 403, 404]),
        (Method::POST, format!("/v1/bots/{help}/keys"), Some(json!({})), [201, 201, 403, 404]),
        (Method::POST, format!("/v1/bots/{community}/keys"), Some(json!({})), [201, 403, 403, 404]),
        (Method::GET, "/v1/webhooks".into(), None, [200, 403, 403, 200]),
        (Method::GET, "/v1/webhooks/deliveries".into(), None, [200, 403, 403, 200]),
    ];
    let mut checked: u32 = 0;
    for (method, path, body, expected) in &cells {
        for (who, want) in [ADMIN, BOT_ADMIN, AGENT, STRANGER].into_iter().zip(expected) {
            if *want == 0 {
                continue;
            }
            // A fresh email per call, so each invitation is new.
            let body = match body {
                Some(_) if path == "/v1/invitations" => Some(invite(checked)),
                other => other.clone(),
            };
            let answer = app.call(method.clone(), path, Some(app.token(who)), body).await;
            assert_eq!(answer.status.as_u16(), *want, "{who} {method} {path}: {}", answer.body);
            checked += 1;
        }
    }
    assert_eq!(checked as usize, cells.len() * 4 - 1);
    // Last, as it changes the team: the org admin removes a member.
    let removed = app.call(Method::DELETE, "/v1/members/agent2@fixture.test", Some(app.token(ADMIN)), None).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
}
