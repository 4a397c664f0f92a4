//! The rules of live chat requests and of the team that handles them: states, roles, and
//! who may do what.
//! Nothing here knows about HTTP, SQL or the command line, so the server enforces
//! exactly these rules and the tests can check every cell of them.

mod labels;
pub mod routing;
mod rules;
mod stamps;
pub mod team;
mod types;

pub use labels::Label;
pub use rules::{Action, Actor, Decision, Refusal, RequestFacts, StateChange, VisitorEffect};
pub use rules::{can_add_note, decide, visitor_writes};
pub use stamps::{Stamps, archive, restamp};
pub use team::{Email, NotAnEmail, Roster, TeamRefusal, Teammate, known_email};
pub use types::{Channel, NoteKind, ParseError, Presence, Role, RoutingMode, RoutingOrder, SenderKind, State, Word};
