//! OpenAPI schemas for the domain's vocabularies. The domain module knows nothing of HTTP,
//! so their schemas are written here, from the same list of words the parsers use.

use std::borrow::Cow;

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{Object, Schema, SchemaType, Type};
use utoipa::{PartialSchema, ToSchema};

use super::RoleBody;
use crate::domain::{Channel, NoteKind, Presence, Role, RoutingMode, RoutingOrder, SenderKind, State, Word};

/// A string enum of the vocabulary's words.
fn words<T: Word>(description: &str) -> RefOr<Schema> {
    let mut object = Object::with_type(SchemaType::Type(Type::String));
    object.enum_values = Some(T::all().iter().map(|w| w.word().into()).collect());
    object.description = Some(description.to_string());
    RefOr::T(Schema::Object(object))
}

macro_rules! word_schema {
    ($($name:ident: $description:literal),+ $(,)?) => {
        $(
            impl PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    words::<$name>($description)
                }
            }

            impl ToSchema for $name {
                fn name() -> Cow<'static, str> {
                    Cow::Borrowed(stringify!($name))
                }
            }
        )+
    };
}

word_schema!(
    State: "Where a request is in its life: new, assigned, chatting, resolved or closed.",
    Role: "What a member may do.",
    Presence: "Whether a member is available for live chat.",
    Channel: "The deployment channel a visitor came through.",
    NoteKind: "Where a note came from.",
    SenderKind: "Who wrote a transcript message.",
    RoutingMode: "How a bot's waiting requests are given out: off, round-robin or least-busy.",
    RoutingOrder: "Which waiting request routing gives out first: oldest or newest.",
);

/// The schema of a body whose shape the derive cannot state: a bare object, which the
/// served document replaces with the schema written out as JSON (`server/document.rs`).
pub fn written_out() -> RefOr<Schema> {
    RefOr::T(Schema::Object(Object::with_type(SchemaType::Type(Type::Object))))
}

/// Gives a type the placeholder schema [`written_out`] under `name`, for a body whose schema
/// is written out as JSON and listed in `server/document.rs`.
macro_rules! written_out_schema {
    ($ty:ty, $name:literal) => {
        impl utoipa::PartialSchema for $ty {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::api::written_out()
            }
        }

        impl utoipa::ToSchema for $ty {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed($name)
            }
        }
    };
}
pub(crate) use written_out_schema;

// Written out in [`role_body`]: the derive cannot say that `bot_ids` depends on the role.
written_out_schema!(RoleBody, "RoleBody");

/// The two shapes of a body that gives a role: org admins and agents take no `bot_ids`, and a
/// bot admin needs them. `others` are the body's other properties, of which `required` are.
pub fn role_variants(others: serde_json::Value, required: &[&str]) -> serde_json::Value {
    let ids = serde_json::json!({"type": "integer", "format": "int64"});
    let variant = |roles: &[&str], bots: serde_json::Value, needs_bots: bool| {
        let mut properties = others.clone();
        properties["role"] = serde_json::json!({"type": "string", "enum": roles});
        properties["bot_ids"] = bots;
        let mut needed: Vec<&str> = required.to_vec();
        needed.push("role");
        if needs_bots {
            needed.push("bot_ids");
        }
        serde_json::json!({"type": "object", "required": needed, "properties": properties})
    };
    serde_json::json!([
        variant(
            &["org-admin", "agent"],
            serde_json::json!({"type": ["array", "null"], "maxItems": 0, "items": ids}),
            false
        ),
        variant(
            &["bot-admin"],
            serde_json::json!({"type": "array", "minItems": 1, "maxItems": 100, "items": ids}),
            true
        ),
    ])
}

/// The schema of `RoleBody`, as the document serves it.
pub fn role_body() -> serde_json::Value {
    serde_json::json!({
        "description": "A member's new role. A bot admin needs `bot_ids`, the bots they administer; the other roles take none.",
        "oneOf": role_variants(serde_json::json!({}), &[]),
        "example": {"role": "bot-admin", "bot_ids": [1]}
    })
}
