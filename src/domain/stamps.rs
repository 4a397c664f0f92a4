//! What a state change does to a request's timestamps, and when the archive takes it.

use jiff::{SignedDuration, Timestamp};

use super::{State, StateChange};

/// The times a request records about its own life.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stamps {
    pub assigned_at: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
}

/// The stamps after `change` at `at`. Each stamp follows the state it records: a new
/// assignee restamps `assigned_at`, going back to new clears it, and reopening clears the
/// resolution and closing times.
pub fn restamp(current: Stamps, assignee: Option<i64>, change: StateChange, at: Timestamp) -> Stamps {
    let assigned_at = match change.to {
        State::New => None,
        _ if change.assignee != assignee => Some(at),
        _ => current.assigned_at,
    };
    let resolved_at = match change.to {
        State::Resolved => Some(at),
        State::Closed => current.resolved_at,
        _ => None,
    };
    let closed_at = (change.to == State::Closed).then_some(at);
    Stamps { assigned_at, resolved_at, closed_at }
}

/// The archive's move: a resolved request whose reopening window has passed is closed, still
/// held by whoever resolved it. Anything else stays where it is.
pub fn archive(
    state: State,
    assignee: Option<i64>,
    resolved_at: Option<Timestamp>,
    window: SignedDuration,
    now: Timestamp,
) -> Option<StateChange> {
    let due = resolved_at.is_some_and(|at| at.checked_add(window).is_ok_and(|end| end <= now));
    (state == State::Resolved && due).then_some(StateChange { to: State::Closed, assignee })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    #[test]
    fn each_stamp_follows_its_state() {
        let held = Stamps { assigned_at: Some(t(10)), resolved_at: None, closed_at: None };
        let same = restamp(held, Some(1), StateChange { to: State::Chatting, assignee: Some(1) }, t(20));
        assert_eq!(same.assigned_at, Some(t(10)), "chatting keeps the assignment time");
        let moved = restamp(held, Some(1), StateChange { to: State::Assigned, assignee: Some(2) }, t(20));
        assert_eq!(moved.assigned_at, Some(t(20)), "a new assignee restamps");
        let back = restamp(held, Some(1), StateChange { to: State::New, assignee: None }, t(20));
        assert_eq!(back, Stamps::default());
        let resolved = restamp(held, Some(1), StateChange { to: State::Resolved, assignee: Some(1) }, t(30));
        assert_eq!(resolved.resolved_at, Some(t(30)));
        let closed = restamp(resolved, Some(1), StateChange { to: State::Closed, assignee: Some(1) }, t(40));
        assert_eq!((closed.resolved_at, closed.closed_at, closed.assigned_at), (Some(t(30)), Some(t(40)), Some(t(10))));
        let reopened = restamp(resolved, Some(1), StateChange { to: State::New, assignee: None }, t(50));
        assert_eq!(reopened.resolved_at, None);
    }

    #[test]
    fn only_resolved_requests_past_their_window_are_archived() {
        let hour = SignedDuration::from_hours(1);
        let close = Some(StateChange { to: State::Closed, assignee: Some(7) });
        assert_eq!(archive(State::Resolved, Some(7), Some(t(0)), hour, t(3600)), close);
        assert_eq!(archive(State::Resolved, Some(7), Some(t(1)), hour, t(3600)), None);
        assert_eq!(archive(State::Assigned, Some(7), Some(t(0)), hour, t(7200)), None);
        assert_eq!(archive(State::Resolved, Some(7), None, hour, t(7200)), None);
        assert_eq!(
            archive(State::Resolved, None, Some(t(0)), SignedDuration::ZERO, t(0)),
            Some(StateChange { to: State::Closed, assignee: None })
        );
    }
}
