//! The closed vocabularies of the domain, each with one spelling on the wire and on the command line.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A word that is not one of a vocabulary's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a valid {what}; expected one of: {expected}")]
pub struct ParseError {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

/// A closed vocabulary: every value and its one spelling. The CLI builds its value parsers
/// (and so its completions) from this.
pub trait Word: Copy + Send + Sync + 'static {
    fn all() -> &'static [Self];
    fn word(self) -> &'static str;
}

/// Declares a string-backed enum whose spelling is shared by serde, `Display` and `FromStr`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl Word for $name {
            fn all() -> &'static [$name] {
                $name::ALL
            }

            fn word(self) -> &'static str {
                self.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ParseError;

            fn from_str(s: &str) -> Result<Self, ParseError> {
                let lower = s.trim().to_ascii_lowercase();
                $name::ALL.iter().copied().find(|v| v.as_str() == lower).ok_or_else(|| ParseError {
                    what: $what,
                    value: s.to_string(),
                    expected: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }
    };
}

vocabulary!(
    /// Where a request is in its life. The declaration order is the queue order: new first.
    State, "state" {
        New => "new",
        Assigned => "assigned",
        Chatting => "chatting",
        Resolved => "resolved",
        Closed => "closed",
    }
);

impl State {
    /// The states of the open queue, which `requests list` shows by default.
    pub const OPEN: &'static [State] = &[State::New, State::Assigned, State::Chatting];

    pub fn is_open(self) -> bool {
        State::OPEN.contains(&self)
    }

    /// A small integer that sorts like the queue; stores index on it.
    pub fn rank(self) -> i64 {
        self as i64
    }

    pub fn from_rank(rank: i64) -> Option<State> {
        State::ALL.get(usize::try_from(rank).ok()?).copied()
    }
}

vocabulary!(
    /// What a member may do in their organization.
    Role, "role" {
        OrgAdmin => "org-admin",
        BotAdmin => "bot-admin",
        Agent => "agent",
    }
);

vocabulary!(
    /// Whether a member is available for live chat.
    Presence, "presence" {
        Online => "online",
        Away => "away",
        Offline => "offline",
    }
);

vocabulary!(
    /// How a bot's waiting requests are given to members: not at all (members take them),
    /// to each online member in turn, or to the one holding the fewest.
    RoutingMode, "routing mode" {
        Off => "off",
        RoundRobin => "round-robin",
        LeastBusy => "least-busy",
    }
);

vocabulary!(
    /// Which of a bot's waiting requests routing gives out first.
    RoutingOrder, "routing order" {
        Oldest => "oldest",
        Newest => "newest",
    }
);

vocabulary!(
    /// The deployment channel a visitor reached the bot through.
    Channel, "channel" {
        Web => "web",
        Discord => "discord",
        Messenger => "messenger",
    }
);

vocabulary!(
    /// Where a note came from.
    NoteKind, "note kind" {
        Form => "form",
        Agent => "agent",
        Resolution => "resolution",
    }
);

vocabulary!(
    /// Who wrote a transcript message.
    SenderKind, "sender kind" {
        Visitor => "visitor",
        Bot => "bot",
        Agent => "agent",
        System => "system",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vocabulary_round_trips_through_its_spelling() {
        for s in State::ALL {
            assert_eq!(s.as_str().parse::<State>().unwrap(), *s);
            assert_eq!(State::from_rank(s.rank()), Some(*s));
        }
        for r in Role::ALL {
            assert_eq!(r.to_string().parse::<Role>().unwrap(), *r);
        }
        for p in Presence::ALL {
            assert_eq!(p.as_str().parse::<Presence>().unwrap(), *p);
        }
        for c in Channel::ALL {
            assert_eq!(serde_json::to_string(c).unwrap(), format!("\"{c}\""));
        }
    }

    #[test]
    fn parsing_ignores_case_and_rejects_unknown_words_with_the_choices() {
        assert_eq!("Chatting".parse::<State>().unwrap(), State::Chatting);
        let err = "open-ish".parse::<State>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "`open-ish` is not a valid state; expected one of: new, assigned, chatting, resolved, closed"
        );
        assert!("admin".parse::<Role>().is_err());
        assert_eq!(State::from_rank(5), None);
        assert_eq!(State::from_rank(-1), None);
    }

    #[test]
    fn queue_order_puts_new_first() {
        let mut states = State::ALL.to_vec();
        states.reverse();
        states.sort();
        assert_eq!(states, State::ALL);
        assert!(State::Chatting.is_open() && !State::Resolved.is_open());
    }
}
