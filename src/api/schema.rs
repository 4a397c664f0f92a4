//! OpenAPI schemas for the domain's vocabularies. The domain module knows nothing of HTTP,
//! so their schemas are written here, from the same list of words the parsers use.

use std::borrow::Cow;

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{Object, Schema, SchemaType, Type};
use utoipa::{PartialSchema, ToSchema};

use super::RoleBody;
use crate::domain::{Channel, NoteKind, Presence, Role, SenderKind, State, Word};

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
);

/// The schema of a body whose shape the derive cannot state: a bare object, which the
/// served document replaces with the schema written out as JSON (`server/document.rs`).
pub fn written_out() -> RefOr<Schema> {
    RefOr::T(Schema::Object(Object::with_type(SchemaType::Type(Type::Object))))
}

/// Written out in [`role_body`]: the derive cannot say that `bot_ids` depends on the role.
impl PartialSchema for RoleBody {
    fn schema() -> RefOr<Schema> {
        written_out()
    }
}

impl ToSchema for RoleBody {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("RoleBody")
    }
}

/// The schema of `RoleBody`, as the document serves it.
pub fn role_body() -> serde_json::Value {
    serde_json::json!({
        "description": "A member's new role. A bot admin needs `bot_ids`, the bots they administer; the other roles take none.",
        "oneOf": [
            {
                "type": "object",
                "required": ["role"],
                "properties": {
                    "role": {"type": "string", "enum": ["org-admin", "agent"]},
                    "bot_ids": {"type": ["array", "null"], "maxItems": 0, "items": {"type": "integer", "format": "int64"}}
                }
            },
            {
                "type": "object",
                "required": ["role", "bot_ids"],
                "properties": {
                    "role": {"type": "string", "enum": ["bot-admin"]},
                    "bot_ids": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"type": "integer", "format": "int64"}}
                }
            }
        ],
        "example": {"role": "bot-admin", "bot_ids": [1]}
    })
}
