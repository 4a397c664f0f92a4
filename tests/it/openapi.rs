//! The OpenAPI document is generated from the routes and types themselves: every route the
//! server answers is in it, every documented route answers, and its examples are real
//! request bodies.

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::support::{ADMIN, Backend, spawn_app_on};

/// The API's routes, as the README documents them.
const ROUTES: &[(&str, &str)] = &[
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/metrics"),
    ("get", "/v1/openapi.json"),
    ("get", "/v1/me"),
    ("get", "/v1/requests"),
    ("get", "/v1/requests/{id}"),
    ("post", "/v1/requests/{id}/assign"),
    ("post", "/v1/requests/{id}/unassign"),
    ("post", "/v1/requests/{id}/chat/start"),
    ("post", "/v1/requests/{id}/chat/end"),
    ("post", "/v1/requests/{id}/messages"),
    ("post", "/v1/requests/{id}/resolve"),
    ("post", "/v1/requests/{id}/notes"),
    ("get", "/v1/requests/{id}/events"),
    ("post", "/v1/requests/batch"),
    ("get", "/v1/requests/backlog"),
    ("get", "/v1/search"),
    ("post", "/v1/requests/labels"),
    ("get", "/v1/labels"),
    ("get", "/v1/requests/export"),
    ("get", "/v1/events"),
    ("get", "/v1/stats"),
    ("get", "/v1/stats/members"),
    ("get", "/v1/stats/series"),
    ("get", "/v1/members"),
    ("patch", "/v1/members/{member}"),
    ("put", "/v1/members/me/presence"),
    ("get", "/v1/members/{member}"),
    ("delete", "/v1/members/{member}"),
    ("get", "/v1/invitations"),
    ("post", "/v1/invitations"),
    ("delete", "/v1/invitations/{id}"),
    ("post", "/v1/invitations/accept"),
    ("get", "/v1/tokens"),
    ("post", "/v1/tokens"),
    ("delete", "/v1/tokens/{id}"),
    ("get", "/v1/bots"),
    ("post", "/v1/bots"),
    ("get", "/v1/bots/{bot}"),
    ("patch", "/v1/bots/{bot}"),
    ("get", "/v1/bots/{bot}/form"),
    ("put", "/v1/bots/{bot}/form"),
    ("get", "/v1/bots/{bot}/keys"),
    ("post", "/v1/bots/{bot}/keys"),
    ("delete", "/v1/bots/{bot}/keys/{key_id}"),
    ("post", "/v1/integrations/requests"),
    ("get", "/v1/webhooks"),
    ("post", "/v1/webhooks"),
    ("delete", "/v1/webhooks/{id}"),
    ("post", "/v1/webhooks/{id}/test"),
    ("get", "/v1/webhooks/deliveries"),
    ("post", "/v1/webhooks/deliveries/{id}/redeliver"),
    ("get", "/v1/public/bots/{bot}"),
    ("post", "/v1/public/bots/{bot}/requests"),
    ("get", "/v1/public/conversations/{token}"),
    ("post", "/v1/public/conversations/{token}/messages"),
    ("get", "/v1/public/conversations/{token}/events"),
    ("get", "/chat/{bot}"),
    ("post", "/v1/dashboard/codes"),
    ("post", "/v1/dashboard/session"),
    ("get", "/dashboard"),
    ("get", "/dashboard/app.js"),
    ("get", "/dashboard/uplot.js"),
    ("get", "/dashboard/uplot.css"),
    ("get", "/v1/routing"),
    ("put", "/v1/routing"),
    ("put", "/v1/bots/{bot}/routing"),
    ("put", "/v1/members/{member}/capacity"),
    ("get", "/v1/audit"),
    ("get", "/v1/retention"),
    ("put", "/v1/retention"),
    ("get", "/v1/retention/preview"),
    ("get", "/v1/changes"),
    ("post", "/v1/requests/export/receipts"),
    ("post", "/v1/visitors/erase"),
];

#[tokio::test]
async fn the_document_lists_every_route_and_every_listed_route_answers() {
    let app = spawn_app_on(Backend::Sqlite, livechat::server::ServerConfig::default()).unwrap();
    let doc = app.call(Method::GET, "/v1/openapi.json", None, None).await.expect(StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let mut documented: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| item.as_object().unwrap().keys().map(move |m| (m.clone(), path.clone())))
        .collect();
    documented.sort();
    let mut expected: Vec<(String, String)> = ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    expected.sort();
    assert_eq!(documented, expected);
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());

    for (method, path) in ROUTES {
        if path.ends_with("/events") {
            continue; // streams stay open; their routes are exercised in the live tests
        }
        let concrete = path
            .replace("{id}", "1")
            .replace("{token}", "lcv_x")
            .replace("{bot}", "1")
            .replace("{member}", "me")
            .replace("{key_id}", "1");
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let answer = app.call(method.clone(), &concrete, Some(app.token(ADMIN)), None).await;
        assert_ne!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        let unrouted = answer.body["error"]["message"].as_str().is_some_and(|m| m.starts_with("no such route"));
        assert!(!unrouted, "{method} {path} is documented but not served");
    }
}

#[test]
fn no_route_bypasses_the_documented_router() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/server");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains(".route(\""),
            "{} adds a route outside `routes!`, so the OpenAPI document would miss it",
            path.display()
        );
    }
}

/// Every `$ref` found anywhere in `value`, with where it was found.
fn refs<'a>(value: &'a Value, at: String, found: &mut Vec<(String, &'a str)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(target)) => found.push((at.clone(), target)),
                    _ => refs(inner, format!("{at}/{key}"), found),
                }
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                refs(inner, format!("{at}/{i}"), found);
            }
        }
        _ => {}
    }
}

/// Regression: `stats/series`'s `format` referred to a `Format` schema the document lacked.
#[tokio::test]
async fn every_reference_in_the_document_resolves() {
    let app = spawn_app_on(Backend::Sqlite, livechat::server::ServerConfig::default()).unwrap();
    let doc = app.call(Method::GET, "/v1/openapi.json", None, None).await.expect(StatusCode::OK);
    let mut found = Vec::new();
    refs(&doc, String::new(), &mut found);
    assert!(found.len() > 50, "the document refers to its schemas: {}", found.len());
    let dangling: Vec<String> = found
        .iter()
        .filter(|(_, target)| {
            let pointer = target.strip_prefix('#').unwrap_or("not a local reference");
            doc.pointer(pointer).is_none()
        })
        .map(|(at, target)| format!("{at} -> {target}"))
        .collect();
    assert!(dangling.is_empty(), "references that resolve to nothing: {dangling:#?}");
}

#[tokio::test]
async fn every_example_in_the_document_is_a_valid_body() {
    let app = spawn_app_on(Backend::Sqlite, livechat::server::ServerConfig::default()).unwrap();
    let doc = app.call(Method::GET, "/v1/openapi.json", None, None).await.expect(StatusCode::OK);
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let mut checked = 0;
    for (name, schema) in schemas {
        let Some(example) = schema.get("example") else { continue };
        let parsed = match name.as_str() {
            "ErrorBody" => serde_json::from_value::<livechat::api::ErrorBody>(example.clone()).map(|_| ()),
            "AssignBody" => serde_json::from_value::<livechat::api::AssignBody>(example.clone()).map(|_| ()),
            "ConditionBody" => serde_json::from_value::<livechat::api::ConditionBody>(example.clone()).map(|_| ()),
            "ResolveBody" => serde_json::from_value::<livechat::api::ResolveBody>(example.clone()).map(|_| ()),
            "BodyText" => serde_json::from_value::<livechat::api::BodyText>(example.clone()).map(|_| ()),
            "BatchBody" => serde_json::from_value::<livechat::api::BatchBody>(example.clone()).map(|_| ()),
            "RoleBody" => serde_json::from_value::<livechat::api::RoleBody>(example.clone()).map(|_| ()),
            "PresenceBody" => serde_json::from_value::<livechat::api::PresenceBody>(example.clone()).map(|_| ()),
            "FormBody" | "IntegrationBody" => {
                serde_json::from_value::<serde_json::Map<String, Value>>(example.clone()).map(|_| ())
            }
            "NewTokenBody" => serde_json::from_value::<livechat::api::NewTokenBody>(example.clone()).map(|_| ()),
            "InvitationBody" => serde_json::from_value::<livechat::api::InvitationBody>(example.clone()).map(|_| ()),
            "AcceptBody" => serde_json::from_value::<livechat::api::AcceptBody>(example.clone()).map(|_| ()),
            "RequestForm" => serde_json::from_value::<livechat::api::RequestForm>(example.clone()).map(|_| ()),
            "NewBotBody" => serde_json::from_value::<livechat::api::NewBotBody>(example.clone()).map(|_| ()),
            "BotPatch" => serde_json::from_value::<livechat::api::BotPatch>(example.clone()).map(|_| ()),
            "NewKeyBody" => serde_json::from_value::<livechat::api::NewKeyBody>(example.clone()).map(|_| ()),
            "WebhookBody" => serde_json::from_value::<livechat::api::WebhookBody>(example.clone()).map(|_| ()),
            "LabelsBody" => serde_json::from_value::<livechat::api::LabelsBody>(example.clone()).map(|_| ()),
            "BotRoutingBody" => serde_json::from_value::<livechat::api::BotRoutingBody>(example.clone()).map(|_| ()),
            "RoutingBody" => serde_json::from_value::<livechat::api::RoutingBody>(example.clone()).map(|_| ()),
            "CapacityBody" => serde_json::from_value::<livechat::api::CapacityBody>(example.clone()).map(|_| ()),
            "AuditRecord" => serde_json::from_value::<livechat::api::AuditRecord>(example.clone()).map(|_| ()),
            "RetentionPolicy" => serde_json::from_value::<livechat::api::RetentionPolicy>(example.clone()).map(|_| ()),
            "ReceiptBody" => serde_json::from_value::<livechat::api::ReceiptBody>(example.clone()).map(|_| ()),
            "RetentionBody" => serde_json::from_value::<livechat::api::RetentionBody>(example.clone()).map(|_| ()),
            "EraseBody" => serde_json::from_value::<livechat::api::EraseBody>(example.clone()).map(|_| ()),
            "Erasure" => serde_json::from_value::<livechat::api::Erasure>(example.clone()).map(|_| ()),
            other => panic!("no check for the example of {other}; add one"),
        };
        parsed.unwrap_or_else(|e| panic!("the example of {name} does not parse: {e}"));
        // Every property the schema requires is in the example.
        for required in schema["required"].as_array().into_iter().flatten() {
            assert!(example.get(required.as_str().unwrap()).is_some(), "{name}'s example lacks {required}");
        }
        checked += 1;
    }
    assert_eq!(checked, 28);
    // And the examples are accepted by the server itself.
    let id = app.new_request().await;
    let body: Value = schemas["AssignBody"]["example"].clone();
    let mut body = body;
    body["to"] = "agent@fixture.test".into();
    body["if_version"] = 1.into();
    app.post(&format!("/v1/requests/{id}/assign"), ADMIN, body).await.expect(StatusCode::OK);
    let form = schemas["FormBody"]["example"].clone();
    let path = format!("/v1/public/bots/{}/requests", app.help_bot);
    app.call(Method::POST, &path, None, Some(form)).await.expect(StatusCode::CREATED);
    let erase = schemas["EraseBody"]["example"].clone();
    let planned = app.post("/v1/visitors/erase", ADMIN, erase).await.expect(StatusCode::OK);
    assert_eq!(
        (planned["dry_run"].clone(), planned["requests"].clone()),
        (true.into(), 1.into()),
        "the form's visitor"
    );
}

#[tokio::test]
async fn every_route_lists_the_answers_its_layers_can_give() {
    let app = spawn_app_on(Backend::Sqlite, livechat::server::ServerConfig::default()).unwrap();
    let doc = app.call(Method::GET, "/v1/openapi.json", None, None).await.expect(StatusCode::OK);
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            let has = |status: &str| responses.contains_key(status);
            assert!(has("429") && has("503"), "{method} {path}");
            if operation.get("requestBody").is_some() {
                assert!(has("400") && has("413") && has("415"), "{method} {path}");
            }
            if operation.get("security").is_some() {
                assert!(has("401"), "{method} {path}");
            }
        }
    }
    // A stream's schema describes each event, with the JSON its data holds.
    let stream = &doc["paths"]["/v1/events"]["get"]["responses"]["200"]["content"]["text/event-stream"]["schema"];
    let state = &stream["oneOf"][0]["properties"];
    assert_eq!(state["event"]["const"], "state");
    assert_eq!(state["data"]["contentSchema"]["$ref"], "#/components/schemas/QueueEvent");
}

/// Regression: `/metrics` answered anyone, with every organization's counts.
#[tokio::test]
async fn metrics_are_served_only_to_the_operators_token_or_on_their_own_address() {
    use livechat::server::ServerConfig;
    use livechat::server::metrics::MetricsAccess;
    let closed = spawn_app_on(Backend::Sqlite, ServerConfig::default()).unwrap();
    let answer = closed.call(Method::GET, "/metrics", None, None).await;
    assert_eq!((answer.status, answer.code()), (StatusCode::NOT_FOUND, "not_found"));
    let member = closed.call(Method::GET, "/metrics", Some(closed.token(ADMIN)), None).await;
    assert_eq!(member.status, StatusCode::NOT_FOUND, "a member's token is not the operator's");
    assert!(closed.metrics().await.contains("livechat_open_requests"), "served on an address of their own");

    let token = "an-operator-metrics-token";
    let config =
        ServerConfig { metrics: MetricsAccess::Token(livechat::server::hash_token(token)), ..ServerConfig::default() };
    let guarded = spawn_app_on(Backend::Sqlite, config).unwrap();
    for wrong in [None, Some("an-operator-metrics-tokem"), Some(guarded.token(ADMIN))] {
        let answer = guarded.call(Method::GET, "/metrics", wrong, None).await;
        assert_eq!((answer.status, answer.code()), (StatusCode::UNAUTHORIZED, "unauthorized"), "{wrong:?}");
    }
    let scraped = guarded.http.get(format!("{}/metrics", guarded.url)).bearer_auth(token).send().await.unwrap();
    assert_eq!(scraped.status(), StatusCode::OK);
    assert!(scraped.text().await.unwrap().contains("livechat_open_requests"));
}
