//! The ids the store takes, one type each, so passing a member's id where a request's belongs
//! does not compile. The wire keeps plain numbers.

use std::fmt;

use super::sql::Value;

macro_rules! id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl From<$name> for Value {
            fn from(id: $name) -> Value {
                Value::Int(id.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id!(
    /// An organization: every other id lives inside one.
    OrgId
);
id!(
    /// A member of an organization.
    MemberId
);
id!(
    /// A bot of an organization.
    BotId
);
id!(
    /// A live chat request.
    RequestId
);
id!(
    /// A visitor of a bot.
    VisitorId
);
