//! `/v1/tokens`, `/v1/invitations` and a member's page: who may call the API, and joining and
//! leaving the organization.

use axum::Json;
use axum::extract::State as AxumState;
use axum::http::StatusCode;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::auth::{Caller, hash_token, new_token};
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath, ApiQuery, duration_param, name_param};
use super::limits::ClientAddr;
use super::members::MemberPath;
use super::service::{self, Command, Item, resolve_member};
use crate::api::{
    AcceptBody, BatchResult, CreatedInvitation, CreatedToken, ErrorBody, ErrorCode, Invitation, InvitationBody,
    InvitationStatus, Joined, Member, MemberRemoved, NewTokenBody, Page, TokenInfo,
};
use crate::domain::{Email, TeamRefusal};
use crate::domain::{Role, State};
use crate::store::{Acceptance, AssigneeFilter, MemberId, NewInvitation, NewToken, RequestFilter, TeamChange, number};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(list_invitations, create_invitation))
        .routes(routes!(revoke_invitation))
        .routes(routes!(accept_invitation))
        .routes(routes!(show_member, remove_member))
}

/// How long an invitation's code lasts unless the admin says otherwise.
const INVITATION_LIFETIME: SignedDuration = SignedDuration::from_hours(7 * 24);
/// The most bots one bot admin administers.
pub const MAX_BOTS_PER_ADMIN: usize = 100;

/// A team rule's refusal, about the member `who` (an email).
pub fn team_refusal(refusal: TeamRefusal, who: &str) -> ApiError {
    match refusal {
        TeamRefusal::NotOrgAdmin => {
            ApiError::forbidden("only org admins can do this, and another org admin changed your role meanwhile")
        }
        TeamRefusal::LastOrgAdmin => ApiError::new(
            ErrorCode::LastOrgAdmin,
            format!("{who} is the only org admin; make someone else an org admin first"),
        ),
        TeamRefusal::Removed => ApiError::new(
            ErrorCode::MemberRemoved,
            format!("{who} was removed from the organization; invite them again to give them a role or work"),
        ),
        TeamRefusal::HoldsOpen(n) => ApiError::new(
            ErrorCode::HoldsOpenRequests,
            format!(
                "{who} still holds {n} open request{}; say where they go with `reassign_to` (a member, or `none` \
                 for the queue)",
                if n == 1 { "" } else { "s" }
            ),
        ),
        TeamRefusal::AlreadyMember(id) => {
            ApiError::new(ErrorCode::AlreadyMember, format!("{who} is already member #{id}"))
        }
        TeamRefusal::AlreadyInvited(id) => ApiError::new(
            ErrorCode::Duplicate,
            format!("{who} already has pending invitation #{id}; revoke it first to send a new one"),
        ),
    }
}

pub fn only_org_admins(caller: &Caller, what: &str) -> Result<(), ApiError> {
    if caller.0.member.role == Role::OrgAdmin {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!("only org admins can {what}")))
    }
}

/// A name from the caller, or `default` when none was given.
fn name_or(name: Option<&str>, default: &str) -> Result<String, ApiError> {
    name.map_or_else(|| Ok(default.to_string()), |name| name_param("the name", name))
}

/// When something given a lifetime `expires_in` from now runs out.
fn expiry(expires_in: Option<&str>, default: Option<SignedDuration>) -> Result<Option<Timestamp>, ApiError> {
    let lifetime = match expires_in {
        Some(text) => Some(duration_param(text)?),
        None => default,
    };
    let Some(lifetime) = lifetime else { return Ok(None) };
    Timestamp::now()
        .checked_add(lifetime)
        .map(Some)
        .map_err(|_| ApiError::invalid("`expires_in` reaches past the last time this server can represent"))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct TokensQuery {
    /// Whose tokens: `me` (the default), a member, or `all` (org admins).
    #[param(pattern = r"^(all|me|[0-9]{1,18}|[^\x00@]*@[^\x00]*)$", max_length = 320)]
    member: Option<String>,
}

#[utoipa::path(get, path = "/v1/tokens", tag = "members", params(TokensQuery), security(("bearer" = [])), responses((status = 200, body = Page<TokenInfo>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, description = "Only org admins list other members' tokens", body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_tokens(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<TokensQuery>,
) -> Result<Json<Page<TokenInfo>>, ApiError> {
    let owner = match query.member.as_deref().unwrap_or("me") {
        "me" => Some(caller.member()),
        key => {
            only_org_admins(&caller, "list other members' tokens")?;
            match key {
                "all" => None,
                key => Some(MemberId(resolve_member(&state, &caller, key).await?.id)),
            }
        }
    };
    let mut items = state.store.tokens(caller.org_id(), owner).await?;
    for token in &mut items {
        token.current = token.id == caller.1;
    }
    Ok(Json(Page { items, next_cursor: None }))
}

#[utoipa::path(post, path = "/v1/tokens", tag = "members", request_body = NewTokenBody, security(("bearer" = [])), responses((status = 201, body = CreatedToken), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn create_token(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<NewTokenBody>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    let name = name_or(body.name.as_deref(), "token")?;
    let expires_at = expiry(body.expires_in.as_deref(), None)?;
    let (token, hash) = new_token("lc_");
    let info = state.store.add_token(caller.member(), NewToken { hash, name, expires_at }, caller.audit()).await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token, info })))
}

#[utoipa::path(delete, path = "/v1/tokens/{id}", tag = "members", params(("id" = i64, Path, description = "The token's id")), security(("bearer" = [])), responses((status = 200, description = "The token, now revoked", body = TokenInfo), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "The token this call is made with", body = ErrorBody)))]
async fn revoke_token(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<TokenInfo>, ApiError> {
    if id == caller.1 {
        return Err(ApiError::new(
            ErrorCode::CurrentToken,
            format!("token {id} is the one making this call; revoke it with another token, or log out"),
        ));
    }
    let owner = (caller.0.member.role != Role::OrgAdmin).then(|| caller.member());
    let revoked = state.store.revoke_token(caller.org_id(), id, owner, Timestamp::now(), caller.audit()).await?;
    state.auth_cache.forget();
    revoked
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("you have no token {id}; `livechat auth tokens list` shows yours")))
}

#[utoipa::path(get, path = "/v1/invitations", tag = "members", security(("bearer" = [])), responses((status = 200, body = Page<Invitation>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_invitations(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
) -> Result<Json<Page<Invitation>>, ApiError> {
    only_org_admins(&caller, "see invitations")?;
    let items = state.store.invitations(caller.org_id(), Timestamp::now()).await?;
    Ok(Json(Page { items, next_cursor: None }))
}

/// Checks a role and its bots against the organization's bots.
pub async fn role_bots(state: &AppState, caller: &Caller, role: Role, bot_ids: Vec<i64>) -> Result<Vec<i64>, ApiError> {
    match role {
        Role::BotAdmin if bot_ids.is_empty() => {
            Err(ApiError::invalid("a bot admin needs the bots they administer: pass `bot_ids`"))
        }
        Role::BotAdmin if bot_ids.len() > MAX_BOTS_PER_ADMIN => {
            Err(ApiError::invalid(format!("a bot admin administers at most {MAX_BOTS_PER_ADMIN} bots")))
        }
        Role::BotAdmin => {
            let bots = state.store.bots(caller.org_id()).await?;
            match bot_ids.iter().find(|id| !bots.iter().any(|b| b.id == **id)) {
                Some(unknown) => Err(ApiError::not_found(format!("bot #{unknown} is not a bot of your organization"))),
                None => Ok(bot_ids),
            }
        }
        _ if !bot_ids.is_empty() => {
            Err(ApiError::invalid(format!("`bot_ids` goes only with the bot-admin role, not {role}")))
        }
        _ => Ok(bot_ids),
    }
}

#[utoipa::path(post, path = "/v1/invitations", tag = "members", request_body = InvitationBody, security(("bearer" = [])), responses((status = 201, body = CreatedInvitation), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, description = "A bot that is not the organization's", body = ErrorBody), (status = 409, description = "Already a member, or already invited", body = ErrorBody)))]
async fn create_invitation(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<InvitationBody>,
) -> Result<(StatusCode, Json<CreatedInvitation>), ApiError> {
    only_org_admins(&caller, "invite members")?;
    let email = Email::parse(&body.email).map_err(|e| ApiError::invalid(e.to_string()))?;
    let name = body.name.as_deref().map(|n| name_param("the name", n)).transpose()?;
    let bot_ids = role_bots(&state, &caller, body.role, body.bot_ids.unwrap_or_default()).await?;
    let expires_at = expiry(body.expires_in.as_deref(), Some(INVITATION_LIFETIME))?.unwrap_or(Timestamp::MAX);
    let (code, hash) = new_token("lci_");
    let new = NewInvitation { email, name, role: body.role, bot_ids, hash, created_by: caller.member(), expires_at };
    let who = new.email.to_string();
    match state.store.create_invitation(caller.org_id(), new, caller.audit()).await? {
        TeamChange::Done(invitation) => Ok((StatusCode::CREATED, Json(CreatedInvitation { code, invitation }))),
        TeamChange::NotFound => Err(ApiError::not_found("your organization no longer exists")),
        TeamChange::Refused(refusal) => Err(team_refusal(refusal, &who)),
    }
}

#[utoipa::path(delete, path = "/v1/invitations/{id}", tag = "members", params(("id" = i64, Path, description = "The invitation's id")), security(("bearer" = [])), responses((status = 200, description = "The invitation, now revoked", body = Invitation), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "Already accepted or expired", body = ErrorBody)))]
async fn revoke_invitation(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Invitation>, ApiError> {
    only_org_admins(&caller, "revoke invitations")?;
    let found = state.store.revoke_invitation(caller.org_id(), id, Timestamp::now(), caller.audit()).await?;
    let invitation = found.ok_or_else(|| ApiError::not_found(format!("there is no invitation {id}")))?;
    match invitation.status {
        InvitationStatus::Revoked => Ok(Json(invitation)),
        status => Err(ApiError::new(
            ErrorCode::NotPending,
            format!("invitation {id} is {}, so there is nothing to revoke", status.as_str()),
        )),
    }
}

/// Exchanges an invitation's code for the new member's own token. The code is the only
/// credential, so this takes no bearer token.
#[utoipa::path(post, path = "/v1/invitations/accept", tag = "members", request_body = AcceptBody, responses((status = 201, body = Joined), (status = 400, body = ErrorBody), (status = 404, description = "No invitation has this code", body = ErrorBody), (status = 409, description = "The code was used, revoked or has expired, or the email is a member already", body = ErrorBody)))]
async fn accept_invitation(
    AxumState(state): AxumState<AppState>,
    from: ClientAddr,
    ApiJson(body): ApiJson<AcceptBody>,
) -> Result<(StatusCode, Json<Joined>), ApiError> {
    let token_name = name_or(body.token_name.as_deref(), "login")?;
    let (token, hash) = new_token("lc_");
    let new = NewToken { hash, name: token_name, expires_at: None };
    match state.store.accept_invitation(hash_token(body.code.trim()), new, Timestamp::now(), from.audit()).await? {
        Acceptance::Joined(joined) => Ok((StatusCode::CREATED, Json(Joined { token, me: joined.me }))),
        Acceptance::Unknown => Err(ApiError::not_found("no invitation has this code; check that it was copied whole")),
        Acceptance::Spent(status) => Err(ApiError::new(
            ErrorCode::InvitationSpent,
            format!("this invitation is {}; ask an org admin for a new one", status.as_str()),
        )),
        Acceptance::AlreadyMember => Err(ApiError::new(
            ErrorCode::AlreadyMember,
            "the invited email is a member already; log in with one of its tokens",
        )),
    }
}

#[utoipa::path(get, path = "/v1/members/{member}", tag = "members", params(MemberPath), security(("bearer" = [])), responses((status = 200, body = Member), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn show_member(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(MemberPath { member }): ApiPath<MemberPath>,
) -> Result<Json<Member>, ApiError> {
    Ok(Json(resolve_member(&state, &caller, &member).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RemoveQuery {
    /// Where the member's open requests go first: a member, or `none` to put them back in the
    /// queue. Without it, a member who holds open requests is not removed.
    #[param(pattern = r"^(none|me|[0-9]{1,18}|[^\x00@]*@[^\x00]*)$", max_length = 320)]
    reassign_to: Option<String>,
}

#[utoipa::path(delete, path = "/v1/members/{member}", tag = "members", params(MemberPath, RemoveQuery), security(("bearer" = [])), responses((status = 200, body = MemberRemoved), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "The member holds open requests, or is you", body = ErrorBody)))]
async fn remove_member(
    AxumState(state): AxumState<AppState>,
    caller: Caller,
    ApiPath(MemberPath { member: key }): ApiPath<MemberPath>,
    ApiQuery(query): ApiQuery<RemoveQuery>,
) -> Result<Json<MemberRemoved>, ApiError> {
    only_org_admins(&caller, "remove members")?;
    let member = resolve_member(&state, &caller, &key).await?;
    if member.id == caller.member_id() {
        return Err(ApiError::new(ErrorCode::RemovingYourself, "you cannot remove yourself; ask another org admin"));
    }
    let mut reassigned = Vec::new();
    if let Some(to) = query.reassign_to.as_deref() {
        let command = match to {
            "none" => Command::Unassign,
            to => {
                let heir = super::service::active(resolve_member(&state, &caller, to).await?)?;
                if heir.id == member.id {
                    return Err(ApiError::invalid(format!(
                        "`{to}` is the member being removed; name another member, or `none` for the queue"
                    )));
                }
                Command::Assign { to: heir.id.to_string() }
            }
        };
        reassigned = move_open_requests(&state, &caller, member.id, command).await?;
    }
    match state
        .store
        .remove_member(caller.org_id(), caller.member(), MemberId(member.id), Timestamp::now(), caller.audit())
        .await?
    {
        TeamChange::Done(member) => {
            state.auth_cache.forget();
            Ok(Json(MemberRemoved { member, reassigned }))
        }
        TeamChange::NotFound => Err(ApiError::not_found(format!("no member `{key}` in your organization"))),
        TeamChange::Refused(TeamRefusal::HoldsOpen(n)) if query.reassign_to.is_some() => {
            let failed = reassigned.iter().filter(|r| !r.outcome.is_success()).count();
            Err(ApiError::new(
                ErrorCode::HoldsOpenRequests,
                format!(
                    "{} still holds {n} open request{}; {failed} of them could not be moved; see each request's \
                     result and try again",
                    member.email,
                    if n == 1 { "" } else { "s" }
                ),
            ))
        }
        TeamChange::Refused(refusal) => Err(team_refusal(refusal, &member.email)),
    }
}

/// Moves every open request a member holds, through the same conditional path as bulk
/// changes: each is decided on its request as it is, at the version that was listed.
async fn move_open_requests(
    state: &AppState,
    caller: &Caller,
    member_id: i64,
    command: Command,
) -> Result<Vec<BatchResult>, ApiError> {
    let filter = RequestFilter {
        states: vec![State::Assigned, State::Chatting],
        assignee: AssigneeFilter::Member(member_id),
        ..RequestFilter::default()
    };
    let mut results = Vec::new();
    let mut after = None;
    loop {
        let page = state.store.list_requests(caller.org_id(), &filter, after, crate::api::MAX_PAGE).await?;
        let Some(last) = page.last() else { break };
        after = Some(crate::store::QueuePosition::of(last));
        let items = page
            .iter()
            .map(|r| Item { id: number(r.id), command: command.clone(), if_version: Some(r.version) })
            .collect();
        for (request, answer) in page.iter().zip(service::act_many(state, caller, items).await?) {
            results.push(super::requests::batch_result(number(request.id), answer)?);
        }
    }
    Ok(results)
}
