//! The OpenAPI document as served: what the routes declare, plus what holds for every route
//! because of the layers around them (limits, timeouts, body checks, auth), and the shape
//! of each live stream's events, which the derive cannot state.

use serde_json::{Map, Value, json};

/// Answers any route may give, whatever it declares, because of the layers it runs in.
fn common_errors(operation: &Map<String, Value>) -> Vec<(&'static str, &'static str)> {
    let mut errors = vec![
        ("429", "Too many calls: see `Retry-After`"),
        ("503", "The call took too long, or the database is unavailable: see `Retry-After`"),
    ];
    let params: Vec<&str> = operation
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str())
        .collect();
    let has_body = operation.contains_key("requestBody");
    if has_body || !params.is_empty() {
        errors.push(("400", "Invalid input"));
    }
    if has_body {
        errors.push(("413", "The body or one of its texts is too large"));
        errors.push(("415", "The body is not sent as JSON"));
    }
    if params.iter().any(|p| *p == "bot" || *p == "assignee") {
        errors.push(("404", "No such bot or member in your organization"));
    }
    if operation.contains_key("security") {
        errors.push(("401", "No token, or one that is unknown, revoked or expired"));
    }
    errors
}

/// The events of each live stream, by route: the `event:` name and the schema of its `data:`.
const STREAMS: &[(&str, &[(&str, &str)])] = &[
    ("/v1/requests/{id}/events", &[("message", "Message"), ("state", "TimelineEvent")]),
    ("/v1/public/conversations/{token}/events", &[("message", "Message"), ("state", "VisitorStateEvent")]),
    ("/v1/events", &[("state", "QueueEvent")]),
];

/// One Server-Sent Event as OpenAPI 3.1 tools read a stream's schema: an object of the
/// event's fields, whose `data` holds JSON.
fn stream_schema(events: &[(&str, &str)]) -> Value {
    let mut kinds: Vec<Value> = events
        .iter()
        .map(|(name, schema)| {
            json!({
                "type": "object",
                "required": ["event", "data"],
                "properties": {
                    "event": {"const": name},
                    "id": {"type": "string"},
                    "data": {
                        "type": "string",
                        "contentMediaType": "application/json",
                        "contentSchema": {"$ref": format!("#/components/schemas/{schema}")}
                    }
                }
            })
        })
        .collect();
    kinds.push(json!({
        "type": "object",
        "description": "The last event before the server shuts down; reconnect to continue",
        "required": ["event"],
        "properties": {"event": {"const": "shutdown"}, "data": {"type": "string"}}
    }));
    json!({"oneOf": kinds})
}

/// Schemas written out as JSON, replacing the derive's placeholders of the same name.
const WRITTEN: &[(&str, fn() -> Value)] = &[
    ("RoleBody", crate::api::role_body_schema),
    ("FormBody", super::public::form_schema),
    ("FieldSpec", crate::api::field_spec_schema),
    ("InvitationBody", crate::api::invitation_body_schema),
    ("EraseBody", crate::api::erase_body_schema),
];

/// The body schemas without a required property: the server takes an empty body as `{}`, so
/// such a body may be left out.
fn optional_bodies(doc: &Value) -> Vec<String> {
    let schemas = doc["components"]["schemas"].as_object().into_iter().flatten();
    schemas
        .filter(|(_, schema)| schema["type"] == "object" && schema["required"].as_array().is_none_or(|r| r.is_empty()))
        .map(|(name, _)| name.clone())
        .collect()
}

pub fn finish(document: &utoipa::openapi::OpenApi) -> Value {
    let mut doc = serde_json::to_value(document).expect("the OpenAPI document serializes");
    for (name, schema) in WRITTEN {
        doc["components"]["schemas"][name] = schema();
    }
    // A form's fields are refused twice over; the derive has no word for that.
    doc["components"]["schemas"]["RequestForm"]["properties"]["fields"]["uniqueItems"] = json!(true);
    let optional_bodies = optional_bodies(&doc);
    let paths = doc["paths"].as_object_mut().expect("the document has paths");
    for (path, item) in paths.iter_mut() {
        for (_, operation) in item.as_object_mut().into_iter().flatten() {
            let Some(operation) = operation.as_object_mut() else { continue };
            if let Some(body) = operation.get_mut("requestBody") {
                let schema = body["content"]["application/json"]["schema"]["$ref"].as_str().unwrap_or_default();
                if optional_bodies.iter().any(|name| schema.ends_with(&format!("/{name}"))) {
                    body["required"] = json!(false);
                }
            }
            let errors = common_errors(operation);
            let responses = operation.entry("responses").or_insert_with(|| json!({}));
            for (status, description) in errors {
                responses.as_object_mut().expect("responses are an object").entry(status).or_insert_with(|| {
                    json!({
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
                    })
                });
            }
            if let Some((_, events)) = STREAMS.iter().find(|(p, _)| p == path) {
                responses["200"]["content"]["text/event-stream"]["schema"] = stream_schema(events);
            }
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_stream_names_schemas_the_document_has() {
        let (_, document) = super::super::api_routes().split_for_parts();
        let doc = super::finish(&document);
        for (path, events) in super::STREAMS {
            assert!(doc["paths"][path]["get"].is_object(), "{path} is a route");
            for (_, schema) in *events {
                assert!(doc["components"]["schemas"][schema].is_object(), "{schema} is in the document");
            }
        }
        for (name, _) in super::WRITTEN {
            assert!(doc["components"]["schemas"][name]["description"].is_string(), "{name} was written out");
        }
    }
}
