//! What people and scripts see, pinned: each view rendered from fixed data with a stopped
//! clock, once as on a terminal and once piped. `cargo insta review` shows a change.

use jiff::{SignedDuration, Timestamp};

use crate::api::{
    AgentLoad, Assignee, Author, Backlog, BatchAction, BatchResult, BotRef, ChannelFigures, ErrorCode, ErrorDetail,
    Figures, Member, Message, Note, Outcome, Request, RequestDetail, Spread, Stats, TimelineEvent, Visitor,
};
use crate::cli::output::Ui;
use crate::domain::{Channel, NoteKind, Presence, Role, SenderKind, State};

const NOW: &str = "2026-11-25T12:00:00Z";

fn now() -> Timestamp {
    NOW.parse().unwrap()
}

fn ago(minutes: i64) -> Timestamp {
    now() - SignedDuration::from_mins(minutes)
}

/// Renders `view` on a terminal and into a pipe, both streams of each.
fn both(view: impl Fn(&Ui)) -> String {
    let mut text = String::new();
    for (name, terminal) in [("terminal", true), ("piped", false)] {
        let (ui, captured) = Ui::captured(terminal, now());
        view(&ui);
        text.push_str(&format!("--- {name} stdout\n{}--- {name} stderr\n{}", captured.stdout(), captured.stderr()));
    }
    text
}

fn member(id: i64, name: &str, role: Role, presence: Presence) -> Member {
    let email = format!("{}@acme.test", name.split(' ').next().unwrap().to_lowercase());
    let bot_ids = if role == Role::BotAdmin { vec![1] } else { vec![] };
    Member { id, email, name: name.into(), role, bot_ids, presence, removed_at: None, load: Some(2), capacity: Some(6) }
}

fn alice() -> Member {
    member(3, "Alice Moreau", Role::Agent, Presence::Online)
}

fn request(id: i64, title: &str, state: State, minutes_old: i64) -> Request {
    let created_at = ago(minutes_old);
    let held = !matches!(state, State::New);
    let assigned_at = held.then(|| created_at + SignedDuration::from_mins(4));
    let resolved_at =
        matches!(state, State::Resolved | State::Closed).then(|| created_at + SignedDuration::from_mins(20));
    Request {
        id,
        state,
        title: title.into(),
        bot: BotRef { id: 1, name: "Acme Help".into() },
        channel: if id % 2 == 0 { Channel::Web } else { Channel::Discord },
        visitor: Visitor { id: id + 100, user_id: format!("web-{id}"), name: Some(title.into()), email: None },
        assignee: held.then(|| Assignee::from(&alice())),
        created_at,
        assigned_at,
        resolved_at,
        closed_at: None,
        time_to_assign_seconds: assigned_at.map(|a| a.as_second() - created_at.as_second()),
        time_to_resolve_seconds: resolved_at.map(|r| r.as_second() - created_at.as_second()),
        updated_at: resolved_at.or(assigned_at).unwrap_or(created_at),
        version: 1 + i64::from(held) + i64::from(resolved_at.is_some()),
        labels: Vec::new(),
    }
}

fn queue() -> Vec<Request> {
    vec![
        request(42, "Maya Chen", State::New, 3),
        request(41, "Jonas Berg", State::New, 95),
        request(40, "Amara Okafor", State::Chatting, 180),
        request(39, "Lena Fischer", State::Resolved, 60 * 26),
    ]
}

#[test]
fn requests_list() {
    insta::assert_snapshot!(both(|ui| super::list::print(ui, &queue(), true).unwrap()));
}

#[test]
fn requests_list_when_nothing_matches() {
    insta::assert_snapshot!(both(|ui| super::list::print(ui, &[], false).unwrap()));
}

#[test]
fn requests_show() {
    let r = request(40, "Amara Okafor", State::Chatting, 180);
    let said = |id, sender, name: &str, body: &str, minutes| Message {
        id,
        request_id: 40,
        sender,
        sender_name: name.into(),
        body: body.into(),
        created_at: ago(minutes),
    };
    let event = |id, from, to, actor, assignee: Option<Assignee>, minutes| TimelineEvent {
        id,
        request_id: 40,
        at: ago(minutes),
        actor,
        from,
        to,
        assignee,
    };
    let alice_acts = || Author::Member { id: 3, name: "Alice Moreau".into(), email: "alice@acme.test".into() };
    let detail = RequestDetail {
        notes: vec![Note {
            id: 7,
            kind: NoteKind::Form,
            author: Author::Visitor { name: "Amara Okafor".into() },
            body: "order: A-1001\nmessage: Where is my parcel?".into(),
            fields: None,
            created_at: ago(180),
        }],
        messages: vec![
            said(1, SenderKind::Visitor, "Amara Okafor", "Where is my parcel?", 180),
            said(2, SenderKind::Bot, "Acme Help", "Thanks for your message. You are in the queue.", 180),
            said(3, SenderKind::System, "Alice Moreau", "Alice Moreau joined the chat. The bot is paused.", 170),
            said(4, SenderKind::Agent, "Alice Moreau", "I can see order A-1001:\nit left the depot today.", 169),
        ],
        earlier_conversations: vec![],
        timeline: vec![
            event(1, None, State::New, Author::Visitor { name: "Amara Okafor".into() }, None, 180),
            event(2, Some(State::New), State::Assigned, alice_acts(), Some(Assignee::from(&alice())), 176),
            event(3, Some(State::Assigned), State::Chatting, alice_acts(), Some(Assignee::from(&alice())), 170),
        ],
        request: r,
    };
    insta::assert_snapshot!(both(|ui| super::show::render(ui, &detail, &mut ui.stdout()).unwrap()));
}

#[test]
fn requests_backlog() {
    let backlog = Backlog {
        new: 2,
        assigned: 1,
        chatting: 1,
        unassigned: 2,
        oldest_new_created_at: Some(ago(95)),
        oldest_new_age_seconds: Some(95 * 60),
        agents: vec![
            AgentLoad { member: alice(), assigned: 1, chatting: 1 },
            AgentLoad { member: member(4, "Ravi Shah", Role::Agent, Presence::Away), assigned: 0, chatting: 0 },
        ],
        generated_at: now(),
    };
    insta::assert_snapshot!(both(|ui| super::backlog::print(ui, &backlog).unwrap()));
}

#[test]
fn stats() {
    let spread = |count, median, p90| Spread { count, median_seconds: median, p90_seconds: p90 };
    let figures = |created, resolved| Figures {
        created,
        resolved,
        closed: resolved / 2,
        time_to_assign: spread(created, Some(300), Some(540)),
        time_to_first_agent_message: spread(created - 1, Some(610), Some(1_085)),
        time_to_resolve: spread(resolved, Some(1_200), None),
    };
    let stats = Stats {
        since: ago(7 * 24 * 60),
        until: now(),
        overall: figures(40, 16),
        channels: vec![ChannelFigures { channel: Channel::Web, figures: figures(16, 5) }],
        members: vec![crate::api::MemberLoad {
            member: alice(),
            holding: 3,
            assigned: 12,
            resolved: 9,
            time_to_first_agent_message: spread(11, Some(610), Some(1_085)),
            time_to_resolve: spread(9, Some(1_200), None),
        }],
    };
    insta::assert_snapshot!(both(|ui| crate::cli::stats::print(ui, &stats, "7d").unwrap()));
}

#[test]
fn stats_series_and_members() {
    use crate::api::{BucketSize, MemberCount, MemberLoad, MemberStats, Series, SeriesBucket};
    let spread =
        |count, median: Option<i64>| Spread { count, median_seconds: median, p90_seconds: median.map(|m| m * 2) };
    let day = |i: i64, created: u64, resolved: u64, backlog: u64| {
        let start: Timestamp =
            "2026-11-16T00:00:00Z".parse::<Timestamp>().unwrap() + SignedDuration::from_hours(24 * i);
        SeriesBucket {
            start,
            end: (start + SignedDuration::from_hours(24)).min(now()),
            created,
            assigned: created.saturating_sub(1),
            resolved,
            closed: resolved / 2,
            time_to_assign: spread(created, (created > 0).then_some(240 + 30 * i)),
            time_to_first_agent_message: spread(0, None),
            time_to_resolve: spread(resolved, (resolved > 0).then_some(900 + 300 * (i % 3))),
            backlog,
            resolved_by: vec![MemberCount { member_id: 3, count: resolved }],
        }
    };
    // Two days before anything happened: left out, and said so.
    let counts = [
        (0, 0, 0),
        (0, 0, 0),
        (4, 3, 2),
        (7, 5, 4),
        (0, 1, 3),
        (12, 9, 6),
        (9, 10, 5),
        (3, 2, 6),
        (5, 6, 5),
        (8, 4, 9),
    ];
    let buckets = counts.iter().enumerate().map(|(i, &(c, r, b))| day(i as i64, c, r, b)).collect();
    let series =
        Series { since: "2026-11-16T00:00:00Z".parse().unwrap(), until: now(), bucket: BucketSize::Day, buckets };
    insta::assert_snapshot!(both(|ui| crate::cli::stats::print_series(ui, &series).unwrap()));
    let load = MemberLoad {
        member: alice(),
        holding: 2,
        assigned: 12,
        resolved: 9,
        time_to_first_agent_message: spread(9, Some(610)),
        time_to_resolve: spread(9, Some(1_200)),
    };
    let members = MemberStats { since: ago(7 * 24 * 60), until: now(), members: vec![load] };
    insta::assert_snapshot!(both(|ui| crate::cli::stats::print_members(ui, &members).unwrap()));
}

#[test]
fn members_list() {
    let members = vec![
        member(1, "Dana Ortiz", Role::OrgAdmin, Presence::Online),
        member(2, "Bo Lindqvist", Role::BotAdmin, Presence::Away),
        alice(),
    ];
    insta::assert_snapshot!(both(|ui| crate::cli::members::print(ui, &members).unwrap()));
}

#[test]
fn bulk_summaries() {
    let ok = |id| BatchResult {
        id,
        outcome: Outcome::Ok,
        request: Some(request(id, "Someone", State::Assigned, 9)),
        error: None,
    };
    let conflict = BatchResult {
        id: 9,
        outcome: Outcome::Conflict,
        request: None,
        error: Some(ErrorDetail { code: ErrorCode::VersionConflict, message: "request #9 changed meanwhile".into() }),
    };
    let unchanged = BatchResult {
        id: 8,
        outcome: Outcome::Unchanged,
        request: Some(request(8, "Someone Else", State::Assigned, 30)),
        error: None,
    };
    insta::assert_snapshot!(both(|ui| {
        super::act::summary(ui, BatchAction::Assign, &[ok(12)]);
        super::act::summary(ui, BatchAction::Assign, &[unchanged.clone()]);
        super::act::summary(ui, BatchAction::Resolve, &[ok(12), ok(13), unchanged.clone(), conflict.clone()]);
    }));
}

/// Regression: a visitor's escape sequences changed the agent's window title, cleared the
/// screen and hid a link, through show, chat and watch. Every view shows them as text.
#[test]
fn a_hostile_visitor_is_shown_not_obeyed() {
    let hostile =
        "Eve\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]8;;http://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\\u{9b}31m\rX";
    let mut r = request(41, hostile, State::New, 5);
    r.visitor.user_id = format!("web-\u{1b}[5m{}", r.id);
    let said = Message {
        id: 9,
        request_id: 41,
        sender: SenderKind::Visitor,
        sender_name: hostile.into(),
        body: format!("hello {hostile}\nsecond line"),
        created_at: ago(5),
    };
    let detail = RequestDetail {
        notes: vec![Note {
            id: 8,
            kind: NoteKind::Agent,
            author: Author::Visitor { name: hostile.into() },
            body: hostile.into(),
            fields: None,
            created_at: ago(4),
        }],
        messages: vec![said.clone()],
        earlier_conversations: vec![],
        timeline: vec![],
        request: r.clone(),
    };
    let shown = both(|ui| {
        super::show::render(ui, &detail, &mut ui.stdout()).unwrap();
        super::list::print(ui, std::slice::from_ref(&r), false).unwrap();
        ui.line(&super::chat::message_line(&said)).unwrap();
        ui.status(&format!("error: the server said {hostile}"));
    });
    assert!(!shown.contains(['\u{1b}', '\u{7}', '\u{9b}', '\r']), "{shown:?}");
    insta::assert_snapshot!(shown);
}
