//! OpenAPI schemas for the domain's vocabularies. The domain module knows nothing of HTTP,
//! so their schemas are written here, from the same list of words the parsers use.

use std::borrow::Cow;

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{Object, Schema, SchemaType, Type};
use utoipa::{PartialSchema, ToSchema};

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
