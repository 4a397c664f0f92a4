//! Applies the domain's decisions to stored requests. Every change is read, decided, then
//! written only if the request still has the version that was read; a lost race is decided
//! again from the fresh state, so the domain rules always see what is really there.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use jiff::Timestamp;

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use crate::api::grammar::{self, MAX_TEXT_CHARS, MemberRef, TextProblem};
use crate::api::{Assignee, BotTexts, ErrorCode, Member, Message, Outcome, Request};
use crate::domain::{
    self, Action, Decision, Presence, Refusal, RequestFacts, Roster, SenderKind, State, VisitorEffect, team,
};
use crate::store::sql::{ms, ts};
use crate::store::{ChangeActor, ChangeRecord, Decide, MemberId, NewMessage, NewRequest, Opened, RequestId, number};

/// How often a message is tried again after the request changed under it.
const MAX_ATTEMPTS: usize = 8;

/// A member's command on one request, with the arguments the domain does not need.
#[derive(Debug, Clone)]
pub enum Command {
    Assign { to: String },
    Unassign,
    StartChat,
    EndChat,
    Resolve { note: Option<String> },
}

/// Checks a note or message body: present, and not longer than the limit.
pub fn checked_text(what: &str, body: &str) -> Result<String, ApiError> {
    match grammar::text(body) {
        Ok(text) => Ok(text.to_string()),
        Err(TextProblem::Empty) => Err(ApiError::invalid(format!("the {what} is empty; write some text"))),
        Err(TextProblem::Nul) => {
            Err(ApiError::invalid(format!("the {what} contains a NUL character, which cannot be stored; remove it")))
        }
        Err(TextProblem::TooLong(chars)) => Err(ApiError::new(
            ErrorCode::TextTooLong,
            format!("the {what} has {chars} characters; the limit is {MAX_TEXT_CHARS}"),
        )),
    }
}

/// Finds a member of the caller's organization by id, email, or `me`.
pub async fn resolve_member(state: &AppState, caller: &Caller, key: &str) -> Result<Member, ApiError> {
    let found = match grammar::member(key) {
        Some(MemberRef::Me) => Some(caller.0.member.clone()),
        Some(MemberRef::Id(id)) => state.store.member(caller.org_id(), MemberId(id)).await?,
        Some(MemberRef::Email(email)) => state.store.member_by_email(caller.org_id(), email).await?,
        None => {
            return Err(ApiError::invalid(format!("`{key}` is not a member: use a member id, an email, or `me`")));
        }
    };
    found.ok_or_else(|| ApiError::not_found(format!("no member `{key}` in your organization")))
}

/// The member, unless they were removed: a removed member takes no requests and no role.
pub fn active(member: Member) -> Result<Member, ApiError> {
    match member.removed_at {
        None => Ok(member),
        Some(_) => Err(removed_member(&member.email)),
    }
}

fn removed_member(who: &str) -> ApiError {
    ApiError::new(
        ErrorCode::MemberRemoved,
        format!("{who} was removed from the organization; invite them again to give them work"),
    )
}

fn facts(request: &Request) -> RequestFacts {
    RequestFacts { state: request.state, assignee: request.assignee.as_ref().map(|m| m.id), bot_id: request.bot.id }
}

fn assignee_name(request: &Request) -> String {
    request.assignee.as_ref().map_or_else(|| "nobody".to_string(), |m| m.name.clone())
}

fn refusal_error(request: &Request, refusal: Refusal) -> ApiError {
    let id = number(request.id);
    match refusal {
        Refusal::InvalidTransition { state, action } => {
            let allowed = either(&action.allowed_from().iter().map(|s| s.as_str()).collect::<Vec<_>>());
            let hint = match (action, state) {
                (Action::StartChat | Action::SendMessage, State::New) => {
                    format!("; take it first with `livechat requests assign {id} --to me`")
                }
                (Action::SendMessage, State::Assigned) => {
                    format!("; start the chat first with `livechat requests chat {id}`")
                }
                (Action::StartChat, State::Resolved | State::Closed) => {
                    "; a visitor who writes again within the archive window reopens a resolved request".to_string()
                }
                _ => String::new(),
            };
            ApiError::new(
                ErrorCode::InvalidTransition,
                format!(
                    "cannot {} request #{id}: it is {state}, and that is possible only when it is {allowed}{hint}",
                    action.verb()
                ),
            )
        }
        Refusal::AlreadyAssigned { state, .. } => ApiError::new(
            ErrorCode::AlreadyAssigned,
            format!(
                "request #{id} is already taken: it is {state}, held by {}; ask an admin to reassign it",
                assignee_name(request)
            ),
        ),
        Refusal::Forbidden { action: Action::StartChat | Action::EndChat | Action::SendMessage } => {
            ApiError::forbidden(format!(
                "request #{id} is {} and held by {}; only they can chat on it. Follow it with \
                 `livechat requests chat {id} --follow`, or ask an admin to reassign it",
                request.state,
                assignee_name(request)
            ))
        }
        Refusal::Forbidden { .. } => ApiError::forbidden(format!("request #{id}: {refusal}")),
    }
}

fn version_conflict(request: &Request, expected: i64) -> ApiError {
    ApiError::new(
        ErrorCode::VersionConflict,
        format!(
            "request #{} changed since you read it (version {expected}, now {}): it is {} and assigned to {}",
            number(request.id),
            request.version,
            request.state,
            assignee_name(request)
        ),
    )
}

fn system_message(body: String, at: Timestamp) -> NewMessage {
    NewMessage { sender: SenderKind::System, member_id: None, body, at }
}

fn bot_message(body: &str, at: Timestamp) -> NewMessage {
    NewMessage { sender: SenderKind::Bot, member_id: None, body: body.to_string(), at }
}

/// One command on one request, conditional on `if_version` when given.
#[derive(Debug, Clone)]
pub struct Item {
    /// The request's number in the caller's organization.
    pub id: i64,
    pub command: Command,
    pub if_version: Option<i64>,
}

/// Applies one command to one request.
pub async fn act(
    state: &AppState,
    caller: &Caller,
    id: i64,
    command: Command,
    if_version: Option<i64>,
) -> Result<(Outcome, Request), ApiError> {
    let mut results = act_many(state, caller, vec![Item { id, command, if_version }]).await?;
    results.pop().unwrap_or_else(|| Err(ApiError::request_not_found(id)))
}

/// Decides one item on the request as the store holds it under the write lock: what to
/// write (`Some`), nothing because it is already done (`None`), or a refusal.
fn decide_item(
    caller: &Caller,
    texts: &BotTexts,
    request: &Request,
    roster: &Roster,
    action: Action,
    if_version: Option<i64>,
    note: Option<String>,
    taker: Option<&str>,
) -> Result<Option<ChangeRecord>, ApiError> {
    let decision = domain::decide(&caller.actor(), facts(request), action);
    if let Some(expected) = if_version.filter(|v| *v != request.version) {
        // A retried or re-run item whose change already happened is unchanged, not a
        // conflict: the request is where the caller wanted it.
        return match decision {
            Ok(Decision::Unchanged) => Ok(None),
            _ => Err(version_conflict(request, expected)),
        };
    }
    let change = match decision {
        Ok(Decision::Unchanged) => return Ok(None),
        Ok(Decision::Change(change)) => change,
        Err(refusal) => return Err(refusal_error(request, refusal)),
    };
    if let Some(to) = change.assignee.filter(|to| Some(*to) != facts(request).assignee) {
        team::take_work(roster.get(to)).map_err(|_| removed_member(taker.unwrap_or("the member")))?;
    }
    let at = Timestamp::now();
    let name = &caller.0.member.name;
    let transcript = match (request.state, change.to) {
        (_, State::Chatting) => vec![system_message(agent_line(&texts.agent_joined, name), at)],
        // The agent who was chatting leaves, whoever ends it (an admin resolving, say).
        (State::Chatting, _) => {
            let agent = request.assignee.as_ref().map_or(name.as_str(), |m| m.name.as_str());
            vec![system_message(agent_line(&texts.agent_left, agent), at)]
        }
        _ => Vec::new(),
    };
    Ok(Some(ChangeRecord {
        from: request.state,
        to: change.to,
        assignee: change.assignee,
        actor: ChangeActor::Member(caller.member_id()),
        at,
        resolution_note: note,
        transcript,
    }))
}

/// Words as an English choice: `a`, `a or b`, `a, b or c`.
fn either(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

type Verdict = Arc<Mutex<Option<Result<Outcome, ApiError>>>>;

/// Applies many commands in one trip to the store, in one transaction: each item is decided
/// in turn on its request as it is then, and one item's refusal leaves the others alone.
pub async fn act_many(
    state: &AppState,
    caller: &Caller,
    items: Vec<Item>,
) -> Result<Vec<Result<(Outcome, Request), ApiError>>, ApiError> {
    let mut members: HashMap<String, Result<i64, ApiError>> = HashMap::new();
    // Who each named member is, for a refusal's message.
    let mut emails: HashMap<i64, String> = HashMap::new();
    // The transcript's joined and left lines are each bot's own.
    let texts: Arc<HashMap<i64, BotTexts>> =
        Arc::new(state.store.bots(caller.org_id()).await?.into_iter().map(|b| (b.id, b.texts)).collect());
    let mut prepared: Vec<Result<Verdict, ApiError>> = Vec::with_capacity(items.len());
    let mut work: Vec<(i64, Decide)> = Vec::with_capacity(items.len());
    for item in items {
        let action = match &item.command {
            // Whether the member may take work is decided in the store's transaction, on the
            // member as it is then; here the name only becomes an id.
            Command::Assign { to } => {
                let key = to.trim().to_ascii_lowercase();
                if !members.contains_key(&key) {
                    let found = resolve_member(state, caller, to).await;
                    if let Ok(member) = &found {
                        emails.insert(member.id, member.email.clone());
                    }
                    members.insert(key.clone(), found.map(|m| m.id));
                }
                members[&key].clone().map(|to| (Action::Assign { to }, None))
            }
            Command::Unassign => Ok((Action::Unassign, None)),
            Command::StartChat => Ok((Action::StartChat, None)),
            Command::EndChat => Ok((Action::EndChat, None)),
            Command::Resolve { note } => {
                note.as_deref().map(|n| checked_text("note", n)).transpose().map(|note| (Action::Resolve, note))
            }
        };
        let (action, note) = match action {
            Ok(found) => found,
            Err(err) => {
                prepared.push(Err(err));
                continue;
            }
        };
        let verdict: Verdict = Arc::new(Mutex::new(None));
        let slot = verdict.clone();
        let caller = Caller(caller.0.clone(), caller.1, caller.2);
        let texts = Arc::clone(&texts);
        let if_version = item.if_version;
        let taker = match action {
            Action::Assign { to } => emails.get(&to).cloned(),
            _ => None,
        };
        work.push((
            item.id,
            Box::new(move |request: &Request, roster: &Roster| {
                let bot_texts = texts.get(&request.bot.id).cloned().unwrap_or_default();
                let decided =
                    decide_item(&caller, &bot_texts, request, roster, action, if_version, note, taker.as_deref());
                let (outcome, change) = match decided {
                    Ok(Some(change)) => (Ok(Outcome::Ok), Some(change)),
                    Ok(None) => (Ok(Outcome::Unchanged), None),
                    Err(err) => (Err(err), None),
                };
                *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
                change
            }),
        ));
        prepared.push(Ok(verdict));
    }
    let ids: Vec<i64> = work.iter().map(|(id, _)| *id).collect();
    let org = caller.org_id();
    let work = work.into_iter().map(|(id, decide)| (RequestId::numbered(org, id), decide)).collect();
    let takers = emails.keys().map(|id| MemberId(*id)).collect();
    let mut after = state.store.decide_each(caller.org_id(), work, takers).await?.into_iter().zip(ids);
    let mut results = Vec::with_capacity(prepared.len());
    for verdict in prepared {
        let verdict = match verdict {
            Ok(verdict) => verdict,
            Err(err) => {
                results.push(Err(err));
                continue;
            }
        };
        let (request, id) = after.next().expect("the store answers every item");
        let outcome = verdict.lock().unwrap_or_else(|e| e.into_inner()).take();
        results.push(match (request, outcome) {
            (None, _) => Err(ApiError::request_not_found(id)),
            (Some(request), Some(Ok(outcome))) => {
                if outcome == Outcome::Ok {
                    state.changed(caller.org_id(), &request);
                    if request.state == State::Resolved {
                        state.archive_wakeup.notify_one();
                    }
                }
                Ok((outcome, request))
            }
            (Some(_), Some(Err(err))) => Err(err),
            (Some(_), None) => Err(ApiError::request_not_found(id)),
        });
    }
    // Taking work or opening a chat means being at work: a member still offline, as new
    // members start, comes online, so the bot stops telling visitors that nobody is. Away
    // is a choice, and stays.
    let at_work = results.iter().any(|r| {
        matches!(r, Ok((Outcome::Ok, request)) if request.assignee.as_ref().is_some_and(|m| m.id == caller.member_id()))
    });
    if at_work && caller.0.member.presence == Presence::Offline {
        state.store.set_presence(caller.org_id(), caller.member(), Presence::Online).await?;
        state.auth_cache.forget();
        state.team_changed(caller.org_id());
    }
    Ok(results)
}

/// The assignee writes to the visitor during a live chat.
pub async fn agent_message(state: &AppState, caller: &Caller, id: i64, body: &str) -> Result<Message, ApiError> {
    let body = checked_text("message", body)?;
    for _ in 0..MAX_ATTEMPTS {
        let request = state
            .store
            .request(caller.org_id(), RequestId::numbered(caller.org_id(), id))
            .await?
            .ok_or_else(|| ApiError::request_not_found(id))?;
        domain::decide(&caller.actor(), facts(&request), Action::SendMessage)
            .map_err(|refusal| refusal_error(&request, refusal))?;
        // Whole milliseconds, as stored, so the answer matches what every stream shows.
        let at = ts(ms(Timestamp::now()));
        let message =
            NewMessage { sender: SenderKind::Agent, member_id: Some(caller.member_id()), body: body.clone(), at };
        if let Some(ids) = state.store.add_messages(RequestId(request.id), request.version, vec![message]).await? {
            state.ping(caller.org_id(), &request);
            // Answered from what was written, not read back: a read that failed after the
            // commit would invite a retry that sends the message twice.
            let message_id = ids.first().copied().ok_or_else(|| ApiError::new(ErrorCode::Internal, "no message id"))?;
            return Ok(Message {
                id: message_id,
                request_id: id,
                sender: SenderKind::Agent,
                sender_name: caller.0.member.name.clone(),
                body,
                created_at: at,
            });
        }
    }
    Err(ApiError::new(ErrorCode::Busy, format!("request #{id} kept changing; try again")))
}

/// What the bot says when it answers a visitor on a request in `state`: presence-aware
/// while nobody holds the request.
pub fn bot_reply(texts: &BotTexts, state: State, assignee: Option<&Assignee>, anyone_online: bool) -> String {
    match (state, assignee) {
        (State::Assigned, Some(agent)) => format!("Thanks! {} will join this chat shortly.", agent.name),
        _ if !anyone_online => texts.offline_reply.clone(),
        _ => texts.queue_reply.clone(),
    }
}

/// A bot's line about an agent, with `{agent}` standing for their name.
fn agent_line(template: &str, agent: &str) -> String {
    template.replace("{agent}", agent)
}

/// The outcome of a visitor's message.
pub struct VisitorReply {
    pub request: Request,
    pub reply: Option<String>,
}

/// A visitor writes on their conversation: the bot answers unless an agent is chatting; a
/// resolved request reopens, and an archived one gives way to a new request.
pub async fn visitor_message(state: &AppState, token_hash: [u8; 32], body: &str) -> Result<VisitorReply, ApiError> {
    let body = checked_text("message", body)?;
    for _ in 0..MAX_ATTEMPTS {
        let conversation = state.store.conversation(token_hash).await?.ok_or_else(|| {
            ApiError::not_found("this conversation does not exist; start a new one with the request form")
        })?;
        let request = conversation.request;
        let at = Timestamp::now();
        let said = NewMessage { sender: SenderKind::Visitor, member_id: None, body: body.clone(), at };
        match domain::visitor_writes(request.state) {
            VisitorEffect::AgentReceives => {
                if state.store.add_messages(RequestId(request.id), request.version, vec![said]).await?.is_some() {
                    state.ping(conversation.org_id, &request);
                    return Ok(VisitorReply { request, reply: None });
                }
            }
            VisitorEffect::BotReplies => {
                let online = state.store.anyone_online(conversation.org_id).await?;
                let reply = bot_reply(&conversation.bot.texts, request.state, request.assignee.as_ref(), online);
                let messages = vec![said, bot_message(&reply, at)];
                if state.store.add_messages(RequestId(request.id), request.version, messages).await?.is_some() {
                    state.ping(conversation.org_id, &request);
                    return Ok(VisitorReply { request, reply: Some(reply) });
                }
            }
            VisitorEffect::Reopen => {
                let online = state.store.anyone_online(conversation.org_id).await?;
                let reply = bot_reply(&conversation.bot.texts, State::New, None, online);
                let record = ChangeRecord {
                    from: request.state,
                    to: State::New,
                    assignee: None,
                    actor: ChangeActor::Visitor,
                    at,
                    resolution_note: None,
                    transcript: vec![
                        said,
                        system_message("The visitor wrote again, so the request is open again.".into(), at),
                        bot_message(&reply, at),
                    ],
                };
                if let Some(request) = state
                    .store
                    .apply_change(conversation.org_id, RequestId(request.id), request.version, record)
                    .await?
                {
                    state.changed(conversation.org_id, &request);
                    return Ok(VisitorReply { request, reply: Some(reply) });
                }
            }
            VisitorEffect::StartNewRequest => {
                let online = state.store.anyone_online(conversation.org_id).await?;
                let reply = bot_reply(&conversation.bot.texts, State::New, None, online);
                let visitor = request.visitor;
                let new = NewRequest {
                    bot_id: conversation.bot.id,
                    channel: conversation.channel,
                    user_id: visitor.user_id,
                    name: visitor.name,
                    email: visitor.email,
                    form: None,
                    transcript: vec![said, bot_message(&reply, at)],
                    at,
                    conversation_hash: None,
                    follows: Some(request.id),
                    origin: None,
                };
                if let Opened::Created(request) = state.store.open_request(conversation.org_id, new).await? {
                    state.changed(conversation.org_id, &request);
                    return Ok(VisitorReply { request, reply: Some(reply) });
                }
            }
        }
    }
    Err(ApiError::new(ErrorCode::Busy, "the conversation kept changing; send the message again"))
}

#[cfg(test)]
mod tests {
    use super::either;

    #[test]
    fn choices_read_as_english() {
        assert_eq!(either(&["new"]), "new");
        assert_eq!(either(&["assigned", "chatting"]), "assigned or chatting");
        assert_eq!(either(&["new", "assigned", "chatting"]), "new, assigned or chatting");
    }
}
