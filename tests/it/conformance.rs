//! The store contract, written once as generic tests over `Arc<dyn Store>` and run against
//! every backend (the shape of jj's `TestRepoBackend`): versions guard every change, races
//! have one winner, the archive closes each request once however many servers sweep, and a
//! feed read while others write loses nothing.

use std::collections::BTreeSet;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use livechat::api::{Author, FoundIn, LiveEvent, Request};
use livechat::domain::{
    Channel, NoteKind, Presence, Role, RoutingMode, RoutingOrder, SenderKind, State, TeamRefusal, known_email,
};
use livechat::store::{
    Acceptance, Audit, ChangeActor, ChangeRecord, Decide, Erasee, ExportFilter, FeedCursor, FeedScope, MemberId,
    NewBot, NewInvitation, NewMember, NewMessage, NewNote, NewRequest, NewToken, NewWebhook, Opened, OrgId, OriginCap,
    RequestFilter, RequestId, SearchTerms, Settlement, Store, StoreError, TeamChange, VisitorId, number,
};
use livechat::store::{BotId, ChangeCursor, FeedChange};
use tempfile::TempDir;

use crate::support::{Backend, TestDb};

/// A fresh store with one organization, one bot and two agents.
struct Fixture {
    store: Arc<dyn Store>,
    org: OrgId,
    bot: i64,
    agents: [i64; 2],
    _db: TestDb,
    _dir: TempDir,
}

async fn fixture(backend: Backend) -> Option<Fixture> {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(backend, dir.path())?;
    let location = db.location();
    let store = tokio::task::spawn_blocking(move || livechat::store::open(&location)).await.unwrap().unwrap();
    let admin = member("admin@c.test", Role::OrgAdmin);
    let me = store.create_organization("Contract", admin).await.unwrap();
    let org = OrgId(me.organization.id);
    let bot = store.add_bot(org, NewBot::named("Bot", &[Channel::Web]), Audit::SERVER).await.unwrap().id;
    let a = store.add_member(org, member("a@c.test", Role::Agent), Audit::SERVER).await.unwrap().id;
    let b = store.add_member(org, member("b@c.test", Role::Agent), Audit::SERVER).await.unwrap().id;
    Some(Fixture { store, org, bot, agents: [a, b], _db: db, _dir: dir })
}

fn member(email: &str, role: Role) -> NewMember {
    NewMember { email: known_email(email), name: email.into(), role, bot_ids: vec![], presence: Presence::Online }
}

impl Fixture {
    async fn open(&self, user: &str) -> Request {
        let request = NewRequest {
            bot_id: self.bot,
            channel: Channel::Web,
            user_id: user.into(),
            name: Some(format!("Visitor {user}")),
            email: None,
            form: None,
            transcript: vec![NewMessage {
                sender: SenderKind::Visitor,
                member_id: None,
                body: "hi".into(),
                at: Timestamp::now(),
            }],
            at: Timestamp::now(),
            conversation_hash: None,
            follows: None,
            origin: None,
        };
        match self.store.open_request(self.org, request).await.unwrap() {
            Opened::Created(request) => request,
            other => panic!("the request was not opened: {other:?}"),
        }
    }

    async fn change(&self, request: &Request, to: State, assignee: Option<i64>) -> Option<Request> {
        let record = record(request.state, to, assignee);
        self.store.apply_change(self.org, RequestId(request.id), request.version, record).await.unwrap()
    }
}

fn record(from: State, to: State, assignee: Option<i64>) -> ChangeRecord {
    ChangeRecord {
        from,
        to,
        assignee,
        actor: ChangeActor::Server,
        at: Timestamp::now(),
        resolution_note: None,
        transcript: vec![],
    }
}

/// A request with nothing but its visitor, as a platform opens one.
fn bare_request(bot_id: i64, user: &str, origin: Option<OriginCap>) -> NewRequest {
    NewRequest {
        bot_id,
        channel: Channel::Web,
        user_id: user.into(),
        name: None,
        email: None,
        form: None,
        transcript: vec![],
        at: Timestamp::now(),
        conversation_hash: None,
        follows: None,
        origin,
    }
}

/// Instantiates each contract test for every backend: `sqlite::name` and `postgres::name`.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(f) = super::fixture(crate::support::Backend::Sqlite).await {
                    super::$name(f).await;
                }
            })*
        }
        #[cfg(livechat_postgres)]
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(f) = super::fixture(crate::support::Backend::Postgres).await {
                    super::$name(f).await;
                }
            })*
        }
    };
}

contract!(
    every_change_is_conditional_on_the_version_it_was_decided_on,
    racing_writers_have_exactly_one_winner,
    notes_and_messages_respect_the_state_they_land_on,
    the_archive_closes_each_request_once_however_many_sweep,
    duplicates_are_reported_as_duplicates,
    a_feed_read_while_others_write_misses_nothing,
    a_feed_names_the_people_it_shows_and_only_to_its_organization,
    queue_counts_follow_every_change,
    exports_group_each_requests_history,
    new_requests_and_batches_at_once_never_deadlock,
    a_batch_decides_an_id_named_twice_on_what_its_first_change_left,
    two_messages_after_the_archive_start_one_new_request,
    open_requests_are_capped_per_visitor_and_per_address,
    an_invitation_code_is_spent_by_exactly_one_of_racing_accepts,
    racing_servers_never_claim_the_same_delivery,
    series_count_the_timeline_in_utc_buckets,
    a_sign_in_code_signs_in_once_and_only_in_time,
    two_admins_demoting_each_other_leave_one,
    an_assignment_racing_a_removal_never_leaves_work_with_a_removed_member,
    invitations_to_one_email_in_mixed_case_at_once_make_exactly_one,
    two_organizations_writing_at_once_each_count_from_one_without_gaps,
    search_finds_every_kind_of_text_and_never_another_organizations,
    routing_gives_each_waiting_request_once_and_nobody_more_than_their_capacity,
    routing_is_fair_across_bots_and_never_hands_a_request_back_to_whoever_gave_it_up,
    audit_records_come_with_their_change_hold_no_secret_and_never_change,
    retention_deletes_due_requests_with_their_history_once_however_many_sweep,
    the_change_feed_gives_every_change_once_in_commit_order_while_writers_race,
    erasing_a_person_leaves_nothing_of_them_and_every_count_as_it_was,
    every_write_moves_the_generation,
);

async fn every_change_is_conditional_on_the_version_it_was_decided_on(f: Fixture) {
    let request = f.open("v1").await;
    let stale = Request { version: request.version + 7, ..request.clone() };
    assert!(f.change(&stale, State::Assigned, Some(f.agents[0])).await.is_none(), "a wrong version must not write");
    let assigned = f.change(&request, State::Assigned, Some(f.agents[0])).await.expect("the right version writes");
    assert_eq!(assigned.version, request.version + 1);
    assert_eq!(assigned.assignee.as_ref().map(|m| m.id), Some(f.agents[0]));
    assert!(assigned.assigned_at.is_some());
    assert!(f.change(&request, State::Resolved, None).await.is_none(), "the old version is spent");
    let resolved = f.change(&assigned, State::Resolved, Some(f.agents[0])).await.unwrap();
    assert!(resolved.resolved_at.is_some() && resolved.time_to_resolve_seconds.is_some());
    let reopened = f.change(&resolved, State::New, None).await.unwrap();
    assert_eq!((reopened.assigned_at, reopened.resolved_at, reopened.assignee), (None, None, None));
    let detail = f.store.request_detail(f.org, RequestId(request.id)).await.unwrap().unwrap();
    let states: Vec<State> = detail.timeline.iter().map(|e| e.to).collect();
    assert_eq!(states, [State::New, State::Assigned, State::Resolved, State::New]);
    assert!(
        f.store.request(OrgId(f.org.0 + 1000), RequestId(request.id)).await.unwrap().is_none(),
        "another organization's is missing"
    );
}

async fn racing_writers_have_exactly_one_winner(f: Fixture) {
    for round in 0..5 {
        let request = f.open(&format!("race{round}")).await;
        let tasks: Vec<_> = (0..8)
            .map(|n| {
                let store = f.store.clone();
                let (org, id, agent) = (f.org, request.id, f.agents[n % 2]);
                tokio::spawn(async move {
                    // Decided on the row as the store shows it under its lock.
                    let decide: Decide = Box::new(move |current: &Request, _: &livechat::domain::Roster| {
                        (current.state == State::New).then(|| record(State::New, State::Assigned, Some(agent)))
                    });
                    store.decide_each(org, vec![(RequestId(id), decide)], vec![]).await.unwrap()
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        let detail = f.store.request_detail(f.org, RequestId(request.id)).await.unwrap().unwrap();
        let assigned = detail.timeline.iter().filter(|e| e.to == State::Assigned).count();
        assert_eq!(assigned, 1, "round {round}: exactly one writer may win");
        assert_eq!(detail.request.version, request.version + 1);
    }
}

async fn notes_and_messages_respect_the_state_they_land_on(f: Fixture) {
    let note = |body: &str| NewNote {
        kind: NoteKind::Agent,
        author_member_id: Some(f.agents[0]),
        body: body.into(),
        fields: None,
        at: Timestamp::now(),
    };
    let request = f.open("notes").await;
    let added = f
        .store
        .add_note(f.org, RequestId(request.id), note("first"))
        .await
        .unwrap()
        .expect("an open request takes notes");
    assert_eq!(added.body, "first");
    let say = |body: &str| {
        vec![NewMessage { sender: SenderKind::Bot, member_id: None, body: body.into(), at: Timestamp::now() }]
    };
    assert!(f.store.add_messages(RequestId(request.id), request.version + 1, say("stale")).await.unwrap().is_none());
    let ids = f.store.add_messages(RequestId(request.id), request.version, say("fresh")).await.unwrap().unwrap();
    let detail = f.store.request_detail(f.org, RequestId(request.id)).await.unwrap().unwrap();
    let fresh = detail.messages.iter().find(|m| m.id == ids[0]).expect("the id returned is the stored message's");
    assert_eq!((fresh.body.as_str(), fresh.sender_name.as_str()), ("fresh", "Bot"));
    assert!(detail.messages.iter().all(|m| m.body != "stale"), "a stale version writes nothing");
    assert_eq!(detail.request.updated_at, fresh.created_at, "a message stamps its request");
    assert_eq!(detail.request.version, request.version, "a message does not change the version");
    let assigned = f.change(&request, State::Assigned, Some(f.agents[0])).await.unwrap();
    let resolved = f.change(&assigned, State::Resolved, Some(f.agents[0])).await.unwrap();
    f.change(&resolved, State::Closed, Some(f.agents[0])).await.unwrap();
    assert!(
        f.store.add_note(f.org, RequestId(request.id), note("late")).await.unwrap().is_none(),
        "the archive is read-only"
    );
    assert!(f.store.add_note(f.org, RequestId(request.id + 999), note("nowhere")).await.unwrap().is_none());
}

async fn the_archive_closes_each_request_once_however_many_sweep(f: Fixture) {
    let mut ids = Vec::new();
    for n in 0..12 {
        let request = f.open(&format!("sweep{n}")).await;
        let assigned = f.change(&request, State::Assigned, Some(f.agents[0])).await.unwrap();
        ids.push(f.change(&assigned, State::Resolved, Some(f.agents[0])).await.unwrap().id);
    }
    let sweeps: Vec<_> = (0..4)
        .map(|_| {
            let store = f.store.clone();
            tokio::spawn(async move { store.archive_due(SignedDuration::ZERO, Timestamp::now()).await.unwrap() })
        })
        .collect();
    let mut closed = 0;
    for sweep in sweeps {
        closed += sweep.await.unwrap();
    }
    assert_eq!(closed, 12, "the sweeps together close each request once");
    for id in ids {
        let detail = f.store.request_detail(f.org, RequestId(id)).await.unwrap().unwrap();
        assert_eq!(detail.request.state, State::Closed);
        let closings = detail.timeline.iter().filter(|e| e.to == State::Closed).count();
        assert_eq!(closings, 1, "request {id} has one resolved → closed event");
        assert_eq!(detail.request.assignee.map(|m| m.id), Some(f.agents[0]), "closing keeps the resolver");
    }
}

async fn duplicates_are_reported_as_duplicates(f: Fixture) {
    let again = f.store.add_member(f.org, member("A@c.test".to_lowercase().as_str(), Role::Agent), Audit::SERVER).await;
    match again {
        Err(StoreError::Duplicate(message)) => assert!(message.contains("a@c.test"), "{message}"),
        other => panic!("expected a duplicate, got {other:?}"),
    }
}

async fn a_feed_read_while_others_write_misses_nothing(f: Fixture) {
    // One visitor with four requests, written to at once: the visitor's feed spans them all.
    // A visitor holds one open request at a time, so each is resolved before the next.
    let mut requests = Vec::new();
    for _ in 0..4 {
        let opened = f.open("returning").await;
        let assigned = f.change(&opened, State::Assigned, Some(f.agents[0])).await.unwrap();
        requests.push(f.change(&assigned, State::Resolved, Some(f.agents[0])).await.unwrap());
    }
    let visitor = requests[0].visitor.id;
    let writers: Vec<_> = requests
        .iter()
        .map(|request| {
            let store = f.store.clone();
            let (id, version) = (request.id, request.version);
            tokio::spawn(async move {
                for n in 0..25 {
                    let line = NewMessage {
                        sender: SenderKind::Bot,
                        member_id: None,
                        body: format!("{n}"),
                        at: Timestamp::now(),
                    };
                    store.add_messages(RequestId(id), version, vec![line]).await.unwrap().unwrap();
                }
            })
        })
        .collect();
    // Read as a live stream does, after the last position seen, while the writers commit.
    let mut seen = Vec::new();
    let mut cursor = FeedCursor::default();
    loop {
        let finished = writers.iter().all(|w| w.is_finished());
        let page = f.store.feed(f.org, FeedScope::Visitor(VisitorId(visitor)), cursor, 7).await.unwrap();
        for item in &page {
            cursor.advance(item);
            if let LiveEvent::Message(m) = item {
                seen.push(m.id);
            }
        }
        if finished && page.is_empty() {
            break;
        }
    }
    let unique: BTreeSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "no message is delivered twice");
    assert_eq!(seen.len(), 4 + 4 * 25, "a reader following the cursor saw every message");
}

async fn a_feed_names_the_people_it_shows_and_only_to_its_organization(f: Fixture) {
    let request = f.open("named").await;
    let [a, b] = f.agents;
    let record = ChangeRecord { actor: ChangeActor::Member(b), ..record(State::New, State::Assigned, Some(a)) };
    let assigned = f.store.apply_change(f.org, RequestId(request.id), request.version, record).await.unwrap().unwrap();
    let line = NewMessage { sender: SenderKind::Agent, member_id: Some(a), body: "hello".into(), at: Timestamp::now() };
    f.store.add_messages(RequestId(request.id), assigned.version, vec![line]).await.unwrap().unwrap();
    let visitor = VisitorId(request.visitor.id);
    for scope in [FeedScope::Request(RequestId(request.id)), FeedScope::Visitor(visitor)] {
        let items = f.store.feed(f.org, scope, FeedCursor::default(), 50).await.unwrap();
        let said: Vec<(&str, &str)> = items
            .iter()
            .filter_map(|i| match i {
                LiveEvent::Message(m) => Some((m.body.as_str(), m.sender_name.as_str())),
                LiveEvent::State(_) => None,
            })
            .collect();
        assert_eq!(said, [("hi", "Visitor named"), ("hello", "a@c.test")], "{scope:?}");
        let event = items
            .iter()
            .find_map(|i| match i {
                LiveEvent::State(e) if e.to == State::Assigned => Some(e),
                _ => None,
            })
            .expect("the assignment is in the feed");
        assert_eq!(event.assignee.as_ref().map(|m| m.email.as_str()), Some("a@c.test"));
        assert!(matches!(&event.actor, Author::Member { email, .. } if email == "b@c.test"), "{:?}", event.actor);
        let elsewhere = f.store.feed(OrgId(f.org.0 + 1000), scope, FeedCursor::default(), 50).await.unwrap();
        assert!(elsewhere.is_empty(), "another organization reads nothing of {scope:?}");
    }
}

async fn queue_counts_follow_every_change(f: Fixture) {
    let mut requests = Vec::new();
    for n in 0..6 {
        requests.push(f.open(&format!("count{n}")).await);
    }
    let a = f.change(&requests[0], State::Assigned, Some(f.agents[0])).await.unwrap();
    let b = f.change(&requests[1], State::Assigned, Some(f.agents[1])).await.unwrap();
    f.change(&b, State::Chatting, Some(f.agents[1])).await.unwrap();
    let c = f.change(&requests[2], State::Assigned, Some(f.agents[0])).await.unwrap();
    f.change(&c, State::Resolved, Some(f.agents[0])).await.unwrap();
    f.change(&a, State::Assigned, Some(f.agents[1])).await.unwrap();
    let backlog = f.store.backlog(f.org, &RequestFilter::default(), Timestamp::now()).await.unwrap();
    let open = f
        .store
        .list_requests(f.org, &RequestFilter { states: State::OPEN.to_vec(), ..Default::default() }, None, 100)
        .await
        .unwrap();
    let count = |s: State| open.iter().filter(|r| r.state == s).count() as u64;
    assert_eq!(
        (backlog.new, backlog.assigned, backlog.chatting),
        (count(State::New), count(State::Assigned), count(State::Chatting))
    );
    assert_eq!((backlog.new, backlog.assigned, backlog.chatting, backlog.unassigned), (3, 1, 1, 3));
    let load = |id: i64| backlog.agents.iter().find(|l| l.member.id == id).map(|l| (l.assigned, l.chatting)).unwrap();
    assert_eq!(load(f.agents[0]), (0, 0));
    assert_eq!(load(f.agents[1]), (1, 1));
    let counts: u64 = f.store.open_counts().await.unwrap().iter().map(|(_, n)| n).sum();
    assert_eq!(counts, 5);
}

async fn exports_group_each_requests_history(f: Fixture) {
    let mut ids = Vec::new();
    for n in 0..5 {
        let request = f.open(&format!("export{n}")).await;
        let assigned = f.change(&request, State::Assigned, Some(f.agents[0])).await.unwrap();
        f.change(&assigned, State::Resolved, Some(f.agents[0])).await.unwrap();
        ids.push(request.id);
    }
    f.store.archive_due(SignedDuration::ZERO, Timestamp::now()).await.unwrap();
    let filter = ExportFilter { states: vec![State::Closed], ..Default::default() };
    let first = f.store.export_page(f.org, &filter, RequestId(0), 3).await.unwrap();
    let rest = f.store.export_page(f.org, &filter, RequestId(first.last().unwrap().request.id), 10).await.unwrap();
    let exported: Vec<i64> = first.iter().chain(&rest).map(|e| e.request.id).collect();
    assert_eq!(exported, ids, "pages follow the id order without gaps or repeats");
    for e in first.iter().chain(&rest) {
        assert_eq!(e.timeline.len(), 4, "#{}: created, assigned, resolved, closed", e.request.id);
        assert!(e.timeline.iter().all(|t| t.request_id == e.request.id));
        assert_eq!(e.messages.len(), 1);
        assert!(e.messages.iter().all(|m| m.request_id == e.request.id));
    }
    // An archived record holds what happened, never how its people are now.
    let bytes = |records: &[livechat::api::ExportedRequest]| serde_json::to_vec(records).unwrap();
    let before = bytes(&f.store.export_page(f.org, &filter, RequestId(0), 10).await.unwrap());
    let agent = MemberId(f.agents[0]);
    f.store.set_presence(f.org, agent, Presence::Away).await.unwrap().unwrap();
    f.store.set_capacity(f.org, agent, Some(2), Audit::SERVER).await.unwrap().unwrap();
    let admin = f.store.members(f.org).await.unwrap().iter().find(|m| m.role == Role::OrgAdmin).unwrap().id;
    let promoted = f.store.set_role(f.org, MemberId(admin), agent, Role::OrgAdmin, &[], Audit::SERVER).await.unwrap();
    assert!(matches!(promoted, TeamChange::Done(_)), "{promoted:?}");
    let after = bytes(&f.store.export_page(f.org, &filter, RequestId(0), 10).await.unwrap());
    assert!(
        before == after,
        "the same archive exported twice differs:\n{}\n{}",
        String::from_utf8_lossy(&before),
        String::from_utf8_lossy(&after)
    );
}

/// A visitor opening a request (transcript first, then the queue count) while a batch
/// assigns others of the same bot and channel (queue count first, then the timeline): the
/// store takes its locks in one order, so neither waits for the other in a circle.
async fn new_requests_and_batches_at_once_never_deadlock(f: Fixture) {
    let mut waiting = Vec::new();
    for n in 0..60 {
        waiting.push(f.open(&format!("queue{n}")).await.id);
    }
    let f = Arc::new(f);
    let opener = {
        let f = f.clone();
        tokio::spawn(async move {
            for n in 0..60 {
                f.open(&format!("late{n}")).await;
            }
        })
    };
    let agent = f.agents[0];
    for chunk in waiting.chunks(5) {
        let items: Vec<(RequestId, Decide)> = chunk
            .iter()
            .map(|id| {
                let decide: Decide = Box::new(move |current: &Request, _: &livechat::domain::Roster| {
                    (current.state == State::New).then(|| record(State::New, State::Assigned, Some(agent)))
                });
                (RequestId(*id), decide)
            })
            .collect();
        let done =
            tokio::time::timeout(std::time::Duration::from_secs(10), f.store.decide_each(f.org, items, vec![])).await;
        done.expect("a batch never waits long").expect("a batch never fails");
    }
    opener.await.unwrap();
    let backlog = f.store.backlog(f.org, &RequestFilter::default(), Timestamp::now()).await.unwrap();
    assert_eq!((backlog.new, backlog.assigned), (60, 60));
}

/// A batch longer than one update statement, naming some ids twice: the second decision sees
/// the first change, and every row, count and timeline entry ends as if applied one by one.
async fn a_batch_decides_an_id_named_twice_on_what_its_first_change_left(f: Fixture) {
    let mut ids = Vec::new();
    for n in 0..620 {
        ids.push(f.open(&format!("twice{n}")).await.id);
    }
    let (first, second) = (f.agents[0], f.agents[1]);
    // New goes to the first agent; a request already with the first agent goes to the second.
    let decide = |id: i64| -> (RequestId, Decide) {
        let decide: Decide = Box::new(move |current: &Request, _: &livechat::domain::Roster| {
            match current.assignee.as_ref().map(|m| m.id) {
                None => Some(record(current.state, State::Assigned, Some(first))),
                Some(agent) if agent == first => Some(record(current.state, State::Assigned, Some(second))),
                Some(_) => None,
            }
        });
        (RequestId(id), decide)
    };
    let twice = [ids[3], ids[600]];
    let mut items: Vec<(RequestId, Decide)> = ids.iter().map(|id| decide(*id)).collect();
    items.insert(10, decide(twice[0]));
    items.push(decide(twice[1]));
    items.push(decide(twice[0]));
    let after = f.store.decide_each(f.org, items, vec![]).await.unwrap();
    assert_eq!(after.len(), ids.len() + 3);
    let assignee = |r: &Option<Request>| r.as_ref().and_then(|r| r.assignee.as_ref()).map(|m| m.id);
    assert_eq!(assignee(&after[0]), Some(first));
    // Each item reports the request as the whole batch left it.
    assert_eq!(assignee(&after[3]), Some(second));
    for id in twice {
        let detail = f.store.request_detail(f.org, RequestId(id)).await.unwrap().unwrap();
        assert_eq!(detail.request.assignee.map(|m| m.id), Some(second), "request {id}");
        assert_eq!(detail.request.version, 3, "request {id} changed twice, and only twice");
        let to: Vec<Option<i64>> = detail.timeline.iter().map(|e| e.assignee.as_ref().map(|m| m.id)).collect();
        assert_eq!(to, [None, Some(first), Some(second)], "request {id}");
    }
    let once = f.store.request(f.org, RequestId(ids[300])).await.unwrap().unwrap();
    assert_eq!((once.version, once.assignee.map(|m| m.id)), (2, Some(first)));
    let backlog = f.store.backlog(f.org, &RequestFilter::default(), Timestamp::now()).await.unwrap();
    assert_eq!((backlog.new, backlog.assigned), (0, 620));
    let load = |id: i64| backlog.agents.iter().find(|l| l.member.id == id).map(|l| l.assigned).unwrap();
    assert_eq!((load(first), load(second)), (618, 2));
}

/// Two visitor messages racing on an archived conversation: each would start a new request,
/// but only the first may; the second finds it and writes nothing.
async fn two_messages_after_the_archive_start_one_new_request(f: Fixture) {
    let first = f.open("returning-visitor").await;
    let assigned = f.change(&first, State::Assigned, Some(f.agents[0])).await.unwrap();
    let resolved = f.change(&assigned, State::Resolved, Some(f.agents[0])).await.unwrap();
    f.change(&resolved, State::Closed, Some(f.agents[0])).await.unwrap();
    let f = Arc::new(f);
    let racers: Vec<_> = (0..6)
        .map(|_| {
            let f = f.clone();
            tokio::spawn(async move {
                let request = NewRequest { follows: Some(first.id), ..bare_request(f.bot, "returning-visitor", None) };
                f.store.open_request(f.org, request).await.unwrap()
            })
        })
        .collect();
    let mut opened = 0;
    for racer in racers {
        opened += usize::from(matches!(racer.await.unwrap(), Opened::Created(_)));
    }
    assert_eq!(opened, 1, "exactly one new request follows the archived one");
    let all = f.store.list_requests(f.org, &RequestFilter::default(), None, 50).await.unwrap();
    assert_eq!(all.iter().filter(|r| r.visitor.id == first.visitor.id).count(), 2);
}

async fn open_requests_are_capped_per_visitor_and_per_address(f: Fixture) {
    let bot = f.bot;
    let form = move |user: String, origin: Option<OriginCap>| bare_request(bot, &user, origin);
    let first = f.open("one-visitor").await;
    match f.store.open_request(f.org, form("one-visitor".into(), None)).await.unwrap() {
        Opened::VisitorHasOpen(id) => assert_eq!(id, first.id),
        other => panic!("a visitor with an open request got {other:?}"),
    }
    let assigned = f.change(&first, State::Assigned, Some(f.agents[0])).await.unwrap();
    f.change(&assigned, State::Resolved, Some(f.agents[0])).await.unwrap();
    assert!(matches!(f.store.open_request(f.org, form("one-visitor".into(), None)).await.unwrap(), Opened::Created(_)));

    // Eight forms from one address race for a cap of three.
    let cap = OriginCap { digest: [7; 16], most_open: 3 };
    let f = Arc::new(f);
    let racers: Vec<_> = (0..8)
        .map(|n| {
            let (f, request) = (f.clone(), form(format!("crowd-{n}"), Some(cap)));
            tokio::spawn(async move { f.store.open_request(f.org, request).await.unwrap() })
        })
        .collect();
    let mut created = Vec::new();
    for racer in racers {
        match racer.await.unwrap() {
            Opened::Created(request) => created.push(request),
            Opened::OriginFull => {}
            other => panic!("a form from a busy address got {other:?}"),
        }
    }
    assert_eq!(created.len(), 3, "the address holds exactly its cap of open requests");
    // Another address is not held back, and a resolved request frees a place.
    let elsewhere = OriginCap { digest: [8; 16], most_open: 3 };
    assert!(matches!(
        f.store.open_request(f.org, form("other".into(), Some(elsewhere))).await.unwrap(),
        Opened::Created(_)
    ));
    let assigned = f.change(&created[0], State::Assigned, Some(f.agents[1])).await.unwrap();
    f.change(&assigned, State::Resolved, Some(f.agents[1])).await.unwrap();
    assert!(matches!(f.store.open_request(f.org, form("late".into(), Some(cap))).await.unwrap(), Opened::Created(_)));
    assert!(matches!(f.store.open_request(f.org, form("later".into(), Some(cap))).await.unwrap(), Opened::OriginFull));
}

async fn an_invitation_code_is_spent_by_exactly_one_of_racing_accepts(f: Fixture) {
    let invitation = NewInvitation {
        email: known_email("new@c.test"),
        name: None,
        role: Role::Agent,
        bot_ids: vec![],
        hash: [3; 32],
        created_by: livechat::store::MemberId(f.agents[0]),
        expires_at: Timestamp::now() + SignedDuration::from_hours(1),
    };
    f.store.create_invitation(f.org, invitation.clone(), Audit::SERVER).await.unwrap();
    let again = f.store.create_invitation(f.org, NewInvitation { hash: [4; 32], ..invitation }, Audit::SERVER).await;
    assert!(
        matches!(again, Ok(TeamChange::Refused(TeamRefusal::AlreadyInvited(_)))),
        "one pending invitation per email"
    );
    let f = Arc::new(f);
    let racers: Vec<_> = (0..6u8)
        .map(|n| {
            let f = f.clone();
            tokio::spawn(async move {
                let token = NewToken::named([100 + n; 32], "login");
                f.store.accept_invitation([3; 32], token, Timestamp::now(), Audit::SERVER).await.unwrap()
            })
        })
        .collect();
    let mut joined = 0;
    for racer in racers {
        match racer.await.unwrap() {
            Acceptance::Joined(who) => {
                assert_eq!(who.me.member.email, "new@c.test");
                joined += 1;
            }
            Acceptance::Spent(_) => {}
            other => panic!("a racing accept got {other:?}"),
        }
    }
    assert_eq!(joined, 1, "a code makes one member and one token");
    let members = f.store.members(f.org).await.unwrap();
    assert_eq!(members.iter().filter(|m| m.email == "new@c.test").count(), 1);
}

async fn racing_servers_never_claim_the_same_delivery(f: Fixture) {
    let hook = NewWebhook {
        url: "http://127.0.0.1:9/".into(),
        events: vec![livechat::api::WebhookEvent::RequestCreated],
        bot_id: None,
        secret: "whsec_AAAA".into(),
    };
    let hook = f.store.add_webhook(f.org, hook, Audit::SERVER).await.unwrap();
    // A second hook, so two deliveries are due at once (each hook's oldest goes first).
    f.store
        .add_webhook(f.org, NewWebhook { url: "http://127.0.0.1:10/".into(), ..hook_like(&hook) }, Audit::SERVER)
        .await
        .unwrap();
    f.open("told").await;
    let f = Arc::new(f);
    let claims: Vec<_> = (0..4)
        .map(|_| {
            let f = f.clone();
            tokio::spawn(async move { f.store.claim_deliveries(Timestamp::now(), 60_000, 10).await.unwrap() })
        })
        .collect();
    let mut claimed = Vec::new();
    for claim in claims {
        claimed.extend(claim.await.unwrap().into_iter().map(|o| o.id));
    }
    claimed.sort();
    assert_eq!(claimed.len(), 2, "each of the two deliveries claimed by exactly one: {claimed:?}");
    claimed.dedup();
    assert_eq!(claimed.len(), 2);
    // A settled retry is claimable again once due, and not before.
    let retry_at = Timestamp::now() + SignedDuration::from_secs(30);
    let failure = Settlement::Retry { status: Some(500), error: "down".into(), next_at: retry_at };
    f.store.settle_delivery(claimed[0], failure, Timestamp::now()).await.unwrap();
    assert!(f.store.claim_deliveries(Timestamp::now(), 60_000, 10).await.unwrap().is_empty());
    let due = f.store.claim_deliveries(retry_at, 60_000, 10).await.unwrap();
    assert_eq!(due.iter().map(|o| (o.id, o.attempts)).collect::<Vec<_>>(), [(claimed[0], 1)]);
    // Giving up disables the hook, with the reason; a redelivery turns it back on.
    let gave_up = Settlement::GiveUp { status: None, error: "connection refused".into() };
    f.store.settle_delivery(claimed[0], gave_up, retry_at).await.unwrap();
    let disabled = f.store.webhooks(f.org).await.unwrap().into_iter().filter(|h| h.disabled_reason.is_some()).count();
    assert_eq!(disabled, 1);
    let again = f.store.redeliver(f.org, claimed[0], retry_at, Audit::SERVER).await.unwrap().unwrap();
    assert_eq!((again.state, again.attempts), (livechat::api::DeliveryState::Pending, 0));
    assert!(f.store.webhooks(f.org).await.unwrap().iter().all(|h| h.disabled_reason.is_none()));
}

fn hook_like(hook: &livechat::api::Webhook) -> NewWebhook {
    NewWebhook { url: hook.url.clone(), events: hook.events.clone(), bot_id: hook.bot_id, secret: "whsec_AAAA".into() }
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

impl Fixture {
    /// A request opened at a given time, as a platform opens one.
    async fn open_at(&self, user: &str, when: &str) -> Request {
        let request = NewRequest { at: at(when), ..bare_request(self.bot, user, None) };
        match self.store.open_request(self.org, request).await.unwrap() {
            Opened::Created(request) => request,
            other => panic!("the request was not opened: {other:?}"),
        }
    }

    async fn change_at(
        &self,
        request: &Request,
        to: State,
        assignee: Option<i64>,
        actor: ChangeActor,
        when: &str,
    ) -> Request {
        let record = ChangeRecord { actor, at: at(when), ..record(request.state, to, assignee) };
        self.store.apply_change(self.org, RequestId(request.id), request.version, record).await.unwrap().unwrap()
    }
}

/// A known history, read back as day and hour buckets: bucket edges to the millisecond, a
/// window given in another time zone, reassignment and reopening, and a backlog that walks
/// back from today's queue across changes made after the window.
async fn series_count_the_timeline_in_utc_buckets(f: Fixture) {
    use livechat::api::BucketSize;
    use livechat::server::series::{buckets, member_loads};
    use livechat::store::SeriesScope;
    let [a, b] = f.agents;
    let member = ChangeActor::Member;
    let r4 = f.open_at("r4", "2026-03-01T12:00:00Z").await;
    let r4 = f.change_at(&r4, State::Assigned, Some(a), member(a), "2026-03-01T12:30:00Z").await;
    let r1 = f.open_at("r1", "2026-03-02T10:00:00Z").await;
    let r1 = f.change_at(&r1, State::Assigned, Some(a), member(a), "2026-03-02T10:05:00Z").await;
    let say =
        |when: &str| NewMessage { sender: SenderKind::Agent, member_id: Some(a), body: "hi".into(), at: at(when) };
    let lines = vec![say("2026-03-02T10:07:00Z"), say("2026-03-02T10:08:00Z")];
    f.store.add_messages(RequestId(r1.id), r1.version, lines).await.unwrap().unwrap();
    let r1 = f.change_at(&r1, State::Resolved, Some(a), member(a), "2026-03-02T11:00:00Z").await;
    f.change_at(&r1, State::Closed, Some(a), ChangeActor::Server, "2026-03-03T12:00:00Z").await;
    // The last millisecond of a day, assigned at the first of the next.
    let r2 = f.open_at("r2", "2026-03-02T23:59:59.999Z").await;
    let r2 = f.change_at(&r2, State::Assigned, Some(a), member(a), "2026-03-03T00:00:00Z").await;
    let r2 = f.change_at(&r2, State::Assigned, Some(b), member(a), "2026-03-03T00:10:00Z").await;
    let r2 = f.change_at(&r2, State::Resolved, Some(b), member(b), "2026-03-03T01:00:00Z").await;
    let r2 = f.change_at(&r2, State::New, None, ChangeActor::Visitor, "2026-03-03T02:00:00Z").await;
    f.change_at(&r2, State::Resolved, None, member(a), "2026-03-03T03:00:00Z").await;
    f.open_at("r3", "2026-03-03T05:00:00Z").await;
    // After the window: today's queue no longer holds r4.
    f.change_at(&r4, State::Resolved, Some(a), member(a), "2026-03-05T09:00:00Z").await;

    let since = BucketSize::Day.floor(at("2026-03-02T05:30:00+05:30"));
    let until = at("2026-03-04T00:00:00Z");
    assert_eq!(since, at("2026-03-02T00:00:00Z"), "buckets are UTC, whatever zone the window is given in");
    let timeline = f.store.window_timeline(f.org, SeriesScope::default(), since, until).await.unwrap();
    let days = buckets(&timeline, since, until, BucketSize::Day);
    let figures = |i: usize| {
        let d = &days[i];
        let spread = |s: &livechat::api::Spread| (s.count, s.median_seconds, s.p90_seconds);
        (
            (d.start.to_string(), d.end.to_string()),
            [d.created, d.assigned, d.resolved, d.closed, d.backlog],
            [spread(&d.time_to_assign), spread(&d.time_to_first_agent_message), spread(&d.time_to_resolve)],
            d.resolved_by.iter().map(|c| (c.member_id, c.count)).collect::<Vec<_>>(),
        )
    };
    assert_eq!(days.len(), 2);
    assert_eq!(
        figures(0),
        (
            ("2026-03-02T00:00:00Z".into(), "2026-03-03T00:00:00Z".into()),
            [2, 1, 1, 0, 2],
            [(1, Some(300), Some(300)), (1, Some(420), Some(420)), (1, Some(3600), Some(3600))],
            vec![(a, 1)],
        )
    );
    assert_eq!(
        figures(1),
        (
            ("2026-03-03T00:00:00Z".into(), "2026-03-04T00:00:00Z".into()),
            [1, 1, 2, 1, 2],
            [(1, Some(0), Some(0)), (0, None, None), (2, Some(3600), Some(10800))],
            vec![(a, 1), (b, 1)],
        )
    );

    // Hours around midnight: what happens on an edge belongs to the bucket it starts.
    let (since, until) = (at("2026-03-02T23:00:00Z"), at("2026-03-03T01:00:00Z"));
    let timeline = f.store.window_timeline(f.org, SeriesScope::default(), since, until).await.unwrap();
    let hours = buckets(&timeline, since, until, BucketSize::Hour);
    let counts: Vec<_> = hours.iter().map(|h| [h.created, h.assigned, h.resolved, h.backlog]).collect();
    assert_eq!(counts, vec![[1, 0, 0, 2], [0, 1, 0, 2]]);

    // Scoped to the bot and channel everything happened on, the window is the same; scoped to
    // another bot, to no bot (a bot admin of none) or to an idle channel, it is empty.
    let whole = f.store.window_timeline(f.org, SeriesScope::default(), since, until).await.unwrap();
    let ours = SeriesScope { bot_ids: Some(vec![f.bot]), channel: Some(Channel::Web) };
    assert_eq!(f.store.window_timeline(f.org, ours, since, until).await.unwrap(), whole);
    let other = f.store.add_bot(f.org, NewBot::named("Other", &[Channel::Web]), Audit::SERVER).await.unwrap().id;
    for scope in [
        SeriesScope { bot_ids: Some(vec![other]), channel: None },
        SeriesScope { bot_ids: Some(vec![]), channel: None },
        SeriesScope { bot_ids: Some(vec![other, f.bot]), channel: Some(Channel::Discord) },
    ] {
        let empty = f.store.window_timeline(f.org, scope.clone(), since, until).await.unwrap();
        assert_eq!((empty.points.len(), empty.open_at_end, empty.holding.len()), (0, 0, 0), "{scope:?}");
    }

    let (since, until) = (at("2026-03-02T00:00:00Z"), at("2026-03-04T00:00:00Z"));
    let timeline = f.store.window_timeline(f.org, SeriesScope::default(), since, until).await.unwrap();
    let loads = member_loads(&timeline, f.store.members(f.org).await.unwrap());
    let loads: Vec<_> = loads
        .iter()
        .map(|l| (l.member.id, l.assigned, l.resolved, l.holding, l.time_to_first_agent_message.median_seconds))
        .collect();
    assert_eq!(loads, vec![(a, 2, 2, 0, Some(420)), (b, 0, 1, 0, None)]);
}

/// Dashboard sign-in codes: racing redeems of one code make exactly one session; an expired
/// code makes none; a new session retires its member's expired ones.
async fn a_sign_in_code_signs_in_once_and_only_in_time(f: Fixture) {
    use livechat::store::MemberId;
    let now = Timestamp::now();
    let agent = MemberId(f.agents[0]);
    let session = |n: u8, hours: i64| NewToken {
        hash: [n; 32],
        name: "dashboard session".into(),
        expires_at: Some(now + SignedDuration::from_hours(hours)),
    };
    f.store.add_sign_in_code(agent, [7; 32], now + SignedDuration::from_secs(60)).await.unwrap();
    let f = Arc::new(f);
    let racers: Vec<_> = (0..6u8)
        .map(|n| {
            let (f, session) = (f.clone(), session(200 + n, 8));
            tokio::spawn(async move {
                f.store.redeem_sign_in_code([7; 32], session, Timestamp::now(), Audit::SERVER).await.unwrap()
            })
        })
        .collect();
    let mut sessions = Vec::new();
    for racer in racers {
        sessions.extend(racer.await.unwrap());
    }
    assert_eq!(sessions.len(), 1, "a code makes one session");
    assert_eq!(sessions[0].member_id, agent.0);
    let mut signed_in = 0;
    for n in 0..6u8 {
        signed_in += usize::from(f.store.authenticate([200 + n; 32], now).await.unwrap().is_some());
    }
    assert_eq!(signed_in, 1, "only the winner's session token works");

    // Expired a minute ago: no session.
    f.store.add_sign_in_code(agent, [8; 32], now - SignedDuration::from_secs(60)).await.unwrap();
    assert!(f.store.redeem_sign_in_code([8; 32], session(9, 8), now, Audit::SERVER).await.unwrap().is_none());

    // A later sign-in retires the sessions that have expired, and keeps the live one.
    f.store.add_token(agent, session(10, -1), Audit::SERVER).await.unwrap();
    f.store.add_sign_in_code(agent, [11; 32], now + SignedDuration::from_secs(60)).await.unwrap();
    f.store.redeem_sign_in_code([11; 32], session(12, 8), now, Audit::SERVER).await.unwrap().unwrap();
    let expired: Vec<_> = f.store.tokens(f.org, Some(agent)).await.unwrap().iter().map(|t| t.expired(now)).collect();
    assert_eq!(expired, vec![false, false], "two live sessions, the expired one retired");
}

/// Races `n` copies of `work`, each given its index, and returns their answers in order.
async fn race<T: Send + 'static, F>(n: usize, work: impl Fn(usize) -> F) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
{
    let tasks: Vec<_> = (0..n).map(|i| tokio::spawn(work(i))).collect();
    let mut answers = Vec::with_capacity(n);
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

async fn two_admins_demoting_each_other_leave_one(f: Fixture) {
    let first = f.store.member_by_email(f.org, "admin@c.test").await.unwrap().unwrap().id;
    let second = f.store.add_member(f.org, member("second@c.test", Role::OrgAdmin), Audit::SERVER).await.unwrap().id;
    let admins = [first, second];
    for round in 0..12 {
        let answers = race(2, |i| {
            let store = f.store.clone();
            let (org, actor, target) = (f.org, admins[i], admins[1 - i]);
            async move {
                store.set_role(org, MemberId(actor), MemberId(target), Role::Agent, &[], Audit::SERVER).await.unwrap()
            }
        })
        .await;
        let done = answers.iter().filter(|a| matches!(a, TeamChange::Done(_))).count();
        assert_eq!(done, 1, "round {round}: exactly one demotion wins: {answers:?}");
        let refused = answers.iter().find(|a| matches!(a, TeamChange::Refused(_)));
        // The loser either lost the right to change roles, or would have left nobody in charge.
        assert!(
            matches!(refused, Some(TeamChange::Refused(TeamRefusal::NotOrgAdmin | TeamRefusal::LastOrgAdmin))),
            "round {round}: {answers:?}"
        );
        let members = f.store.members(f.org).await.unwrap();
        let left: Vec<i64> = members.iter().filter(|m| m.role == Role::OrgAdmin).map(|m| m.id).collect();
        assert_eq!(left.len(), 1, "round {round}: one org admin is left");
        // The one left promotes the other again for the next round.
        let again = f
            .store
            .set_role(
                f.org,
                MemberId(left[0]),
                MemberId(admins.iter().copied().find(|a| *a != left[0]).unwrap()),
                Role::OrgAdmin,
                &[],
                Audit::SERVER,
            )
            .await
            .unwrap();
        assert!(matches!(again, TeamChange::Done(_)));
    }
}

async fn an_assignment_racing_a_removal_never_leaves_work_with_a_removed_member(f: Fixture) {
    let admin = f.store.member_by_email(f.org, "admin@c.test").await.unwrap().unwrap().id;
    let (mut removed_first, mut assigned_first) = (0, 0);
    for round in 0..16 {
        let agent = f
            .store
            .add_member(f.org, member(&format!("temp{round}@c.test"), Role::Agent), Audit::SERVER)
            .await
            .unwrap()
            .id;
        let request = f.open(&format!("taker{round}")).await;
        let store = f.store.clone();
        let org = f.org;
        let assign = tokio::spawn(async move {
            // The server's rule, on the member as the store's transaction locked them.
            let decide: Decide = Box::new(move |current: &Request, roster: &livechat::domain::Roster| {
                livechat::domain::team::take_work(roster.get(agent)).ok()?;
                (current.state == State::New).then(|| record(State::New, State::Assigned, Some(agent)))
            });
            store.decide_each(org, vec![(RequestId(request.id), decide)], vec![MemberId(agent)]).await.unwrap()
        });
        let removal = f
            .store
            .remove_member(f.org, MemberId(admin), MemberId(agent), Timestamp::now(), Audit::SERVER)
            .await
            .unwrap();
        let after = assign.await.unwrap().pop().flatten().unwrap();
        let holder = after.assignee.as_ref().map(|m| m.id);
        match removal {
            TeamChange::Done(member) => {
                assert!(member.removed_at.is_some());
                assert_ne!(holder, Some(agent), "round {round}: a removed member holds #{}", after.id);
                assert_eq!(after.state, State::New);
                removed_first += 1;
            }
            TeamChange::Refused(TeamRefusal::HoldsOpen(1)) => {
                assert_eq!(holder, Some(agent), "round {round}: refused for a request they do not hold");
                assigned_first += 1;
            }
            other => panic!("round {round}: {other:?}"),
        }
        let open = f
            .store
            .list_requests(
                f.org,
                &RequestFilter { states: State::OPEN.to_vec(), ..RequestFilter::default() },
                None,
                500,
            )
            .await
            .unwrap();
        let members = f.store.members(f.org).await.unwrap();
        for r in open {
            let Some(assignee) = r.assignee else { continue };
            let removed = members.iter().any(|m| m.id == assignee.id && m.removed_at.is_some());
            assert!(!removed, "round {round}: open request #{} is held by removed member {}", r.id, assignee.email);
        }
    }
    eprintln!("removal won {removed_first} rounds, assignment won {assigned_first}");
}

async fn invitations_to_one_email_in_mixed_case_at_once_make_exactly_one(f: Fixture) {
    let created_by = MemberId(f.agents[0]);
    for round in 0..8u8 {
        let spellings = [
            format!("Pat{round}@Example.test"),
            format!("PAT{round}@EXAMPLE.TEST"),
            format!("pat{round}@example.test"),
        ];
        let answers = race(8, |i| {
            let store = f.store.clone();
            let org = f.org;
            let invitation = NewInvitation {
                email: livechat::domain::Email::parse(&spellings[i % spellings.len()]).unwrap(),
                name: None,
                role: Role::Agent,
                bot_ids: vec![],
                hash: [round * 8 + i as u8; 32],
                created_by,
                expires_at: Timestamp::now() + SignedDuration::from_hours(1),
            };
            async move { store.create_invitation(org, invitation, Audit::SERVER).await.unwrap() }
        })
        .await;
        let made = answers.iter().filter(|a| matches!(a, TeamChange::Done(_))).count();
        assert_eq!(made, 1, "round {round}: exactly one invitation: {answers:?}");
        assert!(
            answers
                .iter()
                .all(|a| matches!(a, TeamChange::Done(_) | TeamChange::Refused(TeamRefusal::AlreadyInvited(_))))
        );
    }
    let pending = f.store.invitations(f.org, Timestamp::now()).await.unwrap();
    let emails: Vec<String> = pending.iter().map(|i| i.email.clone()).collect();
    let expected: Vec<String> = (0..8).map(|round| format!("pat{round}@example.test")).collect();
    assert_eq!(emails, expected, "stored once each, normalized");
    // A member's address in another case is the same member.
    let again = NewInvitation {
        email: livechat::domain::Email::parse("A@C.TEST").unwrap(),
        name: None,
        role: Role::Agent,
        bot_ids: vec![],
        hash: [9; 32],
        created_by,
        expires_at: Timestamp::now() + SignedDuration::from_hours(1),
    };
    let refused = f.store.create_invitation(f.org, again, Audit::SERVER).await.unwrap();
    assert!(matches!(refused, TeamChange::Refused(TeamRefusal::AlreadyMember(id)) if id == f.agents[0]), "{refused:?}");
    let found = f.store.member_by_email(f.org, "A@c.Test").await.unwrap();
    assert_eq!(found.map(|m| m.id), Some(f.agents[0]));
}

/// Two organizations open requests and change them at the same moment, eight writers each:
/// each counts its requests and timeline events 1, 2, 3… with no number twice or skipped,
/// and neither takes a number of the other's.
async fn two_organizations_writing_at_once_each_count_from_one_without_gaps(f: Fixture) {
    let other = f.store.create_organization("Other", member("root@other.test", Role::OrgAdmin)).await.unwrap();
    let other_org = OrgId(other.organization.id);
    let other_bot =
        f.store.add_bot(other_org, NewBot::named("Their bot", &[Channel::Web]), Audit::SERVER).await.unwrap().id;
    let f = Arc::new(f);
    let mut writers = Vec::new();
    for writer in 0..16 {
        let f = f.clone();
        let (org, bot) = if writer % 2 == 0 { (f.org, f.bot) } else { (other_org, other_bot) };
        writers.push(tokio::spawn(async move {
            for n in 0..5 {
                let opened =
                    f.store.open_request(org, bare_request(bot, &format!("w{writer}-{n}"), None)).await.unwrap();
                let Opened::Created(request) = opened else { panic!("not opened: {opened:?}") };
                let record = record(State::New, State::Resolved, None);
                f.store.apply_change(org, RequestId(request.id), request.version, record).await.unwrap().unwrap();
            }
        }));
    }
    for writer in writers {
        writer.await.unwrap();
    }
    for org in [f.org, other_org] {
        let filter = ExportFilter::default();
        let page = f.store.export_page(org, &filter, RequestId::after(org, 0), 100).await.unwrap();
        let mut requests: Vec<i64> = page.iter().map(|e| number(e.request.id)).collect();
        let mut events: Vec<i64> = page.iter().flat_map(|e| e.timeline.iter().map(|t| number(t.id))).collect();
        requests.sort_unstable();
        events.sort_unstable();
        assert_eq!(requests, (1..=40).collect::<Vec<_>>(), "{org:?}'s requests");
        assert_eq!(events, (1..=80).collect::<Vec<_>>(), "{org:?}'s events: created and resolved for each");
        assert!(page.iter().all(|e| e.request.id >> 32 == org.0), "every row sits in its own organization");
    }
}

/// A search finds a request by a word of its transcript, of a note, or of its visitor, as
/// soon as the write commits, closed requests included; never another organization's; and
/// the list and the export select by it too.
async fn search_finds_every_kind_of_text_and_never_another_organizations(f: Fixture) {
    let said = |body: &str| NewMessage {
        sender: SenderKind::Visitor,
        member_id: None,
        body: body.into(),
        at: Timestamp::now(),
    };
    let refund = f.open("ana").await;
    f.store
        .add_messages(RequestId(refund.id), refund.version, vec![said("I want a REFUND for order A-1001.")])
        .await
        .unwrap();
    let noted = f.open("bo").await;
    let note = NewNote {
        kind: NoteKind::Agent,
        author_member_id: Some(f.agents[0]),
        body: "Chargeback filed by the bank".into(),
        fields: None,
        at: Timestamp::now(),
    };
    f.store.add_note(f.org, RequestId(noted.id), note).await.unwrap().unwrap();
    let named = f.open("quartz").await;
    let other = f.store.create_organization("Other", member("root@other.test", Role::OrgAdmin)).await.unwrap();
    let other_org = OrgId(other.organization.id);
    let other_bot =
        f.store.add_bot(other_org, NewBot::named("Their bot", &[Channel::Web]), Audit::SERVER).await.unwrap().id;
    let Opened::Created(theirs) = f.store.open_request(other_org, bare_request(other_bot, "ana", None)).await.unwrap()
    else {
        panic!("their request was not opened")
    };
    f.store
        .add_messages(RequestId(theirs.id), theirs.version, vec![said("refund A-1001 chargeback quartz")])
        .await
        .unwrap();

    let search = |text: &str, states: Vec<State>| {
        let filter = RequestFilter { states, search: SearchTerms::parse(text), ..RequestFilter::default() };
        let store = f.store.clone();
        async move { store.search(f.org, &filter, 10).await.unwrap() }
    };
    let found = |hits: Vec<livechat::store::SearchHit>| -> Vec<(i64, FoundIn)> {
        hits.into_iter().map(|h| (h.request.id, h.found_in)).collect()
    };
    assert_eq!(found(search("a-1001 refund", vec![]).await), [(refund.id, FoundIn::Message)]);
    assert_eq!(found(search("chargeback", vec![]).await), [(noted.id, FoundIn::Note)]);
    assert_eq!(found(search("Quartz", vec![]).await), [(named.id, FoundIn::Visitor)]);
    assert!(search("refund nowhere", vec![]).await.is_empty(), "every word must be found");
    assert!(search("refund", vec![]).await.iter().all(|h| h.text.contains("REFUND")), "the hit carries its text");

    // Closed requests are searched; a state filter narrows.
    let resolved = f.change(&refund, State::Resolved, None).await.unwrap();
    f.change(&resolved, State::Closed, None).await.unwrap();
    assert_eq!(found(search("refund", vec![State::Closed]).await), [(refund.id, FoundIn::Message)]);
    assert!(search("refund", State::OPEN.to_vec()).await.is_empty());

    // The list and the export select by the same words, in the same organization only.
    let filter = RequestFilter { states: vec![], search: SearchTerms::parse("a 1001"), ..RequestFilter::default() };
    let listed = f.store.list_requests(f.org, &filter, None, 10).await.unwrap();
    assert_eq!(listed.iter().map(|r| r.id).collect::<Vec<_>>(), [refund.id]);
    let export = ExportFilter { search: SearchTerms::parse("chargeback"), ..ExportFilter::default() };
    let exported = f.store.export_page(f.org, &export, RequestId::after(f.org, 0), 10).await.unwrap();
    assert_eq!(exported.iter().map(|e| e.request.id).collect::<Vec<_>>(), [noted.id]);
}

async fn routing_gives_each_waiting_request_once_and_nobody_more_than_their_capacity(f: Fixture) {
    let [a, b] = f.agents;
    let admin = f.store.members(f.org).await.unwrap().iter().find(|m| m.role == Role::OrgAdmin).unwrap().id;
    // The two agents take three each; the admin, online too, takes none.
    f.store.set_default_capacity(f.org, 3, Audit::SERVER).await.unwrap();
    f.store.set_capacity(f.org, MemberId(admin), Some(0), Audit::SERVER).await.unwrap();
    let policy = f.store.set_bot_routing(
        f.org,
        BotId(f.bot),
        Some(RoutingMode::RoundRobin),
        Some(RoutingOrder::Oldest),
        Audit::SERVER,
    );
    assert_eq!(policy.await.unwrap().unwrap().mode, RoutingMode::RoundRobin);

    // Twelve requests open while eight routers race, as servers routing at once would.
    let (store, org, bot) = (f.store.clone(), f.org, f.bot);
    let opening = race(12, move |i| {
        let store = store.clone();
        async move { store.open_request(org, bare_request(bot, &format!("r{i}"), None)).await.unwrap() }
    });
    let store = f.store.clone();
    let routing = race(8, move |_| {
        let store = store.clone();
        async move { store.route(Some(org)).await.unwrap() }
    });
    let (opened, routers) = tokio::join!(opening, routing);
    assert!(opened.iter().all(|o| matches!(o, Opened::Created(_))));
    // The last opening's own routing, as the server runs after every change.
    let last = f.store.route(Some(f.org)).await.unwrap();
    let mut given: Vec<i64> = routers.into_iter().flatten().chain(last).map(|(_, r)| r.id).collect();
    given.sort_unstable();
    let before = given.len();
    given.dedup();
    assert_eq!(given.len(), before, "a request was given out twice");
    assert_eq!(given.len(), 6, "two agents with room for three each");

    let load = |members: &[livechat::api::Member], id: i64| members.iter().find(|m| m.id == id).unwrap().load;
    let members = f.store.members(f.org).await.unwrap();
    assert_eq!([load(&members, a), load(&members, b), load(&members, admin)], [Some(3), Some(3), Some(0)]);
    for id in &given {
        let detail = f.store.request_detail(f.org, RequestId(*id)).await.unwrap().unwrap();
        let routed: Vec<_> = detail.timeline.iter().filter(|e| e.actor == Author::Routing).collect();
        assert_eq!(routed.len(), 1, "request {id} has one assignment by routing");
        assert_eq!((routed[0].from, routed[0].to), (Some(State::New), State::Assigned));
        assert!(
            detail.request.assigned_at >= Some(detail.request.created_at),
            "request {id} assigned before it opened"
        );
    }

    // A member's load drops: the next waiting request goes to them, and only one.
    let held = |member: i64| {
        let store = f.store.clone();
        async move {
            let filter = RequestFilter { states: vec![State::Assigned], ..RequestFilter::default() };
            let page = store.list_requests(f.org, &filter, None, 50).await.unwrap();
            page.into_iter().find(|r| r.assignee.as_ref().is_some_and(|m| m.id == member)).unwrap()
        }
    };
    f.change(&held(a).await, State::Resolved, Some(a)).await.unwrap();
    let next = f.store.route(Some(f.org)).await.unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].1.assignee.as_ref().map(|m| m.id), Some(a));

    // Only online members are given work.
    f.store.set_presence(f.org, MemberId(b), Presence::Away).await.unwrap();
    f.change(&held(b).await, State::Resolved, Some(b)).await.unwrap();
    assert!(f.store.route(Some(f.org)).await.unwrap().is_empty(), "b is away, a is full");
    f.store.set_presence(f.org, MemberId(b), Presence::Online).await.unwrap();
    let back = f.store.route(Some(f.org)).await.unwrap();
    assert_eq!(back.iter().map(|(_, r)| r.assignee.as_ref().map(|m| m.id)).collect::<Vec<_>>(), [Some(b)]);

    // Routing off gives nothing out, and the organizations' routing never crosses.
    f.store.set_bot_routing(f.org, BotId(f.bot), Some(RoutingMode::Off), None, Audit::SERVER).await.unwrap();
    f.store.set_capacity(f.org, MemberId(admin), None, Audit::SERVER).await.unwrap();
    assert!(f.store.route(None).await.unwrap().is_empty());
}

async fn routing_is_fair_across_bots_and_never_hands_a_request_back_to_whoever_gave_it_up(f: Fixture) {
    let [a, b] = f.agents;
    let admin = f.store.members(f.org).await.unwrap().iter().find(|m| m.role == Role::OrgAdmin).unwrap().id;
    f.store.set_default_capacity(f.org, 1, Audit::SERVER).await.unwrap();
    f.store.set_capacity(f.org, MemberId(admin), Some(0), Audit::SERVER).await.unwrap();
    let other = f.store.add_bot(f.org, NewBot::named("Other", &[Channel::Web]), Audit::SERVER).await.unwrap().id;
    for bot in [f.bot, other] {
        let on = f.store.set_bot_routing(
            f.org,
            BotId(bot),
            Some(RoutingMode::RoundRobin),
            Some(RoutingOrder::Oldest),
            Audit::SERVER,
        );
        on.await.unwrap();
    }
    // Three requests wait on the first bot, then one on the other; two seats are free.
    let mut first = Vec::new();
    for user in ["f1", "f2", "f3"] {
        first.push(f.open(user).await);
    }
    let Opened::Created(late) = f.store.open_request(f.org, bare_request(other, "o1", None)).await.unwrap() else {
        panic!("the other bot's request was not opened")
    };
    let holder = |r: &Request| r.assignee.as_ref().map(|m| m.id);
    let routed = f.store.route(Some(f.org)).await.unwrap();
    let mut given: Vec<i64> = routed.iter().map(|(_, r)| r.id).collect();
    given.sort_unstable();
    assert_eq!(given, [first[0].id, late.id], "each bot's first before any bot's second");

    // The member holding the first bot's request gives it up: it goes to someone else, never
    // straight back, even while they have room and nobody else does.
    let current = f.store.request(f.org, RequestId(first[0].id)).await.unwrap().unwrap();
    let quitter = holder(&current).unwrap();
    let unassign = ChangeRecord { actor: ChangeActor::Member(quitter), ..record(State::Assigned, State::New, None) };
    f.store.apply_change(f.org, RequestId(current.id), current.version, unassign).await.unwrap().unwrap();
    let routed = f.store.route(Some(f.org)).await.unwrap();
    assert!(routed.iter().all(|(_, r)| r.id != current.id), "handed straight back: {routed:?}");
    // The quitter takes the next one instead; the given-up request waits for the other agent.
    assert_eq!(routed.iter().map(|(_, r)| (r.id, holder(r))).collect::<Vec<_>>(), [(first[1].id, Some(quitter))]);
    let keeper = if quitter == a { b } else { a };
    let held = f.store.request(f.org, RequestId(late.id)).await.unwrap().unwrap();
    let held = if holder(&held) == Some(keeper) {
        held
    } else {
        f.store.request(f.org, RequestId(first[1].id)).await.unwrap().unwrap()
    };
    f.change(&held, State::Resolved, holder(&held)).await.unwrap();
    let routed = f.store.route(Some(f.org)).await.unwrap();
    assert_eq!(routed.iter().map(|(_, r)| (r.id, holder(r))).collect::<Vec<_>>(), [(current.id, Some(keeper))]);
}

/// Runs one statement on the fixture's database directly, as an operator at a SQL prompt
/// would; the error's text if the database refuses it.
async fn raw_sql(f: &Fixture, sql: &str) -> Result<(), String> {
    let (url, sql) = (f._db.url.clone(), sql.to_string());
    tokio::task::spawn_blocking(move || {
        if url.starts_with("postgres") {
            let mut client = ::postgres::Client::connect(&url, ::postgres::NoTls).map_err(|e| e.to_string())?;
            client.batch_execute(&sql).map_err(|e| format!("{e:?}"))
        } else {
            let conn = rusqlite::Connection::open(&url).map_err(|e| e.to_string())?;
            conn.execute_batch(&sql).map_err(|e| e.to_string())
        }
    })
    .await
    .unwrap()
}

async fn audit_records_come_with_their_change_hold_no_secret_and_never_change(f: Fixture) {
    use livechat::api::WebhookEvent;
    use livechat::store::AuditFilter;
    let admin = MemberId(f.store.members(f.org).await.unwrap().iter().find(|m| m.role == Role::OrgAdmin).unwrap().id);
    let by = Audit { actor: Some(admin), address: Some([7; 16]) };
    let agent = MemberId(f.agents[0]);
    let all = AuditFilter::default();
    let before = f.store.audit_log(f.org, all.clone(), 100).await.unwrap().len();

    let changed = f.store.set_role(f.org, admin, agent, Role::BotAdmin, &[f.bot], by).await.unwrap();
    assert!(matches!(changed, TeamChange::Done(_)), "{changed:?}");
    // Refused by the team's rules: the last org admin cannot step down, and leaves no record.
    let refused = f.store.set_role(f.org, admin, admin, Role::Agent, &[], by).await.unwrap();
    assert!(matches!(refused, TeamChange::Refused(_)), "{refused:?}");
    let hook = NewWebhook {
        url: "https://ops:pa55word@hooks.example.com/in?token=sesame#frag".into(),
        events: vec![WebhookEvent::RequestCreated],
        bot_id: None,
        secret: "whsec_keepitsecret".into(),
    };
    let hook = f.store.add_webhook(f.org, hook, by).await.unwrap();
    let token = f.store.add_token(agent, NewToken::named([9; 32], "ci"), by).await.unwrap();
    f.store.revoke_token(f.org, token.id, None, Timestamp::now(), by).await.unwrap().unwrap();

    let records = f.store.audit_log(f.org, all.clone(), 100).await.unwrap();
    let actions: Vec<&str> = records.iter().take(records.len() - before).map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["token.revoke", "token.create", "webhook.create", "member.role"], "newest first");
    let role = records.iter().find(|r| r.action == "member.role").unwrap();
    assert_eq!(role.target, format!("member:{}", agent.0));
    assert_eq!(role.summary["from"]["role"], "agent");
    assert_eq!(role.summary["to"], serde_json::json!({"role": "bot-admin", "bots": [f.bot]}));
    assert!(matches!(&role.actor, Author::Member { id, .. } if *id == admin.0), "{:?}", role.actor);
    assert_eq!(role.address.as_deref(), Some("07".repeat(16).as_str()));
    let created = records.iter().find(|r| r.action == "webhook.create").unwrap();
    assert_eq!(created.target, format!("webhook:{}", hook.id));
    assert_eq!(created.summary["url"], "https://hooks.example.com/in");
    let text = serde_json::to_string(&records).unwrap();
    for secret in ["pa55word", "sesame", "frag", "keepitsecret", &"09".repeat(32)] {
        assert!(!text.contains(secret), "the audit log holds `{secret}`: {text}");
    }

    // Filters: a family, an exact action, a target, an actor, and the page cursor.
    let filter = |action: Option<&str>, target: Option<String>| AuditFilter {
        action: action.map(str::to_string),
        target,
        ..Default::default()
    };
    let tokens = f.store.audit_log(f.org, filter(Some("token"), None), 100).await.unwrap();
    assert_eq!(tokens.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["token.revoke", "token.create"]);
    assert_eq!(f.store.audit_log(f.org, filter(Some("token.create"), None), 100).await.unwrap().len(), 1);
    assert!(f.store.audit_log(f.org, filter(Some("toke"), None), 100).await.unwrap().is_empty());
    let on_agent = f.store.audit_log(f.org, filter(None, Some(format!("member:{}", agent.0))), 100).await.unwrap();
    assert_eq!(on_agent.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["member.role", "member.add"]);
    let by_agent = AuditFilter { actor: Some(agent), ..Default::default() };
    assert!(f.store.audit_log(f.org, by_agent, 100).await.unwrap().is_empty());
    let first = f.store.audit_log(f.org, all.clone(), 2).await.unwrap();
    let after = AuditFilter { before: Some(first[1].id), ..Default::default() };
    let rest = f.store.audit_log(f.org, after, 100).await.unwrap();
    assert_eq!(first.len() + rest.len(), records.len());
    assert!(rest.iter().all(|r| r.id < first[1].id));

    // Not even a SQL prompt changes a record or deletes a young one.
    let changed = raw_sql(&f, "UPDATE audit_log SET action = 'nothing.happened'").await;
    assert!(changed.unwrap_err().contains("never changed"));
    let deleted = raw_sql(&f, "DELETE FROM audit_log").await;
    assert!(deleted.unwrap_err().contains("400 days"));
    assert_eq!(f.store.audit_log(f.org, all, 100).await.unwrap(), records);
}

async fn retention_deletes_due_requests_with_their_history_once_however_many_sweep(f: Fixture) {
    use livechat::api::WebhookEvent;
    let events = vec![WebhookEvent::RequestCreated, WebhookEvent::RequestResolved];
    let hook =
        NewWebhook { url: "https://hooks.example.com/in".into(), events, bot_id: None, secret: "whsec_x".into() };
    f.store.add_webhook(f.org, hook, Audit::SERVER).await.unwrap();
    let agent = f.agents[0];
    // Twelve requests closed now, one visitor of them with a request still open, one open alone.
    let mut closed = Vec::new();
    for n in 0..12 {
        let request = f.open(&format!("gone{n}")).await;
        let note = NewNote {
            kind: NoteKind::Agent,
            author_member_id: Some(agent),
            body: format!("zebracrossing note {n}"),
            fields: None,
            at: Timestamp::now(),
        };
        f.store.add_note(f.org, RequestId(request.id), note).await.unwrap().unwrap();
        let assigned = f.change(&request, State::Assigned, Some(agent)).await.unwrap();
        f.change(&assigned, State::Resolved, Some(agent)).await.unwrap();
        closed.push(request.id);
    }
    f.store.archive_due(SignedDuration::ZERO, Timestamp::now()).await.unwrap();
    let label = livechat::domain::Label::parse("vip").unwrap();
    f.store.relabel(f.org, vec![RequestId(closed[0])], vec![label], vec![]).await.unwrap();
    let kept_visitor = f.open("gone0").await;
    let open = f.open("stays").await;

    let later = Timestamp::now() + SignedDuration::from_hours(24 * 31);
    let off = f.store.retention_preview(f.org, later).await.unwrap();
    assert_eq!((off.policy.closed_after_days, off.cutoff, off.due.requests), (None, None, 0), "off by default");
    assert!(f.store.sweep_retention(later, 100).await.unwrap().is_empty(), "no policy deletes nothing");
    let policy = f.store.set_retention(f.org, Some(30), false, Audit::SERVER).await.unwrap();
    assert_eq!((policy.closed_after_days, policy.audit_kept_days), (Some(30), 400));
    assert_eq!(
        f.store.retention_preview(f.org, Timestamp::now()).await.unwrap().due.requests,
        0,
        "nothing is 30 days old"
    );
    let preview = f.store.retention_preview(f.org, later).await.unwrap();
    let due = preview.due;
    assert_eq!((due.requests, due.notes, due.events, due.visitors), (12, 12, 48, 11), "{due:?}");
    assert_eq!(due.messages, 12);
    assert!(due.deliveries >= 24, "created and resolved for each: {due:?}");

    // Four servers sweep at once in batches of 2: each request goes exactly once.
    let f = Arc::new(f);
    let sweepers: Vec<_> = (0..4)
        .map(|_| {
            let f = f.clone();
            tokio::spawn(async move {
                let mut mine = livechat::api::RetentionCounts::default();
                loop {
                    let swept = f.store.sweep_retention(later, 2).await.unwrap();
                    let Some((org, counts)) = swept.into_iter().next() else { return mine };
                    assert_eq!(org, f.org);
                    mine += counts;
                }
            })
        })
        .collect();
    let mut total = livechat::api::RetentionCounts::default();
    for sweeper in sweepers {
        total += sweeper.await.unwrap();
    }
    assert_eq!(total, due, "the sweep deleted exactly what the preview said");
    assert_eq!(f.store.retention_preview(f.org, later).await.unwrap().due.requests, 0);

    for id in &closed {
        assert!(f.store.request(f.org, RequestId(*id)).await.unwrap().is_none(), "#{id} is still there");
    }
    let remaining = f.store.export_page(f.org, &ExportFilter::default(), RequestId(0), 100).await.unwrap();
    let ids: Vec<i64> = remaining.iter().map(|e| e.request.id).collect();
    assert_eq!(ids, [kept_visitor.id, open.id]);
    let search = RequestFilter { search: SearchTerms::parse("zebracrossing"), ..Default::default() };
    assert!(f.store.search(f.org, &search, 10).await.unwrap().is_empty(), "the search index forgot them");
    assert!(f.store.label_counts(f.org).await.unwrap().is_empty());
    let deliveries = f.store.deliveries(f.org, None, false, 100).await.unwrap();
    assert_eq!(deliveries.len(), 2, "only the open requests' deliveries stay: {deliveries:?}");
    let actions: Vec<String> =
        f.store.audit_log(f.org, Default::default(), 100).await.unwrap().into_iter().map(|r| r.action).collect();
    assert_eq!(actions[0], "retention.set", "young audit records stay: {actions:?}");
    // The visitor with an open request is kept, and can go on.
    let more =
        NewMessage { sender: SenderKind::Visitor, member_id: None, body: "still here".into(), at: Timestamp::now() };
    f.store.add_messages(RequestId(kept_visitor.id), kept_visitor.version, vec![more]).await.unwrap().unwrap();
    f.store.set_retention(f.org, None, false, Audit::SERVER).await.unwrap();
}

/// Reads the whole feed after `after`, page by page: each change with its cursor.
async fn read_feed(f: &Fixture, mut after: ChangeCursor) -> (Vec<FeedChange>, ChangeCursor) {
    let mut all = Vec::new();
    loop {
        let page = f.store.changes_after(f.org, after, 7).await.unwrap();
        let Some(last) = page.last() else { return (all, after) };
        assert!(last.cursor() > after, "the feed went backwards");
        after = last.cursor();
        all.extend(page);
    }
}

fn changed_ids(changes: &[FeedChange]) -> Vec<i64> {
    changes
        .iter()
        .filter_map(|c| match c {
            FeedChange::Changed(_, e) => Some(e.request.id),
            FeedChange::Deleted { .. } => None,
        })
        .collect()
}

async fn the_change_feed_gives_every_change_once_in_commit_order_while_writers_race(f: Fixture) {
    let (first, start) = read_feed(&f, ChangeCursor::default()).await;
    assert!(first.is_empty(), "a new organization has no changes");
    let a = f.open("feed-a").await;
    let b = f.open("feed-b").await;
    let c = f.open("feed-c").await;
    let (opened, after_open) = read_feed(&f, start).await;
    assert_eq!(changed_ids(&opened), [a.id, b.id, c.id]);

    // A note, a label and a state change are each a change; the feed names each request once,
    // as it is now, in the order the changes committed.
    let note = NewNote {
        kind: NoteKind::Agent,
        author_member_id: Some(f.agents[0]),
        body: "n".into(),
        fields: None,
        at: Timestamp::now(),
    };
    f.store.add_note(f.org, RequestId(b.id), note).await.unwrap().unwrap();
    let label = livechat::domain::Label::parse("feed").unwrap();
    f.store.relabel(f.org, vec![RequestId(c.id)], vec![label], vec![]).await.unwrap();
    let assigned = f.change(&a, State::Assigned, Some(f.agents[0])).await.unwrap();
    f.store
        .add_note(f.org, RequestId(b.id), NewNote { body: "again".into(), ..note_of(f.agents[0]) })
        .await
        .unwrap()
        .unwrap();
    let (changed, after_changes) = read_feed(&f, after_open).await;
    assert_eq!(changed_ids(&changed), [c.id, a.id, b.id], "b changed last");
    let FeedChange::Changed(_, now_a) = &changed[1] else { panic!() };
    assert_eq!(now_a.request.version, assigned.version);
    assert_eq!(read_feed(&f, after_changes).await.0.len(), 0, "nothing after the last change");

    // Writers race while a reader follows the feed: every request's last change reaches it.
    let f = Arc::new(f);
    let ids = [a.id, b.id, c.id];
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let f = f.clone();
            tokio::spawn(async move {
                for n in 0..10 {
                    let id = ids[(w + n) % 3];
                    let note = NewNote { body: format!("w{w} n{n}"), ..note_of(f.agents[0]) };
                    f.store.add_note(f.org, RequestId(id), note).await.unwrap().unwrap();
                    if n % 3 == 0 {
                        f.open(&format!("feed-{w}-{n}")).await;
                    }
                }
            })
        })
        .collect();
    let mut seen: Vec<FeedChange> = Vec::new();
    let mut cursor = after_changes;
    while !writers.iter().all(|w| w.is_finished()) {
        let (page, next) = read_feed(&f, cursor).await;
        seen.extend(page);
        cursor = next;
    }
    for w in writers {
        w.await.unwrap();
    }
    let (rest, _) = read_feed(&f, cursor).await;
    seen.extend(rest);
    let cursors: Vec<ChangeCursor> = seen.iter().map(|c| c.cursor()).collect();
    assert!(cursors.windows(2).all(|w| w[0] < w[1]), "each change once, in order");
    // The newest version of every request is the last the reader saw of it.
    let all = f.store.export_page(f.org, &ExportFilter::default(), RequestId(0), 1000).await.unwrap();
    assert_eq!(all.len(), 3 + 4 * 4);
    for current in &all {
        let last = seen.iter().rev().find_map(|c| match c {
            FeedChange::Changed(_, e) if e.request.id == current.request.id => Some(e),
            _ => None,
        });
        let last = last.unwrap_or_else(|| panic!("#{} never reached the feed", current.request.id));
        assert_eq!(last.notes.len(), current.notes.len(), "#{}: the feed missed a change", current.request.id);
    }

    // A deletion by retention is told as such.
    let closed = f.open("feed-gone").await;
    let assigned = f.change(&closed, State::Assigned, Some(f.agents[0])).await.unwrap();
    f.change(&assigned, State::Resolved, Some(f.agents[0])).await.unwrap();
    f.store.archive_due(SignedDuration::ZERO, Timestamp::now()).await.unwrap();
    let (_, before_sweep) = read_feed(&f, ChangeCursor::default()).await;
    f.store.set_retention(f.org, Some(1), false, Audit::SERVER).await.unwrap();
    let later = Timestamp::now() + SignedDuration::from_hours(49);
    while !f.store.sweep_retention(later, 100).await.unwrap().is_empty() {}
    let (after_sweep, _) = read_feed(&f, before_sweep).await;
    let deleted: Vec<(i64, String)> = after_sweep
        .iter()
        .filter_map(|c| match c {
            FeedChange::Deleted { cursor, reason, .. } => Some((cursor.request, reason.clone())),
            FeedChange::Changed(..) => None,
        })
        .collect();
    assert_eq!(deleted, [(number(closed.id), "retention".to_string())]);
}

fn note_of(author: i64) -> NewNote {
    NewNote {
        kind: NoteKind::Agent,
        author_member_id: Some(author),
        body: "note".into(),
        fields: None,
        at: Timestamp::now(),
    }
}

/// What a person told us, each string distinctive enough that finding it anywhere means it
/// was not erased.
const PERSON: [&str; 6] = ["Quillon", "Marchbanks", "quillon.marchbanks", "Fenwick", "ZK-4471", "visitor-zq7xw"];

/// Everything of the organization the store lets a member or a webhook read, as JSON.
async fn everything(f: &Fixture, requests: &[i64], visitor: i64, now: Timestamp) -> String {
    let store = &f.store;
    let mut all = Vec::new();
    for id in requests {
        all.push(serde_json::to_value(store.request(f.org, RequestId(*id)).await.unwrap()).unwrap());
        all.push(serde_json::to_value(store.request_detail(f.org, RequestId(*id)).await.unwrap()).unwrap());
        let feed = store.feed(f.org, FeedScope::Request(RequestId(*id)), FeedCursor::default(), 1000).await.unwrap();
        all.push(serde_json::to_value(feed).unwrap());
    }
    let feed = store.feed(f.org, FeedScope::Visitor(VisitorId(visitor)), FeedCursor::default(), 1000).await.unwrap();
    all.push(serde_json::to_value(feed).unwrap());
    let every = RequestFilter { states: State::ALL.to_vec(), ..RequestFilter::default() };
    all.push(serde_json::to_value(store.list_requests(f.org, &every, None, 1000).await.unwrap()).unwrap());
    for words in PERSON.iter().chain(&["example org", "parcel", "Marchbanks Fenwick"]) {
        let filter = RequestFilter { search: SearchTerms::parse(words), ..every.clone() };
        let hits = store.search(f.org, &filter, 100).await.unwrap();
        let hits: Vec<_> = hits.into_iter().map(|h| (h.request, h.found_in, h.text)).collect();
        all.push(serde_json::to_value(hits).unwrap());
        all.push(serde_json::to_value(store.list_requests(f.org, &filter, None, 100).await.unwrap()).unwrap());
    }
    let export = ExportFilter { states: State::ALL.to_vec(), ..ExportFilter::default() };
    let exported = store.export_page(f.org, &export, RequestId::after(f.org, 0), 1000).await.unwrap();
    all.push(serde_json::to_value(exported).unwrap());
    all.push(serde_json::to_value(store.queue_feed(f.org, 0, 1000).await.unwrap()).unwrap());
    all.push(serde_json::to_value(store.backlog(f.org, &every, now).await.unwrap()).unwrap());
    let deliveries = store.deliveries(f.org, None, false, 1000).await.unwrap();
    for delivery in &deliveries {
        all.push(serde_json::to_value(store.delivery(f.org, delivery.id).await.unwrap()).unwrap());
    }
    all.push(serde_json::to_value(deliveries).unwrap());
    // The change feed from the start, and the audit log (an erasure's record among them).
    let changes: Vec<_> = store
        .changes_after(f.org, ChangeCursor::default(), 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|c| match c {
            FeedChange::Changed(_, request) => Some(request),
            FeedChange::Deleted { .. } => None,
        })
        .collect();
    all.push(serde_json::to_value(changes).unwrap());
    all.push(serde_json::to_value(store.audit_log(f.org, Default::default(), 1000).await.unwrap()).unwrap());
    serde_json::to_string(&all).unwrap()
}

/// The payloads of every pending delivery, in the order they go out, each settled as sent.
async fn send_pending(f: &Fixture) -> Vec<(i64, serde_json::Value)> {
    let mut sent = Vec::new();
    loop {
        let claimed = f.store.claim_deliveries(Timestamp::now(), 60_000, 10).await.unwrap();
        if claimed.is_empty() {
            return sent;
        }
        for outgoing in claimed {
            let delivered = Settlement::Delivered { status: 204 };
            f.store.settle_delivery(outgoing.id, delivered, Timestamp::now()).await.unwrap();
            sent.push((outgoing.id, serde_json::from_str(&outgoing.payload).unwrap()));
        }
    }
}

/// The open queue's counts and its oldest new request.
async fn backlog(f: &Fixture, now: Timestamp) -> (u64, u64, u64, u64, Option<Timestamp>) {
    let b = f.store.backlog(f.org, &RequestFilter::default(), now).await.unwrap();
    (b.new, b.assigned, b.chatting, b.unassigned, b.oldest_new_created_at)
}

/// The request number a webhook payload tells of.
fn told_of(payload: &serde_json::Value) -> i64 {
    let data = &payload["data"];
    data.get("request").unwrap_or(data)["id"].as_i64().unwrap()
}

async fn erasing_a_person_leaves_nothing_of_them_and_every_count_as_it_was(f: Fixture) {
    let hook = NewWebhook {
        url: "http://127.0.0.1:9/".into(),
        events: livechat::api::WebhookEvent::ALL.to_vec(),
        bot_id: None,
        secret: "whsec_AAAA".into(),
    };
    f.store.add_webhook(f.org, hook, Audit::SERVER).await.unwrap();
    let origin = OriginCap { digest: [42; 16], most_open: 5 };
    let person = |email: &str, said: &str, token: u8| {
        let field = |name: &str, value: &str| livechat::api::FormField { name: name.into(), value: value.into() };
        let fields = vec![
            field("name", "Quillon Marchbanks"),
            field("email", email),
            field("order", "ZK-4471"),
            field("message", said),
        ];
        let body = fields.iter().map(|f| format!("{}: {}", f.name, f.value)).collect::<Vec<_>>().join("\n");
        let form =
            NewNote { kind: NoteKind::Form, author_member_id: None, body, fields: Some(fields), at: Timestamp::now() };
        NewRequest {
            name: Some("Quillon Marchbanks".into()),
            email: Some(email.into()),
            form: Some(form),
            transcript: vec![NewMessage {
                sender: SenderKind::Visitor,
                member_id: None,
                body: said.into(),
                at: Timestamp::now(),
            }],
            conversation_hash: Some([token; 32]),
            ..bare_request(f.bot, "visitor-zq7xw", Some(origin))
        }
    };
    let fx = &f;
    let opened = move |request| async move {
        match fx.store.open_request(fx.org, request).await.unwrap() {
            Opened::Created(request) => request,
            other => panic!("the request was not opened: {other:?}"),
        }
    };
    // The first request: an agent's reply and note quote the person; it is closed by the archive.
    let first = opened(person("Quillon.Marchbanks@Example.org", "My parcel to 12 Fenwick Lane is late", 1)).await;
    let reply = NewMessage {
        sender: SenderKind::Agent,
        member_id: Some(f.agents[0]),
        body: "Hello Quillon, I am checking ZK-4471".into(),
        at: Timestamp::now(),
    };
    f.store.add_messages(RequestId(first.id), first.version, vec![reply]).await.unwrap().unwrap();
    let note = NewNote {
        kind: NoteKind::Agent,
        author_member_id: Some(f.agents[0]),
        body: "Called Marchbanks at Fenwick Lane".into(),
        fields: None,
        at: Timestamp::now(),
    };
    f.store.add_note(f.org, RequestId(first.id), note).await.unwrap().unwrap();
    let first = f.store.request(f.org, RequestId(first.id)).await.unwrap().unwrap();
    let assigned = f.change(&first, State::Assigned, Some(f.agents[0])).await.unwrap();
    f.change(&assigned, State::Resolved, Some(f.agents[0])).await.unwrap();
    assert_eq!(f.store.archive_due(SignedDuration::ZERO, Timestamp::now()).await.unwrap(), 1);
    // What was told of the first request went out; the second's waits.
    let sent_before = send_pending(&f).await;
    assert!(sent_before.iter().any(|(_, p)| p.to_string().contains("Fenwick")), "the payloads held the person");
    let second = opened(person("quillon.marchbanks@example.org", "Again: the parcel for Fenwick", 2)).await;
    let other = f.open("bystander").await;
    let visitor = first.visitor.id;
    assert_eq!(second.visitor.id, visitor, "one visitor, two requests");
    let ids = [first.id, second.id, other.id];

    let now = Timestamp::now();
    let queue = backlog(&f, now).await;
    assert_eq!(queue, (2, 0, 0, 2, Some(second.created_at)));
    let before = everything(&f, &ids, visitor, now).await;
    for text in PERSON {
        assert!(before.contains(text), "the fixture holds {text}");
    }
    let whom = Erasee::Email(livechat::domain::Email::parse("QUILLON.marchbanks@example.ORG").unwrap());
    let dry = f.store.erase_visitor(f.org, whom.clone(), true, Timestamp::now(), Audit::SERVER).await.unwrap().unwrap();
    assert_eq!(everything(&f, &ids, visitor, now).await, before, "a dry run changes nothing");
    let detail = move |id: i64| async move { fx.store.request_detail(fx.org, RequestId(id)).await.unwrap().unwrap() };
    let (first_before, second_before, other_before) =
        (detail(first.id).await, detail(second.id).await, detail(other.id).await);
    let messages = (first_before.messages.len() + second_before.messages.len()) as u64;
    let notes = (first_before.notes.len() + second_before.notes.len()) as u64;
    assert_eq!((dry.visitors, dry.requests, dry.messages, dry.notes, dry.conversations), (1, 2, messages, notes, 2));
    assert_eq!(
        (dry.visitor_ids.clone(), dry.request_ids.clone()),
        (vec![visitor], vec![number(first.id), number(second.id)])
    );
    assert!(dry.dry_run);

    let erased =
        f.store.erase_visitor(f.org, whom.clone(), false, Timestamp::now(), Audit::SERVER).await.unwrap().unwrap();
    assert_eq!(erased, livechat::api::Erasure { dry_run: false, ..dry }, "the dry run said what the erasure did");
    let after = everything(&f, &ids, visitor, now).await;
    for text in PERSON {
        assert!(!after.to_lowercase().contains(&text.to_lowercase()), "{text} is still readable:\n{after}");
    }
    assert!(after.contains("bystander") && after.contains("Visitor bystander"), "the other visitor is intact");
    // The erasure is audited, by what it did, and the change feed tells of both requests last.
    let filter = livechat::store::AuditFilter { action: Some("visitor.erase".into()), ..Default::default() };
    let audited = f.store.audit_log(f.org, filter, 10).await.unwrap();
    assert_eq!(audited.len(), 1, "{audited:?}");
    assert_eq!(audited[0].summary["requests"], serde_json::json!([number(first.id), number(second.id)]));
    assert_eq!(audited[0].summary["found_by"], "email");
    let changes = f.store.changes_after(f.org, ChangeCursor::default(), 10_000).await.unwrap();
    let last: Vec<i64> = changes[changes.len() - 2..].iter().map(|c| c.cursor().request).collect();
    assert_eq!(last, [number(first.id), number(second.id)]);
    // The search indexes forgot the words too, not only the rows they point at.
    for words in PERSON.iter().chain(&["example org", "parcel"]) {
        let filter = RequestFilter { search: SearchTerms::parse(words), ..RequestFilter::default() };
        let hits = f.store.search(f.org, &filter, 10).await.unwrap();
        assert!(
            hits.is_empty(),
            "a search for {words} still finds {:?}",
            hits.iter().map(|h| h.request.id).collect::<Vec<_>>()
        );
    }
    let hi = RequestFilter { search: SearchTerms::parse("Visitor bystander"), ..RequestFilter::default() };
    assert_eq!(f.store.search(f.org, &hi, 10).await.unwrap().len(), 1, "the other visitor is still found");
    assert_eq!(detail(other.id).await.messages.len(), other_before.messages.len());
    // The requests keep their shape: states, times, timelines, and as many messages and notes.
    for (before, id) in [(&first_before, first.id), (&second_before, second.id)] {
        let now = detail(id).await;
        assert_eq!(now.request.title, "Erased visitor");
        assert_eq!((now.request.visitor.name.as_deref(), now.request.visitor.email.as_deref()), (None, None));
        assert_eq!(now.request.version, before.request.version + 1, "clients read it again");
        assert_eq!(
            (now.request.state, now.request.created_at, now.request.closed_at),
            (before.request.state, before.request.created_at, before.request.closed_at)
        );
        assert_eq!(
            (now.timeline.len(), now.messages.len(), now.notes.len()),
            (before.timeline.len(), before.messages.len(), before.notes.len())
        );
        assert!(now.messages.iter().all(|m| m.body == "[erased]") && now.notes.iter().all(|n| n.body == "[erased]"));
        let form = now.notes.iter().find(|n| n.kind == NoteKind::Form).unwrap().fields.clone().unwrap();
        assert_eq!(
            form.iter().map(|f| (f.name.as_str(), f.value.as_str())).collect::<Vec<_>>(),
            [("name", "[erased]"), ("email", "[erased]"), ("order", "[erased]"), ("message", "[erased]")]
        );
    }
    assert_eq!(backlog(&f, now).await, queue, "the queue counts as it did");

    // Every delivery of the erased requests was rewritten: those waiting, and those sent,
    // which a redelivery sends again.
    let mut payloads = send_pending(&f).await;
    for (id, _) in &sent_before {
        f.store.redeliver(f.org, *id, Timestamp::now(), Audit::SERVER).await.unwrap().unwrap();
    }
    payloads.extend(send_pending(&f).await);
    assert_eq!(payloads.len(), sent_before.len() + 4, "two deliveries each for the second request and the other");
    let erased_numbers = [number(first.id), number(second.id)];
    let rewritten = payloads.iter().filter(|(_, p)| erased_numbers.contains(&told_of(p))).count();
    assert_eq!(rewritten as u64, erased.deliveries);
    let text = serde_json::to_string(&payloads).unwrap().to_lowercase();
    for word in PERSON {
        assert!(!text.contains(&word.to_lowercase()), "a webhook payload still holds {word}: {text}");
    }
    assert!(text.contains("visitor bystander"), "the other visitor's payloads are as they were");

    // Their old conversation token reads nothing; nobody is left to find by the same email,
    // and another organization's visitor is not this one's to erase.
    assert!(f.store.conversation([1; 32]).await.unwrap().is_none());
    assert!(f.store.erase_visitor(f.org, whom, false, Timestamp::now(), Audit::SERVER).await.unwrap().is_none());
    let theirs = f.store.create_organization("Other", member("root@other.test", Role::OrgAdmin)).await.unwrap();
    let their_org = OrgId(theirs.organization.id);
    let their_bot =
        f.store.add_bot(their_org, NewBot::named("Theirs", &[Channel::Web]), Audit::SERVER).await.unwrap().id;
    let Opened::Created(their) =
        f.store.open_request(their_org, bare_request(their_bot, "visitor-zq7xw", None)).await.unwrap()
    else {
        panic!("their request was not opened")
    };
    let by_id = Erasee::Visitor(VisitorId(their.visitor.id));
    assert!(f.store.erase_visitor(f.org, by_id, false, Timestamp::now(), Audit::SERVER).await.unwrap().is_none());
    let by_user = Erasee::UserId(Channel::Web, "visitor-zq7xw".into());
    assert!(
        f.store.erase_visitor(f.org, by_user.clone(), true, Timestamp::now(), Audit::SERVER).await.unwrap().is_none()
    );
    assert_eq!(
        f.store
            .erase_visitor(their_org, by_user, true, Timestamp::now(), Audit::SERVER)
            .await
            .unwrap()
            .unwrap()
            .requests,
        1
    );
    // A bare user id belongs to the channel its visitor wrote on, and to no other.
    let elsewhere = Erasee::UserId(Channel::Discord, "visitor-zq7xw".into());
    assert!(
        f.store.erase_visitor(their_org, elsewhere, true, Timestamp::now(), Audit::SERVER).await.unwrap().is_none()
    );
    // The address's open request no longer counts toward its cap: its digest went too.
    let capped = OriginCap { most_open: 1, ..origin };
    assert!(matches!(
        f.store.open_request(f.org, bare_request(f.bot, "next", Some(capped))).await.unwrap(),
        Opened::Created(_)
    ));
}

/// Calls every store method that writes, each so that it does write, and checks that each
/// moved the organization's write generation: a page validated by the generation is then
/// never served stale. The list of methods is the store's own, so a new write method fails
/// here until it is called here too.
async fn every_write_moves_the_generation(f: Fixture) {
    use livechat::api::WebhookEvent;
    let store = f.store.clone();
    let org = f.org;
    let agent = f.agents[0];
    let admin = store.members(org).await.unwrap().into_iter().find(|m| m.role == Role::OrgAdmin).unwrap().id;
    let mut moved: BTreeSet<&str> = BTreeSet::new();
    // Makes the call, checks that it moved the generation, and counts `method` as covered.
    macro_rules! moves {
        ($method:literal, $call:expr) => {{
            let before = store.generation(org).await.unwrap();
            let value = $call;
            let after = store.generation(org).await.unwrap();
            assert!(after > before, "{} did not move the generation ({before} → {after})", $method);
            moved.insert($method);
            value
        }};
    }
    let other = store.create_organization("Other", member("other@c.test", Role::OrgAdmin)).await.unwrap();
    let other = OrgId(other.organization.id);
    assert!(store.generation(other).await.unwrap() > 0, "a new organization starts moved");
    moved.insert("create_organization");

    let new =
        moves!("add_member", store.add_member(org, member("c@c.test", Role::Agent), Audit::SERVER).await.unwrap());
    let token = moves!(
        "add_token",
        store.add_token(MemberId(new.id), NewToken::named([7; 32], "ci"), Audit::SERVER).await.unwrap()
    );
    moves!(
        "revoke_token",
        store.revoke_token(org, token.id, None, Timestamp::now(), Audit::SERVER).await.unwrap().unwrap()
    );
    // An agent's invitation for an hour, by the admin.
    let invitation = |email: &str, hash: u8| NewInvitation {
        email: known_email(email),
        name: None,
        role: Role::Agent,
        bot_ids: vec![],
        hash: [hash; 32],
        created_by: MemberId(admin),
        expires_at: Timestamp::now() + SignedDuration::from_hours(1),
    };
    let invited = moves!(
        "create_invitation",
        store.create_invitation(org, invitation("d@c.test", 8), Audit::SERVER).await.unwrap()
    );
    let TeamChange::Done(invited) = invited else { panic!("the invitation was refused: {invited:?}") };
    moves!(
        "revoke_invitation",
        store.revoke_invitation(org, invited.id, Timestamp::now(), Audit::SERVER).await.unwrap().unwrap()
    );

    store.create_invitation(org, invitation("e@c.test", 9), Audit::SERVER).await.unwrap();
    let joined = moves!(
        "accept_invitation",
        store
            .accept_invitation([9; 32], NewToken::named([10; 32], "first"), Timestamp::now(), Audit::SERVER)
            .await
            .unwrap()
    );
    assert!(matches!(joined, Acceptance::Joined(_)), "{joined:?}");
    let expires = Timestamp::now() + SignedDuration::from_mins(5);
    moves!("add_sign_in_code", store.add_sign_in_code(MemberId(agent), [11; 32], expires).await.unwrap());
    let session = NewToken { expires_at: Some(expires), ..NewToken::named([12; 32], "dashboard") };
    moves!(
        "redeem_sign_in_code",
        store.redeem_sign_in_code([11; 32], session, Timestamp::now(), Audit::SERVER).await.unwrap().unwrap()
    );
    let removed = moves!(
        "remove_member",
        store.remove_member(org, MemberId(admin), MemberId(new.id), Timestamp::now(), Audit::SERVER).await.unwrap()
    );
    assert!(matches!(removed, TeamChange::Done(_)), "{removed:?}");
    let bot =
        moves!("add_bot", store.add_bot(org, NewBot::named("Second", &[Channel::Web]), Audit::SERVER).await.unwrap());
    let renamed = livechat::api::Bot { name: "Second bot".into(), ..bot.clone() };
    moves!("update_bot", store.update_bot(org, renamed, Audit::SERVER).await.unwrap().unwrap());
    let key = moves!(
        "add_bot_key",
        store.add_bot_key(org, BotId(bot.id), [13; 32], "site", Audit::SERVER).await.unwrap().unwrap()
    );
    moves!(
        "revoke_bot_key",
        store.revoke_bot_key(org, BotId(bot.id), key.id, Timestamp::now(), Audit::SERVER).await.unwrap().unwrap()
    );
    let hook = NewWebhook {
        url: "https://hooks.example.com/in".into(),
        events: vec![WebhookEvent::RequestCreated],
        bot_id: None,
        secret: "whsec_AAAA".into(),
    };
    let hook = moves!("add_webhook", store.add_webhook(org, hook, Audit::SERVER).await.unwrap());
    let test = moves!(
        "enqueue_test",
        store.enqueue_test(org, hook.id, Timestamp::now(), Audit::SERVER).await.unwrap().unwrap()
    );
    let claimed = moves!("claim_deliveries", store.claim_deliveries(Timestamp::now(), 60_000, 10).await.unwrap());
    assert_eq!(claimed.iter().map(|o| o.id).collect::<Vec<_>>(), [test.id]);
    moves!(
        "settle_delivery",
        store.settle_delivery(test.id, Settlement::Delivered { status: 200 }, Timestamp::now()).await.unwrap()
    );
    moves!("redeliver", store.redeliver(org, test.id, Timestamp::now(), Audit::SERVER).await.unwrap().unwrap());
    moves!(
        "remove_webhook",
        store.remove_webhook(org, hook.id, Timestamp::now(), Audit::SERVER).await.unwrap().unwrap()
    );
    let promoted = moves!(
        "set_role",
        store
            .set_role(org, MemberId(admin), MemberId(f.agents[1]), Role::BotAdmin, &[f.bot], Audit::SERVER)
            .await
            .unwrap()
    );
    assert!(matches!(promoted, TeamChange::Done(_)), "{promoted:?}");
    moves!("set_presence", store.set_presence(org, MemberId(agent), Presence::Away).await.unwrap().unwrap());
    moves!("set_default_capacity", store.set_default_capacity(org, 5, Audit::SERVER).await.unwrap());
    moves!("set_capacity", store.set_capacity(org, MemberId(agent), Some(2), Audit::SERVER).await.unwrap().unwrap());
    moves!(
        "set_bot_routing",
        store
            .set_bot_routing(org, BotId(bot.id), Some(RoutingMode::RoundRobin), None, Audit::SERVER)
            .await
            .unwrap()
            .unwrap()
    );

    let opened = moves!("open_request", f.open("gen").await);
    let id = RequestId(opened.id);
    let more = vec![NewMessage {
        sender: SenderKind::Visitor,
        member_id: None,
        body: "still there?".into(),
        at: Timestamp::now(),
    }];
    moves!("add_messages", store.add_messages(id, opened.version, more).await.unwrap().unwrap());
    moves!("add_note", store.add_note(org, id, note_of(agent)).await.unwrap().unwrap());
    let label = livechat::domain::Label::parse("vip").unwrap();
    moves!("relabel", store.relabel(org, vec![id], vec![label], vec![]).await.unwrap());
    let current = store.request(org, id).await.unwrap().unwrap();
    let assigned = moves!("apply_change", f.change(&current, State::Assigned, Some(agent)).await.unwrap());
    let decide: Decide = Box::new(move |r: &Request, _: &_| Some(record(r.state, State::Resolved, Some(agent))));
    moves!(
        "decide_each",
        store.decide_each(org, vec![(RequestId(assigned.id), decide)], vec![MemberId(agent)]).await.unwrap()
    );
    let closed = moves!("archive_due", store.archive_due(SignedDuration::ZERO, Timestamp::now()).await.unwrap());
    assert_eq!(closed, 1);
    let exported = store
        .export_page(org, &ExportFilter { states: vec![State::Closed], ..Default::default() }, RequestId::NONE, 10)
        .await
        .unwrap();
    let receipt = livechat::store::NewReceipt {
        first_id: exported[0].request.id,
        last_id: exported[0].request.id,
        records: 1,
        sha256: "0".repeat(64),
        since: None,
        until: None,
    };
    moves!("take_receipt", store.take_receipt(org, receipt, Audit::member(MemberId(admin))).await.unwrap().unwrap());
    moves!("set_retention", store.set_retention(org, Some(1), false, Audit::SERVER).await.unwrap());
    let later = Timestamp::now() + SignedDuration::from_hours(48);
    let swept = moves!("sweep_retention", store.sweep_retention(later, 100).await.unwrap());
    assert_eq!(swept.iter().map(|(_, c)| c.requests).sum::<u64>(), 1);
    // The second bot routes; its request goes to the one agent online with room.
    store.set_presence(org, MemberId(agent), Presence::Online).await.unwrap();
    let Opened::Created(routed) = store.open_request(org, bare_request(bot.id, "routed", None)).await.unwrap() else {
        panic!("the request was not opened")
    };
    let given = moves!("route", store.route(Some(org)).await.unwrap());
    assert_eq!(given.iter().map(|(_, r)| r.id).collect::<Vec<_>>(), [routed.id]);
    let waiting = f.open("erased").await;
    let erased = moves!(
        "erase_visitor",
        store
            .erase_visitor(org, Erasee::Visitor(VisitorId(waiting.visitor.id)), false, Timestamp::now(), Audit::SERVER)
            .await
            .unwrap()
            .unwrap()
    );
    assert_eq!(erased.requests, 1);
    let plan = livechat::store::SeedPlan { new: 2, assigned: 0, chatting: 0, resolved: 0, closed: 0, archive_days: 2 };
    moves!(
        "bulk_seed",
        store
            .bulk_seed(org, vec![(BotId(f.bot), Channel::Web)], vec![MemberId(agent)], plan, Timestamp::now())
            .await
            .unwrap()
    );

    // Nothing to do writes nothing: the minute's sweeps and passes leave pages valid.
    let last = store.generation(org).await.unwrap();
    store.archive_due(SignedDuration::ZERO, Timestamp::now()).await.unwrap();
    store.route(Some(org)).await.unwrap();
    store.sweep_retention(Timestamp::now(), 100).await.unwrap();
    store
        .erase_visitor(org, Erasee::Visitor(VisitorId(opened.visitor.id)), true, Timestamp::now(), Audit::SERVER)
        .await
        .unwrap();
    assert_eq!(store.generation(org).await.unwrap(), last, "a pass with nothing to do moved the generation");
    // Another organization's writes move only its own.
    store.add_bot(other, NewBot::named("Theirs", &[Channel::Web]), Audit::SERVER).await.unwrap();
    assert_eq!(store.generation(org).await.unwrap(), last);

    let writes: BTreeSet<&str> =
        livechat::store::METHODS.iter().filter(|(_, writes)| *writes).map(|(name, _)| *name).collect();
    let missed: Vec<_> = writes.difference(&moved).collect();
    assert!(missed.is_empty(), "these write methods are not checked here: {missed:?}");
    assert_eq!(moved, writes);
}
