//! Running a team: tokens, invitations, removing members, bots and their integration keys.

use jiff::Timestamp;

use serde_json::json;

use super::audit;
use super::changes::write;
use super::members::{actor_and_target, count_org_admins, insert_member, lock_team, set_bot_admins};
use super::rows::{MEMBER_COLUMNS, MEMBER_WIDTH, load_bots, member_at, query_member};
use crate::api::{Bot, BotKey, Invitation, InvitationStatus, Me, Organization, TokenInfo};
use crate::domain::team::{self, Email};
use crate::domain::{Presence, State};
use crate::store::sql::{Conn, Row, Value, args, ms, push_in};
use crate::store::{
    Acceptance, Audit, Authenticated, BotId, MemberId, NewBot, NewInvitation, NewMember, NewToken, OrgId, StoreError,
    StoreResult, TeamChange,
};

/// How stale a token's `last_used_at` may get before a call writes it again: every call
/// writing would make each read a write.
const LAST_USED_GRAIN_MS: i64 = 60_000;

/// The member and organization of a live token (not revoked, not expired, member not removed).
pub fn authenticate(conn: &mut impl Conn, token_hash: [u8; 32], now: Timestamp) -> StoreResult<Option<Authenticated>> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS}, o.id, o.name, t.id, t.last_used_at FROM tokens t \
         JOIN members m ON m.id = t.member_id JOIN organizations o ON o.id = m.org_id \
         WHERE t.hash = ?1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?2) \
         AND m.removed_at IS NULL"
    );
    let Some(mut r) = conn.query_opt(&sql, &args![&token_hash[..], now])? else { return Ok(None) };
    let w = MEMBER_WIDTH;
    let token_id = r.i64(w + 2)?;
    if r.opt_i64(w + 3)?.is_none_or(|at| ms(now) - at >= LAST_USED_GRAIN_MS) {
        conn.execute("UPDATE tokens SET last_used_at = ?1 WHERE id = ?2", &args![now, token_id])?;
    }
    let organization = Organization { id: r.i64(w)?, name: r.str(w + 1)? };
    Ok(Some(Authenticated { me: Me { member: member_at(&mut r, 0)?, organization }, token_id }))
}

const TOKEN_SELECT: &str = "SELECT t.id, t.label, t.member_id, m.email, t.created_at, t.last_used_at, t.expires_at \
     FROM tokens t JOIN members m ON m.id = t.member_id";

fn token_row(r: &mut Row) -> StoreResult<TokenInfo> {
    Ok(TokenInfo {
        id: r.i64(0)?,
        name: r.str(1)?,
        member_id: r.i64(2)?,
        member_email: r.str(3)?,
        created_at: r.ts(4)?,
        last_used_at: r.opt_ts(5)?,
        expires_at: r.opt_ts(6)?,
        current: false,
    })
}

/// The organization a member belongs to.
fn org_of(conn: &mut impl Conn, member_id: MemberId) -> StoreResult<OrgId> {
    Ok(OrgId(conn.query_one("SELECT org_id FROM members WHERE id = ?1", &args![member_id])?.i64(0)?))
}

/// Makes a token for a member as `by` asks, with its audit record (never the token itself).
pub fn add_token(conn: &mut impl Conn, member_id: MemberId, token: &NewToken, by: Audit) -> StoreResult<TokenInfo> {
    let org_id = org_of(conn, member_id)?;
    write(conn, org_id, |c, _| {
        let info = insert_token(c, member_id, token)?;
        let summary = json!({"member": member_id.0, "name": info.name, "expires_at": info.expires_at});
        audit::record(c, org_id, by, "token.create", format_args!("token:{}", info.id), summary)?;
        Ok(info)
    })
}

fn insert_token(conn: &mut impl Conn, member_id: MemberId, token: &NewToken) -> StoreResult<TokenInfo> {
    let id = conn
        .query_one(
            "INSERT INTO tokens (member_id, hash, label, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             RETURNING id",
            &args![member_id, &token.hash[..], token.name.as_str(), Timestamp::now(), token.expires_at],
        )?
        .i64(0)?;
    let sql = format!("{TOKEN_SELECT} WHERE t.id = ?1");
    token_row(&mut conn.query_one(&sql, &args![id])?)
}

/// The organization's live tokens (expired ones included, revoked ones not), or one member's.
pub fn tokens(conn: &mut impl Conn, org_id: OrgId, owner: Option<MemberId>) -> StoreResult<Vec<TokenInfo>> {
    let mut sql = format!("{TOKEN_SELECT} WHERE m.org_id = ?1 AND t.revoked_at IS NULL");
    let mut values = args![org_id];
    if let Some(owner) = owner {
        sql.push_str(" AND t.member_id = ?2");
        values.push(owner.into());
    }
    sql.push_str(" ORDER BY t.id");
    conn.query(&sql, &values)?.iter_mut().map(token_row).collect()
}

/// Revokes a token of the organization (of `owner`, if given); `None` if there is no such
/// live token.
pub fn revoke_token(
    conn: &mut impl Conn,
    org_id: OrgId,
    token_id: i64,
    owner: Option<MemberId>,
    now: Timestamp,
    by: Audit,
) -> StoreResult<Option<TokenInfo>> {
    write(conn, org_id, |c, _| {
        let mut sql = format!("{TOKEN_SELECT} WHERE t.id = ?1 AND m.org_id = ?2 AND t.revoked_at IS NULL");
        let mut values = args![token_id, org_id];
        if let Some(owner) = owner {
            sql.push_str(" AND t.member_id = ?3");
            values.push(owner.into());
        }
        let Some(mut row) = c.query_opt(&sql, &values)? else { return Ok(None) };
        c.execute("UPDATE tokens SET revoked_at = ?1 WHERE id = ?2", &args![now, token_id])?;
        let token = token_row(&mut row)?;
        let summary = json!({"member": token.member_id, "name": token.name});
        audit::record(c, org_id, by, "token.revoke", format_args!("token:{token_id}"), summary)?;
        Ok(Some(token))
    })
}

const INVITATION_SELECT: &str = "SELECT id, email, name, role, bot_ids, created_by, created_at, expires_at, \
     accepted_at, member_id, revoked_at, org_id FROM invitations";

fn invitation_row(r: &mut Row, now: Timestamp) -> StoreResult<Invitation> {
    let expires_at = r.ts(7)?;
    let status = if r.opt_i64(10)?.is_some() {
        InvitationStatus::Revoked
    } else if r.opt_i64(8)?.is_some() {
        InvitationStatus::Accepted
    } else if expires_at <= now {
        InvitationStatus::Expired
    } else {
        InvitationStatus::Pending
    };
    Ok(Invitation {
        id: r.i64(0)?,
        email: r.str(1)?,
        name: r.opt_str(2)?,
        role: r.word(3)?,
        bot_ids: r.str(4)?.split(',').filter_map(|b| b.parse().ok()).collect(),
        status,
        created_by: r.i64(5)?,
        created_at: r.ts(6)?,
        expires_at,
        member_id: r.opt_i64(9)?,
    })
}

/// Writes an invitation, unless the team's rules refuse it: the email is an active member's,
/// or already has a pending invitation. Decided with the organization's team changes taking
/// turns, so invitations sent at once to one email make exactly one.
pub fn create_invitation(
    conn: &mut impl Conn,
    org_id: OrgId,
    new: &NewInvitation,
    by: Audit,
) -> StoreResult<TeamChange<Invitation>> {
    write(conn, org_id, |c, _| {
        let now = Timestamp::now();
        lock_team(c, org_id)?;
        let member = c.query_opt(
            "SELECT id, removed_at FROM members WHERE org_id = ?1 AND email = ?2",
            &args![org_id, new.email.as_str()],
        )?;
        let member = member.map(|r| Ok::<_, StoreError>((r.i64(0)?, r.opt_i64(1)?.is_some()))).transpose()?;
        let pending = c.query_opt(
            "SELECT id FROM invitations WHERE org_id = ?1 AND email = ?2 AND revoked_at IS NULL \
             AND accepted_at IS NULL AND expires_at > ?3",
            &args![org_id, new.email.as_str(), now],
        )?;
        let pending = pending.map(|r| r.i64(0)).transpose()?;
        if let Err(refusal) = team::invite(member, pending) {
            return Ok(TeamChange::Refused(refusal));
        }
        let bots = new.bot_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let id = c
            .query_one(
                "INSERT INTO invitations (org_id, email, name, role, bot_ids, hash, created_by, created_at, expires_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
                &args![
                    org_id,
                    new.email.as_str(),
                    new.name.clone(),
                    new.role.as_str(),
                    bots,
                    &new.hash[..],
                    new.created_by,
                    now,
                    new.expires_at
                ],
            )?
            .i64(0)?;
        let sql = format!("{INVITATION_SELECT} WHERE id = ?1");
        let invitation = invitation_row(&mut c.query_one(&sql, &args![id])?, now)?;
        let summary = json!({"email": invitation.email, "role": invitation.role, "bots": invitation.bot_ids});
        audit::record(c, org_id, by, "invitation.create", format_args!("invitation:{id}"), summary)?;
        Ok(TeamChange::Done(invitation))
    })
}

pub fn invitations(conn: &mut impl Conn, org_id: OrgId, now: Timestamp) -> StoreResult<Vec<Invitation>> {
    let sql = format!("{INVITATION_SELECT} WHERE org_id = ?1 ORDER BY id");
    conn.query(&sql, &args![org_id])?.iter_mut().map(|r| invitation_row(r, now)).collect()
}

/// Revokes a pending invitation; an invitation that is no longer pending is returned as it is.
pub fn revoke_invitation(
    conn: &mut impl Conn,
    org_id: OrgId,
    id: i64,
    now: Timestamp,
    by: Audit,
) -> StoreResult<Option<Invitation>> {
    write(conn, org_id, |c, _| {
        let revoked = c.execute(
            "UPDATE invitations SET revoked_at = ?1 WHERE id = ?2 AND org_id = ?3 AND revoked_at IS NULL \
             AND accepted_at IS NULL",
            &args![now, id, org_id],
        )?;
        let sql = format!("{INVITATION_SELECT} WHERE id = ?1 AND org_id = ?2");
        let invitation = c.query_opt(&sql, &args![id, org_id])?.map(|mut r| invitation_row(&mut r, now)).transpose()?;
        if let Some(invitation) = invitation.as_ref().filter(|_| revoked > 0) {
            let summary = json!({"email": invitation.email});
            audit::record(c, org_id, by, "invitation.revoke", format_args!("invitation:{id}"), summary)?;
        }
        Ok(invitation)
    })
}

/// Exchanges an invitation's code for a membership and its first token, once: the member is
/// created, or a removed member with that email comes back with the invitation's role.
pub fn accept_invitation(
    conn: &mut impl Conn,
    code_hash: [u8; 32],
    token: &NewToken,
    now: Timestamp,
    by: Audit,
) -> StoreResult<Acceptance> {
    // An invitation's organization never changes: read outside the transaction that moves
    // its generation.
    let Some(org) = conn.query_opt("SELECT org_id FROM invitations WHERE hash = ?1", &args![&code_hash[..]])? else {
        return Ok(Acceptance::Unknown);
    };
    write(conn, OrgId(org.i64(0)?), |c, _| {
        let lock = c.dialect().lock_rows("invitations");
        let sql = format!("{INVITATION_SELECT} WHERE hash = ?1{lock}");
        let Some(mut row) = c.query_opt(&sql, &[Value::from(&code_hash[..])])? else { return Ok(Acceptance::Unknown) };
        let invitation = invitation_row(&mut row, now)?;
        let org_id = OrgId(row.i64(11)?);
        match invitation.status {
            InvitationStatus::Pending => {}
            status => return Ok(Acceptance::Spent(status)),
        }
        // Invitations written before emails were normalized are read the same way.
        let email = Email::parse(&invitation.email)
            .map_err(|e| StoreError::Database(format!("invitation {}: {e}", invitation.id)))?;
        let existing = c.query_opt(
            "SELECT id, removed_at FROM members WHERE org_id = ?1 AND email = ?2",
            &args![org_id, email.as_str()],
        )?;
        let member_id = match existing {
            Some(r) if r.opt_i64(1)?.is_none() => return Ok(Acceptance::AlreadyMember),
            Some(r) => {
                let id = MemberId(r.i64(0)?);
                c.execute(
                    "UPDATE members SET removed_at = NULL, role = ?1, presence = ?2, name = coalesce(?3, name) \
                     WHERE id = ?4",
                    &args![invitation.role.as_str(), Presence::Offline.as_str(), invitation.name.clone(), id],
                )?;
                set_bot_admins(c, id, &invitation.bot_ids)?;
                id
            }
            None => {
                let name = invitation.name.clone().unwrap_or_else(|| email.local_part().to_string());
                let new = NewMember {
                    email: email.clone(),
                    name,
                    role: invitation.role,
                    bot_ids: invitation.bot_ids.clone(),
                    presence: Presence::Offline,
                };
                MemberId(insert_member(c, org_id, &new)?.id)
            }
        };
        c.execute(
            "UPDATE invitations SET accepted_at = ?1, member_id = ?2 WHERE id = ?3",
            &args![now, member_id, invitation.id],
        )?;
        insert_token(c, member_id, token)?;
        // The invitee acts: they had no membership to act with before.
        let by = Audit { actor: Some(member_id), ..by };
        let summary = json!({"invitation": invitation.id, "email": email.as_str(), "role": invitation.role});
        audit::record(c, org_id, by, "invitation.accept", format_args!("member:{member_id}"), summary)?;
        authenticate(c, token.hash, now)?
            .map(Acceptance::Joined)
            .ok_or_else(|| StoreError::Database("the new member's token does not authenticate".into()))
    })
}

/// Removes a member, as `actor` asks, if the team's rules allow it now: the member holds no
/// open request and is not the last org admin. Their tokens are revoked and their history
/// stays. Removing a removed member changes nothing.
pub fn remove_member(
    conn: &mut impl Conn,
    org_id: OrgId,
    actor: MemberId,
    member_id: MemberId,
    now: Timestamp,
    by: Audit,
) -> StoreResult<TeamChange<crate::api::Member>> {
    write(conn, org_id, |c, _| {
        // The team first, then the member's row: an assignment holds that row shared until it
        // commits, so the open requests are counted after any assignment to them is in.
        lock_team(c, org_id)?;
        let Some((actor, target)) = actor_and_target(c, org_id, actor, member_id)? else {
            return Ok(TeamChange::NotFound);
        };
        if target.removed {
            let member = query_member(c, org_id, "m.id = ?2", member_id.into())?;
            return Ok(member.map_or(TeamChange::NotFound, TeamChange::Done));
        }
        let mut sql = String::from("SELECT count(*) FROM requests WHERE org_id = ?1 AND assignee_id = ?2");
        let mut values = args![org_id, member_id];
        push_in(&mut sql, &mut values, "state", [State::Assigned, State::Chatting].iter().map(|s| s.rank()));
        let open = c.query_one(&sql, &values)?.count(0)?;
        if let Err(refusal) = team::remove(&actor, &target, count_org_admins(c, org_id)?, open) {
            return Ok(TeamChange::Refused(refusal));
        }
        c.execute(
            "UPDATE members SET removed_at = ?1, presence = ?2 WHERE id = ?3",
            &args![now, Presence::Offline.as_str(), member_id],
        )?;
        c.execute(
            "UPDATE tokens SET revoked_at = ?1 WHERE member_id = ?2 AND revoked_at IS NULL",
            &args![now, member_id],
        )?;
        // What they invited and nobody has accepted goes with them.
        c.execute(
            "UPDATE invitations SET revoked_at = ?1 WHERE created_by = ?2 AND accepted_at IS NULL AND revoked_at IS NULL",
            &args![now, member_id],
        )?;
        let member = query_member(c, org_id, "m.id = ?2", member_id.into())?;
        let summary = json!({"email": member.as_ref().map(|m| &m.email), "tokens_revoked": true});
        audit::record(c, org_id, by, "member.remove", format_args!("member:{member_id}"), summary)?;
        Ok(member.map_or(TeamChange::NotFound, TeamChange::Done))
    })
}

fn json(value: &impl serde::Serialize) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Database(e.to_string()))
}

fn channel_list(bot: &[crate::domain::Channel]) -> String {
    bot.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")
}

pub fn add_bot(conn: &mut impl Conn, org_id: OrgId, bot: &NewBot, by: Audit) -> StoreResult<Bot> {
    write(conn, org_id, |c, _| {
        let made = insert_bot(c, org_id, bot)?;
        let summary = json!({"name": made.name, "channels": made.channels});
        audit::record(c, org_id, by, "bot.create", format_args!("bot:{}", made.id), summary)?;
        Ok(made)
    })
}

fn insert_bot(conn: &mut impl Conn, org_id: OrgId, bot: &NewBot) -> StoreResult<Bot> {
    let id = conn
        .query_one(
            "INSERT INTO bots (org_id, name, channels, created_at, texts, form) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             RETURNING id",
            &args![
                org_id,
                bot.name.as_str(),
                channel_list(&bot.channels),
                Timestamp::now(),
                json(&bot.texts)?,
                json(&bot.form)?
            ],
        )?
        .i64(0)?;
    Ok(Bot {
        id,
        name: bot.name.clone(),
        channels: bot.channels.clone(),
        texts: bot.texts.clone(),
        form: bot.form.clone(),
        embed_origins: Vec::new(),
    })
}

pub fn bot(conn: &mut impl Conn, org_id: OrgId, bot_id: BotId) -> StoreResult<Option<Bot>> {
    Ok(load_bots(conn, "id = ?1 AND org_id = ?2", bot_id.0, Some(org_id.0))?.into_iter().next().map(|(_, b)| b))
}

/// Writes every setting of `bot`; `None` if the organization has no such bot. The audit
/// record names the settings that changed.
pub fn update_bot(conn: &mut impl Conn, org_id: OrgId, new: &Bot, by: Audit) -> StoreResult<Option<Bot>> {
    write(conn, org_id, |c, _| {
        let lock = c.dialect().lock_rows("bots");
        let sql = format!("SELECT id FROM bots WHERE id = ?1 AND org_id = ?2{lock}");
        if c.query_opt(&sql, &args![new.id, org_id])?.is_none() {
            return Ok(None);
        }
        let Some(old) = bot(c, org_id, BotId(new.id))? else { return Ok(None) };
        write_bot(c, org_id, new)?;
        let changed: Vec<&str> = [
            ("name", old.name != new.name),
            ("channels", old.channels != new.channels),
            ("texts", json(&old.texts)? != json(&new.texts)?),
            ("form", json(&old.form)? != json(&new.form)?),
            ("embed_origins", old.embed_origins != new.embed_origins),
        ]
        .into_iter()
        .filter_map(|(setting, differs)| differs.then_some(setting))
        .collect();
        let summary = json!({"changed": changed, "name": new.name});
        audit::record(c, org_id, by, "bot.update", format_args!("bot:{}", new.id), summary)?;
        Ok(Some(new.clone()))
    })
}

fn write_bot(conn: &mut impl Conn, org_id: OrgId, bot: &Bot) -> StoreResult<()> {
    conn.execute(
        "UPDATE bots SET name = ?1, channels = ?2, texts = ?3, form = ?4, embed_origins = ?5 WHERE id = ?6 \
         AND org_id = ?7",
        &args![
            bot.name.as_str(),
            channel_list(&bot.channels),
            json(&bot.texts)?,
            json(&bot.form)?,
            json(&bot.embed_origins)?,
            bot.id,
            org_id
        ],
    )?;
    Ok(())
}

const KEY_SELECT: &str = "SELECT k.id, k.bot_id, k.name, k.created_at, k.last_used_at FROM bot_keys k \
     JOIN bots b ON b.id = k.bot_id";

fn key_row(r: &mut Row) -> StoreResult<BotKey> {
    Ok(BotKey { id: r.i64(0)?, bot_id: r.i64(1)?, name: r.str(2)?, created_at: r.ts(3)?, last_used_at: r.opt_ts(4)? })
}

pub fn add_bot_key(
    conn: &mut impl Conn,
    org_id: OrgId,
    bot_id: BotId,
    hash: [u8; 32],
    name: &str,
    by: Audit,
) -> StoreResult<Option<BotKey>> {
    write(conn, org_id, |c, _| {
        if bot(c, org_id, bot_id)?.is_none() {
            return Ok(None);
        }
        let id = c
            .query_one(
                "INSERT INTO bot_keys (bot_id, hash, name, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id",
                &args![bot_id, &hash[..], name, Timestamp::now()],
            )?
            .i64(0)?;
        let key = key_row(&mut c.query_one(&format!("{KEY_SELECT} WHERE k.id = ?1"), &args![id])?)?;
        let summary = json!({"bot": bot_id.0, "name": key.name});
        audit::record(c, org_id, by, "bot.key.create", format_args!("bot_key:{id}"), summary)?;
        Ok(Some(key))
    })
}

/// A bot's live keys; `None` if the organization has no such bot.
pub fn bot_keys(conn: &mut impl Conn, org_id: OrgId, bot_id: BotId) -> StoreResult<Option<Vec<BotKey>>> {
    if bot(conn, org_id, bot_id)?.is_none() {
        return Ok(None);
    }
    let sql = format!("{KEY_SELECT} WHERE k.bot_id = ?1 AND k.revoked_at IS NULL ORDER BY k.id");
    conn.query(&sql, &args![bot_id])?.iter_mut().map(key_row).collect::<StoreResult<_>>().map(Some)
}

pub fn revoke_bot_key(
    conn: &mut impl Conn,
    org_id: OrgId,
    bot_id: BotId,
    key_id: i64,
    now: Timestamp,
    by: Audit,
) -> StoreResult<Option<BotKey>> {
    write(conn, org_id, |c, _| {
        let sql = format!("{KEY_SELECT} WHERE k.id = ?1 AND k.bot_id = ?2 AND b.org_id = ?3 AND k.revoked_at IS NULL");
        let Some(mut row) = c.query_opt(&sql, &args![key_id, bot_id, org_id])? else { return Ok(None) };
        c.execute("UPDATE bot_keys SET revoked_at = ?1 WHERE id = ?2", &args![now, key_id])?;
        let key = key_row(&mut row)?;
        let summary = json!({"bot": bot_id.0, "name": key.name});
        audit::record(c, org_id, by, "bot.key.revoke", format_args!("bot_key:{key_id}"), summary)?;
        Ok(Some(key))
    })
}

/// The bot a live integration key belongs to, with its organization.
pub fn bot_by_key(conn: &mut impl Conn, hash: [u8; 32], now: Timestamp) -> StoreResult<Option<(OrgId, Bot)>> {
    let Some(r) = conn.query_opt(
        "SELECT id, bot_id, last_used_at FROM bot_keys WHERE hash = ?1 AND revoked_at IS NULL",
        &[Value::from(&hash[..])],
    )?
    else {
        return Ok(None);
    };
    if r.opt_i64(2)?.is_none_or(|at| ms(now) - at >= LAST_USED_GRAIN_MS) {
        conn.execute("UPDATE bot_keys SET last_used_at = ?1 WHERE id = ?2", &args![now, r.i64(0)?])?;
    }
    Ok(load_bots(conn, "id = ?1", r.i64(1)?, None)?.into_iter().next().map(|(org, bot)| (OrgId(org), bot)))
}

/// Members of the organization who are online now.
pub fn anyone_online(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<bool> {
    let found = conn.query_opt(
        "SELECT 1 FROM members WHERE org_id = ?1 AND presence = ?2 AND removed_at IS NULL LIMIT 1",
        &args![org_id, Presence::Online.as_str()],
    )?;
    Ok(found.is_some())
}

/// Keeps a dashboard sign-in code's digest for `member_id` until `expires_at`.
pub fn add_sign_in_code(
    conn: &mut impl Conn,
    member_id: MemberId,
    hash: [u8; 32],
    expires_at: Timestamp,
) -> StoreResult<()> {
    let org_id = org_of(conn, member_id)?;
    write(conn, org_id, |c, _| {
        // Spent and expired codes are of no further use; clearing them here keeps the table small.
        c.execute("DELETE FROM sign_in_codes WHERE expires_at < ?1", &args![Timestamp::now()])?;
        c.execute(
            "INSERT INTO sign_in_codes (hash, member_id, expires_at) VALUES (?1, ?2, ?3)",
            &args![&hash[..], member_id, expires_at],
        )?;
        Ok(())
    })
}

/// Spends a sign-in code, once, for a session token of its member; `None` if the code is
/// unknown, spent or expired, or its member was removed.
pub fn redeem_sign_in_code(
    conn: &mut impl Conn,
    hash: [u8; 32],
    session: &NewToken,
    now: Timestamp,
    by: Audit,
) -> StoreResult<Option<TokenInfo>> {
    let code = conn.query_opt(
        "SELECT m.org_id FROM sign_in_codes s JOIN members m ON m.id = s.member_id WHERE s.hash = ?1",
        &args![&hash[..]],
    )?;
    let Some(code) = code else { return Ok(None) };
    let org_id = OrgId(code.i64(0)?);
    write(conn, org_id, |c, _| {
        let spent = c.query_opt(
            "UPDATE sign_in_codes SET used_at = ?2 WHERE hash = ?1 AND used_at IS NULL AND expires_at > ?2 \
             AND member_id IN (SELECT id FROM members WHERE removed_at IS NULL) RETURNING member_id",
            &args![&hash[..], now],
        )?;
        let Some(row) = spent else { return Ok(None) };
        let member = MemberId(row.i64(0)?);
        // A member's expired sessions would otherwise pile up in their token list.
        c.execute(
            "UPDATE tokens SET revoked_at = ?3 WHERE member_id = ?1 AND label = ?2 AND expires_at <= ?3 \
             AND revoked_at IS NULL",
            &args![member, session.name.as_str(), now],
        )?;
        let token = insert_token(c, member, session)?;
        // Whoever holds the code signs in as its member.
        let by = Audit { actor: Some(member), ..by };
        let summary = json!({"session": token.id, "expires_at": token.expires_at});
        audit::record(c, org_id, by, "dashboard.sign_in", format_args!("member:{member}"), summary)?;
        Ok(Some(token))
    })
}
