//! Routing through the real CLI and API: who may set policies and capacities, and a routed
//! bot's requests given out as they open and as members' loads drop.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::support::{ADMIN, AGENT, AGENT2, BOT_ADMIN, OTHER_BOT_ADMIN, TestApp, spawn_app};

#[tokio::test]
async fn policies_and_capacities_are_set_by_those_who_run_the_team_and_read_by_everyone() {
    let Some(app) = spawn_app() else { return };
    let help = app.help_bot.to_string();
    let denied = app.cli(&["--profile", AGENT, "routing", "set", &help, "--mode", "round-robin"]).exit(4);
    assert!(denied.stderr.contains("only org admins and admins of bot"), "{denied:?}");
    app.cli(&["--profile", OTHER_BOT_ADMIN, "routing", "set", &help, "--mode", "round-robin"]).exit(4);
    let set = app.cli(&["--profile", BOT_ADMIN, "routing", "set", &help, "--mode", "least-busy", "--order", "newest"]);
    assert!(set.success().stderr.contains("routes least-busy, newest waiting request first"));
    let nothing = app.cli(&["routing", "set", &help]).exit(2);
    assert!(nothing.stderr.contains("--mode"), "{nothing:?}");
    app.cli(&["routing", "set", &help, "--mode", "sometimes"]).exit(2);

    let shown = app.cli(&["--profile", AGENT, "routing", "show", "--json"]).success().json();
    assert_eq!(shown["default_capacity"], 6, "LiveChat's default");
    let modes: Vec<(i64, &str, &str)> = shown["bots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["id"].as_i64().unwrap(), b["mode"].as_str().unwrap(), b["order"].as_str().unwrap()))
        .collect();
    assert_eq!(modes, [(app.help_bot, "least-busy", "newest"), (app.community_bot, "off", "oldest")]);
    let table = app.cli(&["routing", "show", &app.community_bot.to_string()]).success();
    assert!(table.stdout.contains("Community") && !table.stdout.contains("Help"), "{table:?}");
    app.cli(&["routing", "show", "999"]).exit(1);

    // Capacities: org admins only, 0 to 1000, or back to the organization's default.
    let agent = app.member(AGENT).email.clone();
    app.cli(&["--profile", BOT_ADMIN, "members", "capacity", &agent, "2"]).exit(4);
    let set = app.cli(&["members", "capacity", &agent, "2"]).success();
    assert!(set.stderr.contains("at most 2 open requests; they hold 0"), "{set:?}");
    app.cli(&["members", "capacity", &agent, "1001"]).exit(2);
    app.cli(&["members", "capacity", "--default", "-1"]).exit(2);
    app.cli(&["members", "capacity", &agent]).exit(2);
    app.cli(&["members", "capacity", "--default", "4"]).success();
    let members = app.cli(&["members", "list", "--json"]).success().json();
    let capacity = |email: &str| members.as_array().unwrap().iter().find(|m| m["email"] == email).unwrap()["capacity"].clone();
    assert_eq!((capacity(&agent), capacity(&app.member(AGENT2).email)), (json!(2), json!(4)));
    let reset = app.cli(&["members", "capacity", &agent, "default", "--json"]).success().json();
    assert_eq!((reset["capacity"].clone(), reset["load"].clone()), (json!(4), json!(0)));
    let human = app.cli(&["members", "list"]).success();
    assert!(human.stdout.contains("0 of 4"), "{human:?}");

    let token = Some(app.token(ADMIN));
    let too_many = app.call(Method::PUT, "/v1/routing", token, Some(json!({"default_capacity": 1001}))).await;
    assert_eq!(too_many.code(), "invalid_input");
    let path = format!("/v1/bots/{help}/routing");
    let unknown = app.call(Method::PUT, &path, token, Some(json!({"mode": "off", "extra": 1}))).await;
    unknown.expect(StatusCode::BAD_REQUEST);
    let path = format!("/v1/bots/{}/routing", app.stranger_bot);
    app.call(Method::PUT, &path, token, Some(json!({"mode": "off"}))).await.expect(StatusCode::NOT_FOUND);
}

/// The request once routing has given it out: polled for up to ten seconds.
async fn settled(app: &TestApp, id: i64) -> Value {
    let started = Instant::now();
    loop {
        let request = app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK);
        if request["state"] != "new" || started.elapsed() > Duration::from_secs(10) {
            return request;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Whether the request still waits after routing has had its chance.
async fn waits(app: &TestApp, id: i64) -> bool {
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.get(&format!("/v1/requests/{id}"), ADMIN).await.expect(StatusCode::OK)["state"] == "new"
}

fn assignee(detail: &Value) -> Option<String> {
    detail["assignee"]["email"].as_str().map(str::to_string)
}

#[tokio::test]
async fn a_routed_bots_requests_go_out_as_they_open_and_as_loads_drop() {
    let Some(app) = spawn_app() else { return };
    let help = app.help_bot;
    let agent = app.member(AGENT).email.clone();
    // Of the fixture's members, the agent and the bot admin are online; the bot admin takes
    // nothing and everyone else holds one at most.
    app.cli(&["members", "capacity", "--default", "1"]).success();
    app.cli(&["members", "capacity", &app.member(BOT_ADMIN).email, "0"]).success();
    let waiting = app.new_request().await;
    assert!(waits(&app, waiting).await, "routing is off by default");
    app.cli(&["routing", "set", &help.to_string(), "--mode", "round-robin"]).success();

    // Turning routing on gives out what waits; a new request while everyone is full waits.
    let first = settled(&app, waiting).await;
    assert_eq!(assignee(&first).as_deref(), Some(agent.as_str()));
    let routed = first["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((routed["actor"]["kind"].clone(), routed["to"].clone()), (json!("routing"), json!("assigned")));
    let second = app.new_request().await;
    assert!(waits(&app, second).await);

    // The agent resolves: the next waiting request is theirs at once, with no one asking.
    app.post(&format!("/v1/requests/{waiting}/resolve"), AGENT, json!({})).await.expect(StatusCode::OK);
    assert_eq!(assignee(&settled(&app, second).await).as_deref(), Some(agent.as_str()));

    // A member coming online is given work; with the newest first, the newest goes.
    let (third, fourth) = (app.new_request().await, app.new_request().await);
    app.cli(&["routing", "set", &help.to_string(), "--order", "newest"]).success();
    app.call(Method::PUT, "/v1/members/me/presence", Some(app.token(AGENT2)), Some(json!({"presence": "online"})))
        .await
        .expect(StatusCode::OK);
    assert_eq!(assignee(&settled(&app, fourth).await).as_deref(), Some(app.member(AGENT2).email.as_str()));
    assert!(waits(&app, third).await);

    // Raising a capacity gives out the rest; the agent holds two, routing's and by hand alike.
    app.cli(&["members", "capacity", &agent, "2"]).success();
    assert_eq!(assignee(&settled(&app, third).await).as_deref(), Some(agent.as_str()));
    let members = app.cli(&["members", "list", "--json"]).success().json();
    let load = members.as_array().unwrap().iter().find(|m| m["email"] == agent.as_str()).unwrap()["load"].clone();
    assert_eq!(load, 2);
    // The community bot does not route: its requests wait for someone to take them.
    let (community, _) = app.visitor_request(app.community_bot, "Dee").await;
    assert!(waits(&app, community).await);
}
