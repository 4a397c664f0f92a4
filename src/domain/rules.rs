//! The transition table of PRODUCT.md §1 as plain functions.

use super::{Role, State};

/// The member asking for a change, as far as the rules care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub member_id: i64,
    pub role: Role,
    /// Bots this member administers; meaningful for bot admins only.
    pub admin_of_bots: Vec<i64>,
}

impl Actor {
    /// Org admins administer every bot; bot admins only their own.
    pub fn is_admin_of(&self, bot_id: i64) -> bool {
        match self.role {
            Role::OrgAdmin => true,
            Role::BotAdmin => self.admin_of_bots.contains(&bot_id),
            Role::Agent => false,
        }
    }
}

/// What the rules need to know about a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestFacts {
    pub state: State,
    pub assignee: Option<i64>,
    pub bot_id: i64,
}

/// A member's action on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Assign {
        to: i64,
    },
    Unassign,
    StartChat,
    EndChat,
    Resolve,
    /// Writing to the visitor live; it changes no state, so an allowed send is `Unchanged`.
    SendMessage,
}

impl Action {
    /// The verb used in messages and the timeline.
    pub fn verb(self) -> &'static str {
        match self {
            Action::Assign { .. } => "assign",
            Action::Unassign => "unassign",
            Action::StartChat => "start a chat on",
            Action::EndChat => "end the chat on",
            Action::Resolve => "resolve",
            Action::SendMessage => "send a message on",
        }
    }

    /// The states this action can start from at all, whoever asks.
    pub fn allowed_from(self) -> &'static [State] {
        match self {
            Action::Assign { .. } | Action::Unassign => State::OPEN,
            Action::StartChat | Action::EndChat => &[State::Assigned, State::Chatting],
            Action::Resolve => &[State::New, State::Assigned, State::Chatting, State::Resolved],
            Action::SendMessage => &[State::Chatting],
        }
    }
}

/// The new state and assignee of a request after an allowed action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateChange {
    pub to: State,
    pub assignee: Option<i64>,
}

/// The rules' answer to an allowed action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Change(StateChange),
    /// The request is already where the action would put it; re-running is safe.
    Unchanged,
}

/// Why the rules refuse an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The action does not exist from this state, whoever asks.
    #[error("cannot {} a request that is {state}", action.verb())]
    InvalidTransition { state: State, action: Action },
    /// Someone else holds the request a member tried to take.
    #[error("the request is already {state} by another member")]
    AlreadyAssigned { state: State, assignee: i64 },
    /// The action exists from this state, but not for this member.
    #[error("{}", forbidden_reason(*action))]
    Forbidden { action: Action },
}

fn forbidden_reason(action: Action) -> &'static str {
    match action {
        Action::Assign { .. } => {
            "only org admins and admins of this bot can assign requests to other members or reassign them"
        }
        Action::Unassign => "only the assignee, org admins and admins of this bot can unassign this request",
        Action::StartChat | Action::EndChat => "only the assignee can start or end the live chat",
        Action::Resolve => "only the assignee, org admins and admins of this bot can resolve this request",
        Action::SendMessage => "only the assignee can write to the visitor",
    }
}

/// Decides whether `actor` may apply `action` to a request in the state `facts` describes.
///
/// The state is checked first, so a refusal names the state when the action cannot happen at
/// all; then the permission; then whether anything would change.
pub fn decide(actor: &Actor, facts: RequestFacts, action: Action) -> Result<Decision, Refusal> {
    let state = facts.state;
    if !action.allowed_from().contains(&state) {
        return Err(Refusal::InvalidTransition { state, action });
    }
    let admin = actor.is_admin_of(facts.bot_id);
    let is_assignee = facts.assignee == Some(actor.member_id);
    let change = |to, assignee| Ok(Decision::Change(StateChange { to, assignee }));
    match action {
        Action::Assign { to } if to == actor.member_id => match facts.assignee {
            _ if state == State::New => change(State::Assigned, Some(to)),
            Some(current) if current == to => Ok(Decision::Unchanged),
            _ if admin => change(State::Assigned, Some(to)),
            Some(current) => Err(Refusal::AlreadyAssigned { state, assignee: current }),
            None => change(State::Assigned, Some(to)),
        },
        Action::Assign { to } => {
            if !admin {
                Err(Refusal::Forbidden { action })
            } else if state != State::New && facts.assignee == Some(to) {
                Ok(Decision::Unchanged)
            } else {
                change(State::Assigned, Some(to))
            }
        }
        Action::Unassign => {
            if state == State::New {
                Ok(Decision::Unchanged)
            } else if is_assignee || admin {
                change(State::New, None)
            } else {
                Err(Refusal::Forbidden { action })
            }
        }
        Action::StartChat | Action::EndChat => {
            let target = if action == Action::StartChat { State::Chatting } else { State::Assigned };
            if !is_assignee {
                Err(Refusal::Forbidden { action })
            } else if state == target {
                Ok(Decision::Unchanged)
            } else {
                change(target, facts.assignee)
            }
        }
        Action::SendMessage if !is_assignee => Err(Refusal::Forbidden { action }),
        Action::SendMessage => Ok(Decision::Unchanged),
        Action::Resolve => {
            if !(is_assignee || admin) {
                Err(Refusal::Forbidden { action })
            } else if state == State::Resolved {
                Ok(Decision::Unchanged)
            } else {
                change(State::Resolved, facts.assignee)
            }
        }
    }
}

/// What a visitor's message does to the request it lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitorEffect {
    /// The bot is in charge and answers automatically.
    BotReplies,
    /// An agent is chatting live; the bot stays silent.
    AgentReceives,
    /// A resolved request comes back to the queue as new, and the bot answers.
    Reopen,
    /// The request is archived; the message starts a new request.
    StartNewRequest,
}

pub fn visitor_writes(state: State) -> VisitorEffect {
    match state {
        State::New | State::Assigned => VisitorEffect::BotReplies,
        State::Chatting => VisitorEffect::AgentReceives,
        State::Resolved => VisitorEffect::Reopen,
        State::Closed => VisitorEffect::StartNewRequest,
    }
}

/// Notes are append-only history; the closed archive is read-only.
pub fn can_add_note(state: State) -> bool {
    state != State::Closed
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOT: i64 = 1;
    const OTHER_BOT: i64 = 2;
    const ASSIGNEE: i64 = 10;
    const BYSTANDER: i64 = 11;
    const TARGET: i64 = 12;

    fn actor(member_id: i64, role: Role, bots: &[i64]) -> Actor {
        Actor { member_id, role, admin_of_bots: bots.to_vec() }
    }

    /// Requests in the states after `new` are held by ASSIGNEE; a new request has no assignee.
    fn facts(state: State) -> RequestFacts {
        let assignee = (state != State::New).then_some(ASSIGNEE);
        RequestFacts { state, assignee, bot_id: BOT }
    }

    /// Who holds the request after a change.
    #[derive(Clone, Copy)]
    enum Holder {
        Keeps,
        Is(Option<i64>),
    }
    use Holder::{Is, Keeps};

    /// The expected answer per state, in the order new, assigned, chatting, resolved, closed:
    /// `o` changes, `u` unchanged, `s` invalid transition (409), `c` already assigned (409),
    /// `f` forbidden (403).
    fn check(who: &Actor, action: Action, expected: &str, to: Option<(State, Holder)>) {
        for (state, want) in State::ALL.iter().zip(expected.chars()) {
            let got = decide(who, facts(*state), action);
            let code = match got {
                Ok(Decision::Change(_)) => 'o',
                Ok(Decision::Unchanged) => 'u',
                Err(Refusal::InvalidTransition { .. }) => 's',
                Err(Refusal::AlreadyAssigned { .. }) => 'c',
                Err(Refusal::Forbidden { .. }) => 'f',
            };
            assert_eq!(code, want, "{:?} doing {:?} on a {state} request: {got:?}", who.role, action);
            if let (Ok(Decision::Change(change)), Some((to, holder))) = (got, to) {
                let assignee = match holder {
                    Holder::Keeps => facts(*state).assignee,
                    Holder::Is(member) => member,
                };
                assert_eq!((change.to, change.assignee), (to, assignee), "{action:?} from {state}");
            }
        }
    }

    #[test]
    fn admins_of_the_bot_may_assign_anyone_and_resolve_anything_open() {
        for admin in [actor(1, Role::OrgAdmin, &[]), actor(2, Role::BotAdmin, &[BOT])] {
            let me = admin.member_id;
            check(&admin, Action::Assign { to: me }, "oooss", Some((State::Assigned, Is(Some(me)))));
            check(&admin, Action::Assign { to: TARGET }, "oooss", Some((State::Assigned, Is(Some(TARGET)))));
            check(&admin, Action::Assign { to: ASSIGNEE }, "ouuss", Some((State::Assigned, Is(Some(ASSIGNEE)))));
            check(&admin, Action::Unassign, "uooss", Some((State::New, Is(None))));
            check(&admin, Action::StartChat, "sffss", None);
            check(&admin, Action::EndChat, "sffss", None);
            check(&admin, Action::Resolve, "ooous", Some((State::Resolved, Keeps)));
            check(&admin, Action::SendMessage, "ssfss", None);
        }
    }

    #[test]
    fn members_without_rights_on_the_bot_may_only_take_new_requests() {
        let agent = actor(BYSTANDER, Role::Agent, &[]);
        let other_bot_admin = actor(BYSTANDER, Role::BotAdmin, &[OTHER_BOT]);
        for who in [agent, other_bot_admin] {
            check(&who, Action::Assign { to: BYSTANDER }, "occss", Some((State::Assigned, Is(Some(BYSTANDER)))));
            check(&who, Action::Assign { to: TARGET }, "fffss", None);
            check(&who, Action::Assign { to: ASSIGNEE }, "fffss", None);
            check(&who, Action::Unassign, "uffss", None);
            check(&who, Action::StartChat, "sffss", None);
            check(&who, Action::EndChat, "sffss", None);
            check(&who, Action::Resolve, "ffffs", None);
            check(&who, Action::SendMessage, "ssfss", None);
        }
    }

    #[test]
    fn the_assignee_runs_the_chat_and_may_let_go() {
        // An admin of another bot holding the request has exactly an agent's rights on it.
        for role in [Role::Agent, Role::BotAdmin] {
            let assignee = actor(ASSIGNEE, role, &[OTHER_BOT]);
            check(&assignee, Action::Assign { to: ASSIGNEE }, "ouuss", Some((State::Assigned, Is(Some(ASSIGNEE)))));
            check(&assignee, Action::Assign { to: TARGET }, "fffss", None);
            check(&assignee, Action::Unassign, "uooss", Some((State::New, Is(None))));
            check(&assignee, Action::StartChat, "souss", Some((State::Chatting, Is(Some(ASSIGNEE)))));
            check(&assignee, Action::EndChat, "suoss", Some((State::Assigned, Is(Some(ASSIGNEE)))));
            check(&assignee, Action::Resolve, "foous", Some((State::Resolved, Is(Some(ASSIGNEE)))));
            check(&assignee, Action::SendMessage, "ssuss", None);
        }
    }

    #[test]
    fn an_org_admin_holding_the_request_keeps_admin_rights_and_runs_the_chat() {
        let admin = actor(ASSIGNEE, Role::OrgAdmin, &[]);
        check(&admin, Action::Assign { to: TARGET }, "oooss", Some((State::Assigned, Is(Some(TARGET)))));
        check(&admin, Action::StartChat, "souss", Some((State::Chatting, Is(Some(ASSIGNEE)))));
        check(&admin, Action::EndChat, "suoss", Some((State::Assigned, Is(Some(ASSIGNEE)))));
        check(&admin, Action::Resolve, "ooous", None);
        check(&admin, Action::SendMessage, "ssuss", None);
    }

    #[test]
    fn refusals_name_the_current_state_or_the_missing_right() {
        let agent = actor(BYSTANDER, Role::Agent, &[]);
        let err = decide(&agent, facts(State::Closed), Action::Resolve).unwrap_err();
        assert_eq!(err.to_string(), "cannot resolve a request that is closed");
        let err = decide(&agent, facts(State::New), Action::StartChat).unwrap_err();
        assert_eq!(err.to_string(), "cannot start a chat on a request that is new");
        let err = decide(&agent, facts(State::Assigned), Action::Assign { to: BYSTANDER }).unwrap_err();
        assert_eq!(err, Refusal::AlreadyAssigned { state: State::Assigned, assignee: ASSIGNEE });
        let err = decide(&agent, facts(State::New), Action::Assign { to: TARGET }).unwrap_err();
        assert!(err.to_string().starts_with("only org admins and admins of this bot"), "{err}");
    }

    #[test]
    fn a_visitor_message_is_answered_by_whoever_is_in_charge() {
        assert_eq!(visitor_writes(State::New), VisitorEffect::BotReplies);
        assert_eq!(visitor_writes(State::Assigned), VisitorEffect::BotReplies);
        assert_eq!(visitor_writes(State::Chatting), VisitorEffect::AgentReceives);
        assert_eq!(visitor_writes(State::Resolved), VisitorEffect::Reopen);
        assert_eq!(visitor_writes(State::Closed), VisitorEffect::StartNewRequest);
    }

    #[test]
    fn only_the_archive_refuses_notes() {
        for state in State::ALL {
            assert_eq!(can_add_note(*state), *state != State::Closed);
        }
    }
}
