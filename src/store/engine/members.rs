//! Organizations, members, tokens and bots.

use crate::store::{MemberId, OrgId};
use jiff::Timestamp;

use super::changes::{write, write_found};
use super::rows::query_member;
use crate::api::{Me, Member, Organization};
use crate::domain::team::{self, Roster, Teammate};
use crate::domain::{Presence, Role};
use crate::store::sql::{Conn, Value, args, push_in};
use crate::store::{Audit, NewMember, StoreError, StoreResult, TeamChange};
use serde_json::json;

use super::audit;

pub fn set_bot_admins(conn: &mut impl Conn, member_id: MemberId, bots: &[i64]) -> StoreResult<()> {
    conn.execute("DELETE FROM bot_admins WHERE member_id = ?1", &args![member_id])?;
    for bot in bots {
        conn.execute("INSERT INTO bot_admins (member_id, bot_id) VALUES (?1, ?2)", &args![member_id, *bot])?;
    }
    Ok(())
}

/// Adds a member as `by` asks, with its audit record.
pub fn add_member(conn: &mut impl Conn, org_id: OrgId, m: &NewMember, by: Audit) -> StoreResult<Member> {
    write(conn, org_id, |c, _| {
        let member = insert_member(c, org_id, m)?;
        let summary = json!({"email": member.email, "role": member.role, "bots": member.bot_ids});
        audit::record(c, org_id, by, "member.add", format_args!("member:{}", member.id), summary)?;
        Ok(member)
    })
}

pub fn insert_member(conn: &mut impl Conn, org_id: OrgId, m: &NewMember) -> StoreResult<Member> {
    let id = conn
        .query_one(
            "INSERT INTO members (org_id, email, name, role, presence, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             RETURNING id",
            &args![org_id, m.email.as_str(), m.name.as_str(), m.role.as_str(), m.presence.as_str(), Timestamp::now()],
        )
        .map_err(|e| match e {
            StoreError::Duplicate(_) => {
                StoreError::Duplicate(format!("a member with email {} already exists", m.email))
            }
            other => other,
        })?
        .i64(0)?;
    set_bot_admins(conn, MemberId(id), &m.bot_ids)?;
    query_member(conn, org_id, "m.id = ?2", Value::Int(id))?
        .ok_or_else(|| StoreError::Database("new member vanished".into()))
}

pub fn create_organization(conn: &mut impl Conn, name: &str, admin: &NewMember) -> StoreResult<Me> {
    write_found(conn, |c| {
        let org_id = c
            .query_one(
                "INSERT INTO organizations (name, created_at) VALUES (?1, ?2) RETURNING id",
                &args![name, Timestamp::now()],
            )?
            .i64(0)?;
        let member = insert_member(c, OrgId(org_id), admin)?;
        let summary = json!({"name": name, "admin": member.email});
        audit::record(
            c,
            OrgId(org_id),
            Audit::SERVER,
            "organization.create",
            format_args!("organization:{org_id}"),
            summary,
        )?;
        Ok((vec![OrgId(org_id)], Me { member, organization: Organization { id: org_id, name: name.to_string() } }))
    })
}

/// Makes the organization's team changes take turns: role changes, removals and invitations
/// each decide on the team as it is after the ones before them. Taken before any member row.
pub fn lock_team(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<()> {
    let lock = conn.dialect().lock_rows("o");
    conn.query(&format!("SELECT o.id FROM organizations o WHERE o.id = ?1{lock}"), &args![org_id])?;
    Ok(())
}

/// The organization's members with these ids, as the team rules see them, locked: for update
/// when the transaction will change them, else shared, so a removal waits for an assignment
/// that read its assignee, and the assignment reads what a finished removal left.
pub fn teammates(conn: &mut impl Conn, org_id: OrgId, ids: &[i64], for_update: bool) -> StoreResult<Roster> {
    if ids.is_empty() {
        return Ok(Roster::default());
    }
    let mut sql = "SELECT m.id, m.role, m.removed_at FROM members m WHERE m.org_id = ?".to_string();
    let mut values = args![org_id];
    push_in(&mut sql, &mut values, "m.id", ids.iter().copied());
    let lock = if for_update { conn.dialect().lock_rows("m") } else { conn.dialect().share_rows("m") };
    sql.push_str(&format!(" ORDER BY m.id{lock}"));
    let rows = conn.query(&sql, &values)?;
    let mut members = Vec::with_capacity(rows.len());
    for row in rows {
        members.push(Teammate { id: row.i64(0)?, role: row.word(1)?, removed: row.opt_i64(2)?.is_some() });
    }
    Ok(Roster::new(members))
}

/// How many active org admins the organization has.
pub fn count_org_admins(conn: &mut impl Conn, org_id: OrgId) -> StoreResult<u64> {
    conn.query_one(
        "SELECT count(*) FROM members WHERE org_id = ?1 AND role = ?2 AND removed_at IS NULL",
        &args![org_id, Role::OrgAdmin.as_str()],
    )?
    .count(0)
}

/// The actor and the target, locked for update in id order; `None` when the target is not
/// the organization's.
pub fn actor_and_target(
    conn: &mut impl Conn,
    org_id: OrgId,
    actor: MemberId,
    target: MemberId,
) -> StoreResult<Option<(Teammate, Teammate)>> {
    let roster = teammates(conn, org_id, &[actor.0, target.0], true)?;
    let nobody = Teammate { id: actor.0, role: Role::Agent, removed: true };
    Ok(roster.get(target.0).map(|t| (roster.get(actor.0).copied().unwrap_or(nobody), *t)))
}

/// Gives a member a role, as `actor` asks, if the team's rules allow it now.
pub fn set_role(
    conn: &mut impl Conn,
    org_id: OrgId,
    actor: MemberId,
    member_id: MemberId,
    role: Role,
    bots: &[i64],
    by: Audit,
) -> StoreResult<TeamChange<Member>> {
    write(conn, org_id, |c, _| {
        lock_team(c, org_id)?;
        let Some((actor, target)) = actor_and_target(c, org_id, actor, member_id)? else {
            return Ok(TeamChange::NotFound);
        };
        let before = query_member(c, org_id, "m.id = ?2", member_id.into())?;
        if let Err(refusal) = team::change_role(&actor, &target, role, count_org_admins(c, org_id)?) {
            return Ok(TeamChange::Refused(refusal));
        }
        c.execute(
            "UPDATE members SET role = ?1 WHERE id = ?2 AND org_id = ?3",
            &args![role.as_str(), member_id, org_id],
        )?;
        set_bot_admins(c, member_id, bots)?;
        let from = before.map(|m| json!({"role": m.role, "bots": m.bot_ids}));
        let summary = json!({"from": from, "to": {"role": role, "bots": bots}});
        audit::record(c, org_id, by, "member.role", format_args!("member:{member_id}"), summary)?;
        Ok(query_member(c, org_id, "m.id = ?2", member_id.into())?.map_or(TeamChange::NotFound, TeamChange::Done))
    })
}

pub fn set_presence(
    conn: &mut impl Conn,
    org_id: OrgId,
    member_id: MemberId,
    presence: Presence,
) -> StoreResult<Option<Member>> {
    write(conn, org_id, |c, _| {
        c.execute(
            "UPDATE members SET presence = ?1 WHERE id = ?2 AND org_id = ?3",
            &args![presence.as_str(), member_id, org_id],
        )?;
        query_member(c, org_id, "m.id = ?2", member_id.into())
    })
}
