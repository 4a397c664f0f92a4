//! The demo organization `server start-dev` creates: four members, two bots on different
//! channels, and forty requests in every state, built through the store's own write paths
//! so the demo data obeys the same invariants as real data.

use jiff::{SignedDuration, Timestamp};

use super::auth::new_token;
use super::service::bot_reply;
use crate::api::{FormField, Member, Request};
use crate::domain::{Channel, NoteKind, Presence, Role, SenderKind, State, known_email};
use crate::store::{
    Audit, ChangeActor, ChangeRecord, MemberId, NewBot, NewMember, NewMessage, NewNote, NewRequest, NewToken, Opened,
    OrgId, RequestId, Store, StoreError, StoreResult,
};

/// A seeded member with the CLI profile name and token made for them.
pub struct SeededMember {
    pub profile: String,
    pub member: Member,
    pub token: String,
}

/// The visitors of the demo; `None` names give requests titled by the platform user id.
const VISITORS: &[(Option<&str>, &str)] = &[
    (Some("Maya Chen"), "maya.chen@example.com"),
    (Some("Tomás Rivera"), "tomas@example.com"),
    (None, ""),
    (Some("Priya Natarajan"), "priya.n@example.com"),
    (Some("Oluwaseun Adeyemi"), "seun@example.com"),
    (Some("Lena Fischer"), "lena.fischer@example.com"),
    (None, ""),
    (Some("Hiroshi Tanaka"), "hiroshi@example.com"),
    (Some("Amara Okafor"), "amara@example.com"),
    (Some("Jonas Berg"), "jonas.berg@example.com"),
];

/// What visitors ask about, with the extra form field the bot's form collects for it.
const TOPICS: &[(&str, &str, &str)] = &[
    ("My order hasn't arrived and the tracking page is blank.", "order_number", "A-48213"),
    ("I was charged twice for the same ticket.", "order_number", "A-51907"),
    ("The bot can't find my booking; I need a person.", "booking_ref", "BK-7731"),
    ("How do I move my subscription to another account?", "new_account", "family@example.com"),
    ("The discount code from your newsletter doesn't work.", "promo_code", "WINTER25"),
    ("I need to change the delivery address on an order.", "order_number", "A-50122"),
    ("Can someone help me with a refund?", "order_number", "A-49876"),
    ("My account is locked after a password reset.", "account_email", "locked.out@example.com"),
];

/// (state, count, minutes between creations, minutes of age for the newest)
const PLAN: &[(State, usize, i64, i64)] = &[
    (State::New, 12, 9, 2),
    (State::Assigned, 8, 17, 25),
    (State::Chatting, 4, 11, 15),
    (State::Resolved, 6, 23, 90),
    (State::Closed, 10, 600, 2 * 24 * 60),
];

fn member(email: &str, name: &str, role: Role, bot_ids: Vec<i64>, presence: Presence) -> NewMember {
    NewMember { email: known_email(email), name: name.into(), role, bot_ids, presence }
}

fn say(sender: SenderKind, member_id: Option<i64>, body: impl Into<String>, at: Timestamp) -> NewMessage {
    NewMessage { sender, member_id, body: body.into(), at }
}

/// Writes one change of a seeded request, keeping its version in step.
async fn change(store: &dyn Store, org: OrgId, request: &mut Request, record: ChangeRecord) -> StoreResult<()> {
    *request = store.apply_change(org, RequestId(request.id), request.version, record).await?.ok_or_else(|| {
        StoreError::Database(format!("seeded request #{} changed under the seed", crate::store::number(request.id)))
    })?;
    Ok(())
}

fn record(from: State, to: State, assignee: Option<i64>, actor: i64, at: Timestamp) -> ChangeRecord {
    ChangeRecord {
        from,
        to,
        assignee,
        actor: ChangeActor::Member(actor),
        at,
        resolution_note: None,
        transcript: Vec::new(),
    }
}

/// What the demo holds that the banner points people to.
pub struct Demo {
    /// The members with fresh tokens, `dev` first.
    pub members: Vec<SeededMember>,
    /// The number of the newest new request: the top of the queue.
    pub newest_new: i64,
}

/// Seeds the demo organization.
pub async fn seed_demo(store: &dyn Store) -> StoreResult<Demo> {
    let admin = member("dana@acme.test", "Dana Ortiz", Role::OrgAdmin, vec![], Presence::Online);
    let org = store.create_organization("Acme Support", admin).await?;
    let org_id = OrgId(org.organization.id);
    let help =
        store.add_bot(org_id, NewBot::named("Acme Help", &[Channel::Web, Channel::Messenger]), Audit::SERVER).await?;
    let community = store.add_bot(org_id, NewBot::named("Acme Community", &[Channel::Discord]), Audit::SERVER).await?;
    let bot_admin = store
        .add_member(
            org_id,
            member("bo@acme.test", "Bo Lindqvist", Role::BotAdmin, vec![help.id], Presence::Online),
            Audit::SERVER,
        )
        .await?;
    let alice = store
        .add_member(
            org_id,
            member("alice@acme.test", "Alice Moreau", Role::Agent, vec![], Presence::Online),
            Audit::SERVER,
        )
        .await?;
    let ravi = store
        .add_member(org_id, member("ravi@acme.test", "Ravi Shah", Role::Agent, vec![], Presence::Away), Audit::SERVER)
        .await?;
    let agents = [alice.id, ravi.id, bot_admin.id];

    let now = Timestamp::now();
    // Requests are created oldest first, so ids grow with age as they do in real use.
    let mut plan: Vec<(State, Timestamp)> = PLAN
        .iter()
        .flat_map(|&(state, count, spacing, newest)| {
            (0..count as i64).map(move |i| (state, now - SignedDuration::from_mins(newest + spacing * i)))
        })
        .collect();
    plan.sort_by_key(|(_, created)| *created);
    let mut newest_new = 0;
    for (n, (state, created)) in plan.into_iter().enumerate() {
        let (bot, channel) = match n % 5 {
            0 | 3 => (&help, Channel::Web),
            1 => (&help, Channel::Messenger),
            _ => (&community, Channel::Discord),
        };
        // Each archived request belongs to a visitor who came back thirty requests later (on
        // the same channel), so those visitors have an earlier conversation and no one has
        // two open requests.
        let visitor = if state == State::Closed { n + 30 } else { n };
        let (name, email) = VISITORS[visitor % VISITORS.len()];
        let user_id = format!("{}-{:04}", channel, 1000 + visitor * 7);
        let (question, extra, sample) = TOPICS[n % TOPICS.len()];
        let mut fields = Vec::new();
        if let Some(name) = name {
            fields.push(FormField { name: "name".into(), value: name.into() });
            fields.push(FormField { name: "email".into(), value: email.into() });
        }
        fields.push(FormField { name: "message".into(), value: question.into() });
        if n % 3 == 0 {
            fields.push(FormField { name: extra.into(), value: sample.into() });
        }
        let form_body = fields.iter().map(|f| format!("{}: {}", f.name, f.value)).collect::<Vec<_>>().join("\n");
        let asked = created - SignedDuration::from_mins(2);
        let new = NewRequest {
            bot_id: bot.id,
            channel,
            user_id,
            name: name.map(String::from),
            email: name.map(|_| email.to_string()),
            form: Some(NewNote {
                kind: NoteKind::Form,
                author_member_id: None,
                body: form_body,
                fields: Some(fields),
                at: created,
            }),
            transcript: vec![
                say(SenderKind::Visitor, None, question, asked),
                say(
                    SenderKind::Bot,
                    None,
                    "I can help with orders, bookings and accounts. Could you tell me more?",
                    asked,
                ),
                say(SenderKind::Visitor, None, "I'd like to speak with a live agent, please.", created),
                say(
                    SenderKind::Bot,
                    None,
                    bot_reply(&crate::api::BotTexts::default(), State::New, None, true),
                    created,
                ),
            ],
            at: created,
            conversation_hash: None,
            follows: None,
            origin: None,
        };
        let mut request = match store.open_request(org_id, new).await? {
            Opened::Created(request) => request,
            other => return Err(StoreError::Database(format!("the demo could not open a request: {other:?}"))),
        };
        if state == State::New {
            newest_new = crate::store::number(request.id);
        }
        let agent = agents[n % agents.len()];
        // Each request moves at its own pace, so the analytics have something to show.
        let pace = (n % 7) as i64;
        let step = |minutes: i64| created + SignedDuration::from_mins(minutes + pace * (1 + minutes / 4));
        if state != State::New {
            change(store, org_id, &mut request, record(State::New, State::Assigned, Some(agent), agent, step(3)))
                .await?;
        }
        if matches!(state, State::Chatting | State::Resolved | State::Closed) && n % 2 == 0 {
            let agent_name = if agent == alice.id {
                &alice.name
            } else if agent == ravi.id {
                &ravi.name
            } else {
                &bot_admin.name
            };
            let mut start = record(State::Assigned, State::Chatting, Some(agent), agent, step(5));
            start.transcript = vec![
                say(SenderKind::System, None, format!("{agent_name} joined the chat. The bot is paused."), step(5)),
                say(
                    SenderKind::Agent,
                    Some(agent),
                    format!("Hi, I'm {agent_name}. I'm looking into this now."),
                    step(6),
                ),
                say(SenderKind::Visitor, None, "Thank you!", step(7)),
            ];
            change(store, org_id, &mut request, start).await?;
        } else if state == State::Chatting {
            change(store, org_id, &mut request, record(State::Assigned, State::Chatting, Some(agent), agent, step(5)))
                .await?;
        }
        if matches!(state, State::Resolved | State::Closed) {
            // Resolved requests stay inside the 24-hour archive window of the default server.
            let resolved_at = step(12).min(now - SignedDuration::from_mins(1));
            let mut resolve = record(request.state, State::Resolved, Some(agent), agent, resolved_at);
            resolve.resolution_note = (n % 2 == 1).then(|| "Sorted out: reissued the order confirmation.".to_string());
            change(store, org_id, &mut request, resolve).await?;
        }
        if state == State::Closed {
            let mut close = record(State::Resolved, State::Closed, Some(agent), agent, step(24 * 60));
            close.actor = ChangeActor::Server;
            change(store, org_id, &mut request, close).await?;
        }
    }

    let mut seeded = Vec::new();
    let members = [("dev", org.member), ("dev-bot-admin", bot_admin), ("dev-agent", alice), ("dev-agent-2", ravi)];
    for (profile, member) in members {
        let (token, hash) = new_token("lc_");
        store
            .add_token(
                MemberId(member.id),
                NewToken::named(hash, &format!("start-dev profile {profile}")),
                Audit::SERVER,
            )
            .await?;
        seeded.push(SeededMember { profile: profile.to_string(), member, token });
    }
    Ok(Demo { members: seeded, newest_new })
}
